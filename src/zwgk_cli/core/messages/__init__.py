"""Every sentence zwgk says to people, in Chinese and English, keyed by diagnostic code.

A key is a diagnostic code (``domain-unknown``), a code and a variant where one code covers several
situations (``domain-unknown.not-applicable``), or such a key followed by ``.hint`` for the fix that
goes with it. Sentences that are not findings are keyed under ``stop.`` (a command that cannot run)
and ``ui.`` (labels and summaries). Templates name their placeholders (``{domain}``); a value may be
a `Text`, whose Chinese half fills the Chinese template and whose English half fills the English one.

The catalogue is split by the stage that says the sentence, one data module each, so every file
stays short; `MESSAGES` joins them and refuses a key defined twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from string import Formatter
from typing import Literal

from zwgk_cli.core.invisible_chars import shown_safely
from zwgk_cli.core.messages import parts

Lang = Literal["zh", "en"]


@dataclass(frozen=True, slots=True)
class Text:
    """A message in both languages; every user-facing sentence is one of these."""

    zh: str
    en: str

    def get(self, lang: Lang) -> str:
        """The text in `lang`."""
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True, slots=True)
class Template:
    """One sentence in both languages, with named ``{placeholders}``."""

    zh: str
    en: str

    def fields(self) -> tuple[frozenset[str], frozenset[str]]:
        """The placeholder names of the Chinese and of the English template."""
        return _names(self.zh), _names(self.en)


def _names(template: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in Formatter().parse(template) if name)


def _join(sources: Mapping[str, Mapping[str, tuple[str, str]]]) -> dict[str, Template]:
    joined: dict[str, Template] = {}
    for part, entries in sources.items():
        for key, (zh, en) in entries.items():
            if key in joined:
                raise ValueError(f"message key {key!r} is defined twice (again in {part})")
            joined[key] = Template(zh, en)
    return joined


MESSAGES: dict[str, Template] = _join(parts.ALL)


def say(key: str, /, **values: object) -> Text:
    """The sentence `key` with its placeholders filled; a `Text` value fills each language with its half."""
    template = MESSAGES[key]
    values = {k: _quoted(v) if isinstance(v, str) else v for k, v in values.items()}
    zh = {k: v.zh if isinstance(v, Text) else v for k, v in values.items()}
    en = {k: v.en if isinstance(v, Text) else v for k, v in values.items()}
    return Text(template.zh.format_map(zh), template.en.format_map(en))


QUOTE_CHARS = 500  # a longer text from a file is quoted by its first QUOTE_HEAD characters and its length
QUOTE_HEAD = 200


def _quoted(value: str) -> str | Text:
    """A value as a message quotes it: invisible characters shown as escapes (see invisible_chars),
    and a very long one (a whole file pasted into one value) cut, so that a report stays readable
    and grows with the number of findings, not with the size of the values."""
    value = shown_safely(value)
    if len(value) <= QUOTE_CHARS:
        return value
    head = value[:QUOTE_HEAD]
    return Text(f"{head}…（共 {len(value)} 个字符）", f"{head}… ({len(value)} characters)")
