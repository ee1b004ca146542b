"""Whole-process time and peak memory of zwgk's commands, next to floors measured in the same run.

Run: python benchmarks/run.py [--scales district,city,province] [--runs 3] [--baseline REV] [--write]
       [--only validate|diff|fmt] [--no-diff-steps]

For each scale a synthetic catalogue is generated (benchmarks/generate.py) and every command runs
as its own process: its time is the median of --runs runs, taken in turns with its floor's (so the
machine's ups and downs weigh on both alike), and its memory, measured in one more run (sampling
slows a process down), is the peak of the proportional set size (PSS) summed over the process and
its children (PSS counts the pages they share once), sampled every 20 ms from /proc. The floors
run on the same files:

- loader floor: the fastest YAML-to-Python loader (yaml-rs) reading every file of the catalogue
  and keeping it, the garbage collector off: what holding the catalogue costs at the least;
- PyYAML's C loader doing the same, as a second reference;
- both sides: the loader floor reading the catalogue and its changed copy (for diff);
- build floor: the loader floor, then xlsxwriter writing the same cells (every item's texts, one
  row each) into a workbook in its constant-memory mode (its fastest and leanest): loading plus
  the fastest XLSX writing, in one process;
- the bare imports: `python -c "import pydantic, ruamel.yaml, typer"`;
- the clean catalogue's `zwgk validate`, for the same catalogue with one error in every domain
  file (an unknown channel halfway down): the files with findings are read again and located
  item by item, so the errors should cost well under a second check (both run in turns).

`zwgk fmt --check` runs on the shipped catalogue in turns with `zwgk validate` on it (its floor: both
run in every pre-commit hook), and at each scale in turns with the loader floor; beside it the same
command with its fast path off (ZWGK_FMT_CAREFUL=1: every file through the round-trip parse), at
the scales up to CAREFUL_FMT_MAX_ITEMS items (beyond, one run takes many minutes): what the fast
path buys.

`zwgk build` also runs in one process (ZWGK_JOBS=1) beside the default, which forks a helper to
write the workbook: the helper is kept only while that row shows it pays. So does `zwgk validate`,
whose default checks the domain files in a pool of processes, one per core. Every row runs without
the cache of per-file results (ZWGK_CACHE_DIR empty) but two: `zwgk validate` and `zwgk build` after
one domain file changed, the cache filled by a `validate` run before, each against the same edit
checked cold (what the cache buys).

With --baseline REV (repeatable; REV,NAME=VALUE… sets variables for it), `zwgk build` as it was at
the git revision REV runs in turns with today's, from a copy of that revision's files: machinery a
revision removed, or one that claims a gain, is judged on a row of the same run. For instance
``--baseline 32d60cb --baseline 32d60cb,ZWGK_JOBS=1`` measured the forked workbook helper and the
hand-written zip container against the standard library's zipfile in one process.

`zwgk diff` also runs as it was before each of its mechanisms (DIFF_STEPS: git revisions, run
from copies as with --baseline), so the Machinery section shows what each step bought in time and
memory in the same run; --no-diff-steps leaves these runs out.

Every figure is printed as a ratio to its floor (medians of --runs), then the targets with what
was measured. With --write the tables go to benchmarks/RESULTS.md with the command that made them.
Needs the bench extra: python -m pip install -e '.[bench]'. Linux (it reads /proc).
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from generate import SCALES, generate

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ZWGK = [sys.executable, "-m", "zwgk_cli"]
STARTUP_RUNS = 21  # start-up takes a tenth of a second: more runs steady its median
CAREFUL_FMT_MAX_ITEMS = 1_000  # `zwgk fmt --check` without its fast path: about 7 s per 1,000 items
CAREFUL_FMT = ["env", "ZWGK_FMT_CAREFUL=1", *ZWGK]

LOAD_YAML_RS = """
import gc, sys, pathlib, yaml_rs
gc.disable()
data = [yaml_rs.loads(p.read_text(encoding='utf-8'), parse_datetime=False)
        for folder in sys.argv[1:] for p in sorted(pathlib.Path(folder).glob('*.yaml'))]
"""
LOAD_PYYAML = """
import gc, sys, pathlib, yaml
gc.disable()
data = [yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)
        for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml'))]
