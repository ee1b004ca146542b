"""The XLSX workbook offices exchange and print, and the standalone 任务分工 workbook.

Written by `xlsxstream` row by row (every string as a string, never a formula; with the document
time fixed, byte-identical files); openpyxl stays for reading them back.
Layout follows the tables offices make by hand: a title row, two header rows with merged cells,
一级事项 merged over its adjacent rows, centred √ marks, wrapped text, borders, frozen headers, and an
A4 landscape print setup that repeats the header rows and numbers the pages.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import UTC, datetime
from typing import IO, Any

from zwgk_cli.core.catalogue import Catalogue
from zwgk_cli.core.models import Domain, Settings
from zwgk_cli.render.opendata import JSON_VERSION
from zwgk_cli.render.rows import (
    date_text,
    example_notice,
    item_cells,
    item_rows,
    task_rows,
    tasks_title,
)
from zwgk_cli.render.xlsx.measure import line_count, row_lines, split_cells
from zwgk_cli.render.xlsx.parts import Properties, Style, quoted_sheet
from zwgk_cli.render.xlsx.stream import PageSetup, Sheet, SheetSetup, XlsxWriter

WORKBOOK_FORMAT = "zwgk-workbook"
DATA_SHEET = "_zwgk"
COVER_SHEET = "目录说明"
TASKS_SHEET = "任务分工"
BODY_FONT = "宋体"
HEAD_FONT = "黑体"
LINE_HEIGHT = 13.5  # points per line of 10 pt text
COVER_WIDTHS = [14, 30, 10, 22]
COVER_TEXT_WIDTH = sum(COVER_WIDTHS[1:])  # B:D merged
FOOTER = "&C第 &P 页，共 &N 页"

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


def document_time(settings: Settings, epoch: int | None = None) -> datetime:
    """The time stamped in the workbook: `epoch` (seconds since 1970, as SOURCE_DATE_EPOCH gives
    it) when given, else the publication date."""
    if epoch is not None:
        return datetime.fromtimestamp(epoch, tz=UTC).replace(tzinfo=None)
    return datetime(settings.published.year, settings.published.month, settings.published.day)


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


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


_BODY = Style(font=BODY_FONT, size=10, wrap=True, vertical="top")
_BOXED = replace(_BODY, border=True)
# the workbook's cell styles, in the order of their indices (1 on; 0 is the default style)
STYLES: list[Style] = [
    Style(font=HEAD_FONT, size=16, bold=True, horizontal="center", vertical="center"),
    replace(_BODY, color="8C1414", vertical="center"),
    Style(
        font=HEAD_FONT,
        size=10,
        bold=True,
        border=True,
        horizontal="center",
        vertical="center",
        wrap=True,
        fill="EEF1F6",
    ),
    _BOXED,
    replace(_BOXED, horizontal="center"),
    replace(_BOXED, horizontal="center", vertical="center"),
    replace(_BOXED, horizontal="center", vertical="center", bold=True),
    replace(_BODY, bold=True),
    _BODY,
    replace(_BODY, color="0B4F9C", underline=True),
    replace(_BOXED, color="0B4F9C", underline=True),
]
# their indices
TITLE, NOTICE, HEAD, CELL, CENTER, TICK, CATEGORY, LABEL, PLAIN, LINK, LINK_CELL = range(1, len(STYLES) + 1)


def _page(*, landscape: bool = True, repeat: tuple[int, int] | None = None) -> PageSetup:
    if not landscape:
        return PageSetup(landscape=False, footer=FOOTER)
    return PageSetup(
        landscape=True,
        repeat_rows=repeat,
        margins=(0.4, 0.4, 0.6, 0.6),
        center_horizontally=True,
        footer=FOOTER,
    )


def _new_workbook(target: IO[bytes], settings: Settings, title: str, epoch: int | None) -> XlsxWriter:
    comments = "示例目录：根据公开资料重建的演示数据，不是正式发布版本。" if settings.example else ""
    properties = Properties(
        title=title,
        subject="基层政务公开标准目录",
        author=settings.issuer,
        company=settings.issuer,
        keywords="政务公开, 标准目录",
        comments=comments,
        created=document_time(settings, epoch),
    )
    return XlsxWriter(target, properties, STYLES)


def _title_rows(sheet: Sheet, title: str, settings: Settings, last_col: int) -> None:
    """Write the title (and the example notice): the rows above `_below_title(settings)`."""
    sheet.merge(0, 0, 0, last_col, TITLE)
    sheet.row(0, [(0, title, TITLE)], height=32)
    notice = example_notice(settings)
    if notice is not None:
        sheet.merge(1, 0, 1, last_col, NOTICE)
        sheet.row(1, [(0, notice, NOTICE)], height=20)


def _below_title(settings: Settings) -> int:
    """The 0-based row after a table sheet's title (and the example notice)."""
    return 1 if example_notice(settings) is None else 2


