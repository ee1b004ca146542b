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
    assert result.summary.items >= 700


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
    assert len(domain.items) >= 12
    assert len({item.category for item in domain.items}) >= 3
    rows = Counter((item.category, item.name) for item in domain.items)
    assert max(rows.values()) == 1
    # the guidelines repeat one list of 公开内容 across the matters of a kind (every 行政处罚, every
    # 经办服务), but no two rows are the same matter written twice
    copies = Counter((item.name, tuple(item.content), tuple(item.basis)) for item in domain.items)
    assert max(copies.values()) == 1, "two rows are the same matter"
    for item in domain.items:
        assert item.id.startswith(f"{slug_of(order)}-")


def slug_of(order: int) -> str:
    return ATTACHMENT[order][1]


def test_sizes_follow_the_guidelines_not_a_quota(catalogue: Catalogue) -> None:
    sizes = {d.slug: len(d.items) for d in catalogue.domains}
    assert max(sizes.values()) >= 5 * min(sizes.values())
    assert len(set(sizes.values())) >= 15
    assert sizes["cszhzf"] >= 100
    assert sizes["shbx"] >= 40


def test_city_enforcement_is_one_row_per_penalty(catalogue: Catalogue) -> None:
    """城市综合执法 as the national guideline lays it out: by enforcement area, one row per 行政处罚
    matter, every such row publishing the same elements."""
    domain = next(d for d in catalogue.domains if d.slug == "cszhzf")
    penalties = [i for i in domain.items if i.name.startswith("对") and i.name.endswith(("处罚", "查处"))]
    assert len(penalties) >= 80
    assert len({i.category for i in penalties}) >= 10
    assert {"市容环境卫生管理", "园林绿化管理", "市政设施管理"} <= {i.category for i in penalties}
    elements = Counter(tuple(i.content) for i in penalties)
    (common, count), *_ = elements.most_common(1)
    assert count == len(penalties)
    assert any("执法依据" in e for e in common)
    assert any("处罚决定" in e for e in common)
    assert any("救济" in e for e in common)


def test_municipal_services_are_the_national_matters(catalogue: Catalogue) -> None:
    domain = next(d for d in catalogue.domains if d.slug == "szfw")
    names = {i.name for i in domain.items}
    assert "由于工程施工、设备维修等原因确需停止供水的审批" in names
    assert "依附于城市道路建设各种管线、杆线等设施审批" in names
    assert any(n.startswith("特殊车辆在城市道路上行驶") for n in names)
    text = "".join(f"{i.category}{i.name}{''.join(i.content)}" for i in domain.items)
    for invented in ("电力供应", "停电", "停水通知"):
        assert invented not in text


def test_national_first_level_structure(catalogue: Catalogue) -> None:
    by_slug = {d.slug: d for d in catalogue.domains}

    def categories(slug: str) -> set[str]:
        return {i.category for i in by_slug[slug].items}

    # 义务教育: the 教育部 guideline's ten 一级事项
    assert {
        "政策文件", "教育概况", "民办学校信息", "财务信息", "招生管理",
        "学生管理", "教师管理", "重要政策执行情况", "教育督导", "校园安全",
    } <= categories("ywjy")  # fmt: skip
    # 重大建设项目: the eight kinds of 国办发〔2017〕94号
    assert {
        "批准服务信息", "批准结果信息", "招标投标信息", "征收土地信息",
        "重大设计变更信息", "施工有关信息", "质量安全监督信息", "竣工有关信息",
    } <= categories("zdjsxm")  # fmt: skip
    assert {"政策文件", "依法行政"} <= categories("aqsc")
    assert {"就业信息服务", "就业失业登记", "创业服务", "就业援助"} <= categories("jycy")
    assert {"社会保险登记", "养老保险服务", "工伤保险服务", "失业保险服务"} <= categories("shbx")
    assert len(by_slug["hjgl"].items) >= 18
    assert any("无户口" in i.name for i in by_slug["hjgl"].items)


def test_reported_factual_errors_are_gone() -> None:
    texts = {path.name: path.read_text(encoding="utf-8") for path in sorted(SHIPPED.rglob("*.yaml"))}
    joined = "".join(texts.values())
    for wrong in ("渝规资〔2020〕552号", "税总发〔2017〕44号", "征收土地预公告", "12345", "国务院令第492号"):
        assert wrong not in joined, wrong
    assert "拟征收土地告知" in texts["zdbc.yaml"]


def test_privacy_and_on_request_items(catalogue: Catalogue) -> None:
    by_slug = {d.slug: d for d in catalogue.domains}
    lists = [
        item
        for slug in ("shjz", "jz", "fp")
        for item in by_slug[slug].items
        if any(word in "".join(item.content) + item.name for word in ("名单", "姓名"))
    ]
    assert lists
    for item in lists:  # 低保、特困、临时救助、受灾、贫困 names go to the village notice board only
        assert "政府网站" not in item.channels, item.id
        assert "两微一端" not in item.channels, item.id
    for _, item in catalogue.items():
        if item.mode == ["依申请"]:
            assert "政府网站" not in item.channels, item.id
            assert "全社会" not in item.audience, item.id
    # 养老机构行政处罚 is published, within 7 working days (国办发〔2018〕118号), not declined
    elderly = by_slug["ylfw"]
    assert not elderly.declines
    penalty = next(i for i in elderly.items if "行政处罚" in i.name)
    assert "7个工作日" in penalty.time_limit


