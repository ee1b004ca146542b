"""The command line's own sentences: summaries, labels and why a command cannot run."""

MESSAGES: dict[str, tuple[str, str]] = {}
