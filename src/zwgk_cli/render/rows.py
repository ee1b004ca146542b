"""The published tables as rows: a domain's catalogue and the 任务分工 table.

Why: the HTML pages and the XLSX workbook must merge the same cells (一级事项 over its adjacent
二级事项 rows; a lead unit over its consecutive domains), so the layout is decided once, here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from zwgk_cli.core.catalogue import Catalogue
from zwgk_cli.core.models import Domain, Item, Settings


@dataclass(frozen=True, slots=True)
class ItemRow:
    """One row of a domain table.

    `category_span` is how many rows the 一级事项 cell spans from this row, 0 when this row's
    一级事项 is merged into a row above.
    """

    number: int
    item: Item
    category_span: int


def item_rows(domain: Domain) -> list[ItemRow]:
    """The domain's rows in file order, numbered from 1, with 一级事项 runs merged."""
    items = domain.items
    spans = [0] * len(items)
    start = 0
    for index, item in enumerate(items):
        if index == 0 or items[index - 1].category != item.category:
            start = index
        spans[start] += 1
    return [
        ItemRow(number, item, span) for number, (item, span) in enumerate(zip(items, spans, strict=True), 1)
    ]


def subject_lines(subject: str | dict[str, str]) -> list[str]:
    """The 公开主体 as printed: one line, or one line per level (“区级：区民政局”)."""
    if isinstance(subject, str):
        return [subject]
    return [f"{level}：{units}" for level, units in subject.items()]


def subject_text(subject: str | dict[str, str]) -> str:
    """The 公开主体 on one line (levels separated by “；”)."""
    return "；".join(subject_lines(subject))


@dataclass(frozen=True, slots=True)
class TaskRow:
    """One row of the 任务分工 table; a span of 0 means the cell is merged into a row above."""

    order: int
    domain: Domain
    task: str
    lead: str
    partners: str
    due: str
    lead_span: int
    partners_span: int
    pending: str = ""  # 未定稿 …: the domain is held back until it passes review (no page to link)


def task_text(settings: Settings, domain: Domain) -> str:
    """具体任务, worded as the seed's 附件 words it."""
    return f"编制{settings.region}{domain.domain}领域政务公开标准目录"


def partners_text(domain: Domain) -> str:
    """配合单位 joined with “、”, ending in 等 where the source says so."""
    text = "、".join(domain.partners)
    return f"{text}等" if text and domain.partners_etc else text


def due_text(due: date) -> str:
    """完成时间 as the 附件 prints it: 2020年10月30日前."""
    return f"{due.year}年{due.month}月{due.day}日前"


def date_text(day: date) -> str:
    """A date as Chinese documents print it: 2020年10月30日."""
    return f"{day.year}年{day.month}月{day.day}日"


def tasks_title(catalogue: Catalogue) -> str:
    """The 任务分工 table's title, as the seed's 附件 has it."""
    return f"{len(catalogue.domains) + len(catalogue.pending)}个试点领域政务公开标准化规范化工作任务分工"


def task_rows(catalogue: Catalogue) -> list[TaskRow]:
    """The 任务分工 rows in 序号 order, with consecutive equal leads (and partners) merged."""
    rows: list[TaskRow] = []
    lead_start = partners_start = 0
    pending = {id(domain) for domain in catalogue.pending}
    every = sorted([*catalogue.domains, *catalogue.pending], key=lambda d: d.order)
    for index, domain in enumerate(every):
        partners = partners_text(domain)
        same_lead = bool(rows) and rows[-1].lead == domain.lead
        same_partners = same_lead and rows[-1].partners == partners
        if not same_lead:
            lead_start = index
        if not same_partners:
            partners_start = index
        rows.append(
            TaskRow(
                order=domain.order,
                domain=domain,
                task=task_text(catalogue.settings, domain),
                lead=domain.lead,
                partners=partners,
                due=due_text(domain.due),
                lead_span=0 if same_lead else 1,
                partners_span=0 if same_partners else 1,
                pending=catalogue.pending_mark if id(domain) in pending else "",
            )
        )
        if same_lead:
            first = rows[lead_start]
            rows[lead_start] = replace(first, lead_span=first.lead_span + 1)
        if same_partners:
            first = rows[partners_start]
            rows[partners_start] = replace(first, partners_span=first.partners_span + 1)
    return rows


_DIGITS = "零一二三四五六七八九"


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 26 → 二十六, 105 → 一百零五 (for the “（一）” of table captions)."""
    if number < 0:
        raise ValueError("negative numbers have no caption numeral")
    if number < 10:
        return _DIGITS[number]
    if number < 20:
        return "十" + (_DIGITS[number % 10] if number % 10 else "")
    if number < 100:
        tens, ones = divmod(number, 10)
        return _DIGITS[tens] + "十" + (_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(number, 100)
    if rest == 0:
        tail = ""
    elif rest < 10:
        tail = "零" + _DIGITS[rest]
    elif rest < 20:
        tail = "一" + chinese_numeral(rest)
    else:
        tail = chinese_numeral(rest)
    return chinese_numeral(hundreds) + "百" + tail


def domain_caption(domain: Domain) -> str:
    """The table caption offices print: （一）重大建设项目领域基层政务公开标准目录."""
    return f"（{chinese_numeral(domain.order)}）{domain.domain}领域基层政务公开标准目录"
