"""Source data → YAML text in the layout of the shipped files (``catalogues/shjz.yaml``).

Keys in model field order; short lists (content, channels, audience, mode, levels, partners) as
flow lists ``[a, b]``; 公开依据 as a block list, one citation a line; a per-level 公开主体 as a flow
mapping ``{区级: …, 镇街: …}``; 不认领说明 and 豁免 as block mappings; dates plain (``2020-10-30``).
A text that a YAML 1.1 or 1.2 reader would take for something else is quoted (``'no'``, ``'007'``);
ruamel.yaml adds the quotes a place needs, so every text reads back as the same text.
"""

from __future__ import annotations

import io
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.resolver import implicit_resolvers
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from zwgk_cli.core.models import (
    DomainHeader,
    Group,
    Item,
    NotApplicable,
    Review,
    Settings,
    Stage,
    Unit,
    Upstream,
)
from zwgk_cli.sources.fmt.layout import DOMAIN, ITEM, SETTINGS, Shape
from zwgk_cli.sources.loading import resolve_plain

DOMAIN_SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/domain.schema.json"
SETTINGS_SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/zwgk.schema.json"


def _block_lists(shape: Shape) -> frozenset[str]:
    """The keys whose lists the canonical layout writes one entry a line."""
    return frozenset(
        key for key, child in shape.fields.items() if child.kind == "seq" and child.style == "block"
    )


# The canonical layout is `fmt`'s (sources.fmt.layout), so a written file is already formatted:
# lists written one entry a line (every other list is written [a, b]); entries that are mappings
# written as block mappings (declines, waivers, not_applicable) except units and groups: {name: …}.
_BLOCK_LISTS: dict[str, frozenset[str]] = {
    "item": _block_lists(ITEM),
    "header": _block_lists(DOMAIN) - {"items"},  # the items are written one by one
    "settings": _block_lists(SETTINGS),
}
_FLOW_ENTRIES = frozenset(
    key for key, child in SETTINGS.fields.items() if child.each is not None and child.each.style == "flow"
)
# Settings whose value is a mapping the canonical layout shapes further (review.stages).
_NESTED_BLOCKS = frozenset(key for key, child in SETTINGS.fields.items() if child.kind == "map")
_NON_TEXT = tuple(regexp for _v, tag, regexp, _f in implicit_resolvers if tag != "tag:yaml.org,2002:str")


def _order(data: dict[str, Any], keys: list[str]) -> list[str]:
    return [k for k in keys if k in data] + [k for k in data if k not in keys]


def _scalar(value: Any) -> Any:
    """A text that any YAML reader (1.1 or 1.2) would take for something else is quoted: 'no', '007'."""
    if not isinstance(value, str):
        return value
    plain = value == value.strip() and value.isprintable() and isinstance(resolve_plain(value), str)
    if value and plain and not any(regexp.match(value) for regexp in _NON_TEXT):
        return value
    return SingleQuotedScalarString(value) if value.isprintable() else value


def _node(key: str, value: Any, blocks: frozenset[str], *, flow: bool = False) -> Any:
    """`value` of field `key` in the shipped layout (everything inside a flow node is flow)."""
    if isinstance(value, dict):
        # a mapping inside a mapping is written on one line: levels: {区县级: 区级, 乡镇级: 镇街}
        mapping = CommentedMap(
            (k, _node(k, v, frozenset(), flow=flow or isinstance(v, dict))) for k, v in value.items()
        )
        if flow:
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        block = not flow and key in blocks
        entries_flow = not block or key in _FLOW_ENTRIES
        seq = CommentedSeq(_node(key, v, frozenset(), flow=entries_flow) for v in value)
        if block:
            seq.fa.set_block_style()
        else:
            seq.fa.set_flow_style()
        return seq
    return _scalar(value)


def _shaped(value: Any, shape: Shape | None, *, flow: bool = False) -> Any:
    """`value` laid out as the canonical layout's `shape` says (a nested block such as review)."""
    if shape is None or flow:
        return _node("", value, frozenset(), flow=flow or isinstance(value, dict))
    inner = shape.style == "flow"
    if isinstance(value, dict) and shape.kind == "map":
        mapping = CommentedMap(
            (k, _shaped(value[k], shape.fields.get(k), flow=inner)) for k in _order(value, list(shape.order))
        )
        if inner:
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list) and shape.kind == "seq":
        seq = CommentedSeq(_shaped(v, shape.each, flow=inner) for v in value)
        if inner:
            seq.fa.set_flow_style()
        else:
            seq.fa.set_block_style()
        return seq
    return _scalar(value)


def _mapping(data: dict[str, Any], model: type[BaseModel], kind: str) -> CommentedMap:
    out = CommentedMap()
    blocks = _BLOCK_LISTS[kind]
    for key in _order(data, list(model.model_fields)):
        value = data[key]
        if key == "subject" and isinstance(value, dict):
            out[key] = _node(key, value, blocks, flow=True)  # {区级: …, 镇街: …}
        elif kind == "settings" and key in _NESTED_BLOCKS:
            out[key] = _shaped(value, SETTINGS.fields[key])  # review: its stages one block mapping each
        else:
            out[key] = _node(key, value, blocks)
    return out


def _dump(data: CommentedMap, comments: list[str]) -> bytes:
    yaml = YAML(typ="rt", pure=True)
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.allow_unicode = True
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    head = "".join(f"{line}\n" if line.startswith("#") else f"# {line}\n" for line in comments)
    return (head + buffer.getvalue()).encode("utf-8")


def domain_yaml(data: dict[str, Any], comments: list[str] | None = None) -> bytes:
    """A domain file: the header keys, then ``items`` (the last key, as in the model)."""
    out = _mapping({k: v for k, v in data.items() if k != "items"}, DomainHeader, "header")
    out["items"] = CommentedSeq(_mapping(item, Item, "item") for item in data.get("items", []))
    return _dump(out, comments or [])


def settings_yaml(data: dict[str, Any], comments: list[str] | None = None) -> bytes:
    """``zwgk.yaml``: levels as a flow list, the long lists one entry a line (units as flow mappings)."""
    return _dump(_mapping(data, Settings, "settings"), comments or [])


def without_defaults(
    model: type[BaseModel], data: dict[str, Any], keep: tuple[str, ...] = ()
) -> dict[str, Any]:
    """`data` without the optional fields that hold their default (the shipped files leave them out)."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        info = model.model_fields.get(key)
        optional = info is not None and key not in keep and not info.is_required()
        if optional and info is not None and value == info.get_default(call_default_factory=True):
            continue
        out[key] = value
    return out


def settings_data(settings: Settings) -> dict[str, Any]:
    """Settings as source data: optional values left out when unset, dates as dates."""
    data = without_defaults(Settings, settings.model_dump(mode="python"))
    nested: dict[str, type[BaseModel]] = {"units": Unit, "groups": Group, "not_applicable": NotApplicable}
    for key, model in nested.items():
        if key in data:
            data[key] = [without_defaults(model, entry) for entry in data[key]]
    if "upstream" in data:
        data["upstream"] = without_defaults(Upstream, data["upstream"])
    if "review" in data:
        review = without_defaults(Review, data["review"])
        review["stages"] = [without_defaults(Stage, stage) for stage in review["stages"]]
        data["review"] = review
    return data
