"""The search index the site embeds: every item's text, the vocabularies, and the synonym table.

Why: the pages must work from ``file://`` on an intranet PC, where a page cannot fetch a JSON file,
so the index is a script that sets one global. Everything in it is data for ``textContent``; the JSON
is written with ``<``, ``>`` and ``&`` escaped so it can never close a tag wherever it lands.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from zwgk_cli.core.catalogue import Catalogue
from zwgk_cli.core.models import Item
from zwgk_cli.render.html.synonyms import SYNONYMS
from zwgk_cli.render.rows import subject_text

# 2: "labels", each key's column title, for the search results' 匹配 lines
INDEX_VERSION = 2

# An entry's short keys and the item field each holds; ``d`` (the domain's position) is the 领域.
FIELD_KEYS: dict[str, str] = {
    "id": "id",
    "c": "category",
    "n": "name",
    "t": "content",
    "b": "basis",
    "tl": "time_limit",
    "s": "subject",
    "ch": "channels",
    "a": "audience",
    "an": "audience_note",
    "m": "mode",
    "l": "levels",
}


def search_payload(catalogue: Catalogue) -> dict[str, Any]:
    """The index as plain data (see docs/publishing.md: 搜索索引)."""
    return {
        "version": INDEX_VERSION,
        "domains": _domains(catalogue),
        "labels": field_labels(),
        "items": [
            _entry(index, item) for index, domain in enumerate(catalogue.domains) for item in domain.items
        ],
        "synonyms": _synonyms(),
    }


def _domains(catalogue: Catalogue) -> list[dict[str, Any]]:
    return [{"slug": d.slug, "name": d.domain, "order": d.order} for d in catalogue.domains]


def field_labels() -> dict[str, str]:
    """Each entry key's column title, as the catalogue tables print it (the model's field titles).

    Why: a search result says which field matched (“匹配 公开依据”); taking the titles from the model
    keeps them the tables' and the schema's words, with no second list in the script to drift.
    """
    labels = {"d": "领域"}
    for key, field in FIELD_KEYS.items():
        title = Item.model_fields[field].title
        labels[key] = title if title is not None else field
    return labels


def _synonyms() -> dict[str, list[str]]:
    return {short: list(longs) for short, longs in SYNONYMS.items()}


def _entry(domain_index: int, item: Item) -> dict[str, Any]:
    return {
        "id": item.id,
        "d": domain_index,
        "c": item.category,
        "n": item.name,
        "t": list(item.content),
        "b": list(item.basis),
        "tl": item.time_limit,
        "s": subject_text(item.subject),
        "ch": list(item.channels),
        "a": list(item.audience),
        "an": item.audience_note or "",
        "m": list(item.mode),
        "l": list(item.levels),
    }


def script_json(data: Any) -> str:
    """JSON that is safe inside a script: no character can end a tag or a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def search_script_parts(catalogue: Catalogue) -> Iterator[str]:
    """``assets/search-index.js`` a domain at a time: the same text as ``window.ZWGK_INDEX =
    script_json(search_payload(…))`` (a test compares them), without holding all of it at once."""
    yield (
        f'window.ZWGK_INDEX = {{"version":{INDEX_VERSION},"domains":{script_json(_domains(catalogue))},'
        f'"labels":{script_json(field_labels())},"items":['
    )
    first = True
    for index, domain in enumerate(catalogue.domains):
        if domain.items:
            entries = script_json([_entry(index, item) for item in domain.items])[1:-1]
            yield entries if first else "," + entries
            first = False
    yield f'],"synonyms":{script_json(_synonyms())}}};\n'
