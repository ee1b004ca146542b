"""The fast way to read a clean file: libyaml (through PyYAML's C loader), no positions.

Why: the position-keeping parse (ruamel.yaml's pure-Python event stream) costs about ten times what
libyaml does, and positions are only needed for files that have findings. `check_catalogue` reads
every file this way first and re-reads only the files with findings the careful way, so every
finding still carries file:line:column and the findings are the same either way (tests prove it).

The fast reader gives exactly the data the careful one gives, or nothing: every plain scalar goes
through the same YAML 1.2 core resolution (`loading.resolve_plain`), keys stay the text they were
written as, and anything the careful reader treats specially (anchors, aliases, tags, several
documents, duplicate or complex keys, deep nesting) sends the file to the careful reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

# PyYAML built without libyaml has no C loader: every file then takes the careful path.
_CLoader: Any = getattr(yaml, "CSafeLoader", None)

# A token that starts an anchor, alias or tag, or a document marker: the careful reader explains those.
_SPECIAL = re.compile(r"(?:^|[\s\[\]{},])[&*!]|^(?:---|\.\.\.|%)", re.MULTILINE)


# Line breaks in YAML 1.1 (libyaml) but ordinary characters in YAML 1.2 (the careful reader).
_YAML11_BREAKS = ("\u2028", "\u2029", "\x85")


class Fallback(Exception):
    """The fast reader cannot promise the careful reader's result for this file."""


def fast_parse(text: str, resolve: Callable[[str], Any], max_depth: int) -> Any:
    """The file's plain data, or Fallback."""
    if _CLoader is None or _SPECIAL.search(text) or any(ch in text for ch in _YAML11_BREAKS):
        raise Fallback
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise Fallback
        return _construct(node, resolve, max_depth, 0)
    except yaml.YAMLError as exc:
        raise Fallback from exc
    finally:
        loader.dispose()


class _Loader(_CLoader or yaml.SafeLoader):  # type: ignore[misc]
    """libyaml's composer with no implicit resolution: every plain scalar is a string node."""


_Loader.yaml_implicit_resolvers = {}


def _construct(node: Any, resolve: Callable[[str], Any], max_depth: int, depth: int) -> Any:
    if depth > max_depth:
        raise Fallback
    if isinstance(node, yaml.ScalarNode):
        if node.tag != "tag:yaml.org,2002:str":
            raise Fallback
        return resolve(node.value) if not node.style else node.value  # plain: None or "" (libyaml)
    if isinstance(node, yaml.SequenceNode):
        return [_construct(child, resolve, max_depth, depth + 1) for child in node.value]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value in result:
                raise Fallback
            result[key_node.value] = _construct(value_node, resolve, max_depth, depth + 1)
        return result
    raise Fallback
