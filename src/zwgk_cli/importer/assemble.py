"""Rows read from a table made into domain source data: the 任务分工 table, the header, the item ids.

Why apart from the table reading: these decide what the YAML holds whatever the table looked like;
an item already in the target catalogue keeps its id and the fields a table cannot hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from zwgk_cli.core.domain_names import names_in_title
from zwgk_cli.core.models import Domain, DomainHeader, Item, field_title
from zwgk_cli.importer.cells import one_line, split_units
from zwgk_cli.importer.readers import SourceTable
from zwgk_cli.sources.writer import without_defaults

# Item fields a table row gives (the others of an item already in the catalogue are kept).
TABLE_FIELDS = frozenset(
    {
        "category",
        "name",
        "content",
        "basis",
        "time_limit",
        "subject",
        "channels",
        "audience",
        "audience_note",
        "mode",
        "levels",
    }
)

# Header fields a domain file needs and a table may lack.
_NEEDED = ("order", "lead", "due")


@dataclass(slots=True)
class Task:
    """One row of the 任务分工 table: a domain's header."""

    order: int | None
    lead: str
    partners: list[str]
    partners_etc: bool
    due: date | None


def read_tasks(table: SourceTable, top: int, columns: dict[str, int], known: list[str]) -> dict[str, Task]:
    """The 任务分工 rows below the header row `top`, by domain name; rows naming no one domain are skipped."""
    tasks: dict[str, Task] = {}
    for row in table.rows[top + 1 :]:
        task = row[columns["具体任务"]].text
        names = names_in_title(re.sub(r"^编制", "", task), known)
        if len(names) != 1:
            continue
        partners = one_line(row[columns["配合单位"]].text)
        etc = partners.endswith("等")
        due_match = re.search(
            r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", row[columns["完成时间"]].text
        )
        due: date | None = None
        if due_match:
            try:
                due = date(*(int(g) for g in due_match.groups()))
            except ValueError:
                due = None
        number = row[columns["序号"]].text.strip() if "序号" in columns else ""
        tasks[names[0]] = Task(
            # ASCII digits, at most nine ("²" is a digit to isdigit, and thousands of digits would
            # take quadratic time to convert, or be refused)
            order=int(number) if number.isascii() and number.isdigit() and len(number) <= 9 else None,
            lead=one_line(row[columns["主体责任单位"]].text),
            partners=split_units(partners[:-1] if etc else partners),
            partners_etc=etc,
            due=due,
        )
    return tasks


def domain_header(
    name: str, slug: str, known: dict[str, Any] | None, task: Task | None, domains: list[str]
) -> tuple[dict[str, Any], list[str]]:
    """Domain `name`'s header, and the names of the needed fields it still lacks."""
    # from a known header, else its 任务分工 row; an order missing from both is its place in `domains`
    rest: dict[str, Any] = {}
    if known is not None:
        rest = {k: v for k, v in known.items() if k not in ("domain", "slug", "items")}
    elif task is not None:
        rest = {"order": task.order, "lead": task.lead, "partners": task.partners}
        rest.update({"partners_etc": task.partners_etc, "due": task.due})
    if rest.get("order") is None:
        rest["order"] = domains.index(name) + 1 if name in domains else None
    missing = [f"{field_title(DomainHeader, key)} ({key})" for key in _NEEDED if rest.get(key) in (None, "")]
    due = rest.get("due")
    rest["order"] = rest.get("order") or 1
    rest["lead"] = rest.get("lead") or ""
    rest["due"] = date.fromisoformat(due) if isinstance(due, str) and _is_date(due) else (due or "")
    head = {"domain": name, "slug": slug, **rest}
    ordered = {k: head[k] for k in DomainHeader.model_fields if k in head}
    ordered.update({k: v for k, v in head.items() if k not in ordered})
    return without_defaults(DomainHeader, ordered, keep=("lead",)), missing


def with_ids(slug: str, items: list[dict[str, Any]], previous: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`items` with ids: a previous item's id where category and name match, else the next free number."""
    pool: dict[tuple[str, str], list[str]] = {}
    by_id: dict[str, dict[str, Any]] = {}
    numbers = [0]
    for old in previous:
        old_id = old.get("id")
        if not isinstance(old_id, str):
            continue
        by_id[old_id] = old
        pool.setdefault((str(old.get("category")), str(old.get("name"))), []).append(old_id)
        match = re.fullmatch(
            re.escape(slug) + r"-([0-9]{1,9})", old_id
        )  # a longer number is no running number
        if match:
            numbers.append(int(match.group(1)))
    next_number = max(numbers) + 1
    out: list[dict[str, Any]] = []
    used: set[str] = set()
    for item in items:
        ids = pool.get((item["category"], item["name"]), [])
        while ids and ids[0] in used:
            ids.pop(0)
        if ids:
            item_id = ids.pop(0)
        else:
            item_id = f"{slug}-{next_number:03d}"
            next_number += 1
        used.add(item_id)
        merged = {"id": item_id, **item}
        for key, value in by_id.get(item_id, {}).items():
            if key not in merged and key not in TABLE_FIELDS:
                merged[key] = value  # what a table cannot hold: claims, waivers, a link …
        out.append({k: merged[k] for k in [*Item.model_fields, *merged] if k in merged})
    return out


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def domain_data(domain: Domain) -> dict[str, Any]:
    """A domain as source data: model field order, optional fields left out when they hold their default."""
    data = without_defaults(DomainHeader, domain.model_dump(mode="python", exclude={"items"}))
    data["items"] = [
        without_defaults(Item, item.model_dump(mode="python"), keep=("content",)) for item in domain.items
    ]
    return data
