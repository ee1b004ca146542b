"""The XLSX workbook offices exchange and print, and the standalone 任务分工 workbook.

Why xlsxwriter: it merges cells, writes every string as a string (never a formula), and with the
document time fixed it writes byte-identical files; openpyxl stays for reading them back.
Layout follows the tables offices make by hand: a title row, two header rows with merged cells,
一级事项 merged over its adjacent rows, centred √ marks, wrapped text, borders, frozen headers, and an
A4 landscape print setup that repeats the header rows and numbers the pages.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import unicodedata
from datetime import UTC, datetime
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from zwgk_cli.catalogue import Catalogue
from zwgk_cli.models import Domain, Item, Settings
from zwgk_cli.opendata import JSON_VERSION
from zwgk_cli.tables import date_text, item_rows, subject_lines, task_rows, tasks_title

WORKBOOK_FORMAT = "zwgk-workbook"
DATA_SHEET = "_zwgk"
COVER_SHEET = "目录说明"
TASKS_SHEET = "任务分工"
BODY_FONT = "宋体"
HEAD_FONT = "黑体"
LINE_HEIGHT = 13.5  # points per line of 10 pt text
FOOTER = "&C第 &P 页，共 &N 页"
CELL_LIMIT = 32_000  # characters per cell (Excel's hard limit is 32,767)

# (title, width in character units) of the domain sheets' fixed columns
ITEM_COLUMNS: list[tuple[str, float]] = [
    ("序号", 5),
    ("一级事项", 12),
    ("二级事项", 16),
    ("公开内容（要素）", 28),
    ("公开依据", 34),
    ("公开时限", 16),
    ("公开主体", 16),
    ("公开渠道和载体", 16),
]
TICK_WIDTH = 6.5
NOTE_WIDTH = 12
TASK_COLUMNS: list[tuple[str, float]] = [
    ("序号", 6),
    ("具体任务", 46),
    ("主体责任单位", 18),
    ("配合单位", 40),
    ("完成时间", 18),
]


def document_time(settings: Settings) -> datetime:
    """The time stamped in the workbook: SOURCE_DATE_EPOCH when set, else the publication date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).replace(tzinfo=None)
    return datetime(settings.published.year, settings.published.month, settings.published.day)


def text_width(text: str) -> float:
    """Display width in spreadsheet character units: a CJK or full-width character is about 1.8."""
    return sum(map(_WIDTHS.__getitem__, text))


class _CharWidths(dict[str, float]):
    """Each character's width, looked up once (a province's workbook measures some 20 million)."""

    def __missing__(self, ch: str) -> float:
        width = 1.8 if unicodedata.east_asian_width(ch) in ("W", "F") else 1.0
        self[ch] = width
        return width


_WIDTHS = _CharWidths()


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def line_count(text: str, width: float) -> int:
    """How many lines `text` wraps to in a column `width` characters wide."""
    usable = max(width - 0.5, 1.0)
    if "\n" not in text:
        return max(1, math.ceil(text_width(text) / usable))
    return sum(max(1, math.ceil(text_width(line) / usable)) for line in text.split("\n"))


def sheet_names(domains: list[Domain]) -> dict[str, str]:
    """A valid, unique worksheet name per domain slug (Excel: ≤31 characters, no []:*?/\\')."""
    taken = {COVER_SHEET, TASKS_SHEET, DATA_SHEET}
    names: dict[str, str] = {}
    for domain in domains:
        base = re.sub(r"[\[\]:*?/\\']", "_", domain.domain).strip() or domain.slug
        name = base[:31]
        counter = 2
        while name.casefold() in {t.casefold() for t in taken}:
            suffix = f"（{counter}）"
            name = base[: 31 - len(suffix)] + suffix
            counter += 1
        taken.add(name)
        names[domain.slug] = name
    return names


