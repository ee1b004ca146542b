"""The catalogue's data model: `zwgk.yaml` (settings) and one domain file per policy domain.

Every field has a Chinese title: messages, the JSON Schema and the editor show it beside the key.
Vocabularies that come from `zwgk.yaml` (levels, channels, units) are checked by `rules`,
not here, because a single file cannot know them.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Annotated, Any, Literal

import pydantic_core
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

SCHEMA_VERSION = 1

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Names Windows keeps for devices, in any case and with any extension: no file or folder can be
# made with one, so no slug that names an output file or folder (domains, units) may be one.
WINDOWS_DEVICE_NAMES: frozenset[str] = frozenset(
    {"con", "prn", "aux", "nul", "clock$"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_date(value: Any) -> Any:
    """Accept a date or a `YYYY-MM-DD` text; refuse numbers (pydantic would read them as timestamps)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE_RE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("date_format", "date must be YYYY-MM-DD")


def _check_subject(value: Any) -> Any:
    """A subject is one text, or a mapping from level to text; give one clear error otherwise."""
    if isinstance(value, str):
        return value
    if (
        isinstance(value, dict)
        and value
        and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    ):
        return value
    raise PydanticCustomError("subject_type", "subject must be text or a mapping level -> text")


IsoDate = Annotated[date, BeforeValidator(_parse_date)]
UnitKind = Literal[
    "区政府部门", "区属机构", "垂直管理单位", "镇人民政府", "街道办事处", "村民委员会", "居民委员会", "其他"
]
Text = Annotated[str, Field(min_length=1)]
Subject = Annotated[str | dict[str, str], BeforeValidator(_check_subject)]


