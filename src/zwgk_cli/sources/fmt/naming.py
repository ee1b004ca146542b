"""How fmt's findings name a place in a file: 第 3 个事项（shjz-003）的 公开内容（要素） (content)."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap

from zwgk_cli.core.diagnostics import Text, format_path, say
from zwgk_cli.core.models import Settings, field_title
from zwgk_cli.core.source import FieldPath
from zwgk_cli.sources.fmt.layout import Shape


def _node_at(root: Any, path: FieldPath) -> Any:
    node = root
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _name_of(root: Any, path: FieldPath, key: str) -> Text | str:
    """The entry's name in brackets, from its `key` (an id or name), or nothing."""
    node = _node_at(root, path)
    value = node.get(key) if isinstance(node, CommentedMap) else None
    return say("ui.fmt.named", name=value) if isinstance(value, str) and value else ""


def describe(root: Any, path: FieldPath) -> Text:
    """A mapping's place, as people say it: 第 3 个事项（shjz-003）."""
    if not path:
        return say("ui.fmt.top-level")
    head = path[0]
    if head == "items" and len(path) >= 2 and isinstance(path[1], int):
        item = say("ui.fmt.item", number=path[1] + 1, name=_name_of(root, path[:2], "id"))
        rest = path[2:]
        if len(rest) >= 2 and rest[0] == "waivers" and isinstance(rest[1], int):
            return say("ui.fmt.item-waiver", item=item, number=rest[1] + 1)
        return item
    if isinstance(head, str) and len(path) >= 2 and isinstance(path[1], int):
        return say(
            "ui.fmt.entry",
            title=field_title(Settings, head) or head,
            key=head,
            number=path[1] + 1,
            name=_name_of(root, path[:2], "domain" if head == "not_applicable" else "name"),
        )
    where = format_path(path)  # the same in both languages
    return Text(where, where)


def label(root: Any, path: FieldPath, parent_shape: Shape) -> Text:
    """A field or list entry: 第 3 个事项（shjz-003）的 公开内容（要素） (content)."""
    last = path[-1]
    if isinstance(last, int):
        return describe(root, path)
    title = field_title(parent_shape.model, last) if parent_shape.model is not None else None
    name = say("ui.fmt.field", title=title, key=last) if title else say("ui.fmt.untitled-field", key=last)
    if len(path) == 1:
        return name
    return say("ui.fmt.field-of", owner=describe(root, path[:-1]), field=name)
