"""One file against its model: pydantic errors become located Chinese diagnostics.

Why: pydantic's messages are English and name fields by key only. Each error type is mapped to a
stable code and a sentence that names the field's Chinese title, the bad value, and what is allowed.
"""

from __future__ import annotations

import difflib
import functools
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from zwgk_cli.core.catalogue import ItemEntry, item_id_at, located
from zwgk_cli.core.diagnostics import Diagnostic, Text, say
from zwgk_cli.core.models import Domain, DomainHeader, Item, Settings
from zwgk_cli.core.source import FieldPath, SourceDocument
from zwgk_cli.core.wording import describe, inner_model, listing

# The message key naming what a field of each type wants (and, but for bool, what a value is).
_TYPE_WORDS: dict[type, str] = {
    str: "ui.kind.text",
    int: "ui.kind.whole-number",
    float: "ui.kind.number",
    bool: "ui.kind.true-or-false",
    list: "ui.kind.list",
    dict: "ui.kind.mapping",
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


def validate_model(doc: SourceDocument, model: type[BaseModel]) -> tuple[BaseModel | None, list[Diagnostic]]:
    """A whole file against `model` (a review record …), every error located and in Chinese."""
    return _validate(doc, model, doc.data, ())


def validate_domain(doc: SourceDocument) -> tuple[DomainHeader | None, list[ItemEntry], list[Diagnostic]]:
    """A domain file: its header, then each item on its own, so one bad item hides nothing else."""
    # An item with errors still yields an entry: its valid fields are kept and the invalid ones are
    # listed in `ItemEntry.invalid`, so the catalogue rules can still check what is valid.
    header_model, found = _validate(doc, DomainHeader, doc.data, (), root=Domain)
    header = header_model if isinstance(header_model, DomainHeader) else None
    entries: list[ItemEntry] = []
    raw_items = doc.data.get("items") if isinstance(doc.data, dict) else None
    if isinstance(raw_items, list):
        for start in range(0, len(raw_items), _RUN):
            run = raw_items[start : start + _RUN]
            valid = _all_valid(run)
            if valid is not None:
                entries += map(ItemEntry, range(start, start + len(valid)), valid)
                continue
            for index, raw in enumerate(run, start):
                item, item_found = _validate(doc, Item, raw, ("items", index), root=Domain)
                found.extend(item_found)
                if isinstance(item, Item):
                    entries.append(ItemEntry(index, item))
                elif isinstance(raw, dict):
                    entries.append(_partial_item(index, raw, item_found))
    return header, entries, found


# Items validated in one call of pydantic (see `_all_valid`): a run with an invalid item is validated
# again item by item, for its findings, so a file with one finding validates at most this many
# items twice; longer runs save no more time.
_RUN = 256


def _all_valid(raw_items: list[Any]) -> list[Item] | None:
    """Every item of `raw_items` validated in one call, or None when any is not a mapping or fails.
    The same models as one call an item gives; pydantic's loop over the list saves a sixth of the
    time a province's 100,000 items take. The call stops at the first invalid item."""
    if not all(type(raw) is dict for raw in raw_items):
        return None
    try:
        return _items_adapter().validate_python(raw_items)
    except ValidationError:
        return None


@functools.cache
def _items_adapter() -> TypeAdapter[list[Item]]:
    return TypeAdapter(Annotated[list[Item], Field(fail_fast=True)])


def _partial_item(index: int, raw: dict[str, Any], errors: list[Diagnostic]) -> ItemEntry:
    """An item with its invalid fields replaced by empty values and listed as invalid."""
    invalid = {str(d.path[2]) for d in errors if len(d.path) > 2}
    if any(len(d.path) <= 2 for d in errors):
        invalid.update(Item.model_fields)
    values: dict[str, Any] = {}
    for name, info in Item.model_fields.items():
        if name in raw and name not in invalid:
            values[name] = _kept_value(name, raw[name])
        elif not info.is_required():
            values[name] = info.get_default(call_default_factory=True)
        else:
            invalid.add(name)
            values[name] = [] if get_origin(info.annotation) is list else ""
    return ItemEntry(index, Item.model_construct(**values), frozenset(invalid))


def _kept_value(name: str, value: Any) -> Any:
    """A valid field of a partial item as validation makes it: nested entries (waivers) become models."""
    if inner_model(Item.model_fields[name].annotation) is None:
        return value
    return _field_adapter(name).validate_python(value)


@functools.cache
def _field_adapter(name: str) -> TypeAdapter[Any]:
    annotation = Item.model_fields[name].annotation
    assert annotation is not None, name  # every field of Item is annotated
    return TypeAdapter(annotation)


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
    msg = say("field-type.not-mapping", where=describe(root, path, doc.data), got=_type_word(data))
    hint = say("field-type.not-mapping.hint") if path and path[0] == "items" else None
    return located(doc, path, "field-type", msg, hint, item_id=item_id_at(doc, path))


def _diagnostic(doc: SourceDocument, root: type[BaseModel], loc: FieldPath, error: Any) -> Diagnostic:
    kind: str = error["type"]
    where = describe(root, loc, doc.data)
    hint: Text | None
    if kind == "missing":
        pos = doc.value_pos(loc[:-1])
        code, msg = "field-missing", say("field-missing", where=where)
        hint = say("field-missing.hint", key=loc[-1])
    elif kind == "extra_forbidden":
        pos = doc.key_pos(loc)
        code, msg = "field-unknown", say("field-unknown", key=str(loc[-1]))
        hint = _unknown_key_hint(root, loc)
    else:
        pos = doc.value_pos(loc)
        code, msg, hint = _value_finding(doc, root, loc, error, where)
    return located(doc, loc, code, msg, hint, item_id=item_id_at(doc, loc), pos=pos)


def _value_finding(
    doc: SourceDocument, root: type[BaseModel], loc: FieldPath, error: Any, where: Text
) -> tuple[str, Text, Text | None]:
    """The code, message and hint for a value the model refuses."""
    kind: str = error["type"]
    value = error.get("input")
    if kind in _EXPECTED_BY_ERROR:
        raw = doc.raw_value(loc) if not isinstance(value, dict | list) else None
        want = say(_TYPE_WORDS[_EXPECTED_BY_ERROR[kind]])
        shown = raw if raw is not None else _show(value)
        msg = say("field-type", where=where, want=want, got=_type_word(value), value=shown)
        return "field-type", msg, _type_hint(kind, value, raw, loc)
    if kind == "literal_error":
        allowed = _literal_values(root, loc)
        msg = say("field-value", where=where, value=_show(value), allowed=listing(allowed))
        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.3)
        return "field-value", msg, say("ui.hint.did-you-mean", value=close[0]) if close else None
    if kind == "string_pattern_mismatch":
        last = loc[-1] if loc else None
        shape = {
            "id": "field-format.id",
            "item": "field-format.id",
            "fingerprint": "field-format.fingerprint",
        }.get(str(last), "field-format.slug")
        return "field-format", say(shape, where=where, value=_show(value)), say(f"{shape}.hint")
    if kind == "date_format":
        shown = doc.raw_value(loc) or _show(value)
        return "field-format", say("field-format.date", where=where, value=shown), None
    if kind == "subject_type":
        msg = say("field-type.subject", where=where, value=_show(value))
        return "field-type", msg, say("field-type.subject.hint")
    if kind in ("too_short", "string_too_short"):
        return "field-empty", say("field-empty", where=where), None
    if kind in ("greater_than_equal", "greater_than"):
        limit = error.get("ctx", {}).get("ge", error.get("ctx", {}).get("gt"))
        return "field-value", say("field-value.minimum", where=where, value=_show(value), limit=limit), None
    return "field-value", say("field-value.other", where=where, value=_show(value), reason=error["msg"]), None


def _type_word(value: Any) -> Text:
    """What kind of value `value` is, as a message says it."""
    if value is None:
        return say("ui.kind.null")
    if isinstance(value, bool):
        return say("ui.kind.boolean")
    for kind, key in _TYPE_WORDS.items():
        if isinstance(value, kind):
            return say(key)
    return say("ui.kind.other")


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
        quote = "field-type.leading-zero.hint" if shown.startswith("0") else "field-type.number.hint"
        return say(quote, value=shown, key=key)
    if kind == "string_type" and isinstance(value, bool):
        return say("field-type.boolean.hint", value=raw or value, key=key)
    if kind == "bool_type":
        return say("field-type.want-boolean.hint")
    if kind == "list_type" and isinstance(value, str):
        return say("field-type.want-list.hint", value=value)
    if kind == "string_type" and value is None:
        return say("field-type.null.hint")
    return None


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
        return say("field-unknown.title.hint", key=key, name=by_title[key])
    for title, name in by_title.items():
        if key and (key in title or title in key):
            return say("field-unknown.close.hint", name=name, title=title)
    close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
    if close:
        return say("field-unknown.close.hint", name=close[0], title=fields[close[0]].title)
    return say("field-unknown.hint", allowed=listing(fields))


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
