"""Warnings: what a careful reviewer at 区政务办 would question. Each can be waived per item."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date

from zwgk_cli.check.deadlines import Deadline, cites_exception, deadlines
from zwgk_cli.check.repealed import repealed_in
from zwgk_cli.core.catalogue import DomainFile, ItemEntry, item_label, located, split_units
from zwgk_cli.core.diagnostics import Diagnostic, Text, say
from zwgk_cli.core.models import Item
from zwgk_cli.core.source import FieldPath, SourceDocument

CURRENT_REGULATION = "《中华人民共和国政府信息公开条例》（国务院令第711号）"

OTHER_LEVEL = re.compile(
    r"^(?:重庆)?市(?!场)|^(?:省|县|乡|州)|市级|县级|省级|乡级|县（市、区）|县（区）|乡镇人民政府|乡（镇）"
)

# A year in brackets other than 〔〕 followed by a number and 号: 国发[2014]47号, 渝府发（2014）55号 …
_DOC_NUMBER = re.compile(
    r"(?P<open>[\[\(（【﹝〔{［])\s*(?P<year>(?:19|20)\d{2})\s*(?P<close>[\]\)）】﹞〕}］])?\s*(?P<num>第?\d+\s*号)"
)
# 〔2017〕94 with no 号 after the number
_NO_HAO = re.compile(r"〔(?P<year>\d{4})〕(?P<num>\d+)(?![\d号])")
# any bracketed four-digit year of a document number, for the years no document can carry
_DOC_YEAR = re.compile(r"[\[\(（【﹝〔{［]\s*(?P<year>\d{4})\s*[\]\)）】﹞〕}］]\s*第?\d+")
FIRST_YEAR = 1949  # no document of the People's Republic is older


def lint_domain(
    df: DomainFile, levels: list[str] | None = None, published: date | None = None
) -> list[Diagnostic]:
    """Every warning for one domain file; `levels` are the catalogue's own (市级 is at home in a
    city's); `published`, the catalogue's publication date: no document it cites is of a later
    year, and an instrument that had lost force by then is reported."""
    when = published or date.max
    found: list[Diagnostic] = []
    if df.header is not None and not df.items and not _raw_items(df):
        msg = say("domain-empty", domain=df.header.domain)
        found.append(located(df.doc, ("domain",), "domain-empty", msg, say("domain-empty.hint")))
    if df.header is not None and df.header.due is None:
        # at `due:` when it is written empty, else at the domain's name
        data = df.doc.data
        where = ("due",) if isinstance(data, dict) and "due" in data else ("domain",)
        msg = say("due-missing", domain=df.header.domain)
        found.append(
            located(df.doc, where, "due-missing", msg, say("due-missing.hint"), at_key=where == ("due",))
        )
    own = own_level_prefixes(levels or [])
    for entry in df.items:
        if not entry.invalid and _quiet(entry.item, when):
            continue
        found += _lint_item(df, entry, own, when)
    found += _lint_grouping(df)
    return found


def _raw_items(df: DomainFile) -> bool:
    data = df.doc.data
    return isinstance(data, dict) and bool(data.get("items"))


def own_level_prefixes(levels: list[str]) -> tuple[str, ...]:
    """How the catalogue's own levels begin a body's name: 市级 → 市, 乡镇级 → 乡镇, 区级 → 区."""
    return tuple(level.removesuffix("级") for level in levels if level.removesuffix("级"))


# Reports one warning about an item: (path inside the item, code, message, hint).
_Warn = Callable[[FieldPath, str, Text, Text], None]

# The national guidelines' channels that publish to everyone: an item disclosed on request only
# answers the applicant and is not sent out through them.
BROADCAST_CHANNELS = frozenset({"政府网站", "政府公报", "两微一端", "发布会/听证会", "广播电视", "纸质媒体"})

# A list of people (名单, 姓名) who receive social assistance: personal information the disclosure
# regulation (Article 15) keeps off the open web; the 民政部 guideline posts it on notice boards.
# The words that make a text a list of people are 名单 and 姓名 (`_recipient_list` looks for them).
_RECIPIENT_WORDS = (
    "低保",
    "最低生活保障",
    "特困",
    "救助对象",
    "临时救助",
    "困难群众",
    "供养对象",
    "保障对象",
)
ONLINE_CHANNELS = frozenset({"政府网站", "两微一端"})

# The list fields in which a value written twice draws a warning.
_LISTS = ("content", "basis", "channels", "audience", "mode", "levels")


def _lint_item(
    df: DomainFile, entry: ItemEntry, own: tuple[str, ...] = (), when: date = date.max
) -> list[Diagnostic]:
    doc = df.doc
    index, item = entry.index, entry.item
    label = item_label(index, item.id)
    found: list[Diagnostic] = []

    def warn(path: FieldPath, code: str, message: Text, hint: Text) -> None:
        found.append(located(doc, ("items", index, *path), code, message, hint, item_id=item.id))

    if entry.usable("content") and not item.content:
        path: FieldPath = ("content",) if "content" in item.model_fields_set else ()
        warn(path, "content-empty", say("content-empty", item=label), say("content-empty.hint"))
    if entry.usable("basis") and _basis_suspect(item.basis, when):
        for bi, basis in enumerate(item.basis):
            _lint_basis(warn, label, bi, basis, when)
    if entry.usable("subject"):
        _lint_subject(warn, label, item.subject, own)
    if entry.usable("time_limit", "mode"):
        _lint_time_limit(warn, label, item)
    if entry.usable("mode") and item.mode == ["依申请"]:
        _lint_request_public(warn, label, item, entry)
    if entry.usable("channels", "content", "name", "category") and _recipients_online(item):
        what = _recipient_list(item)
        for ci, channel in enumerate(item.channels):
            if channel in ONLINE_CHANNELS:
                msg = say("privacy-recipients", item=label, what=what, channel=channel)
                warn(("channels", ci), "privacy-recipients", msg, say("privacy-recipients.hint"))
    for key in _LISTS:
        if entry.usable(key):
            _lint_repeats(warn, label, key, getattr(item, key))
    return found


def _lint_basis(warn: _Warn, label: Text, bi: int, basis: str, when: date) -> None:
    """One basis entry: complete 《》, document numbers bracketed with 〔〕, ending in 号 and of a
    possible year (1949 to the year of `when`), no instrument that had lost force by `when`."""
    where: FieldPath = ("basis", bi)
    if "《" not in basis or "》" not in basis or basis.count("《") != basis.count("》"):
        msg = say("basis-no-title", item=label, number=bi + 1, basis=basis)
        warn(where, "basis-no-title", msg, say("basis-no-title.hint", regulation=CURRENT_REGULATION))
    for match in _DOC_NUMBER.finditer(basis):
        if match.group("open") == "〔" and match.group("close") == "〕":
            continue
        fixed = f"〔{match.group('year')}〕{match.group('num').replace(' ', '')}"
        msg = say("basis-doc-number", item=label, number=bi + 1, written=match.group(0))
        warn(where, "basis-doc-number", msg, say("basis-doc-number.hint", fixed=fixed))
    for match in _NO_HAO.finditer(basis):
        msg = say("basis-doc-number.no-hao", item=label, number=bi + 1, written=match.group(0))
        warn(where, "basis-doc-number", msg, say("basis-doc-number.hint", fixed=match.group(0) + "号"))
    for match in _DOC_YEAR.finditer(basis):
        year = int(match.group("year"))
        if not FIRST_YEAR <= year <= when.year:
            msg = say("basis-doc-number.year", item=label, number=bi + 1, written=match.group(0), year=year)
            warn(where, "basis-doc-number", msg, say("basis-doc-number.year.hint"))
    for gone in repealed_in(basis, when):
        ended = f"{gone.ended.year} 年 {gone.ended.month} 月 {gone.ended.day} 日"
        msg = say("basis-repealed", item=label, name=gone.name, ended=ended, by=gone.by)
        warn(where, "basis-repealed", msg, say("basis-repealed.hint", cite=gone.cite))


def _lint_subject(warn: _Warn, label: Text, subject: str | dict[str, str], own: tuple[str, ...]) -> None:
    """Units named in another level's wording, unless the catalogue's own levels begin their names."""
    for level, name in _foreign_units(subject):
        if own and name.startswith(own):
            continue
        path: FieldPath = ("subject",) if level is None else ("subject", level)
        msg = say("subject-other-level", item=label, name=name)
        warn(path, "subject-other-level", msg, say("subject-other-level.hint"))


def _lint_repeats(warn: _Warn, label: Text, key: str, values: list[str]) -> None:
    """A value written twice in one of the item's lists."""
    if len(set(values)) == len(values):
        return
    title = Item.model_fields[key].title
    seen: set[str] = set()
    for vi, value in enumerate(values):
        if value in seen:
            msg = say("list-duplicate", item=label, title=title, key=key, value=value)
            warn((key, vi), "list-duplicate", msg, say("list-duplicate.hint"))
        seen.add(value)


