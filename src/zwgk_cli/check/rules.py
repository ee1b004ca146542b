"""Rules that span files: the registry, vocabularies, ids, slugs, order and required domains."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from urllib.parse import urlsplit

from zwgk_cli.check.lints import OTHER_LEVEL
from zwgk_cli.core.catalogue import (
    RESERVED_SLUGS,
    DomainFile,
    SettingsFile,
    item_id_at,
    item_label,
    located,
    split_units,
    subject_units,
)
from zwgk_cli.core.codes import CODES, WAIVABLE
from zwgk_cli.core.diagnostics import Diagnostic, Text
from zwgk_cli.core.models import Item, Settings
from zwgk_cli.core.source import FieldPath, SourceDocument
from zwgk_cli.core.wording import describe, root_model


def check_settings(sf: SettingsFile) -> list[Diagnostic]:
    """Duplicates in zwgk.yaml's lists, unit registry consistency, groups, not-applicable domains."""
    settings, doc = sf.settings, sf.doc
    if settings is None or doc is None:
        return []
    found: list[Diagnostic] = []
    for key in ("levels", "channels", "domains"):
        found += _repeats(doc, (key,), getattr(settings, key), "vocabulary-duplicate")
    found += _repeats(doc, ("units",), [u.name for u in settings.units], "unit-duplicate", field="name")
    found += _repeats(doc, ("units",), [u.slug for u in settings.units], "unit-duplicate", field="slug")
    unit_names = {u.name for u in settings.units}
    for gi, group in enumerate(settings.groups):
        if group.name in unit_names:
            msg = Text(
                f"单位组名称“{group.name}”与单位名录中的单位重名。",
                f"group name '{group.name}' is also a unit's name.",
            )
            found.append(located(doc, ("groups", gi, "name"), "unit-duplicate", msg))
        if not group.members and not group.kinds:
            where = describe(Settings, ("groups", gi), doc.data)
            msg = Text(
                f"{where.zh} 既没有 members 也没有 kinds，不包含任何单位。",
                f"{where.en} has neither members nor kinds: it holds no unit.",
            )
            found.append(located(doc, ("groups", gi), "field-empty", msg))
        for mi, member in enumerate(group.members):
            if member not in unit_names:
                found.append(
                    _unknown_unit(
                        doc, ("groups", gi, "members", mi), member, settings, code="group-member-unknown"
                    )
                )
    domains = set(settings.domains)
    for ni, na in enumerate(settings.not_applicable):
        if na.domain not in domains:
            where = describe(Settings, ("not_applicable", ni, "domain"), doc.data)
            msg = Text(
                f"{where.zh} “{na.domain}”不在应编制领域 (domains) 中。",
                f"{where.en} '{na.domain}' is not among the required domains.",
            )
            found.append(
                located(
                    doc,
                    ("not_applicable", ni, "domain"),
                    "domain-unknown",
                    msg,
                    _choices(na.domain, settings.domains),
                )
            )
    return found


