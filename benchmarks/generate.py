"""Realistic synthetic catalogues at district, city and province scale, for the benchmarks.

Run: python benchmarks/generate.py OUT --items 10000

The settings (units, channels, levels) are the shipped 渝北区 catalogue's; each domain's items are
recombined from that domain's shipped items' real wording (names, content elements, time limits,
publication frequencies, categories), with citations from the whole catalogue, varied lengths and a
running number so that every row is distinct. The result passes `zwgk validate` without findings
(a combination that would draw one, such as a recipients' list online, is drawn again), so the
benchmarks time the clean path.
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Callable
from pathlib import Path

from zwgk_cli.authoring.scaffold import scalar
from zwgk_cli.check.lints import _recipients_online
from zwgk_cli.check.pipeline import check_catalogue
from zwgk_cli.sources.fmt.fast_check import canonical_scalar

ROOT = Path(__file__).resolve().parent.parent
SCALES = {"district": 300, "city": 10_000, "province": 100_000}


def _scaffold(value: str, *, flow: bool = False) -> str:
    """`value` written as `zwgk init` and `zwgk import` write it (double quotes where needed)."""
    return scalar(value)


def _flow(values: list[str], write: Callable[..., str] = _scaffold) -> str:
    return "[" + ", ".join(write(v, flow=True) for v in values) + "]"


def generate(out: Path, items: int, seed: int = 2020, *, canonical: bool = False) -> Path:
    """Write a catalogue folder of about `items` items into `out` (replaced); returns it. With
    `canonical`, every file is in fmt's canonical layout (quotes only where YAML needs them), as the
    files of a catalogue kept with `zwgk fmt` are."""
    text: Callable[..., str] = canonical_scalar if canonical else _scaffold
    shipped = check_catalogue(ROOT / "catalogues")
    catalogue = shipped.catalogue
    assert catalogue is not None, "the shipped catalogue must validate"
    rng = random.Random(seed)
    pool = [item for _, item in catalogue.items()]
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    settings = (ROOT / "catalogues" / "zwgk.yaml").read_text(encoding="utf-8")
    settings = (
        settings[: settings.index("\n# 上级目录")].rstrip("\n") + "\n"
        if "\n# 上级目录" in settings
        else settings
    )
    (out / "zwgk.yaml").write_text(settings, encoding="utf-8")
    per_domain = max(1, -(-items // len(catalogue.domains)))
    for domain in catalogue.domains:
        lines = [
            f"domain: {domain.domain}",
            f"slug: {domain.slug}",
            f"order: {domain.order}",
            f"lead: {domain.lead}",
            f"due: {domain.due.isoformat()}",
            "items:",
        ]
        # each domain recombines its own items' wording (so the 村（居） frequency rules of its
        # area still hold), with citations from the whole catalogue
        own = domain.items or pool
        categories = sorted({item.category for item in own})
        run: list[str] = []
        used: dict[str, int] = {}
        for number in range(1, per_domain + 1):
            if not run:
                base = rng.choice(categories)
                used[base] = used.get(base, 0) + 1
                # a category used again later in the file gets its own wording (no split runs)
                label = base if used[base] == 1 else f"{base}（{used[base]}）"
                run = [label] * rng.randint(2, 8)
            category = run.pop()
            for _ in range(50):  # recombined wording must not make a finding the shipped items lack
                model = rng.choice(own)
                content = rng.sample(
                    model.content or ["公开内容"], k=max(1, len(model.content or ["x"]) - rng.randint(0, 2))
                )
                extra = rng.choice(own).content[: rng.randint(0, 3)]
                elements = list(dict.fromkeys(content + extra))
                # a list of assistance recipients put online draws privacy-recipients
                probe = model.model_copy(update={"category": category, "content": elements})
                if not _recipients_online(probe):
                    break
            basis = list(dict.fromkeys(model.basis + rng.choice(pool).basis[: rng.randint(0, 2)]))
            lines += [
                f"  - id: {domain.slug}-{number:05d}",
                f"    category: {text(category)}",
                f"    name: {text(f'{model.name}（{number}）')}",
                f"    content: {_flow(elements, text)}",
                "    basis:",
                *[f"      - {text(b)}" for b in basis],
                f"    time_limit: {text(model.time_limit)}",
                f"    subject: {text(model.subject) if isinstance(model.subject, str) else '{' + ', '.join(f'{k}: {v}' for k, v in model.subject.items()) + '}'}",
                f"    channels: {_flow(model.channels, text)}",
                f"    audience: {_flow(list(model.audience), text)}",
                *([f"    audience_note: {text(model.audience_note)}"] if model.audience_note else []),
                f"    mode: {_flow(list(model.mode), text)}",
                f"    levels: {_flow(model.levels, text)}",
                *([f"    frequency: {model.frequency}"] if model.frequency else []),
            ]
        (out / f"{domain.slug}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--items", type=int, default=SCALES["city"])
    parser.add_argument("--canonical", action="store_true", help="in fmt's canonical layout")
    args = parser.parse_args()
    folder = generate(args.out, args.items, canonical=args.canonical)
    print(f"wrote {folder} ({sum(1 for _ in folder.glob('*.yaml'))} files)")


if __name__ == "__main__":
    main()
