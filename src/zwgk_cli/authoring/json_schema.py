"""JSON Schema (draft 2020-12) for ``zwgk.yaml`` and for a domain file, for editors.

Why: clerks edit YAML in VS Code or WPS-like editors; with the ``yaml-language-server`` modeline
at the top of each file, the editor completes keys, shows the Chinese title and help of every field,
and offers this catalogue's own vocabularies (channels, levels, units, domains) as choices. Rules
that span files (unique ids, the registry, coverage) stay with ``zwgk validate``.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from pydantic import BaseModel

from zwgk_cli.core.codes import WAIVABLE
from zwgk_cli.core.models import (
    Decline,
    Domain,
    Group,
    Item,
    NotApplicable,
    Review,
    Settings,
    Stage,
    Unit,
    Upstream,
    Waiver,
)
from zwgk_cli.core.review_models import Opinion, ReviewRecord, StageRecord

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SETTINGS_SCHEMA = "zwgk.schema.json"
DOMAIN_SCHEMA = "domain.schema.json"
REVIEW_SCHEMA = "review.schema.json"

MODEL_HELP: dict[type[BaseModel], tuple[str, str]] = {
    Settings: (
        "目录设置（zwgk.yaml）",
        "全目录共用的设置：发布信息、公开层级、渠道词表、应编制领域和单位名录。",
    ),
    Unit: ("单位", "单位名录中的一个单位：区政府部门、区属机构、垂直管理单位、镇人民政府或街道办事处。"),
    Group: ("单位组", "一个名称代表多个单位，如“各镇人民政府（街道办事处）”。"),
    NotApplicable: ("未涉及领域", "本地区未涉及的领域及原因，显示在“未涉及领域事项说明”中。"),
    Domain: ("领域目录文件", "一个领域的标准目录：表头（任务分工）和全部公开事项。"),
    Item: ("公开事项", "目录表格中的一行：一级事项下的一个二级事项。"),
    Waiver: ("警告豁免", "有正当理由时，豁免本事项上的一条警告；理由会显示在报告中。"),
    Upstream: ("上级目录", "本目录认领事项的上级标准指引（同样格式的目录文件夹）及层级对应。"),
    Decline: ("不认领的上级事项", "上级目录中适用于本地、但本地不认领的事项，写明原因。"),
    Review: ("审核流程", "逐级审核的环节（先后顺序、办理单位、截止日期），以及发布前须达到的环节。"),
    Stage: ("审核环节", "审核流程中的一个环节：名称、办理单位、截止日期和须先通过的环节。"),
    ReviewRecord: ("审核记录（reviews/）", "一个领域的审核记录：各环节的结论和审查意见。"),
    StageRecord: ("环节结论", "某一环节的一次结论：日期、审核单位、通过或退回修改，通过时记下内容摘要。"),
    Opinion: ("审查意见", "审核单位对领域、某个事项或事项某个字段提出的意见及其处理情况。"),
}

FIELD_HELP: dict[str, str] = {
    "schema_version": "源文件格式的版本，目前为 1。",
    "region": "行政区划全称，如“重庆市渝北区”。",
    "issuer": "发布机关，如“重庆市渝北区人民政府办公室”。",
    "document": "目录本身的发文文号；目录不是以文件印发的就不写（据以编制的通知写在 basis 中）。",
    "Settings.basis": "编制依据：据以编制目录的文件，每项带书名号和文号，如《…通知》（渝北府办发〔2020〕17号）。",
    "scope": "适用范围：目录适用于哪些机关和地域，以及哪些单位不在范围内。",
    "title": "目录标题；省略时为“行政区划 + 基层政务公开标准目录”。",
    "edition": "版本，如“2020年版”。",
    "published": "发布日期（YYYY-MM-DD），印在所有输出上。",
    "example": "为 true 时，所有输出都注明这是示例目录，不是正式发布版本。",
    "levels": "公开层级，按表头顺序排列，如 [区级, 镇街]。",
    "channels": "公开渠道和载体词表：事项只能从中选择。",
    "domains": "应编制的领域（默认 26 个试点领域）。",
    "not_applicable": "本地区未涉及的领域，写明原因。",
    "units": "单位名录：主体责任单位、配合单位和公开主体都从这里取名。",
    "groups": "单位组，如“各镇人民政府（街道办事处）”。",
    "name": "名称。",
    "slug": "小写英文字母、数字和连字符组成的代码；领域文件的代码与文件名相同。",
    "kind": "单位类别。",
    "full_name": "单位全称。",
    "place": "镇、街道单位对应的地名，如“龙溪街道”。",
    "outside": "本目录不适用于该单位时写明原因（如由其他机构代管）：单位组按类别不包含它，不生成它的镇街目录，事项不能以它为公开主体。",
    "kinds": "组内包含哪些类别的全部单位。",
    "members": "组内逐个列出的单位。",
    "reason": "理由。",
    "domain": "领域名称，须是 zwgk.yaml 中 domains 列出的领域之一。",
    "order": "任务分工表中的序号（1 起）。",
    "lead": "主体责任单位。",
    "partners": "配合单位。",
    "partners_etc": "任务分工表中配合单位之后加“等”。",
    "Domain.due": "完成时间（YYYY-MM-DD）：任务分工中编制本领域目录的完成时间；还不知道时留空（zwgk validate 提示填写）。",
    "items": "本领域的公开事项，按表格中的顺序排列；同一一级事项的行要相邻。",
    "id": "事项编号：领域代码加三位序号，如 zdjsxm-001；发布后不要改动，版本比较按编号对应事项。",
    "category": "一级事项。",
    "content": "公开内容（要素），每个要素一项。",
    "basis": "公开依据，每条写全称并加书名号，如《中华人民共和国政府信息公开条例》（国务院令第711号）。",
    "time_limit": "公开时限，如“信息形成或者变更之日起20个工作日内”。",
    "subject": "公开主体：单位名称，多个用“、”分隔；各层级不同时写成 层级: 单位 的映射。",
    "audience": "公开对象：全社会和/或特定群体。",
    "audience_note": "特定群体说明，印在特定群体的 √ 之后，如“面向低保申请家庭所在村（社区）居民”。",
    "mode": "公开方式：主动和/或依申请。",
    "link": "事项在门户网站上的地址（http 或 https）。",
    "waivers": "警告豁免：code 为警告代码，reason 为理由。",
    "code": "要豁免的警告代码。",
    "upstream": "上级目录：认领事项的上级标准指引，如重庆市各领域基层政务公开标准指引。",
    "declines": "不认领的上级事项，每项写上级事项编号和原因。",
    "claims": "认领的上级事项编号；本事项没写的字段从上级事项继承（编号、豁免、链接除外）。",
    "claimed_hash": "认领时上级事项的摘要（zwgk coverage --format json 列出）；上级事项改动后提示复核。",
    "item": "上级事项编号。",
    # where one key means different things in different models
    "Upstream.path": "上级目录文件夹，相对于本目录文件夹，如 upstream-chongqing。",
    "Upstream.edition": "认领时上级目录的版本；上级改版后提示复核。",
    "Upstream.levels": "层级对应：上级层级 → 本目录层级，如 {区县级: 区级, 乡镇级: 镇街}；没有列出的上级层级不需要认领。",
    "Decline.reason": "不认领的原因，如“本区无农村特困供养机构”。",
    "Item.name": "二级事项。",
    "Unit.name": "单位名称，目录中引用该单位时使用，如“区民政局”“龙溪街道办事处”。",
    "Group.name": "单位组名称，如“各镇人民政府（街道办事处）”。",
    "NotApplicable.domain": "未涉及的领域名称。",
    "NotApplicable.reason": "未涉及的原因。",
    "Waiver.reason": "豁免理由：说明这条警告为什么不适用于本事项。",
}

_ECMA_SPECIAL = set("\\^$.|?*+()[]{}/")


def _escape(text: str) -> str:
    return "".join("\\" + ch if ch in _ECMA_SPECIAL else ch for ch in text)


def _names_pattern(names: list[str]) -> str:
    """Names joined by “、”, each one of `names`."""
    choice = "(?:" + "|".join(_escape(n) for n in sorted(set(names), key=lambda n: (-len(n), n))) + ")"
    return f"^{choice}(?:、{choice})*$"


def _describe(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Chinese title and description on the model and on each of its fields."""
    title, description = MODEL_HELP[model]
    schema["title"] = title
    schema["description"] = description
    for key, prop in schema.get("properties", {}).items():
        field_info = model.model_fields[key]
        help_text = FIELD_HELP.get(f"{model.__name__}.{key}") or FIELD_HELP.get(key) or field_info.description
        if help_text:
            prop["description"] = help_text
        prop["markdownDescription"] = (
            f"**{field_info.title or key}** (`{key}`)：{prop.get('description', '')}"
        )


