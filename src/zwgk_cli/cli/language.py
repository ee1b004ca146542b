"""Which language a run speaks, decided from the command line and ZWGK_LANG before click parses anything.

Why before: click answers ``--help`` the moment it reads it (it is eager), so in
``zwgk validate --help --lang en`` the ``--lang`` after it is never parsed; and a usage error
(``--format xml``) is raised before any option has a value. Looking at the arguments first lets
the help page and usage errors speak the language asked for, whatever the order.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from zwgk_cli.core.diagnostics import Lang

LANG_ENV = "ZWGK_LANG"
LANGUAGES: tuple[Lang, ...] = ("zh", "en")

# zh, en, and the locale forms people already have in LANG: zh_CN, zh-CN, en_US.UTF-8
_LOCALE = re.compile(r"^(?P<lang>zh|en)(?:[_-][A-Za-z]+)?(?:\.[\w-]+)?(?:@\w+)?$", re.IGNORECASE)


class LanguageSettingError(ValueError):
    """ZWGK_LANG holds something that is not a language zwgk speaks."""

    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


def env_language(environ: Mapping[str, str]) -> Lang | None:
    """The language ZWGK_LANG names (None when unset or empty); LanguageSettingError for any other value."""
    value = environ.get(LANG_ENV, "").strip()
    if not value:
        return None
    found = _LOCALE.match(value)
    if found is None:
        raise LanguageSettingError(value)
    return "zh" if found["lang"].lower() == "zh" else "en"


def argument_language(args: Sequence[str]) -> Lang | None:
    """The last valid ``--lang zh|en`` (or ``--lang=en``) among the arguments, before any ``--``."""
    found: Lang | None = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
        else:
            continue
        if value in LANGUAGES:
            found = "zh" if value == "zh" else "en"
    return found


def before_command(args: Sequence[str], commands: Collection[str]) -> list[str]:
    """The arguments before the command's name (``zwgk --lang en validate`` → ``--lang en``)."""
    index = 0
    while index < len(args):
        if args[index] in commands:
            return list(args[:index])
        index += 2 if args[index] == "--lang" else 1
    return list(args)


def chosen_language(args: Sequence[str], environ: Mapping[str, str]) -> Lang:
    """``--lang`` on the command line, else ZWGK_LANG, else Chinese.

    An invalid ``--lang`` value is left for click to refuse (in the language chosen otherwise);
    an invalid ZWGK_LANG raises LanguageSettingError unless ``--lang`` settles the question.
    """
    given = argument_language(args)
    if given is not None:
        return given
    return env_language(environ) or "zh"
