"""The 审查意见书: the letter 区政务办 sends a domain's lead unit through the 政务内网, one Word
document per domain (`zwgk review --format docx -o FOLDER`).

What it says, in the order a 公文 would: the title, the unit it is addressed to (主送), what was
reviewed (the stage reached, the day, the content fingerprint, 覆盖度 and 规范度 with the six
classes), then 一、the reviewers' opinions, 二、the problems `zwgk validate` finds in the domain,
三、what happens next; the office and the day sign it. Every word comes from the message catalogue;
the opinions, reasons and notes are written as they stand in the review record, as plain text.
The page itself (fonts, margins, page numbers, reproducible bytes) is `letter_page`.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject

from zwgk_cli.core.diagnostics import Diagnostic, Lang, Text, say
from zwgk_cli.core.models import Item, field_title
from zwgk_cli.core.review_models import Opinion
from zwgk_cli.render.rows import day_text
from zwgk_cli.review.dashboard import Dashboard
from zwgk_cli.review.data import class_label, percent
from zwgk_cli.review.letter_page import (
    FLUSH_STYLE,
    HEADING_STYLE,
    NOTE_STYLE,
    TITLE_STYLE,
    letter_bytes,
    new_letter,
    paragraph,
    signature,
)
from zwgk_cli.review.scorecard import CLASSES
from zwgk_cli.review.status import DomainStatus

_STATUS_KEYS = {"未处理": "open", "已修改": "changed", "不采纳": "declined"}


def letter_name(row: DomainStatus) -> str:
    """The letter's file name: the domain's slug, `aqsc.docx`."""
    return f"{row.slug}.docx"


def letter_docx(board: Dashboard, row: DomainStatus, lang: Lang) -> bytes:
    """The 审查意见书 on domain `row` of `board`, as a .docx file's bytes (the same every time)."""
    doc = new_letter(lang)
    title = say("ui.review.letter.title", title=board.domain_title(row)).get(lang)
    paragraph(doc, title, style=TITLE_STYLE)
    if board.settings.example:
        paragraph(doc, say("ui.review.letter.example").get(lang), style=NOTE_STYLE)
    paragraph(doc, say("ui.review.letter.to", lead=row.lead).get(lang), style=FLUSH_STYLE)
    paragraph(doc, _intro(board, row, lang))
    paragraph(doc, say("ui.review.letter.opinions").get(lang), style=HEADING_STYLE)
    _opinions(doc, board, row, lang)
    paragraph(doc, say("ui.review.letter.findings").get(lang), style=HEADING_STYLE)
    _findings(doc, board, row, lang)
    paragraph(doc, say("ui.review.letter.next").get(lang), style=HEADING_STYLE)
    _next_steps(doc, board, row, lang)
    signature(doc, board.office, day_text(board.as_of, lang))
    return letter_bytes(doc, day=board.as_of, title=title, author=board.office, lang=lang)


def _intro(board: Dashboard, row: DomainStatus, lang: Lang) -> str:
    """What was reviewed, where the domain stands, and its scores."""
    if row.reached is not None and row.reached_stage is not None:
        progress = say(
            "ui.review.letter.progress.reached",
            stage=row.reached_stage.name,
            date=day_text(row.reached.date, lang),
            by=row.reached.by,
        )
    else:
        progress = say("ui.review.letter.progress.none")
    score = row.score
    classes = (
        say("ui.review.letter.separator")
        .get(lang)
        .join(
            say(
                "ui.review.letter.class", label=class_label(c.key), share=percent(score.share(c.key) * 100)
            ).get(lang)
            for c in CLASSES
        )
    )
    return say(
        "ui.review.letter.intro",
        title=board.domain_title(row),
        office=board.office,
        date=day_text(board.as_of, lang),
        fingerprint=row.fingerprint or say("ui.review.letter.intro.no-fingerprint"),
        progress=progress,
        coverage=_measured(score.coverage),
        conformity=_measured(score.conformity),
        classes=classes,
    ).get(lang)


def _measured(value: float | None) -> str | Text:
    return say("ui.review.letter.unmeasured") if value is None else percent(value)


def _target(board: Dashboard, item: str | None) -> Text:
    """一级事项“…”二级事项“…”（id）, or 整个领域."""
    if item is None:
        return say("ui.review.letter.whole-domain")
    known = board.items.get(item)
    if known is None:
        return say("ui.review.letter.item.unknown", id=item)
    category, name = known
    return say("ui.review.letter.item", category=category, name=name, id=item)


def _field(key: str | None) -> Text | str:
    """的公开时限（time_limit）: the field's Chinese title and its key."""
    if key is None:
        return ""
    title = field_title(Item, key)
    if title is None:
        return say("ui.review.letter.field.untitled", key=key)
    return say("ui.review.letter.field", title=title, key=key)


