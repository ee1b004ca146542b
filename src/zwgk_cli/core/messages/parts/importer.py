"""`zwgk import`: reading tables from Excel and Word files."""

MESSAGES: dict[str, tuple[str, str]] = {}
