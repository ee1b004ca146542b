"""Recognising a catalogue table: where its header is and what each column holds.

Offices spell the header many ways (research notes §1): 公开事项 over 一级事项/二级事项, 一级/二级 or
一级目录/二级目录; 公开内容, 公开内容（要素）, 公开内容要素; 公开对象 over 全社会 and 特定群众/特定群体/
特定对象; 公开方式 over 主动(公开) and 依申请(公开)/申请; 公开层级 over any level labels. Extra columns
(三级事项, 事项类型, 所属领域, 序号 …) are recognised or reported. One sheet may hold several tables,
each with a title row above its header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zwgk_cli.importer.readers import Cell, SourceTable

# field keys a column can hold
CATEGORY = "category"
NAME = "name"
THIRD = "third"
CONTENT = "content"
BASIS = "basis"
TIME_LIMIT = "time_limit"
SUBJECT = "subject"
CHANNELS = "channels"
AUDIENCE_ALL = "audience_all"
AUDIENCE_SPECIAL = "audience_special"
AUDIENCE_TEXT = "audience_text"
MODE_ACTIVE = "mode_active"
MODE_REQUEST = "mode_request"
MODE_TEXT = "mode_text"
LEVEL = "level"
LEVELS_TEXT = "levels_text"
DOMAIN = "domain"
LINK = "link"
NUMBER = "number"
IGNORED = "ignored"

_GROUP_ITEMS = "items"
_GROUP_AUDIENCE = "audience"
_GROUP_MODE = "mode"
_GROUP_LEVELS = "levels"

# normalised header text → field or group
_TOP: list[tuple[str, str]] = [
    (r"序号|编号|序", NUMBER),
    (r"公开事项|事项|事项名称|公开事项名称", _GROUP_ITEMS),
    (r"一级(事项|目录|事项名称)?", CATEGORY),
    (r"二级(事项|目录|事项名称)?", NAME),
    (r"三级(事项|目录|事项名称)?", THIRD),
    (r"公开(的)?内容(（要素）|要素|（要素）及要求|及要求)?|公开要素|内容", CONTENT),
    (r"公开依据|依据|政策依据", BASIS),
    (r"公开时限|时限", TIME_LIMIT),
    (r"公开(责任)?主体|责任主体|主体", SUBJECT),
    (r"公开渠道(和|及|与)?载体|公开渠道|公开载体|渠道(和|及)?载体|公开途径", CHANNELS),
    (r"公开对象", _GROUP_AUDIENCE),
    (r"公开方式", _GROUP_MODE),
    (r"公开层级|层级", _GROUP_LEVELS),
    (r"所属领域|领域|领域名称", DOMAIN),
    (r"链接|网址|公开网址|链接地址", LINK),
]
_SUB: dict[str, list[tuple[str, str]]] = {
    _GROUP_ITEMS: [
        (r"一级(事项|目录|事项名称)?", CATEGORY),
        (r"二级(事项|目录|事项名称)?", NAME),
        (r"三级(事项|目录|事项名称)?", THIRD),
    ],
    _GROUP_AUDIENCE: [
        (r"全社会|社会公众|全体社会", AUDIENCE_ALL),
        (r"特定(群众|群体|对象)", AUDIENCE_SPECIAL),
    ],
    _GROUP_MODE: [(r"主动(公开)?", MODE_ACTIVE), (r"(依)?申请(公开)?", MODE_REQUEST)],
}
_GROUPS = (_GROUP_ITEMS, _GROUP_AUDIENCE, _GROUP_MODE, _GROUP_LEVELS)
_TEXT_FIELD = {_GROUP_AUDIENCE: AUDIENCE_TEXT, _GROUP_MODE: MODE_TEXT, _GROUP_LEVELS: LEVELS_TEXT}


def header_key(text: str) -> str:
    """Header text without spaces, line ends, stars and colons; brackets made full-width."""
    key = re.sub(r"[\s*＊:：]", "", text)
    return key.replace("(", "（").replace(")", "）")


def _match(patterns: list[tuple[str, str]], key: str) -> str | None:
    for pattern, target in patterns:
        if re.fullmatch(pattern, key):
            return target
    return None


@dataclass(frozen=True, slots=True)
class Column:
    """One recognised column: its field, the level label (level columns) and its header cell."""

    index: int
    field: str
    header: Cell
    label: str = ""


@dataclass(slots=True)
class Layout:
    """A table's header: the rows it takes and its columns, plus what could not be recognised."""

    top: int
    height: int
    columns: list[Column]
    ignored: list[Column] = field(default_factory=list)

    @property
    def first_data_row(self) -> int:
        """Index of the first row below the header."""
        return self.top + self.height

    def of(self, key: str) -> list[Column]:
        """The columns holding field `key`."""
        return [c for c in self.columns if c.field == key]

    def has(self, key: str) -> bool:
        """Whether some column holds field `key`."""
        return any(c.field == key for c in self.columns)


def _score(row: list[Cell]) -> int:
    seen: set[str] = set()
    score = 0
    for cell in row:
        if cell.origin in seen:
            continue
        seen.add(cell.origin)
        target = _match(_TOP, header_key(cell.text))
        if target is not None and target != NUMBER:
            score += 1
    return score


