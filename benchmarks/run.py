"""Whole-process time and peak memory of zwgk's commands, next to floors measured in the same run.

Run: python benchmarks/run.py [--scales district,city] [--runs 3] [--write]

For each scale, a synthetic catalogue is generated (benchmarks/generate.py) and every command runs
as its own process; peak memory is the process's maximum resident set. The floors run on the same
files in the same way:
- loader floors: the fastest YAML-to-Python loader available (yaml-rs) and PyYAML's C loader
  (with the garbage collector off during the load), each reading every file;
- the XLSX floor: xlsxwriter writing the same number of cells (one row of 13 cells per item);
- start-up: `python -c "import pydantic, ruamel.yaml, typer"`.
Every figure is printed as a ratio to its floor (medians of --runs). With --write the table goes to
benchmarks/RESULTS.md together with the command that produced it. Needs the bench extra:
python -m pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import SCALES, generate

HERE = Path(__file__).resolve().parent
ZWGK = [sys.executable, "-m", "zwgk_cli"]

LOAD_YAML_RS = """
import sys, pathlib, yaml_rs
for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):
    yaml_rs.loads(p.read_text(encoding='utf-8'))
"""
LOAD_PYYAML = """
import sys, gc, pathlib, yaml
gc.disable()
for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):
    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)
gc.enable()
"""
WRITE_XLSX = """
import sys, xlsxwriter
rows = int(sys.argv[1])
book = xlsxwriter.Workbook(sys.argv[2], {'constant_memory': False})
sheet = book.add_worksheet('x')
text = '区民政局、各镇人民政府（街道办事处）信息形成或者变更之日起20个工作日内'
for r in range(rows):
    for c in range(13):
        sheet.write_string(r, c, text[: 8 + (r + c) % 30])
book.close()
"""
IMPORTS = "import pydantic, ruamel.yaml, typer"


def measure(command: list[str], runs: int, cwd: Path | None = None) -> tuple[float, float]:
    """Median wall seconds and median peak RSS (MiB) of `command` run `runs` times."""
    seconds: list[float] = []
    memory: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        seconds.append(time.perf_counter() - start)
        memory.append(usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"failed: {' '.join(command)}")
    return statistics.median(seconds), statistics.median(memory)


def changed_copy(source: Path, target: Path) -> Path:
    """Every item given a portal link: a diff where all items changed."""
    shutil.copytree(source, target)
    for path in target.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        linked = r"  - id: \1\n    link: https://www.example.gov.cn/zwgk/\1.html"
        path.write_text(re.sub(r"(?m)^  - id: ([a-z0-9-]+)$", linked, text), encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="district,city")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="write benchmarks/RESULTS.md")
    args = parser.parse_args()
    rows: list[tuple[str, str, float, float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        imports = measure([sys.executable, "-c", IMPORTS], args.runs)
        startup = measure([*ZWGK, "--version"], args.runs)
        rows.append(("—", "start-up (zwgk --version)", *startup, *imports))
        for scale in args.scales.split(","):
            items = SCALES[scale]
            folder = generate(work / scale, items)
            other = changed_copy(folder, work / f"{scale}-changed")
            rs = measure([sys.executable, "-c", LOAD_YAML_RS, str(folder)], args.runs)
            pyyaml = measure([sys.executable, "-c", LOAD_PYYAML, str(folder)], args.runs)
            xlsx = measure(
                [sys.executable, "-c", WRITE_XLSX, str(items), str(work / "floor.xlsx")], args.runs
            )
            floor = rs
            rows.append((scale, "loader floor: yaml-rs", *rs, *rs))
            rows.append((scale, "loader: PyYAML C", *pyyaml, *rs))
            validate = measure([*ZWGK, "validate", str(folder)], args.runs)
            rows.append((scale, "zwgk validate", *validate, *floor))
            build = measure([*ZWGK, "build", str(folder), "-o", str(work / f"{scale}-dist")], args.runs)
            rows.append((scale, "zwgk build", *build, floor[0] + xlsx[0], max(floor[1], xlsx[1])))
            diff = measure([*ZWGK, "diff", str(folder), str(other), "--format", "json"], args.runs)
            rows.append((scale, "zwgk diff (all changed)", *diff, 2 * floor[0], floor[1]))
    lines = [
        "| scale | what | seconds | ratio | peak MiB | ratio |",
        "|---|---|---:|---:|---:|---:|",
        *(
            f"| {scale} | {what} | {sec:.2f} | {sec / base_sec:.1f}× | {mem:.0f} | {mem / base_mem:.1f}× |"
            for scale, what, sec, mem, base_sec, base_mem in rows
        ),
    ]
    table = "\n".join(lines)
    print(table)
    if args.write:
        command = "python benchmarks/run.py " + " ".join(sys.argv[1:])
        (HERE / "RESULTS.md").write_text(
            "# Benchmark results\n\n"
            f"Produced by `{command}` on a 2-core machine (medians of {args.runs} runs; each command a whole process).\n"
            "Ratios: time and peak memory against the floor measured in the same run — the yaml-rs loader for\n"
            "validate and diff (×2 for the two sides), loader + xlsxwriter for build, the bare imports for start-up.\n\n"
            + table
            + "\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
