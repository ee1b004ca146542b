"""`zwgk fmt`: one canonical layout for the catalogue's YAML files; data and comments untouched.

The modules, each owning one concern:

- `run`: the whole command's work: format the named files, write the changed ones;
- `driver`: one file from bytes to its canonical bytes, and the files a command names;
- `layout`: the canonical layout itself (key order, which lists and mappings take one line);
- `formatter`: applies that layout to ruamel.yaml's tree without losing or moving a comment;
- `tree`: where ruamel.yaml keeps comments in that tree (its internals, in one place);
- `comments`: comments and blank lines as they stand in a text, and their tidying;
- `scalars`: plain scalars read as text, quotes only where YAML needs them;
- `self_check`: the same data, every comment and blank line still there, or no result;
- `naming`: how findings name a place in a file.
"""

from __future__ import annotations

from zwgk_cli.sources.fmt.driver import FormatResult, collect_files, format_bytes, format_file, write_result
from zwgk_cli.sources.fmt.run import FormatRun, format_paths
from zwgk_cli.sources.fmt.self_check import same_data

__all__ = [
    "FormatResult",
    "FormatRun",
    "collect_files",
    "format_bytes",
    "format_file",
    "format_paths",
    "same_data",
    "write_result",
]