def _domain_widths(levels: list[str]) -> list[float]:
    return (
        [w for _, w in ITEM_COLUMNS]
        + [TICK_WIDTH, NOTE_WIDTH, TICK_WIDTH, TICK_WIDTH]
        + [TICK_WIDTH] * len(levels)
    )


def _write_domain_sheet(book: XlsxWriter, name: str, settings: Settings, domain: Domain) -> dict[str, int]:
    """One domain's table; returns item id → 1-based spreadsheet row."""
    levels = settings.levels
    widths = _domain_widths(levels)
    last_col = len(widths) - 1
    head = _below_title(settings)
    sub = head + 1
    first = sub + 1
    page = _page(repeat=(head, sub))
    rows: dict[str, int] = {}
    with book.sheet(name, SheetSetup(widths=widths, freeze=(first, 3), page=page)) as sheet:
        _title_rows(sheet, f"{settings.region}{domain.domain}领域基层政务公开标准目录", settings, last_col)
        head_cells: list[tuple[int, str | float | None, int]] = []
        sub_cells: list[tuple[int, str | float | None, int]] = []
        for col in (0, 3, 4, 5, 6, 7):
            sheet.merge(head, col, sub, col, HEAD)
            head_cells.append((col, ITEM_COLUMNS[col][0], HEAD))
        sheet.merge(head, 1, head, 2, HEAD)
        head_cells.append((1, "公开事项", HEAD))
        sub_cells += [(1, "一级事项", HEAD), (2, "二级事项", HEAD)]
        groups = [
            ("公开对象", ["全社会", "特定群体"]),
            ("公开方式", ["主动", "依申请"]),
            ("公开层级", list(levels)),
        ]
        col = len(ITEM_COLUMNS)
        for title, labels in groups:
            if len(labels) > 1:
                sheet.merge(head, col, head, col + len(labels) - 1, HEAD)
            head_cells.append((col, title, HEAD))
            sub_cells += [(col + offset, label, HEAD) for offset, label in enumerate(labels)]
            col += len(labels)
        sheet.row(head, sorted(head_cells), height=20)
        sheet.row(sub, sorted(sub_cells), height=30)
        text_cols = range(2, len(ITEM_COLUMNS))
        tick_cols = range(len(ITEM_COLUMNS), last_col + 1)
        for index, row in enumerate(item_rows(domain)):
            r = first + index
            item = row.item
            rows[item.id] = r + 1
            cells: list[tuple[int, str | float | None, int]] = [(0, row.number, CENTER)]
            if row.category_span > 1:
                sheet.merge(r, 1, r + row.category_span - 1, 1, CATEGORY)
                cells.append((1, item.category, CATEGORY))
            elif row.category_span == 1:
                cells.append((1, item.category, CATEGORY))
            texts = item_cells(item, levels)
            split = len(ITEM_COLUMNS) - 2
            cells += [(c, text, CELL) for c, text in zip(text_cols, texts[:split], strict=True)]
            cells += [(c, text or None, TICK) for c, text in zip(tick_cols, texts[split:], strict=True)]
            sheet.row(r, cells, height=LINE_HEIGHT * row_lines(texts, widths) + 4)
    return rows


