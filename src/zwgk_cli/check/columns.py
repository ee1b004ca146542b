"""The values the cache of per-file results keeps, written so that they read back fast.

Why: the cache keeps each domain file's summary (`file_check.slim`) as JSON (`check.cache`): a
province's 100,000 items, whose fields are mostly texts that repeat (the levels, the content
elements). Reading JSON back costs about one object a value, so a column of values is written
once per distinct value where they repeat (`write_column`), and read back with a few list
operations in C (`read_column`). Values that JSON would not give back as they were are tagged
(`encode_value`). (The pool's workers send their summaries a tuple an item: pickle writes those
faster than columns are written.)
"""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime
from typing import Any

from zwgk_cli.core.models import Waiver


class Unfit(ValueError):
    """A value that cannot be written here, or something read back that is not what was written."""


def write_column(values: list[Any]) -> dict[str, Any]:
    """One column of item values, as one of three kinds (reading JSON back costs about one string
    object a text, so texts that repeat are written once):

    - "table": each distinct value once (tagged by `encode_value` where JSON would not give it back
      as it is), and a row's value as its number there: the levels, the waivers, the categories,
      whose rows mostly repeat a few values. Rows with equal values share one object (the cross-file
      rules only read them);
    - "strings": lists of texts whose lists differ but whose texts repeat (the content elements):
      each text once, every list's texts as numbers one after the other, and each list's length;
    - "plain": the values as they are (ids, names: nearly all distinct), when JSON gives them back
      as they were (None, texts)."""
    # The usual columns (texts, lists of texts) are looked at with C loops (map, set, dict.fromkeys)
    # rather than a Python step a value: a file's entry is written after every check of it.
    kinds = set(map(type, values))
    texts = kinds <= {str, type(None)}
    lists = not texts and kinds == {list} and set(map(type, itertools.chain.from_iterable(values))) <= {str}
    keys: list[Any] = values if texts else list(map(tuple, values)) if lists else list(map(_identity, values))
    number = {key: at for at, key in enumerate(dict.fromkeys(keys))}
    if len(number) * 2 > len(values):
        if texts:
            return {"kind": "plain", "values": values}
        if lists:
            flat = list(itertools.chain.from_iterable(values))
            text_number = {text: at for at, text in enumerate(dict.fromkeys(flat))}
            return {
                "kind": "strings",
                "strings": list(text_number),
                "flat": list(map(text_number.__getitem__, flat)),
                "lengths": list(map(len, values)),
            }
    # one value for each key (values with equal keys are equal, of the same types)
    value_of = dict(zip(keys, values, strict=True))
    table = list(map(value_of.__getitem__, number))
    return {
        "kind": "table",
        "table": [encode_value(value) for value in table],
        "rows": list(map(number.__getitem__, keys)),
    }


def _identity(value: Any) -> Any:
    """A hashable stand-in for `value`, equal only for values of the same type and data."""
    if value is None or type(value) is str:
        return value
    if type(value) is list and all(type(v) is str for v in value):
        return ("list", *value)
    return ("json", json.dumps(encode_value(value), ensure_ascii=False))


def read_column(kept: Any, count: int) -> list[Any]:
    """A column written by `write_column`, `count` rows long."""
    if type(kept) is not dict:
        raise Unfit("column")
    kind = kept.get("kind")
    if kind == "plain":
        values = kept["values"]
        if type(values) is not list or len(values) != count:
            raise Unfit("column")
        return values
    if kind == "table":
        table = [decode_value(value) for value in _list(kept["table"])]
        rows = _numbers(kept["rows"], len(table))
        if len(rows) != count:
            raise Unfit("column")
        return list(map(table.__getitem__, rows))
    if kind == "strings":
        strings = _list(kept["strings"])
        if not all(type(text) is str for text in strings):
            raise Unfit("strings")
        flat = _numbers(kept["flat"], len(strings))
        lengths = _numbers(kept["lengths"], len(flat) + 1)
        if len(lengths) != count or sum(lengths) != len(flat):
            raise Unfit("lengths")
        texts = list(map(strings.__getitem__, flat))
        ends = list(itertools.accumulate(lengths))
        return [texts[start:end] for start, end in zip([0, *ends], ends, strict=False)]
    raise Unfit("column")


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise Unfit("list")
    return value


def _numbers(value: Any, below: int) -> list[int]:
    """A list of numbers from 0 to `below` - 1, checked by min and max alone (in C): anything but a
    number there fails them, or its use as an index (TypeError, which the reader catches)."""
    numbers = _list(value)
    if numbers and (min(numbers) < 0 or max(numbers) >= below):
        raise Unfit("numbers")
    return numbers


def all_ints(values: list[Any]) -> bool:
    """Whether every value is an int (not a bool), looked at in C rather than one by one."""
    return set(map(type, values)) <= {int}


def encode_value(value: Any) -> Any:
    """`value` (raw YAML data, a cross-file field) as JSON holds it: lists and scalars as they are,
    the rest tagged, so that `decode_value` gives it back of the very type it went in as."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return {"$float": repr(value)}
    if isinstance(value, list):
        return [encode_value(v) for v in value]
    if isinstance(value, dict):
        return {"$dict": [[encode_value(k), encode_value(v)] for k, v in value.items()]}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if type(value) is Waiver:
        return {"$waiver": [value.code, value.reason]}
    raise Unfit(type(value).__name__)


_PLAIN = (str, int, bool, type(None))


def decode_value(value: Any) -> Any:
    """A value written by `encode_value`, as it was."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list:
        # most values are lists of texts, or the items of a domain file as kept (None each)
        return [v if type(v) in _PLAIN else decode_value(v) for v in value]
    if not isinstance(value, dict) or len(value) != 1:
        raise Unfit("value")
    ((tag, inner),) = value.items()
    if tag == "$dict":
        return {decode_value(k): decode_value(v) for k, v in inner}
    if tag == "$float":
        return float(kept_text(inner))
    if tag == "$datetime":
        return datetime.fromisoformat(kept_text(inner))
    if tag == "$date":
        return date.fromisoformat(kept_text(inner))
    if tag == "$waiver":
        code, reason = inner
        return Waiver.model_validate({"code": kept_text(code), "reason": kept_text(reason)})
    raise Unfit(tag)


def kept_text(value: Any) -> str:
    """`value`, read back from the cache, when it is a text; Unfit otherwise."""
    if not isinstance(value, str):
        raise Unfit("text")
    return value
