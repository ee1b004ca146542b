"""`zwgk init`: new projects validate at once; --example writes the shipped catalogue."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import ROOT
from zwgk_cli.authoring.json_schema import schema_files
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.app import app

runner = CliRunner()


def test_new_district_project_validates_and_builds(tmp_path: Path) -> None:
    target = tmp_path / "xq"
    result = runner.invoke(
        app, ["init", str(target), "--region", "重庆市测试区", "--published", "2021-03-01"]
    )
    assert result.exit_code == 0, result.output
    names = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    assert {
        "catalogues/zwgk.yaml",
        "catalogues/zdjsxm.yaml",
        "catalogues/ssgl.yaml",
        "schemas/domain.schema.json",
        "schemas/zwgk.schema.json",
        ".pre-commit-config.yaml",
        ".github/workflows/zwgk.yml",
        ".gitignore",
        "README.md",
    } <= names
    assert len([n for n in names if n.startswith("catalogues/")]) == 27
    check = check_catalogue(target / "catalogues")
    assert check.summary.errors == 0
    assert {d.code for d in check.diagnostics} == {"domain-empty"}
    assert check.summary.domains == 26
    settings = check.settings.settings
    assert settings is not None
    assert (settings.region, settings.issuer, settings.edition) == (
        "重庆市测试区",
        "重庆市测试区人民政府办公室",
        "2021年版",
    )
    assert settings.published.isoformat() == "2021-03-01"
    assert settings.levels == ["区级", "镇街"]
    assert "区发展改革委" in {u.name for u in settings.units}
    for name, data in schema_files(settings).items():
        assert (target / "schemas" / name).read_bytes() == data
    header = (target / "catalogues" / "gytdfwzs.yaml").read_text(encoding="utf-8")
    assert "lead: 区住房城乡建委\npartners: [区发展改革委, 区规划自然资源局, 区城市管理局]\n" in header
    assert header.startswith("# yaml-language-server: $schema=../schemas/domain.schema.json\n")
    assert runner.invoke(app, ["validate", str(target / "catalogues")]).exit_code == 0
    assert (
        runner.invoke(app, ["build", str(target / "catalogues"), "-o", str(target / "dist")]).exit_code == 0
    )
    assert (target / "dist" / "index.html").is_file()
    config = (target / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "entry: zwgk validate catalogues" in config
    assert "zwgk fmt --check" in config


def test_county_and_custom_levels(tmp_path: Path) -> None:
    county = tmp_path / "county"
    assert (
        runner.invoke(
            app, ["init", str(county), "--region", "四川省某某县", "--published", "2021-01-01"]
        ).exit_code
        == 0
    )
    settings = check_catalogue(county / "catalogues").settings.settings
    assert settings is not None
    assert settings.levels == ["县级", "乡镇"]
    assert "县民政局" in {u.name for u in settings.units}
    three = tmp_path / "three"
    result = runner.invoke(
        app,
        [
            "init",
            str(three),
            "--region",
            "重庆市测试区",
            "--levels",
            "区级，镇街，村（社区）",
            "--published",
            "2021-01-01",
        ],
    )
    assert result.exit_code == 0, result.output
    settings = check_catalogue(three / "catalogues").settings.settings
    assert settings is not None
    assert settings.levels == ["区级", "镇街", "村（社区）"]


def test_region_text_is_quoted_when_yaml_needs_it(tmp_path: Path) -> None:
    target = tmp_path / "odd"
    region = "测试: 区 #1"
    assert (
        runner.invoke(app, ["init", str(target), "--region", region, "--published", "2021-01-01"]).exit_code
        == 0
    )
    settings = check_catalogue(target / "catalogues").settings.settings
    assert settings is not None
    assert settings.region == region
    assert json.dumps(region, ensure_ascii=False) in (target / "catalogues" / "zwgk.yaml").read_text(
        encoding="utf-8"
    )


def test_example_writes_the_shipped_catalogue(tmp_path: Path) -> None:
    target = tmp_path / "example"
    result = runner.invoke(app, ["init", str(target), "--example"])
    assert result.exit_code == 0, result.output
    for path in (ROOT / "catalogues").glob("*.yaml"):
        assert (target / "catalogues" / path.name).read_bytes() == path.read_bytes()
    for path in (ROOT / "schemas").glob("*.json"):
        assert (target / "schemas" / path.name).read_bytes() == path.read_bytes()
    assert runner.invoke(app, ["validate", "--strict", str(target / "catalogues")]).exit_code == 0
    assert "渝北区示例目录" in (target / "README.md").read_text(encoding="utf-8")


def test_refusals(tmp_path: Path) -> None:
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("keep", encoding="utf-8")
    result = runner.invoke(app, ["init", str(busy), "--region", "重庆市测试区"])
    assert result.exit_code == 2
    assert "不是空文件夹" in result.output
    assert [p.name for p in busy.iterdir()] == ["notes.txt"]
    missing = runner.invoke(app, ["init", str(tmp_path / "new")])
    assert missing.exit_code == 2
    assert "--region" in missing.output
    bad_date = runner.invoke(
        app, ["init", str(tmp_path / "new2"), "--region", "重庆市测试区", "--published", "2021-13-01"]
    )
    assert bad_date.exit_code == 2
    assert not (tmp_path / "new2").exists()
