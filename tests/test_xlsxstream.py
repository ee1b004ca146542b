"""The streaming XLSX writer: any text comes back from a real reader exactly, rows stay in order,
merges fill their blanks, and the package is well formed."""

from __future__ import annotations

import io
import re
import threading
import zipfile
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from conftest import ROOT
from zwgk_cli.core.models import Domain
from zwgk_cli.render.rows import ItemRow, item_rows
from zwgk_cli.render.xlsx.parts import Properties, Style
from zwgk_cli.render.xlsx.stream import (
    CELL_UNITS,
    SHARED_MAX,
    PageSetup,
    SheetSetup,
    XlsxWriter,
    column_letter,
    column_width,
    fit_cell,
    row_height,
    zip_time,
)

_OOXML_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")
BOXED = Style(font="宋体", size=10, border=True, vertical="top", wrap=True)


def _book(rows: list[list[str | float | None]], **setup: object) -> bytes:
    buffer = io.BytesIO()
    properties = Properties(title="测试", created=datetime(2020, 10, 30))
    with XlsxWriter(buffer, properties, [BOXED]) as book, book.sheet("表一", SheetSetup(**setup)) as sheet:  # type: ignore[arg-type]
        for r, values in enumerate(rows):
            sheet.row(r, [(c, v, 1) for c, v in enumerate(values)])
    return buffer.getvalue()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=6))
def test_any_text_comes_back_exactly(texts: list[str]) -> None:
    # control characters, literal "_x0041_", leading and trailing spaces, markup, long and short
    texts = [t for t in texts if "\r" not in t and not any(0xD800 <= ord(c) <= 0xDFFF for c in t)]
    texts += ["_x0041_", " 前后空格 ", "<b>&amp;</b>", "\x00\x1f", "长" * (SHARED_MAX + 1), "=SUM(A1)"]
    data = _book([texts])
    assert _texts(data) == texts
    sheet = load_workbook(io.BytesIO(data))["表一"]
    assert all(cell.data_type == "s" for cell in sheet[1] if cell.value is not None)