def check_domains(sf: SettingsFile, files: list[DomainFile]) -> list[Diagnostic]:
    """Slugs, domain names, order, required domains, and ids across all files."""
    found: list[Diagnostic] = []
    settings = sf.settings
    by_name: dict[str, DomainFile] = {}
    orders: dict[int, DomainFile] = {}
    known = registered_names(settings) if settings is not None else frozenset()
    for df in files:
        header, doc = df.header, df.doc
        found += _check_slug(df)
        if header is None:
            continue
        if settings is not None:
            not_applicable = {na.domain for na in settings.not_applicable}
            if header.domain not in settings.domains:
                msg = Text(
                    f"领域名称 (domain)“{header.domain}”不在 zwgk.yaml 的应编制领域 (domains) 中。",
                    f"domain '{header.domain}' is not listed in zwgk.yaml's domains.",
                )
                found.append(
                    located(
                        doc, ("domain",), "domain-unknown", msg, _choices(header.domain, settings.domains)
                    )
                )
            elif header.domain in not_applicable:
                msg = Text(
                    f"领域“{header.domain}”在 zwgk.yaml 中声明为未涉及 (not_applicable)，却仍有这个目录文件。",
                    f"domain '{header.domain}' is declared not applicable in zwgk.yaml but still has this file.",
                )
                hint = Text(
                    "删除这个文件，或从 zwgk.yaml 的 not_applicable 中去掉该领域。",
                    "delete this file, or remove the domain from not_applicable in zwgk.yaml.",
                )
                found.append(located(doc, ("domain",), "domain-not-applicable", msg, hint))
            for ref_path, name in _header_units(header.lead, header.partners):
                if name not in known:
                    found.append(_unknown_unit(doc, ref_path, name, settings))
        first = by_name.get(header.domain)
        if first is not None:
            msg = Text(
                f"领域“{header.domain}”已由 {first.doc.path.name} 编制，一个领域只能有一个文件。",
                f"domain '{header.domain}' is already compiled in {first.doc.path.name}; one file per domain.",
            )
            found.append(located(doc, ("domain",), "domain-duplicate", msg))
        else:
            by_name[header.domain] = df
        other = orders.get(header.order)
        if other is not None and other.header is not None:
            msg = Text(
                f"序号 (order) {header.order} 已被 {other.doc.path.name}（{other.header.domain}）使用。",
                f"order {header.order} is already used by {other.doc.path.name} ({other.header.domain}).",
            )
            hint = Text(
                "每个领域的序号唯一，从 1 开始连续编号。",
                "each domain has its own order, numbered 1, 2, 3 … without gaps.",
            )
            found.append(located(doc, ("order",), "order-duplicate", msg, hint))
        else:
            orders[header.order] = df
    if all(df.header is not None for df in files):
        found += _order_gaps(orders, settings)  # a file whose header failed may hold the missing number
    if settings is not None and sf.doc is not None:
        claimed = {claim for df in files if (claim := df.claimed_domain()) is not None}
        found += _missing_domains(sf.doc, settings, claimed)
    found += _duplicate_ids(files)
    return found


def check_items(sf: SettingsFile, df: DomainFile) -> list[Diagnostic]:
    """Per-item rules: id prefix, vocabularies, units, audience note, link, waivers."""
    found: list[Diagnostic] = []
    settings = sf.settings
    doc = df.doc
    slug = df.header.slug if df.header is not None else df.slug
    prefix = f"{slug}-"
    known = registered_names(settings) if settings is not None else frozenset()
    channels = frozenset(settings.channels) if settings is not None else frozenset()
    levels = frozenset(settings.levels) if settings is not None else frozenset()
    fine: dict[str, bool] = {}  # subject text → names only registered units (or other levels')
    for entry in df.items:
        index, item = entry.index, entry.item
        base: FieldPath = ("items", index)
        if entry.usable("id") and not item.id.startswith(prefix):
            msg = Text(
                f"第 {index + 1} 个事项的编号 (id)“{item.id}”应以本领域的 slug“{slug}-”开头。",
                f"item {index + 1}: id '{item.id}' should start with the domain slug '{slug}-'.",
            )
            hint = Text(f"例如 {slug}-{index + 1:03d}。", f"e.g. {slug}-{index + 1:03d}.")
            found.append(located(doc, (*base, "id"), "id-prefix", msg, hint, item_id=item.id))
        if (
            entry.usable("audience_note", "audience")
            and item.audience_note is not None
            and "特定群体" not in item.audience
        ):
            msg = Text(
                f"{item_label(index, item.id).zh}写了特定群体说明 (audience_note)，但公开对象 (audience) 没有勾选“特定群体”。",
                f"{item_label(index, item.id).en} has an audience_note but its audience lacks 特定群体.",
            )
            hint = Text(
                "在 audience 中加上 特定群体，或删除 audience_note。",
                "add 特定群体 to audience, or drop audience_note.",
            )
            found.append(located(doc, (*base, "audience_note"), "audience-note", msg, hint, item_id=item.id))
        if entry.usable("link") and item.link is not None:
            found += _check_link(doc, base, index, item)
        if item.waivers and entry.usable("waivers"):
            found += _check_waivers(doc, base, index, item)
        if settings is None:
            continue
        if entry.usable("channels") and not channels.issuperset(item.channels):
            found += _check_vocab(doc, base, index, item, "channels", settings.channels, "channel-unknown")
        if entry.usable("levels") and not levels.issuperset(item.levels):
            found += _check_vocab(doc, base, index, item, "levels", settings.levels, "level-unknown")
        if entry.usable("subject") and not _subject_fine(item, known, fine):
            found += _check_subject(
                doc, base, index, item, settings, known, check_levels=entry.usable("levels")
            )
    return found


