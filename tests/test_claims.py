"""认领 and 增补: inheritance from the upstream catalogue, level mapping, declines, coverage, upstream
changes, and the towns' and streets' own catalogues."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import CASES, ROOT, build_case, edited_copy
from zwgk_cli.build.builder import build
from zwgk_cli.check.coverage import coverage_table
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.check.upstream import UpstreamItem, inherit, item_hash
from zwgk_cli.cli.app import app
from zwgk_cli.core.catalogue import Catalogue
from zwgk_cli.core.towns import find_unit, localise_subject, unit_catalogue
from zwgk_cli.render.rows import domain_caption, subject_text

runner = CliRunner()
CLAIMS = CASES / "valid" / "claims"


@pytest.fixture
def claiming(tmp_path: Path) -> Path:
    return build_case(CLAIMS, tmp_path)


def loaded(folder: Path) -> Catalogue:
    result = check_catalogue(folder)
    assert result.catalogue is not None, [f"{d.file}:{d.line} {d.code}" for d in result.diagnostics]
    return result.catalogue


def test_claimed_items_inherit_what_they_do_not_override(claiming: Path) -> None:
    catalogue = loaded(claiming)
    items = {item.id: item for _, item in catalogue.items()}
    first = items["shjz-001"]
    assert first.claims == "shjz-001"
    assert (first.category, first.name, first.content) == ("最低生活保障", "审核确认信息", ["初审对象名单"])
    assert first.audience_note == "面向申请人所在村（社区）居民"
    assert first.subject == {"区级": "区民政局", "镇街": "各镇人民政府（街道办事处）"}  # overridden
    assert first.levels == ["区级", "镇街"]  # 区县级, 乡镇级 mapped
    second = items["shjz-002"]
    assert (second.subject, second.levels, second.mode) == ("区民政局", ["区级"], ["依申请"])
    assert items["shjz-003"].claims is None  # 增补


def test_level_mapping_of_inherited_levels_and_subject_maps() -> None:
    raw = {
        "id": "x-1",
        "category": "甲",
        "name": "乙",
        "subject": {"市级": "市民政局", "区县级": "区县民政部门", "乡镇级": "乡镇人民政府（街道办事处）"},
        "levels": ["市级", "区县级", "乡镇级"],
        "waivers": [{"code": "content-empty", "reason": "上级的豁免不继承"}],
        "link": "https://example.gov.cn/x",
    }
    parent = UpstreamItem("x-1", "x", "甲领域", 0, raw, None, ("区级", "镇街"), item_hash(raw))  # type: ignore[arg-type]
    merged, taken = inherit({"id": "y-1", "claims": "x-1"}, parent, {"区县级": "区级", "乡镇级": "镇街"})
    assert merged["levels"] == ["区级", "镇街"]
    assert merged["subject"] == {"区级": "区县民政部门", "镇街": "乡镇人民政府（街道办事处）"}
    assert "waivers" not in merged
    assert "link" not in merged
    assert set(taken) == {"category", "name", "subject", "levels"}
    assert list(merged)[:3] == ["id", "claims", "category"]


def test_coverage_counts_claims_declines_and_additions(claiming: Path) -> None:
    result = check_catalogue(claiming)
    assert result.upstream is not None
    (row,) = coverage_table(result.files, result.upstream)
    assert row.name == "社会救助"
    assert [(p.id, local) for p, local in row.claimed] == [("shjz-001", "shjz-001"), ("shjz-002", "shjz-002")]
    assert [p.id for p, _ in row.declined] == ["shjz-004"]
    assert row.missing == []
    assert row.added == ["shjz-003"]
    assert row.applicable == 3  # shjz-003 is 市级 only
    assert row.percent == 100.0


def test_missing_claims_warn_and_fail_under_strict(claiming: Path) -> None:
    path = claiming / "shjz.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "  - {item: shjz-004, reason:", "  - {item: shjz-404, reason:"
        ),
        encoding="utf-8",
    )
    result = check_catalogue(claiming)
    codes = sorted(d.code for d in result.diagnostics)
    assert codes == ["claim-missing", "decline-unknown"]
    (row,) = coverage_table(result.files, result.upstream)  # type: ignore[arg-type]
    assert [p.id for p in row.missing] == ["shjz-004"]
    assert round(row.percent) == 67
    clean = build_case(CLAIMS, claiming.parent / "again")
    (clean / "shjz.yaml").write_text(
        (clean / "shjz.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "declines:\n  - {item: shjz-004, reason: 本区临时救助办事指南已并入社会救助综合办事指南（shjz-003）}\n",
            "",
        ),
        encoding="utf-8",
    )
    assert runner.invoke(app, ["validate", str(clean)]).exit_code == 0
    strict = runner.invoke(app, ["validate", "--strict", str(clean)])
    assert strict.exit_code == 1
    assert "claim-missing" in strict.output


def test_upstream_changes_are_flagged_for_review(claiming: Path) -> None:
    up = claiming / "up" / "shjz.yaml"
    up.write_text(
        up.read_text(encoding="utf-8").replace(
            "content: [初审对象名单]", "content: [初审对象名单, 公示期限]"
        ),
        encoding="utf-8",
    )
    settings = claiming / "up" / "zwgk.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("edition: 2020年版", "edition: 2021年版"),
        encoding="utf-8",
    )
    result = check_catalogue(claiming)
    found = {d.code: d for d in result.diagnostics}
    assert set(found) == {"claim-stale", "upstream-edition"}
    stale = found["claim-stale"]
    assert (stale.file.name, stale.item_id) == ("shjz.yaml", "shjz-001")  # type: ignore[union-attr]
    new_hash = item_hash(json.loads(json.dumps(result.upstream.items["shjz-001"].raw)))  # type: ignore[union-attr]
    assert stale.hint is not None
    assert new_hash in stale.hint.zh
    # the inherited content follows the upstream change
    catalogue = check_catalogue(claiming).catalogue
    assert catalogue is not None
    assert next(i for _, i in catalogue.items() if i.id == "shjz-001").content == ["初审对象名单", "公示期限"]


def test_an_inherited_value_is_reported_where_it_was_written(tmp_path: Path) -> None:
    folder = edited_copy(
        build_case(CLAIMS, tmp_path),
        tmp_path / "inherited",
        {
            "shjz.yaml": [
                (
                    "declines:\n  - {item: shjz-004, reason: 本区临时救助办事指南已并入社会救助综合办事指南（shjz-003）}\n",
                    "",
                ),
                ("items:\n", "items:\n  - id: shjz-009\n    claims: shjz-004\n    subject: 区民政局\n"),
            ]
        },
    )
    result = check_catalogue(folder)
    (problem,) = [d for d in result.diagnostics if d.code == "channel-unknown"]
    assert problem.file == folder / "up" / "shjz.yaml"
    assert problem.excerpt == "    channels: [政府网站, 两微一端]"
    assert problem.item_id == "shjz-009"
    assert problem.hint is not None
    assert "继承自上级目录" in problem.hint.zh


def test_coverage_command(claiming: Path) -> None:
    text = runner.invoke(app, ["coverage", str(claiming)])
    assert text.exit_code == 0, text.output
    assert "社会救助" in text.output
    assert "100%" in text.output
    data = json.loads(runner.invoke(app, ["coverage", str(claiming), "--format", "json"]).stdout)
    assert data["version"] == 1
    (domain,) = data["domains"]
    assert domain["claimed"][0] == {"upstream": "shjz-001", "item": "shjz-001", "hash": "b16b45cd8fe3"}
    assert domain["declined"][0]["upstream"] == "shjz-004"
    assert domain["added"] == ["shjz-003"]
    plain = build_case(CASES / "valid" / "plain", claiming.parent / "plain")
    assert runner.invoke(app, ["coverage", str(plain)]).exit_code == 2


def test_build_adds_the_coverage_page(claiming: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    build(claiming, out)
    page = (out / "coverage.html").read_text(encoding="utf-8")
    assert "公开事项覆盖度" in page
    assert 'href="shjz.html#shjz-001"' in page
    assert "本区临时救助办事指南已并入社会救助综合办事指南" in page
    assert 'href="coverage.html"' in (out / "index.html").read_text(encoding="utf-8")


def test_diff_compares_the_published_catalogue_with_inherited_values(claiming: Path, tmp_path: Path) -> None:
    from zwgk_cli.history.compare import compare

    other = tmp_path / "other"
    import shutil

    shutil.copytree(claiming, other)
    up = other / "up" / "shjz.yaml"
    up.write_text(
        up.read_text(encoding="utf-8").replace("content: [初审对象名单]", "content: [名单]"), encoding="utf-8"
    )
    diff = compare(str(claiming), str(other), Path("catalogues"), tmp_path).diff
    # the district's files did not change, but what it publishes did: the upstream change is named
    changes = [c for d in diff.domains for c in d.items]
    assert changes
    assert all(c.origin == "upstream" and c.claims for c in changes)
    assert all(f.origin == "upstream" and f.key == "content" for c in changes for f in c.fields)


# ---- a town's or street's own catalogue ----


def test_a_towns_catalogue_names_its_own_publisher_and_the_districts_as_its_basis() -> None:
    catalogue = loaded(ROOT / "catalogues")
    unit = find_unit(catalogue.settings, "大湾镇")
    assert unit is not None
    # a district catalogue issued under a 文号: the town's is not issued under it, it follows it
    issued = catalogue.settings.model_copy(update={"document": "渝北府办发〔2020〕17号", "basis": []})
    local = unit_catalogue(Catalogue(catalogue.root, issued, catalogue.domains, catalogue.sources), unit)
    assert local.settings.issuer == "重庆市渝北区大湾镇人民政府"
    assert local.settings.document is None
    assert local.settings.basis == ["《重庆市渝北区基层政务公开标准目录》（渝北府办发〔2020〕17号）"]
    assert local.settings.region == "重庆市渝北区大湾镇"
    assert local.place == "大湾镇"
    assert domain_caption(local.domains[0], local.place) == "（一）大湾镇重大建设项目领域基层政务公开标准目录"


def test_subjects_are_localised_for_the_unit() -> None:
    catalogue = loaded(ROOT / "catalogues")
    settings = catalogue.settings
    unit = find_unit(settings, "龙溪街道")
    assert unit is not None
    assert find_unit(settings, "龙溪街道办事处") == unit
    assert find_unit(settings, "longxi") == unit
    assert find_unit(settings, "区民政局") is None
    assert (
        localise_subject("区民政局、各镇人民政府（街道办事处）", unit, settings, ["镇街"]) == "龙溪街道办事处"
    )
    assert (
        localise_subject({"区级": "区民政局", "镇街": "各镇人民政府（街道办事处）"}, unit, settings, ["镇街"])
        == "龙溪街道办事处"
    )
    assert localise_subject("区公安分局、各派出所", unit, settings, ["镇街"]) == "区公安分局、各派出所"


def test_street_catalogue_cell_by_cell(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    result = runner.invoke(app, ["build", str(ROOT / "catalogues"), "-o", str(out), "--unit", "龙溪街道"])
    assert result.exit_code == 0, result.output
    assert "镇街目录 1 个" in result.output
    district = loaded(ROOT / "catalogues")
    unit = find_unit(district.settings, "龙溪街道")
    assert unit is not None
    local = unit_catalogue(district, unit)
    folder = out / "units" / "longxi"
    assert (folder / "index.html").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="units/longxi/index.html"' in index
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "<h1>重庆市渝北区龙溪街道基层政务公开标准目录</h1>" in page
    # the street office publishes its own catalogue, compiled from the district's: the district's
    # captions and 文号 are not its own
    assert "<caption>重庆市渝北区龙溪街道基层政务公开标准目录领域一览</caption>" in page
    assert "<dt>发布机关</dt><dd>重庆市渝北区人民政府龙溪街道办事处</dd>" in page
    assert (
        "<dt>编制依据</dt><dd>《重庆市渝北区基层政务公开标准目录》（2020年版）<br>《重庆市渝北区人民政府办公室"
        in page
    )
    assert "<dt>文号</dt>" not in page
    shjz = (folder / "shjz.html").read_text(encoding="utf-8")
    assert "<h1>重庆市渝北区龙溪街道社会救助领域基层政务公开标准目录</h1>" in shjz
    assert "龙溪街道社会救助领域基层政务公开标准目录</caption>" in shjz
    book = load_workbook(io.BytesIO((folder / "catalogue.xlsx").read_bytes()))
    assert "任务分工" not in book.sheetnames
    # a town's catalogue holds the levels below the district's: 镇街 and 村（居）
    town_levels = ["镇街", "村（居）"]
    expected_domains = [d for d in district.domains if any(set(town_levels) & set(i.levels) for i in d.items)]
    assert [d.domain for d in local.domains] == [d.domain for d in expected_domains]
    for domain in expected_domains:
        sheet = book[domain.domain]
        assert sheet["A1"].value == f"重庆市渝北区龙溪街道{domain.domain}领域基层政务公开标准目录"
        assert [sheet.cell(4, c).value for c in range(9, 15)] == [
            "全社会",
            "特定群体",
            "主动",
            "依申请",
            "镇街",
            "村（居）",
        ]
        rows = [item for item in domain.items if set(town_levels) & set(item.levels)]
        previous_category = None
        for offset, item in enumerate(rows):
            r = 5 + offset

            def local_text(text: str) -> str:
                # the street's office publishes what the towns' group publishes
                return "龙溪街道办事处" if "各镇人民政府（街道办事处）" in text.split("、") else text

            if isinstance(item.subject, dict):
                kept = {
                    level: local_text(text) for level, text in item.subject.items() if level in town_levels
                }
                subject = (
                    next(iter(kept.values()))
                    if len(kept) == 1
                    else "\n".join(f"{level}：{text}" for level, text in kept.items())
                )
            else:
                subject = local_text(subject_text(item.subject))
            expected = [
                offset + 1,
                item.category if item.category != previous_category else None,
                item.name,
                "、".join(item.content) or None,
                "\n".join(item.basis),
                item.time_limit,
                subject,
                "、".join(item.channels),
                "√" if "全社会" in item.audience else None,
                ("√" + (f"（{item.audience_note}）" if item.audience_note else ""))
                if "特定群体" in item.audience
                else None,
                "√" if "主动" in item.mode else None,
                "√" if "依申请" in item.mode else None,
                "√" if "镇街" in item.levels else None,
                "√" if "村（居）" in item.levels else None,
            ]
            actual = [sheet.cell(r, c).value for c in range(1, 15)]
            assert actual == expected, (domain.slug, item.id)
            previous_category = item.category
        assert sheet.cell(5 + len(rows), 3).value is None
    html = (folder / "shjz.html").read_text(encoding="utf-8")
    assert "龙溪街道办事处" in html
    assert "各镇人民政府（街道办事处）" not in html
    assert '<link rel="stylesheet" href="../../assets/style.css">' in html


def test_all_units_and_unknown_units(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    result = runner.invoke(app, ["build", str(ROOT / "catalogues"), "-o", str(out), "--all-units"])
    assert result.exit_code == 0, result.output
    # 11 towns and 19 streets registered; 8 streets are marked outside the catalogue's scope
    built = sorted(path.name for path in (out / "units").iterdir())
    assert len(built) == 22
    assert {"longxi", "luoqi"} <= set(built)
    assert not {"yuanyang", "renhe", "kangmei"} & set(built)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="units/renhe/index.html"' not in index
    outside = runner.invoke(
        app, ["build", str(ROOT / "catalogues"), "-o", str(tmp_path / "y"), "--unit", "人和街道"]
    )
    assert outside.exit_code == 2
    assert "人和街道办事处不在本目录范围（由两江新区直管区代管" in outside.output
    assert not (tmp_path / "y").exists()
    unknown = runner.invoke(
        app, ["build", str(ROOT / "catalogues"), "-o", str(tmp_path / "x"), "--unit", "火星街道"]
    )
    assert unknown.exit_code == 2
    assert "单位名录中没有镇街“火星街道”" in unknown.output
