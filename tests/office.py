"""A real office suite for the tests: LibreOffice converts a file to PDF, pdftotext reads it back.

Skips, saying what to install, where either is missing (conftest turns the skip into a failure
under ZWGK_NO_SKIP=1, as .ci/run sets it).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def printed_text(source: Path, package: str) -> str:
    """The text of `source` printed to PDF by LibreOffice (`package`: the Debian package that opens
    it, named in the skip), as pdftotext lays it out; form feeds separate the pages."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip(f"no LibreOffice: install Debian's {package} to print {source.suffix} files")
    if shutil.which("pdftotext") is None:
        pytest.skip("no pdftotext: install Debian's poppler-utils to read the printed PDF")
    out = source.parent
    profile = out / "libreoffice-profile"
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    pdf = out / (source.stem + ".pdf")
    assert done.returncode == 0, done.stdout + done.stderr
    assert pdf.is_file(), done.stdout + done.stderr
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60, check=True
    ).stdout
