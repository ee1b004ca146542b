"""Writing one file so that it is either the old file or the new one, never half of each.

Why: `zwgk fmt` and `zwgk import` rewrite the clerks' source files; a crash, a full disk or a
power cut in the middle must not leave a truncated YAML file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, *, keep_owner: bool = False, durable: bool = True) -> None:
    """Write `data` to a temporary file beside `path`, flush it to disk, then rename it over `path`.

    The file keeps its permission bits when it already exists; with `keep_owner` its owner and
    group too (changing them needs root or, for the group, membership: OSError otherwise, and
    `path` is left as it was). Without `durable` the data is not flushed to disk before the rename
    (a cache entry: one cut short by a power cut is found out when read, and its file checked again).
    """
    before = path.stat() if path.exists() else None
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".zwgk-tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if keep_owner and before is not None:
                made = os.fstat(stream.fileno())
                if (made.st_uid, made.st_gid) != (before.st_uid, before.st_gid):
                    os.fchown(stream.fileno(), before.st_uid, before.st_gid)
            if durable:
                os.fsync(stream.fileno())
        if before is not None:
            Path(temporary).chmod(before.st_mode & 0o7777)  # after the owner: chown clears set-id bits
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
