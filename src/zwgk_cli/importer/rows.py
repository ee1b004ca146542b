"""Reading the rows of one catalogue table into items, cell by cell.

Each row becomes one item: “同上” takes the value above, an empty 一级事项 continues the one above,
lists are split (`cells`), levels, units and channels are mapped onto the target catalogue
(`maps`). What cannot be mapped is reported at its cell and left for the YAML to be fixed.
"""

from __future__ import annotations

import re
from typing import Any

from zwgk_cli.core.diagnostics import Text, say
from zwgk_cli.core.domain_names import canonical
from zwgk_cli.core.models import Item, field_title
from zwgk_cli.importer.cells import (
    is_same_as_above,
    one_line,
    parse_tick,
    split_basis,
    split_list,
    split_units,
    time_limit_text,
)
from zwgk_cli.importer.findings import Findings, listed
from zwgk_cli.importer.layout import (
    AUDIENCE_ALL,
    AUDIENCE_SPECIAL,
    AUDIENCE_TEXT,
    BASIS,
    CATEGORY,
    CHANNELS,
    CONTENT,
    DOMAIN,
    LEVEL,
    LEVELS_TEXT,
    LINK,
    MODE_ACTIVE,
    MODE_REQUEST,
    MODE_TEXT,
    NAME,
    SUBJECT,
    THIRD,
    TIME_LIMIT,
    Column,
    Layout,
    header_key,
    is_header_row,
    is_note_row,
    row_text,
)
from zwgk_cli.importer.maps import Vocabulary
from zwgk_cli.importer.readers import Cell, SourceTable

REQUIRED_FIELDS = (CATEGORY, NAME, BASIS, TIME_LIMIT, SUBJECT, CHANNELS)
_FIELD_KEYS = {
    CATEGORY: "category",
    NAME: "name",
    CONTENT: "content",
    BASIS: "basis",
    TIME_LIMIT: "time_limit",
    SUBJECT: "subject",
    CHANNELS: "channels",
    "audience": "audience",
    "mode": "mode",
    "levels": "levels",
}


