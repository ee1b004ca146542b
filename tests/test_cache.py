"""The cache of per-file results (`check.cache`) never changes what `validate` reports: cached ==
uncached on a generated catalogue with problems planted in many files, before and after an edit,
with the pool and without; a changed zwgk.yaml, a corrupt or a foreign entry are never trusted."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

# the planted catalogue and its helpers are test_pool's
from conftest import ROOT, build_case
from test_build_hardening import tree
from test_pool import CASE_FOLDERS, _edit, _ids, _same, planted  # noqa: F401
from zwgk_cli.build.builder import build
from zwgk_cli.check import cache as cache_module
from zwgk_cli.check import columns, file_check, pipeline
from zwgk_cli.check.cache import FOLDER_NAME, STAT_NAME, FileCache, default_folder
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.cli.app import app
from zwgk_cli.cli.options import cache_folder
from zwgk_cli.core.models import Waiver


@pytest.fixture
def catalogue(planted: Path, tmp_path: Path) -> Path:  # noqa: F811
    """A copy of the planted catalogue this test may edit."""
    return Path(shutil.copytree(planted, tmp_path / "catalogue"))


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json")) if folder.exists() else []


def _checked(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the next checks read and check themselves (not taken from the cache)."""
    seen: list[Path] = []
    real = pipeline.check_located

    def spy(path, sf, upstream=None):  # type: ignore[no-untyped-def]
        seen.append(path)
        return real(path, sf, upstream)

    monkeypatch.setattr(pipeline, "check_located", spy)
    return seen


