"""One file against its model: pydantic errors become located Chinese diagnostics.

Why: pydantic's messages are English and name fields by key only. Each error type is mapped to a
stable code and a sentence that names the field's Chinese title, the bad value, and what is allowed.
"""

from __future__ import annotations

import difflib
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError

from zwgk_cli.core.catalogue import ItemEntry, item_id_at, located
from zwgk_cli.core.diagnostics import Diagnostic, Text
from zwgk_cli.core.models import Domain, DomainHeader, Item, Settings
from zwgk_cli.core.source import FieldPath, SourceDocument
from zwgk_cli.core.wording import describe, inner_model

_TYPE_WORDS: dict[type, tuple[str, str]] = {
    str: ("文字", "text"),
    int: ("整数", "a whole number"),
    float: ("数字", "a number"),
    bool: (" true 或 false", "true or false"),
    list: ("列表", "a list"),
    dict: ("映射（键: 值）", "a mapping (key: value)"),
}

_EXPECTED_BY_ERROR: dict[str, type] = {
    "string_type": str,
    "int_type": int,
    "int_from_float": int,
    "float_type": float,
    "bool_type": bool,
    "list_type": list,
    "dict_type": dict,
    "model_type": dict,
    "model_attributes_type": dict,
}


def validate_settings(doc: SourceDocument) -> tuple[Settings | None, list[Diagnostic]]:
    """`zwgk.yaml` against `Settings`."""
    model, found = _validate(doc, Settings, doc.data, ())
    return (model if isinstance(model, Settings) else None), found


def validate_domain(doc: SourceDocument) -> tuple[DomainHeader | None, list[ItemEntry], list[Diagnostic]]:
    """A domain file: its header, then each item on its own, so one bad item hides nothing else.

    An item with errors still yields an entry: its valid fields are kept and the invalid ones are
    listed in `ItemEntry.invalid`, so the catalogue rules can still check what is valid.
    """
    header_model, found = _validate(doc, DomainHeader, doc.data, (), root=Domain)
    header = header_model if isinstance(header_model, DomainHeader) else None
    entries: list[ItemEntry] = []
    raw_items = doc.data.get("items") if isinstance(doc.data, dict) else None
    if isinstance(raw_items, list):
        for index, raw in enumerate(raw_items):
            item, item_found = _validate(doc, Item, raw, ("items", index), root=Domain)
            found.extend(item_found)
            if isinstance(item, Item):
                entries.append(ItemEntry(index, item))
            elif isinstance(raw, dict):
                entries.append(_partial_item(index, raw, item_found))
    return header, entries, found


def _partial_item(index: int, raw: dict[str, Any], errors: list[Diagnostic]) -> ItemEntry:
    """An item with its invalid fields replaced by empty values and listed as invalid."""
    invalid = {str(d.path[2]) for d in errors if len(d.path) > 2}
    if any(len(d.path) <= 2 for d in errors):
        invalid.update(Item.model_fields)
    values: dict[str, Any] = {}
    for name, info in Item.model_fields.items():
        if name in raw and name not in invalid:
            values[name] = raw[name]
        elif not info.is_required():
            values[name] = info.get_default(call_default_factory=True)
        else:
            invalid.add(name)
            values[name] = [] if get_origin(info.annotation) is list else ""
    return ItemEntry(index, Item.model_construct(**values), frozenset(invalid))


def assemble_domain(header: DomainHeader, items: list[Item]) -> Domain:
    """The whole domain from its validated parts, without validating again."""
    fields = {name: getattr(header, name) for name in DomainHeader.model_fields if name != "items"}
    return Domain.model_construct(**fields, items=items)


def _validate(
    doc: SourceDocument,
    model: type[BaseModel],
    data: Any,
    prefix: FieldPath,
    *,
    root: type[BaseModel] | None = None,
) -> tuple[BaseModel | None, list[Diagnostic]]:
    root = root or model
    if not isinstance(data, dict):
        return None, [_not_mapping(doc, root, prefix, data)]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        found: list[Diagnostic] = []
        for error in exc.errors(include_url=False):
            loc = (*prefix, *error["loc"])
            if model is DomainHeader and len(error["loc"]) > 1 and error["loc"][0] == "items":
                continue  # items are validated one by one
            found.append(_diagnostic(doc, root, loc, error))
        return None, found


