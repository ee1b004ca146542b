"""`history.sharing.share_text` makes the equal strings of one file's data one object and changes
nothing else."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from zwgk_cli.core.source import SourceDocument
from zwgk_cli.history.sharing import read_shared, share_text
from zwgk_cli.sources.loading import LoadResult
from zwgk_cli.sources.parts import same

_WORDS = st.sampled_from(["政府网站", "区民政局", "x", "", "1", "政务" * 3])
_SCALARS = st.one_of(_WORDS, st.integers(-2, 2), st.booleans(), st.none(), st.floats(allow_nan=True))
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_WORDS, inner, max_size=4)),
    max_leaves=30,
)


def _fresh(value: Any) -> Any:
    """`value` rebuilt with a new object for every string (as a loader makes them)."""
    if isinstance(value, dict):
        return {key: _fresh(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_fresh(item) for item in value]
    if type(value) is str:
        return "".join(list(value))
    return value


def _strings(value: Any, found: list[str]) -> list[str]:
    if isinstance(value, dict):
        for item in value.values():
            _strings(item, found)
    elif isinstance(value, list):
        for item in value:
            _strings(item, found)
    elif type(value) is str:
        found.append(value)
    return found


def _load(data: Any) -> LoadResult:
    return LoadResult(SourceDocument(Path("x.yaml"), "", data, positions=False), [])


@settings(max_examples=400, deadline=None)
@given(_DATA)
def test_equal_texts_become_one_object_and_nothing_else_changes(data: Any) -> None:
    data = _fresh(data)
    before = copy.deepcopy(data)
    assert share_text(_load(data)).document.data is data  # type: ignore[union-attr]
    assert same(data, before)  # equal data of equal types, every key where it was
    by_value: dict[str, str] = {}
    for text in _strings(data, []):
        assert by_value.setdefault(text, text) is text  # one object for each text


def test_the_lists_of_an_item_are_shared_in_place() -> None:
    words = ["公开", "内容"]
    item = {"content": ["".join(words), "名单"], "channels": [["".join(words)]], "name": "".join(words)}
    data = {"items": [item, {"content": ["".join(words)]}]}
    read_shared(lambda: _load(data))
    first = item["content"][0]
    assert item["channels"][0][0] is first
    assert item["name"] is first
    assert data["items"][1]["content"][0] is first  # type: ignore[index]


def test_data_nested_deeper_than_any_file_may_be_is_walked_no_deeper() -> None:
    # a domain file is read without the walk that bounds its nesting (its validation reports it),
    # and yaml-rs reads block mappings and lists nested thousands deep: no RecursionError here
    deep: Any = "".join(["政务", "公开"])
    for level in range(5_000):
        deep = {"k": deep} if level % 3 else {"l": [deep]}
    data = {"top": "".join(["政务", "公开"]), "deep": deep, "name": "".join(["政务", "公开"])}
    share_text(_load(data))
    assert data["top"] is data["name"]  # what is within reach is shared
