"""Reading the deadlines written in 公开时限 texts.

Why: 《政府信息公开条例》 fixes two limits that reviewers check by hand: 20 working days for
proactive disclosure (第二十六条) and 20 (+20 when extended) working days to answer a request
(第三十三条). Texts are free-form, so only deadlines ending in 内/以内 are read ("不少于30日" is a
consultation period, not a deadline), and calendar days are converted at five working days a week.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_NUMERALS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

_HUGE = 10**9

_DEADLINE = re.compile(
    r"(?P<n>\d+|[零一二两三四五六七八九十百]+)\s*个?\s*(?P<unit>工作日|自然日|日|天|个月|月)\s*(?:之内|以内|内)"
)


@dataclass(frozen=True, slots=True)
class Deadline:
    """One deadline found in a text."""

    amount: int
    unit: str  # 工作日, 日, 月
    text: str

    @property
    def working_days(self) -> int:
        """The deadline in working days (calendar days × 5/7, months × 21)."""
        if self.unit == "工作日":
            return self.amount
        if self.unit == "月":
            return self.amount * 21
        return math.ceil(self.amount * 5 / 7)


def chinese_number(text: str) -> int | None:
    """``二十`` → 20, ``15`` → 15; None for what is not a number."""
    if text.isdigit():
        # More than nine digits is past any limit; converting thousands of them would raise (and
        # take quadratic time), so such an amount counts as a billion.
        return int(text) if len(text) <= 9 else _HUGE
    total, current = 0, 0
    for ch in text:
        if ch in _NUMERALS:
            current = _NUMERALS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def deadlines(text: str) -> tuple[Deadline, ...]:
    """Every deadline (“N个工作日内”, “N日内”, “N个月内”) in `text`."""
    found: list[Deadline] = []
    for match in _DEADLINE.finditer(text):
        amount = chinese_number(match.group("n"))
        if amount is None:
            continue
        unit = match.group("unit")
        unit = "日" if unit in ("日", "天", "自然日") else "月" if unit in ("月", "个月") else "工作日"
        found.append(Deadline(amount, unit, match.group(0)))
    return tuple(found)


_EXCEPTION = re.compile(r"另有规定|从其规定|《[^》]+》|第[零一二两三四五六七八九十百\d]+条")


def cites_exception(text: str) -> bool:
    """Whether a time limit names the law or rule that allows a longer deadline."""
    return bool(_EXCEPTION.search(text))
