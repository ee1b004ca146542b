"""Which names a file of the output folder may have.

Why: file names come from the catalogue (domain slugs, unit codes) and from a templates folder's
assets; none may lead outside the output folder, hide itself (a leading dot), or be a name that
Windows, where the site may be copied, cannot hold. Spaces and Chinese characters are fine
(``assets/区徽 标志.png``).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from zwgk_cli.core.invisible_chars import find_invisible
from zwgk_cli.core.models import WINDOWS_DEVICE_NAMES

# Not in a name on Windows or in a URL path without confusion; controls never
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"|?*#%\\]')


def safe_relative(name: str) -> PurePosixPath:
    """`name` as a relative path that stays inside the output folder, or ValueError."""
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or "\\" in name or "//" in name:
        raise ValueError(f"unsafe output path: {name!r}")
    for part in path.parts:
        if (
            part in (".", "..")
            or part.startswith((".", " ", "-"))
            or part.endswith((".", " "))
            or _FORBIDDEN.search(part)
            or find_invisible(part)
            or part.split(".", 1)[0].lower() in WINDOWS_DEVICE_NAMES  # with any extension
        ):
            raise ValueError(f"unsafe output path: {name!r}")
    return path
