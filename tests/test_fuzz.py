"""Fuzzing: hostile catalogues and files through validate, build, diff and import, each under a budget.

The corpus (tests/fuzz/corpus/, one folder per case laid over tests/cases/base like a case folder)
holds the hostile inputs small enough to read; tests/fuzz/generated.py makes the large and odd ones
(links to a secret file, 3,000 duplicate ids, 10,000 nested lists, a 6 MB file ending in an
anchor …); the import cases are made from a built workbook. Every run is a child process with a
CPU and memory limit set by the kernel (tests/fuzz/runner.py), and every outcome must be one that
a clerk can act on: exit 0, 1 or 2, no traceback, no file contents from outside the catalogue, no
raw control or direction characters, no line that a CI log reads as a workflow command, and a
report that grows with the number of problems, not with its square.

A property test (hypothesis) adds random text, hostile characters included, to a value and a key
of a domain file, and checks the same promises in-process for every report format.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import CASES, build_case
from fuzz.generated import MAKERS, SECRET
from fuzz.runner import Outcome, describe, run_zwgk
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.core.report_formats import render_github, render_json, render_plain

CORPUS = Path(__file__).resolve().parent / "fuzz" / "corpus"
CORPUS_CASES = sorted(path.name for path in CORPUS.iterdir() if path.is_dir())
ALL_CASES = CORPUS_CASES + sorted(MAKERS)
PEAK_BYTES = 1024**3
# Characters no report may print raw: C0 and C1 controls but tab and newline, DEL, direction
# marks, embeddings, overrides and isolates, zero-width characters and the BOM.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
# A line the corpus's values would start if a newline in them reached the output as itself.
INJECTED = re.compile(r"^\s*::(?:warning file=INJECTED|error::INJECTED)", re.MULTILINE)


def _lay_out(name: str, tmp_path: Path) -> Path:
    """The case's catalogue folder in tmp_path, with a secret file beside it (outside it)."""
    secret = tmp_path / "secret" / "shadow"
    secret.parent.mkdir()
    secret.write_text(SECRET + "\n", encoding="utf-8")
    if name in MAKERS:
        folder = tmp_path / "catalogue"
        shutil.copytree(CASES / "base", folder)
        MAKERS[name](folder, secret)
        return folder
    return build_case(CORPUS / name, tmp_path)


def assert_safe(outcome: Outcome, statuses: set[int]) -> None:
    """The promises every run keeps, whatever its input."""
    assert outcome.status in statuses, describe(outcome) + "\n" + outcome.text[-3000:]
    assert "Traceback" not in outcome.stderr, outcome.stderr[-3000:]
    assert "fuzz-secret-marker" not in outcome.text, "a linked file's contents reached the output"
    assert outcome.peak_bytes < PEAK_BYTES, describe(outcome)
    unsafe = UNSAFE.search(outcome.text)
    assert unsafe is None, f"raw U+{ord(unsafe.group()):04X} in the output: {describe(outcome)}"
    assert INJECTED.search(outcome.text) is None, "a value started a workflow command line"
    assert "[… " not in outcome.text, f"the report is too long: {describe(outcome)}"


# The large generated cases test time, memory and report size, the same in every format: they run
# once, in text. The small ones (and the links, the leak test) run in every format and through build.
SMALL_CASES = [
    *CORPUS_CASES,
    "link-to-secret",
    "folder-link-to-secret",
    "settings-link-to-secret",
    "fifo-source",
]
VALIDATE_RUNS = [(name, "text") for name in ALL_CASES] + [
    (name, fmt) for name in SMALL_CASES for fmt in ("github", "json")
]


@pytest.mark.parametrize(("name", "fmt"), VALIDATE_RUNS)
def test_validate_survives(name: str, fmt: str, tmp_path: Path) -> None:
    _lay_out(name, tmp_path)
    outcome = run_zwgk(["validate", "catalogue", "--format", fmt], tmp_path)
    assert_safe(outcome, {0, 1, 2})
    if fmt == "json" and outcome.status != 2:
        json.loads(outcome.stdout)


@pytest.mark.parametrize("name", SMALL_CASES)
def test_build_survives(name: str, tmp_path: Path) -> None:
    _lay_out(name, tmp_path)
    outcome = run_zwgk(["build", "catalogue", "-o", "dist"], tmp_path)
    assert_safe(outcome, {0, 1, 2})
    left = [path.name for path in tmp_path.iterdir() if path.name.startswith(".dist")]
    assert left == [], f"the build left {left} behind"
    dist = tmp_path / "dist"
    if outcome.status == 0:
        assert (dist / "index.html").is_file()
        for path in dist.rglob("*"):
            if path.is_file() and path.suffix in {".html", ".csv", ".json", ".js"}:
                text = path.read_text(encoding="utf-8").removeprefix("\ufeff")  # the CSV's BOM, for Excel
                assert "fuzz-secret-marker" not in text, path
                unsafe = UNSAFE.search(text)
                assert unsafe is None, f"raw U+{ord(unsafe.group()):04X} in {path.name}"
    else:
        assert not dist.exists(), "a failed build left a partial output folder"


@pytest.mark.parametrize("name", CORPUS_CASES)
def test_diff_markdown_survives(name: str, tmp_path: Path) -> None:
    shutil.copytree(CASES / "base", tmp_path / "old")
    _lay_out(name, tmp_path)
    outcome = run_zwgk(["diff", "old", "catalogue", "--format", "markdown"], tmp_path)
    assert_safe(outcome, {0, 1, 2})
    prose = re.sub(r"`[^`\n]*`", "", outcome.stdout)
    assert re.search(r"(?<![\w\\`])@[A-Za-z]", prose) is None, "a @mention would notify people"


