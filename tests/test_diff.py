"""`zwgk diff` on real git repositories: every kind of change, every format, exit codes, both
sides checked, migrations, and the 调整说明 page in the built site."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path, PurePosixPath
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from catalogue_repo import commit, edit, git
from conftest import ROOT, Golden
from zwgk_cli.build.builder import build
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.app import app
from zwgk_cli.core.diagnostics import ZwgkError
from zwgk_cli.history import migrations
from zwgk_cli.history.changes import CatalogueDiff, Side, diff_sides
from zwgk_cli.history.compare import compare
from zwgk_cli.render.change_report import diff_data, render_json

FIXTURE = ROOT / "tests" / "fixtures" / "site"
GOLDEN = ROOT / "tests" / "golden" / "diff"
runner = CliRunner()


def in_repo(repo: Path, *args: str) -> tuple[int, str, str]:
    old = Path.cwd()
    os.chdir(repo)
    try:
        result = runner.invoke(app, ["diff", *args])
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def test_formatting_comments_and_key_order_are_not_changes(repo: Path) -> None:
    comparison = compare("v2020", "reformatted", Path("catalogues"), repo)
    assert not comparison.diff.has_changes
    code, out, _ = in_repo(repo, "v2020", "reformatted", "--exit-code")
    assert code == 0
    assert "两个版本的目录内容相同" in out


def test_every_kind_of_change(repo: Path) -> None:
    diff = compare("v2020", "v2021", Path("catalogues"), repo).diff
    assert diff.totals() == {"added": 1, "removed": 1, "changed": 3, "moved": 0, "renumbered": 2}
    by_slug = {d.slug: d for d in diff.changed_domains()}
    shjz = by_slug["shjz"]
    assert shjz.counts() == {
        "added": 1,
        "removed": 0,
        "changed": 1,
        "moved_in": 0,
        "moved_out": 1,
        "renumbered": 1,
    }
    assert shjz.reordered
    changed = next(c for c in shjz.items if c.kind == "changed")
    assert changed.id == "shjz-001"
    fields = {f.key: f for f in changed.fields}
    assert fields["basis"].added == ("《重庆市城乡居民最低生活保障条例》",)
    assert fields["channels"].added == ("两微一端",)
    assert fields["channels"].removed == ()
    renumbered = next(c for c in shjz.items if c.kind == "renumbered" and c.old_domain == c.new_domain)
    assert (renumbered.old_id, renumbered.id, renumbered.fields) == ("shjz-003", "shjz-009", ())
    moved = next(c for c in shjz.items if c.kind == "renumbered" and c.old_domain != c.new_domain)
    assert (moved.old_id, moved.id, moved.new_domain) == ("shjz-004", "zdjsxm-004", "zdjsxm")
    assert moved in by_slug["zdjsxm"].items
    ggzyjy = by_slug["ggzyjy"]
    assert [(f.key, f.old, f.new) for f in ggzyjy.header] == [("due", "2020-10-30", "2020-11-30")]
    time_limit = next(c for c in ggzyjy.items if c.id == "ggzyjy-001").fields[0]
    assert (time_limit.key, time_limit.old, time_limit.new) == (
        "time_limit",
        "实时",
        "信息形成之日起实时公开",
    )
    assert next(c for c in ggzyjy.items if c.id == "ggzyjy-002").fields[0].removed == ("政府网站",)
    removed = next(c for c in by_slug["zdjsxm"].items if c.kind == "removed")
    assert removed.id == "zdjsxm-002"
    settings = {f.key: f for f in diff.settings}
    assert settings["units"].added == ("区大数据局",)
    assert settings["channels"].added == ("两微一端",)


@pytest.mark.parametrize(
    ("fmt", "name"), [("text", "text.txt"), ("markdown", "markdown.md"), ("html", "changes.html")]
)
def test_formats_golden(repo: Path, golden: Golden, fmt: str, name: str) -> None:
    code, out, _ = in_repo(repo, "v2020", "v2021", "--format", fmt)
    assert code == 0
    golden(GOLDEN / name, out)


def test_json_structure(repo: Path) -> None:
    code, out, _ = in_repo(repo, "v2020", "v2021", "--format", "json", "--exit-code")
    assert code == 1
    data = json.loads(out)
    assert data["version"] == 1
    assert (data["old"], data["new"], data["changed"]) == (
        "2020年版（标签 v2020，2020-10-30 提交“2020年版”）",
        "2020年版（标签 v2021，2020-10-30 提交“移动事项、调整设置”）",
        True,
    )
    assert data["summary"]["renumbered"] == 2
    kinds = {(i["kind"], i["id"]) for d in data["domains"] for i in d["items"]}
    assert ("added", "shjz-005") in kinds
    assert ("removed", "zdjsxm-002") in kinds
    domain = next(d for d in data["domains"] if d["slug"] == "ggzyjy")
    assert domain["header"] == [
        {
            "key": "due",
            "title": "完成时间",
            "old": "2020-10-30",
            "new": "2020-11-30",
            "added": [],
            "removed": [],
            "origin": "district",
        }
    ]
    assert set(domain["counts"]) == {"added", "removed", "changed", "moved_in", "moved_out", "renumbered"}


def test_default_compares_head_with_the_working_tree_without_touching_it(repo: Path) -> None:
    path = repo / "catalogues" / "ggzyjy.yaml"
    before = path.read_bytes()
    try:
        edit(path, "name: 招标公告", "name: 招标公告和资格预审公告")
        status = git(repo, "status", "--porcelain")
        code, out, _ = in_repo(repo)
        assert code == 0
        assert (
            "2020年版（标签 v2021，2020-10-30 提交“移动事项、调整设置”） → 2020年版（当前文件，未提交）"
            in out
        )
        assert "招标公告和资格预审公告" in out
        assert git(repo, "status", "--porcelain") == status
        assert "招标公告和资格预审公告" in path.read_text(encoding="utf-8")
        assert in_repo(repo, "--exit-code")[0] == 1
    finally:
        path.write_bytes(before)
    assert in_repo(repo, "--exit-code")[0] == 0


def test_two_folders_and_a_subfolder_catalogue(repo: Path, tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(FIXTURE, old)
    code, out, _ = in_repo(repo, str(old), str(repo / "catalogues"))
    assert code == 0
    assert "新增 1 项" in out
    # a catalogue kept deeper in a larger repository, compared from a subfolder
    big = tmp_path / "big"
    shutil.copytree(repo, big)
    git(big, "mv", "catalogues", "data")
    (big / "data" / "more").mkdir()
    commit(big, "目录移到 data/")
    edit(big / "data" / "shjz.yaml", "name: 救助结果公示", "name: 临时救助结果公示")
    cwd = Path.cwd()
    os.chdir(big / "data" / "more")
    try:
        result = runner.invoke(app, ["diff", "HEAD", "--dir", "..", "--format", "json"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["old"] == "2020年版（2020-10-30 提交“目录移到 data/”）"
    assert [i["id"] for d in data["domains"] for i in d["items"]] == ["shjz-005"]


def test_cannot_run(repo: Path, tmp_path: Path) -> None:
    code, _, err = in_repo(repo, "v1999")
    assert code == 2
    assert "git 中没有版本“v1999”" in err
    code, _, err = in_repo(repo, "--option-like", "x")
    assert code == 2
    outside = tmp_path / "plain"
    shutil.copytree(FIXTURE, outside / "catalogues")
    code, _, err = in_repo(outside, "HEAD")
    assert code == 2
    assert "不在 git 仓库中" in err
    code, _, err = in_repo(repo, "v2020", "--dir", "nowhere")
    assert code == 2
    assert "没有 zwgk.yaml" in err


@pytest.mark.parametrize("kind", ["blob:none", "tree:0"])
def test_a_partial_clone_whose_origin_is_gone_says_so(repo: Path, tmp_path: Path, kind: str) -> None:
    origin = tmp_path / "origin"
    shutil.copytree(repo, origin)
    git(origin, "config", "uploadpack.allowFilter", "true")
    clone = tmp_path / "clone"
    url = origin.resolve().as_uri()
    git(tmp_path, "-c", "protocol.file.allow=always", "clone", "-q", f"--filter={kind}", url, str(clone))
    shutil.rmtree(origin)  # the old version's files were never fetched, and now cannot be
    code, out, err = in_repo(clone, "v2020")
    assert code == 2, out
    assert err.startswith("错误：无法从 git 读取版本 v2020 的文件：")
    assert "could not fetch" in err
    assert "部分克隆" in err
    assert len(err.splitlines()) == 1
    code, _, _ = in_repo(clone, "v2021")  # HEAD's files came with the clone
    assert code == 0


def test_a_side_with_errors_is_named_and_the_rest_compared(repo: Path, tmp_path: Path) -> None:
    work = tmp_path / "broken"
    shutil.copytree(repo, work)
    edit(work / "catalogues" / "shjz.yaml", "mode: [依申请]", "mode: [依申请公开]")
    (work / "catalogues" / "jz.yaml").write_text("domain: 救灾\nitems: [\n", encoding="utf-8")
    code, out, err = in_repo(work, "v2021")
    assert code == 0
    assert "新版本 2020年版（当前文件，未提交） 有" in err
    assert "field-value" in err
    assert "yaml-syntax" in err
    assert "修改 shjz-009" in out
    assert "公开方式 (mode)：− 依申请  + 依申请公开\n" in out


def test_schema_migrations(monkeypatch: pytest.MonkeyPatch) -> None:
    assert migrations.migrate({"schema_version": 1}, [], "x") == []
    with pytest.raises(ZwgkError, match="请升级 zwgk"):
        migrations.migrate({"schema_version": 9}, [], "x")
    with pytest.raises(ZwgkError, match="无法识别"):
        migrations.migrate({"schema_version": 0}, [], "x")

    def rename_lead(settings: dict[str, object], domains: list[dict[str, object]]) -> None:
        for domain in domains:
            domain["lead"] = domain.pop("responsible")

    monkeypatch.setattr(migrations, "CURRENT_SCHEMA", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: ("主体责任单位改名为 lead", rename_lead)})
    settings: dict[str, object] = {"schema_version": 1}
    domains: list[dict[str, object]] = [{"responsible": "区民政局"}]
    notes = migrations.migrate(settings, domains, "v2019:catalogues/")
    assert settings["schema_version"] == 2
    assert domains == [{"lead": "区民政局"}]
    assert notes == ["v2019:catalogues/：按格式版本 1 → 2 的迁移规则读取（主体责任单位改名为 lead）。"]


def test_a_newer_format_asks_for_a_newer_zwgk(repo: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer"
    shutil.copytree(FIXTURE, newer)
    edit(newer / "zwgk.yaml", "schema_version: 1", "schema_version: 3")
    code, _, err = in_repo(repo, "v2020", str(newer))
    assert code == 2
    assert "请升级 zwgk" in err


def test_build_since_adds_the_changes_page(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    cwd = Path.cwd()
    os.chdir(repo)
    try:
        result = runner.invoke(app, ["build", "catalogues", "-o", str(out), "--since", "v2020"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    page = (out / "changes.html").read_text(encoding="utf-8")
    assert "调整说明" in page
    assert 'href="shjz.html#shjz-005"' in page
    assert 'href="zdjsxm.html#zdjsxm-004"' in page
    assert "<del>实时</del>" in page
    assert 'href="changes.html"' in (out / "index.html").read_text(encoding="utf-8")
    assert 'href="changes.html"' not in (out / "index.html").read_text(encoding="utf-8").split("<main")[1]
    plain = tmp_path / "plain"
    build(repo / "catalogues", plain)
    assert not (plain / "changes.html").exists()
    assert 'href="changes.html"' not in (plain / "index.html").read_text(encoding="utf-8")


def test_standalone_page_is_self_contained_and_escaped(repo: Path, tmp_path: Path) -> None:
    work = tmp_path / "hostile"
    shutil.copytree(repo, work)
    edit(work / "catalogues" / "shjz.yaml", "name: 救助结果公示", 'name: "<script>alert(1)</script>"')
    code, out, _ = in_repo(work, "v2021", "--format", "html")
    assert code == 0
    assert "<script" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<style>" in out
    assert not re.search(r'(src|href)="(?!#)', out), "a standalone page refers to no other file"
    code, md_out, _ = in_repo(work, "v2021", "--format", "markdown")
    assert "\\<script\\>alert(1)\\</script\\>" in md_out


def test_a_large_diff(tmp_path: Path) -> None:
    """Every item of the shipped catalogue changed (timed in benchmarks/bench_diff.py)."""
    changed = tmp_path / "changed"
    shutil.copytree(ROOT / "catalogues", changed)
    for path in changed.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(every_item_linked(text), encoding="utf-8")
    diff = compare(str(ROOT / "catalogues"), str(changed), Path("catalogues"), ROOT).diff
    assert diff.totals()["changed"] == check_catalogue(ROOT / "catalogues").summary.items
    assert all([f.key for f in c.fields] == ["link"] for d in diff.domains for c in d.items)
    standard = json.dumps(diff_data(diff), ensure_ascii=False, indent=2, default=str) + "\n"
    assert render_json(diff) == standard


def every_item_linked(text: str) -> str:
    """Give every item of a domain file a portal link (a change every item, claimed or not, can take)."""
    return re.sub(
        r"(?m)^  - id: ([a-z0-9-]+)$", r"  - id: \1\n    link: https://www.example.gov.cn/zwgk/\1.html", text
    )


def test_diff_of_plain_data_ignores_defaults() -> None:
    old = Side("a", {}, {"x": {"domain": "X", "items": [{"id": "x-1", "name": "n", "content": []}]}})
    new = Side("b", {}, {"x": {"domain": "X", "partners_etc": False, "items": [{"id": "x-1", "name": "n"}]}})
    assert not diff_sides(old, new).has_changes


def test_changes_pages_are_valid_html(repo: Path, tmp_path: Path) -> None:
    from test_html_validity import vnu_problems

    out = tmp_path / "dist"
    cwd = Path.cwd()
    os.chdir(repo)
    try:
        assert runner.invoke(app, ["build", "catalogues", "-o", str(out), "--since", "v2020"]).exit_code == 0
        standalone = tmp_path / "standalone.html"
        standalone.write_text(in_repo(repo, "v2020", "v2021", "--format", "html")[1], encoding="utf-8")
    finally:
        os.chdir(cwd)
    assert vnu_problems([out / "changes.html", standalone]) == []


def _item(ident: str, **fields: object) -> dict[str, object]:
    return {"id": ident, "category": "甲", "name": ident, "time_limit": "实时", **fields}


def test_moves_new_domains_and_settings_entries() -> None:
    old = Side(
        "旧",
        {
            "units": [{"name": "区民政局", "slug": "mzj", "kind": "区政府部门", "full_name": "民政局"}],
            "levels": ["区级", "镇街"],
        },
        {
            "a": {"domain": "甲领域", "order": 1, "lead": "区民政局", "items": [_item("a-1"), _item("a-2")]},
            "gone": {"domain": "撤销领域", "order": 3, "items": [_item("gone-1")]},
        },
    )
    new = Side(
        "新",
        {
            "units": [
                {"name": "区民政局", "slug": "mzj", "kind": "区政府部门", "full_name": "重庆市某区民政局"}
            ],
            "levels": ["区级", "镇街", "村级"],
        },
        {
            "a": {
                "domain": "甲领域",
                "order": 1,
                "lead": "区财政局",
                "items": [_item("a-1", channels=["乙", "甲"])],
            },
            "b": {"domain": "乙领域", "order": 2, "items": [_item("a-2")]},
        },
    )
    old.domains["a"]["items"][0]["channels"] = ["甲", "乙"]  # type: ignore[index]
    diff = diff_sides(old, new)
    by_slug = {d.slug: d for d in diff.domains}
    assert [d.slug for d in diff.domains] == ["a", "b", "gone"]
    assert (by_slug["b"].status, by_slug["gone"].status) == ("added", "removed")
    moved = next(c for c in by_slug["b"].items if c.kind == "moved")
    assert (moved.id, moved.old_domain, moved.new_domain) == ("a-2", "a", "b")
    assert moved in by_slug["a"].items
    assert by_slug["a"].counts()["moved_out"] == 1
    assert by_slug["b"].counts()["moved_in"] == 1
    assert [(f.key, f.old, f.new) for f in by_slug["a"].header] == [("lead", "区民政局", "区财政局")]
    reordered = next(c for c in by_slug["a"].items if c.id == "a-1").fields[0]
    assert reordered.reordered_only
    assert [c.kind for c in by_slug["gone"].items] == ["removed"]
    settings = {f.key: f for f in diff.settings}
    assert settings["levels"].added == ("村级",)
    unit = settings["units[区民政局].full_name"]
    assert (unit.title, unit.old, unit.new) == ("单位名录“区民政局”的 单位全称", "民政局", "重庆市某区民政局")
    assert diff.totals() == {"added": 0, "removed": 1, "changed": 1, "moved": 1, "renumbered": 0}


# ---- the published catalogue: claimed items as inherited from the upstream catalogue ------------


@pytest.fixture
def two_sides(tmp_path: Path) -> tuple[Path, Path]:
    """The shipped catalogue (whose 社会救助/养老服务/户籍管理 claim upstream items) twice."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(ROOT / "catalogues", old)
    shutil.copytree(ROOT / "catalogues", new)
    return old, new


