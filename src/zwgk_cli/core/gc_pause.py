"""Holding off Python's cyclic garbage collector while a catalogue is read, checked or rendered.

Why: a province's catalogue is millions of small objects (dicts, lists, models, strings) with no
reference cycles among them. The cyclic collector runs every few hundred allocations and walks all
the objects that survived earlier runs, again and again, finding nothing: about 40% of `validate`'s
time at 100,000 items. Reference counting still frees every object the moment it is unused; only the
search for cycles waits, and it resumes when the outermost paused call returns.

This is the one place the collector is held off: the commands' work (checking, building,
comparing) is paused here, so the command line and any other caller (tests, benchmarks) get the
same; the command line does not switch the collector off for the whole process.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """The collector off inside the block (or the decorated call), restored afterwards; nests."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