class _Formats:
    """The cell formats of one workbook."""

    def __init__(self, book: Workbook) -> None:
        body: dict[str, Any] = {"font_name": BODY_FONT, "font_size": 10, "text_wrap": True, "valign": "top"}
        boxed = {**body, "border": 1}
        self.title: Format = book.add_format(
            {"font_name": HEAD_FONT, "font_size": 16, "bold": True, "align": "center", "valign": "vcenter"}
        )
        self.notice: Format = book.add_format({**body, "font_color": "#8C1414", "valign": "vcenter"})
        self.head: Format = book.add_format(
            {
                "font_name": HEAD_FONT,
                "font_size": 10,
                "bold": True,
                "border": 1,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
                "bg_color": "#EEF1F6",
            }
        )
        self.cell: Format = book.add_format(boxed)
        self.center: Format = book.add_format({**boxed, "align": "center"})
        self.tick: Format = book.add_format({**boxed, "align": "center", "valign": "vcenter"})
        self.category: Format = book.add_format(
            {**boxed, "align": "center", "valign": "vcenter", "bold": True}
        )
        self.label: Format = book.add_format({**body, "bold": True})
        self.plain: Format = book.add_format(body)
        self.link: Format = book.add_format({**body, "font_color": "#0B4F9C", "underline": 1})
        self.link_cell: Format = book.add_format({**boxed, "font_color": "#0B4F9C", "underline": 1})


def _new_workbook(buffer: io.BytesIO, settings: Settings, title: str) -> tuple[Workbook, _Formats]:
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    comments = "示例目录：根据公开资料重建的演示数据，不是正式发布版本。" if settings.example else ""
    book.set_properties(
        {
            "title": title,
            "subject": "基层政务公开标准目录",
            "author": settings.issuer,
            "company": settings.issuer,
            "keywords": "政务公开, 标准目录",
            "comments": comments,
            "created": document_time(settings),
        }
    )
    return book, _Formats(book)


def _print_setup(sheet: Worksheet, repeat_first: int, repeat_last: int) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(repeat_first, repeat_last)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.center_horizontally()
    sheet.set_footer(FOOTER)


def _notice(settings: Settings) -> str | None:
    if not settings.example:
        return None
    return f"示例目录：本目录是根据公开资料重建的演示数据，不是{settings.region}正式发布的政务公开标准目录，不能作为办事依据。"


def _title_rows(sheet: Worksheet, fm: _Formats, title: str, notice: str | None, last_col: int) -> int:
    """Write the title (and the example notice); returns the next free row."""
    sheet.merge_range(0, 0, 0, last_col, title, fm.title)
    sheet.set_row(0, 32)
    if notice is None:
        return 1
    sheet.merge_range(1, 0, 1, last_col, notice, fm.notice)
    sheet.set_row(1, 20)
    return 2


def item_cells(item: Item, levels: list[str]) -> list[str]:
    """The texts of an item's row from 二级事项 (column C) on: six text cells, then the √ columns."""
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