def _with_defs(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation", ref_template="#/$defs/{model}")
    defs = schema.get("$defs", {})
    for name, sub in defs.items():
        sub_model = next(m for m in MODEL_HELP if m.__name__ == name)
        _describe(sub, sub_model)
    _describe(schema, model)
    return schema


def settings_schema() -> dict[str, Any]:
    """The schema of ``zwgk.yaml``."""
    schema = _with_defs(Settings)
    return {"$schema": DRAFT, "$id": SETTINGS_SCHEMA, **schema}


def domain_schema(settings: Settings | None = None) -> dict[str, Any]:
    """The schema of a domain file; with `settings`, this catalogue's vocabularies become choices."""
    schema = copy.deepcopy(_with_defs(Domain))
    props = schema["properties"]
    item = schema["$defs"]["Item"]["properties"]
    schema["$defs"]["Waiver"]["properties"]["code"]["enum"] = sorted(WAIVABLE)
    props["items"]["items"] = {"$ref": "#/$defs/Item"}
    # An item that claims an upstream item inherits what it does not write: only its id is required.
    item_def = schema["$defs"]["Item"]
    full = item_def.pop("required")
    item_def["required"] = ["id"]
    item_def["if"] = {"required": ["claims"]}
    item_def["then"] = {"properties": {"claims": {"type": "string", "minLength": 1}}}
    item_def["else"] = {"required": full}
    if settings is not None:
        names = [u.name for u in settings.units] + [g.name for g in settings.groups]
        props["domain"]["enum"] = list(settings.domains)
        props["order"]["maximum"] = len(settings.domains)
        props["lead"]["enum"] = names
        props["partners"]["items"] = {"type": "string", "enum": names}
        item["channels"]["items"] = {"type": "string", "enum": list(settings.channels)}
        item["levels"]["items"] = {"type": "string", "enum": list(settings.levels)}
        pattern = _names_pattern(names)
        item["subject"]["anyOf"] = [
            {"type": "string", "pattern": pattern},
            {
                "type": "object",
                "propertyNames": {"enum": list(settings.levels)},
                "additionalProperties": {"type": "string", "pattern": pattern},
                "minProperties": 1,
            },
        ]
    return {"$schema": DRAFT, "$id": DOMAIN_SCHEMA, **schema}


def review_schema(settings: Settings | None = None) -> dict[str, Any]:
    """The schema of a review record; with `settings`, its stage and domain names become choices."""
    schema = copy.deepcopy(_with_defs(ReviewRecord))
    if settings is not None:
        schema["properties"]["domain"]["enum"] = list(settings.domains)
        if settings.review is not None:
            names = [stage.name for stage in settings.review.stages]
            schema["$defs"]["StageRecord"]["properties"]["stage"]["enum"] = names
            schema["$defs"]["Opinion"]["properties"]["stage"]["anyOf"] = [
                {"type": "string", "enum": names},
                {"type": "null"},
            ]
    return {"$schema": DRAFT, "$id": REVIEW_SCHEMA, **schema}


def schema_files(settings: Settings | None) -> dict[str, bytes]:
    """The exported files, by name: stable JSON, two-space indents, UTF-8, a final newline."""
    return {
        name: (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        for name, data in (
            (DOMAIN_SCHEMA, domain_schema(settings)),
            (SETTINGS_SCHEMA, settings_schema()),
            (REVIEW_SCHEMA, review_schema(settings)),
        )
    }
