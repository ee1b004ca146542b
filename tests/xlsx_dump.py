"""A workbook as text, for golden files: XLSX zips carry timestamps, their content does not."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter


def _style(cell: Cell) -> str:
    font = cell.font
    align = cell.alignment
    border = cell.border
    sides = "".join((side.style or "-")[0] for side in (border.left, border.right, border.top, border.bottom))
    parts = [
        f"font={font.name}/{font.sz:g}{'/b' if font.b else ''}",
        f"align={align.horizontal or '-'}/{align.vertical or '-'}{'/wrap' if align.wrap_text else ''}",
        f"border={sides}",
    ]
    if cell.fill is not None and cell.fill.fgColor is not None and cell.fill.fill_type == "solid":
        parts.append(f"fill={cell.fill.fgColor.rgb}")
    if cell.number_format != "General":
        parts.append(f"format={cell.number_format}")
    return " ".join(parts)


def dump_workbook(data: bytes) -> str:
    """Sheets, page setup, widths, heights, merges, autofilter and every non-empty cell with its style
    (and its number format, when not General)."""
    book = load_workbook(io.BytesIO(data))
    lines: list[str] = []
    props = book.properties
    lines.append(f"properties: title={props.title!r} creator={props.creator!r} created={props.created}")
    for sheet in book.worksheets:
        lines.append("")
        lines.append(f"== sheet {sheet.title!r} state={sheet.sheet_state}")
        setup = sheet.page_setup
        fit = sheet.sheet_properties.pageSetUpPr
        lines.append(
            f"page: orientation={setup.orientation} paper={setup.paperSize} "
            f"fit={'yes' if fit is not None and fit.fitToPage else 'no'} {setup.fitToWidth}x{setup.fitToHeight} "
            f"repeat_rows={sheet.print_title_rows} footer={sheet.oddFooter.center.text!r}"
        )
        lines.append(f"freeze: {sheet.freeze_panes}")
        widths = [
            f"{get_column_letter(dim.min)}-{get_column_letter(dim.max)}={dim.width:g}"
            for dim in sorted(sheet.column_dimensions.values(), key=lambda d: d.min or 0)
            if dim.width and dim.min
        ]
        lines.append("widths: " + " ".join(widths))
        heights = [f"{row}={dim.height:g}" for row, dim in sorted(sheet.row_dimensions.items()) if dim.height]
        lines.append("heights: " + " ".join(heights))
        lines.append("merged: " + " ".join(sorted(str(r) for r in sheet.merged_cells.ranges)))
        if sheet.auto_filter.ref:
            lines.append(f"autofilter: {sheet.auto_filter.ref}")
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None or cell.value == "":
                    continue
                link = f" link={cell.hyperlink.location or cell.hyperlink.target}" if cell.hyperlink else ""
                lines.append(
                    f"{get_column_letter(cell.column)}{cell.row} {cell.data_type} {cell.value!r} {_style(cell)}{link}"
                )
    return "\n".join(lines) + "\n"
