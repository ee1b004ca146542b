"""The canonical layout: which lists and mappings are written on one line, and in which key order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from zwgk_cli.core.models import (
    Decline,
    DomainHeader,
    Group,
    Item,
    NotApplicable,
    Review,
    Settings,
    Stage,
    Unit,
    Waiver,
)

SETTINGS_NAMES = frozenset({"zwgk.yaml", "zwgk.yml"})


@dataclass(frozen=True, slots=True)
class Shape:
    """How one collection is laid out: its type, style, key order and its children's shapes."""

    kind: Literal["map", "seq"]
    style: Literal["flow", "block"] | None = None
    model: type[BaseModel] | None = None  # key order (field order) and field titles
    fields: Mapping[str, Shape] = field(default_factory=dict)
    each: Shape | None = None

    @property
    def order(self) -> tuple[str, ...]:
        """The keys in the order the model declares its fields."""
        return tuple(self.model.model_fields) if self.model is not None else ()


_FLOW_LIST = Shape("seq", "flow")
_BLOCK_LIST = Shape("seq", "block")


def _registry(model: type[BaseModel]) -> Shape:
    """A list of registry entries: one `{key: value, ...}` line per entry."""
    return Shape("seq", "block", each=Shape("map", "flow", model))


SETTINGS = Shape(
    "map",
    "block",
    Settings,
    {
        "basis": _BLOCK_LIST,
        "levels": _FLOW_LIST,
        "channels": _BLOCK_LIST,
        "domains": _BLOCK_LIST,
        "not_applicable": Shape("seq", "block", each=Shape("map", "block", NotApplicable)),
        "units": _registry(Unit),
        "groups": _registry(Group),
        "review": Shape(
            "map", "block", Review, {"stages": Shape("seq", "block", each=Shape("map", "block", Stage))}
        ),
    },
)

ITEM = Shape(
    "map",
    "block",
    Item,
    {
        "content": _FLOW_LIST,
        "basis": _BLOCK_LIST,
        "subject": Shape("map", "flow"),
        "channels": _FLOW_LIST,
        "audience": _FLOW_LIST,
        "mode": _FLOW_LIST,
        "levels": _FLOW_LIST,
        "waivers": Shape("seq", "block", each=Shape("map", "block", Waiver)),
    },
)

DOMAIN = Shape(
    "map",
    "block",
    DomainHeader,
    {
        "partners": _FLOW_LIST,
        "declines": Shape("seq", "block", each=Shape("map", "block", Decline)),
        "items": Shape("seq", "block", each=ITEM),
    },
)


def shape_for(path: Path) -> Shape:
    """The layout of the settings file or of a domain file, by the file's name."""
    return SETTINGS if path.name in SETTINGS_NAMES else DOMAIN
