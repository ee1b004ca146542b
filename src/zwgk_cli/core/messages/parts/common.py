"""Words shared by many messages: how fields and places in a file are named."""

MESSAGES: dict[str, tuple[str, str]] = {}
