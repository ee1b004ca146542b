"""`zwgk import`: catalogue tables in Excel and Word files → domain sources (plain data).

The workbook `zwgk build` writes comes back exactly through its hidden ``_zwgk`` sheet. Any
other table is read as offices publish it (`layout` finds the header, `rows` and `cells` read the
cells): one item per row, ids ``<slug>-001`` … (an item that is already in the target catalogue
keeps its id). Whatever cannot be mapped is reported with its cell (``Sheet1!F12``,
``表2 第5行第3列``) as a Diagnostic, never guessed silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zwgk_cli.core.diagnostics import Diagnostic, Text, say
from zwgk_cli.core.domain_names import PILOT_DOMAINS, PILOT_SLUGS, canonical, names_in_title
from zwgk_cli.core.models import Settings
from zwgk_cli.importer.assemble import Task, domain_data, domain_header, read_tasks, with_ids
from zwgk_cli.importer.datasheet import DATA_SHEET, DataSheet, DataSheetError, edited_cell, read_data_sheet
from zwgk_cli.importer.findings import Findings, listed
from zwgk_cli.importer.layout import (
    DOMAIN,
    Layout,
    find_headers,
    find_task_header,
    is_note_row,
    read_layout,
    row_text,
)
from zwgk_cli.importer.limits import Limits
from zwgk_cli.importer.maps import Vocabulary
from zwgk_cli.importer.readers import SourceTable, read_tables, sheet_label
from zwgk_cli.importer.rows import RowReader
from zwgk_cli.importer.target import Target


@dataclass(slots=True)
class ImportedDomain:
    """One domain read from the file: its name, slug and the source's data in model field order."""

    name: str
    slug: str
    data: dict[str, Any]
    source: str


@dataclass(slots=True)
class ImportResult:
    """What an import produced and found."""

    source: Path
    kind: str
    domains: list[ImportedDomain]
    settings: Settings | None
    diagnostics: list[Diagnostic]
    from_data_sheet: bool = False
    complete: bool = True  # every domain of a `zwgk build` workbook was imported

    @property
    def items(self) -> int:
        """How many items were imported."""
        return sum(len(d.data.get("items", [])) for d in self.domains)


@dataclass(slots=True)
class _Row:
    """An item read from one table row, before it gets its id."""

    domain: str
    item: dict[str, Any]
    source: str


def import_file(
    path: Path,
    target: Target,
    *,
    domain: str | None = None,
    slug: str | None = None,
    limits: Limits | None = None,
) -> ImportResult:
    """Read `path` (.xlsx or .docx) into domain data; raises ZwgkError when it cannot be read."""
    kind, tables = read_tables(path, limits)
    return _Importer(path, kind, tables, target, domain, slug).run()


