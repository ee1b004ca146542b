"""Turning a checked catalogue into what people read: table rows, the HTML site, the workbooks, open data."""

from collections.abc import Iterable

Content = bytes | Iterable[bytes]
"""One output file: its bytes, or its parts in order (for files too big to hold at once)."""
