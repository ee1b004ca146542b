"""Warnings: what a careful reviewer at 区政务办 would question. Each can be waived per item."""

from __future__ import annotations

import functools
import re

from zwgk_cli.check.deadlines import Deadline, cites_exception, deadlines
from zwgk_cli.core.catalogue import DomainFile, ItemEntry, item_label, located, split_units
from zwgk_cli.core.diagnostics import Diagnostic, Text
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
_REPEALED = re.compile(r"国务院令\s*第?\s*492\s*号|国令\s*第?\s*492\s*号|2007\s*年.{0,6}政府信息公开条例")


def lint_domain(df: DomainFile, levels: list[str] | None = None) -> list[Diagnostic]:
    """Every warning for one domain file; `levels` are the catalogue's own (市级 bodies are at home in
    a city catalogue)."""
    found: list[Diagnostic] = []
    if df.header is not None and not df.items and not _raw_items(df):
        msg = Text(
            f"领域“{df.header.domain}”还没有任何事项 (items)。",
            f"domain '{df.header.domain}' has no items yet.",
        )
        hint = Text(
            "按标准指引认领、增补本领域的公开事项。", "claim and add this domain's items from the guideline."
        )
        found.append(located(df.doc, ("domain",), "domain-empty", msg, hint))
    own = own_level_prefixes(levels or [])
    for entry in df.items:
        if not entry.invalid and _quiet(entry.item):
            continue
        found += _lint_item(df, entry, own)
    found += _lint_grouping(df)
    return found


def _raw_items(df: DomainFile) -> bool:
    data = df.doc.data
    return isinstance(data, dict) and bool(data.get("items"))


def own_level_prefixes(levels: list[str]) -> tuple[str, ...]:
    """How the catalogue's own levels begin a body's name: 市级 → 市, 乡镇级 → 乡镇, 区级 → 区."""
    return tuple(level.removesuffix("级") for level in levels if level.removesuffix("级"))


def _lint_item(df: DomainFile, entry: ItemEntry, own: tuple[str, ...] = ()) -> list[Diagnostic]:
    doc = df.doc
    index, item = entry.index, entry.item
    base: FieldPath = ("items", index)
    labels = item_label(index, item.id)
    label, label_en = labels.zh, labels.en
    found: list[Diagnostic] = []

    def warn(path: FieldPath, code: str, zh: str, en: str, hint: Text | None = None) -> None:
        found.append(located(doc, (*base, *path), code, Text(zh, en), hint, item_id=item.id))

    if entry.usable("content") and not item.content:
        warn(
            ("content",) if "content" in item.model_fields_set else (),
            "content-empty",
            f"{label}的公开内容（要素）(content) 为空。",
            f"{label_en} has no disclosure content.",
            Text(
                "列出公开的具体要素，如 [办理条件, 申请材料, 办理流程]。",
                "list the elements, e.g. [办理条件, 申请材料, 办理流程].",
            ),
        )
    for bi, basis in enumerate(item.basis if entry.usable("basis") and _basis_suspect(item.basis) else []):
        if "《" not in basis or "》" not in basis or basis.count("《") != basis.count("》"):
            warn(
                ("basis", bi),
                "basis-no-title",
                f"{label}的公开依据 (basis) 第 {bi + 1} 项“{basis}”没有完整的书名号《》。",
                f"{label_en}: basis entry {bi + 1} '{basis}' lacks complete title marks 《》.",
                Text(
                    "写出文件全称并加书名号，如 " + CURRENT_REGULATION,
                    "cite the full title in 《》, e.g. " + CURRENT_REGULATION,
                ),
            )
        for match in _DOC_NUMBER.finditer(basis):
            if match.group("open") == "〔" and match.group("close") == "〕":
                continue
            fixed = f"〔{match.group('year')}〕{match.group('num').replace(' ', '')}"
            warn(
                ("basis", bi),
                "basis-doc-number",
                f"{label}的公开依据 (basis) 第 {bi + 1} 项中的文号“{match.group(0)}”括号不规范，年份应使用六角括号〔〕。",
                f"{label_en}: document number '{match.group(0)}' in basis entry {bi + 1} should bracket the year with 〔〕.",
                Text(f"改为“{fixed}”。", f"write '{fixed}'."),
            )
        if _REPEALED.search(basis):
            warn(
                ("basis", bi),
                "basis-repealed",
                f"{label}引用的是 2007 年版《政府信息公开条例》（国务院令第492号），它已于 2019 年 5 月 15 日被修订后的条例取代。",
                f"{label_en} cites the 2007 regulation (Decree 492), superseded on 2019-05-15.",
                Text(
                    f"改为 {CURRENT_REGULATION}，并核对条款序号（2019 年修订后条款已重新编号）。",
                    f"cite {CURRENT_REGULATION} and re-check article numbers (renumbered in 2019).",
                ),
            )
    for level, name in _foreign_units(item.subject) if entry.usable("subject") else []:
        if not (own and name.startswith(own)):
            path: FieldPath = ("subject",) if level is None else ("subject", level)
            warn(
                path,
                "subject-other-level",
                f"{label}的公开主体 (subject)“{name}”是其他层级或全国模板的表述，不是本区的单位。",
                f"{label_en}: subject '{name}' names another level's body or the national template's wording.",
                Text(
                    "改为本区负责公开的单位，如 区民政局、各镇人民政府（街道办事处），并在 zwgk.yaml 的单位名录中登记。",
                    "name the district body that discloses it, e.g. 区民政局 or 各镇人民政府（街道办事处）.",
                ),
            )
    if entry.usable("time_limit", "mode"):
        found += _lint_time_limit(doc, base, label, label_en, item)
    for key in ("content", "basis", "channels", "audience", "mode", "levels"):
        if not entry.usable(key):
            continue
        values: list[str] = list(getattr(item, key))
        if len(set(values)) == len(values):
            continue
        seen: set[str] = set()
        for vi, value in enumerate(values):
            if value in seen:
                title = Item.model_fields[key].title
                warn(
                    (key, vi),
                    "list-duplicate",
                    f"{label}的 {title} ({key}) 中“{value}”写了两次。",
                    f"{label_en}: '{value}' appears twice in {key} ({title}).",
                    Text("删除重复的一项。", "remove the repeated entry."),
                )
            seen.add(value)
    return found


