"""One string object for each text a file holds more than once, made as the file is read.

Why: a domain file repeats its words (a channel, a level, an office, a citation, a category in
every item), and the loader makes a string for every value, every citation and channel name of
every item. `zwgk diff` reads each side's domain files with every string swapped for the first
equal one of its file (`read_shared`): the repeats are freed, and nothing compares differently.
The side read aside (`history.aside`) is shared in the child before a file is sent: `marshal`
writes a string held twice once, so the file also goes through the pipe and is read back quicker,
and its check compares more strings by identity.

Earlier the two sides were shared against each other through one pool of all the new side's
strings, after both were read. That walk cost this process about half a second a side, and since
the new side is checked while the old side comes in, the peak it lowered came before it. A
province's comparison where every item changed: peak 1,037 -> 821 MiB, and about a second less
this process spends after reading (the per-file walk of the new side costs two thirds of the old
walk, the old side's is the child's).

The walk goes no deeper than the readers let a file nest (`MAX_DEPTH` containers): a domain file is
read without the walk that bounds its nesting, since its validation reports anything nested that
deep (see `loading.load_bytes`), and this walk comes before the validation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zwgk_cli.sources.loading import MAX_DEPTH, LoadResult


def read_shared(read: Callable[[], LoadResult]) -> LoadResult:
    """`read()`, its data's equal strings made one object (see `share_text`)."""
    return share_text(read())


def share_text(load: LoadResult) -> LoadResult:
    """`load` (returned) with every string value in its data replaced, in place, by the first
    equal one in the same data. Keys are left as they are: a mapping would have to be built again."""
    if load.document is not None:
        _share(load.document.data, {}, MAX_DEPTH)
    return load


def _share(value: Any, pool: dict[str, str], depth: int) -> None:
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
