"""The catalogue as the checks and renderers see it: settings plus domain files with their sources."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from zwgk_cli.core.diagnostics import Diagnostic, Text, say
from zwgk_cli.core.models import WINDOWS_DEVICE_NAMES, Domain, DomainHeader, Item, Settings
from zwgk_cli.core.source import FieldPath, Pos, SourceDocument

_DOMAIN_LINE = re.compile(r"^domain:[ \t]*['\"]?([^'\"#\n]+?)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)

RESERVED_SLUGS: frozenset[str] = (
    frozenset({"index", "tasks", "coverage", "changes", "units", "assets", "catalogue", "search", "zwgk"})
    | WINDOWS_DEVICE_NAMES
)


# Not frozen (nothing assigns to an entry; equal and hashed as a frozen one is): a frozen dataclass
# sets each field through object.__setattr__, which made making the entries of a province's 100,000
# items (twice: validated, and back from a worker of the pool) cost 0.07 s more.
@dataclass(slots=True, unsafe_hash=True)
class ItemEntry:
    """An item at its index in the file; `invalid` names fields that failed validation (left empty)."""

    index: int
    item: Item
    invalid: frozenset[str] = frozenset()

    def usable(self, *fields: str) -> bool:
        """Whether all of `fields` validated, so rules may look at them."""
        return not self.invalid or not self.invalid.intersection(fields)


@dataclass(slots=True)
class DomainFile:
    """One domain file: its source, and whatever of it validated."""

    doc: SourceDocument
    header: DomainHeader | None = None
    items: list[ItemEntry] = field(default_factory=list)
    domain: Domain | None = None
    original: SourceDocument | None = None  # the file as written, when `doc` completes claimed items

    @property
    def source(self) -> SourceDocument:
        """The file as written (without values inherited from the upstream catalogue)."""
        return self.original or self.doc

    @property
    def slug(self) -> str:
        """The slug the file name gives."""
        return self.doc.path.stem

    def claimed_domain(self) -> str | None:
        """The domain this file is for, read from its text when the header did not validate."""
        if self.header is not None:
            return self.header.domain
        match = _DOMAIN_LINE.search(self.doc.text)
        return match.group(1).strip() if match else None


@dataclass(slots=True)
class SettingsFile:
    """`zwgk.yaml`: its source, and the settings when they validated."""

    doc: SourceDocument | None
    settings: Settings | None = None


@dataclass(slots=True)
class Catalogue:
    """A catalogue that passed validation: what renderers get."""

    root: Path
    settings: Settings
    domains: list[Domain]
    sources: dict[str, Path]
    # domains kept back until they pass the review stage the build requires (先审后发): the task
    # table lists them, marked `pending_mark`; no page, workbook or open data shows them
    pending: list[Domain] = field(default_factory=list)
    pending_mark: str = ""
    # the town or street whose own catalogue this is (its place name, 龙溪街道), for the captions;
    # empty for the district's catalogue
    place: str = ""

    def items(self) -> Iterator[tuple[Domain, Item]]:
        """Every item with its domain, in 序号 and file order."""
        for domain in self.domains:
            for item in domain.items:
                yield domain, item


def item_label(index: int, item_id: str | None) -> Text:
    """“第 4 个事项（zdjsxm-004）” / “item 4 (zdjsxm-004)”; the id is left out when unknown."""
    if item_id:
        return say("ui.where.item", number=index + 1, id=item_id)
    return say("ui.where.item.unnamed", number=index + 1)


def split_units(subject: str) -> list[str]:
    """`区民政局、各镇人民政府（街道办事处）` → the two names."""
    return [part.strip() for part in subject.split("、") if part.strip()]


def subject_units(subject: str | dict[str, str]) -> list[tuple[str | None, str]]:
    """Every unit a subject names, with the level it was given for (None for plain text)."""
    if isinstance(subject, str):
        return [(None, name) for name in split_units(subject)]
    return [(level, name) for level, text in subject.items() for name in split_units(text)]


def located(
    doc: SourceDocument,
    path: FieldPath,
    code: str,
    message: Text,
    hint: Text | None = None,
    *,
    item_id: str | None = None,
    at_key: bool = False,
    pos: Pos | None = None,
) -> Diagnostic:
    """A diagnostic at the value (or key, or the given `pos`) of `path` in `doc`."""
    written = doc
    origin = doc.origin(path) if doc.origins else None
    if origin is not None:
        written, where = origin
        pos = written.key_pos(where) if at_key else written.value_pos(where)
        note = say("ui.hint.inherited", file=written.path.name)
        if hint is not None:
            sentence = Text(hint.zh.rstrip("。"), hint.en.rstrip("."))  # the hint goes on after a semicolon
            note = say("ui.hint.inherited.after", hint=sentence, note=note)
        hint = note
    elif pos is None:
        pos = doc.key_pos(path) if at_key else doc.value_pos(path)
    return Diagnostic(
        code,
        message,
        file=written.path,
        line=pos.line,
        column=pos.column,
        path=path,
        item_id=item_id,
        hint=hint,
        excerpt=written.line_text(pos.line),
    )


def item_id_at(doc: SourceDocument, path: FieldPath) -> str | None:
    """The id of the item that `path` lies in, when it is written as text."""
    if len(path) < 2 or path[0] != "items" or not isinstance(path[1], int) or not isinstance(doc.data, dict):
        return None
    items = doc.data.get("items")
    index = path[1]
    if isinstance(items, list) and 0 <= index < len(items) and isinstance(items[index], dict):
        ident = items[index].get("id")
        return ident if isinstance(ident, str) else None
    return None
