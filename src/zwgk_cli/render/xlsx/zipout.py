"""The zip container of an XLSX file, written member by member, with members compressed elsewhere.

Why not zipfile: it compresses a member only while that member is the one being written, so a
worksheet written beside the others (the workbook's hidden data sheet) had to be compressed at the
end, alone, after everything else. Here such a member is compressed as it is written, into a
temporary file, in the thread that writes it; adding it to the zip is then a copy.

The container is plain ZIP (deflate, no data descriptors, no ZIP64): what Excel, LibreOffice and
zipfile read. Times are fixed by the caller, so the same members give the same bytes.
"""

from __future__ import annotations

import shutil
import struct
import tempfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Protocol

LEVEL = 6
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_LIMIT = 0xFFFFFFFF  # sizes and offsets beyond this need ZIP64, which workbooks never reach


class Writable(Protocol):
    """Where bytes go."""

    def write(self, data: bytes, /) -> object: ...


class Closable(Writable, Protocol):
    """Where bytes go, closed when done."""

    def close(self) -> None: ...


@dataclass(slots=True)
class _Entry:
    name: bytes
    crc: int
    compressed: int
    size: int
    offset: int


class Deflated:
    """A member's data being compressed into `out` as it comes: its checksum and sizes kept."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self._compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
        self.crc = 0
        self.size = 0
        self.compressed = 0
        self.closed = False

    def write(self, data: bytes) -> None:
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        self._put(self._compressor.compress(data))

    def discard(self) -> None:
        """Drop a spooled member that will not be added (its temporary file goes)."""
        self.out.close()

    def finish(self) -> None:
        """Flush the compressor (the member's data is complete)."""
        if not self.closed:
            self._put(self._compressor.flush())
            self.closed = True

    def _put(self, chunk: bytes) -> None:
        if chunk:
            self.out.write(chunk)
            self.compressed += len(chunk)


class ZipOut:
    """A zip file written into `target` (seekable): one open member at a time, or spooled members."""

    def __init__(self, target: IO[bytes], when: datetime) -> None:
        self.target = target
        self._start = target.tell()
        self._entries: list[_Entry] = []
        when = min(max(when, datetime(1980, 1, 1)), datetime(2107, 12, 31, 23, 59, 59))  # what zip dates hold
        self._date = ((when.year - 1980) << 9) | (when.month << 5) | when.day
        self._time = (when.hour << 11) | (when.minute << 5) | (when.second // 2)
        self._open: _Member | None = None

    def put(self, name: str, data: bytes) -> None:
        """A whole member."""
        member = self.open(name)
        member.write(data)
        member.close()

    def open(self, name: str) -> _Member:
        """A member to write into (close it before the next)."""
        if self._open is not None:
            raise ValueError("a zip member is still open")
        offset = self.target.tell() - self._start
        encoded = name.encode("ascii")
        self.target.write(self._local(encoded, 0, 0, 0))
        self._open = _Member(self, encoded, offset)
        return self._open

    def spool(self) -> Deflated:
        """A member compressed into a temporary file, to be added later with `add_spooled`."""
        return Deflated(tempfile.TemporaryFile())

    def add_spooled(self, name: str, spool: Deflated) -> None:
        """Add a spooled member (and remove its temporary file)."""
        if self._open is not None:
            raise ValueError("a zip member is still open")
        spool.finish()
        encoded = name.encode("ascii")
        offset = self.target.tell() - self._start
        self.target.write(self._local(encoded, spool.crc, spool.compressed, spool.size))
        with spool.out:
            spool.out.seek(0)
            shutil.copyfileobj(spool.out, self.target, 1 << 20)
        self._add(_Entry(encoded, spool.crc, spool.compressed, spool.size, offset))

    def close(self) -> None:
        """Write the central directory."""
        if self._open is not None:
            raise ValueError("a zip member is still open")
        directory = self.target.tell() - self._start
        for entry in self._entries:
            self.target.write(
                _CENTRAL.pack(
                    0x02014B50,
                    (3 << 8) | 20,
                    20,
                    0,
                    8,
                    self._time,
                    self._date,
                    entry.crc,
                    entry.compressed,
                    entry.size,
                    len(entry.name),
                    0,
                    0,
                    0,
                    0,
                    0o644 << 16,
                    entry.offset,
                )
                + entry.name
            )
        size = self.target.tell() - self._start - directory
        count = len(self._entries)
        self.target.write(_END.pack(0x06054B50, 0, 0, count, count, size, directory, 0))

    def _local(self, name: bytes, crc: int, compressed: int, size: int) -> bytes:
        return (
            _LOCAL.pack(0x04034B50, 20, 0, 8, self._time, self._date, crc, compressed, size, len(name), 0)
            + name
        )

    def _add(self, entry: _Entry) -> None:
        if max(entry.compressed, entry.size, entry.offset) > _LIMIT or len(self._entries) >= 0xFFFF:
            raise ValueError("the workbook is too large for a zip file without ZIP64")
        self._entries.append(entry)

    def _closed(self, member: _Member) -> None:
        """A member's data is written: put its checksum and sizes into its header."""
        self._open = None
        end = self.target.tell()
        self.target.seek(self._start + member.offset + 14)
        self.target.write(struct.pack("<III", member.data.crc, member.data.compressed, member.data.size))
        self.target.seek(end)
        self._add(
            _Entry(member.name, member.data.crc, member.data.compressed, member.data.size, member.offset)
        )


class _Member:
    """One member being written straight into the zip."""

    def __init__(self, zip_out: ZipOut, name: bytes, offset: int) -> None:
        self._zip = zip_out
        self.name = name
        self.offset = offset
        self.data = Deflated(zip_out.target)

    def write(self, data: bytes) -> None:
        self.data.write(data)

    def close(self) -> None:
        if not self.data.closed:
            self.data.finish()
            self._zip._closed(self)
