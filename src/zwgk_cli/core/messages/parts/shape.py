"""One file against its model: missing, unknown and malformed fields (field-*)."""

MESSAGES: dict[str, tuple[str, str]] = {}
