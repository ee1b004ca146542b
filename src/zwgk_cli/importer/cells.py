"""Reading the text of one table cell the way offices write it.

Lists are split at “、”, “；”, line ends, bullets and numbering (“1.” “（2）” “③”), never inside
brackets (“识别程序（农户申请、民主评议）” stays one element); 公开依据 is split at line ends and
between one citation and the next (“》、《”); √ cells accept every mark offices and Word leave
behind; a 公开渠道和载体 checklist keeps the checked entries (■ ☑ √ ▲, and Word's leaked ``R``/``t``)
and drops the unchecked ones (□ ☐ and ``£``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# √ and everything a tick turns into: check marks, filled boxes, and the letters a Wingdings
# checkbox leaks as when a Word table is converted (t, R, £; ü þ Ö from other symbol fonts).
TICK_MARKS = "√✓✔☑☒■●▲tR£üþÖ"
NOT_TICKED = {"×", "✗", "✘", "☐", "□", "○", "否", "无", "/", "／", "-", "－", "—", "——", "不公开"}
CHECKED = "■☑☒√✓✔▲●"
UNCHECKED = "□☐○"
_LEAKED_CHECKED = "Rt"  # Wingdings leaks before a channel name
_LEAKED_UNCHECKED = "£"
SAME_AS_ABOVE = {"同上", "同上。", "同上；", "同 上"}

_OPEN = "（(《〈“‘[【〔「"
_CLOSE = "）)》〉”’]】〕」"
_LIST_SEPARATORS = "、；;\n"
_BULLETS = "●•·▪◆◇○►▶-"
_CJK = re.compile(r"[\u3400-\u9fff]")


def one_line(text: str, joiner: str = "") -> str:
    """The cell's lines stripped and joined (names, 一级事项): “最低生活\\n保障” → “最低生活保障”."""
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n")]
    return joiner.join(line for line in lines if line)


def time_limit_text(text: str) -> str:
    """公开时限 on one line: lines ending without punctuation are joined with “；”."""
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]
    out = ""
    for line in lines:
        if out and out[-1] not in "；;，,。：:":
            out += "；"
        out += line
    return out


def is_same_as_above(text: str) -> bool:
    """Whether the cell says “同上” (repeat the cell above)."""
    return re.sub(r"\s+", "", text) in SAME_AS_ABOVE or text.strip() in SAME_AS_ABOVE


@dataclass(frozen=True, slots=True)
class Tick:
    """A √ cell read: `ticked` is None when the text is neither a mark nor blank."""

    ticked: bool | None
    note: str | None = None


def parse_tick(text: str) -> Tick:
    """“√” → ticked; blank or “×” → not; “√（面向…）” → ticked with the note “面向…”."""
    value = text.strip()
    if not value or value in NOT_TICKED:
        return Tick(False)
    if value[0] not in TICK_MARKS:
        return Tick(None)
    if value[0] in "tR£üþÖ" and len(value) > 1 and not _is_note_start(value[1]):
        return Tick(None)  # a word starting with t or R, not a leaked checkbox
    rest = value.lstrip(TICK_MARKS + " \u3000").strip()
    if not rest:
        return Tick(True)
    if rest[0] in "（(" and rest[-1] in "）)":
        rest = rest[1:-1].strip()
    return Tick(True, rest or None)


def _is_note_start(ch: str) -> bool:
    return ch in "（( \u3000" or ch in TICK_MARKS or bool(_CJK.match(ch))


def _split_depth0(text: str, separators: str) -> list[str]:
    """Split at `separators` outside brackets; unbalanced brackets are ignored."""
    depth = 0
    balanced = _balanced(text)
    parts: list[str] = []
    current: list[str] = []
    for ch in text:
        if balanced and ch in _OPEN:
            depth += 1
        elif balanced and ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


_NUMBER_STYLES: list[tuple[str, str]] = [
    (r"(?<![\d.．])1[.．、](?!\d)", r"(?<![\d.．]){n}[.．、](?!\d)"),
    (r"[（(]1[）)]", r"[（(]{n}[）)]"),
    (r"(?<![\d.．])1[）)]", r"(?<![\d.．（(]){n}[）)]"),
]
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def split_numbering(text: str) -> list[str]:
    """Split “1.申请条件 2.申请材料” or “①…②…” at its numbers, found in sequence (1, 2, 3 …)."""
    # numbers are looked for one after the other, so “第711号” or “20个工作日” never split a text
    stripped = text.lstrip()
    for first, template in _NUMBER_STYLES:
        match = re.match(first, stripped)
        if not match:
            continue
        pieces: list[str] = []
        position = match.end()
        number = 2
        while True:
            following = re.compile(template.format(n=number)).search(stripped, position)
            if following is None:
                pieces.append(stripped[position:])
                return pieces
            pieces.append(stripped[position : following.start()])
            position = following.end()
            number += 1
    if stripped.startswith("①"):
        return [p for p in re.split(f"[{_CIRCLED}]", stripped) if p.strip()]
    return [text]