class Model(BaseModel):
    """Base of every model: unknown keys are errors, no silent type coercion, immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class Unit(Model):
    """One body in the unit registry."""

    name: Text = Field(
        title="单位名称", description="目录中引用该单位时使用的名称，如“区民政局”“龙溪街道办事处”"
    )
    slug: str = Field(title="单位代码", pattern=SLUG_PATTERN, description="小写英文字母、数字和连字符")
    kind: UnitKind = Field(title="单位类别")
    full_name: str | None = Field(default=None, title="单位全称")
    place: str | None = Field(
        default=None, title="所辖镇街", description="镇、街道单位对应的地名，如“龙溪街道”"
    )
    parent: str | None = Field(
        default=None,
        title="所属镇街",
        description="村民委员会、居民委员会所属的镇人民政府或街道办事处的名称，如“龙溪街道办事处”",
    )
    outside: str | None = Field(
        default=None,
        title="不在本目录范围",
        description="本目录不适用于该单位时写明原因，如“由两江新区直管区代管”：单位组按类别不包含它，"
        "不生成它的镇街目录，事项不能以它为公开主体",
    )


class Group(Model):
    """A named group of units, such as 各镇人民政府（街道办事处）."""

    name: Text = Field(title="单位组名称")
    slug: str = Field(title="单位组代码", pattern=SLUG_PATTERN)
    kinds: list[UnitKind] = Field(default_factory=list, title="包含的单位类别")
    members: list[Text] = Field(default_factory=list, title="包含的单位")


class NotApplicable(Model):
    """A required domain this catalogue does not cover, with the reason (未涉及领域事项说明)."""

    domain: Text = Field(title="领域名称")
    reason: Text = Field(title="未涉及原因")


class Upstream(Model):
    """The upstream catalogue (上级标准指引) this catalogue claims items from."""

    path: Text = Field(title="上级目录文件夹", description="相对于本目录文件夹，如 upstream-chongqing")
    edition: str | None = Field(
        default=None, title="认领时的上级版本", description="认领时上级目录的版本；上级改版后提示复核"
    )
    levels: dict[str, str] = Field(
        title="层级对应",
        min_length=1,
        description="上级层级 → 本目录层级，如 区县级: 区级；没有列出的上级层级（如 市级）不需要认领",
    )


class Decline(Model):
    """An upstream item this catalogue does not claim, and why."""

    item: Text = Field(title="上级事项编号")
    reason: Text = Field(title="不认领原因")


class Stage(Model):
    """One stage of the review chain (逐级审核), in the order the chain runs."""

    name: Text = Field(title="环节名称", description="如“部门审核”“集中审查”“复审”“定稿”“发布”")
    actor: Text = Field(title="办理单位", description="谁办理这一环节，如“区政务办”“各领域主体责任单位”")
    due: IsoDate = Field(title="截止日期", description="这一环节须在此日期前（含当日）完成（YYYY-MM-DD）")
    after: str | None = Field(
        default=None, title="前一环节", description="须先通过的环节名称；不写就是列表中的上一个环节"
    )
    note: str | None = Field(default=None, title="说明", description="这一环节要做什么，如报送渠道")


class Review(Model):
    """The review chain every domain goes through before it is published (先审后发)."""

    stages: list[Stage] = Field(title="审核环节", min_length=1, description="按先后顺序排列")
    require: str | None = Field(
        default=None,
        title="发布前须达到的环节",
        description="构建时只公开已通过这一环节的领域（与 zwgk build --require-stage 相同），如“定稿”",
    )
    office: str | None = Field(
        default=None, title="审查单位", description="审查意见书的署名单位，如“区政务办”；不写就用发布机关"
    )


class Settings(Model):
    """`zwgk.yaml`: what the whole catalogue shares."""

    schema_version: Literal[1] = Field(title="格式版本")
    region: Text = Field(title="行政区划", description="如“重庆市渝北区”")
    issuer: Text = Field(title="发布机关")
    document: str | None = Field(default=None, title="文号", description="目录本身的发文文号；没有就不写")
    basis: list[Text] = Field(
        default_factory=list,
        title="编制依据",
        description="据以编制目录的文件，每项带书名号，如《…通知》（渝北府办发〔2020〕17号）",
    )
    title: str | None = Field(default=None, title="目录标题")
    scope: str | None = Field(
        default=None, title="适用范围", description="目录适用于哪些机关和地域；印在首页和工作簿封面"
    )
    edition: Text = Field(title="版本", description="如“2020年版”")
    published: IsoDate = Field(title="发布日期", description="印在所有输出上的日期（YYYY-MM-DD）")
    example: bool = Field(
        default=False, title="示例目录", description="为 true 时所有输出都注明这是示例，不是正式发布"
    )
    levels: list[Text] = Field(title="公开层级", min_length=1, description="有序的层级名称，如 区级、镇街")
    channels: list[Text] = Field(title="公开渠道和载体", min_length=1)
    domains: list[Text] = Field(title="应编制领域", min_length=1)
    not_applicable: list[NotApplicable] = Field(default_factory=list, title="未涉及领域")
    units: list[Unit] = Field(title="单位名录", min_length=1)
    groups: list[Group] = Field(default_factory=list, title="单位组")
    upstream: Upstream | None = Field(default=None, title="上级目录", description="认领事项的上级标准指引")
    review: Review | None = Field(
        default=None, title="审核流程", description="逐级审核的环节和截止日期；审核记录在 reviews/ 文件夹"
    )

    def display_title(self) -> str:
        """The catalogue's title, defaulting to the usual wording."""
        return self.title or f"{self.region}基层政务公开标准目录"


class Waiver(Model):
    """Silences one warning on one item, with a reason shown in reports."""

    code: Text = Field(title="警告代码")
    reason: Text = Field(title="豁免理由")