def test_cached_is_uncached_before_and_after_an_edit(
    catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    files = sorted(p for p in catalogue.glob("*.yaml") if p.name != "zwgk.yaml")
    uncached = check_catalogue(catalogue, jobs=1, models=False)
    _same(check_catalogue(catalogue, jobs=1, models=False, cache=cache), uncached)  # cold: fills it
    assert len(_entries(cache)) == len(files)
    seen = _checked(monkeypatch)
    warm = check_catalogue(catalogue, jobs=1, models=False, cache=cache)
    _same(warm, uncached)
    assert seen == []  # every file from the cache
    assert not warm.cache_ignored
    # one file edited: only it is checked again, and the report is the uncached one's
    edited = files[len(files) // 2]
    _edit(edited, f"  - id: {_ids(edited)[4]}\n", f"  - id: {_ids(files[0])[1]}\n")
    again = check_catalogue(catalogue, jobs=1, models=False, cache=cache)
    assert seen == [edited]
    monkeypatch.undo()
    after = check_catalogue(catalogue, jobs=1, models=False)
    assert after.diagnostics != uncached.diagnostics  # the edit is seen
    _same(again, after)


def test_the_pool_fills_and_reads_it_too(
    catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    uncached = check_catalogue(catalogue, jobs=1, models=False)
    _same(check_catalogue(catalogue, jobs=2, models=False, cache=cache), uncached)
    _same(check_catalogue(catalogue, jobs=2, models=False, cache=cache), uncached)
    _same(check_catalogue(catalogue, jobs=1, models=False, cache=cache), uncached)
    # one file changed: a worker checks it while this process reads the others' entries
    files = sorted(p for p in catalogue.glob("*.yaml") if p.name != "zwgk.yaml")
    _edit(files[2], "  - id: ", "  - id: x", 1)
    seen = _checked(monkeypatch)
    cached = check_catalogue(catalogue, jobs=2, models=False, cache=cache)
    assert seen == []  # not in this process
    monkeypatch.undo()
    _same(cached, check_catalogue(catalogue, jobs=1, models=False))


def test_a_changed_settings_file_invalidates_every_entry(
    catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    check_catalogue(catalogue, jobs=1, models=False, cache=cache)
    settings = catalogue / "zwgk.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n# 一行注释\n", encoding="utf-8")
    seen = _checked(monkeypatch)
    check_catalogue(catalogue, jobs=1, models=False, cache=cache)
    assert len(seen) == len(list(catalogue.glob("*.yaml"))) - 1


@pytest.mark.parametrize(
    "damage",
    [
        "truncated",
        "garbage",
        "foreign-version",
        "other-key",
        "bad-value",
        "a-link",
        "short-column",
        "far-row",
        "far-text",
        "long-list",
        "text-number",
    ],
)
def test_a_bad_entry_is_ignored_with_a_note(
    damage: str, catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    uncached = check_catalogue(catalogue, jobs=1, models=False)
    check_catalogue(catalogue, jobs=1, models=False, cache=cache)
    entries = _entries(cache)
    # the entry holding findings: trusting a damaged one would change the report
    entry = next(
        e for e in entries if '"code":"' in (text := e.read_text(encoding="utf-8")) and '"index":[0' in text
    )
    raw = entry.read_text(encoding="utf-8")
    data = json.loads(raw)
    if damage == "truncated":
        entry.write_text(raw[: len(raw) // 2], encoding="utf-8")
    elif damage == "garbage":
        entry.write_bytes(b"\x80\x04\x95 not json")
    elif damage == "foreign-version":
        entry.write_text(json.dumps({**data, "zwgk": "0.0.1"}), encoding="utf-8")
    elif damage == "other-key":
        entry.write_text(json.dumps({**data, "key": "0" * 64}), encoding="utf-8")
    elif damage == "a-link":
        entry.unlink()
        entry.symlink_to(entries[0] if entries[0] != entry else entries[1])
    elif damage == "short-column":  # the items are kept column by column: one cut short
        levels = data["outcome"]["file"]["items"]["columns"][2]
        assert levels["kind"] == "table"
        levels["rows"].pop()
        entry.write_text(json.dumps(data), encoding="utf-8")
    elif damage == "far-row":  # a value said to be in a row of the table counted from its end
        levels = data["outcome"]["file"]["items"]["columns"][2]
        levels["rows"][0] = -1
        entry.write_text(json.dumps(data), encoding="utf-8")
    elif damage in ("far-text", "long-list", "text-number"):  # the content elements, each text once
        content = data["outcome"]["file"]["items"]["columns"][3]
        assert content["kind"] == "strings"
        if damage == "far-text":
            content["flat"][0] = len(content["strings"])
        elif damage == "long-list":  # the lengths add up to more texts than there are
            content["lengths"][0] += 1
        else:
            content["flat"][0] = "0"
        entry.write_text(json.dumps(data), encoding="utf-8")
    else:
        data["outcome"]["rules"] = [{**d, "code": "no-such-code"} for d in data["outcome"]["rules"]]
        data["outcome"]["read"] = [{**d, "code": "no-such-code"} for d in data["outcome"]["read"]]
        entry.write_text(json.dumps(data), encoding="utf-8")
    result = check_catalogue(catalogue, jobs=1, models=False, cache=cache)
    _same(result, uncached)
    assert len(result.cache_ignored) == 1
    # the CLI says so, once, on stderr, in Chinese; stdout is the same
    monkeypatch.setenv("ZWGK_CACHE_DIR", str(tmp_path / "cli-cache"))
    shutil.copytree(cache, tmp_path / "cli-cache")
    (tmp_path / "cli-cache" / entry.relative_to(cache)).write_bytes(entry.read_bytes())
    runner = CliRunner()
    args = ["validate", str(catalogue), "--format", "json"]
    plain = runner.invoke(app, [*args, "--no-cache"], env={"NO_COLOR": "1"})
    entry_again = tmp_path / "cli-cache" / entry.relative_to(cache)
    entry_again.write_text("{", encoding="utf-8")
    noted = runner.invoke(app, args, env={"NO_COLOR": "1"})
    assert noted.stdout == plain.stdout
    assert noted.stderr.count("缓存条目") == 1
    assert "已忽略" in noted.stderr


def test_one_entry_a_file_however_often_it_changes(catalogue: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    files = sorted(p for p in catalogue.glob("*.yaml") if p.name != "zwgk.yaml")
    check_catalogue(catalogue, jobs=1, models=False, cache=cache)
    first = _entries(cache)
    stray = first[0].parent / "notes.txt"  # not an entry: never removed
    stray.write_text("keep", encoding="utf-8")
    for number in range(3):
        _edit(files[0], "  - id: ", f"  # edit {number}\n  - id: ", 1)
        check_catalogue(catalogue, jobs=1, models=False, cache=cache)
    entries = _entries(cache)
    assert len(entries) == len(files)  # the edited file's older entries are gone
    assert len(set(entries) - set(first)) == 1
    assert stray.read_text(encoding="utf-8") == "keep"


def test_a_linked_subfolder_is_never_followed(catalogue: Path, tmp_path: Path) -> None:
    cache, elsewhere = tmp_path / "cache", tmp_path / "elsewhere"
    uncached = check_catalogue(catalogue, jobs=1, models=False)
    check_catalogue(catalogue, jobs=1, models=False, cache=cache)
    slot = _entries(cache)[0].parent
    shutil.move(slot, elsewhere)  # its entry, good as it is, now behind a link
    slot.symlink_to(elsewhere, target_is_directory=True)
    before = sorted(elsewhere.iterdir())
    result = check_catalogue(catalogue, jobs=1, models=False, cache=cache)
    _same(result, uncached)
    assert len(result.cache_ignored) == 1  # not read through the link, said once
    assert sorted(elsewhere.iterdir()) == before  # nor written nor pruned through it


def _age(files: list[Path], seconds: int = 60) -> None:
    """Files made `seconds` older, as a checkout's are by the time anyone re-validates (their
    change time stays now: the stat records then wait for `cache.RACY_NS` in the tests below)."""
    for path in files:
        done = path.stat().st_mtime_ns - seconds * 1_000_000_000
        os.utime(path, ns=(done, done))


def _stat_records(cache: Path) -> dict[Path, str]:
    return {p: p.read_text(encoding="ascii") for p in sorted(cache.rglob(STAT_NAME))}


def test_a_file_changed_just_now_is_never_known_by_its_stat(catalogue: Path, tmp_path: Path) -> None:
    # the files were all written just now: a change in the same tick of the clock could keep
    # their size and times, so nothing is recorded and each is read and hashed next time too
    cache = tmp_path / "cache"
    check_catalogue(catalogue, jobs=1, models=False, cache=cache)
    assert _entries(cache)
    assert _stat_records(cache) == {}


def _filled_with_stat_records(
    catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, list[Path], pipeline.CheckResult]:
    """A cache filled with stat records for every domain file (written just now, they would get none
    before `cache.RACY_NS`: it is set to 0), the files, and the uncached check."""
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    cache = tmp_path / "cache"
    uncached = check_catalogue(catalogue, jobs=1, models=False)
    check_catalogue(catalogue, jobs=1, models=False, cache=cache)
    return cache, _domain_files(catalogue), uncached


def test_an_unchanged_file_is_known_by_its_stat(
    catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache, files, uncached = _filled_with_stat_records(catalogue, tmp_path, monkeypatch)
    records = _stat_records(cache)
    assert len(records) == len(files)
    read: list[Path] = []
    real = Path.read_bytes

    def spy(self: Path) -> bytes:
        read.append(self)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    seen = _checked(monkeypatch)
    _same(check_catalogue(catalogue, jobs=1, models=False, cache=cache), uncached)
    assert seen == []
    assert not set(read) & set(files)
    # a record that leads to no entry (stale, or forged): the bytes are hashed after all, find
    # their entry, and are recorded again
    forged = next(iter(records))
    version, signature, _digest, claims = records[forged].split()
    forged.write_text(f"{version} {signature} {'0' * 64} {claims}\n", encoding="ascii")
    _same(check_catalogue(catalogue, jobs=1, models=False, cache=cache), uncached)
    assert seen == []
    assert len(set(read) & set(files)) == 1
    assert _stat_records(cache) == records


@pytest.mark.parametrize("how", ["same-size-and-times", "touched", "moved-over"])
def test_a_changed_file_is_told_by_its_stat(
    how: str, catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    cache = tmp_path / "cache"
    files = _domain_files(catalogue)
    _age(files)
    check_catalogue(catalogue, jobs=1, models=False, cache=cache)
    assert len(_stat_records(cache)) == len(files)
    edited = files[1]
    before = edited.stat()
    if how == "same-size-and-times":
        # one id's letters swapped, the size and both times put back as they were: its change
        # time and the record's digest still tell
        text = edited.read_text(encoding="utf-8")
        first = _ids(edited)[0]
        swapped = first[::-1]
        assert len(swapped.encode()) == len(first.encode())
        assert swapped != first
        edited.write_text(text.replace(f"id: {first}\n", f"id: {swapped}\n", 1), encoding="utf-8")
        os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert edited.stat().st_size == before.st_size
    elif how == "touched":  # the same bytes, new times: read and hashed, its entry still good
        os.utime(edited, ns=(before.st_atime_ns + 10**9, before.st_mtime_ns + 10**9))
    else:  # another copy of the file put in its place (a new inode)
        twin = tmp_path / "twin.yaml"
        shutil.copy2(edited, twin)
        twin.replace(edited)
    seen = _checked(monkeypatch)
    result = check_catalogue(catalogue, jobs=1, models=False, cache=cache)
    assert seen == ([edited] if how == "same-size-and-times" else [])
    monkeypatch.undo()
    _same(result, check_catalogue(catalogue, jobs=1, models=False))


@pytest.mark.parametrize("damage", ["garbage", "too-long", "bad-digest", "other-version", "a-link"])
def test_a_bad_stat_record_is_never_trusted(
    damage: str, catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache, files, uncached = _filled_with_stat_records(catalogue, tmp_path, monkeypatch)
    record = next(iter(_stat_records(cache)))
    version, signature, _digest, claims = record.read_text(encoding="ascii").split()
    # each damaged record names another file's digest, or none: trusted, it would serve a wrong entry
    wrong = "0" * 64
    record.unlink()
    if damage == "garbage":
        record.write_bytes(b"\xff\xfe not a record")
    elif damage == "too-long":
        record.write_text(f"{version} {signature} {wrong} {claims}\n" + " " * 1000, encoding="ascii")
    elif damage == "bad-digest":
        record.write_text(f"{version} {signature} {wrong[:-2]} {claims}\n", encoding="ascii")
    elif damage == "other-version":
        record.write_text(f"zwgk-0.0.0-1 {signature} {wrong} {claims}\n", encoding="ascii")
    else:
        elsewhere = tmp_path / "record"
        elsewhere.write_text(f"{version} {signature} {wrong} {claims}\n", encoding="ascii")
        record.symlink_to(elsewhere)
    seen = _checked(monkeypatch)
    _same(check_catalogue(catalogue, jobs=1, models=False, cache=cache), uncached)
    assert seen == []  # the bytes were hashed: every entry still found
    assert len(files) == len(_entries(cache))


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("output", ["text", "json"])
def test_the_cache_never_changes_the_output(
    jobs: str, output: str, catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("ZWGK_CACHE_DIR", str(cache))
    runner = CliRunner()
    env = {"NO_COLOR": "1", "COLUMNS": "120", "ZWGK_JOBS": jobs}
    args = ["validate", str(catalogue), "--format", output]
    plain = runner.invoke(app, [*args, "--no-cache"], env=env)
    assert _entries(cache) == []  # --no-cache writes nothing
    cold = runner.invoke(app, args, env=env)
    assert _entries(cache)
    warm = runner.invoke(app, args, env=env)
    assert plain.exit_code == cold.exit_code == warm.exit_code == 1
    assert plain.stdout == cold.stdout == warm.stdout
    assert plain.stderr == cold.stderr == warm.stderr
    files = sorted(p for p in catalogue.glob("*.yaml") if p.name != "zwgk.yaml")
    _edit(files[1], "  - id: ", "  - id: x", 1)
    edited = runner.invoke(app, args, env=env)
    assert edited.stdout == runner.invoke(app, [*args, "--no-cache"], env=env).stdout


def test_no_cache_reads_nothing(catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    check_catalogue(catalogue, jobs=1, models=False, cache=cache)
    monkeypatch.setenv("ZWGK_CACHE_DIR", str(cache))
    seen = _checked(monkeypatch)
    before = {e: e.stat().st_mtime_ns for e in _entries(cache)}
    CliRunner().invoke(app, ["validate", str(catalogue), "--no-cache"])
    assert len(seen) == len(before)
    assert {e: e.stat().st_mtime_ns for e in _entries(cache)} == before


def test_where_the_cache_goes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "project" / "catalogues"
    monkeypatch.delenv("ZWGK_CACHE_DIR", raising=False)
    assert cache_folder(root, no_cache=False) == default_folder(root) == tmp_path / "project" / FOLDER_NAME
    assert cache_folder(root, no_cache=True) is None
    monkeypatch.setenv("ZWGK_CACHE_DIR", "")
    assert cache_folder(root, no_cache=False) is None
    monkeypatch.setenv("ZWGK_CACHE_DIR", str(tmp_path / "c"))
    assert cache_folder(root, no_cache=False) == tmp_path / "c"


def test_the_suite_leaves_no_cache_in_the_repository() -> None:
    # conftest turns the cache off (ZWGK_CACHE_DIR empty) for every test that does not ask for one
    root = Path(__file__).resolve().parent.parent
    assert not (root / FOLDER_NAME).exists() or (root / ".gitignore").read_text().count(FOLDER_NAME)
    assert not (root / "tests" / "cases" / FOLDER_NAME).exists()
    assert cache_folder(root / "catalogues", no_cache=False) is None


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped catalogue (upstream claims, review records) this test may edit."""
    return Path(shutil.copytree(ROOT / "catalogues", tmp_path / "catalogues"))


def _domain_files(catalogue: Path) -> list[Path]:
    return sorted(p for p in catalogue.glob("*.yaml") if p.name != "zwgk.yaml")


def test_a_catalogue_with_review_records_is_cached_too(
    shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the shipped catalogue has records for every domain, and a town's record naming an item (its
    # check reads that domain's file again whole, see `pipeline._whole`)
    catalogue, cache, files = shipped, tmp_path / "cache", _domain_files(shipped)
    whole = check_catalogue(catalogue)  # the models' way, every record checked against whole domains
    _same(check_catalogue(catalogue, jobs=1, models=False, cache=cache), whole)
    assert len(_entries(cache)) == len(files)
    seen = _checked(monkeypatch)
    _same(check_catalogue(catalogue, jobs=1, models=False, cache=cache), whole)
    assert seen == []
    # an item an opinion names renamed: the records' findings change, and only that file is checked
    domain = catalogue / "shjz.yaml"
    _edit(domain, "  - id: shjz-003\n", "  - id: shjz-093\n")
    again = check_catalogue(catalogue, jobs=1, models=False, cache=cache)
    assert seen == [domain]
    monkeypatch.undo()
    after = check_catalogue(catalogue)
    assert [d.code for d in after.diagnostics if d.code.startswith("review-")] == ["review-opinion-item"]
    _same(again, after)


def test_an_upstream_change_checks_the_claiming_files_again(
    shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue, cache, files = shipped, tmp_path / "cache", _domain_files(shipped)
    check_catalogue(catalogue, jobs=1, models=False, cache=cache)
    # a value every claiming item of 社会救助 inherits: their findings and the claims' hashes change
    upstream_file = catalogue / "upstream-chongqing" / "shjz.yaml"
    _edit(
        upstream_file,
        "time_limit: 制定或获取信息之日起10个工作日内",
        "time_limit: 制定或获取信息之日起30个工作日内",
        99,
    )
    seen = _checked(monkeypatch)
    again = check_catalogue(catalogue, jobs=1, models=False, cache=cache)
    assert seen == files  # every shipped domain file claims items
    monkeypatch.undo()
    after = check_catalogue(catalogue)
    assert {"time-limit-long", "claim-stale"} <= {d.code for d in after.diagnostics}
    _same(again, after)


def test_only_the_files_that_claim_depend_on_the_upstream(tmp_path: Path) -> None:
    claiming, own = tmp_path / "a.yaml", tmp_path / "b.yaml"
    claiming.write_text("items:\n  - {id: a-001, claims: sj-001}\n", encoding="utf-8")
    own.write_text("items:\n  - {id: b-001, name: 事项}\n", encoding="utf-8")
    escaped = tmp_path / "c.yaml"  # a key may be spelt with an escape
    escaped.write_text('items:\n  - {id: c-001, "cl\\x61ims": sj-001}\n', encoding="utf-8")

    def key(path: Path, upstream: bytes | None) -> str | None:
        return FileCache(tmp_path / "cache", tmp_path, b"settings", upstream)._key(path)

    assert key(own, b"one") == key(own, b"two") == key(own, None)
    assert len({key(claiming, b"one"), key(claiming, b"two"), key(claiming, None)}) == 3
    assert key(escaped, b"one") != key(escaped, b"two")


def test_an_upstream_changing_while_it_is_read_leaves_the_cache_alone(
    shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue, cache = shipped, tmp_path / "cache"
    uncached = check_catalogue(catalogue, jobs=1, models=False)
    digests = iter([b"before", b"after"])
    monkeypatch.setattr(pipeline, "folder_digest", lambda folder: next(digests))
    _same(check_catalogue(catalogue, jobs=1, models=False, cache=cache), uncached)
    assert _entries(cache) == []  # which upstream the results would be for is unknown


def _ruled(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the next checks put through the per-file rules."""
    seen: list[Path] = []
    real = file_check.check_items

    def spy(sf, df):  # type: ignore[no-untyped-def]
        if df.doc.path.parent.name != "upstream-chongqing":  # the upstream's own check is not cached
            seen.append(df.doc.path)
        return real(sf, df)

    monkeypatch.setattr(file_check, "check_items", spy)
    return seen


@pytest.mark.parametrize("case", CASE_FOLDERS, ids=[f"{p.parent.name}-{p.name}" for p in CASE_FOLDERS])
def test_the_check_with_models_reads_and_fills_it_unchanged(case: Path, tmp_path: Path) -> None:
    folder = build_case(case, tmp_path)
    cache = tmp_path / "cache"
    expected = check_catalogue(folder)
    for _ in ("cold", "warm"):  # as `build` checks: the models' way
        cached = check_catalogue(folder, cache=cache)
        _same(cached, expected)
        assert cached.catalogue == expected.catalogue
    _same(check_catalogue(folder, jobs=1, models=False, cache=cache), expected)  # validate after build


def test_build_reuses_what_validate_kept_and_keeps_what_it_checks(
    shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue, cache, files = shipped, tmp_path / "cache", _domain_files(shipped)
    plain = tree(build(catalogue, tmp_path / "plain").out)
    ruled = _ruled(monkeypatch)
    assert tree(build(catalogue, tmp_path / "cold", cache=cache).out) == plain
    assert ruled == files
    assert len(_entries(cache)) == len(files)
    # validate reads every file's result from what the build kept
    checked = _checked(monkeypatch)
    _same(check_catalogue(catalogue, jobs=1, models=False, cache=cache), check_catalogue(catalogue))
    assert checked == []
    # a second build puts no file through the per-file rules, and writes the same bytes
    ruled.clear()
    assert tree(build(catalogue, tmp_path / "warm", cache=cache).out) == plain
    assert ruled == []
    # one file edited: only it goes through them again
    edited = catalogue / "shjz.yaml"
    _edit(edited, "domain: 社会救助", "domain: 社会救助  # 已复核")
    build(catalogue, tmp_path / "edited", cache=cache)
    assert ruled == [edited]


_VALUES = st.one_of(
    st.none(),
    st.sampled_from(["区级", "镇街", "村（居）", ""]),
    st.lists(st.sampled_from(["区级", "镇街", "名单", "x"]), max_size=4),
    st.lists(
        st.builds(Waiver, code=st.sampled_from(["basis-format", "x"]), reason=st.just("理由")), max_size=2
    ),
    st.dates(),
    st.floats(allow_nan=False),
    st.integers(),
    st.booleans(),
    st.dictionaries(st.sampled_from(["a", "b"]), st.sampled_from(["1", "2"]), max_size=2),
    st.just(["json", "5"]),  # a list of texts spelling another value's stand-in (`columns._identity`)
    st.just(["list", "x"]),
    st.just(5),
    st.just("x"),
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.lists(_VALUES, max_size=12), st.lists(st.lists(st.sampled_from("abc"), max_size=3), max_size=12)
    )
)
def test_a_column_reads_back_as_it_was_written(values: list[object]) -> None:
    # whichever way a column is written (plain, a table, texts once), it comes back of the same
    # types and data, through JSON as an entry is
    kept = json.loads(json.dumps(columns.write_column(values), ensure_ascii=False))
    back = columns.read_column(kept, len(values))
    assert [(type(v), v) for v in back] == [(type(v), v) for v in values]
    with pytest.raises((columns.Unfit, TypeError, IndexError, KeyError)):
        columns.read_column(kept, len(values) + 1)


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_JSON, st.booleans())
def test_an_entry_is_read_as_the_standard_reader_reads_it(value: object, ascii_only: bool) -> None:
    # the quicker reader gives what json.loads gives, types included (1 stays an int, 1.0 a float)
    raw = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8")
    parsed = cache_module._parsed(raw)
    assert parsed == json.loads(raw)
    assert json.dumps(parsed) == json.dumps(json.loads(raw))


def test_what_only_the_standard_reader_takes_is_still_read() -> None:
    # pydantic-core's reader stops at about 200 levels and at half a character escaped; a domain
    # file nested to the reading limit (MAX_DEPTH) makes an entry deeper than that
    deep = b"[" * 300 + b"1" + b"]" * 300
    assert cache_module._parsed(deep) == json.loads(deep)
    assert cache_module._parsed(b'"\\ud800"') == "\ud800"
    for bad in (b"{", b"\x80 not json"):
        with pytest.raises((json.JSONDecodeError, UnicodeDecodeError)):  # ValueErrors, as `get` expects
            cache_module._parsed(bad)
    with pytest.raises(ValueError, match="nested too deep"):  # too deep for either reader
        cache_module._parsed(b"[" * 100_000 + b"]" * 100_000)