def _clean(piece: str) -> str:
    piece = piece.strip().strip("\u3000")
    while piece and piece[0] in _BULLETS and len(piece) > 1:
        piece = piece[1:].strip()
    return piece.rstrip("；;，,。、 \u3000").strip()


def split_list(text: str) -> list[str]:
    """公开内容: split at 、；; line ends, bullets and numbering, not inside brackets."""
    out: list[str] = []
    for line in text.replace("\r", "\n").split("\n"):
        for bullet in re.split(r"[●•▪◆◇►▶]", line):
            for numbered in split_numbering(bullet):
                for piece in _split_depth0(numbered, _LIST_SEPARATORS):
                    cleaned = _clean(piece)
                    if cleaned:
                        out.append(cleaned)
    return out


def split_basis(text: str) -> list[str]:
    """公开依据: one citation per line, or several on a line split between “》” and “《”."""
    out: list[str] = []
    for line in text.replace("\r", "\n").split("\n"):
        for numbered in split_numbering(line):
            for piece in _split_citations(numbered):
                cleaned = _clean(piece)
                if cleaned:
                    out.append(cleaned)
    return out


def _split_citations(text: str) -> list[str]:
    """Split before a “《” that follows a finished citation (“…》《”, “…）、《”, “…第十条；《”)."""
    parts: list[str] = []
    current = ""
    depth = 0
    balanced = _balanced(text)
    for ch in text:
        if ch == "《" and depth == 0 and current.strip():
            tail = current.rstrip(" \u3000")
            stripped = tail.rstrip("、，,；;。")
            separated = len(stripped) < len(tail)
            if stripped and (separated or stripped[-1] in "》）)"):
                parts.append(stripped)
                current = ""
        if balanced and ch in _OPEN:
            depth += 1
        elif balanced and ch in _CLOSE:
            depth = max(0, depth - 1)
        current += ch
    parts.append(current)
    return parts


def split_units(text: str) -> list[str]:
    """公开主体 units: split at 、，,；; / line ends and spaces, not inside brackets."""
    out: list[str] = []
    for piece in _split_depth0(text.replace("\r", "\n"), "、，,；;/／\n \u3000"):
        cleaned = _clean(piece)
        if cleaned and cleaned not in out:
            out.append(cleaned)
    return out


@dataclass(frozen=True, slots=True)
class ChannelEntry:
    """One entry of a 公开渠道和载体 cell: its text and whether it is checked."""

    text: str
    checked: bool


def split_channels(text: str) -> list[ChannelEntry]:
    """“■政府网站 □政府公报 ■两微一端” → the entries with their check state."""
    # An entry without a mark is checked (a cell listing only the chosen channels). Word's leaked
    # R/t before a Chinese name count as checked, £ as unchecked.
    marked = re.sub(f"([{CHECKED}{UNCHECKED}])", r"\n\1", text)
    marked = re.sub(
        rf"(^|[\s、，,；;])([{_LEAKED_CHECKED}{_LEAKED_UNCHECKED}])(?=[\u3400-\u9fff])", r"\1\n\2", marked
    )
    entries: list[ChannelEntry] = []
    for piece in _split_depth0(marked, "、，,；;\n \u3000\t"):
        value = piece.strip()
        if not value:
            continue
        checked = True
        if value[0] in UNCHECKED or value[0] in _LEAKED_UNCHECKED:
            checked = False
            value = value[1:]
        elif value[0] in CHECKED or (value[0] in _LEAKED_CHECKED and len(value) > 1 and _CJK.match(value[1])):
            value = value[1:]
        value = value.strip(" \u3000：:")
        if value:
            entries.append(ChannelEntry(value, checked))
    return entries


def channel_key(name: str) -> str:
    """A spelling-insensitive key: “发布会听证会” and “发布会/听证会” match."""
    return re.sub(r"[\s/／、·()（）\-—_]", "", name)


def level_tier(label: str) -> str | None:
    """Which tier a 公开层级 label means: city, county, town or village (None when unclear)."""
    # 县级, 区级, 区县级 → county; 乡级, 镇街, 镇（街）级, 乡、村级 → town; 市级 → city; 村级 → village
    key = re.sub(r"[\s（）()、级]", "", label)
    if not key:
        return None
    if re.search(r"[乡镇街]", key):
        return "town"
    if re.search(r"[县区旗]", key):
        return "county"
    if re.search(r"村|社区|居", key):
        return "village"
    if key[0] in "市州盟":
        return "city"
    if key[0] == "省":
        return "province"
    return None
