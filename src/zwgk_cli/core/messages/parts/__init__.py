"""The catalogue's parts, one per stage; each maps a key to its (Chinese, English) templates."""

from __future__ import annotations

from collections.abc import Mapping

ALL: dict[str, Mapping[str, tuple[str, str]]] = {}