"""
LOAD_AND_WRITE_XLSX = """
import gc, sys, pathlib, yaml_rs, xlsxwriter
gc.disable()
domains = [yaml_rs.loads(p.read_text(encoding='utf-8'), parse_datetime=False)
           for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')) if p.name != 'zwgk.yaml']
def text(v):
    if isinstance(v, list): return '、'.join(v)
    if isinstance(v, dict): return '；'.join(f'{k}：{x}' for k, x in v.items())
    return '' if v is None else str(v)
keys = ('id', 'category', 'name', 'content', 'basis', 'time_limit', 'subject', 'channels',
        'audience', 'audience_note', 'mode', 'levels')
book = xlsxwriter.Workbook(sys.argv[2], {'constant_memory': True})  # its fastest, leanest mode
sheet = book.add_worksheet('x')
row = 0
for domain in domains:
    for item in domain.get('items', []):
        sheet.write_string(row, 0, domain['domain'])
        for col, key in enumerate(keys, 1):
            sheet.write_string(row, col, text(item.get(key)))
        row += 1
book.close()
"""
# One domain file changed (a comment line of its own added at its end, different every run), then
# this process becomes `zwgk validate` (argv[2:]): the edit and this start-up are timed with it, for
# the cached and the cold run alike.
EDIT_ONE_THEN = """
import os, sys, time
with open(sys.argv[1], 'a', encoding='utf-8') as f:
    f.write(f'# {time.time_ns()}\\n')
os.execv(sys.argv[2], sys.argv[2:])
"""
IMPORTS = "import pydantic, ruamel.yaml, typer"
# `zwgk diff` as it was before each of its mechanisms (issue 21), oldest first: each row's gain over
# the one above is what the next mechanism buys (rows of one run; --no-diff-steps leaves them out)
DIFF_STEPS = [
    ("72f8217", "before issue 21"),
    ("7073a31", "+ a side without errors not read again for its warnings' positions"),
    ("5606f54", "+ JSON written whole, walked for invisible characters only when it holds one"),
    ("a44e82b", "+ each side's models dropped once checked"),
    ("0834498", "+ lints left out of a side's first check"),
    ("776ef50", "+ fields compared only where the values differ"),
    ("dca7a2e", "+ JSON bytes to stdout without decoding"),
    ("ec4d653", "+ strings both sides hold alike kept once; a link's white space found in C"),
    ("6c6f322", "+ the old side read by a forked process while this one reads the new"),
    (
        "ef41c67",
        "+ results kept to the end of the process; a plain link passed by one pattern; shared texts walked in place",
    ),
]
# the row of today's diff says what the last step added
DIFF_LAST_STEP = (
    "+ files read without the walk their validation repeats; a 1 MiB pipe; the new side checked while the old "
    "comes in; texts shared within each file as it is read; JSON looked at in bytes"
)


@dataclass(frozen=True)
class Figure:
    seconds: float
    mib: float


def _tree(pid: int) -> list[int]:
    """`pid` and its descendants; a process that ends while they are listed is left out (it holds
    no memory any more), rather than ending the sampling of the run."""
    pids = [pid]
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return pids
    for task in tasks:
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            pids += _tree(int(child))
    return pids


def _pss_kib(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    match = re.search(r"^Pss:\s+(\d+) kB", text, re.MULTILINE)
    return int(match.group(1)) if match else 0


def _run_once(command: list[str], env: dict[str, str], *, sample: bool) -> Figure:
    """One run: its wall time, or (with `sample`) its peak memory. Reading smaps_rollup walks the
    process's page tables and holds up its allocations, so the timed runs are not sampled."""
    peak = 0
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    done = threading.Event()

    def sampler() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_pss_kib(p) for p in _tree(process.pid)))
            done.wait(0.02)

    thread = threading.Thread(target=sampler)
    if sample:
        thread.start()
    status = process.wait()
    seconds = time.perf_counter() - start
    done.set()
    if sample:
        thread.join()
    if status not in (0, 1):
        raise SystemExit(f"failed ({status}): {' '.join(command)}")
    return Figure(seconds, peak / 1024)


def measure(commands: list[list[str]], runs: int, env: dict[str, str]) -> list[Figure]:
    """Each command's median time over `runs` whole-process runs, and its peak memory in one more.

    The commands take turns, run by run: a machine that slows down or speeds up while the benchmark
    runs (other work on it, its clock) weighs on a command and its floor alike.
    """
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for seconds, command in zip(times, commands, strict=True):
            seconds.append(_run_once(command, env, sample=False).seconds)
    return [
        Figure(statistics.median(seconds), _run_once(command, env, sample=True).mib)
        for seconds, command in zip(times, commands, strict=True)
    ]


