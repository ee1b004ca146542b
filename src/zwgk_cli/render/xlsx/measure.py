"""How much room a text takes in a workbook: its width in a column, the lines it wraps to, and the
pieces a long text is cut into so that each fits a cell."""

from __future__ import annotations

from zwgk_cli.core.text_width import wide_count

CELL_LIMIT = 32_000  # UTF-16 units per data-sheet cell (Excel's hard limit is 32,767)


def _tenths(text: str) -> int:
    """Display width in tenths of a spreadsheet character unit: a wide or full-width character is 18."""
    if text.isascii():
        return 10 * len(text)
    known = _MEASURED.get(text)  # legal bases and units recur from item to item
    if known is not None:
        return known
    tenths = 10 * len(text) + 8 * wide_count(text)
    if len(_MEASURED) >= 50_000:
        _MEASURED.clear()
    _MEASURED[text] = tenths
    return tenths


_MEASURED: dict[str, int] = {}


def _usable(width: float) -> int:
    """A column's usable width in tenths of a character (half a character goes to the cell's margins)."""
    return max(round(width * 10) - 5, 10)


def line_count(text: str, width: float) -> int:
    """How many lines `text` wraps to in a column `width` characters wide."""
    usable = _usable(width)
    if "\n" not in text:
        return max(1, -(-_tenths(text) // usable))
    return sum(max(1, -(-_tenths(line) // usable)) for line in text.split("\n"))


def split_cells(text: str) -> list[str]:
    """`text` in pieces of at most CELL_LIMIT UTF-16 units (what Excel counts; a character beyond
    the Basic Multilingual Plane, such as an emoji, is two), so no cell is cut short."""
    if len(text) <= CELL_LIMIT // 2:  # fits even if every character counts two
        return [text]
    parts: list[str] = []
    start = 0
    while start < len(text):
        end = start + CELL_LIMIT
        while (excess := len(text[start:end].encode("utf-16-le")) // 2 - CELL_LIMIT) > 0:
            end -= (excess + 1) // 2  # each character dropped is at most two units
        parts.append(text[start:end])
        start = end
    return parts


def row_lines(texts: list[str], widths: list[float]) -> int:
    """The lines of the row's tallest cell; `texts` start at column C (index 2 of `widths`).

    A cell is measured only when it could be taller than the tallest so far: a text of n characters
    takes at most ⌈1.8·n / usable width⌉ lines (plus one per line break), so short texts, most
    cells, are never measured, and the result is the same as measuring every one.
    """
    lines = 1
    for col, text in enumerate(texts, start=2):
        bound = -(-18 * len(text) // _usable(widths[col])) + text.count("\n")
        if bound > lines:
            lines = max(lines, line_count(text, widths[col]))
    return lines
