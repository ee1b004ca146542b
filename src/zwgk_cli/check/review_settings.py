"""The review chain in zwgk.yaml (`review.stages`): unique names, each stage after an earlier one,
due dates in the order the chain runs, and a required stage that exists."""

from __future__ import annotations

from zwgk_cli.core.catalogue import SettingsFile, located
from zwgk_cli.core.diagnostics import Diagnostic, say
from zwgk_cli.core.models import Review, Settings, Stage
from zwgk_cli.core.wording import describe, listing


def prerequisite(stages: list[Stage], index: int) -> int | None:
    """The index of the stage that must pass before stage `index`: its `after`, else the one before it."""
    stage = stages[index]
    if stage.after is None:
        return index - 1 if index > 0 else None
    for i, other in enumerate(stages[:index]):
        if other.name == stage.after:
            return i
    return None


def check_review_settings(sf: SettingsFile) -> list[Diagnostic]:
    """Findings about `review` in zwgk.yaml (none when it has no review chain)."""
    settings, doc = sf.settings, sf.doc
    if settings is None or doc is None or settings.review is None:
        return []
    review = settings.review
    found: list[Diagnostic] = []
    names = [stage.name for stage in review.stages]
    first: dict[str, int] = {}
    for i, stage in enumerate(review.stages):
        path = ("review", "stages", i, "name")
        if stage.name in first:
            msg = say("review-stage-duplicate", where=describe(Settings, path, doc.data), name=stage.name)
            hint = say("review-stage-duplicate.hint", number=first[stage.name] + 1)
            found.append(located(doc, path, "review-stage-duplicate", msg, hint))
        else:
            first[stage.name] = i
    for i, stage in enumerate(review.stages):
        if stage.after is not None:
            path = ("review", "stages", i, "after")
            where = describe(Settings, path, doc.data)
            earlier = names[:i]
            if stage.after not in earlier:
                key = "review-stage-unknown.after" if stage.after not in names else "review-stage-after"
                code = "review-stage-unknown" if stage.after not in names else "review-stage-after"
                msg = say(key, where=where, name=stage.after, stage=stage.name)
                hint = say("review-stage-after.hint", allowed=listing(earlier) if earlier else "—")
                found.append(located(doc, path, code, msg, hint))
                continue
        before = prerequisite(review.stages, i)
        if before is not None and stage.due < review.stages[before].due:
            path = ("review", "stages", i, "due")
            other = review.stages[before]
            msg = say(
                "review-stage-dates",
                where=describe(Settings, path, doc.data),
                stage=stage.name,
                due=stage.due.isoformat(),
                before=other.name,
                before_due=other.due.isoformat(),
            )
            found.append(located(doc, path, "review-stage-dates", msg, say("review-stage-dates.hint")))
    found += _check_require(sf, review, names)
    return found


def _check_require(sf: SettingsFile, review: Review, names: list[str]) -> list[Diagnostic]:
    assert sf.doc is not None
    if review.require is None or review.require in names:
        return []
    path = ("review", "require")
    msg = say(
        "review-stage-unknown.require", where=describe(Settings, path, sf.doc.data), name=review.require
    )
    hint = say("ui.hint.choices", allowed=listing(dict.fromkeys(names)))
    return [located(sf.doc, path, "review-stage-unknown", msg, hint)]
