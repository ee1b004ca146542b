"""The shipped 渝北区 catalogue: the seed's 附件 header data, and the quality the issue asks for."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from zwgk_cli.check.pipeline import CheckResult, check_catalogue
from zwgk_cli.core.catalogue import Catalogue, subject_units

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "catalogues"

_HOUSING = ("区住房城乡建委", ("区发展改革委", "区规划自然资源局", "区城市管理局"), False)

# 序号 → (领域, slug, 主体责任单位, 配合单位, 配合单位后写“等”), as in the 附件 of 渝北府办发〔2020〕17号,
# with its merged cells spelled out: rows 1–2, 5–6, 9–10, 11–12, 14–17 and 22–23 share their units.
ATTACHMENT: dict[int, tuple[str, str, str, tuple[str, ...], bool]] = {
    1: (
        "重大建设项目",
        "zdjsxm",
        "区发展改革委",
        ("区规划自然资源局", "区生态环境局", "区住房城乡建委", "区交通局", "区水利局"),
        True,
    ),
    2: (
        "公共资源交易",
        "ggzyjy",
        "区发展改革委",
        ("区规划自然资源局", "区生态环境局", "区住房城乡建委", "区交通局", "区水利局"),
        True,
    ),
    3: ("义务教育", "ywjy", "区教委", (), False),
    4: ("户籍管理", "hjgl", "区公安分局", (), False),
    5: ("社会救助", "shjz", "区民政局", (), False),
    6: ("养老服务", "ylfw", "区民政局", (), False),
    7: ("公共法律服务", "ggflfw", "区司法局", (), False),
    8: ("财政预决算", "czyjs", "区财政局", (), False),
    9: ("就业创业", "jycy", "区人力社保局", (), False),
    10: ("社会保险", "shbx", "区人力社保局", (), False),
    11: ("国土空间规划", "gtkjgh", "区规划自然资源局", (), False),
    12: ("征地补偿", "zdbc", "区规划自然资源局", (), False),
    13: ("环境保护", "hjbh", "区生态环境局", (), False),
    14: ("国有土地上房屋征收", "gytdfwzs", *_HOUSING),
    15: ("保障性住房", "bzxzf", *_HOUSING),
    16: ("农村危房改造", "ncwfgz", *_HOUSING),
    17: ("城市综合执法", "cszhzf", *_HOUSING),
    18: ("市政服务", "szfw", "区城市管理局", ("区经济信息委",), False),
    19: ("涉农补贴", "snbt", "区农业农村委", (), False),
    20: ("公共文化服务", "ggwhfw", "区文化旅游委", (), False),
    21: ("医疗卫生", "ylws", "区卫生健康委", (), False),
    22: ("安全生产", "aqsc", "区应急局", (), False),
    23: ("救灾", "jz", "区应急局", (), False),
    24: ("食品药品监管", "spypjg", "区市场监管局", (), False),
    25: ("扶贫", "fp", "区扶贫办", (), False),
    26: ("税收管理", "ssgl", "区税务局", (), False),
}


@pytest.fixture(scope="module")
def result() -> CheckResult:
    return check_catalogue(SHIPPED)


@pytest.fixture(scope="module")
def catalogue(result: CheckResult) -> Catalogue:
    assert result.catalogue is not None, [d.message.zh for d in result.diagnostics]
    return result.catalogue


def test_strict_clean_with_26_domains(result: CheckResult) -> None:
    assert [f"{d.file}:{d.line}: {d.code}" for d in result.diagnostics] == []
    assert not result.failed(strict=True)
    assert result.summary.domains == 26
    assert result.summary.items >= 250


def test_settings_are_the_seed_notice(catalogue: Catalogue) -> None:
    s = catalogue.settings
    assert (s.region, s.issuer) == ("重庆市渝北区", "重庆市渝北区人民政府办公室")
    # the notice is what the catalogue was compiled under, not the catalogue's own 文号
    assert s.document is None
    assert s.basis == [
        "《重庆市渝北区人民政府办公室关于全面推进基层政务公开标准化规范化工作的通知》（渝北府办发〔2020〕17号）"
    ]
    assert s.example is True
    assert s.levels == ["区级", "镇街", "村（居）"]
    assert "12345政务服务热线" not in s.channels
    assert s.domains == [ATTACHMENT[n][0] for n in sorted(ATTACHMENT)]
    assert not s.not_applicable


def test_town_and_street_registry(catalogue: Catalogue) -> None:
    units = catalogue.settings.units
    towns = [u for u in units if u.kind == "镇人民政府"]
    streets = [u for u in units if u.kind == "街道办事处"]
    assert (len(towns), len(streets)) == (11, 19)
    for unit in towns + streets:
        assert unit.place is not None
        suffix = "人民政府" if unit.kind == "镇人民政府" else "办事处"
        assert unit.name == unit.place + suffix
        assert unit.slug.isascii()
    assert {"龙溪街道办事处", "洛碛镇人民政府"} <= {u.name for u in units}
    assert "各镇人民政府（街道办事处）" in {g.name for g in catalogue.settings.groups}


@pytest.mark.parametrize("order", sorted(ATTACHMENT))
def test_attachment_header(catalogue: Catalogue, order: int) -> None:
    name, slug, lead, partners, etc = ATTACHMENT[order]
    domain = next(d for d in catalogue.domains if d.order == order)
    assert (domain.domain, domain.slug, domain.lead) == (name, slug, lead)
    assert tuple(domain.partners) == partners
    assert domain.partners_etc is etc
    assert domain.due.isoformat() == "2020-10-30"
    assert catalogue.sources[slug].name == f"{slug}.yaml"


@pytest.mark.parametrize("order", sorted(ATTACHMENT))
def test_domain_has_real_substance(catalogue: Catalogue, order: int) -> None:
    domain = next(d for d in catalogue.domains if d.order == order)
    assert len(domain.items) >= 8
    assert len({item.category for item in domain.items}) >= 2
    rows = Counter((item.category, item.name) for item in domain.items)
    assert max(rows.values()) == 1
    contents = Counter(tuple(item.content) for item in domain.items)
    assert max(contents.values()) == 1, "two rows publish the same 公开内容"
    for item in domain.items:
        assert item.id.startswith(f"{slug_of(order)}-")


def slug_of(order: int) -> str:
    return ATTACHMENT[order][1]


def test_catalogue_has_the_real_variety(catalogue: Catalogue) -> None:
    items = [item for _, item in catalogue.items()]
    on_request = [i for i in items if "依申请" in i.mode]
    specific = [i for i in items if "特定群体" in i.audience]
    one_level = [i for i in items if len(i.levels) == 1]
    assert len(on_request) >= 15
    assert len(specific) >= 15
    assert all(i.audience_note for i in specific)
    assert {tuple(i.levels) for i in one_level} == {("区级",), ("镇街",)}
    assert len({i.time_limit for i in items}) >= 20


def test_current_law_and_local_subjects(catalogue: Catalogue) -> None:
    town_group = "各镇人民政府（街道办事处）"
    for _, item in catalogue.items():
        text = "".join(item.basis)
        assert "国务院令第492号" not in text
        for _, unit in subject_units(item.subject):
            assert not unit.startswith(("县级", "市级", "乡级", "省级"))
        if item.levels == ["镇街"]:
            names = [unit for _, unit in subject_units(item.subject)]
            assert town_group in names or any(u.startswith("各") for u in names), item.id
    cited = Counter(b for _, item in catalogue.items() for b in item.basis)
    assert cited["《中华人民共和国政府信息公开条例》（国务院令第711号）"] >= 26


def test_the_example_claims_from_the_city_guideline(result: CheckResult, tmp_path: Path) -> None:
    from zwgk_cli.build.builder import build
    from zwgk_cli.check.coverage import coverage_table

    upstream = result.upstream
    assert upstream is not None
    assert (upstream.label, upstream.edition, upstream.levels) == (
        "upstream-chongqing",
        "2020年版",
        ["市级", "区县级", "乡镇级"],
    )
    rows = coverage_table(result.files, upstream)
    assert [row.name for row in rows] == ["社会救助", "养老服务", "户籍管理"]
    for row in rows:
        assert row.missing == []
        assert row.percent == 100.0
        assert row.declined
    assert sum(len(row.claimed) for row in rows) >= 30
    assert sum(len(row.added) for row in rows) >= 1
    assert all(item.levels for item in upstream.items.values() if "区县级" in (item.raw.get("levels") or []))
    out = tmp_path / "dist"
    build(SHIPPED, out, units=["龙溪街道"])
    assert "社会救助" in (out / "coverage.html").read_text(encoding="utf-8")
    assert (out / "units" / "longxi" / "catalogue.xlsx").is_file()
