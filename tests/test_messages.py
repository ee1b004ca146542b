"""The message catalogue: every sentence keyed, both languages with the same placeholders, none inline."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT
from zwgk_cli.core.codes import CODES
from zwgk_cli.core.messages import MESSAGES, Text, say

PACKAGE = ROOT / "src" / "zwgk_cli"
CATALOGUE = PACKAGE / "core" / "messages"


def test_every_key_names_a_code_or_a_kind_of_sentence() -> None:
    stray = [
        key for key in MESSAGES if key.split(".")[0] not in CODES and key.split(".")[0] not in {"stop", "ui"}
    ]
    assert stray == []


def test_english_takes_no_value_the_chinese_lacks() -> None:
    # the English sentence may leave out a detail (a title, a file and line), never add one
    extra = {
        key: t.fields()[1] - t.fields()[0] for key, t in MESSAGES.items() if t.fields()[1] - t.fields()[0]
    }
    assert extra == {}


def test_every_code_has_a_message() -> None:
    bases = {key.split(".")[0] for key in MESSAGES}
    assert sorted(set(CODES) - bases) == []


def test_a_text_value_fills_each_language_with_its_half() -> None:
    key = next(k for k, t in MESSAGES.items() if t.fields()[0])
    names = MESSAGES[key].fields()[0]
    text = say(key, **dict.fromkeys(names, Text("甲", "A")))
    assert "甲" in text.zh
    assert "A" in text.en
    assert "{" not in text.zh.replace("{{", "")


def test_a_missing_value_is_a_programming_error() -> None:
    key = next(k for k, t in MESSAGES.items() if t.fields()[0])
    with pytest.raises(KeyError):
        say(key)


def _inline_texts(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "Text"
            and any(isinstance(a, ast.Constant | ast.JoinedStr) for a in node.args)
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_message_text_outside_the_catalogue() -> None:
    inline = [
        where
        for path in sorted(PACKAGE.rglob("*.py"))
        if CATALOGUE not in path.parents
        for where in _inline_texts(path)
    ]
    assert inline == []