def _folders(old: Path, new: Path) -> CatalogueDiff:
    return compare(str(old), str(new), Path("catalogues"), old.parent).diff


def test_an_upstream_change_reaching_a_claimed_item_is_a_change(two_sides: tuple[Path, Path]) -> None:
    old, new = two_sides
    edit(
        new / "upstream-chongqing" / "ylfw.yaml",
        "name: 养老服务扶持政策措施清单",
        "name: 养老服务扶持政策措施目录",
    )
    diff = _folders(old, new)
    assert diff.has_changes
    changes = [c for d in diff.domains for c in d.items]
    assert [(c.kind, c.id, c.origin, c.claims) for c in changes] == [
        ("changed", "ylfw-002", "upstream", "ylfw-002")
    ]
    (change,) = changes
    assert (change.category, change.name) == ("养老服务通用政策", "养老服务扶持政策措施目录")
    assert change.upstream_title == "养老服务通用政策 · 养老服务扶持政策措施目录"
    assert [(f.key, f.old, f.new, f.origin) for f in change.fields] == [
        ("name", "养老服务扶持政策措施清单", "养老服务扶持政策措施目录", "upstream")
    ]
    code, out, _ = in_repo(old.parent, "old", "new")
    assert code == 0
    assert "修改 ylfw-002 养老服务通用政策 · 养老服务扶持政策措施目录（上级目录事项 ylfw-002" in out
    assert "二级事项 (name)（上级目录调整）" in out
    data = json.loads(in_repo(old.parent, "old", "new", "--format", "json")[1])
    (item,) = [i for d in data["domains"] for i in d["items"]]
    assert (item["origin"], item["upstream"]["id"], item["fields"][0]["origin"]) == (
        "upstream",
        "ylfw-002",
        "upstream",
    )
    assert "上级目录调整" in in_repo(old.parent, "old", "new", "--format", "html")[1]
    assert "上级目录事项 ylfw-002" in in_repo(old.parent, "old", "new", "--format", "markdown")[1]


