"""Where the files that ship with zwgk live: the Jinja templates and the shipped 渝北区 catalogue.

Why: in a wheel they sit inside the package (``zwgk_cli/_data``); in a source checkout (an editable
install, the tests) they are the top-level ``templates/`` and ``catalogues/`` folders.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def shipped(name: str) -> Path:
    """The shipped folder `name` (``templates`` or ``catalogues``)."""
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"zwgk is installed without its {name}/ folder: reinstall the package")


def templates_dir() -> Path:
    """The default Jinja templates and static assets."""
    return shipped("templates")


def shipped_catalogue() -> Path:
    """The shipped 渝北区 catalogue (the embedded default and example)."""
    return shipped("catalogues")