def _texts(data: bytes) -> list[str]:
    """The first sheet's texts as Excel reads them: shared or inline, _xHHHH_ escapes decoded."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        shared = [
            "".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t"))
            for si in ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
        ]
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    texts = []
    for cell in sheet.iterfind(".//m:c", ns):
        if cell.get("t") == "s":
            raw = shared[int(cell.findtext("m:v", "", ns))]
        else:
            raw = cell.findtext("m:is/m:t", "", ns)
        texts.append(_OOXML_ESCAPE.sub(lambda m: chr(int(m[1], 16)), raw))
    return texts


def test_carriage_returns_survive_as_escapes() -> None:
    # XML readers turn a raw CR into LF; the writer escapes it so the text is kept
    with zipfile.ZipFile(io.BytesIO(_book([["甲\r\n乙"]]))) as archive:
        assert "甲_x000D_\n乙" in archive.read("xl/sharedStrings.xml").decode("utf-8")


def test_numbers_blanks_merges_and_links() -> None:
    buffer = io.BytesIO()
    with XlsxWriter(buffer, Properties(), [BOXED]) as book:
        setup = SheetSetup(
            widths=[5, 5, 12], freeze=(1, 1), page=PageSetup(landscape=True, repeat_rows=(0, 0))
        )
        with book.sheet("甲", setup) as sheet:
            sheet.merge(0, 0, 2, 0, 1)
            sheet.row(0, [(0, "合并", 1), (1, 3, 1), (2, 2.5, 1)], height=20)
            sheet.link(1, 1, "'乙'!A1", "去乙")
            sheet.row(1, [(1, "去乙", 1)])
        with book.sheet("乙", SheetSetup(hidden=True)) as sheet:
            sheet.row(0, [(0, None, 1)])
    book_ = load_workbook(io.BytesIO(buffer.getvalue()))
    first = book_["甲"]
    assert [first["A1"].value, first["B1"].value, first["C1"].value] == ["合并", 3, 2.5]
    assert [str(r) for r in first.merged_cells.ranges] == ["A1:A3"]
    assert first["A3"].border.left.style == "thin"  # the merge's blank cells carry the style
    assert first["B2"].hyperlink.location == "'乙'!A1"
    assert first.freeze_panes == "B2"
    assert first.print_title_rows == "$1:$1"
    assert first.row_dimensions[1].height == 20.25
    assert first.column_dimensions["A"].width == pytest.approx(5.7109375)
    assert book_["乙"].sheet_state == "hidden"


def test_rows_must_come_in_order() -> None:
    with XlsxWriter(io.BytesIO(), Properties(), []) as book, book.sheet("甲", SheetSetup()) as sheet:
        sheet.row(3, [(0, "x", 0)])
        with pytest.raises(ValueError, match="row 2 written after row 3"):
            sheet.row(2, [(0, "y", 0)])
        with pytest.raises(ValueError, match="merge"):
            sheet.merge(3, 0, 4, 0, 0)


def test_bad_sheet_names_are_refused() -> None:
    with XlsxWriter(io.BytesIO(), Properties(), []) as book:
        for name in ("", "a" * 32, "a/b", "a[1]"):
            with pytest.raises(ValueError, match="invalid worksheet name"):
                book.sheet(name, SheetSetup()).__enter__()


def test_every_part_is_well_formed_xml() -> None:
    with zipfile.ZipFile(io.BytesIO(_book([["甲", 1, None]], widths=[8]))) as archive:
        for name in archive.namelist():
            ElementTree.fromstring(archive.read(name))
        assert archive.namelist()[0] == "xl/worksheets/sheet1.xml"


def test_the_same_cells_give_the_same_bytes_at_the_given_time() -> None:
    first = _book([["甲", 1, None]] * 1000)
    assert first == _book([["甲", 1, None]] * 1000)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.testzip() is None
        assert {info.date_time for info in archive.infolist()} == {(2020, 10, 30, 0, 0, 0)}
        assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_DEFLATED}


def test_times_outside_what_zip_dates_hold_are_clamped() -> None:
    # SOURCE_DATE_EPOCH=0 is 1970, before the first date a zip file can hold
    assert zip_time(datetime(1970, 1, 1)) == (1980, 1, 1, 0, 0, 0)
    assert zip_time(datetime(2200, 6, 1)) == (2107, 12, 31, 23, 59, 58)


def test_units() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert [column_width(5), column_width(6.5)] == [5.7109375, 7.28515625]
    assert [row_height(32), row_height(30)] == [32.25, 30]


def test_a_text_longer_than_a_cell_holds_is_cut_visibly() -> None:
    long = "长" * 40_000
    (text,) = _texts(_book([[long]]))
    assert len(text) == CELL_UNITS
    assert text == long[: CELL_UNITS - 1] + "…"
    astral = "\U0001f600" * 20_000  # two UTF-16 units each
    cut = fit_cell(astral)
    assert len(cut.encode("utf-16-le")) // 2 <= CELL_UNITS
    assert cut == astral[: (CELL_UNITS - 1) // 2] + "…"
    assert fit_cell("短") == "短"


def test_an_error_midway_stops_the_writer_threads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from zwgk_cli.check.pipeline import check_catalogue
    from zwgk_cli.render.xlsx import workbook

    catalogue = check_catalogue(ROOT / "catalogues").catalogue
    assert catalogue is not None
    original = item_rows
    calls = 0

    def broken(domain: Domain) -> list[ItemRow]:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("坏了")
        return original(domain)

    monkeypatch.setattr(workbook, "item_rows", broken)
    before = threading.active_count()
    with (tmp_path / "x.xlsx").open("wb") as target, pytest.raises(RuntimeError, match="坏了"):
        workbook.write_catalogue_workbook(catalogue, target)
    assert threading.active_count() == before
