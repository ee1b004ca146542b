"""Tables out of Excel (.xlsx) and Word (.docx) files, as rectangular grids of text cells.

The file is checked before anything is unpacked: its size, then each zip member's unpacked size
and compression ratio as the zip directory states them (zipfile never unpacks more than the
directory says, so the check holds for what is read). Then `xlsxread` or `docxread` reads the
tables, counting every table against the limits (`limits`). See `grid` for what a table is.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from zwgk_cli.core.diagnostics import Text, ZwgkError, say
from zwgk_cli.importer.docxread import read_docx
from zwgk_cli.importer.grid import Cell, SourceTable, cell_text, docx_ref, sheet_label, sheet_ref
from zwgk_cli.importer.limits import LIMITS, MIB, Budget, Limits, refuse
from zwgk_cli.importer.xlsxread import read_xlsx

__all__ = [
    "Cell",
    "SourceTable",
    "cell_text",
    "check_package",
    "docx_ref",
    "read_tables",
    "sheet_label",
    "sheet_ref",
]


def read_tables(path: Path, limits: Limits | None = None) -> tuple[str, list[SourceTable]]:
    """The file's kind (``xlsx`` or ``docx``) and its tables; raises ZwgkError when it cannot be read."""
    limits = limits or LIMITS
    if not path.exists():
        raise ZwgkError(say("stop.importer.no-file", path=path))
    if not path.is_file():
        raise ZwgkError(say("stop.importer.not-a-file", path=path))
    suffix = path.suffix.lower()
    if suffix in (".xls", ".doc", ".et", ".wps"):
        raise ZwgkError(say("stop.importer.old-office", name=path.name))
    if suffix not in (".xlsx", ".xlsm", ".docx", ".docm"):
        raise ZwgkError(say("stop.importer.not-office", name=path.name))
    try:
        size = path.stat().st_size
        if size > limits.file_bytes:
            raise ZwgkError(
                say("stop.importer.too-large", name=path.name, mib=size / MIB, limit=limits.file_bytes // MIB)
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ZwgkError(say("stop.importer.cannot-read", path=path, reason=exc.strerror or exc)) from exc
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ZwgkError(say("stop.importer.encrypted", name=path.name))
    budget = Budget(path.name, limits)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_package(path.name, archive, limits)
            if suffix in (".xlsx", ".xlsm"):
                return "xlsx", read_xlsx(path, data, budget)
            return "docx", read_docx(path, archive, budget)
    except zipfile.BadZipFile as exc:
        raise ZwgkError(_corrupt(path, say("ui.importer.damage.not-zip"))) from exc


def _corrupt(path: Path, problem: Text | str) -> Text:
    return say("stop.importer.damaged", name=path.name, problem=problem)


def check_package(name: str, archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a package whose members unpack past the limits, from the zip directory alone."""
    total = 0
    for info in archive.infolist():
        unpacked = info.file_size
        if unpacked > limits.part_bytes:
            refuse(
                "part", name=name, member=info.filename, mib=unpacked / MIB, limit=limits.part_bytes // MIB
            )
        packed = max(info.compress_size, 1)
        if unpacked > limits.ratio_floor and unpacked > packed * limits.ratio:
            refuse(
                "ratio",
                name=name,
                member=info.filename,
                ratio=unpacked / packed,
                packed=info.compress_size,
                unpacked=unpacked,
                limit=limits.ratio,
            )
        total += unpacked
        if total > limits.package_bytes:
            refuse("package", name=name, mib=total / MIB, limit=limits.package_bytes // MIB)
