"""`history.sharing.share_text` swaps equal strings for one object and changes nothing else."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from zwgk_cli.core.source import SourceDocument
from zwgk_cli.history.sharing import share_text
from zwgk_cli.sources.loading import LoadResult
from zwgk_cli.sources.parts import same

_WORDS = st.sampled_from(["政府网站", "区民政局", "x", "", "1", "政务" * 3])
_SCALARS = st.one_of(_WORDS, st.integers(-2, 2), st.booleans(), st.none(), st.floats(allow_nan=True))
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_WORDS, inner, max_size=4)),
    max_leaves=30,
)


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


def _loads(*datas: Any) -> list[LoadResult]:
    return [
        LoadResult(SourceDocument(Path(f"{i}.yaml"), "", data, positions=False), [])
        for i, data in enumerate(datas)
    ]


@settings(max_examples=400, deadline=None)
@given(_DATA, _DATA)
def test_equal_texts_become_one_object_and_nothing_else_changes(old: Any, new: Any) -> None:
    # copies made by hand so that no two equal strings start out as one object
    old, new = (copy.deepcopy(d) for d in (old, new))
    before = copy.deepcopy([old, new])
    pool: dict[str, str] = {}
    loads = _loads(new, old)
    share_text(loads[:1], pool)
    share_text(loads[1:], pool)
    assert same([old, new], before)  # equal data of equal types, every key where it was
    texts = _strings(new, []) + _strings(old, [])
    by_value: dict[str, str] = {}
    for text in texts:
        assert by_value.setdefault(text, text) is text  # one object for each text, on both sides


def test_the_lists_of_an_item_are_shared_in_place() -> None:
    words = ["公开", "内容"]
    item = {"content": ["".join(words), "名单"], "channels": [["".join(words)]], "name": "".join(words)}
    other = {"items": [{"content": ["".join(words)]}]}
    data = {"items": [item]}
    share_text(_loads(data, other), {})
    first = item["content"][0]
    assert item["channels"][0][0] is first
    assert item["name"] is first
    assert other["items"][0]["content"][0] is first


def test_data_nested_deeper_than_any_file_may_be_is_walked_no_deeper() -> None:
    # a domain file is read without the walk that bounds its nesting (its validation reports it),
    # and yaml-rs reads block mappings and lists nested thousands deep: no RecursionError here
    deep: Any = "".join(["政务", "公开"])
    for level in range(5_000):
        deep = {"k": deep} if level % 3 else {"l": [deep]}
    data = {"top": "".join(["政务", "公开"]), "deep": deep}
    other = {"name": "".join(["政务", "公开"])}
    share_text(_loads(other, data), {})
    assert data["top"] is other["name"]  # what is within reach is shared
