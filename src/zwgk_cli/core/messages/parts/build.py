"""`zwgk build`: the output folder and the rendered files."""

MESSAGES: dict[str, tuple[str, str]] = {}
