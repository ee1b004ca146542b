"""How a field is named in messages: its Chinese title and key, counted as people count.

``("items", 3, "mode", 1)`` becomes “第 4 个事项（zdjsxm-004）的 公开方式 (mode) 第 2 项” in Chinese and
“item 4 (zdjsxm-004), mode (公开方式), entry 2” in English.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from zwgk_cli.core.diagnostics import Text, say
from zwgk_cli.core.models import Domain, Settings

# Lists whose entries are named by a noun and counted: “第 4 个事项”, “第 2 个单位”.
_NOUNS = frozenset({"items", "units", "groups", "not_applicable", "waivers"})


def describe(root: type[BaseModel], path: Sequence[str | int], data: Any = None) -> Text:
    """Name the field at `path` of a `root` model in both languages; `data` lets entries be named by id."""
    parts: list[tuple[Text, str]] = []  # (words, kind): kind is field, entry or key
    model: type[BaseModel] | None = root
    parent_key: str | None = None
    node = data
    for part in path:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            if parent_key is not None and parent_key in _NOUNS:
                if parts and parts[-1][1] == "field":
                    parts.pop()  # “第 4 个事项” says what “事项 (items)” would
                parts.append((_counted(part, parent_key, _ident(node, parent_key)), "field"))
            else:
                parts.append((say("ui.where.entry", number=part + 1), "entry"))
            continue
        node = node.get(part) if isinstance(node, dict) else None
        if model is not None and part in model.model_fields:
            info = model.model_fields[part]
            parts.append((say("ui.where.field", title=info.title or part, key=part), "field"))
            model = inner_model(info.annotation)
        else:
            parts.append((say("ui.where.key", key=part), "key"))
            model = None
        parent_key = part
    if not parts:
        return say("ui.where.top")
    whole = parts[0][0]
    for words, kind in parts[1:]:
        whole = say(f"ui.where.then-{kind}", whole=whole, part=words)
    return whole


def _counted(index: int, list_key: str, ident: str | None) -> Text:
    """“第 4 个事项（zdjsxm-004）”: an entry of a list of named things."""
    noun = say(f"ui.where.noun.{list_key}")
    if ident:
        return say("ui.where.named-entry", number=index + 1, noun=noun, name=ident)
    return say("ui.where.counted-entry", number=index + 1, noun=noun)


def listing(values: Iterable[object]) -> Text:
    """Values as a sentence lists them: joined by “、” in Chinese and by commas in English."""
    separator = say("ui.list.separator")
    shown = [str(value) for value in values]
    return Text(separator.zh.join(shown), separator.en.join(shown))


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