class _Importer:
    """One run over one file's tables: what it found, the rows it read, the domains they make."""

    def __init__(
        self,
        path: Path,
        kind: str,
        tables: list[SourceTable],
        target: Target,
        domain: str | None,
        slug: str | None,
    ) -> None:
        self.path = path
        self.kind = kind
        self.tables = tables
        self.target = target
        self.slug = slug
        self.findings = Findings(path)
        self.settings = target.settings
        self.known = target.known_names()
        self.wanted = self._resolve_wanted(domain)
        self.rows: list[_Row] = []
        self.tasks: dict[str, Task] = {}
        self.slugs: dict[str, str] = {}
        self.headers: dict[str, dict[str, Any]] = {}
        self.previous_ids: dict[str, list[dict[str, Any]]] = {}
        self.sources: dict[str, str] = {}

    # ---- findings ------------------------------------------------------------------------

    def _reader(self) -> RowReader:
        return RowReader(self.findings, Vocabulary(self.settings), self.known, self.wanted)

    def _take(self, table: SourceTable, layout: Layout, indexes: list[int], domain: str | None) -> None:
        for row_domain, item, first in self._reader().read_rows(table, layout, indexes, domain):
            self.rows.append(_Row(row_domain, item, first))
            self.sources.setdefault(row_domain, table.label)

    # ---- the run -------------------------------------------------------------------------

    def _resolve_wanted(self, domain: str | None) -> str | None:
        if domain is None:
            return None
        for name, path in self.target.paths.items():
            if domain == path.stem:
                return name
        for name, pilot_slug in PILOT_DOMAINS:
            if domain == pilot_slug and name in (self.known or [name]):
                return name
        name = re.sub(r"领域$", "", domain.strip())
        return canonical(name, self.known)

    def run(self) -> ImportResult:
        data_table = (
            next((t for t in self.tables if t.name == DATA_SHEET), None) if self.kind == "xlsx" else None
        )
        data: DataSheet | None = None
        if data_table is not None:
            try:
                data = read_data_sheet(data_table)
            except DataSheetError:
                self.findings.report("import-data-sheet", sheet_label(DATA_SHEET))
        if data is not None:
            result = self._run_data_sheet(data)
        else:
            self._read_visible([t for t in self.tables if not t.hidden])
            result = self._finish(None)
        if self.wanted is not None and not result.domains and not self.findings.diagnostics:
            self.findings.report("import-domain-unknown.not-in-file", self.path.name, domain=self.wanted)
        return result

    def _run_data_sheet(self, data: DataSheet) -> ImportResult:
        if self.settings is None:
            self.settings = data.settings
        if not self.known:
            self.known = list(data.settings.domains)
        by_name = {t.name: t for t in self.tables if not t.hidden}
        imported: list[ImportedDomain] = []
        complete = True
        for record in data.domains:
            domain = record.domain
            if self.wanted is not None and domain.domain != self.wanted and domain.slug != self.wanted:
                complete = False
                continue
            sheet = by_name.get(record.sheet)
            edited = edited_cell(record, sheet, data.settings.levels)
            source = sheet_label(record.sheet)
            if edited is None or sheet is None:
                if sheet is None:
                    self.findings.report("import-sheet-edited.deleted", source)
                imported.append(ImportedDomain(domain.domain, domain.slug, domain_data(domain), source))
                continue
            self.findings.report("import-sheet-edited.changed", edited, domain=domain.domain)
            self.slugs[domain.domain] = domain.slug
            source_data = domain_data(domain)
            self.headers[domain.domain] = {k: v for k, v in source_data.items() if k != "items"}
            self.previous_ids[domain.domain] = source_data["items"]
            start = len(self.rows)
            self._read_table(sheet, forced=domain.domain)
            if len(self.rows) == start:
                imported.append(ImportedDomain(domain.domain, domain.slug, domain_data(domain), source))
        result = self._finish(data.settings)
        result.domains = imported + result.domains
        order = {record.domain.slug: i for i, record in enumerate(data.domains)}
        result.domains.sort(key=lambda d: order.get(d.slug, len(order)))
        result.from_data_sheet = True
        result.complete = complete
        return result

    # ---- visible tables ------------------------------------------------------------------

    def _read_visible(self, tables: list[SourceTable]) -> None:
        found = False
        previous: tuple[Layout, str | None, int] | None = None
        for table in tables:
            task = find_task_header(table)
            if task is not None:
                self._read_tasks(table, *task)
                continue
            if find_headers(table):
                found = True
                previous = self._read_table(table)
            elif self.kind == "docx" and previous is not None and table.width == previous[2] and table.rows:
                # a Word table continued on the next page without repeating its header
                layout, domain, _ = previous
                self._take(table, Layout(-1, 1, layout.columns), list(range(len(table.rows))), domain)
        if not found:
            self.findings.report("import-no-table", self.path.name)

    def _read_table(
        self, table: SourceTable, forced: str | None = None
    ) -> tuple[Layout, str | None, int] | None:
        headers = find_headers(table)
        result: tuple[Layout, str | None, int] | None = None
        titles = list(table.before)
        start = 0
        for k, top in enumerate(headers):
            titles += [row_text(table.rows[r]) for r in range(start, top) if is_note_row(table.rows[r])]
            layout = read_layout(table, top)
            end = headers[k + 1] if k + 1 < len(headers) else len(table.rows)
            last = end
            if k + 1 < len(headers):
                while last > layout.first_data_row and (
                    is_note_row(table.rows[last - 1]) or not any(c.text.strip() for c in table.rows[last - 1])
                ):
                    last -= 1
            domain = forced or self._table_domain(table, layout, titles)
            if domain is not None or layout.has(DOMAIN):
                self._reader().check_columns(table, layout)
                self._take(table, layout, list(range(layout.first_data_row, last)), domain)
            result = (layout, domain, table.width)
            titles = []
            start = last
        return result

    def _table_domain(self, table: SourceTable, layout: Layout, titles: list[str]) -> str | None:
        """The domain a table without a 所属领域 column belongs to, from its title or sheet name."""
        if layout.has(DOMAIN):
            return None
        where = layout.columns[0].header.ref if layout.columns else table.label
        for title in reversed(titles):
            names = names_in_title(title, self.known)
            if len(names) == 1:
                return self._accept(names[0])
            if len(names) > 1:
                if self.wanted in names:
                    return self.wanted
                self.findings.report(
                    "import-domain-unknown.several-in-title",
                    where,
                    title=title,
                    names=listed(names),
                    example=names[0],
                )
                return None
        if self.kind == "xlsx":
            names = [n for n in names_in_title(table.name, self.known) if n in self.known or n in PILOT_SLUGS]
            if len(names) == 1:
                return self._accept(names[0])
        if self.wanted is not None:
            return self.wanted
        self.findings.report(
            "import-domain-unknown.no-title",
            where,
            table=Text(table.label, table.name),
            sheet=say("ui.importer.nor-sheet-name") if self.kind == "xlsx" else "",
        )
        return None

    def _accept(self, name: str) -> str | None:
        """`name` unless the user asked for another domain (then the table is skipped)."""
        if self.wanted is not None and name != self.wanted:
            return None
        return name

    # ---- assembling domains ----------------------------------------------------------------

    def _read_tasks(self, table: SourceTable, top: int, columns: dict[str, int]) -> None:
        self.tasks.update(read_tasks(table, top, columns, self.known))

    def _finish(self, data_settings: Settings | None) -> ImportResult:
        grouped: dict[str, list[_Row]] = {}
        for row in self.rows:
            grouped.setdefault(row.domain, []).append(row)
        domains: list[ImportedDomain] = []
        for name, rows in grouped.items():
            slug = self._slug_for(name, rows[0].source)
            if slug is None:
                continue
            header = self._header(name, slug)
            items = self._with_ids(name, slug, [r.item for r in rows])
            domains.append(ImportedDomain(name, slug, {**header, "items": items}, self.sources.get(name, "")))
        return ImportResult(self.path, self.kind, domains, data_settings, self.findings.diagnostics)

    def _slug_for(self, name: str, where: str) -> str | None:
        if self.slug is not None and (self.wanted is None or name == self.wanted):
            return self.slug
        if name in self.slugs:
            return self.slugs[name]
        existing = self.target.slug_of(name)
        if existing is not None:
            return existing
        if name in PILOT_SLUGS:
            return PILOT_SLUGS[name]
        self.findings.report("import-domain-unknown.no-slug", where, domain=name)
        return None

    def _header(self, name: str, slug: str) -> dict[str, Any]:
        """domain, slug, then the header the catalogue's file (or the hidden sheet, or 任务分工) gives."""
        known = self.headers.get(name)
        existing = self.target.file(name)
        if known is None and existing is not None:
            known = existing.header
        domains = self.settings.domains if self.settings else [n for n, _ in PILOT_DOMAINS]
        header, missing = domain_header(name, slug, known, self.tasks.get(name), domains)
        if missing:
            self.findings.report(
                "import-header-missing",
                self.sources.get(name, self.path.name),
                domain=name,
                missing=listed(missing),
                slug=slug,
            )
        return header

    def _with_ids(self, name: str, slug: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        previous = self.previous_ids.get(name)
        existing = self.target.file(name)
        if previous is None and existing is not None:
            previous = existing.items
        return with_ids(slug, items, previous or [])