# ---------------------------------------------------------------------------------------------


def _check_slug(df: DomainFile) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    doc, header = df.doc, df.header
    stem = df.slug
    if header is not None and header.slug != stem:
        msg = Text(
            f"领域代码 (slug)“{header.slug}”与文件名“{doc.path.name}”不一致。",
            f"slug '{header.slug}' differs from the file name '{doc.path.name}'.",
        )
        hint = Text(
            f"把文件改名为 {header.slug}.yaml，或把 slug 改为 {stem}。",
            f"rename the file to {header.slug}.yaml, or set slug: {stem}.",
        )
        found.append(located(doc, ("slug",), "slug-filename", msg, hint))
    for candidate in {stem.lower(), header.slug if header else stem}:
        if candidate in RESERVED_SLUGS:
            msg = Text(
                f"“{candidate}”是保留名称（输出文件或 Windows 设备名），不能作为领域代码 (slug)。",
                f"'{candidate}' is reserved (an output name or a Windows device name) and cannot be a slug.",
            )
            hint = Text("换一个拼音缩写，如 zdjsxm。", "choose another pinyin abbreviation, e.g. zdjsxm.")
            path: FieldPath = ("slug",) if header is not None else ()
            found.append(located(doc, path, "slug-reserved", msg, hint))
    return found


def _order_gaps(orders: dict[int, DomainFile], settings: Settings | None) -> list[Diagnostic]:
    """Orders run 1..N without gaps: N is the number of required domains (a missing or
    not-applicable domain keeps its number), or, without settings, the number of files."""
    if not orders:
        return []
    total = len(settings.domains) if settings is not None else len(orders)
    if settings is None:
        missing = sorted(set(range(1, total + 1)) - set(orders))
        gaps_zh = f"，缺少 {'、'.join(str(n) for n in missing)}"
        gaps_en = f"; missing {', '.join(str(n) for n in missing)}"
    else:
        gaps_zh = gaps_en = ""
    found: list[Diagnostic] = []
    for number in sorted(n for n in orders if n > total):
        df = orders[number]
        msg = Text(
            f"序号 (order) {number} 超出了 1–{total}：{total} 个领域的序号应从 1 起连续编号{gaps_zh}。",
            f"order {number} is outside 1–{total}: {total} domains are numbered from 1 without gaps{gaps_en}.",
        )
        found.append(located(df.doc, ("order",), "order-gap", msg))
    return found


def _missing_domains(doc: SourceDocument, settings: Settings, present: set[str]) -> list[Diagnostic]:
    not_applicable = {na.domain for na in settings.not_applicable}
    found: list[Diagnostic] = []
    for index, name in enumerate(settings.domains):
        if name in present or name in not_applicable:
            continue
        msg = Text(
            f"应编制领域“{name}”没有对应的目录文件，也没有在 not_applicable 中说明未涉及的原因。",
            f"required domain '{name}' has no file and is not declared not applicable.",
        )
        hint = Text(
            f"新建该领域的 YAML 文件；若本地区未涉及，在 zwgk.yaml 的 not_applicable 中写明：- {{domain: {name}, reason: …}}",
            f"create the domain's YAML file, or declare it under not_applicable: - {{domain: {name}, reason: …}}",
        )
        found.append(located(doc, ("domains", index), "domain-missing", msg, hint))
    return found


