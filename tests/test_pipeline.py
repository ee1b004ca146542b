"""The whole check: any data in a domain file ends in findings, never in an exception."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CASES, ROOT
from zwgk_cli.check.pipeline import check_catalogue

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.sampled_from(
        [
            "区级",
            "镇街",
            "主动",
            "依申请",
            "全社会",
            "特定群体",
            "政府网站",
            "区民政局",
            "zdjsxm-001",
            "2020-10-30",
            "",
        ]
    ),
    st.text(max_size=8),
)
_KEYS = st.sampled_from(
    ["domain", "slug", "order", "lead", "partners", "partners_etc", "due", "items", "id", "category", "name",
     "content", "basis", "time_limit", "subject", "channels", "audience", "audience_note", "mode", "levels",
     "link", "waivers", "code", "reason", "区级", "x"]
)  # fmt: skip
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=6),
    max_leaves=30,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_KEYS, _VALUES, max_size=10))
def test_any_domain_data_gives_findings_not_exceptions(data: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "c"
        shutil.copytree(CASES / "base", folder)
        # JSON is YAML 1.2: the generated data reaches the loader exactly as written.
        (folder / "zdjsxm.yaml").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        result = check_catalogue(folder)
        for d in result.diagnostics:
            assert d.file is not None
            assert d.line is not None
            assert d.line >= 1
            assert d.message.zh
            assert d.message.en
        assert (result.catalogue is None) == (result.summary.errors > 0)


def test_the_collector_is_held_off_during_a_check_and_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from zwgk_cli.check import pipeline

    seen: list[bool] = []
    original = pipeline.check_with_positions

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    monkeypatch.setattr(pipeline, "check_with_positions", spy)
    assert gc.isenabled()
    check_catalogue(ROOT / "catalogues")
    assert seen
    assert not any(seen)
    assert gc.isenabled()
    gc.disable()
    try:
        check_catalogue(ROOT / "catalogues")  # nested or already off: left off
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_unreadable_file_counts_as_its_domain_and_a_missing_one_is_still_reported(tmp_path: Path) -> None:
    # zdjsxm.yaml in GBK: its domain (known from the pilot slug) is present, no false domain-missing;
    # shjz.yaml removed: 社会救助 really is missing and is still reported
    from conftest import build_case

    folder = build_case(CASES / "invalid" / "encoding-gbk", tmp_path)
    (folder / "shjz.yaml").unlink()
    missing = [d.message.zh for d in check_catalogue(folder).diagnostics if d.code == "domain-missing"]
    assert len(missing) == 1
    assert "社会救助" in missing[0]
    assert "重大建设项目" not in missing[0]


def test_an_unreadable_file_not_named_for_a_pilot_domain_hides_no_finding_it_cannot_vouch_for(
    tmp_path: Path,
) -> None:
    # a GBK file named other than a pilot slug may hold any missing domain: none is called missing
    from conftest import build_case

    folder = build_case(CASES / "invalid" / "encoding-gbk", tmp_path)
    (folder / "zdjsxm.yaml").rename(folder / "xiangmu.yaml")
    codes = [d.code for d in check_catalogue(folder).diagnostics]
    assert "file-encoding" in codes
    assert "domain-missing" not in codes
