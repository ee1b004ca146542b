"""The HTML site: every page rendered from the Jinja templates, plus the static assets.

Why: rendering is a pure function from a validated catalogue to ``{relative path: bytes}``; writing
the folder is ``output``'s job. Templates autoescape everything, so catalogue text (untrusted input)
lands in pages as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    select_autoescape,
)
from markupsafe import Markup

from zwgk_cli.check.coverage import DomainCoverage
from zwgk_cli.core.catalogue import Catalogue
from zwgk_cli.core.diagnostics import ZwgkError, say
from zwgk_cli.core.models import Domain, Settings
from zwgk_cli.core.resources import templates_dir
from zwgk_cli.history.changes import CatalogueDiff
from zwgk_cli.render import Content
from zwgk_cli.render.change_report import (
    COUNT_WORDS,
    display,
    domain_heading,
    domain_summary,
    field_line,
    field_origin,
    incomplete_lines,
    item_description,
    item_verb,
    overall_line,
    shows_fields,
)
from zwgk_cli.render.html.search_index import search_script_parts
from zwgk_cli.render.html.stats import statistics
from zwgk_cli.render.html.templates import check_templates, template_assets
from zwgk_cli.render.rows import (
    date_text,
    domain_caption,
    item_rows,
    partners_text,
    subject_lines,
    task_rows,
    tasks_title,
)
from zwgk_cli.render.visible import visible

# What the pages may load: their own scripts, styles and images, nothing else, from nowhere else.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'"
)

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class CoverageReport:
    """What the coverage page shows: the upstream catalogue and each domain's claims."""

    label: str
    edition: str | None
    rows: list[DomainCoverage]


@dataclass(frozen=True, slots=True)
class Download:
    """A file the pages link to for download, under a Chinese file name."""

    href: str
    filename: str
    label: str
    size: int
    placeholder: str = ""  # stands in for the size while the file is still being rendered elsewhere

    @property
    def size_text(self) -> str:
        """The size as people read it: 8 KB, 1.2 MB."""
        return self.placeholder or size_text(self.size)


def size_text(size: int) -> str:
    """A file size as people read it: 8 KB, 1.2 MB."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def environment(extra_templates: Path | None = None) -> Environment:
    """The Jinja environment: user templates (when given) before the shipped ones."""
    loaders = [FileSystemLoader(str(templates_dir()))]
    if extra_templates is not None:
        loaders.insert(0, FileSystemLoader(str(extra_templates)))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_visible_output,
    )
    env.filters["safe_url"] = safe_url
    return env


def _visible_output(value: Any) -> Any:
    """Every ``{{ … }}`` a template writes, with control and invisible characters written out
    (`render.visible`): the change page's values come from the sources as they were, not checked."""
    if isinstance(value, Markup):
        return Markup(visible(str(value)))
    return visible(value) if isinstance(value, str) else value


def safe_url(url: str | None) -> str | None:
    """`url` when it is an http(s) address; None for anything a browser could run or misread."""
    if url is None:
        return None
    lowered = url.strip().lower()
    if lowered.startswith(("http://", "https://")) and not any(ch.isspace() or ord(ch) < 32 for ch in url):
        return url
    return None


def asset_files(extra_templates: Path | None = None) -> dict[str, bytes]:
    """The static files under ``assets/`` (user files override shipped ones of the same name; see
    `templates.template_assets` for which files of a templates folder count)."""
    found: dict[str, bytes] = {}
    for root in [templates_dir()] + ([extra_templates] if extra_templates is not None else []):
        for name, path in template_assets(root):
            found[name] = path.read_bytes()
    return found


def page_context(settings: Settings, **values: Any) -> dict[str, Any]:
    """What every page template reads, for `settings`; `values` replace the defaults."""
    context: dict[str, Any] = {
        "settings": settings,
        "csp": CSP,
        "published": date_text(settings.published),
        "domains": [],
        "pending": [],
        "pending_mark": "",
        "tasks_title": "任务分工",
        "downloads": {},
        "has_changes_page": False,
        "has_coverage_page": False,
        "asset_root": "",
        "include_tasks": True,
        "unit_links": [],
        "district_title": "",
        "search_index_src": "assets/search-index.js",
        "standalone": False,
        "inline_css": "",
    }
    unknown = set(values) - set(context)
    if unknown:
        raise TypeError(f"unknown page context: {sorted(unknown)}")
    context.update(values)
    return context


