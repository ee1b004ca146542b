"""How long `zwgk diff` takes when every item of the shipped catalogue changed.

Run: python benchmarks/bench_diff.py [--runs 7]

Baseline, measured in the same run: checking both versions as `zwgk validate` would (the diff has
to read and check both sides anyway). Printed: medians in milliseconds and the ratio diff/baseline,
plus the item matching alone.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.history.changes import diff_sides
from zwgk_cli.history.compare import compare, side_of

ROOT = Path(__file__).resolve().parent.parent


def median_ms(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        new = Path(tmp) / "new"
        shutil.copytree(ROOT / "catalogues", old)
        shutil.copytree(ROOT / "catalogues", new)
        for path in new.glob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            linked = r"  - id: \1\n    link: https://www.example.gov.cn/zwgk/\1.html"
            path.write_text(re.sub(r"(?m)^  - id: ([a-z0-9-]+)$", linked, text), encoding="utf-8")
        diff = compare(str(old), str(new), Path("catalogues"), ROOT).diff
        changed = diff.totals()["changed"]
        baseline = median_ms(lambda: (check_catalogue(old), check_catalogue(new)), args.runs)
        whole = median_ms(lambda: compare(str(old), str(new), Path("catalogues"), ROOT), args.runs)
        sides = side_of("old", check_catalogue(old)), side_of("new", check_catalogue(new))
        matching = median_ms(lambda: diff_sides(*sides), args.runs)
    print(f"items changed:                 {changed}")
    print(f"baseline (check both sides):   {baseline:8.1f} ms")
    print(f"zwgk diff (read, check, diff): {whole:8.1f} ms   ratio {whole / baseline:.2f}")
    print(f"item matching alone:           {matching:8.1f} ms   ratio {matching / baseline:.3f}")


if __name__ == "__main__":
    main()