def _write_domain_sheet(sheet: Worksheet, fm: _Formats, settings: Settings, domain: Domain) -> dict[str, int]:
    """One domain's table; returns item id → 1-based spreadsheet row."""
    levels = settings.levels
    widths = (
        [w for _, w in ITEM_COLUMNS]
        + [TICK_WIDTH, NOTE_WIDTH, TICK_WIDTH, TICK_WIDTH]
        + [TICK_WIDTH] * len(levels)
    )
    last_col = len(widths) - 1
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    top = _title_rows(
        sheet, fm, f"{settings.region}{domain.domain}领域基层政务公开标准目录", _notice(settings), last_col
    )
    head, sub = top, top + 1
    for col in (0, 3, 4, 5, 6, 7):
        sheet.merge_range(head, col, sub, col, ITEM_COLUMNS[col][0], fm.head)
    sheet.merge_range(head, 1, head, 2, "公开事项", fm.head)
    sheet.write_string(sub, 1, "一级事项", fm.head)
    sheet.write_string(sub, 2, "二级事项", fm.head)
    groups = [
        ("公开对象", ["全社会", "特定群体"]),
        ("公开方式", ["主动", "依申请"]),
        ("公开层级", list(levels)),
    ]
    col = len(ITEM_COLUMNS)
    for title, labels in groups:
        if len(labels) > 1:
            sheet.merge_range(head, col, head, col + len(labels) - 1, title, fm.head)
        else:
            sheet.write_string(head, col, title, fm.head)
        for offset, label in enumerate(labels):
            sheet.write_string(sub, col + offset, label, fm.head)
        col += len(labels)
    sheet.set_row(head, 20)
    sheet.set_row(sub, 30)
    first = sub + 1
    rows: dict[str, int] = {}
    for index, row in enumerate(item_rows(domain)):
        r = first + index
        item = row.item
        rows[item.id] = r + 1
        if row.category_span > 1:
            sheet.merge_range(r, 1, r + row.category_span - 1, 1, item.category, fm.category)
        elif row.category_span == 1:
            sheet.write_string(r, 1, item.category, fm.category)
        cells = item_cells(item, levels)
        texts, ticks = cells[: len(ITEM_COLUMNS) - 2], cells[len(ITEM_COLUMNS) - 2 :]
        sheet.write_number(r, 0, row.number, fm.center)
        for offset, text in enumerate(texts, start=2):
            sheet.write_string(r, offset, text, fm.cell)
        for offset, text in enumerate(ticks, start=len(ITEM_COLUMNS)):
            if text:
                sheet.write_string(r, offset, text, fm.tick)
            else:
                sheet.write_blank(r, offset, None, fm.tick)
        # one line (the least) unless a text could wrap: one of at most width/2 characters fits on
        # one line even when every character is wide (1.8), as every column is at least 5 wide
        lines = max(
            (
                line_count(text, widths[col])
                for col, text in enumerate([*texts, *ticks], start=2)
                if "\n" in text or len(text) > widths[col] / 2
            ),
            default=1,
        )
        sheet.set_row(r, LINE_HEIGHT * lines + 4)
    sheet.freeze_panes(first, 3)
    _print_setup(sheet, top, sub)
    return rows


def _write_tasks_sheet(sheet: Worksheet, fm: _Formats, catalogue: Catalogue) -> None:
    settings = catalogue.settings
    last_col = len(TASK_COLUMNS) - 1
    for col, (_, width) in enumerate(TASK_COLUMNS):
        sheet.set_column(col, col, width)
    top = _title_rows(sheet, fm, tasks_title(catalogue), _notice(settings), last_col)
    for col, (title, _) in enumerate(TASK_COLUMNS):
        sheet.write_string(top, col, title, fm.head)
    sheet.set_row(top, 22)
    first = top + 1
    for index, row in enumerate(task_rows(catalogue)):
        r = first + index
        sheet.write_number(r, 0, row.order, fm.center)
        sheet.write_string(r, 1, row.task, fm.cell)
        for col, text, span in ((2, row.lead, row.lead_span), (3, row.partners, row.partners_span)):
            if span > 1:
                sheet.merge_range(r, col, r + span - 1, col, text, fm.cell)
            elif span == 1 and text:
                sheet.write_string(r, col, text, fm.cell)
            elif span == 1:
                sheet.write_blank(r, col, None, fm.cell)
        sheet.write_string(r, 4, row.due, fm.center)
        lines = max(
            line_count(row.task, TASK_COLUMNS[1][1]),
            line_count(row.partners, TASK_COLUMNS[3][1]) if row.partners_span == 1 else 1,
        )
        sheet.set_row(r, LINE_HEIGHT * lines + 6)
    sheet.freeze_panes(first, 0)
    _print_setup(sheet, top, top)


