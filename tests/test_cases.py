"""Case folders: each is the base catalogue with some files replaced, and the exact expected findings.

A bug report becomes a folder: `tests/cases/invalid/<name>/` with the files that show it and an
`expected.txt` holding every line `zwgk validate` must print for it (run `pytest --update-golden`
to write it, then read it before committing).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CASES, Golden, build_case
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.core.report_formats import render_plain

INVALID = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (CASES / "valid").iterdir() if p.is_dir())


def _run(case: Path, tmp_path: Path) -> tuple[str, int, int]:
    folder = build_case(case, tmp_path)
    result = check_catalogue(folder)
    text = render_plain(result.diagnostics, "zh", base=folder)
    return text, result.summary.errors, result.summary.warnings


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case(case: Path, tmp_path: Path, golden: Golden) -> None:
    text, errors, warnings = _run(case, tmp_path)
    assert errors + warnings > 0, "an invalid case must produce findings"
    golden(case / "expected.txt", text)


@pytest.mark.parametrize("case", VALID, ids=[p.name for p in VALID])
def test_valid_case(case: Path, tmp_path: Path, golden: Golden) -> None:
    text, errors, _ = _run(case, tmp_path)
    assert errors == 0, text
    golden(case / "expected.txt", text)


def test_every_code_has_a_case() -> None:
    """Each diagnostic code appears in at least one case's expected output."""
    from zwgk_cli.core.codes import CODES

    seen = "".join((p / "expected.txt").read_text(encoding="utf-8") for p in INVALID + VALID)
    # Codes that need generated input (a 16 MiB file, a NUL byte, unreadable files) are tested in test_loading.
    generated = {"file-too-large", "file-unreadable", "file-binary", "yaml-too-deep"}
    # a symbolic link cannot be copied into a case folder as a link: test_hostile_sources makes them
    generated |= {"file-symlink"}
    # `zwgk import` reports on tables, not on catalogue folders: test_import produces every import-* code.
    generated |= {code for code in CODES if code.startswith("import-")}
    # the fmt-* codes come from `zwgk fmt`, not from validate: test_fmt::test_every_fmt_code_is_produced covers them
    generated |= {code for code in CODES if code.startswith("fmt-")}
    missing = [code for code in CODES if f"[{code}]" not in seen and code not in generated]
    assert not missing, f"codes without a case folder: {missing}"


def test_an_instrument_is_reported_only_once_it_has_lost_force(tmp_path: Path) -> None:
    """《信访条例》 held until 2022-05-01: a 2020 catalogue may cite it (the case above does), a 2023
    one may not; a document number dated after the catalogue's year is impossible in both."""
    folder = build_case(CASES / "invalid" / "basis-warnings", tmp_path)
    settings = folder / "zwgk.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("published: 2020-10-30", "published: 2023-01-01"),
        encoding="utf-8",
    )
    text = render_plain(check_catalogue(folder).diagnostics, "zh", base=folder)
    assert "引用的《信访条例》（国务院令第431号）已于 2022 年 5 月 1 日失效，由《信访工作条例》取代。" in text
    assert "年份 2027 不可能" in text
    assert "信访条例" not in (CASES / "invalid" / "basis-warnings" / "expected.txt").read_text(
        encoding="utf-8"
    )
