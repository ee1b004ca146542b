"""One string object for each text the two sides of a comparison hold alike.

Why: two versions of a catalogue are mostly the same words (an edition changes a few fields in a
few items), and each side's loader makes its own string for every value, every citation and channel
name of every item. Held both at once, that is the catalogue's text twice. Before the sides are
checked, each string is swapped for the first equal one seen, on either side: the repeated ones are
freed (a fifth of the peak memory of a diff where every item changed), and nothing compares differently.

The walk goes no deeper than the readers let a file nest (`MAX_DEPTH` containers): a domain file is
read without the walk that bounds its nesting, since its validation reports anything nested that
deep (see `loading.load_bytes`), and this walk comes before the validation.
"""

from __future__ import annotations

from typing import Any

from zwgk_cli.sources.loading import MAX_DEPTH, LoadResult

TextPool = dict[str, str]


def share_text(loads: list[LoadResult], pool: TextPool) -> None:
    """Every string value in `loads`' data replaced, in place, by the equal one in `pool` (added
    there when new). Keys are left as they are: a mapping would have to be built again."""
    for load in loads:
        if load.document is not None:
            _share(load.document.data, pool, MAX_DEPTH)


def _share(value: Any, pool: TextPool, depth: int) -> None:
    # `depth`: how many levels of containers, `value` included, are walked.
    # The lists of texts (an item's content, channels, citations: most of the containers) are
    # walked here rather than by a call each: a comparison of two provinces holds over a million.
    if depth <= 0:
        return
    share = pool.setdefault
    if isinstance(value, dict):
        for key, item in value.items():
            kind = type(item)
            if kind is str:
                value[key] = share(item, item)
            elif kind is list and depth > 1:
                for index, inner in enumerate(item):
                    if type(inner) is str:
                        item[index] = share(inner, inner)
                    elif isinstance(inner, dict | list):
                        _share(inner, pool, depth - 2)
            elif isinstance(item, dict | list):
                _share(item, pool, depth - 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if type(item) is str:
                value[index] = share(item, item)
            elif isinstance(item, dict | list):
                _share(item, pool, depth - 1)
