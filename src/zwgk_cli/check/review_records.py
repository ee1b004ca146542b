"""Review records (`reviews/<slug>.yaml`, a town's in `reviews/<unit slug>/`): read, validated
against `ReviewRecord`, and checked against zwgk.yaml's review chain and the domain they review."""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from zwgk_cli.check.review_settings import prerequisite
from zwgk_cli.check.schema import assemble_domain, validate_model
from zwgk_cli.core.catalogue import DomainFile, SettingsFile, located
from zwgk_cli.core.diagnostics import Diagnostic, Text, say
from zwgk_cli.core.fingerprint import domain_fingerprint
from zwgk_cli.core.models import NOT_PUBLISHED, Domain, Item, Settings, Unit
from zwgk_cli.core.review_models import ReviewRecord
from zwgk_cli.core.source import FieldPath, SourceDocument
from zwgk_cli.core.towns import town_units, unit_domain
from zwgk_cli.core.wording import describe, listing
from zwgk_cli.sources.loading import load_file

REVIEWS_FOLDER = "reviews"

# A domain file as its whole models, from a file checked without them (`validate` keeps of each
# file only what the cross-file rules read, see `file_check.slim`): read again when a record's
# check needs more than its header and item ids, which is rare (a town's record naming items, a
# passed stage without a fingerprint).
Whole = Callable[[DomainFile], DomainFile]


@dataclass(slots=True)
class ReviewFile:
    """One review record file: its source, the town it is for, and the record when it validated."""

    doc: SourceDocument
    unit: str | None = None  # the slug of the town or street whose catalogue it reviews
    record: ReviewRecord | None = None

    @property
    def slug(self) -> str:
        """The domain slug the file name gives."""
        return self.doc.path.stem

    @property
    def name(self) -> str:
        """Where it is in the catalogue folder: reviews/aqsc.yaml, reviews/longxi/aqsc.yaml."""
        folder = f"{REVIEWS_FOLDER}/{self.unit}/" if self.unit is not None else f"{REVIEWS_FOLDER}/"
        return folder + self.doc.path.name


def review_paths(root: Path) -> list[tuple[Path, str | None]]:
    """Every record file under `root/reviews`, with the unit folder it is in (None at the top), sorted."""
    folder = root / REVIEWS_FOLDER
    if not folder.is_dir():
        return []
    found: list[tuple[Path, str | None]] = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():
            found += [(p, entry.name) for p in sorted(entry.iterdir()) if _is_record(p)]
        elif _is_record(entry):
            found.append((entry, None))
    return found


def _is_record(path: Path) -> bool:
    return path.suffix in (".yaml", ".yml") and not path.name.startswith(".") and not path.is_dir()


def current_domain(df: DomainFile) -> Domain | None:
    """The domain as its file gives it now, or None when its header or any item did not validate."""
    if not _complete(df) or df.header is None:
        return None
    return assemble_domain(df.header, [entry.item for entry in df.items])


def _complete(df: DomainFile) -> bool:
    """Whether the header and every item validated (the file gives a whole domain)."""
    raw = df.doc.data.get("items") if isinstance(df.doc.data, dict) else None
    if df.header is None or not isinstance(raw, list) or len(raw) != len(df.items):
        return False
    return not any(entry.invalid for entry in df.items)


def reviewed_domain(df: DomainFile, unit: Unit | None, settings: Settings | None) -> Domain | None:
    """What a record reviews: the district's domain, or the town's own version of it."""
    domain = current_domain(df)
    if domain is None or unit is None:
        return domain
    return unit_domain(domain, unit, settings) if settings is not None else None