def test_village_level_where_guidelines_publish_in_villages(catalogue: Catalogue) -> None:
    village = "村（居）"
    by_domain = Counter(d.slug for d in catalogue.domains for i in d.items if village in i.levels)
    assert {"shjz", "fp", "snbt", "ncwfgz", "zdbc", "jz"} <= set(by_domain)
    assert len(by_domain) >= 12
    assert sum(by_domain.values()) >= 40
    for _, item in catalogue.items():
        if village in item.levels and isinstance(item.subject, dict) and village in item.subject:
            assert "各村（居）民委员会" in item.subject[village], item.id


def test_village_items_of_the_notices_areas_say_how_often_they_are_posted(catalogue: Catalogue) -> None:
    """二.13 of the notice: 社会救助、养老服务、惠农政策、脱贫攻坚 … at 村（居） at least quarterly."""
    village = {
        item.id: item.frequency
        for domain in catalogue.domains
        if domain.domain in ("社会救助", "养老服务", "涉农补贴", "扶贫")
        for item in domain.items
        if "村（居）" in item.levels
    }
    assert len(village) == 23
    assert all(frequency in ("实时", "每月", "每季度") for frequency in village.values())
    assert village["shjz-013"] == "每月"
    assert sorted(k for k, v in village.items() if v == "每季度") == ["fp-015", "ylfw-014", "ylfw-015"]


def test_streets_administered_elsewhere_are_outside(catalogue: Catalogue) -> None:
    settings = catalogue.settings
    outside = {u.place for u in settings.units if u.outside}
    assert outside == {
        "鸳鸯街道",
        "翠云街道",
        "人和街道",
        "天宫殿街道",
        "大竹林街道",
        "礼嘉街道",
        "金山街道",
        "康美街道",
    }
    assert settings.scope is not None
    assert all(place.removesuffix("街道") in settings.scope for place in outside)
    for _, item in catalogue.items():
        for _, unit in subject_units(item.subject):
            assert unit.removesuffix("办事处") not in outside, item.id


def test_catalogue_has_the_real_variety(catalogue: Catalogue) -> None:
    items = [item for _, item in catalogue.items()]
    on_request = [i for i in items if "依申请" in i.mode]
    specific = [i for i in items if "特定群体" in i.audience]
    assert len(on_request) >= 15
    assert len(specific) >= 15
    assert all(i.audience_note for i in specific)
    assert {("区级",), ("镇街",), ("区级", "镇街"), ("镇街", "村（居）")} <= {tuple(i.levels) for i in items}
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
    assert [row.name for row in rows] == [ATTACHMENT[n][0] for n in sorted(ATTACHMENT)]
    for row in rows:  # every domain claims from the city guideline, and nothing is left unanswered
        assert row.missing == []
        assert row.percent == 100.0
        assert len(row.claimed) >= 10, row.name
    assert sum(len(row.claimed) for row in rows) >= 600
    assert sum(len(row.added) for row in rows) >= 50
    assert any(row.declined for row in rows)
    city_only = [item for item in upstream.items.values() if item.raw.get("levels") == ["市级"]]
    assert city_only  # the city guideline has its own 市级 items, which no district claims
    out = tmp_path / "dist"
    build(SHIPPED, out, units=["龙溪街道"])
    assert "城市综合执法" in (out / "coverage.html").read_text(encoding="utf-8")
    assert (out / "units" / "longxi" / "catalogue.xlsx").is_file()


def test_the_city_guideline_is_issued_by_the_city_departments() -> None:
    from zwgk_cli.check.pipeline import check_catalogue as check

    city = check(SHIPPED / "upstream-chongqing")
    assert [f"{d.file}:{d.line}: {d.code}" for d in city.diagnostics] == []
    assert city.catalogue is not None
    settings = city.catalogue.settings
    assert settings.issuer != "重庆市人民政府办公厅"
    assert settings.published.isoformat() != "2020-07-31"
    assert len(city.catalogue.domains) == 26
    leads = {d.slug: d.lead for d in city.catalogue.domains}
    assert all(lead.startswith("市") for lead in leads.values())
    assert (leads["gtkjgh"], leads["hjbh"], leads["shjz"], leads["hjgl"]) == (
        "市规划自然资源局",
        "市生态环境局",
        "市民政局",
        "市公安局",
    )
    dates = {d.slug: d.due.isoformat() for d in city.catalogue.domains}
    assert (dates["gtkjgh"], dates["hjbh"]) == ("2020-07-22", "2020-07-28")
    for path in (SHIPPED / "upstream-chongqing").glob("*.yaml"):  # not rebuilt from the district's own
        assert "渝北区 2020 年版目录" not in path.read_text(encoding="utf-8")