class RowReader:
    """Reads tables into items for one import: its findings, the target's vocabularies, the domains asked for."""

    def __init__(self, findings: Findings, vocab: Vocabulary, known: list[str], wanted: str | None) -> None:
        self.findings = findings
        self.vocab = vocab
        self.known = known
        self.wanted = wanted

    def check_columns(self, table: SourceTable, layout: Layout) -> None:
        """Report the catalogue columns the table lacks, the columns it cannot map, and its levels."""
        where = layout.columns[0].header.ref if layout.columns else table.label
        groups = {
            "audience": (AUDIENCE_ALL, AUDIENCE_SPECIAL, AUDIENCE_TEXT),
            "mode": (MODE_ACTIVE, MODE_REQUEST, MODE_TEXT),
            "levels": (LEVEL, LEVELS_TEXT),
        }
        missing = [key for key in (*REQUIRED_FIELDS, CONTENT) if not layout.has(key)]
        missing += [key for key, fields in groups.items() if not any(layout.has(f) for f in fields)]
        if missing:
            titles = "、".join(field_title(Item, _FIELD_KEYS[k]) or k for k in missing)
            keys = ", ".join(_FIELD_KEYS[k] for k in missing)
            self.findings.report(
                "import-column-missing",
                where,
                table=Text(table.label, table.name),
                columns=Text(titles, keys),
            )
        for column in layout.ignored:
            header = column.header.text.strip() or say("ui.importer.no-column-name").zh
            self.findings.report("import-column-ignored", column.header.ref, header=one_line(header))
        if layout.has(LEVEL) or layout.has(LEVELS_TEXT):
            self._check_levels(layout)

    def _check_levels(self, layout: Layout) -> None:
        vocab = self.vocab
        labels = [c.label for c in layout.of(LEVEL)]
        if self.vocab.settings is None:
            self.findings.report(
                "import-level-kept",
                (layout.of(LEVEL) or layout.of(LEVELS_TEXT))[0].header.ref,
                labels=listed(labels) if labels else say("ui.importer.as-in-cells"),
            )
            return
        for column in layout.of(LEVEL):
            if vocab.level(column.label) is None:
                self.findings.report(
                    "import-level-unmapped.column",
                    column.header.ref,
                    label=column.label,
                    levels=listed(self.vocab.settings.levels),
                )

    def read_rows(
        self, table: SourceTable, layout: Layout, indexes: list[int], domain: str | None
    ) -> list[tuple[str, dict[str, Any], str]]:
        """The items of rows `indexes` as (domain, item, first cell); notes and empty rows left out."""
        found: list[tuple[str, dict[str, Any], str]] = []
        vocab = self.vocab
        previous: dict[int, str] = {}
        category = ""
        row_domain = domain
        header_texts = [header_key(c.header.text) for c in layout.columns]
        for r in indexes:
            row = table.rows[r]
            if not any(c.text.strip() for c in row):
                continue
            if [header_key(row[c.index].text) for c in layout.columns] == header_texts or (
                layout.top >= 0 and is_header_row(row)
            ):
                continue  # the header repeated on a new page
            if is_note_row(row) and len(layout.columns) > 1:
                text = row_text(row)
                self.findings.report(
                    "import-row-skipped",
                    row[0].ref if row[0].text.strip() else next(c.ref for c in row if c.text.strip()),
                    text=one_line(text)[:60],
                )
                continue
            cells: dict[int, Cell] = {}
            texts: dict[int, str] = {}
            for column in layout.columns:
                cell = row[column.index] if column.index < len(row) else Cell("", "", "")
                cells[column.index] = cell
                text = cell.text
                if is_same_as_above(text):
                    if column.index in previous:
                        text = previous[column.index]
                    else:
                        self.findings.report("import-same-as-above", cell.ref)
                        text = ""
                texts[column.index] = text
            previous = dict(texts)
            if layout.has(DOMAIN):
                col = layout.of(DOMAIN)[0]
                name = re.sub(r"领域$", "", one_line(texts[col.index]))
                if name:
                    row_domain = canonical(name, self.known)
                if row_domain is None:
                    self.findings.report("import-domain-unknown.row", cells[col.index].ref)
                    continue
                if self.wanted is not None and row_domain != self.wanted:
                    continue
            if row_domain is None:
                continue
            item, category = self._item(layout, cells, texts, category, vocab)
            if item is None:
                continue
            first = cells[layout.columns[0].index].ref
            found.append((row_domain, item, first))
        return found

    def _text(self, layout: Layout, texts: dict[int, str], key: str) -> tuple[str, Column | None]:
        columns = layout.of(key)
        if not columns:
            return "", None
        return texts[columns[0].index], columns[0]

    def _item(
        self, layout: Layout, cells: dict[int, Cell], texts: dict[int, str], category: str, vocab: Vocabulary
    ) -> tuple[dict[str, Any] | None, str]:
        name_text, name_col = self._text(layout, texts, NAME)
        name = one_line(name_text)
        third_text, _ = self._text(layout, texts, THIRD)
        third = one_line(third_text)
        if third and third != name:
            name = f"{name}——{third}" if name else third
        category_text, category_col = self._text(layout, texts, CATEGORY)
        category = one_line(category_text) or category  # an empty 一级事项 continues the one above
        if name_col is not None and not name:
            self._empty(cells[name_col.index], "name")
        if category_col is not None and not category:
            self._empty(cells[category_col.index], "category")
        item: dict[str, Any] = {"category": category, "name": name}
        content_text, _ = self._text(layout, texts, CONTENT)
        item["content"] = split_list(content_text)
        basis_text, basis_col = self._text(layout, texts, BASIS)
        item["basis"] = split_basis(basis_text)
        if basis_col is not None and not item["basis"]:
            self._empty(cells[basis_col.index], "basis")
        limit_text, limit_col = self._text(layout, texts, TIME_LIMIT)
        item["time_limit"] = time_limit_text(limit_text)
        if limit_col is not None and not item["time_limit"]:
            self._empty(cells[limit_col.index], "time_limit")
        subject_text, subject_col = self._text(layout, texts, SUBJECT)
        item["subject"] = self._subject(
            subject_text, cells[subject_col.index] if subject_col else None, vocab
        )
        channels_text, channels_col = self._text(layout, texts, CHANNELS)
        item["channels"] = self._channels(
            channels_text, cells[channels_col.index] if channels_col else None, vocab
        )
        audience, note = self._audience(layout, cells, texts)
        item["audience"] = audience
        if note:
            item["audience_note"] = note
        item["mode"] = self._mode(layout, cells, texts)
        item["levels"] = self._levels(layout, cells, texts, vocab)
        link_text, _ = self._text(layout, texts, LINK)
        if one_line(link_text):
            item["link"] = one_line(link_text)
        return item, category

    def _empty(self, cell: Cell, key: str) -> None:
        if cell.ref in self.findings.reported:
            return
        self.findings.report("import-cell-empty", cell.ref, title=field_title(Item, key) or key, key=key)

    def _subject(self, text: str, cell: Cell | None, vocab: Vocabulary) -> str | dict[str, str]:
        if cell is None:
            return ""
        lines = [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]
        if not lines:
            self._empty(cell, "subject")
            return ""
        pairs = [re.split(r"[：:]", line, maxsplit=1) for line in lines]
        unknown: list[str] = []
        if all(len(p) == 2 and vocab.is_level_label(p[0].strip()) for p in pairs):
            mapped: dict[str, str] = {}
            for label, units in pairs:
                level = vocab.level(label.strip())
                if level is None:
                    self.findings.report(
                        "import-level-unmapped.subject", cell.ref, label=label.strip(), units=one_line(units)
                    )
                    continue
                names, missing = vocab.units(split_units(units))
                unknown += missing
                mapped[level] = "、".join(names)
            result: str | dict[str, str] = mapped
        else:
            names, unknown = vocab.units(split_units(text))
            result = "、".join(names)
        if unknown:
            self.findings.report("import-unit-unknown", cell.ref, units=listed(unknown))
        return result

    def _channels(self, text: str, cell: Cell | None, vocab: Vocabulary) -> list[str]:
        if cell is None:
            return []
        names, unknown, checklist = vocab.channels(text)
        if not names:
            if checklist:
                self.findings.report("import-cell-empty.unchecked", cell.ref)
            else:
                self._empty(cell, "channels")
        if unknown:
            self.findings.report("import-channel-unknown", cell.ref, channels=listed(unknown))
        return names

    def _unknown_mark(self, cell: Cell, text: str, title: str) -> None:
        self.findings.report("import-mark-unknown", cell.ref, title=title, text=one_line(text)[:40])

    def _tick(self, cell: Cell, title: str, *, note_allowed: bool = False) -> tuple[bool, str | None]:
        tick = parse_tick(cell.text)
        if tick.ticked is None:
            self._unknown_mark(cell, cell.text, title)
            return False, None
        if tick.note is not None and not note_allowed:
            self.findings.report("import-mark-unknown.note", cell.ref, title=title, note=tick.note)
            return True, None
        return bool(tick.ticked), tick.note

    def _audience(
        self, layout: Layout, cells: dict[int, Cell], texts: dict[int, str]
    ) -> tuple[list[str], str | None]:
        chosen: list[str] = []
        note: str | None = None
        for column in layout.of(AUDIENCE_ALL):
            if self._tick(_with(cells[column.index], texts[column.index]), "全社会")[0]:
                chosen.append("全社会")
        for column in layout.of(AUDIENCE_SPECIAL):
            ticked, note = self._tick(
                _with(cells[column.index], texts[column.index]), "特定群体", note_allowed=True
            )
            if ticked:
                chosen.append("特定群体")
        for column in layout.of(AUDIENCE_TEXT):
            text = one_line(texts[column.index])
            if "全社会" in text or "社会公众" in text:
                chosen.append("全社会")
            special = re.search(r"特定(?:群体|群众|对象)\s*[（(]?([^）)]*)[）)]?", text)
            if special:
                chosen.append("特定群体")
                note = special.group(1).strip() or None
            if text and not chosen:
                self._unknown_mark(cells[column.index], text, "公开对象")
        group = layout.of(AUDIENCE_ALL) + layout.of(AUDIENCE_SPECIAL) + layout.of(AUDIENCE_TEXT)
        if group and not chosen:
            self._nothing_ticked(cells, group, "audience")
        return _unique(chosen), note if "特定群体" in chosen else None

    def _mode(self, layout: Layout, cells: dict[int, Cell], texts: dict[int, str]) -> list[str]:
        chosen: list[str] = []
        for column in layout.of(MODE_ACTIVE):
            if self._tick(_with(cells[column.index], texts[column.index]), "主动")[0]:
                chosen.append("主动")
        for column in layout.of(MODE_REQUEST):
            if self._tick(_with(cells[column.index], texts[column.index]), "依申请")[0]:
                chosen.append("依申请")
        for column in layout.of(MODE_TEXT):
            text = one_line(texts[column.index])
            found = [m for m, pattern in (("主动", "主动"), ("依申请", "申请")) if pattern in text]
            if text and not found:
                self._unknown_mark(cells[column.index], text, "公开方式")
            chosen += found
        group = layout.of(MODE_ACTIVE) + layout.of(MODE_REQUEST) + layout.of(MODE_TEXT)
        if group and not chosen:
            self._nothing_ticked(cells, group, "mode")
        return _unique(chosen)

    def _levels(
        self, layout: Layout, cells: dict[int, Cell], texts: dict[int, str], vocab: Vocabulary
    ) -> list[str]:
        chosen: list[str] = []
        for column in layout.of(LEVEL):
            ticked, _ = self._tick(_with(cells[column.index], texts[column.index]), column.label)
            level = vocab.level(column.label)
            if ticked and level is not None:
                chosen.append(level)
        for column in layout.of(LEVELS_TEXT):
            for label in split_units(texts[column.index]):
                level = vocab.level(label)
                if level is None:
                    self.findings.report("import-level-unmapped.text", cells[column.index].ref, label=label)
                else:
                    chosen.append(level)
        group = layout.of(LEVEL) + layout.of(LEVELS_TEXT)
        if group and not chosen and all(vocab.level(c.label) is not None for c in layout.of(LEVEL)):
            self._nothing_ticked(cells, group, "levels")
        if vocab.settings is not None:
            chosen.sort(key=vocab.settings.levels.index)
        return _unique(chosen)

    def _nothing_ticked(self, cells: dict[int, Cell], group: list[Column], key: str) -> None:
        if any(cells[c.index].ref in self.findings.reported for c in group):
            return
        title = field_title(Item, key) or key
        self.findings.report(
            "import-cell-empty.nothing-ticked", cells[group[0].index].ref, title=title, key=key
        )


def _with(cell: Cell, text: str) -> Cell:
    """`cell` holding `text` (after 同上 is resolved)."""
    return Cell(text, cell.ref, cell.origin)


def _unique(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        if value not in out:
            out.append(value)
    return out