def _not_mapping(doc: SourceDocument, root: type[BaseModel], path: FieldPath, data: Any) -> Diagnostic:
    where = describe(root, path, doc.data)
    got = _type_word(data)
    msg = Text(
        f"{where.zh} 应为映射（一组“键: 值”），这里却是{got[0]}。",
        f"{where.en} should be a mapping (key: value pairs), not {got[1]}.",
    )
    hint = None
    if path and path[0] == "items":
        hint = Text(
            "每个事项以“- id: …”开始，下面缩进写各字段。",
            "each item starts with '- id: …' and indents its fields.",
        )
    return located(doc, path, "field-type", msg, hint, item_id=item_id_at(doc, path))


def _diagnostic(doc: SourceDocument, root: type[BaseModel], loc: FieldPath, error: Any) -> Diagnostic:
    kind: str = error["type"]
    where = describe(root, loc, doc.data)
    value = error.get("input")
    hint: Text | None = None
    if kind == "missing":
        code = "field-missing"
        pos = doc.value_pos(loc[:-1])
        msg = Text(f"缺少必填字段 {where.zh}。", f"required field {where.en} is missing.")
        hint = Text(f"在这里加上一行：{loc[-1]}: …", f"add a line here: {loc[-1]}: …")
    elif kind == "extra_forbidden":
        code = "field-unknown"
        pos = doc.key_pos(loc)
        key = str(loc[-1])
        msg = Text(f"未知字段“{key}”。", f"unknown field '{key}'.")
        hint = _unknown_key_hint(root, loc)
    elif kind in _EXPECTED_BY_ERROR:
        code = "field-type"
        pos = doc.value_pos(loc)
        want = _TYPE_WORDS[_EXPECTED_BY_ERROR[kind]]
        got = _type_word(value)
        raw = doc.raw_value(loc) if not isinstance(value, dict | list) else None
        shown = raw if raw is not None else _show(value)
        msg = Text(
            f"{where.zh} 应为{want[0]}，这里写的是{got[0]} {shown}。",
            f"{where.en} should be {want[1]}, but {shown} is {got[1]}.",
        )
        hint = _type_hint(kind, value, raw, loc)
    elif kind == "literal_error":
        code = "field-value"
        pos = doc.value_pos(loc)
        allowed = _literal_values(root, loc)
        msg = Text(
            f"{where.zh} 不能是 {_show(value)}，可选值为：{'、'.join(allowed)}。",
            f"{where.en} cannot be {_show(value)}; allowed: {', '.join(allowed)}.",
        )
        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.3)
        if close:
            hint = Text(f"是否要写“{close[0]}”？", f"did you mean '{close[0]}'?")
    elif kind == "string_pattern_mismatch":
        code = "field-format"
        pos = doc.value_pos(loc)
        msg, hint = _pattern_message(where, value, loc)
    elif kind == "date_format":
        code = "field-format"
        pos = doc.value_pos(loc)
        raw = doc.raw_value(loc) or _show(value)
        msg = Text(
            f"{where.zh} 应为日期，写作 年-月-日（如 2020-10-30），这里是 {raw}。",
            f"{where.en} should be a date written YYYY-MM-DD (e.g. 2020-10-30), not {raw}.",
        )
    elif kind == "subject_type":
        code = "field-type"
        pos = doc.value_pos(loc)
        msg = Text(
            f"{where.zh} 应为单位名称（多个用“、”分隔），或“层级: 单位”的映射，这里是 {_show(value)}。",
            f"{where.en} should be unit names (joined by '、') or a mapping level: units, not {_show(value)}.",
        )
        hint = Text(
            "例如：subject: 区民政局、各镇人民政府（街道办事处）",
            "e.g. subject: 区民政局、各镇人民政府（街道办事处）",
        )
    elif kind in ("too_short", "string_too_short"):
        code = "field-empty"
        pos = doc.value_pos(loc)
        msg = Text(f"{where.zh} 不能为空。", f"{where.en} must not be empty.")
    elif kind in ("greater_than_equal", "greater_than"):
        code = "field-value"
        pos = doc.value_pos(loc)
        limit = error.get("ctx", {}).get("ge", error.get("ctx", {}).get("gt"))
        msg = Text(
            f"{where.zh} 不能是 {_show(value)}，应不小于 {limit}。",
            f"{where.en} cannot be {_show(value)}; it must be at least {limit}.",
        )
    else:
        code = "field-value"
        pos = doc.value_pos(loc)
        msg = Text(
            f"{where.zh} 的值 {_show(value)} 不符合要求（{error['msg']}）。", f"{where.en}: {error['msg']}."
        )
    return located(doc, loc, code, msg, hint, item_id=item_id_at(doc, loc), pos=pos)


def _type_word(value: Any) -> tuple[str, str]:
    if value is None:
        return ("空值", "empty (null)")
    if isinstance(value, bool):
        return ("true/false", "a boolean")
    for kind, words in _TYPE_WORDS.items():
        if isinstance(value, kind):
            return words
    return ("其他类型", "another type")


