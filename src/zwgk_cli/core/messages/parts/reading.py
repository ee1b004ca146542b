"""Reading files: encodings, YAML syntax and the careful reader (file-*, yaml-*)."""

MESSAGES: dict[str, tuple[str, str]] = {}