def _duplicate_ids(files: list[DomainFile]) -> list[Diagnostic]:
    seen: dict[str, list[tuple[DomainFile, int]]] = {}
    for df in files:
        for entry in df.items:
            if entry.usable("id"):
                seen.setdefault(entry.item.id, []).append((df, entry.index))
    found: list[Diagnostic] = []
    for ident, places in seen.items():
        if len(places) < 2:
            continue
        for df, index in places:
            others = [
                f"{o.doc.path.name}:{o.doc.value_pos(('items', oi, 'id')).line}"
                for o, oi in places
                if (o, oi) != (df, index)
            ]
            where = "、".join(others)
            msg = Text(
                f"事项编号“{ident}”重复：{where} 也使用了它。编号在整个目录中必须唯一（diff 按编号比对版本）。",
                f"item id '{ident}' is also used at {', '.join(others)}; ids are unique across the catalogue.",
            )
            hint = Text(
                "给其中一个事项换一个新编号（不要复用已删除事项的编号）。",
                "give one of them a new id (never reuse a removed item's id).",
            )
            found.append(located(df.doc, ("items", index, "id"), "id-duplicate", msg, hint, item_id=ident))
    return found


def _header_units(lead: str, partners: list[str]) -> Iterable[tuple[FieldPath, str]]:
    yield ("lead",), lead
    for i, p in enumerate(partners):
        yield ("partners", i), p


def registered_names(settings: Settings) -> frozenset[str]:
    """The names of the registered units and groups."""
    return frozenset([u.name for u in settings.units] + [g.name for g in settings.groups])


def _unknown_unit(
    doc: SourceDocument, path: FieldPath, name: str, settings: Settings, *, code: str = "unit-unknown"
) -> Diagnostic:
    is_settings = doc.path.name in ("zwgk.yaml", "zwgk.yml")
    where = describe(root_model(is_settings), path, doc.data)
    msg = Text(
        f"{where.zh} 中的“{name}”不在 zwgk.yaml 的单位名录 (units) 或单位组 (groups) 中。",
        f"'{name}' in {where.en} is not in zwgk.yaml's units or groups.",
    )
    names = [u.name for u in settings.units] + [g.name for g in settings.groups]
    by_place = [u.name for u in settings.units if u.place == name]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    if by_place:
        hint = Text(f"单位名称应写“{by_place[0]}”。", f"the unit is called '{by_place[0]}'.")
    elif any(sep in name for sep in ("，", ",", "；", ";", "/", " ")):
        hint = Text("多个单位之间用顿号“、”分隔。", "separate several units with '、'.")
    elif close:
        hint = Text(f"是否要写“{close[0]}”？", f"did you mean '{close[0]}'?")
    else:
        hint = Text(
            "先在 zwgk.yaml 的 units 中登记该单位。", "register the unit under units in zwgk.yaml first."
        )
    item_id = item_id_at(doc, path)
    return located(doc, path, code, msg, hint, item_id=item_id)