def _write_cover(
    sheet: Worksheet, fm: _Formats, catalogue: Catalogue, names: dict[str, str], *, include_tasks: bool = True
) -> None:
    settings = catalogue.settings
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 30)
    sheet.set_column(2, 2, 10)
    sheet.set_column(3, 3, 22)
    sheet.merge_range(0, 0, 0, 3, settings.display_title(), fm.title)
    sheet.set_row(0, 32)
    facts = [
        ("发布机关", settings.issuer),
        ("文号", settings.document or ""),
        ("版本", settings.edition),
        ("发布日期", date_text(settings.published)),
    ]
    row = 1
    for label, value in facts:
        if value:
            sheet.write_string(row, 0, label, fm.label)
            sheet.write_string(row, 1, value, fm.plain)
            row += 1
    notice = _notice(settings)
    if notice is not None:
        sheet.merge_range(row, 0, row, 3, notice, fm.notice)
        sheet.set_row(row, 34)
        row += 1
    row += 1
    for col, title in enumerate(["序号", "领域（点击打开工作表）", "事项数", "主体责任单位"]):
        sheet.write_string(row, col, title, fm.head)
    for domain in catalogue.domains:
        row += 1
        name = names[domain.slug]
        sheet.write_number(row, 0, domain.order, fm.center)
        sheet.write_url(row, 1, f"internal:'{name}'!A1", fm.link_cell, string=domain.domain)
        sheet.write_number(row, 2, len(domain.items), fm.center)
        sheet.write_string(row, 3, domain.lead, fm.cell)
    for na in settings.not_applicable:
        row += 2
        sheet.write_string(row, 0, "未涉及领域", fm.label)
        sheet.write_string(row, 1, na.domain, fm.plain)
        sheet.write_string(row, 3, na.reason, fm.plain)
    if include_tasks:
        row += 2
        sheet.write_url(row, 1, f"internal:'{TASKS_SHEET}'!A1", fm.link, string=tasks_title(catalogue))
    sheet.set_portrait()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.set_footer(FOOTER)


def _write_data_sheet(
    sheet: Worksheet, catalogue: Catalogue, names: dict[str, str], rows: dict[str, int]
) -> None:
    """The hidden sheet that makes the workbook importable without loss (see README)."""
    sheet.hide()
    header = ["kind", "key", "sheet", "row", "part", "json"]
    for col, title in enumerate(header):
        sheet.write_string(0, col, title)
    # pydantic writes each record's JSON in Rust: the same text as json.dumps with
    # ensure_ascii=False and compact separators (a test compares them), ten times faster
    records: list[tuple[str, str, str, int | None, str]] = [
        ("format", WORKBOOK_FORMAT, "", None, _compact({"format": WORKBOOK_FORMAT, "version": JSON_VERSION})),
        ("settings", "", COVER_SHEET, None, catalogue.settings.model_dump_json()),
    ]
    for domain in catalogue.domains:
        head = domain.model_dump_json(exclude={"items"})
        records.append(("domain", domain.slug, names[domain.slug], None, head))
        for item in domain.items:
            records.append(("item", item.id, names[domain.slug], rows[item.id], item.model_dump_json()))
    r = 1
    for kind, key, sheet_name, row, text in records:
        parts = [text[i : i + CELL_LIMIT] for i in range(0, len(text), CELL_LIMIT)] or [""]
        for part_index, part in enumerate(parts):
            sheet.write_string(r, 0, kind)
            sheet.write_string(r, 1, key)
            sheet.write_string(r, 2, sheet_name)
            if row is not None:
                sheet.write_number(r, 3, row)
            sheet.write_number(r, 4, part_index)
            sheet.write_string(r, 5, part)
            r += 1


def catalogue_workbook(catalogue: Catalogue, *, include_tasks: bool = True) -> bytes:
    """``catalogue.xlsx``: a cover sheet, a sheet per domain, 任务分工, and the hidden data sheet."""
    buffer = io.BytesIO()
    settings = catalogue.settings
    book, fm = _new_workbook(buffer, settings, settings.display_title())
    names = sheet_names(catalogue.domains)
    _write_cover(book.add_worksheet(COVER_SHEET), fm, catalogue, names, include_tasks=include_tasks)
    rows: dict[str, int] = {}
    for domain in catalogue.domains:
        rows.update(_write_domain_sheet(book.add_worksheet(names[domain.slug]), fm, settings, domain))
    if include_tasks:
        _write_tasks_sheet(book.add_worksheet(TASKS_SHEET), fm, catalogue)
    _write_data_sheet(book.add_worksheet(DATA_SHEET), catalogue, names, rows)
    book.close()
    return buffer.getvalue()


def tasks_workbook(catalogue: Catalogue) -> bytes:
    """``tasks.xlsx``: the 任务分工 table alone."""
    buffer = io.BytesIO()
    book, fm = _new_workbook(buffer, catalogue.settings, tasks_title(catalogue))
    _write_tasks_sheet(book.add_worksheet(TASKS_SHEET), fm, catalogue)
    book.close()
    return buffer.getvalue()
