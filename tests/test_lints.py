"""The per-file checks' shortcuts give the answers of the plain ways they stand for.

`lints._quiet` settles the usual item without building a message, `_basis_suspect` remembers the
basis entries found fine (per publication date), and `schema.validate_domain` validates runs of
items in one call of pydantic: all are written for speed, so here they are compared with the plain
ways on generated items and files, including the dates that change a verdict. So is the pattern
that passes a plainly fine link without `urlsplit` (`rules._PLAIN_LINK`).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from zwgk_cli.check import lints, rules, schema
from zwgk_cli.check.schema import validate_domain
from zwgk_cli.core.models import Item
from zwgk_cli.core.source import SourceDocument

# Values chosen so that every test of `_quiet` is sometimes passed and sometimes failed, the usual
# (quiet) values drawn more often than the others.
_TEXTS = ["执法主体", "执法程序", "救助对象名单", "低保对象姓名", "名单", "x"]
_FINE = "《中华人民共和国政府信息公开条例》（国务院令第711号）"
_BASIS = [
    *[_FINE] * 6,
    "《法》",
    "《信访条例》",  # lost force on 2022-05-01
    "《条例》（国发[2014]47号）",
    "《通知》（渝府发〔2017〕94）",
    "《通知》（渝府发〔2030〕1号）",
    "无书名号",
]
_SUBJECTS = [
    *["区民政局"] * 6,
    "市民政局",
    "区民政局、县级部门",
    "区级",
    "区民政局、各镇人民政府（街道办事处）",
]
_LIMITS = [
    *["自收到申请之日起20个工作日内"] * 6,
    "20个工作日内",
    "30个工作日内",
    "延长20个工作日",
    "信息形成之日起",
]
_WHEN = [date.max, date(2010, 1, 1), date(2020, 10, 30), date(2023, 1, 1)]


def _lists(values: list[str], min_size: int = 0) -> st.SearchStrategy[list[str]]:
    """Lists of `values`, mostly without a value twice."""
    each = st.sampled_from(values)
    return st.lists(each, min_size=min_size, max_size=3, unique=True) | st.lists(
        each, min_size=min_size, max_size=3
    )


_ITEMS = st.builds(
    dict,
    id=st.just("a-1"),
    category=st.sampled_from(["低保", "社会救助", "名单公示", "x"]),
    name=st.sampled_from(["低保名单", "救助", "姓名公示", "x", "y"]),
    content=_lists(_TEXTS),
    basis=st.lists(st.sampled_from(_BASIS), min_size=1, max_size=3, unique=True) | _lists(_BASIS, 1),
    time_limit=st.sampled_from(_LIMITS),
    subject=st.sampled_from(_SUBJECTS) | st.dictionaries(st.sampled_from(["区级", "镇街"]), st.sampled_from(_SUBJECTS), min_size=1),
    channels=_lists(["政府网站", "两微一端", "公开栏", "政府公报"], 1),
    audience=_lists(["全社会", "特定群体"], 1),
    mode=_lists(["主动", "依申请"], 1),
    levels=_lists(["区级", "镇街", "村（居）"], 1),
)  # fmt: skip


def _plain_quiet(item: Item, when: date) -> bool:
    """`_quiet` as first written: every test in full, nothing remembered but the helpers' caches."""
    content, basis, channels, audience, mode, levels = (
        item.content,
        item.basis,
        item.channels,
        item.audience,
        item.mode,
        item.levels,
    )
    return (
        bool(content)
        and not any(lints._basis_entry_suspect(entry, when) for entry in basis)
        and not lints._foreign_units(item.subject)
        and lints._time_limit_findings(item.time_limit, tuple(mode)) == (None, None)
        and not lints._request_public(item)
        and not lints._recipients_online(item)
        and all(
            len(set(values)) == len(values) for values in (content, basis, channels, audience, mode, levels)
        )
    )


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_ITEMS, st.sampled_from(_WHEN)), min_size=1, max_size=6))
def test_quiet_and_the_remembered_basis_verdicts_agree_with_the_plain_tests(
    cases: list[tuple[dict[str, object], date]],
) -> None:
    # several items in a row: the basis entries remembered for one date must not answer for another
    for raw, when in cases:
        item = Item.model_validate(raw)
        assert lints._quiet(item, when) == _plain_quiet(item, when)
        plain = any(lints._basis_entry_suspect(entry, when) for entry in item.basis)
        assert lints._basis_suspect(item.basis, when) == plain