def _write_tasks_sheet(book: XlsxWriter, catalogue: Catalogue) -> None:
    settings = catalogue.settings
    last_col = len(TASK_COLUMNS) - 1
    top = _below_title(settings)
    first = top + 1
    setup = SheetSetup(widths=[w for _, w in TASK_COLUMNS], freeze=(first, 0), page=_page(repeat=(top, top)))
    with book.sheet(TASKS_SHEET, setup) as sheet:
        _title_rows(sheet, tasks_title(catalogue), settings, last_col)
        sheet.row(top, [(col, title, HEAD) for col, (title, _) in enumerate(TASK_COLUMNS)], height=22)
        for index, row in enumerate(task_rows(catalogue)):
            r = first + index
            task = f"{row.task}（{row.pending}）" if row.pending else row.task
            cells: list[tuple[int, str | float | None, int]] = [(0, row.order, CENTER), (1, task, CELL)]
            for col, text, span in ((2, row.lead, row.lead_span), (3, row.partners, row.partners_span)):
                if span > 1:
                    sheet.merge(r, col, r + span - 1, col, CELL)
                    cells.append((col, text, CELL))
                elif span == 1:
                    cells.append((col, text or None, CELL))
            cells.append((4, row.due or None, CENTER))
            lines = max(
                line_count(task, TASK_COLUMNS[1][1]),
                line_count(row.partners, TASK_COLUMNS[3][1]) if row.partners_span == 1 else 1,
            )
            sheet.row(r, cells, height=LINE_HEIGHT * lines + 6)


def _write_cover(
    book: XlsxWriter,
    catalogue: Catalogue,
    names: dict[str, str],
    counts: dict[str, int],
    *,
    include_tasks: bool,
) -> None:
    settings = catalogue.settings
    setup = SheetSetup(widths=COVER_WIDTHS, page=_page(landscape=False))
    with book.sheet(COVER_SHEET, setup) as sheet:
        sheet.merge(0, 0, 0, 3, TITLE)
        sheet.row(0, [(0, settings.display_title(), TITLE)], height=32)
        facts = [
            ("发布机关", settings.issuer),
            ("文号", settings.document or ""),
            *(("编制依据" if i == 0 else "", text) for i, text in enumerate(settings.basis)),
            ("版本", settings.edition),
            ("发布日期", date_text(settings.published)),
            ("适用范围", settings.scope or ""),
        ]
        row = 1
        for label, value in facts:
            if value:
                if len(value) > 15:  # a long text spans the sheet's width (B:D) and wraps there
                    sheet.merge(row, 1, row, 3, PLAIN)
                    height = LINE_HEIGHT * line_count(value, COVER_TEXT_WIDTH) + 4
                    sheet.row(row, [(0, label, LABEL), (1, value, PLAIN)], height=height)
                else:
                    sheet.row(row, [(0, label, LABEL), (1, value, PLAIN)])
                row += 1
        notice = example_notice(settings)
        if notice is not None:
            sheet.merge(row, 0, row, 3, NOTICE)
            sheet.row(row, [(0, notice, NOTICE)], height=34)
            row += 1
        row += 1
        heads = ["序号", "领域（点击打开工作表）", "事项数", "主体责任单位"]
        sheet.row(row, [(col, title, HEAD) for col, title in enumerate(heads)])
        for domain in catalogue.domains:
            row += 1
            sheet.link(row, 1, _sheet_cell(names[domain.slug]), domain.domain)
            cells: list[tuple[int, str | float | None, int]] = [
                (0, domain.order, CENTER),
                (1, domain.domain, LINK_CELL),
                (2, counts[domain.slug], CENTER),
                (3, domain.lead, CELL),
            ]
            sheet.row(row, cells)
        for na in settings.not_applicable:
            row += 2
            sheet.row(row, [(0, "未涉及领域", LABEL), (1, na.domain, PLAIN), (3, na.reason, PLAIN)])
        outside = [unit for unit in settings.units if unit.outside is not None]
        if outside:
            row += 1
        for unit in outside:
            row += 1
            cells = [
                (0, "不在本目录范围", LABEL),
                (1, unit.full_name or unit.name, PLAIN),
                (3, unit.outside or "", PLAIN),
            ]
            sheet.row(row, cells, height=LINE_HEIGHT * line_count(unit.outside or "", COVER_WIDTHS[3]) + 4)
        if include_tasks:
            row += 2
            title = tasks_title(catalogue)
            sheet.link(row, 1, _sheet_cell(TASKS_SHEET), title)
            sheet.row(row, [(1, title, LINK)])


