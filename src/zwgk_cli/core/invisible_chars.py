"""The characters nobody can see in a text (control, bidirectional and zero-width characters), and
how any text zwgk prints shows them: each as a visible mark, so that a value copied into a message
or an excerpt can neither act on the terminal or CI log (an ESC sequence clearing it, colouring it)
nor reorder what is shown around it.

`sources.invisible` reports them in the sources; here they are only made harmless in output.
"""

from __future__ import annotations

import re

CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029"  # C0 (not tab or newline), DEL, C1, line separators
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff"  # U+FEFF at the very start of a file is a BOM, dropped on reading
INVISIBLE = re.compile(f"[{CONTROL}{BIDI}{ZERO_WIDTH}]")


def shown_safely(text: str) -> str:
    """`text` with each invisible character written as ``<U+202E>``."""
    if INVISIBLE.search(text) is None:
        return text
    return INVISIBLE.sub(lambda match: f"<U+{ord(match.group()):04X}>", text)