def read_reviews(
    root: Path, sf: SettingsFile, files: list[DomainFile], whole: Whole | None = None
) -> tuple[list[ReviewFile], list[Diagnostic]]:
    """Read and check every review record of the catalogue in `root` (`whole`: how to have a
    domain file's models when `files` hold only what the cross-file rules read)."""
    # Each file is read the fast way (no positions) and, only when it has findings, again the
    # careful way so that they are located: a clean record costs no more than a clean domain file.
    reviews: list[ReviewFile] = []
    found: list[Diagnostic] = []
    for path, unit in review_paths(root):
        rf, problems = _read_one(path, unit, sf, files, whole, fast=True)
        if problems and rf is not None and not rf.doc.positions:
            rf, problems = _read_one(path, unit, sf, files, whole, fast=False)
        if rf is not None:
            reviews.append(rf)
        found += problems
    return reviews, found


def _read_one(
    path: Path,
    unit: str | None,
    sf: SettingsFile,
    files: list[DomainFile],
    whole: Whole | None,
    *,
    fast: bool,
) -> tuple[ReviewFile | None, list[Diagnostic]]:
    load = load_file(path, fast=fast)
    found = list(load.diagnostics)
    if load.document is None or load.document.data is None:
        return None, found
    rf = ReviewFile(load.document, unit)
    model, problems = validate_model(load.document, ReviewRecord)
    found += problems
    rf.record = model if isinstance(model, ReviewRecord) else None
    if rf.record is not None and sf.settings is not None:
        found += _check_record(rf, rf.record, sf.settings, files, whole)
    return rf, found


def _check_record(
    rf: ReviewFile, record: ReviewRecord, settings: Settings, files: list[DomainFile], whole: Whole | None
) -> list[Diagnostic]:
    doc = rf.doc
    if settings.review is None:
        msg = say("review-no-stages", file=rf.name)
        return [located(doc, ("domain",), "review-no-stages", msg, say("review-no-stages.hint"), at_key=True)]
    found: list[Diagnostic] = []
    unit: Unit | None = None
    if rf.unit is not None:
        towns = town_units(settings)
        unit = next((u for u in towns if u.slug == rf.unit), None)
        if unit is None:
            msg = say("review-unit-unknown", folder=rf.unit, file=rf.name)
            hint = _choices(rf.unit, [u.slug for u in towns], "review-unit-unknown.none")
            return [located(doc, ("domain",), "review-unit-unknown", msg, hint, at_key=True)]
    # a domain file whose header has errors still names its domain (claimed_domain reads the text)
    df = next((f for f in files if f.claimed_domain() == record.domain), None)
    if df is None:
        where = describe(ReviewRecord, ("domain",), doc.data)
        msg = say("review-domain-unknown", where=where, domain=record.domain)
        known = [name for f in files if (name := f.claimed_domain()) is not None]
        hint = _choices(record.domain, known, "review-domain-unknown.none")
        return [located(doc, ("domain",), "review-domain-unknown", msg, hint)]
    if df.slug != rf.slug:
        msg = say("review-domain-unknown.filename", domain=record.domain, slug=df.slug, file=rf.name)
        hint = say("review-domain-unknown.filename.hint", slug=df.slug)
        found.append(located(doc, ("domain",), "review-domain-unknown", msg, hint))
    domain_file = df  # (named again: the closures below see it as found)

    @functools.cache
    def reviewed() -> Domain | None:
        return reviewed_domain(whole(domain_file) if whole is not None else domain_file, unit, settings)

    @functools.cache
    def ids() -> list[str] | None:
        """The ids of the items reviewed; those that validated when the domain has errors."""
        if domain_file.header is None:
            return None
        if unit is not None and _complete(domain_file):  # the town's version: its own items
            domain = reviewed()
            if domain is not None:
                return [item.id for item in domain.items]
        return [entry.item.id for entry in domain_file.items]

    found += _check_stages(doc, record, settings, reviewed)
    found += _check_opinions(doc, record, settings, ids)
    return found


