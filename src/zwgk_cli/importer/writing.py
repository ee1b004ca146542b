"""Where `zwgk import` puts what it read: the files, the overwrite rule, the check, the writes.

Why here and not in the importer: reading a table and deciding where its YAML goes are separate
questions; this module also runs the project's own check on the YAML *before* anything is written,
so the command can say whether the result passes `zwgk validate`. Replacing a file never drops its
items silently: each item the table leaves out is named, and nothing is written unless the removal is
confirmed (--remove-missing).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from zwgk_cli.check.pipeline import SETTINGS_FILE, check_with_positions, folder_upstream_loader
from zwgk_cli.check.upstream import Upstream
from zwgk_cli.core.atomic import write_atomic
from zwgk_cli.core.catalogue import located
from zwgk_cli.core.diagnostics import Diagnostic, ZwgkError, say
from zwgk_cli.core.inert_text import is_unsafe
from zwgk_cli.core.invisible_chars import escape
from zwgk_cli.core.models import Settings
from zwgk_cli.importer.claims import upstream_of, without_inherited
from zwgk_cli.importer.convert import ImportResult
from zwgk_cli.importer.findings import listed
from zwgk_cli.sources.loading import LoadResult, iter_yaml_files, load_bytes, load_file
from zwgk_cli.sources.writer import (
    DOMAIN_SCHEMA_LINE,
    SETTINGS_SCHEMA_LINE,
    domain_yaml,
    settings_data,
    settings_yaml,
)

Status = Literal["new", "replaced", "unchanged"]


@dataclass(frozen=True, slots=True)
class Output:
    """One file to write (`path` None: standard output), and what writing it does."""

    path: Path | None
    shown: Path
    data: bytes
    status: Status
    # findings about the items of the file replaced that the import leaves out (import-item-*)
    removed: tuple[Diagnostic, ...] = ()
    copied: bool = False  # a file of the upstream catalogue, copied along with the settings naming it


@dataclass(frozen=True, slots=True)
class Plan:
    """Every output of one import, and the catalogue folder they land in (if any)."""

    outputs: list[Output]
    folder: Path | None
    held: bool = False  # nothing is written: replacing would remove items, and that was not confirmed
    upstream_root: Path | None = None  # where the upstream path resolves when it is copied

    @property
    def to_stdout(self) -> bool:
        """Whether the YAML goes to standard output."""
        return any(o.path is None for o in self.outputs)

    @property
    def removed(self) -> list[Diagnostic]:
        """One finding for each item that replacing a file removes (or would remove)."""
        return [finding for output in self.outputs for finding in output.removed]

    @property
    def files(self) -> int:
        """The files the import makes (copies of the upstream catalogue aside)."""
        return sum(not o.copied for o in self.outputs)


def plan_outputs(
    result: ImportResult,
    out: Path | None,
    directory: Path | None,
    *,
    force: bool,
    remove_missing: bool = False,
) -> Plan:
    """Decide the files; raises ZwgkError (nothing written) for a target that cannot be used."""
    # A file replaced loses the items the table leaves out: each is reported, and unless
    # `remove_missing` confirms it the plan is held (nothing written).
    domains = result.domains
    if not domains:
        return Plan([], directory)
    stdout = out is not None and str(out) == "-"
    single = out is not None and not stdout and out.suffix.lower() in (".yaml", ".yml")
    if out is None and directory is None:
        stdout = True
    if (stdout or single) and len(domains) > 1:
        key = "stop.importer.several-domains." + ("stdout" if stdout else "file")
        raise ZwgkError(say(key, count=len(domains), names=listed(d.name for d in domains), out=out))
    folder: Path | None
    if stdout:
        folder = directory
    elif single:
        assert out is not None
        folder = out.parent
    else:
        folder = out if out is not None else directory
    assert folder is not None or stdout
    schemas = folder is not None and (folder.parent / "schemas" / "domain.schema.json").is_file()
    settings_output: Output | None = None
    if result.settings is not None and result.complete and folder is not None and not stdout and not single:
        path = folder / SETTINGS_FILE
        comments = [SETTINGS_SCHEMA_LINE] if schemas else []
        comments.append(say("ui.importer.settings-comment", source=comment_safe(result.source.name)).zh)
        data = settings_yaml(settings_data(result.settings), comments)
        settings_output = Output(path, path, data, _status(path, data, "settings"))
    upstream = _upstream(folder, directory, settings_output)
    copies: list[Output] = []
    upstream_root: Path | None = None
    if upstream is None and settings_output is not None and directory is not None and folder is not None:
        # a new folder does not hold the upstream catalogue the settings name: it comes along from
        # the catalogue folder imported into, so the claims resolve as they did there
        assert result.settings is not None
        if result.settings.upstream is not None:
            copies = _upstream_copies(folder, directory, result.settings.upstream.path)
        if copies:
            upstream = upstream_of(directory, load_bytes(settings_output.shown, settings_output.data))
            upstream_root = directory
    outputs: list[Output] = []
    for domain in domains:
        comments = [DOMAIN_SCHEMA_LINE] if schemas else []
        comments.append(
            say(
                "ui.importer.domain-comment",
                domain=comment_safe(domain.name),
                source=comment_safe(result.source.name),
            ).zh
        )
        data = domain_yaml(without_inherited(domain.data, upstream), comments)
        if stdout:
            shown = (directory / f"{domain.slug}.yaml") if directory else Path(f"{domain.slug}.yaml")
            outputs.append(Output(None, shown, data, "new"))
            continue
        if single and out is not None:
            path = out
        else:
            assert folder is not None
            path = folder / f"{domain.slug}.yaml"
        status = _status(path, data, "domain")
        removed: tuple[Diagnostic, ...] = ()
        if status == "replaced":
            removed = _removed(path, domain.data.get("items", []), upstream, remove_missing)
        outputs.append(Output(path, path, data, status, removed))
    if settings_output is not None:
        outputs.append(settings_output)
    outputs += copies
    conflicts = [o for o in outputs if o.status == "replaced"]
    if conflicts and not force:
        raise ZwgkError(
            say("stop.importer.would-overwrite", names=listed(o.shown.as_posix() for o in conflicts))
        )
    held = not remove_missing and any(o.removed for o in outputs)
    return Plan(outputs, folder, held, upstream_root)


def comment_safe(text: str) -> str:
    r"""`text` fit for one YAML comment line: line breaks, control and format characters escaped
    (``\n``, ``\x00``, ``\u202e``), as every report shows them (core.inert_text).

    A file named ``a\nevil: 1.xlsx`` would otherwise end the comment and start a key of its own;
    a bidi override would reorder the line as shown.
    """
    if text.isprintable():
        return text
    return "".join(escape(ch) if is_unsafe(ch) else ch for ch in text)


def _removed(
    path: Path, items: list[dict[str, Any]], upstream: Upstream | None, confirmed: bool
) -> tuple[Diagnostic, ...]:
    """A finding for each item of the file at `path` that `items` (the import) leaves out."""
    loaded = load_file(path)
    doc = loaded.document
    if doc is None or not isinstance(doc.data, dict) or not isinstance(doc.data.get("items"), list):
        return ()
    kept = {item.get("id") for item in items}
    code = "import-item-removed" if confirmed else "import-item-missing"
    found: list[Diagnostic] = []
    for index, old in enumerate(doc.data["items"]):
        if not isinstance(old, dict) or not isinstance(old.get("id"), str) or old["id"] in kept:
            continue
        named = dict(old)
        claim = old.get("claims")
        parent = upstream.items.get(claim) if upstream is not None and isinstance(claim, str) else None
        if parent is not None:
            named = {**parent.raw, **old}  # a claimed item's names may come from the upstream
        values = {"id": old["id"], "category": named.get("category", ""), "name": named.get("name", "")}
        hint = None if confirmed else say(f"{code}.hint")
        found.append(located(doc, ("items", index, "id"), code, say(code, **values), hint, item_id=old["id"]))
    return tuple(found)


def _upstream_copies(folder: Path, directory: Path, path: str) -> list[Output]:
    """The files of the upstream catalogue `path` of `directory`, copied to the same place in `folder`."""
    source, target = directory / path, folder / path
    if not (source / SETTINGS_FILE).is_file():
        return []
    try:
        inside = target.resolve().relative_to(folder.resolve()) != Path()
    except ValueError:
        inside = False
    if not inside or source.resolve() == target.resolve():
        return []
    copies: list[Output] = []
    # the files a check reads as that catalogue: its settings and its domain files
    for file in (source / SETTINGS_FILE, *iter_yaml_files(source)):
        relative = file.relative_to(source)
        if file.is_symlink():  # never copied through: it may point at any file of the machine
            raise ZwgkError(say("stop.importer.symlink", path=file))
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise ZwgkError(say("stop.importer.cannot-read", path=file, reason=exc.strerror or exc)) from exc
        copy = target / relative
        copies.append(Output(copy, copy, data, _status(copy, data, "upstream"), copied=True))
    return copies


def _upstream(folder: Path | None, directory: Path | None, settings_output: Output | None) -> Upstream | None:
    """The upstream catalogue of the catalogue folder the files land in, when it can be read."""
    if settings_output is not None and folder is not None:
        return upstream_of(folder, load_bytes(settings_output.shown, settings_output.data))
    for root in (folder, directory):
        if root is not None and (root / SETTINGS_FILE).is_file():
            return upstream_of(root, load_file(root / SETTINGS_FILE))
    return None


def _status(path: Path, data: bytes, kind: str) -> Status:
    if path.is_dir():
        raise ZwgkError(say("stop.importer.is-folder", path=path))
    if not path.exists():
        return "new"
    try:
        old = path.read_bytes()
    except OSError as exc:
        raise ZwgkError(say("stop.importer.cannot-read", path=path, reason=exc.strerror or exc)) from exc
    return "unchanged" if old == data or _same_data(path, old, data) else "replaced"


def _same_data(path: Path, old: bytes, new: bytes) -> bool:
    """Whether two YAML texts hold the same data (comments, layout and key order aside)."""
    first, second = load_bytes(path, old), load_bytes(path, new)
    if first.diagnostics or second.diagnostics or first.document is None or second.document is None:
        return False
    return _canonical(first.document.data) == _canonical(second.document.data)


def _canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def check_outputs(
    plan: Plan, directory: Path | None, settings: Settings | None = None, *, cwd: Path = Path()
) -> list[Diagnostic]:
    """The findings `zwgk validate` would report on the outputs, in the folder they land in."""
    # Outside a catalogue folder the files are checked against `settings` (those of the workbook
    # read) when given, and the numbering of domains across files (order-gap) is not judged; `cwd`
    # is where such a check runs.
    if not plan.outputs:
        return []
    folder = plan.folder
    settings_output = next((o for o in plan.outputs if o.shown.name == SETTINGS_FILE), None)
    settings_load: LoadResult
    root: Path | None = None
    if settings_output is not None:
        settings_load, root = load_bytes(settings_output.shown, settings_output.data), folder
    elif folder is not None and (folder / SETTINGS_FILE).is_file():
        settings_load, root = load_file(folder / SETTINGS_FILE), folder
    elif directory is not None and (directory / SETTINGS_FILE).is_file():
        settings_load, root = load_file(directory / SETTINGS_FILE), directory
    elif settings is not None:
        settings_load = load_bytes(Path(SETTINGS_FILE), settings_yaml(settings_data(settings)))
    else:
        settings_load = LoadResult(None)
    # the domain files are read the fast way, and again the careful way only when they have findings
    # (as `zwgk validate` reads them): at province scale the careful read took most of the import
    written = {o.shown: o.data for o in plan.outputs if o is not settings_output and not o.copied}
    shown = {o.shown for o in plan.outputs if not o.copied}
    loads = [load_bytes(path, data, fast=True) for path, data in written.items()]
    in_catalogue = folder is not None and (settings_output is not None or (folder / SETTINGS_FILE).is_file())
    if in_catalogue and folder is not None and folder.is_dir():
        loads += [load_file(p, fast=True) for p in iter_yaml_files(folder) if p not in shown]
    # a copied upstream catalogue is read where it is copied from
    upstream_root = plan.upstream_root or root
    loader = folder_upstream_loader(upstream_root) if upstream_root is not None else None

    def reload(path: Path) -> LoadResult:
        return load_bytes(path, written[path]) if path in written else load_file(path)

    result = check_with_positions(folder or root or cwd, [settings_load, *loads], loader, reload)
    return [d for d in result.diagnostics if d.file in shown and (in_catalogue or d.code != "order-gap")]


def write_outputs(plan: Plan) -> list[Output]:
    """Write the files that change (atomically), none when the plan is held; returns them."""
    written: list[Output] = []
    if plan.held:
        return written
    for output in plan.outputs:
        if output.path is None or output.status == "unchanged":
            continue
        try:
            output.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(output.path, output.data)
        except OSError as exc:
            raise ZwgkError(
                say("stop.importer.cannot-write", path=output.path, reason=exc.strerror or exc)
            ) from exc
        written.append(output)
    return written