def _basis_suspect(basis: list[str], when: date = date.max) -> bool:
    """Whether any basis entry may deserve a warning (see `_basis_entry_suspect`)."""
    # The entries found fine are kept in a set: one C call clears the usual item's whole list.
    fine = _FINE_BASIS.get(when)
    if fine is None:
        fine = _FINE_BASIS[when] = set()
    if fine.issuperset(basis):
        return False
    for entry in basis:
        if entry not in fine:
            if _basis_entry_suspect(entry, when):
                return True
            if len(fine) < _FINE_BASIS_MAX:
                fine.add(entry)
    return False


# Basis entries `_basis_entry_suspect` found fine, by publication date (bounded like its cache).
_FINE_BASIS: dict[date, set[str]] = {}
_FINE_BASIS_MAX = 65536


@functools.lru_cache(maxsize=65536)
def _basis_entry_suspect(basis: str, when: date) -> bool:
    """Whether one basis entry may deserve a warning: incomplete 《》, a repealed decree, a document
    number not bracketed with 〔〕, without 号, or of a year no document can have. Remembered: the
    same laws are cited across thousands of items."""
    if "《" not in basis or "》" not in basis or basis.count("《") != basis.count("》"):
        return True
    if repealed_in(basis, when):
        return True
    if "〔" in basis and _NO_HAO.search(basis):
        return True
    if any(not FIRST_YEAR <= int(m.group("year")) <= when.year for m in _DOC_YEAR.finditer(basis)):
        return True
    return any(m.group("open") != "〔" or m.group("close") != "〕" for m in _DOC_NUMBER.finditer(basis))