def test_a_basis_fine_for_one_date_is_still_suspect_for_a_later_one() -> None:
    basis = ["《信访条例》"]
    assert not lints._basis_suspect(basis, date(2020, 10, 30))
    assert not lints._basis_suspect(basis, date(2020, 10, 30))  # now answered by the set
    assert lints._basis_suspect(basis, date(2023, 1, 1))


@settings(max_examples=150, deadline=None)
@given(st.lists(_ITEMS | st.builds(dict, id=st.just("A 1")) | st.just([]), min_size=1, max_size=7))
def test_a_file_validated_in_runs_gives_what_item_by_item_gives(raws: list[object]) -> None:
    # runs of items in one call of pydantic each; a run with an invalid item item by item
    doc = SourceDocument(Path("a.yaml"), "", {"items": raws}, positions=False)
    run, at_once = schema._RUN, schema._all_valid
    try:
        schema._all_valid = lambda raw_items: None  # every item on its own: the reference
        _, plain_entries, plain_found = validate_domain(doc)
        schema._all_valid = at_once
        for schema._RUN in (1, 2, 3, run):
            _, entries, found = validate_domain(doc)
            assert found == plain_found
            assert [(e.index, e.item, e.invalid) for e in entries] == [
                (e.index, e.item, e.invalid) for e in plain_entries
            ]
    finally:
        schema._RUN, schema._all_valid = run, at_once
    assert {d.path[1] for d in found if d.path[:1] == ("items",)} == {
        index for index, raw in enumerate(raws) if not (isinstance(raw, dict) and "category" in raw)
    }


_SCHEMES = ["http://", "https://", "HTTPS://", "ftp://", "https:/", "https:", ""]
_HOST = "ab09.-[]:政％@ "
_REST = "ab/?#:[] \t\n\u3000~\\％／政"


# hosts and rests mostly of the kind the pattern takes, so that what it passes is often tried
_HOSTS = st.one_of(st.text("ab09.-", min_size=1, max_size=6), st.text(_HOST, max_size=8))
_RESTS = st.tuples(st.sampled_from(["", "/", "?", "#", ":80/"]), st.text(_REST, max_size=8))


@settings(max_examples=3000, deadline=None)
@given(st.sampled_from(_SCHEMES), _HOSTS, _RESTS)
def test_a_plainly_fine_link_is_one_urlsplit_passes(scheme: str, host: str, rest: tuple[str, str]) -> None:
    link = scheme + host + "".join(rest)
    doc = SourceDocument(Path("x.yaml"), "", {}, positions=False)
    item = Item.model_construct(id="a-1", link=link)
    found = rules._check_link(doc, ("items", 0), 0, item)
    if rules._PLAIN_LINK.fullmatch(link):
        assert found == []
    # whatever the pattern says, the verdict is the one urlsplit gives
    original = rules._PLAIN_LINK
    try:
        rules._PLAIN_LINK = re.compile(r"(?!)")  # matches nothing: every link through urlsplit
        assert rules._check_link(doc, ("items", 0), 0, item) == found
    finally:
        rules._PLAIN_LINK = original


def test_the_plain_link_pattern_takes_the_usual_links() -> None:
    for link in ("https://www.ybq.gov.cn/zwgk/", "http://ybq.gov.cn", "https://a.b:8443/x?y=1#z"):
        assert rules._PLAIN_LINK.fullmatch(link)
    for link in ("https://", "https://政务.cn/", "https://a b/", "https://[::1]/", "mailto:x@y"):
        assert not rules._PLAIN_LINK.fullmatch(link)
