"""A review record: one file per domain in `reviews/`, what each stage decided and what reviewers said.

Why a file of its own: a department edits its domain file while 区政务办 writes the review of it;
two files mean the two never collide in git. A town's or street's records sit in a folder named
by its unit slug (`reviews/longxi/aqsc.yaml`).
"""

from __future__ import annotations

from datetime import date as Day
from typing import Literal

from pydantic import Field

from zwgk_cli.core.models import ID_PATTERN, IsoDate, Model, Text

FINGERPRINT_PATTERN = r"^[0-9a-f]{12}$"
RESULTS = ("通过", "退回修改")
STATUSES = ("未处理", "已修改", "不采纳")


class StageRecord(Model):
    """One decision at one stage: passed, or sent back for changes."""

    stage: Text = Field(title="审核环节", description="zwgk.yaml 中 review.stages 的环节名称")
    date: IsoDate = Field(title="日期", description="作出结论的日期（YYYY-MM-DD）")
    by: Text = Field(title="审核单位")
    result: Literal["通过", "退回修改"] = Field(title="审核结论")
    fingerprint: str | None = Field(
        default=None,
        title="审核时的内容摘要",
        pattern=FINGERPRINT_PATTERN,
        description="通过时领域内容的摘要（zwgk review 列出当前摘要）；之后内容改动即需重新审核",
    )
    note: str | None = Field(default=None, title="说明")


class Opinion(Model):
    """One reviewer's opinion (审查意见) on the domain, an item, or one field of an item."""

    item: str | None = Field(
        default=None, title="事项编号", pattern=ID_PATTERN, description="不写即针对整个领域"
    )
    field: str | None = Field(default=None, title="字段", description="事项的字段键，如 time_limit、basis")
    stage: str | None = Field(default=None, title="审核环节")
    date: IsoDate = Field(title="日期")
    by: Text = Field(title="提出单位")
    text: Text = Field(title="意见")
    status: Literal["未处理", "已修改", "不采纳"] = Field(default="未处理", title="处理情况")
    closed: IsoDate | None = Field(
        default=None, title="处理日期", description="改为“已修改”或“不采纳”的日期；在此之前的统计中仍算未处理"
    )
    reason: str | None = Field(default=None, title="不采纳理由", description="处理情况为“不采纳”时必填")

    def status_on(self, day: Day) -> str:
        """The status as it stood on `day`: 未处理 until the day it was dealt with."""
        if self.status != "未处理" and self.closed is not None and self.closed > day:
            return "未处理"
        return self.status


class ReviewRecord(Model):
    """`reviews/<slug>.yaml`: the review of one domain."""

    domain: Text = Field(title="领域名称")
    stages: list[StageRecord] = Field(default_factory=list, title="审核记录", description="按日期先后排列")
    opinions: list[Opinion] = Field(default_factory=list, title="审查意见")