def _foreign_units(subject: str | dict[str, str]) -> list[tuple[str | None, str]]:
    """The units of a subject named in another level's or the national template's wording."""
    if isinstance(subject, str):
        return [(None, name) for name in _foreign_names(subject)]
    return [(level, name) for level, text in subject.items() for name in _foreign_names(text)]


@functools.lru_cache(maxsize=4096)
def _foreign_names(text: str) -> tuple[str, ...]:
    # remembered: a few hundred subject texts recur across a whole province's items
    return tuple(name for name in split_units(text) if OTHER_LEVEL.search(name))


def _lint_time_limit(warn: _Warn, label: Text, item: Item) -> None:
    worst, problem = _time_limit_findings(item.time_limit, tuple(item.mode))
    if worst is not None:
        msg = say("time-limit-long", item=label, limit=worst.text)
        warn(("time_limit",), "time-limit-long", msg, say("time-limit-long.hint"))
    if problem is not None:
        variant, limit, cap = problem
        wrong = say(f"time-limit-application.{variant}", limit=limit, cap=cap)
        msg = say("time-limit-application", item=label, problem=wrong)
        warn(("time_limit",), "time-limit-application", msg, say("time-limit-application.hint"))


@functools.lru_cache(maxsize=4096)
def _time_limit_findings(
    text: str, mode: tuple[str, ...]
) -> tuple[Deadline | None, tuple[str, str, int] | None]:
    """What the time-limit checks find: for a proactive item, the longest deadline over 20 working
    days when no exception is cited; for an item disclosed on request only, what is wrong with its
    limit (which message, the limit it quotes, the cap). Remembered: a few hundred time limits recur
    across a province's items."""
    limits = deadlines(text)
    worst: Deadline | None = None
    if "主动" in mode:
        long = [d for d in limits if d.working_days > 20 and "申请" not in text[: text.find(d.text)][-12:]]
        if long and not cites_exception(text):
            worst = max(long, key=lambda d: d.working_days)
    problem: tuple[str, str, int] | None = None
    if mode == ("依申请",):
        cap = 40 if "延长" in text else 20
        over = [d for d in limits if d.working_days > cap]
        if over:
            problem = ("over", over[0].text, cap)
        elif "申请" not in text:
            problem = ("not-from-receipt", text, cap)
    return worst, problem


def _request_public(item: Item) -> bool:
    """Whether an item disclosed on request only lists a channel that publishes to everyone, or
    the audience 全社会."""
    return item.mode == ["依申请"] and (
        "全社会" in item.audience or not BROADCAST_CHANNELS.isdisjoint(item.channels)
    )