# --- import -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base catalogue's catalogue.xlsx, built once."""
    root = tmp_path_factory.mktemp("built")
    shutil.copytree(CASES / "base", root / "catalogue")
    outcome = run_zwgk(["build", "catalogue", "-o", "dist"], root)
    assert outcome.status == 0, outcome.text
    return root / "dist" / "catalogue.xlsx"


def _rewrite(source: Path, target: Path, change: dict[str, bytes]) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, change.get(info.filename, old.read(info.filename)))


def _domain_sheet(book: Path) -> str:
    with zipfile.ZipFile(book) as archive:
        sheets = sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
    return sheets[1]


def _merge_bomb(book: Path, target: Path) -> None:
    name = _domain_sheet(book)
    with zipfile.ZipFile(book) as archive:
        xml = archive.read(name).decode("utf-8")
    bomb = '<mergeCell ref="A1:XFD1048576"/><mergeCell ref="A30000:XFD31000"/>'
    if "<mergeCells" in xml:
        xml = re.sub(r"<mergeCells[^>]*>", lambda m: m.group() + bomb, xml, count=1)
    else:
        xml = xml.replace("</sheetData>", f'</sheetData><mergeCells count="2">{bomb}</mergeCells>', 1)
    _rewrite(book, target, {name: xml.encode("utf-8")})


def _zip_bomb(book: Path, target: Path) -> None:
    name = _domain_sheet(book)
    with zipfile.ZipFile(book) as archive:
        xml = archive.read(name)
    head, tail = xml.split(b"<sheetData>", 1)
    with zipfile.ZipFile(book) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != name:
                new.writestr(info.filename, old.read(info.filename))
                continue
            with new.open(name, "w", force_zip64=True) as part:
                part.write(head + b"<sheetData>")
                block = b" " * (1 << 20)
                for _ in range(300):  # 300 MB of white space, about 0.3 MB packed
                    part.write(block)
                part.write(tail)


def _nested_docx(book: Path, target: Path) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    row = "<w:tr>" + "".join(cell.format(t) for t in ("序号", "公开事项名称", "公开内容")) + "</w:tr>"
    depth = 10_000
    body = "<w:sdt><w:sdtContent>" * depth + f"<w:tbl>{row}</w:tbl>" + "</w:sdtContent></w:sdt>" * depth
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("word/document.xml", document)


IMPORT_CASES = {"merge-bomb.xlsx": _merge_bomb, "zip-bomb.xlsx": _zip_bomb, "nested-sdt.docx": _nested_docx}


@pytest.mark.parametrize("name", sorted(IMPORT_CASES))
def test_import_survives(name: str, workbook: Path, tmp_path: Path) -> None:
    IMPORT_CASES[name](workbook, tmp_path / name)
    outcome = run_zwgk(["import", name, "-o", "out"], tmp_path)
    assert_safe(outcome, {0, 1, 2})


def test_import_file_name_cannot_inject_yaml(workbook: Path, tmp_path: Path) -> None:
    name = "社会救助\nevil: injected\n#.xlsx"
    shutil.copyfile(workbook, tmp_path / name)
    outcome = run_zwgk(["import", name, "--domain", "社会救助", "-o", "-"], tmp_path)
    assert_safe(outcome, {0, 1})
    data = YAML(typ="safe").load(outcome.stdout)
    assert "evil" not in data
    assert data["domain"] == "社会救助"


# --- property: random text in values and keys --------------------------------------------------

HOSTILE = st.text(
    alphabet=st.one_of(
        st.sampled_from(
            list("\x00\x07\x08\x1b\x7f\x85\x9b\u200b\u200d\u202e\u2066\ufeff\r\n\t:#&*!|>'\"[]{},-@%`\\")
        ),
        st.characters(codec="utf-8"),
    ),
    max_size=40,
)


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=HOSTILE, key=HOSTILE, raw=HOSTILE)
def test_hostile_text_is_reported_safely(value: str, key: str, raw: str, scratch: Path) -> None:
    folder = scratch / "catalogue"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(CASES / "base", folder)
    path = folder / "shjz.yaml"
    text = path.read_text(encoding="utf-8")
    quoted_value = json.dumps(value, ensure_ascii=True)  # a JSON string is a YAML double-quoted scalar
    quoted_key = json.dumps(key, ensure_ascii=True)
    text = text.replace("channels: [政务服务中心]", f"channels: [{quoted_value}]\n    {quoted_key}: 1")
    path.write_bytes((text + raw).encode("utf-8", errors="surrogatepass"))
    result = check_catalogue(folder)
    plain = render_plain(result.diagnostics, base=scratch)
    github = render_github(result.diagnostics, base=scratch)
    envelope = render_json(result.diagnostics, result.summary, base=scratch)
    for report in (plain, github, envelope):
        unsafe = UNSAFE.search(report)
        assert unsafe is None, f"raw U+{ord(unsafe.group()):04X} in a report"
    assert re.search("^::", plain, re.MULTILINE) is None, "a value started a workflow command line"
    assert len(github.splitlines()) == len(result.diagnostics), "a value split a workflow command"
    assert len(json.loads(envelope)["diagnostics"]) == len(result.diagnostics)
    for d in result.diagnostics:
        assert d.line is None or d.line >= 1
        assert d.column is None or d.column >= 1