def _known_revision(revision: str) -> bool:
    """Whether the repository has `revision` (a history rewritten since loses DIFF_STEPS: said, skipped)."""
    found = subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-e", f"{revision}^{{commit}}"], capture_output=True
    )
    if found.returncode != 0:
        print(f"skipped: revision {revision} is not in this repository", file=sys.stderr)
    return found.returncode == 0


def _baseline(spec: str, folder: Path, env: dict[str, str]) -> tuple[str, list[str]]:
    """A copy of the project's files at a git revision (spec: REV[,NAME=VALUE…]), byte-compiled:
    the row's label and the command prefix that runs zwgk from it."""
    revision, *variables = spec.split(",")
    folder.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    compileall.compile_dir(folder / "src", quiet=1)
    label = f"at {revision}" + (f" ({', '.join(variables)})" if variables else "")
    return label, ["env", f"PYTHONPATH={folder / 'src'}", *variables]


def erroneous_copy(source: Path, target: Path) -> Path:
    """One finding in every domain file, halfway down: an unknown channel (a vocabulary error)."""
    shutil.copytree(source, target)
    for path in target.glob("*.yaml"):
        if path.name == "zwgk.yaml":
            continue
        text = path.read_text(encoding="utf-8")
        at = text.index("    channels: [", len(text) // 2)
        path.write_text(text[:at] + "    channels: [微信群, " + text[at + 15 :], encoding="utf-8")
    return target


def changed_copy(source: Path, target: Path) -> Path:
    """Every item given a portal link: a diff where all items changed."""
    shutil.copytree(source, target)
    for path in target.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        linked = r"  - id: \1\n    link: https://www.example.gov.cn/zwgk/\1.html"
        path.write_text(re.sub(r"(?m)^  - id: ([a-z0-9-]+)$", linked, text), encoding="utf-8")
    return target


Row = tuple[str, str, Figure, Figure]  # scale, what, measured, floor
FMT_CAREFUL_ROW = "zwgk fmt --check{}, fast path off (ZWGK_FMT_CAREFUL=1)"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="district,city")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="write benchmarks/RESULTS.md")
    parser.add_argument(
        "--baseline",
        action="append",
        default=[],
        metavar="REV[,NAME=VALUE…]",
        help="also time `zwgk build` as at git revision REV (with these environment variables)",
    )
    parser.add_argument(
        "--only",
        choices=["all", "validate", "diff", "fmt"],
        default="all",
        help="validate: only the start-up and validate rows (no fmt, build, diff); diff: only the diff rows; "
        "fmt: only the start-up and fmt --check rows",
    )
    parser.add_argument(
        "--diff-steps",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also time `zwgk diff` as it was before each of its mechanisms (DIFF_STEPS)",
    )
    args = parser.parse_args()
    # measure the tool as installed: byte-compiled modules may be written and read
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # every row but the cached one runs cold: no cache of per-file results read or written
    env["ZWGK_CACHE_DIR"] = ""
    compileall.compile_dir(ROOT / "src", quiet=1)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        baselines = [_baseline(spec, work / f"baseline-{i}", env) for i, spec in enumerate(args.baseline)]
        steps = [
            (what, _baseline(revision, work / f"diff-step-{i}", env)[1])
            for i, (revision, what) in enumerate(
                DIFF_STEPS if args.diff_steps and args.only in ("all", "diff") else []
            )
            if _known_revision(revision)
        ]
        subprocess.run(
            [*ZWGK, "validate", str(ROOT / "catalogues")], env=env, capture_output=True, check=True
        )
        imports, version, shipped = measure(
            [
                [sys.executable, "-c", IMPORTS],
                [*ZWGK, "--version"],
                [*ZWGK, "validate", str(ROOT / "catalogues")],
            ],
            max(args.runs, STARTUP_RUNS),
            env,
        )
        rows.append(("—", "bare imports: " + IMPORTS, imports, imports))
        rows.append(("—", "start-up: zwgk --version", version, imports))
        rows.append(("shipped", "zwgk validate catalogues", shipped, imports))
        if args.only in ("all", "fmt"):
            catalogues = str(ROOT / "catalogues")
            validate_again, fmt_check, fmt_careful = measure(
                [
                    [*ZWGK, "validate", catalogues],
                    [*ZWGK, "fmt", "--check", catalogues],
                    [*CAREFUL_FMT, "fmt", "--check", catalogues],
                ],
                args.runs,
                env,
            )
            rows.append(
                (
                    "shipped",
                    "zwgk validate catalogues (floor of the next rows)",
                    validate_again,
                    validate_again,
                )
            )
            rows.append(("shipped", "zwgk fmt --check catalogues", fmt_check, validate_again))
            rows.append(("shipped", FMT_CAREFUL_ROW.format(" catalogues"), fmt_careful, validate_again))
        for scale in args.scales.split(","):
            if args.only in ("all", "fmt"):
                # a catalogue kept with `zwgk fmt`: every file already canonical, as in a pre-commit hook
                canonical = generate(work / f"{scale}-canonical", SCALES[scale], canonical=True)
                careful = SCALES[scale] <= CAREFUL_FMT_MAX_ITEMS
                floor, fmt_check, *fmt_careful = measure(
                    [
                        [sys.executable, "-c", LOAD_YAML_RS, str(canonical)],
                        [*ZWGK, "fmt", "--check", str(canonical)],
                        *([[*CAREFUL_FMT, "fmt", "--check", str(canonical)]] if careful else []),
                    ],
                    args.runs,
                    env,
                )
                rows.append((scale, "loader floor: yaml-rs (floor of the next rows)", floor, floor))
                rows.append((scale, "zwgk fmt --check", fmt_check, floor))
                for figure in fmt_careful:
                    rows.append((scale, FMT_CAREFUL_ROW.format(""), figure, floor))
                if args.only == "fmt":
                    continue
            folder = generate(work / scale, SCALES[scale])
            other = changed_copy(folder, work / f"{scale}-changed")
            if args.only == "diff":
                rows += _diff_rows(scale, folder, other, steps, args.runs, env)
                continue
            floor, pyyaml, validate, validate_one = measure(
                [
                    [sys.executable, "-c", LOAD_YAML_RS, str(folder)],
                    [sys.executable, "-c", LOAD_PYYAML, str(folder)],
                    [*ZWGK, "validate", str(folder)],
                    ["env", "ZWGK_JOBS=1", *ZWGK, "validate", str(folder)],
                ],
                args.runs,
                env,
            )
            rows.append((scale, "loader floor: yaml-rs", floor, floor))
            rows.append((scale, "loader: PyYAML C", pyyaml, floor))
            rows.append((scale, "zwgk validate", validate, floor))
            # the pool of processes checking the files earns its place only while this row is slower
            rows.append((scale, "zwgk validate, one process (ZWGK_JOBS=1)", validate_one, floor))
            # files with findings are located item by item: the clean run is this row's floor
            wrong = erroneous_copy(folder, work / f"{scale}-wrong")
            clean, one_each = measure(
                [[*ZWGK, "validate", str(folder)], [*ZWGK, "validate", str(wrong)]], args.runs, env
            )
            rows.append((scale, "zwgk validate (clean, floor of the next row)", clean, clean))
            rows.append((scale, "zwgk validate, one error per file", one_each, clean))
            rows += _cache_rows(scale, folder, work, args.runs, env)
            if args.only == "validate":
                continue
            book, dist = str(work / "floor.xlsx"), str(work / f"{scale}-dist")
            build_floor, build, one_process, *before = measure(
                [
                    [sys.executable, "-c", LOAD_AND_WRITE_XLSX, str(folder), book],
                    [*ZWGK, "build", str(folder), "-o", dist],
                    ["env", "ZWGK_JOBS=1", *ZWGK, "build", str(folder), "-o", dist],
                    *([*prefix, *ZWGK, "build", str(folder), "-o", dist] for _, prefix in baselines),
                ],
                args.runs,
                env,
            )
            rows.append((scale, "build floor: yaml-rs + xlsxwriter", build_floor, build_floor))
            rows.append((scale, "zwgk build", build, build_floor))
            # the forked workbook helper earns its place only while this row is slower than the one above
            rows.append((scale, "zwgk build, one process (ZWGK_JOBS=1)", one_process, build_floor))
            for (label, _), figure in zip(baselines, before, strict=True):
                rows.append((scale, f"zwgk build {label}", figure, build_floor))
            rows += _cache_rows(scale, folder, work, args.runs, env, "build")
            rows += _diff_rows(scale, folder, other, steps, args.runs, env)
    report = _report(rows, args)
    print(report)
    if args.write:
        (HERE / "RESULTS.md").write_text(report, encoding="utf-8")