def _opinions(doc: DocumentObject, board: Dashboard, row: DomainStatus, lang: Lang) -> None:
    """一、the opinions of the review record, numbered as the record numbers them."""
    if not row.opinions:
        paragraph(doc, say("ui.review.letter.opinions.none").get(lang))
    for number, opinion in row.opinions:
        head = say(
            "ui.review.letter.opinion",
            number=number,
            target=_target(board, opinion.item),
            field=_field(opinion.field),
            by=opinion.by,
            date=day_text(opinion.date, lang),
            stage=say("ui.review.letter.stage", stage=opinion.stage) if opinion.stage else "",
        )
        paragraph(doc, head.get(lang), opinion.text, *_status(opinion, lang))


def _status(opinion: Opinion, lang: Lang) -> list[str]:
    """（处理情况：未处理）, or with the reason a 不采纳 gives, written as it stands."""
    status = say(f"ui.review.letter.status.{_STATUS_KEYS[opinion.status]}")
    if opinion.status == "不采纳" and opinion.reason:
        return [
            say("ui.review.letter.status.reason", status=status).get(lang),
            opinion.reason,
            say("ui.review.letter.status.close").get(lang),
        ]
    return [say("ui.review.letter.status", status=status).get(lang)]


def _findings(doc: DocumentObject, board: Dashboard, row: DomainStatus, lang: Lang) -> None:
    """二、what `zwgk validate` reports on the domain (errors and unwaived warnings)."""
    findings = board.findings.get(row.slug, [])
    if not findings:
        paragraph(doc, say("ui.review.letter.findings.none").get(lang))
    for number, finding in enumerate(findings, start=1):
        parts = [_where(board, number, finding).get(lang), finding.message.get(lang)]
        if finding.hint is not None:
            parts.append(say("ui.review.letter.finding.hint", hint=finding.hint).get(lang))
        severity = say("ui.report.error" if finding.severity == "error" else "ui.report.warning")
        parts.append(say("ui.review.letter.finding.code", severity=severity, code=finding.code).get(lang))
        paragraph(doc, *parts)


def _where(board: Dashboard, number: int, finding: Diagnostic) -> Text:
    """The item a finding is about, else its file and line (the file's name only: the letter
    leaves the reviewer's machine, and its bytes must not depend on where the catalogue sits)."""
    if finding.item_id is not None:
        return say("ui.review.letter.finding", number=number, where=_target(board, finding.item_id))
    if finding.file is None:
        return say("ui.review.letter.finding.plain", number=number)
    if finding.line is None:
        return say("ui.review.letter.finding", number=number, where=finding.file.name)
    where = say("ui.review.letter.finding.line", file=finding.file.name, line=finding.line)
    return say("ui.review.letter.finding", number=number, where=where)


def _next_steps(doc: DocumentObject, board: Dashboard, row: DomainStatus, lang: Lang) -> None:
    """三、re-review after an edit, the next stage with its due date and who acts, or done."""
    for passed in row.stale:
        paragraph(
            doc,
            say(
                "ui.review.letter.next.stale",
                date=day_text(passed.date, lang),
                stage=passed.stage,
                old=passed.fingerprint or "—",
                new=row.fingerprint or "—",
            ).get(lang),
        )
    if row.returned is not None:
        returned = say(
            "ui.review.letter.next.returned",
            date=day_text(row.returned.date, lang),
            stage=row.returned.stage,
            by=row.returned.by,
        ).get(lang)
        if row.returned.note:
            note = say("ui.review.letter.next.returned-note").get(lang)
            paragraph(doc, returned, note, row.returned.note, say("ui.review.letter.status.close").get(lang))
        else:
            paragraph(doc, returned)
    if row.open_opinions:
        paragraph(doc, say("ui.review.letter.next.opinions", count=len(row.open_opinions)).get(lang))
    if board.findings.get(row.slug):
        paragraph(doc, say("ui.review.letter.next.findings").get(lang))
    stage = row.next_stage
    if stage is not None:
        stage_note: Text | str = say("ui.review.letter.next.note", note=stage.note) if stage.note else ""
        parts = [
            say(
                "ui.review.letter.next.stage",
                actor=stage.actor,
                due=day_text(stage.due, lang),
                stage=stage.name,
                note=stage_note,
            )
        ]
        if row.overdue:
            parts.append(say("ui.review.letter.next.overdue", days=row.overdue_days))
        paragraph(doc, "".join(part.get(lang) for part in parts))
    elif row.reached is not None and row.reached_stage is not None:
        paragraph(
            doc,
            say(
                "ui.review.letter.next.done",
                stage=row.reached_stage.name,
                date=day_text(row.reached.date, lang),
            ).get(lang),
        )
