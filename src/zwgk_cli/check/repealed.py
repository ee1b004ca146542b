"""Instruments a catalogue must no longer cite: what replaced each one, and from when.

A citation is reported only in a catalogue published on or after the day the instrument lost
force, so a 2020 catalogue may still cite 《信访条例》 (in force until 2022-05-01) while a 2023 one
may not. Each entry names the instrument that ended it; add an entry only with that source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Repealed:
    """One instrument no longer in force: how a citation of it is written, and what ended it."""

    pattern: re.Pattern[str]
    name: str  # as a message names it
    ended: date  # the first day it was no longer in force
    by: str  # the instrument that ended it (the source of the entry)
    cite: str  # what to cite instead


REPEALED: tuple[Repealed, ...] = (
    Repealed(
        re.compile(r"国务院令\s*第?\s*492\s*号|国令\s*第?\s*492\s*号|2007\s*年.{0,6}政府信息公开条例"),
        "2007 年版《中华人民共和国政府信息公开条例》（国务院令第492号）",
        date(2019, 5, 15),
        "2019 年修订的《中华人民共和国政府信息公开条例》（国务院令第711号）",
        "《中华人民共和国政府信息公开条例》（国务院令第711号），并核对条款序号（修订后条款已重新编号）",
    ),
    Repealed(
        re.compile(r"城市房屋拆迁管理条例|国务院令\s*第?\s*305\s*号"),
        "《城市房屋拆迁管理条例》（国务院令第305号）",
        date(2011, 1, 21),
        "《国有土地上房屋征收与补偿条例》（国务院令第590号）",
        "《国有土地上房屋征收与补偿条例》（国务院令第590号）",
    ),
    Repealed(
        re.compile(r"城市流浪乞讨人员收容遣送办法"),
        "《城市流浪乞讨人员收容遣送办法》",
        date(2003, 8, 1),
        "《城市生活无着的流浪乞讨人员救助管理办法》（国务院令第381号）",
        "《城市生活无着的流浪乞讨人员救助管理办法》（国务院令第381号）",
    ),
    Repealed(
        re.compile(r"《信访条例》|国务院令\s*第?\s*431\s*号"),
        "《信访条例》（国务院令第431号）",
        date(2022, 5, 1),
        "《信访工作条例》",
        "《信访工作条例》",
    ),
    Repealed(
        re.compile(r"化妆品卫生监督条例"),
        "《化妆品卫生监督条例》",
        date(2021, 1, 1),
        "《化妆品监督管理条例》",
        "《化妆品监督管理条例》",
    ),
)

# Every pattern at once: most citations name none of them, and one search settles that.
_ANY = re.compile("|".join(f"(?:{entry.pattern.pattern})" for entry in REPEALED))


def repealed_in(basis: str, published: date) -> list[Repealed]:
    """The instruments `basis` cites that had lost force by `published`."""
    if _ANY.search(basis) is None:
        return []
    return [entry for entry in REPEALED if entry.ended <= published and entry.pattern.search(basis)]