def _cache_rows(
    scale: str, folder: Path, work: Path, runs: int, env: dict[str, str], command: str = "validate"
) -> list[Row]:
    """What the cache of per-file results buys (issue 21: re-validating after one file changed ≤ 0.2×
    a cold run; the build reuses it too): `zwgk validate` (or `build`) after one file changed, with
    the cache filled by a `validate` run before, against the same edit checked cold."""
    copy = Path(shutil.copytree(folder, work / f"{scale}-cached-{command}"))
    cache = work / f"{scale}-cache-{command}"
    edited = sorted(p for p in copy.glob("*.yaml") if p.name != "zwgk.yaml")[0]
    validate = [*ZWGK, "validate", str(copy)]
    subprocess.run(["env", f"ZWGK_CACHE_DIR={cache}", *validate], env=env, capture_output=True, check=True)
    run = (
        validate if command == "validate" else [*ZWGK, "build", str(copy), "-o", str(work / f"{scale}-dist")]
    )
    cold, cached = measure(
        [
            [sys.executable, "-c", EDIT_ONE_THEN, str(edited), shutil.which("env") or "/usr/bin/env", *cmd]
            for cmd in (["ZWGK_CACHE_DIR=", *run], [f"ZWGK_CACHE_DIR={cache}", *run])
        ],
        runs,
        env,
    )
    return [
        (scale, f"zwgk {command}, cold, one file changed (floor of the next row)", cold, cold),
        (scale, f"zwgk {command}, cached, one file changed", cached, cold),
    ]


