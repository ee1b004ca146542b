"""Open data: the whole catalogue as JSON, and one CSV row per item for spreadsheets.

The JSON (``catalogue.json``) is the lossless, versioned shape for machines. The CSV
(``catalogue.csv``) is for people who open it in Excel or WPS: UTF-8 with a BOM, Chinese headers,
lists joined with “、”. Two escapes keep it reversible and safe (see README: 开放数据):

- a “、” or “\\” inside one list element is written “\\、” or “\\\\”, so the list splits back exactly;
- a cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab
  or a carriage return) gets one leading apostrophe ``'``; a cell that already starts with ``'``
  gets one more, so removing one leading apostrophe always restores the text.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import IO, Any

from zwgk_cli.core.catalogue import Catalogue
from zwgk_cli.core.models import Item, to_json
from zwgk_cli.render.rows import subject_text

JSON_FORMAT = "zwgk-catalogue"
JSON_VERSION = 1

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "、"

CSV_COLUMNS: list[tuple[str, str]] = [
    ("order", "领域序号"),
    ("domain", "领域"),
    ("slug", "领域代码"),
    ("id", "事项编号"),
    ("number", "序号"),
    ("category", "一级事项"),
    ("name", "二级事项"),
    ("content", "公开内容（要素）"),
    ("basis", "公开依据"),
    ("time_limit", "公开时限"),
    ("subject", "公开主体"),
    ("channels", "公开渠道和载体"),
    ("audience", "公开对象"),
    ("audience_note", "特定群体说明"),
    ("mode", "公开方式"),
    ("levels", "公开层级"),
    ("frequency", "公开频次"),
    ("link", "链接"),
]


def catalogue_data(catalogue: Catalogue) -> dict[str, Any]:
    """The catalogue as plain data: settings, then every domain with its items."""
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "settings": catalogue.settings.model_dump(mode="json"),
        "domains": [domain.model_dump(mode="json") for domain in catalogue.domains],
    }


@dataclass(frozen=True, slots=True)
class JsonLayout:
    """Where the settings and each domain are in a written ``catalogue.json``: (start, end) byte
    offsets of JSON texts that parse on their own, so another process can read one domain at a time."""

    settings: tuple[int, int]
    domains: tuple[tuple[int, int], ...]


def catalogue_json(catalogue: Catalogue) -> bytes:
    """``catalogue.json`` as bytes (see `write_catalogue_json`)."""
    buffer = io.BytesIO()
    write_catalogue_json(catalogue, buffer)
    return buffer.getvalue()


def write_catalogue_json(catalogue: Catalogue, target: IO[bytes]) -> JsonLayout:
    """``catalogue.json`` into `target`, a domain at a time: indented UTF-8, keys in model order,
    a newline at the end.

    pydantic writes each part in Rust from the models: byte for byte what ``json.dumps(catalogue_data(…),
    ensure_ascii=False, indent=2)`` gives for the whole (a test compares them), without the
    pure-Python encoder that json.dumps falls back to whenever it indents (ten times slower at
    province scale).
    """
    offset = 0

    def put(data: bytes) -> tuple[int, int]:
        nonlocal offset
        target.write(data)
        start, offset = offset, offset + len(data)
        return start, offset

    def nested(value: Any, depth: int) -> bytes:
        # JSON text never holds a raw line break, so every one of them starts an indented line
        return to_json(value, indent=2).replace(b"\n", b"\n" + b" " * depth)

    put(b'{\n  "format": ' + to_json(JSON_FORMAT) + b',\n  "version": ' + to_json(JSON_VERSION))
    put(b',\n  "settings": ')
    settings = put(nested(catalogue.settings, 2))
    domains: list[tuple[int, int]] = []
    if not catalogue.domains:
        put(b',\n  "domains": []\n}\n')
        return JsonLayout(settings, ())
    put(b',\n  "domains": [')
    for index, domain in enumerate(catalogue.domains):
        put(b"\n    " if index == 0 else b",\n    ")
        domains.append(put(nested(domain, 4)))
    put(b"\n  ]\n}\n")
    return JsonLayout(settings, tuple(domains))


def escape_cell(text: str) -> str:
    """Keep a spreadsheet from reading `text` as a formula (reversible: see `unescape_cell`)."""
    if text.startswith(FORMULA_STARTS) or text.startswith("'"):
        return "'" + text
    return text


def unescape_cell(text: str) -> str:
    """Undo `escape_cell`."""
    if text.startswith("'") and (text[1:].startswith(FORMULA_STARTS) or text[1:].startswith("'")):
        return text[1:]
    return text


def join_list(values: list[str]) -> str:
    """Elements joined with “、”, element-internal “、” and “\\” escaped with a backslash."""
    return LIST_SEPARATOR.join(
        v.replace("\\", "\\\\").replace(LIST_SEPARATOR, "\\" + LIST_SEPARATOR) for v in values
    )


def split_list(text: str) -> list[str]:
    """Undo `join_list`."""
    if text == "":
        return []
    values: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, "\\"))
        elif ch == LIST_SEPARATOR:
            values.append("".join(current))
            current = []
        else:
            current.append(ch)
    values.append("".join(current))
    return values


def _csv_row(order: int, domain: str, slug: str, number: int, item: Item) -> list[str]:
    values: dict[str, str] = {
        "order": str(order),
        "domain": domain,
        "slug": slug,
        "id": item.id,
        "number": str(number),
        "category": item.category,
        "name": item.name,
        "content": join_list(item.content),
        "basis": join_list(item.basis),
        "time_limit": item.time_limit,
        "subject": subject_text(item.subject),
        "channels": join_list(item.channels),
        "audience": join_list(list(item.audience)),
        "audience_note": item.audience_note or "",
        "mode": join_list(list(item.mode)),
        "levels": join_list(item.levels),
        "frequency": item.frequency or "",
        "link": item.link or "",
    }
    return [escape_cell(values[key]) for key, _ in CSV_COLUMNS]


def catalogue_csv(catalogue: Catalogue) -> bytes:
    """``catalogue.csv`` as bytes (see `write_catalogue_csv`)."""
    buffer = io.BytesIO()
    write_catalogue_csv(catalogue, buffer)
    return buffer.getvalue()


def write_catalogue_csv(catalogue: Catalogue, target: IO[bytes]) -> None:
    """``catalogue.csv`` into `target`, a domain at a time: UTF-8 with BOM, CRLF line ends (as
    Excel writes them), every field quoted when needed."""
    text = io.TextIOWrapper(target, encoding="utf-8-sig", newline="", write_through=False)
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([title for _, title in CSV_COLUMNS])
    for domain in catalogue.domains:
        writer.writerows(
            _csv_row(domain.order, domain.domain, domain.slug, number, item)
            for number, item in enumerate(domain.items, 1)
        )
    text.flush()
    text.detach()


def subject_from_text(text: str, levels: list[str]) -> str | dict[str, str]:
    """Undo `subject_text`: “区级：区民政局；镇街：各镇人民政府（街道办事处）” becomes a level → units map."""
    pairs = [part.split("：", 1) for part in text.split("；")]
    if all(len(pair) == 2 and pair[0] in levels for pair in pairs):
        return {pair[0]: pair[1] for pair in pairs}
    return text