class Item(Model):
    """One row of the published table: a 二级事项 under its 一级事项."""

    id: str = Field(title="事项编号", pattern=ID_PATTERN, description="如 zdjsxm-001；版本间保持不变")
    claims: str | None = Field(
        default=None, title="认领的上级事项", description="上级目录中的事项编号；未写的字段从上级事项继承"
    )
    claimed_hash: str | None = Field(
        default=None,
        title="认领时的上级事项摘要",
        description="上级事项改动后提示复核（zwgk coverage 列出当前摘要）",
    )
    category: Text = Field(title="一级事项")
    name: Text = Field(title="二级事项")
    content: list[Text] = Field(default_factory=list, title="公开内容（要素）")
    basis: list[Text] = Field(title="公开依据", min_length=1)
    time_limit: Text = Field(title="公开时限")
    subject: Subject = Field(title="公开主体", description="单位名称，用“、”分隔；或 层级 → 单位 的映射")
    channels: list[Text] = Field(title="公开渠道和载体", min_length=1)
    audience: list[Literal["全社会", "特定群体"]] = Field(title="公开对象", min_length=1)
    audience_note: str | None = Field(default=None, title="特定群体说明", description="印在特定群体 √ 之后")
    mode: list[Literal["主动", "依申请"]] = Field(title="公开方式", min_length=1)
    levels: list[Text] = Field(title="公开层级", min_length=1)
    frequency: Literal["实时", "每月", "每季度", "每半年", "每年"] | None = Field(
        default=None,
        title="公开频次",
        description="定期公开的事项多久公开一次：实时（信息形成即公开）、每月、每季度、每半年、每年；"
        "村（居）务公开的事项按村民委员会组织法第三十条至少每季度一次，村级财务每月一次",
    )
    mirrors: str | None = Field(
        default=None,
        title="衔接的事项",
        pattern=ID_PATTERN,
        description="村（居）层级的事项与哪个镇街、区级事项是同一事项（政务公开与村务公开衔接）："
        "那个事项的编号；两者的公开内容（要素）须一致",
    )
    link: str | None = Field(default=None, title="链接", description="事项在门户网站上的地址（http/https）")
    waivers: list[Waiver] = Field(default_factory=list, title="警告豁免")


# An item's bookkeeping: what identifies it and its claim, and the waivers; no output publishes them.
NOT_PUBLISHED: frozenset[str] = frozenset({"id", "claims", "claimed_hash", "waivers"})


class DomainHeader(Model):
    """A domain file's header; its items are validated one by one."""

    domain: Text = Field(title="领域名称")
    slug: str = Field(title="领域代码", pattern=SLUG_PATTERN, description="与文件名相同")
    order: int = Field(title="序号", ge=1, description="任务分工表中的序号")
    lead: Text = Field(title="主体责任单位")
    partners: list[Text] = Field(default_factory=list, title="配合单位")
    partners_etc: bool = Field(default=False, title="配合单位后加“等”")
    due: IsoDate | None = Field(
        default=None, title="完成时间"
    )  # unknown yet: left empty (warning due-missing)
    declines: list[Decline] = Field(default_factory=list, title="不认领的上级事项")
    items: list[Any] = Field(default_factory=list, title="事项")


class Domain(DomainHeader):
    """A whole domain file: header and items."""

    items: list[Item] = Field(default_factory=list, title="事项")


def to_json(data: Any, *, indent: int | None = None, fallback: Any = None) -> bytes:
    """`data`, which may hold model instances, as JSON written by pydantic in Rust."""
    # The models' serializers are built on first use (``defer_build`` keeps start-up short), and
    # ``pydantic_core.to_json`` does not build them itself in every pydantic version: an instance of
    # a model that was only ever constructed, never validated, would fail. Build them all first.
    waiting: list[type[Model]] = [Model]
    while waiting:
        model = waiting.pop()
        if not model.__pydantic_complete__:
            model.model_rebuild()
        waiting.extend(model.__subclasses__())
    return pydantic_core.to_json(data, indent=indent, fallback=fallback)


@functools.cache
def field_title(model: type[BaseModel], key: str) -> str | None:
    """The Chinese title of `model.key`, if the field exists."""
    info = model.model_fields.get(key)
    return info.title if info else None
