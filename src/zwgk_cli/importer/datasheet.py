"""Reading back the workbook `zwgk build` writes: its hidden ``_zwgk`` sheet holds every setting,
domain header and item as JSON (see `workbook._write_data_sheet`), so the sources come back exactly.

Why the check against the visible sheets: an office may correct a cell in Excel and send the
workbook back. A domain sheet whose cells no longer show what the hidden records hold was edited,
and its visible table wins (the importer re-reads it; the ids of unchanged rows are kept).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from zwgk_cli.core.models import Domain, Item, Settings
from zwgk_cli.importer.readers import SourceTable
from zwgk_cli.render.opendata import JSON_VERSION
from zwgk_cli.render.rows import item_cells, item_rows
from zwgk_cli.render.xlsx.workbook import DATA_SHEET, ITEM_COLUMNS, WORKBOOK_FORMAT

__all__ = ["DATA_SHEET", "DataDomain", "DataSheet", "DataSheetError", "edited_cell", "read_data_sheet"]


class DataSheetError(Exception):
    """The hidden sheet is there but cannot be trusted (edited, truncated, another version)."""


@dataclass(slots=True)
class DataDomain:
    """One domain from the hidden sheet, with the worksheet and rows its items were written to."""

    domain: Domain
    sheet: str
    rows: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class DataSheet:
    """Everything the hidden sheet holds."""

    settings: Settings
    domains: list[DataDomain]


def read_data_sheet(table: SourceTable) -> DataSheet:
    """Parse the hidden sheet; raises DataSheetError with the reason when it is not usable."""
    if not table.rows or [c.text for c in table.rows[0][:6]] != [
        "kind",
        "key",
        "sheet",
        "row",
        "part",
        "json",
    ]:
        raise DataSheetError("header row")
    records: dict[tuple[str, str], list[tuple[int, str]]] = {}
    places: dict[tuple[str, str], tuple[str, str]] = {}
    order: list[tuple[str, str]] = []
    for row in table.rows[1:]:
        texts = [c.text for c in row[:6]] + [""] * (6 - len(row[:6]))
        kind, key, sheet, row_text, part, text = texts
        if not kind:
            continue
        try:
            index = int(part)
        except ValueError as exc:
            raise DataSheetError(f"part {part!r}") from exc
        ident = (kind, key)
        if ident not in records:
            order.append(ident)
            records[ident] = []
        records[ident].append((index, text))
        places[ident] = (sheet, row_text)
    data: dict[tuple[str, str], Any] = {}
    for ident, parts in records.items():
        parts.sort()
        if [i for i, _ in parts] != list(range(len(parts))):
            raise DataSheetError(f"parts of {ident}")
        try:
            data[ident] = json.loads("".join(text for _, text in parts))
        except (json.JSONDecodeError, RecursionError) as exc:  # RecursionError: nested past Python's limit
            raise DataSheetError(f"JSON of {ident}") from exc
    if data.get(("format", WORKBOOK_FORMAT)) != {"format": WORKBOOK_FORMAT, "version": JSON_VERSION}:
        raise DataSheetError("format record")
    try:
        settings = Settings.model_validate(data[("settings", "")], strict=False)
        groups: list[tuple[tuple[str, str], list[Any]]] = []
        for ident in order:
            if ident[0] == "domain":
                groups.append((ident, []))
            elif ident[0] == "item":
                if not groups:
                    raise DataSheetError("an item before any domain")
                groups[-1][1].append(data[ident])
        domains: list[DataDomain] = []
        for ident, items in groups:
            head = data[ident]
            if not isinstance(head, dict):
                raise DataSheetError(f"domain {ident[1]}")
            domain = Domain.model_validate({**head, "items": items}, strict=False)
            sheet_name = places[ident][0]
            rows: dict[str, int] = {}
            for item in domain.items:
                item_sheet, row_text = places[("item", item.id)]
                if item_sheet != sheet_name:
                    raise DataSheetError(f"sheet of {item.id}")
                rows[item.id] = int(row_text)
            domains.append(DataDomain(domain, sheet_name, rows))
    except (KeyError, ValueError, ValidationError) as exc:
        raise DataSheetError(str(exc)) from exc
    return DataSheet(settings, domains)


def expected_row(item: Item, category: str, levels: list[str]) -> list[str]:
    """The texts `workbook` writes in an item's row, from 一级事项 (column B) on."""
    return [category, *item_cells(item, levels)]


def edited_cell(record: DataDomain, sheet: SourceTable | None, levels: list[str]) -> str | None:
    """The first cell of `sheet` that differs from the hidden records (a missing sheet: its name), else None."""
    # rows added below the table: the first surplus row's cell
    if sheet is None:
        return record.sheet
    width = 1 + len(expected_row(record.domain.items[0], "", levels)) if record.domain.items else 0
    last = 0
    for row in item_rows(record.domain):
        r = record.rows[row.item.id]
        last = max(last, r)
        cells = sheet.rows[r - 1] if r - 1 < len(sheet.rows) else []
        expected = expected_row(row.item, row.item.category, levels)
        for offset, text in enumerate(expected, start=1):
            cell = cells[offset] if offset < len(cells) else None
            if (cell.text if cell else "") != text:
                return cell.ref if cell else f"{record.sheet}!{r}"
        if len(cells) > width and any(c.text for c in cells[width:]):
            return next(c.ref for c in cells[width:] if c.text)
    for cells in sheet.rows[last:]:
        for cell in cells[: max(width, len(ITEM_COLUMNS))]:
            if cell.text.strip():
                return cell.ref
    return None