def _check_stages(
    doc: SourceDocument, record: ReviewRecord, settings: Settings, reviewed: Callable[[], Domain | None]
) -> list[Diagnostic]:
    assert settings.review is not None
    stages = settings.review.stages
    names = [s.name for s in stages]
    found: list[Diagnostic] = []
    passed: set[str] = set()
    for i, entry in enumerate(record.stages):
        base: FieldPath = ("stages", i)
        if entry.stage not in names:
            found.append(_unknown_stage(doc, (*base, "stage"), entry.stage, names))
        if i > 0 and entry.date < record.stages[i - 1].date:
            path = (*base, "date")
            msg = say(
                "review-date-order",
                where=describe(ReviewRecord, path, doc.data),
                date=entry.date.isoformat(),
                before=record.stages[i - 1].date.isoformat(),
            )
            found.append(located(doc, path, "review-date-order", msg, say("review-date-order.hint")))
        if entry.result != "通过" or entry.stage not in names:
            continue
        before = prerequisite(stages, names.index(entry.stage))
        if before is not None and stages[before].name not in passed:
            path = (*base, "stage")
            name = stages[before].name
            msg = say(
                "review-stage-order",
                where=describe(ReviewRecord, path, doc.data),
                stage=entry.stage,
                before=name,
            )
            found.append(
                located(doc, path, "review-stage-order", msg, say("review-stage-order.hint", before=name))
            )
        passed.add(entry.stage)
        if entry.fingerprint is None:
            path = (*base, "result")
            msg = say(
                "review-fingerprint-missing", where=describe(ReviewRecord, base, doc.data), stage=entry.stage
            )
            domain = reviewed()
            hint = (
                say("review-fingerprint-missing.hint", fingerprint=domain_fingerprint(domain))
                if domain is not None
                else say("review-fingerprint-missing.hint.unknown")
            )
            found.append(located(doc, path, "review-fingerprint-missing", msg, hint))
    return found


def _check_opinions(
    doc: SourceDocument,
    record: ReviewRecord,
    settings: Settings,
    reviewed_ids: Callable[[], list[str] | None],
) -> list[Diagnostic]:
    assert settings.review is not None
    names = [s.name for s in settings.review.stages]
    found: list[Diagnostic] = []
    for i, opinion in enumerate(record.opinions):
        base: FieldPath = ("opinions", i)
        if opinion.stage is not None and opinion.stage not in names:
            found.append(_unknown_stage(doc, (*base, "stage"), opinion.stage, names))
        ids = reviewed_ids() if opinion.item is not None else None
        if opinion.item is not None and ids is not None and opinion.item not in ids:
            path = (*base, "item")
            where = describe(ReviewRecord, path, doc.data)
            msg = say("review-opinion-item", where=where, id=opinion.item, domain=record.domain)
            hint = _choices(opinion.item, ids, "review-opinion-item.hint")
            found.append(located(doc, path, "review-opinion-item", msg, hint))
        if opinion.field is not None and opinion.field not in Item.model_fields:
            path = (*base, "field")
            where = describe(ReviewRecord, path, doc.data)
            msg = say("review-opinion-field", where=where, field=opinion.field)
            fields = [key for key in Item.model_fields if key not in NOT_PUBLISHED]
            found.append(located(doc, path, "review-opinion-field", msg, _choices(opinion.field, fields)))
        if opinion.status == "不采纳" and not (opinion.reason or "").strip():
            path = (*base, "status")
            msg = say("review-reason-missing", where=describe(ReviewRecord, base, doc.data))
            found.append(located(doc, path, "review-reason-missing", msg, say("review-reason-missing.hint")))
    return found


def _unknown_stage(doc: SourceDocument, path: FieldPath, name: str, names: list[str]) -> Diagnostic:
    msg = say("review-stage-unknown", where=describe(ReviewRecord, path, doc.data), name=name)
    return located(doc, path, "review-stage-unknown", msg, _choices(name, names))


def _choices(value: str, allowed: list[str], empty: str = "review-unit-unknown.none") -> Text:
    if not allowed:
        return say(empty)
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.4)
    if close:
        return say("ui.hint.choices.close", value=close[0], allowed=listing(allowed))
    return say("ui.hint.choices", allowed=listing(allowed))