def _diff_rows(
    scale: str,
    folder: Path,
    other: Path,
    steps: list[tuple[str, list[str]]],
    runs: int,
    env: dict[str, str],
) -> list[Row]:
    """`zwgk diff` of the catalogue and its changed copy beside both sides loaded, and as it was
    before each of its mechanisms (`steps`: what the step added, the prefix that runs it)."""
    diff = [*ZWGK, "diff", str(folder), str(other), "--format", "json"]
    sides, today, *before = measure(
        [
            [sys.executable, "-c", LOAD_YAML_RS, str(folder), str(other)],
            diff,
            *([*prefix, *diff] for _, prefix in steps),
        ],
        runs,
        env,
    )
    rows: list[Row] = [(scale, "both sides floor: yaml-rs", sides, sides)]
    for (what, _), figure in zip(steps, before, strict=True):
        rows.append((scale, f"zwgk diff, step: {what}", figure, sides))
    rows.append((scale, "zwgk diff (all changed)", today, sides))
    return rows


def _ratio(row: Row) -> tuple[float, float]:
    _, _, got, floor = row
    return got.seconds / floor.seconds, got.mib / floor.mib


TARGETS = [
    # (scale, what, time ratio at most, memory ratio at most, the target in words); issue 21's first
    (
        "province",
        "zwgk validate",
        1.5,
        1.3,
        "validate at province scale ≤ 1.5× the one-process loader floor on this machine's cores, "
        "memory ≤ 1.3× the floor's",
    ),
    (
        "province",
        "zwgk validate, cached, one file changed",
        0.2,
        None,
        "re-validate at province scale after one file changed, cache filled, ≤ 0.2× a cold run",
    ),
    (
        "shipped",
        "zwgk fmt --check catalogues",
        2.0,
        None,
        "fmt --check on the shipped catalogue ≤ 2× validate's whole-process time",
    ),
    ("province", "zwgk fmt --check", 5.0, None, "fmt --check at province scale ≤ 5× the loader floor"),
    (
        "province",
        "zwgk diff (all changed)",
        2.0,
        1.5,
        "diff at province scale ≤ 2× both sides loaded, memory ≤ 1.5×",
    ),
    # the earlier rounds' targets, still kept
    ("province", "zwgk build", 1.5, 2.0, "build at province scale ≤ 1.5× (loader + XLSX floor), memory ≤ 2×"),
    (
        "shipped",
        "zwgk validate catalogues",
        2.0,
        None,
        "validate on the shipped catalogue ≤ 2× the bare imports",
    ),
    (
        "province",
        "zwgk validate, one error per file",
        2.0,
        2.0,
        "validate at province scale with one error in every file ≤ 2× the clean run, memory ≤ 2×",
    ),
]


