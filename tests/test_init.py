"""`zwgk init`: new projects validate at once; --example writes the shipped catalogue."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from conftest import ROOT
from zwgk_cli.authoring.json_schema import schema_files
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.app import app

runner = CliRunner()
ENV = {"NO_COLOR": "1", "COLUMNS": "200"}


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
    assert {d.code for d in check.diagnostics} == {"domain-empty", "due-missing"}
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
    tasks = (target / "dist" / "tasks.html").read_text(encoding="utf-8")
    assert tasks.count('<td class="due" data-label="完成时间"></td>') == 26  # left for the office to fill
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
    missing = runner.invoke(app, ["init", str(tmp_path / "new")], env=ENV)
    assert missing.exit_code == 2
    assert missing.stderr.strip() == (
        "错误：新建空白目录须用 --region 写明行政区划全称，如 zwgk init xq --region 重庆市XX区；"
        "用 --example 写入渝北区示例目录时不需要 --region。"
    )
    blank = runner.invoke(app, ["init", str(tmp_path / "new"), "--region", " "], env=ENV)
    assert (blank.exit_code, blank.stderr) == (2, missing.stderr)
    for extra in (["--region", "重庆市测试区"], ["--levels", "区级,镇街", "--published", "2021-01-01"]):
        both = runner.invoke(app, ["init", str(tmp_path / "new"), "--example", *extra], env=ENV)
        assert both.exit_code == 2
        options = "、".join(option for option in extra if option.startswith("--"))
        assert both.stderr.strip() == (
            f"错误：--example 写入随附的渝北区示例目录，不能再用 {options}（这些选项只用于新建空白目录）。"
        )
    assert not (tmp_path / "new").exists()
    bad_date = runner.invoke(
        app, ["init", str(tmp_path / "new2"), "--region", "重庆市测试区", "--published", "2021-13-01"]
    )
    assert bad_date.exit_code == 2
    assert not (tmp_path / "new2").exists()


def test_init_leaves_the_dates_it_cannot_know_and_says_which(tmp_path: Path) -> None:
    target = tmp_path / "xq"
    result = runner.invoke(app, ["init", str(target), "--region", "重庆市测试区"], env=ENV)
    assert result.exit_code == 0, result.output
    today = date.today().isoformat()
    assert result.stdout.splitlines() == [
        f"已生成目录项目 {target}/：26 个领域、0 个事项。",
        "待填写的日期：",
        "  各领域文件的完成时间 (due)：26 个文件中为空，按任务分工填写，如 due: 2020-10-30。",
        f"  catalogues/zwgk.yaml 的发布日期 (published)：暂填今天 {today}，正式发布前改为实际发布日期。",
        "下一步：",
        f"  cd {target}",
        "  zwgk validate catalogues      # 检查",
        "  zwgk build catalogues -o dist  # 生成网站",
    ]
    domain = (target / "catalogues" / "zdjsxm.yaml").read_text(encoding="utf-8")
    assert "\ndue:  # 完成时间（YYYY-MM-DD）：任务分工规定的完成时间，如 2020-10-30；知道后填写\n" in domain
    settings = (target / "catalogues" / "zwgk.yaml").read_text(encoding="utf-8")
    assert (
        f"暂填生成项目的日期，正式发布前改为实际发布日期（版本 edition 随之改）。\npublished: {today}\n"
        in settings
    )
    check = check_catalogue(target / "catalogues")
    assert all(df.header is not None and df.header.due is None for df in check.files)
    # the layout zwgk fmt keeps: a fresh project passes its own pre-commit hooks
    assert runner.invoke(app, ["fmt", "--check", str(target / "catalogues")]).exit_code == 0

    given = runner.invoke(
        app,
        ["init", str(tmp_path / "given"), "--region", "重庆市测试区", "--published", "2021-03-01"],
        env=ENV,
    )
    assert "发布日期 (published)" not in given.stdout
    assert "暂填" not in (tmp_path / "given" / "catalogues" / "zwgk.yaml").read_text(encoding="utf-8")

    example = runner.invoke(app, ["init", str(tmp_path / "example"), "--example"], env=ENV)
    assert example.exit_code == 0
    assert "待填写的日期" not in example.stdout  # the shipped catalogue has every date


def test_first_validate_of_a_new_project_is_five_lines(tmp_path: Path) -> None:
    target = tmp_path / "xq"
    runner.invoke(app, ["init", str(target), "--region", "重庆市测试区", "--published", "2021-03-01"])
    folder = str(target / "catalogues")
    result = runner.invoke(app, ["validate", folder], env=ENV)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{folder}/: 警告[domain-empty] 全部 26 个领域都还没有任何事项 (items)。",
        "  提示：按标准指引认领、增补各领域的公开事项，写好后这条提示消失；逐条列出用 zwgk validate --format json。",
        f"{folder}/: 警告[due-missing] 全部 26 个领域都还没有填写完成时间 (due)。",
        "  提示：在各领域文件的 due: 后写任务分工规定的完成时间，如 due: 2020-10-30；逐条列出用 zwgk validate --format json。",
        "检查了 26 个领域、0 个事项（27 个文件）：0 个错误，52 个警告。",
    ]
    # the machine formats keep every finding, one per file
    data = json.loads(runner.invoke(app, ["validate", folder, "--format", "json"]).stdout)
    codes = [d["code"] for d in data["diagnostics"]]
    assert (codes.count("domain-empty"), codes.count("due-missing"), len(codes)) == (26, 26, 52)
    assert data["summary"]["warnings"] == 52
    github = runner.invoke(app, ["validate", folder, "--format", "github"]).stdout.splitlines()
    assert len(github) == 52
    assert all(line.startswith("::warning file=") for line in github)

    # some dates filled in: the rest are named by file; one left alone is reported as usual
    for path in (target / "catalogues").glob("*.yaml"):
        if path.stem not in ("jz", "fp", "zwgk"):
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("\ndue:  #", "\ndue: 2021-06-30  #"), encoding="utf-8")
    lines = runner.invoke(app, ["validate", folder, "--lang", "en"], env=ENV).stdout.splitlines()
    assert lines[2:4] == [
        f"{folder}/: warning[due-missing] 2 domains have no completion date (due) yet: fp.yaml, jz.yaml.",
        "  hint: write the completion date the task division sets after due: in each domain file, e.g. "
        "due: 2020-10-30. zwgk validate --format json lists each one.",
    ]
    jz = target / "catalogues" / "jz.yaml"
    jz.write_text(
        jz.read_text(encoding="utf-8").replace("\ndue:  #", "\ndue: 2021-06-30  #"), encoding="utf-8"
    )
    lines = runner.invoke(app, ["validate", folder], env=ENV).stdout.splitlines()
    assert lines[0].startswith(f"{folder}/fp.yaml:7:1: 警告[due-missing] 领域“扶贫”还没有填写完成时间 (due)")
    assert len(lines) == 4 + 2 + 1  # the finding with its source line, caret and hint; the group; the summary