def _lint_request_public(warn: _Warn, label: Text, item: Item, entry: ItemEntry) -> None:
    """An item disclosed on request only answers the applicant: no channel publishing to
    everyone, no audience 全社会 (unless it is published proactively too)."""
    if entry.usable("channels"):
        for ci, channel in enumerate(item.channels):
            if channel in BROADCAST_CHANNELS:
                msg = say("request-public.channel", item=label, channel=channel)
                warn(("channels", ci), "request-public", msg, say("request-public.channel.hint"))
    if entry.usable("audience") and "全社会" in item.audience:
        at = item.audience.index("全社会")
        msg = say("request-public.audience", item=label)
        warn(("audience", at), "request-public", msg, say("request-public.audience.hint"))


def _recipient_list(item: Item) -> str:
    """The name or content element that makes the item a list of people ('' if none)."""
    for text in (item.name, *item.content):
        if "名单" in text or "姓名" in text:  # asked of every item published online
            return text
    return ""


def _recipients_online(item: Item) -> bool:
    """Whether the item publishes a list of assistance recipients through an online channel."""
    if ONLINE_CHANNELS.isdisjoint(item.channels) or not _recipient_list(item):
        return False
    text = "".join((item.category, item.name, *item.content))
    return any(word in text for word in _RECIPIENT_WORDS)


def _quiet(item: Item, when: date = date.max) -> bool:
    """Whether an item whose fields all validated certainly draws no warning: the common case,
    settled without building any message. Anything less than certain goes to `_lint_item`."""
    # Written out, cheapest tests first: a province asks this of 100,000 items.
    content = item.content
    if not content or len(set(content)) != len(content):
        return False
    basis = item.basis
    if _basis_suspect(basis, when) or len(set(basis)) != len(basis):
        return False
    subject = item.subject
    if _foreign_names(subject) if isinstance(subject, str) else any(map(_foreign_names, subject.values())):
        return False
    mode = item.mode
    if _time_limit_findings(item.time_limit, tuple(mode)) != _NO_FINDINGS:
        return False
    if _request_public(item):
        return False
    channels, audience = item.channels, item.audience
    if not ONLINE_CHANNELS.isdisjoint(channels):
        # a list of people names itself so (`_recipient_list`): one search of the joined texts
        # settles most items, the ones that may be such a list are asked in full
        text = "".join((item.name, *content))
        if ("名单" in text or "姓名" in text) and _recipients_online(item):
            return False
    levels = item.levels
    # no value twice (these lists mostly hold one value: no set needed for those)
    return (
        (len(channels) < 2 or len(set(channels)) == len(channels))
        and (len(audience) < 2 or len(set(audience)) == len(audience))
        and (len(mode) < 2 or len(set(mode)) == len(mode))
        and (len(levels) < 2 or len(set(levels)) == len(levels))
    )


_NO_FINDINGS = (None, None)


def _lint_grouping(df: DomainFile) -> list[Diagnostic]:
    """Same 一级+二级 twice; an 一级事项 interrupted by another (its cell could not be merged)."""
    found: list[Diagnostic] = []
    doc = df.doc
    pairs: dict[tuple[str, str], tuple[int, Item]] = {}
    run_start: dict[str, int] = {}
    previous: str | None = None
    for entry in df.items:
        index, item = entry.index, entry.item
        if entry.invalid and not entry.usable("category", "name"):
            previous = None
            continue
        category = item.category
        key = (category, item.name)
        first = pairs.get(key)
        if first is None:
            pairs[key] = (index, item)
        # the same matter published at other levels by its own row (a 村（居） row beside the 镇街
        # one) is no duplicate: village.check_mirrors compares their content instead
        elif not entry.usable("levels") or set(first[1].levels) & set(item.levels):
            found.append(_item_duplicate(doc, index, item, *first))
        else:
            pairs[key] = (index, item)
        if category != previous:
            if item.category in run_start:
                msg = say("category-split", category=item.category, number=run_start[item.category] + 1)
                where = ("items", index, "category")
                hint = say("category-split.hint")
                found.append(located(doc, where, "category-split", msg, hint, item_id=item.id))
            else:
                run_start[item.category] = index
        previous = category
    return found


def _item_duplicate(doc: SourceDocument, index: int, item: Item, first_index: int, first: Item) -> Diagnostic:
    """An item with the same 一级 and 二级事项 as an earlier one."""
    line = doc.value_pos(("items", first_index, "name")).line
    msg = say(
        "item-duplicate",
        item=item_label(index, item.id),
        number=first_index + 1,
        other=first.id,
        line=line,
        category=item.category,
        name=item.name,
    )
    hint = say("item-duplicate.hint")
    return located(doc, ("items", index, "name"), "item-duplicate", msg, hint, item_id=item.id)
