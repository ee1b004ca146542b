"""The published tables as rows: a domain's catalogue and the 任务分工 table.

Why: the HTML pages, the XLSX workbook, the Word document and the portal fragments must show the
same columns under the same two-row header and merge the same cells (一级事项 over its adjacent
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


@dataclass(frozen=True, slots=True)
class HeadCell:
    """A cell of a domain table's two header rows: its text, its first column (0-based), and how
    many rows and columns it covers."""

    text: str
    column: int
    rows: int = 1
    columns: int = 1


# the header's columns before the √ groups; 一级事项 and 二级事项 sit under 公开事项
TEXT_HEADINGS = (
    "序号",
    "一级事项",
    "二级事项",
    "公开内容（要素）",
    "公开依据",
    "公开时限",
    "公开主体",
    "公开渠道和载体",
)
AUDIENCES = ("全社会", "特定群体")
MODES = ("主动", "依申请")


def tick_groups(levels: list[str]) -> list[tuple[str, list[str]]]:
    """The √ columns under their headings: 公开对象, 公开方式, and 公开层级 with one column per level."""
    return [("公开对象", list(AUDIENCES)), ("公开方式", list(MODES)), ("公开层级", list(levels))]


def column_count(levels: list[str]) -> int:
    """How many columns a domain table has with `levels`."""
    return len(TEXT_HEADINGS) + sum(len(labels) for _, labels in tick_groups(levels))


def header_rows(levels: list[str]) -> tuple[list[HeadCell], list[HeadCell]]:
    """The two header rows as offices print them: 序号, 公开内容（要素） … 公开渠道和载体 over both
    rows; 公开事项 over 一级事项 and 二级事项; 公开对象, 公开方式 and 公开层级 over their √ columns."""
    top = [HeadCell("序号", 0, rows=2), HeadCell("公开事项", 1, columns=2)]
    top += [HeadCell(text, column, rows=2) for column, text in enumerate(TEXT_HEADINGS[3:], start=3)]
    sub = [HeadCell(TEXT_HEADINGS[1], 1), HeadCell(TEXT_HEADINGS[2], 2)]
    column = len(TEXT_HEADINGS)
    for title, labels in tick_groups(levels):
        top.append(HeadCell(title, column, columns=len(labels)))
        sub += [HeadCell(label, column + offset) for offset, label in enumerate(labels)]
        column += len(labels)
    return top, sub


def item_cells(item: Item, levels: list[str]) -> list[str]:
    """The texts of an item's row from 二级事项 (the third column) on: six text cells, then the √
    columns (特定群体's note after its √); lines of a cell separated by line feeds."""
    special = (
        "√" + (f"（{item.audience_note}）" if item.audience_note else "")
        if "特定群体" in item.audience
        else ""
    )
    return [
        item.name,
        "、".join(item.content),
        "\n".join(item.basis),
        item.time_limit,
        "\n".join(subject_lines(item.subject)),
        "、".join(item.channels),
        "√" if "全社会" in item.audience else "",
        special,
        "√" if "主动" in item.mode else "",
        "√" if "依申请" in item.mode else "",
        *("√" if level in item.levels else "" for level in levels),
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


def day_text(day: date, lang: str) -> str:
    """`date_text` in Chinese, the ISO date in English: 2020年10月12日 / 2020-10-12."""
    return date_text(day) if lang == "zh" else day.isoformat()


def example_notice(settings: Settings) -> str | None:
    """The warning every printed output of an example catalogue carries (None for a real one)."""
    if not settings.example:
        return None
    return f"示例目录：本目录是根据公开资料重建的演示数据，不是{settings.region}正式发布的政务公开标准目录，不能作为办事依据。"


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


def domain_caption(domain: Domain, place: str = "") -> str:
    """The table caption offices print: （一）重大建设项目领域基层政务公开标准目录, with the town's or
    street's name in its own catalogue (`place`): （一）龙溪街道重大建设项目领域基层政务公开标准目录."""
    return f"（{chinese_numeral(domain.order)}）{place}{domain.domain}领域基层政务公开标准目录"