def _basis_suspect(basis: list[str]) -> bool:
    """Whether any basis entry may deserve a warning (see `_basis_entry_suspect`)."""
    return any(map(_basis_entry_suspect, basis))


@functools.lru_cache(maxsize=65536)
def _basis_entry_suspect(basis: str) -> bool:
    """Whether one basis entry may deserve a warning: incomplete 《》, a repealed decree, a document
    number not bracketed with 〔〕. Remembered: the same laws are cited across thousands of items."""
    if "《" not in basis or "》" not in basis or basis.count("《") != basis.count("》"):
        return True
    if ("492" in basis or "2007" in basis) and _REPEALED.search(basis):  # every form names one
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


def _lint_time_limit(
    doc: SourceDocument, base: FieldPath, label: str, label_en: str, item: Item
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    worst, problem = _time_limit_findings(item.time_limit, tuple(item.mode))
    if worst is not None:
        found.append(
            located(
                doc,
                (*base, "time_limit"),
                "time-limit-long",
                Text(
                    f"{label}主动公开，时限“{worst.text}”超过《中华人民共和国政府信息公开条例》第二十六条的 20 个工作日，"
                    "且没有写明例外依据。",
                    f"{label_en} is proactive and its limit '{worst.text}' exceeds the 20 working days of Article 26 "
                    "without naming the exception.",
                ),
                Text(
                    "缩短为“信息形成或者变更之日起20个工作日内”；若法律、法规另有规定，在时限中写明依据，"
                    "如“……，法律、法规另有规定的，从其规定”。",
                    "shorten it to 20 working days, or name the law that allows more in the time limit.",
                ),
                item_id=item.id,
            )
        )
    if problem is not None:
        problem_zh, problem_en = problem
        found.append(
            located(
                doc,
                (*base, "time_limit"),
                "time-limit-application",
                Text(
                    f"{label}只依申请公开，但{problem_zh}，与《中华人民共和国政府信息公开条例》第三十三条不符"
                    "（当场答复，或自收到申请之日起20个工作日内答复，延长不超过20个工作日）。",
                    f"{label_en} is disclosed on request only, but {problem_en}, contrary to Article 33 "
                    "(answer at once, or within 20 working days of receipt, extendable by at most 20).",
                ),
                Text("写作“自收到申请之日起20个工作日内”。", "write 自收到申请之日起20个工作日内."),
                item_id=item.id,
            )
        )
    return found


@functools.lru_cache(maxsize=4096)
def _time_limit_findings(text: str, mode: tuple[str, ...]) -> tuple[Deadline | None, tuple[str, str] | None]:
    """What the time-limit checks find: for a proactive item, the longest deadline over 20 working
    days when no exception is cited; for an item disclosed on request only, what is wrong with its
    limit (zh, en). Remembered: a few hundred time limits recur across a province's items."""
    limits = deadlines(text)
    worst: Deadline | None = None
    if "主动" in mode:
        long = [d for d in limits if d.working_days > 20 and "申请" not in text[: text.find(d.text)][-12:]]
        if long and not cites_exception(text):
            worst = max(long, key=lambda d: d.working_days)
    problem: tuple[str, str] | None = None
    if mode == ("依申请",):
        cap = 40 if "延长" in text else 20
        over = [d for d in limits if d.working_days > cap]
        if over:
            problem = (
                f"时限“{over[0].text}”超过了 {cap} 个工作日",
                f"its limit '{over[0].text}' exceeds {cap} working days",
            )
        elif "申请" not in text:
            problem = (
                f"时限“{text}”没有从收到申请之日起计算",
                f"its limit '{text}' does not count from receipt of the request",
            )
    return worst, problem


def _quiet(item: Item) -> bool:
    """Whether an item whose fields all validated certainly draws no warning: the common case,
    settled without building any message. Anything less than certain goes to `_lint_item`."""
    return (
        bool(item.content)
        and not _basis_suspect(item.basis)
        and not _foreign_units(item.subject)
        and _time_limit_findings(item.time_limit, tuple(item.mode)) == (None, None)
        and all(
            len(set(values)) == len(values)
            for values in (item.content, item.basis, item.channels, item.audience, item.mode, item.levels)
        )
    )


def _lint_grouping(df: DomainFile) -> list[Diagnostic]:
    """Same 一级+二级 twice; an 一级事项 interrupted by another (its cell could not be merged)."""
    found: list[Diagnostic] = []
    doc = df.doc
    pairs: dict[tuple[str, str], tuple[int, Item]] = {}
    run_start: dict[str, int] = {}
    previous: str | None = None
    for entry in df.items:
        index, item = entry.index, entry.item
        if not entry.usable("category", "name"):
            previous = None
            continue
        key = (item.category, item.name)
        first = pairs.get(key)
        if first is not None:
            line = doc.value_pos(("items", first[0], "name")).line
            found.append(
                located(
                    doc,
                    ("items", index, "name"),
                    "item-duplicate",
                    Text(
                        f"{item_label(index, item.id).zh}与第 {first[0] + 1} 个事项（{first[1].id}，第 {line} 行）"
                        f"的一级事项“{item.category}”、二级事项“{item.name}”完全相同。",
                        f"{item_label(index, item.id).en} repeats the category '{item.category}' and name '{item.name}' "
                        f"of item {first[0] + 1} ({first[1].id}, line {line}).",
                    ),
                    Text(
                        "合并这两个事项，或把二级事项名称写得更具体。",
                        "merge the two items, or name them more precisely.",
                    ),
                    item_id=item.id,
                )
            )
        else:
            pairs[key] = (index, item)
        if item.category != previous:
            if item.category in run_start:
                first_index = run_start[item.category]
                found.append(
                    located(
                        doc,
                        ("items", index, "category"),
                        "category-split",
                        Text(
                            f"一级事项“{item.category}”在第 {first_index + 1} 个事项处已经出现过，中间隔着其他一级事项；"
                            "发布的表格中它的单元格无法合并。",
                            f"category '{item.category}' already started at item {first_index + 1} and is interrupted by "
                            "another category, so its cell cannot be merged in the published table.",
                        ),
                        Text("把同一一级事项下的事项排在一起。", "keep the items of one category together."),
                        item_id=item.id,
                    )
                )
            else:
                run_start[item.category] = index
        previous = item.category
    return found
