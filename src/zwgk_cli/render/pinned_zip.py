"""An office file's zip package rewritten so the same content gives the same bytes.

Why: python-docx and openpyxl stamp each zip member with the clock (and keep whatever order and
attributes they wrote); a reproducible output needs one time, one order and one set of attributes.
A member can also be rewritten on the way, in parts (`write_pinned_zip`): a document too big to
build as one tree in memory is written a piece at a time into its place in the package.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import IO

from zwgk_cli.render.xlsx.stream import zip_time

Rewrite = Callable[[bytes], Iterable[bytes]]
"""A member's new content, in parts, from its old content."""


def pinned_zip(data: bytes, when: datetime) -> bytes:
    """`data` (a zip) rewritten: [Content_Types].xml, then the package relationships, then the rest
    by name; every member stamped `when`, with no file-system attributes, deflated."""
    out = io.BytesIO()
    write_pinned_zip(data, when, out)
    return out.getvalue()


def write_pinned_zip(
    data: bytes, when: datetime, target: IO[bytes], rewrite: Mapping[str, Rewrite] | None = None
) -> None:
    """`data` rewritten as `pinned_zip` does, into `target` (a seekable stream); the members named in
    `rewrite` get the content their function gives, written part by part as it comes."""
    stamp = zip_time(when)
    rewrite = rewrite or {}
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(target, "w") as out:
        names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n))
        for name in names:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            if name in rewrite:
                with out.open(info, "w") as member:
                    for part in rewrite[name](source.read(name)):
                        member.write(part)
            else:
                out.writestr(info, source.read(name))
