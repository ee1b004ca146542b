"""Git revisions, older schema versions and comparing two versions."""

MESSAGES: dict[str, tuple[str, str]] = {}