def _check_vocab(
    doc: SourceDocument, base: FieldPath, index: int, item: Item, key: str, allowed: list[str], code: str
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    values: list[str] = getattr(item, key)
    title = "公开渠道和载体" if key == "channels" else "公开层级"
    for vi, value in enumerate(values):
        if value in allowed:
            continue
        msg = Text(
            f"{item_label(index, item.id).zh}的 {title} ({key}) 中的“{value}”不在 zwgk.yaml 的 {key} 列表中。",
            f"{item_label(index, item.id).en}: {key} ({title}) '{value}' is not in zwgk.yaml's {key}.",
        )
        found.append(located(doc, (*base, key, vi), code, msg, _choices(value, allowed), item_id=item.id))
    return found


def _subject_fine(item: Item, known: frozenset[str], fine: dict[str, bool]) -> bool:
    """Whether `_check_subject` certainly finds nothing: every name in the subject is registered
    (or another level's, which a lint reports) and a subject given per level uses the item's
    levels. `fine` remembers the verdict per text: a few hundred subjects recur across thousands
    of items."""
    subject = item.subject
    texts = [subject] if isinstance(subject, str) else list(subject.values())
    if isinstance(subject, dict) and not all(level in item.levels for level in subject):
        return False
    for text in texts:
        verdict = fine.get(text)
        if verdict is None:
            verdict = all(name in known or OTHER_LEVEL.search(name) for name in split_units(text))
            fine[text] = verdict
        if not verdict:
            return False
    return True


def _check_subject(
    doc: SourceDocument,
    base: FieldPath,
    index: int,
    item: Item,
    settings: Settings,
    known: frozenset[str],
    *,
    check_levels: bool,
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    subject = item.subject
    for level, name in subject_units(subject):
        path: FieldPath = (*base, "subject") if level is None else (*base, "subject", level)
        if name not in known and not OTHER_LEVEL.search(name):
            found.append(_unknown_unit(doc, path, name, settings))
    if isinstance(subject, dict) and check_levels:
        for level in subject:
            if level not in item.levels:
                msg = Text(
                    f"{item_label(index, item.id).zh}的公开主体 (subject) 按层级“{level}”填写，"
                    f"但该事项的公开层级 (levels) 是 {'、'.join(item.levels)}。",
                    f"{item_label(index, item.id).en} gives a subject for level '{level}', "
                    f"but its levels are {', '.join(item.levels)}.",
                )
                hint = Text(
                    f"层级只能是：{'、'.join(item.levels)}。",
                    f"levels allowed here: {', '.join(item.levels)}.",
                )
                found.append(
                    located(
                        doc,
                        (*base, "subject", level),
                        "subject-level",
                        msg,
                        hint,
                        item_id=item.id,
                        at_key=True,
                    )
                )
    return found


def _check_link(doc: SourceDocument, base: FieldPath, index: int, item: Item) -> list[Diagnostic]:
    link = item.link or ""
    parts = urlsplit(link)
    if parts.scheme in ("http", "https") and parts.netloc and not any(c.isspace() for c in link):
        return []
    msg = Text(
        f"{item_label(index, item.id).zh}的链接 (link)“{link}”不是 http:// 或 https:// 开头的网址。",
        f"{item_label(index, item.id).en}: link '{link}' is not an http:// or https:// address.",
    )
    hint = Text(
        "写完整的网址，如 https://www.ybq.gov.cn/…", "write a full address such as https://www.ybq.gov.cn/…"
    )
    return [located(doc, (*base, "link"), "link-scheme", msg, hint, item_id=item.id)]


def _check_waivers(doc: SourceDocument, base: FieldPath, index: int, item: Item) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for wi, waiver in enumerate(item.waivers):
        if waiver.code in WAIVABLE:
            continue
        if waiver.code in CODES:
            msg = Text(
                f"{item_label(index, item.id).zh}豁免了“{waiver.code}”，但它是错误，不能豁免，只能改正。",
                f"{item_label(index, item.id).en} waives '{waiver.code}', which is an error: errors cannot be waived.",
            )
            hint = None
        else:
            msg = Text(
                f"{item_label(index, item.id).zh}豁免的代码“{waiver.code}”不存在。",
                f"{item_label(index, item.id).en} waives '{waiver.code}', which is not a code.",
            )
            hint = _choices(waiver.code, sorted(WAIVABLE))
        found.append(
            located(doc, (*base, "waivers", wi, "code"), "waiver-invalid", msg, hint, item_id=item.id)
        )
    return found


def _repeats(
    doc: SourceDocument, base: FieldPath, values: list[str], code: str, *, field: str | None = None
) -> list[Diagnostic]:
    first: dict[str, int] = {}
    found: list[Diagnostic] = []
    for i, value in enumerate(values):
        if value in first:
            path: FieldPath = (*base, i, field) if field else (*base, i)
            where = describe(root_model(True), path, doc.data)
            line = doc.value_pos((*base, first[value], field) if field else (*base, first[value])).line
            msg = Text(
                f"{where.zh} “{value}”重复：第 {line} 行已有。",
                f"{where.en} '{value}' is repeated: already at line {line}.",
            )
            found.append(located(doc, path, code, msg))
        else:
            first[value] = i
    return found


def _choices(value: str, allowed: list[str]) -> Text:
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.4)
    listed = "、".join(allowed)
    if close:
        return Text(
            f"是否要写“{close[0]}”？可选值：{listed}。",
            f"did you mean '{close[0]}'? Allowed: {', '.join(allowed)}.",
        )
    return Text(f"可选值：{listed}。", f"allowed: {', '.join(allowed)}.")