def test_an_inherited_value_written_out_is_no_change(two_sides: tuple[Path, Path]) -> None:
    old, new = two_sides
    edit(
        new / "ylfw.yaml",
        "  - id: ylfw-003\n",
        "    category: 养老服务通用政策\n    mode: [主动]\n  - id: ylfw-003\n",  # ylfw-002's inherited values
    )
    diff = _folders(old, new)
    assert not diff.has_changes, [c for d in diff.domains for c in d.items]
    code, out, _ = in_repo(old.parent, "old", "new", "--exit-code")
    assert code == 0
    assert "两个版本的目录内容相同" in out


def test_a_district_override_of_a_claimed_item_is_the_districts_edit(two_sides: tuple[Path, Path]) -> None:
    old, new = two_sides
    edit(
        new / "ylfw.yaml",
        "  - id: ylfw-003\n",
        "    mode: [依申请]\n  - id: ylfw-003\n",  # overrides ylfw-002's inherited mode
    )
    (change,) = [c for d in _folders(old, new).domains for c in d.items]
    assert (change.id, change.origin, change.name) == ("ylfw-002", "district", "养老服务扶持政策措施清单")
    assert [(f.key, f.old, f.new, f.origin) for f in change.fields] == [
        ("mode", ["主动"], ["依申请"], "district")
    ]


