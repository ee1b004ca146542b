"""The difference as people read it: words for each change, Markdown for a pull request, JSON for tools.

The terminal (rich) and HTML renderings use the same wording from here.
"""

from __future__ import annotations

from typing import Any

from zwgk_cli.core.diagnostics import say
from zwgk_cli.core.inert_text import markdown_text
from zwgk_cli.core.models import to_json
from zwgk_cli.history.changes import CatalogueDiff, DomainChanges, FieldChange, ItemChange
from zwgk_cli.render.rows import chinese_numeral
from zwgk_cli.render.visible import plain_json_bytes, visible, visible_data

DIFF_JSON_VERSION = 1

COUNT_WORDS: dict[str, str] = {
    "added": "新增",
    "removed": "删除",
    "changed": "修改",
    "moved_in": "移入",
    "moved_out": "移出",
    "renumbered": "重新编号",
}


def display(value: Any) -> str:
    """A field value in one line: lists joined with 、, level maps as 区级：…；镇街：…."""
    if value is None:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        if not value:
            return "（空）"
        return "、".join(display(v) if not isinstance(v, str) else v for v in value)
    if isinstance(value, dict):
        if set(value) == {"code", "reason"}:
            return f"{value['code']}：{value['reason']}"
        return "；".join(f"{k}：{display(v)}" for k, v in value.items())
    return str(value)


def incomplete_lines(diff: CatalogueDiff) -> list[str]:
    """For each version compared despite its errors: that it had errors, which files, and which of
    them could not be read at all (the warning a published change report must carry)."""
    lines: list[str] = []
    for side in diff.incomplete:
        files = "、".join(side.files) or "—"
        lines.append(say("ui.changes.incomplete", label=side.label, errors=side.errors, files=files).zh)
        if side.unreadable:
            lines.append(say("ui.changes.unreadable", files="、".join(side.unreadable)).zh)
    return lines


def domain_summary(domain: DomainChanges) -> str:
    """新增 N 项 · 删除 N 项 · 修改 N 项 (and moves or renumberings when there are any)."""
    counts = domain.counts()
    parts = [f"{COUNT_WORDS[k]} {counts[k]} 项" for k in ("added", "removed", "changed")]
    parts += [
        f"{COUNT_WORDS[k]} {counts[k]} 项" for k in ("moved_in", "moved_out", "renumbered") if counts[k]
    ]
    return " · ".join(parts)


def domain_heading(domain: DomainChanges) -> str:
    """（五）社会救助 (shjz), with 新增/删除 for a whole domain file."""
    number = f"（{chinese_numeral(domain.order)}）" if domain.order else ""
    state = {"added": "（新增领域）", "removed": "（删除领域）", "kept": ""}[domain.status]
    return f"{number}{domain.name} ({domain.slug}){state}"


def item_title(change: ItemChange) -> str:
    """一级事项 · 二级事项."""
    return " · ".join(part for part in (change.category, change.name) if part)


def item_verb(change: ItemChange, slug: str) -> str:
    """What happened to the item, seen from domain `slug`."""
    if change.kind == "renumbered":
        if change.old_domain != change.new_domain:
            return "移入并重新编号" if change.new_domain == slug else "移出并重新编号"
        return "重新编号"
    if change.kind == "moved":
        return "移入" if change.new_domain == slug else "移出"
    return COUNT_WORDS[change.kind]


def origin_note(change: ItemChange) -> str:
    """For a claimed item, the upstream item it claims and whether the change came from there."""
    if change.claims is None:
        return ""
    # the upstream item's title only when the district renamed it: the same words twice say nothing
    title = change.upstream_title if change.upstream_title != item_title(change) else ""
    parent = f"{change.claims} {title}".strip()
    return say(f"ui.history.origin.{change.origin}", parent=parent).zh


def field_label(change: FieldChange) -> str:
    """The field's title (and key), marked when the change came from the upstream catalogue."""
    label = f"{change.title} ({change.key})" if change.title != change.key else change.key
    return label + field_origin(change)


def field_origin(change: FieldChange) -> str:
    """（上级目录调整） for a change that reached a claimed item from the upstream catalogue."""
    return say("ui.history.origin.field").zh if change.origin == "upstream" else ""


def item_description(change: ItemChange, slug: str, names: dict[str, str]) -> str:
    """The item's id(s), title, the upstream item it claims, and where it came from or went, seen
    from domain `slug`."""
    ident = f"{change.old_id} → {change.id}" if change.old_id else change.id
    line = f"{ident} {item_title(change)}{origin_note(change)}"
    if change.kind in ("moved", "renumbered") and change.old_domain != change.new_domain:
        if change.new_domain == slug and change.old_domain:
            line += f"（原属 {names.get(change.old_domain, change.old_domain)}）"
        elif change.new_domain:
            line += f"（移到 {names.get(change.new_domain, change.new_domain)}）"
    if change.kind == "renumbered":
        line += "（内容未变，可能是重新编号）" if not change.fields else "（可能是重新编号）"
    return line


def shows_fields(change: ItemChange, slug: str) -> bool:
    """Field changes are listed once, under the domain the item is in now."""
    return change.new_domain == slug or change.new_domain is None


def field_line(change: FieldChange) -> str:
    """One line for a field change: old → new, or the list elements added and removed."""
    label = field_label(change)
    if change.added or change.removed:
        parts = []
        if change.added:
            parts.append("增加 " + "、".join(f"“{display(v)}”" for v in change.added))
        if change.removed:
            parts.append("删除 " + "、".join(f"“{display(v)}”" for v in change.removed))
        return f"{label}：" + "；".join(parts)
    if change.reordered_only:
        return f"{label}：顺序调整为 “{display(change.new)}”"
    return f"{label}：“{display(change.old)}” → “{display(change.new)}”"


