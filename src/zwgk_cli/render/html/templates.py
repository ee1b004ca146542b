"""A templates folder (``--templates``) checked before anything is rendered, and its assets listed.

Why: template authors are trusted, but a mistake in their folder must stop the build with a message
that names the file and says what is wrong, not a traceback or a misleading "disk full": a template
that includes itself, a file that is not UTF-8, an include that points outside the folder (Jinja
refuses it, as a missing template), a symbolic link that would copy a file from elsewhere on the
machine into the published site, an asset name no output may carry.

Symbolic links: one that points inside the templates folder is followed (its target is a file of
the folder anyway); one that points outside it, or nowhere, is refused. Names starting with a dot
(``.DS_Store``, ``.gitkeep``, ``.git/``) are not part of the templates and are skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from jinja2 import Environment, TemplateSyntaxError, meta

from zwgk_cli.core.diagnostics import ZwgkError, say
from zwgk_cli.core.resources import templates_dir

# The pages the site renders: where the search for includes starts.
PAGES = ("index.html.j2", "tasks.html.j2", "changes.html.j2", "coverage.html.j2", "domain.html.j2")
ASSETS = "assets"


def check_templates(folder: Path) -> None:
    """ZwgkError (a broken templates folder: exit 2) naming the file at fault, or nothing."""
    if not folder.is_dir():
        raise ZwgkError(say("stop.build.no-templates", templates=folder))
    files = dict(_walk(folder))
    for name, path in files.items():
        if name.endswith(".j2"):
            _read(path)
    _check_includes(folder, files)
    for name in files:
        if name.startswith(ASSETS + "/"):
            _check_asset_name(folder, name)


def template_assets(folder: Path) -> Iterator[tuple[str, Path]]:
    """The files under ``assets/`` of a templates folder, by output name (``assets/…``), sorted; links
    followed only inside the folder, dot names skipped."""
    for name, path in sorted(_walk(folder)):
        if name.startswith(ASSETS + "/"):
            yield name, path


def _walk(folder: Path) -> Iterator[tuple[str, Path]]:
    """Every file of `folder`, by its POSIX path inside it; ZwgkError for a link that leads out."""
    base = folder.resolve()
    seen: set[Path] = set()
    stack: list[tuple[Path, str]] = [(folder, "")]
    while stack:
        here, prefix = stack.pop()
        real = here.resolve()
        if real in seen:  # a link back to a folder already walked
            continue
        seen.add(real)
        for entry in sorted(os.scandir(here), key=lambda e: e.name):
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            name = prefix + entry.name
            if entry.is_symlink():
                _check_link(folder, base, path)
            if entry.is_dir():
                stack.append((path, name + "/"))
            elif entry.is_file():
                yield name, path


def _check_link(folder: Path, base: Path, path: Path) -> None:
    target = path.readlink()
    real = path.resolve()
    if not real.exists():
        raise ZwgkError(say("stop.build.template-link-broken", file=path, target=target, templates=folder))
    if real != base and base not in real.parents:
        raise ZwgkError(say("stop.build.template-link-outside", file=path, target=target, templates=folder))


def _read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ZwgkError(say("stop.build.template-not-utf8", file=path, line=line)) from None


def _check_includes(folder: Path, files: dict[str, Path]) -> None:
    """Every include, import and extends with a fixed name in the templates (`files`, the folder's
    files by name): inside the folder, found, no cycle."""
    env = Environment()
    shipped = templates_dir()

    def source_of(name: str) -> tuple[str, Path] | None:
        if name in files:
            return _read(files[name]), files[name]
        path = shipped.joinpath(*PurePosixPath(name).parts)
        return (path.read_text(encoding="utf-8"), path) if path.is_file() else None

    references: dict[str, list[str]] = {}

    def refs(name: str) -> list[str]:
        if name not in references:
            found = source_of(name)
            assert found is not None
            text, path = found
            try:
                parsed = env.parse(text, name, str(path))
            except TemplateSyntaxError as exc:
                raise ZwgkError(
                    say("stop.build.template-syntax", file=path, line=exc.lineno, what=exc.message or "")
                ) from None
            names = [ref for ref in meta.find_referenced_templates(parsed) if ref is not None]
            for ref in names:
                parts = PurePosixPath(ref).parts
                if ref.startswith("/") or "\\" in ref or ".." in parts or ":" in ref:
                    raise ZwgkError(
                        say("stop.build.template-include-outside", file=path, include=ref, templates=folder)
                    )
                if source_of(ref) is None:
                    raise ZwgkError(
                        say("stop.build.template-include-missing", file=path, include=ref, templates=folder)
                    )
            references[name] = names
        return references[name]

    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            chain = " → ".join([*path[path.index(name) :], name])
            found = source_of(path[-1])
            assert found is not None
            raise ZwgkError(say("stop.build.template-cycle", file=found[1], chain=chain))
        if name in done:
            return
        for ref in refs(name):
            visit(ref, [*path, name])
        done.add(name)

    for name in [*PAGES, *sorted(name for name in files if name.endswith(".j2"))]:
        if source_of(name) is not None:
            visit(name, [])


def _check_asset_name(folder: Path, name: str) -> None:
    from zwgk_cli.render.paths import safe_relative

    try:
        safe_relative(name)
    except ValueError:
        raise ZwgkError(say("stop.build.template-asset-name", file=folder / name)) from None
