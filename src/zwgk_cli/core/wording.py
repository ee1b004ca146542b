"""How a field is named in messages: its Chinese title and key, counted as people count.

``("items", 3, "mode", 1)`` becomes “第 4 个事项（zdjsxm-004）的 公开方式 (mode) 第 2 项” in Chinese and
“item 4 (zdjsxm-004), mode (公开方式), entry 2” in English.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from zwgk_cli.core.diagnostics import Text
from zwgk_cli.core.models import Domain, Settings

_LIST_NOUN: dict[str, tuple[str, str]] = {
    "items": ("事项", "item"),
    "units": ("单位", "unit"),
    "groups": ("单位组", "group"),
    "not_applicable": ("未涉及领域", "not-applicable entry"),
    "waivers": ("豁免", "waiver"),
}


def describe(root: type[BaseModel], path: Sequence[str | int], data: Any = None) -> Text:
    """Name the field at `path` of a `root` model, in both languages.

    `data` (the file's plain data) lets an item be named with its id.
    """
    zh_parts: list[tuple[str, str]] = []  # (text, kind): kind is field, entry or key
    en_parts: list[str] = []
    model: type[BaseModel] | None = root
    parent_key: str | None = None
    node = data
    for part in path:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            noun = _LIST_NOUN.get(parent_key or "")
            if noun is not None:
                ident = _ident(node, parent_key)
                if zh_parts and zh_parts[-1][1] == "field":
                    zh_parts.pop()
                    en_parts.pop()
                zh_parts.append((f"第 {part + 1} 个{noun[0]}" + (f"（{ident}）" if ident else ""), "field"))
                en_parts.append(f"{noun[1]} {part + 1}" + (f" ({ident})" if ident else ""))
            else:
                zh_parts.append((f"第 {part + 1} 项", "entry"))
                en_parts.append(f"entry {part + 1}")
            continue
        node = node.get(part) if isinstance(node, dict) else None
        if model is not None and part in model.model_fields:
            info = model.model_fields[part]
            title = info.title or part
            zh_parts.append((f"{title} ({part})", "field"))
            en_parts.append(f"{part} ({title})")
            model = inner_model(info.annotation)
        else:
            zh_parts.append((f"“{part}”", "key"))
            en_parts.append(f"'{part}'")
            model = None
        parent_key = part
    if not zh_parts:
        return Text("文件顶层", "the top level of the file")
    zh = zh_parts[0][0]
    for text, kind in zh_parts[1:]:
        if kind == "entry":
            zh += f" {text}"
        elif kind == "key":
            zh += f" 中的 {text}"
        else:
            zh += f"的 {text}"
    return Text(zh, ", ".join(en_parts))


def _ident(node: Any, parent_key: str | None) -> str | None:
    """How to name a list entry: an item by its id, a unit or group by its name."""
    if not isinstance(node, dict):
        return None
    key = "id" if parent_key == "items" else "name" if parent_key in ("units", "groups") else "domain"
    value = node.get(key)
    return value if isinstance(value, str) else None


def inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside `list[Model]`, `Model | None` and the like."""
    candidates = [annotation]
    while candidates:
        current = candidates.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            return current
        if get_origin(current) is not None:
            candidates.extend(get_args(current))
    return None


def root_model(is_settings: bool) -> type[BaseModel]:
    """The model a file is validated against."""
    return Settings if is_settings else Domain


def join_values(values: Sequence[str], limit: int = 30) -> str:
    """Allowed values for a message, cut after `limit` entries."""
    shown = list(values[:limit])
    more = len(values) - len(shown)
    return "、".join(shown) + (f" 等 {len(values)} 个" if more > 0 else "")