def overall_line(diff: CatalogueDiff) -> str:
    """The whole comparison in one sentence."""
    totals = diff.totals()
    words = {
        "added": "新增",
        "removed": "删除",
        "changed": "修改",
        "moved": "跨领域移动",
        "renumbered": "重新编号",
    }
    parts = [f"{words[k]} {totals[k]} 项" for k in ("added", "removed", "changed")]
    parts += [f"{words[k]} {totals[k]} 项" for k in ("moved", "renumbered") if totals[k]]
    if not diff.has_changes:
        return "两个版本的目录内容相同（格式、注释、键的顺序不算变化）。"
    return (
        "事项"
        + "，".join(parts)
        + f"；涉及 {len(diff.changed_domains())} 个领域"
        + ("，设置（zwgk.yaml）也有变化。" if diff.settings else "。")
    )


def md(text: str) -> str:
    """Text that Markdown shows as written (no links, emphasis, HTML, table breaks or @mentions)."""
    return markdown_text(visible(text))


def render_markdown(diff: CatalogueDiff) -> str:
    """For a pull-request comment: a summary table, then each domain's changes."""
    names = {d.slug: d.name for d in diff.domains}
    out = [f"## 目录调整说明：{md(diff.old_label)} → {md(diff.new_label)}", ""]
    for line in incomplete_lines(diff):
        out += [f"> **{md(line)}**", ""]
    out += [md(overall_line(diff)), ""]
    changed = diff.changed_domains()
    if changed:
        out += ["| 序号 | 领域 | 新增 | 删除 | 修改 | 其他 |", "|---:|---|---:|---:|---:|---|"]
        for domain in changed:
            counts = domain.counts()
            other = [
                f"{COUNT_WORDS[k]} {counts[k]}" for k in ("moved_in", "moved_out", "renumbered") if counts[k]
            ]
            if domain.reordered:
                other.append("顺序调整")
            if domain.header:
                other.append("表头信息")
            if domain.status != "kept":
                other.append("新增领域" if domain.status == "added" else "删除领域")
            out.append(
                f"| {domain.order or ''} | {md(domain.name)} | {counts['added']} | {counts['removed']} | "
                f"{counts['changed']} | {md('、'.join(other))} |"
            )
        out.append("")
    for domain in changed:
        out += [f"### {md(domain_heading(domain))}", "", f"{domain_summary(domain)}", ""]
        for header_change in domain.header:
            out.append(f"- 表头 {md(field_line(header_change))}")
        for change in domain.items:
            out.append(
                f"- **{md(item_verb(change, domain.slug))}** {md(item_description(change, domain.slug, names))}"
            )
            if shows_fields(change, domain.slug):
                for field_change in change.fields:
                    out.append(f"  - {md(field_line(field_change))}")
        if domain.reordered:
            out.append("- 事项顺序有调整（次要变化）")
        out.append("")
    if diff.settings:
        out += ["### 设置 (zwgk.yaml)", ""]
        out += [f"- {md(field_line(change))}" for change in diff.settings]
        out.append("")
    if diff.notes:
        out += ["### 说明", ""] + [f"- {md(note)}" for note in diff.notes] + [""]
    return "\n".join(out).rstrip("\n") + "\n"


def _field_json(change: FieldChange) -> dict[str, Any]:
    return {
        "key": change.key,
        "title": change.title,
        "old": change.old,
        "new": change.new,
        "added": list(change.added),
        "removed": list(change.removed),
        "origin": change.origin,
    }


def diff_data(diff: CatalogueDiff) -> dict[str, Any]:
    """The difference as plain data (``--format json``; see README)."""
    return {
        "version": DIFF_JSON_VERSION,
        "old": diff.old_label,
        "new": diff.new_label,
        "changed": diff.has_changes,
        "summary": diff.totals(),
        "settings": [_field_json(c) for c in diff.settings],
        "domains": [
            {
                "slug": d.slug,
                "name": d.name,
                "order": d.order,
                "status": d.status,
                "counts": d.counts(),
                "reordered": d.reordered,
                "header": [_field_json(c) for c in d.header],
                "items": [
                    {
                        "kind": c.kind,
                        "id": c.id,
                        "old_id": c.old_id,
                        "old_domain": c.old_domain,
                        "new_domain": c.new_domain,
                        "category": c.category,
                        "name": c.name,
                        "origin": c.origin,
                        "upstream": (
                            {"id": c.claims, "title": c.upstream_title} if c.claims is not None else None
                        ),
                        "fields": [_field_json(f) for f in c.fields],
                    }
                    for c in d.items
                ],
            }
            for d in diff.changed_domains()
        ],
        "notes": diff.notes,
    }


def render_json(diff: CatalogueDiff) -> str:
    """The diff as indented JSON: what json.dumps(…, ensure_ascii=False, indent=2, default=str) gives
    (a test compares them), written by pydantic in Rust (json.dumps indents in pure Python)."""
    return json_document(diff).decode("utf-8") + "\n"


def json_document(diff: CatalogueDiff) -> bytes:
    """`render_json`'s text in UTF-8 as pydantic writes it, without the final line end: a province's
    difference runs to tens of megabytes, which the command writes out with no copy made."""
    # Written first as it is and looked at whole: only a difference whose text holds a character
    # `visible` writes out (rare) is walked value by value and written again.
    data = diff_data(diff)
    written = to_json(data, indent=2, fallback=str)
    if not plain_json_bytes(written):
        written = to_json(visible_data(data), indent=2, fallback=str)
    return written