def is_header_row(row: list[Cell]) -> bool:
    """Whether `row` looks like the (top) header row of a catalogue table."""
    return _score(row) >= 4


def find_headers(table: SourceTable) -> list[int]:
    """Row indexes where a catalogue table's header starts (a sheet may hold several tables)."""
    found: list[int] = []
    index = 0
    while index < len(table.rows):
        if is_header_row(table.rows[index]):
            found.append(index)
            index += 2
        else:
            index += 1
    return found


def _sub_key(top_group: str | None, key: str) -> str | None:
    if top_group in _SUB:
        return _match(_SUB[top_group], key)
    return None


def _spans(head: list[Cell], tops: list[str | None], index: int) -> bool:
    """Whether the group header at `index` covers more than one column (merged, or followed by blanks)."""
    start = index
    while start > 0 and head[start - 1].origin == head[index].origin:
        start -= 1
    following = start + 1
    while following < len(head) and head[following].origin == head[start].origin:
        following += 1
    if following - start > 1:
        return True
    return following < len(head) and not head[following].text.strip() and tops[following] is None


def read_layout(table: SourceTable, top: int) -> Layout:
    """The columns of the table whose header starts at row `top`."""
    head = table.rows[top]
    below = table.rows[top + 1] if top + 1 < len(table.rows) else []
    tops = [_match(_TOP, header_key(cell.text)) for cell in head]
    two_rows = False
    for index, cell in enumerate(below):
        group = tops[index] if index < len(tops) else None
        key = header_key(cell.text)
        if not key or cell.origin == head[index].origin:
            continue
        if group == _GROUP_ITEMS or (group is None and _match(_SUB[_GROUP_ITEMS], key) is not None):
            two_rows = _match(_SUB[_GROUP_ITEMS], key) is not None
        elif group in (_GROUP_AUDIENCE, _GROUP_MODE) and _spans(head, tops, index):
            two_rows = _sub_key(group, key) is not None
        elif group == _GROUP_LEVELS and _spans(head, tops, index):
            two_rows = not re.search(r"[、，,/／；;]", key)
        if two_rows:
            break
    if two_rows:
        # a flattened header leaves the group's other columns blank: they belong to the group on their left
        for index in range(1, len(tops)):
            blank = tops[index] is None and not header_key(head[index].text)
            if blank and tops[index - 1] in _GROUPS and index < len(below) and header_key(below[index].text):
                tops[index] = tops[index - 1]
    columns: list[Column] = []
    ignored: list[Column] = []
    previous: tuple[str, str] | None = None
    for index, cell in enumerate(head):
        sub = below[index] if two_rows and index < len(below) else None
        identity = (cell.origin, sub.origin if sub is not None else "")
        if identity == previous:
            continue  # a merged header cell spanning two columns names one field
        previous = identity
        group = tops[index]
        sub_key = header_key(sub.text) if sub is not None and sub.origin != cell.origin else ""
        header = sub if sub is not None and sub_key else cell
        if not header_key(cell.text) and not sub_key:
            if any(
                row[index].text.strip()
                for row in table.rows[top + (2 if two_rows else 1) :]
                if index < len(row)
            ):
                ignored.append(Column(index, IGNORED, cell))
            continue
        target: str | None
        label = ""
        if group in (_GROUP_ITEMS, _GROUP_AUDIENCE, _GROUP_MODE):
            target = _sub_key(group, sub_key) if sub_key else _TEXT_FIELD.get(group, NAME)
        elif group == _GROUP_LEVELS:
            if sub_key:
                target, label = LEVEL, re.sub(r"\s+", "", sub.text if sub is not None else "")
            else:
                target = LEVELS_TEXT
        elif group is None and sub_key:
            target = _match(_SUB[_GROUP_ITEMS], sub_key) or _match(_TOP, sub_key)
        else:
            target = group
        if target is None or target in (_GROUP_ITEMS, _GROUP_AUDIENCE, _GROUP_MODE, _GROUP_LEVELS):
            ignored.append(Column(index, IGNORED, header))
            continue
        if target not in (LEVEL, IGNORED) and any(c.field == target for c in columns):
            ignored.append(Column(index, IGNORED, header))
            continue
        columns.append(Column(index, target, header, label))
    return Layout(top, 2 if two_rows else 1, columns, ignored)


def is_note_row(row: list[Cell]) -> bool:
    """A row holding one text only (one cell merged across the table, or a single filled cell)."""
    texts = {(cell.origin, cell.text.strip()) for cell in row if cell.text.strip()}
    return len(texts) == 1


def row_text(row: list[Cell]) -> str:
    """The single text of a note or title row."""
    for cell in row:
        if cell.text.strip():
            return cell.text.strip()
    return ""


TASK_HEADER = ("序号", "具体任务", "主体责任单位", "配合单位", "完成时间")


def find_task_header(table: SourceTable) -> tuple[int, dict[str, int]] | None:
    """The 任务分工 table's header row and its columns, when `table` is one."""
    for r, row in enumerate(table.rows[:10]):
        keys = {header_key(cell.text): c for c, cell in enumerate(row)}
        if all(name in keys for name in TASK_HEADER[1:]):
            return r, {name: keys[name] for name in TASK_HEADER if name in keys}
    return None
