"""The review chain: where each domain stands on a day, the scorecard, and 先审后发 in the build."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import CASES, ROOT, Golden, build_case, edited_copy
from zwgk_cli.build.builder import build
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.app import app
from zwgk_cli.core.review_models import Opinion
from zwgk_cli.review.dashboard import build_dashboard
from zwgk_cli.review.scorecard import CLASSES

runner = CliRunner()
SHIPPED = ROOT / "catalogues"


def review_json(folder: Path, *args: str) -> dict[str, object]:
    result = runner.invoke(app, ["review", str(folder), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def states(data: dict[str, object]) -> dict[str, tuple[str, str | None, str | None, int, int]]:
    """slug → (state, stage reached, next stage, days overdue, open opinions)."""
    rows = data["domains"]
    assert isinstance(rows, list)
    return {
        row["slug"]: (
            row["state"],
            row["reached"]["stage"] if row["reached"] else None,
            row["next"]["stage"] if row["next"] else None,
            row["overdue_days"],
            row["open_opinions"],
        )
        for row in rows
    }


def test_shipped_records_on_2020_10_12_show_the_mix_the_records_describe() -> None:
    data = review_json(SHIPPED, "--as-of", "2020-10-12")
    assert data["as_of"] == "2020-10-12"
    got = states(data)
    on_time = {
        "zdjsxm", "ggzyjy", "ywjy", "hjgl", "shjz", "ggflfw", "jycy", "shbx", "gtkjgh", "zdbc", "hjbh",
        "bzxzf", "ncwfgz", "szfw", "snbt", "ggwhfw", "jz",
    }  # fmt: skip
    for slug in on_time:
        assert got[slug] == ("in-progress", "集中审查", "复审", 0, 0), slug
    assert got["ylfw"] == ("in-progress", "集中审查", "复审", 0, 1)  # an opinion still open that day
    assert got["czyjs"] == ("in-progress", "复审", "定稿", 0, 0)  # ahead of the schedule
    # late: 部门审核 passed, 集中审查 due 2020-10-10 not done
    assert got["gytdfwzs"] == ("in-progress", "部门审核", "集中审查", 2, 0)
    assert got["spypjg"] == ("in-progress", "部门审核", "集中审查", 2, 1)
    # sent back at 集中审查, opinions open
    assert got["cszhzf"] == ("returned", "部门审核", "集中审查", 2, 3)
    assert got["fp"] == ("returned", "部门审核", "集中审查", 2, 2)
    # approved in an earlier version: 修改后待重新审核, the chain starts again
    assert got["ylws"] == ("stale", None, "部门审核", 22, 0)
    assert got["aqsc"] == ("stale", None, "部门审核", 22, 0)
    assert got["ssgl"] == ("not-started", None, "部门审核", 22, 0)  # nothing submitted by that day
    summary = data["summary"]
    assert isinstance(summary, dict)
    assert (summary["domains"], summary["overdue"], summary["open_opinions"]) == (26, 7, 7)
    rows = {row["slug"]: row for row in data["domains"]}  # type: ignore[union-attr]
    assert [s["fingerprint"] for s in rows["ylws"]["stale"]] == ["21dc2d7e027c", "21dc2d7e027c"]


def test_records_after_the_day_asked_are_not_counted_and_opinions_reopen(tmp_path: Path) -> None:
    later = states(review_json(SHIPPED, "--as-of", "2020-11-02"))
    assert later["cszhzf"] == ("in-progress", "复审", "定稿", 8, 0)  # the opinions were dealt with by then
    assert later["fp"][0] == "returned"
    assert later["ylws"] == ("done", "发布", None, 0, 0)
    assert later["ylfw"][4] == 0  # not adopted on 2020-10-20, so no longer open
    before = states(review_json(SHIPPED, "--as-of", "2020-09-01"))
    assert {state for state, *_ in before.values()} == {"not-started"}


def test_the_output_states_the_date_used(golden: Golden) -> None:
    result = runner.invoke(app, ["review", str(SHIPPED), "--as-of", "2020-10-12"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("审核进度：重庆市渝北区基层政务公开标准目录（截至 2020年10月12日）")
    golden(ROOT / "tests/golden/review/shipped-2020-10-12.txt", result.stdout)


def test_today_is_the_default_and_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    data = review_json(SHIPPED)
    assert data["as_of"] == date.today().isoformat()


def test_english_output() -> None:
    result = runner.invoke(
        app, ["review", str(SHIPPED), "--as-of", "2020-10-12", "--lang", "en"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "Review status:" in result.stdout
    assert "(as of 2020-10-12)" in result.stdout
    assert "returned for changes" in result.stdout
    assert "days overdue" in result.stdout
    assert "审核进度" not in result.stdout
    assert "逾期" not in result.stdout


def test_a_town_has_its_own_records() -> None:
    data = review_json(SHIPPED, "--as-of", "2020-10-12", "--unit", "龙溪街道")
    assert data["unit"] == "龙溪街道办事处"
    got = states(data)
    assert got["shjz"] == ("in-progress", "集中审查", "复审", 0, 1)
    assert got["ylfw"] == ("in-progress", "部门审核", "集中审查", 2, 0)
    assert got["aqsc"] == ("not-started", None, "部门审核", 22, 0)
    rows = {row["slug"]: row for row in data["domains"]}  # type: ignore[union-attr]
    assert rows["shjz"]["lead"] == "龙溪街道办事处"
    assert rows["shjz"]["record"] == "reviews/longxi/shjz.yaml"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--as-of", "2020-13-01"], "--as-of 的值“2020-13-01”不是日期"),
        (["--format", "xlsx"], "-o"),
        (["--unit", "不存在镇"], "单位名录中没有镇街“不存在镇”"),
    ],
)
def test_cannot_run_is_exit_2_with_a_chinese_reason(args: list[str], words: str) -> None:
    result = runner.invoke(app, ["review", str(SHIPPED), *args])
    assert result.exit_code == 2
    assert words in result.output


def test_a_catalogue_without_a_review_chain_cannot_be_reviewed(tmp_path: Path) -> None:
    folder = build_case(CASES / "valid" / "plain", tmp_path)
    result = runner.invoke(app, ["review", str(folder)])
    assert result.exit_code == 2
    assert "zwgk.yaml 没有设置审核流程 (review.stages)" in result.output


def test_an_edit_after_approval_is_found_and_a_layout_change_is_not(tmp_path: Path) -> None:
    before = states(review_json(SHIPPED, "--as-of", "2020-10-12"))["shjz"]
    relaid = edited_copy(
        SHIPPED,
        tmp_path / "relaid",
        {"shjz.yaml": [("domain: 社会救助\n", "# 只改注释\ndomain: 社会救助\n")]},
    )
    assert states(review_json(relaid, "--as-of", "2020-10-12"))["shjz"] == before
    edited = edited_copy(
        SHIPPED, tmp_path / "edited", {"shjz.yaml": [("统计时段（按季度）", "统计时段（按月）")]}
    )
    got = states(review_json(edited, "--as-of", "2020-10-12"))["shjz"]
    assert got == ("stale", None, "部门审核", 22, 0)


def scored_case(tmp_path: Path) -> Path:
    """The review case with two planted findings on shjz-001 and shjz-002, and one waived."""
    folder = build_case(CASES / "valid" / "review", tmp_path)
    shjz = folder / "shjz.yaml"
    text = shjz.read_text(encoding="utf-8")
    text = text.replace(
        "basis: [《社会救助暂行办法》（国务院令第649号）]\n    time_limit: 制定",
        "basis: [社会救助暂行办法]\n    time_limit: 制定",
        1,
    )
    text = text.replace("自收到申请之日起20个工作日内", "自收到申请之日起30个工作日内", 1)
    shjz.write_text(text, encoding="utf-8")
    return folder


def test_the_scorecard_is_the_documented_formula_over_validates_findings(tmp_path: Path) -> None:
    folder = scored_case(tmp_path)
    result = check_catalogue(folder)
    codes = sorted({d.code for d in result.diagnostics})
    assert codes == ["basis-no-title", "time-limit-application"], codes
    board = build_dashboard(result, date(2020, 10, 12))
    rows = {row.slug: row for row in board.rows}
    score = rows["shjz"].score
    assert score.items == 2
    assert score.flagged == {"citations": 1, "time-limits": 1}
    # 30×1 + 15×½ + 20×½ + 15×1 + 10×1 + 10×1 (docs/review.md)
    assert score.conformity == pytest.approx(82.5)
    assert rows["zdjsxm"].score.conformity == pytest.approx(100.0)
    assert board.conformity == pytest.approx((82.5 + 100.0) / 2)
    assert score.coverage is None  # no upstream guideline to measure against
    assert [c.weight for c in CLASSES] == [30, 15, 20, 15, 10, 10]


def test_a_waived_warning_does_not_lower_the_score(tmp_path: Path) -> None:
    folder = scored_case(tmp_path)
    shjz = folder / "shjz.yaml"
    text = shjz.read_text(encoding="utf-8").replace(
        "    basis: [社会救助暂行办法]\n",
        "    basis: [社会救助暂行办法]\n    waivers:\n      - {code: basis-no-title, reason: 原文如此}\n",
        1,
    )
    shjz.write_text(text, encoding="utf-8")
    row = next(
        r for r in build_dashboard(check_catalogue(folder), date(2020, 10, 12)).rows if r.slug == "shjz"
    )
    assert row.score.flagged == {"time-limits": 1}
    assert row.score.conformity == pytest.approx(90.0)


def test_coverage_comes_from_the_upstream_claims() -> None:
    board = build_dashboard(check_catalogue(SHIPPED), date(2020, 10, 12))
    assert {row.score.coverage for row in board.rows} == {100.0}
    row = next(r for r in board.rows if r.slug == "aqsc")
    assert (row.score.applicable, row.score.claimed + row.score.declined, row.score.missing) == (
        row.score.applicable,
        row.score.applicable,
        0,
    )


def test_a_required_domain_without_a_file_scores_zero_coverage(tmp_path: Path) -> None:
    folder = edited_copy(SHIPPED, tmp_path / "c", {})
    (folder / "ssgl.yaml").unlink()
    (folder / "reviews" / "ssgl.yaml").unlink()
    board = build_dashboard(check_catalogue(folder), date(2020, 10, 12))
    row = next(r for r in board.rows if r.domain == "税收管理")
    assert (row.slug, row.state, row.score.coverage, row.score.conformity) == ("", "no-file", 0.0, None)


def test_an_opinion_counts_as_open_until_the_day_it_was_dealt_with() -> None:
    opinion = Opinion.model_validate(
        {"date": "2020-10-01", "by": "区政务办", "text": "改", "status": "已修改", "closed": "2020-10-20"}
    )
    assert opinion.status_on(date(2020, 10, 19)) == "未处理"
    assert opinion.status_on(date(2020, 10, 20)) == "已修改"


# 先审后发


def test_build_requiring_a_stage_withholds_exactly_the_domains_not_approved(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    result = build(SHIPPED, out, require_stage="定稿")
    assert result.gate is not None
    assert sorted(row.slug for row in result.gate.withheld) == ["cszhzf", "fp"]
    assert not (out / "cszhzf.html").exists()
    assert not (out / "fp.html").exists()
    assert (out / "aqsc.html").exists()
    data = json.loads((out / "catalogue.json").read_text(encoding="utf-8"))
    published = {d["slug"] for d in data["domains"]}
    assert len(published) == 24
    assert not published & {"cszhzf", "fp"}
    assert "cszhzf-" not in (out / "catalogue.csv").read_text(encoding="utf-8")
    tasks = (out / "tasks.html").read_text(encoding="utf-8")
    assert (
        '编制重庆市渝北区城市综合执法领域政务公开标准目录<span class="pending">（未定稿，暂不公开）' in tasks
    )
    assert "26个试点领域" in tasks
    assert "另有 2 个领域未定稿，经审核后再公开：城市综合执法、扶贫" in (out / "index.html").read_text(
        encoding="utf-8"
    )


def test_without_the_option_the_build_publishes_everything(tmp_path: Path) -> None:
    result = build(SHIPPED, tmp_path / "dist")
    assert result.gate is None
    assert (tmp_path / "dist" / "cszhzf.html").exists()
    assert "pending" not in (tmp_path / "dist" / "tasks.html").read_text(encoding="utf-8")


def test_an_edit_after_approval_withholds_the_domain_again(tmp_path: Path) -> None:
    folder = edited_copy(
        SHIPPED, tmp_path / "c", {"czyjs.yaml": [("\ndue: ", "\npartners: [区审计局]\ndue: ")]}
    )
    result = build(folder, tmp_path / "dist", require_stage="定稿")
    assert result.gate is not None
    withheld = {row.slug: row for row in result.gate.withheld}
    assert sorted(withheld) == ["cszhzf", "czyjs", "fp"]
    assert withheld["czyjs"].state == "stale"


def test_the_setting_requires_the_stage_and_the_cli_lists_what_is_withheld(tmp_path: Path) -> None:
    folder = edited_copy(
        SHIPPED,
        tmp_path / "c",
        {"zwgk.yaml": [("  office: 区政务办\n", "  office: 区政务办\n  require: 定稿\n")]},
    )
    result = runner.invoke(app, ["build", str(folder), "-o", str(tmp_path / "dist")], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert (
        "未公开 城市综合执法（区住房城乡建委）：尚未通过“定稿”，已通过“复审”（2020-10-27）。" in result.output
    )
    assert "未公开 扶贫（区扶贫办）：尚未通过“定稿”，已通过“部门审核”（2020-09-28）。" in result.output


def test_towns_need_their_own_approval(tmp_path: Path) -> None:
    result = build(SHIPPED, tmp_path / "dist", units=["龙溪街道"], require_stage="集中审查")
    assert result.gate is not None
    town = {row.slug for row in result.gate.towns["longxi"]}
    assert "shjz" not in town
    assert "ylfw" in town
    local = json.loads((tmp_path / "dist/units/longxi/catalogue.json").read_text(encoding="utf-8"))
    assert [d["slug"] for d in local["domains"]] == ["shjz"]


@pytest.mark.parametrize(("stage", "words"), [("终稿", "“终稿”不是审核流程中的环节"), ("定稿", None)])
def test_an_unknown_required_stage_stops_the_build(tmp_path: Path, stage: str, words: str | None) -> None:
    folder = tmp_path / "c"
    shutil.copytree(SHIPPED, folder)
    result = runner.invoke(
        app, ["build", str(folder), "-o", str(tmp_path / "dist"), "--require-stage", stage]
    )
    if words is None:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 2
        assert words in result.output