def _show(value: Any) -> str:
    if value is None:
        return "（空）"
    if isinstance(value, str):
        return f"“{value}”" if len(value) <= 60 else f"“{value[:57]}…”"
    if isinstance(value, dict | list):
        return "[…]" if isinstance(value, list) else "{…}"
    return str(value)


def _type_hint(kind: str, value: Any, raw: str | None, loc: FieldPath) -> Text | None:
    key = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        shown = raw or str(value)
        return Text(
            f"YAML 把不带引号的 {shown} 读成了数字{'（前导零会丢失）' if shown.startswith('0') else ''}；"
            f'请加引号：{key}: "{shown}"',
            f'YAML reads unquoted {shown} as a number; quote it: {key}: "{shown}"',
        )
    if kind == "string_type" and isinstance(value, bool):
        return Text(
            f'YAML 把 {raw or value} 读成了真假值；请加引号：{key}: "{raw or value}"',
            f'YAML reads {raw or value} as a boolean; quote it: {key}: "{raw or value}"',
        )
    if kind == "bool_type":
        return Text("写 true 或 false（yes/no、是/否 都不算）。", "write true or false (not yes/no).")
    if kind == "list_type" and isinstance(value, str):
        return Text(
            f"列表写成 [{value}]；多个值用逗号分隔，如 [主动, 依申请]。",
            f"write a list as [{value}]; separate values with commas, e.g. [主动, 依申请].",
        )
    if kind == "string_type" and value is None:
        return Text("填写内容，或删除这一行。", "fill in a value or remove the line.")
    return None


def _pattern_message(where: Text, value: Any, loc: FieldPath) -> tuple[Text, Text]:
    key = loc[-1] if loc and isinstance(loc[-1], str) else ""
    if key == "id":
        return (
            Text(
                f"{where.zh} {_show(value)} 格式不对：只能用小写英文字母、数字和连字符，如 zdjsxm-001。",
                f"{where.en} {_show(value)} is malformed: use lowercase letters, digits and hyphens, e.g. zdjsxm-001.",
            ),
            Text(
                "编号写作“领域slug-三位序号”，如 zdjsxm-001。",
                "ids are '<domain slug>-NNN', e.g. zdjsxm-001.",
            ),
        )
    return (
        Text(
            f"{where.zh} {_show(value)} 格式不对：只能用小写英文字母、数字和连字符（如 zdjsxm、long-xi）。",
            f"{where.en} {_show(value)} is malformed: use lowercase letters, digits and hyphens (e.g. zdjsxm).",
        ),
        Text(
            "用拼音首字母或英文，不用汉字、空格和大写。",
            "use pinyin initials or English; no CJK, spaces or capitals.",
        ),
    )


def _model_at(root: type[BaseModel], loc: FieldPath) -> type[BaseModel] | None:
    """The model that holds the last key of `loc`."""
    model: type[BaseModel] | None = root
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return None
        model = inner_model(model.model_fields[part].annotation)
    return model


def _unknown_key_hint(root: type[BaseModel], loc: FieldPath) -> Text | None:
    model = _model_at(root, loc)
    if model is None:
        return None
    key = str(loc[-1])
    fields = model.model_fields
    by_title = {info.title: name for name, info in fields.items() if info.title}
    if key in by_title:
        name = by_title[key]
        return Text(
            f"键名用英文：把“{key}”改为 {name}。", f"keys are English: write {name} instead of '{key}'."
        )
    for title, name in by_title.items():
        if key and (key in title or title in key):
            return Text(f"是否要写 {name}（{title}）？", f"did you mean {name} ({title})?")
    close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
    if close:
        name = close[0]
        return Text(
            f"是否要写 {name}（{fields[name].title}）？", f"did you mean {name} ({fields[name].title})?"
        )
    allowed = "、".join(fields)
    return Text(f"允许的字段：{allowed}。", f"allowed fields: {', '.join(fields)}.")


def _literal_values(root: type[BaseModel], loc: FieldPath) -> list[str]:
    """The allowed values of the Literal field at `loc` (list indices skipped)."""
    keys = tuple(p for p in loc if isinstance(p, str))
    model = _model_at(root, keys)
    info = model.model_fields.get(keys[-1]) if model is not None and keys else None
    stack = [info.annotation] if info is not None else []
    while stack:
        current = stack.pop()
        if get_origin(current) is Literal:
            return [str(a) for a in get_args(current)]
        stack.extend(get_args(current))
    return []
