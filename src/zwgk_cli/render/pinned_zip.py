"""An office file's zip package rewritten so the same content gives the same bytes.

Why: python-docx and openpyxl stamp each zip member with the clock (and keep whatever order and
attributes they wrote); a reproducible output needs one time, one order and one set of attributes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from zwgk_cli.render.xlsx.stream import zip_time


def pinned_zip(data: bytes, when: datetime) -> bytes:
    """`data` (a zip) rewritten: [Content_Types].xml, then the package relationships, then the rest
    by name; every member stamped `when`, with no file-system attributes, deflated."""
    stamp = zip_time(when)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n))
        for name in names:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(name))
    return out.getvalue()
