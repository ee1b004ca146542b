"""Rules that span files: the registry, vocabularies, ids, slugs, order and required domains."""

MESSAGES: dict[str, tuple[str, str]] = {}