def _sheet_cell(name: str) -> str:
    """A link target: cell A1 of the sheet `name`."""
    return quoted_sheet(name) + "!A1"


def _write_data_sheet(
    book: XlsxWriter,
    settings: Settings,
    domains: Iterable[Domain],
    names: dict[str, str],
    rows: dict[str, dict[str, int]],
) -> None:
    """The hidden sheet that makes the workbook importable without loss (see README): a record per
    row (the format, the settings, each domain and item as JSON, with the sheet and row it shows on).

    Its texts are unique (ids, JSON), so they are written inline and the shared-string table stays
    small. pydantic writes each record's JSON in Rust: the same text as json.dumps with
    ensure_ascii=False and compact separators (a test compares them), ten times faster.
    """
    with book.sheet(DATA_SHEET, SheetSetup(hidden=True, shared_text=False)) as sheet:
        sheet.row(
            0, [(col, title, 0) for col, title in enumerate(["kind", "key", "sheet", "row", "part", "json"])]
        )
        next_row = 1

        def add(kind: str, key: str, sheet_name: str, row: int | None, text: str) -> None:
            nonlocal next_row
            for part_index, part in enumerate(split_cells(text)):
                cells: list[tuple[int, str | float | None, int]] = [
                    (0, kind, 0),
                    (1, key, 0),
                    (2, sheet_name, 0),
                ]
                if row is not None:
                    cells.append((3, row, 0))
                cells += [(4, part_index, 0), (5, part, 0)]
                sheet.row(next_row, cells)
                next_row += 1

        add(
            "format",
            WORKBOOK_FORMAT,
            "",
            None,
            _compact({"format": WORKBOOK_FORMAT, "version": JSON_VERSION}),
        )
        add("settings", "", COVER_SHEET, None, settings.model_dump_json())
        for domain in domains:
            name, where = names[domain.slug], rows[domain.slug]
            add("domain", domain.slug, name, None, domain.model_dump_json(exclude={"items"}))
            for item in domain.items:
                add("item", item.id, name, where[item.id], item.model_dump_json())


def write_catalogue_workbook(
    catalogue: Catalogue,
    target: IO[bytes],
    *,
    include_tasks: bool = True,
    epoch: int | None = None,
    streamed: Callable[[], Iterable[Domain]] | None = None,
    counts: dict[str, int] | None = None,
) -> None:
    """``catalogue.xlsx`` into `target`: a cover sheet, a sheet per domain, 任务分工, the hidden data
    sheet; dated `epoch` (see `document_time`).

    With `streamed`, `catalogue.domains` holds only the domains' headers (their items in `counts`)
    and each call of `streamed` gives the whole domains one at a time, in the same order (once for
    the domain sheets, once for the data sheet): the workbook is written holding one domain at a time.
    """
    settings = catalogue.settings
    names = sheet_names(catalogue.domains)
    if streamed is None or counts is None:
        counts = {d.slug: len(d.items) for d in catalogue.domains}
    domains = streamed if streamed is not None else lambda: catalogue.domains
    with _new_workbook(target, settings, settings.display_title(), epoch) as book:
        _write_cover(book, catalogue, names, counts, include_tasks=include_tasks)
        rows = {
            domain.slug: _write_domain_sheet(book, names[domain.slug], settings, domain)
            for domain in domains()
        }
        if include_tasks:
            _write_tasks_sheet(book, catalogue)
        _write_data_sheet(book, settings, domains(), names, rows)


def catalogue_workbook(
    catalogue: Catalogue, *, include_tasks: bool = True, epoch: int | None = None
) -> bytes:
    """``catalogue.xlsx`` as bytes (see `write_catalogue_workbook`)."""
    buffer = io.BytesIO()
    write_catalogue_workbook(catalogue, buffer, include_tasks=include_tasks, epoch=epoch)
    return buffer.getvalue()


def tasks_workbook(catalogue: Catalogue, *, epoch: int | None = None) -> bytes:
    """``tasks.xlsx``: the 任务分工 table alone."""
    buffer = io.BytesIO()
    with _new_workbook(buffer, catalogue.settings, tasks_title(catalogue), epoch) as book:
        _write_tasks_sheet(book, catalogue)
    return buffer.getvalue()