def _report(rows: list[Row], args: argparse.Namespace) -> str:
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:])
    cores = len(os.sched_getaffinity(0))
    lines = [
        "# Benchmark results",
        "",
        f"Produced by `{command}` on a {cores}-core machine, Python {sys.version.split()[0]}: medians of "
        f"{args.runs} runs ({max(args.runs, STARTUP_RUNS)} for the start-up rows), each command a whole process "
        "taking turns with its floor; memory is the peak "
        "proportional set size of the process and its children, in one more run. Floors are measured in the same run "
        "(see the docstring of benchmarks/run.py).",
        "",
        "| scale | what | seconds | ratio | peak MiB | ratio |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        scale, what, got, _ = row
        time_ratio, mem_ratio = _ratio(row)
        lines.append(
            f"| {scale} | {what} | {got.seconds:.2f} | {time_ratio:.2f}× | {got.mib:.0f} | {mem_ratio:.2f}× |"
        )
    lines += ["", "## Targets", "", "| target | measured | met |", "|---|---|---|"]
    by_key = {(row[0], row[1]): row for row in rows}
    for scale, what, max_time, max_mem, words in TARGETS:
        row = by_key.get((scale, what))
        if row is None:
            lines.append(f"| {words} | not measured in this run | — |")
            continue
        time_ratio, mem_ratio = _ratio(row)
        parts, met = [], True
        if max_time is not None:
            parts.append(f"time {time_ratio:.2f}×")
            met = met and time_ratio <= max_time
        if max_mem is not None:
            parts.append(f"memory {mem_ratio:.2f}×")
            met = met and mem_ratio <= max_mem
        lines.append(f"| {words} | {', '.join(parts)} | {'yes' if met else 'no'} |")
    lines += _machinery(rows)
    return "\n".join(lines) + "\n"


def _machinery(rows: list[Row]) -> list[str]:
    """What the forked workbook helper (build) and the pool of processes (validate) buy, scale by
    scale: the default command against one process."""
    by_key = {(row[0], row[1]): row for row in rows}
    lines = [
        "",
        "## Machinery",
        "",
        "| scale | machinery | one process | it pays? |",
        "|---|---|---|---|",
    ]
    lines_before = len(lines)
    for scale in dict.fromkeys(row[0] for row in rows):
        for command, machinery in (
            ("zwgk build", "forked workbook helper"),
            ("zwgk validate", "pool of processes"),
        ):
            several, single = (
                by_key.get((scale, command)),
                by_key.get((scale, f"{command}, one process (ZWGK_JOBS=1)")),
            )
            if several is None or single is None:
                continue
            pays = several[2].seconds < single[2].seconds
            lines.append(
                f"| {scale} | {machinery}: {several[2].seconds:.2f} s, {several[2].mib:.0f} MiB | "
                f"{single[2].seconds:.2f} s, {single[2].mib:.0f} MiB | {'yes' if pays else 'no: remove it'} |"
            )
    if len(lines) == lines_before:  # neither build nor validate measured beside one process
        lines = lines[:-3]
    return lines + _diff_steps(rows)


def _diff_steps(rows: list[Row]) -> list[str]:
    """What each of `zwgk diff`'s mechanisms buys: each step's run against the step before it."""
    lines = [
        "",
        "| scale | zwgk diff: step | seconds | × both sides | gain | peak MiB | × both sides | gain |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    prefix = "zwgk diff, step: "
    for scale in dict.fromkeys(row[0] for row in rows):
        mine = [row for row in rows if row[0] == scale and row[1].startswith(prefix)]
        today = next((row for row in rows if row[:2] == (scale, "zwgk diff (all changed)")), None)
        if not mine or today is None:
            continue
        previous: Row | None = None
        steps = [row[1].removeprefix(prefix) for row in mine] + [DIFF_LAST_STEP]
        for what, row in zip(steps, [*mine, today], strict=True):
            time_ratio, mem_ratio = _ratio(row)
            gain = (
                (f"{previous[2].seconds - row[2].seconds:+.2f} s", f"{previous[2].mib - row[2].mib:+.0f}")
                if previous is not None
                else ("—", "—")
            )
            lines.append(
                f"| {scale} | {what} | {row[2].seconds:.2f} | {time_ratio:.2f}× | {gain[0]} | "
                f"{row[2].mib:.0f} | {mem_ratio:.2f}× | {gain[1]} |"
            )
            previous = row
    return lines if len(lines) > 3 else []


if __name__ == "__main__":
    main()