def test_claimed_items_are_named(two_sides: tuple[Path, Path]) -> None:
    old, new = two_sides
    text = (new / "shjz.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: shjz-010\n")  # claims shjz-006
    end = text.index("  - id: ", start + 1)
    (new / "shjz.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    (change,) = [c for d in _folders(old, new).domains for c in d.items]
    assert change.kind == "removed"
    assert change.category
    assert change.name
    out = in_repo(old.parent, "old", "new")[1]
    # the upstream item's title is not repeated when the district kept it
    assert f"删除 shjz-010 {change.category} · {change.name}（认领上级目录事项 shjz-006）\n" in out


def test_versions_are_named_as_people_know_them(two_sides: tuple[Path, Path]) -> None:
    old, new = two_sides
    page = in_repo(old.parent, str(old), str(new), "--format", "html")[1]
    assert str(old.parent) not in page
    # two folders of one edition: the edition, and each folder's own name to tell them apart
    assert f"<dd>2020年版（{old.name}）</dd>" in page
    assert f"<dd>2020年版（{new.name}）</dd>" in page
    assert "工作区" not in page


# ---- property: the difference is the difference of the published catalogues ---------------------

_FIELDS = ("category", "name", "time_limit", "channels")
_VALUES = {
    "category": st.sampled_from(["甲", "乙"]),
    "name": st.sampled_from(["一", "二", "三"]),
    "time_limit": st.sampled_from(["实时", "10个工作日内"]),
    "channels": st.lists(st.sampled_from(["政府网站", "政务服务中心"]), min_size=1, max_size=2, unique=True),
}


@st.composite
def _catalogue(draw: st.DrawFn) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Upstream items by id, and the district's items: each claims one and overrides some fields."""
    count = draw(st.integers(1, 4))
    upstream = {f"u-{i}": {key: draw(_VALUES[key]) for key in _FIELDS} for i in range(count)}
    items = []
    for index in range(draw(st.integers(1, 4))):
        claim = draw(st.sampled_from(sorted(upstream)))
        overrides = draw(st.lists(st.sampled_from(_FIELDS), unique=True, max_size=2))
        items.append({"id": f"d-{index}", "claims": claim, **{key: draw(_VALUES[key]) for key in overrides}})
    return upstream, items


def _side(label: str, upstream: dict[str, dict[str, Any]], items: list[dict[str, Any]]) -> Side:
    """A side as compare() builds it: claimed items completed from the upstream, as check does."""
    published = []
    for raw in items:
        parent = upstream[raw["claims"]]
        published.append({**{k: v for k, v in parent.items() if k not in raw}, **raw})
    upstream_items = {ident: SimpleNamespace(title=data["name"]) for ident, data in upstream.items()}
    return Side(
        label,
        {},
        {"d": {"domain": "领域", "items": published}},
        {"d": {"domain": "领域", "items": items}},
        upstream_items,
    )


def _published(
    upstream: dict[str, dict[str, Any]], items: list[dict[str, Any]]
) -> dict[tuple[str, str], Any]:
    return {
        (raw["id"], key): raw.get(key, upstream[raw["claims"]].get(key)) for raw in items for key in _FIELDS
    }


@settings(max_examples=300, deadline=None)
@given(_catalogue(), st.data())
def test_diff_lists_exactly_the_changed_published_fields(
    catalogue: tuple[dict[str, dict[str, Any]], list[dict[str, Any]]], data: st.DataObject
) -> None:
    upstream, items = catalogue
    new_upstream = {ident: dict(fields) for ident, fields in upstream.items()}
    new_items = [dict(raw) for raw in items]
    for _ in range(data.draw(st.integers(0, 4))):
        edit_kind = data.draw(st.sampled_from(["explicit", "reorder", "local", "upstream"]))
        raw = data.draw(st.sampled_from(new_items))
        key = data.draw(st.sampled_from(_FIELDS))
        if edit_kind == "explicit":  # an inherited value written out: publishes the same
            raw[key] = raw.get(key, new_upstream[raw["claims"]][key])
        elif edit_kind == "reorder":  # key order: publishes the same
            reordered = dict(reversed(list(raw.items())))
            raw.clear()
            raw.update(reordered)
        elif edit_kind == "local":
            raw[key] = data.draw(_VALUES[key])
        else:
            new_upstream[raw["claims"]][key] = data.draw(_VALUES[key])
    before, after = _published(upstream, items), _published(new_upstream, new_items)
    expected = {place for place in before if before[place] != after[place]}
    diff = diff_sides(_side("旧", upstream, items), _side("新", new_upstream, new_items))
    found = {(change.id, f.key) for d in diff.domains for change in d.items for f in change.fields}
    assert all(change.kind == "changed" for d in diff.domains for change in d.items)
    assert found == expected
    assert diff.has_changes == bool(expected)
    for d in diff.domains:
        for change in d.items:
            for f in change.fields:
                inherited = f.key not in next(r for r in items if r["id"] == change.id) and f.key not in next(
                    r for r in new_items if r["id"] == change.id
                )
                assert f.origin == ("upstream" if inherited else "district")


def test_both_sides_locate_findings_item_by_item(tmp_path: Path) -> None:
    """diff reads a file with findings again for positions the way validate does: only the items
    asked about go through the careful reader, in a folder and at a git revision alike."""
    from catalogue_repo import FIXTURE
    from zwgk_cli.history.revisions import folder_snapshot, revision_snapshot
    from zwgk_cli.sources.parts import careful_parts_read

    folder = tmp_path / "catalogues"
    shutil.copytree(FIXTURE, folder)
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "2020年版", tag="v1")
    for snapshot in (folder_snapshot(folder), revision_snapshot(tmp_path, "v1", PurePosixPath("catalogues"))):
        load = snapshot.reload(snapshot.domains[0].document.path)  # type: ignore[union-attr]
        assert load.document is not None
        assert careful_parts_read(load.document) == 0
        assert load.document.value_pos(("items", 0, "id")).line > 0
        assert careful_parts_read(load.document) == 2  # the file's head, and that one item