def site_files(
    catalogue: Catalogue,
    extra_templates: Path | None = None,
    progress: Progress | None = None,
    downloads: Sequence[Download] = (),
    changes: CatalogueDiff | None = None,
    coverage: CoverageReport | None = None,
    *,
    asset_root: str = "",
    include_tasks: bool = True,
    unit_links: Sequence[tuple[str, str]] = (),
    district_title: str = "",
) -> Iterator[tuple[str, Content]]:
    """Every page and asset of the site, by relative path, one at a time (the search index in
    parts); `downloads` are linked from the pages, and `changes` (when given) becomes the 调整说明
    page ``changes.html``."""
    env = environment(extra_templates)
    settings = catalogue.settings
    domains = catalogue.domains
    common = page_context(
        settings,
        domains=domains,
        pending=catalogue.pending,
        pending_mark=catalogue.pending_mark,
        tasks_title=tasks_title(catalogue),
        downloads={d.href: d for d in downloads},
        has_changes_page=changes is not None,
        has_coverage_page=coverage is not None,
        asset_root=asset_root,
        include_tasks=include_tasks,
        unit_links=list(unit_links),
        district_title=district_title,
        search_index_src="search-index.js" if asset_root else "assets/search-index.js",
    )

    def page(template: str, name: str, **context: Any) -> tuple[str, bytes]:
        text = render_page(env, template, extra_templates, **common, page=name, **context)
        if progress is not None:
            progress(name)
        return name, text.encode("utf-8")

    search = (part.encode("utf-8") for part in search_script_parts(catalogue))  # written as it is made
    if asset_root:  # a unit's pages share the district's assets; only the search index is its own
        yield "search-index.js", search
    else:
        yield from asset_files(extra_templates).items()
        yield "assets/search-index.js", search
    # a unit's own catalogue (asset_root set) covers that unit alone: the district's scope is not its
    outside = [] if asset_root else [unit for unit in settings.units if unit.outside is not None]
    yield page("index.html.j2", "index.html", stats=statistics(catalogue), outside_units=outside)
    if include_tasks:
        yield page("tasks.html.j2", "tasks.html", rows=task_rows(catalogue))
    if changes is not None:
        yield page("changes.html.j2", "changes.html", **changes_context(changes))
    if coverage is not None:
        links = {item.id: f"{d.slug}.html#{item.id}" for d, item in catalogue.items()}
        titles = {item.id: f"{item.category} · {item.name}" for _, item in catalogue.items()}
        yield page(
            "coverage.html.j2", "coverage.html", coverage=coverage, local_links=links, local_titles=titles
        )
    for index, domain in enumerate(domains):
        yield page(
            "domain.html.j2",
            f"{domain.slug}.html",
            domain=domain,
            caption=domain_caption(domain, catalogue.place),
            partners=partners_text(domain),
            rows=item_rows(domain),
            subject_lines=subject_lines,
            previous=_neighbour(domains, index - 1),
            next=_neighbour(domains, index + 1),
        )


def changes_context(diff: CatalogueDiff) -> dict[str, Any]:
    """What the 调整说明 template needs: the difference and the words for it."""
    return {
        "diff": diff,
        "names": {d.slug: d.name for d in diff.domains},
        "words": COUNT_WORDS,
        "overall_line": overall_line,
        "incomplete_lines": incomplete_lines(diff),
        "domain_heading": domain_heading,
        "domain_summary": domain_summary,
        "item_verb": item_verb,
        "item_description": item_description,
        "field_line": field_line,
        "field_origin": field_origin,
        "display": display,
        "shows_fields": shows_fields,
        "linkable": lambda change, slug: change.new_domain == slug,
    }


def render_changes_page(
    diff: CatalogueDiff, settings: Settings, extra_templates: Path | None = None
) -> bytes:
    """A standalone 调整说明 page (``zwgk diff --format html``): the site's style inlined, no script."""
    if extra_templates is not None:
        check_templates(extra_templates)
    env = environment(extra_templates)
    css = asset_files(extra_templates).get("assets/style.css", b"").decode("utf-8")
    csp = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
    context = changes_context(diff)
    context["linkable"] = lambda change, slug: False  # the domain pages are not beside it
    text = render_page(
        env,
        "changes.html.j2",
        extra_templates,
        **page_context(
            settings,
            csp=csp,
            has_changes_page=True,
            include_tasks=False,
            search_index_src="",
            standalone=True,
            inline_css=css,
        ),
        page="changes.html",
        **context,
    )
    return text.encode("utf-8")


def render_page(env: Environment, template: str, extra_templates: Path | None, **context: Any) -> str:
    """`template` rendered; ZwgkError naming it when a template of the folder is at fault in a way
    `check_templates` could not see beforehand (an include whose name is computed, a loop of them)."""
    try:
        return env.get_template(template).render(**context)
    except RecursionError:
        raise ZwgkError(
            say("stop.build.template-recursion", template=template, templates=extra_templates)
        ) from None
    except TemplateNotFound as exc:
        raise ZwgkError(
            say(
                "stop.build.template-not-found",
                template=template,
                include=exc.name,
                templates=extra_templates,
            )
        ) from None
    except (TemplateSyntaxError, UnicodeDecodeError) as exc:
        raise ZwgkError(say("stop.build.template-failed", template=template, what=str(exc))) from None


def _neighbour(domains: list[Domain], index: int) -> Domain | None:
    return domains[index] if 0 <= index < len(domains) else None
