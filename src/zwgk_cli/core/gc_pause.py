"""Holding off Python's cyclic garbage collector while a catalogue is read, checked or rendered.

Why: a province's catalogue is millions of small objects (dicts, lists, models, strings) with no
reference cycles among them. The cyclic collector runs every few hundred allocations and walks all
the objects that survived earlier runs, again and again, finding nothing: about 40% of `validate`'s
time at 100,000 items. Reference counting still frees every object the moment it is unused; only the
search for cycles waits, and it resumes when the outermost paused call returns.

This is the one way the collector is held off. The stages pause it around their work (checking,
building, comparing) for any caller; the command line runs a whole command inside one pause, which
the process ends without leaving: resumed, the collector would walk the catalogue's objects once
per generation (1.5 to 2 seconds each at 100,000 items).
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
