"""The zip container: members written straight in or compressed elsewhere first read back exactly,
with the given time, in a file zipfile, LibreOffice and Excel open."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zwgk_cli.render.xlsx.zipout import ZipOut


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.binary(max_size=5000)), min_size=1, max_size=6))
def test_members_read_back_exactly(members: list[tuple[bool, bytes]]) -> None:
    buffer = io.BytesIO()
    out = ZipOut(buffer, datetime(2020, 10, 30, 8, 30, 14))
    spools = []
    for index, (spooled, data) in enumerate(members):
        if spooled:  # written beside the others, added at the end
            spool = out.spool()
            spool.write(data[: len(data) // 2])
            spool.write(data[len(data) // 2 :])
            spools.append((f"m{index}.xml", spool))
        else:
            out.put(f"m{index}.xml", data)
    for name, spool in spools:
        out.add_spooled(name, spool)
    out.close()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        assert archive.testzip() is None
        assert {info.filename: archive.read(info) for info in archive.infolist()} == {
            f"m{i}.xml": data for i, (_, data) in enumerate(members)
        }
        assert {info.date_time for info in archive.infolist()} == {(2020, 10, 30, 8, 30, 14)}
        assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_DEFLATED}


def test_one_member_at_a_time() -> None:
    out = ZipOut(io.BytesIO(), datetime(2020, 1, 1))
    member = out.open("a.xml")
    with pytest.raises(ValueError, match="still open"):
        out.open("b.xml")
    with pytest.raises(ValueError, match="still open"):
        out.close()
    member.close()
    out.close()


def test_the_same_members_give_the_same_bytes_and_a_compact_file() -> None:
    def write() -> bytes:
        buffer = io.BytesIO()
        out = ZipOut(buffer, datetime(2020, 10, 30))
        out.put("a.xml", b"<row/>" * 10_000)
        out.close()
        return buffer.getvalue()

    first = write()
    assert first == write()
    assert len(first) < 1000


def test_a_discarded_spool_leaves_no_file() -> None:
    out = ZipOut(io.BytesIO(), datetime(2020, 1, 1))
    spool = out.spool()
    spool.write(b"x")
    spool.discard()
    assert spool.out.closed
    out.close()


def test_written_at_an_offset_of_a_larger_file() -> None:
    buffer = io.BytesIO(b"prefix")
    buffer.seek(6)
    out = ZipOut(buffer, datetime(2020, 1, 1))
    out.put("a.xml", b"data")
    out.close()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue()[6:])) as archive:
        assert archive.read("a.xml") == b"data"


def test_times_outside_what_zip_dates_hold_are_clamped() -> None:
    # SOURCE_DATE_EPOCH=0 is 1970, before the first date a zip file can hold
    for when, expected in (
        (datetime(1970, 1, 1), (1980, 1, 1, 0, 0, 0)),
        (datetime(2200, 6, 1), (2107, 12, 31, 23, 59, 58)),
    ):
        buffer = io.BytesIO()
        out = ZipOut(buffer, when)
        out.put("a.xml", b"x")
        out.close()
        with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
            assert archive.infolist()[0].date_time == expected
