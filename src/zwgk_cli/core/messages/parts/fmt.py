"""`zwgk fmt`: layout findings and what it could not lay out."""

MESSAGES: dict[str, tuple[str, str]] = {}
