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
from pathlib import Path

from zwgk_cli.authoring.scaffold import scalar
from zwgk_cli.check.lints import _recipients_online
from zwgk_cli.check.pipeline import check_catalogue

ROOT = Path(__file__).resolve().parent.parent
SCALES = {"district": 300, "city": 10_000, "province": 100_000}


def _flow(values: list[str]) -> str:
    return "[" + ", ".join(scalar(v) for v in values) + "]"


def generate(out: Path, items: int, seed: int = 2020) -> Path:
    """Write a catalogue folder of about `items` items into `out` (replaced); returns it."""
    shipped = check_catalogue(ROOT / "catalogues")
    catalogue = shipped.catalogue
    assert catalogue is not None, "the shipped catalogue must validate"
    rng = random.Random(seed)
    pool = [item for _, item in catalogue.items()]
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    settings = (ROOT / "catalogues" / "zwgk.yaml").read_text(encoding="utf-8")
    settings = settings[: settings.index("\n# 上级目录")] + "\n" if "\n# 上级目录" in settings else settings
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
                f"    category: {scalar(category)}",
                f"    name: {scalar(f'{model.name}（{number}）')}",
                f"    content: {_flow(elements)}",
                "    basis:",
                *[f"      - {scalar(b)}" for b in basis],
                f"    time_limit: {scalar(model.time_limit)}",
                f"    subject: {scalar(model.subject) if isinstance(model.subject, str) else '{' + ', '.join(f'{k}: {v}' for k, v in model.subject.items()) + '}'}",
                f"    channels: {_flow(model.channels)}",
                f"    audience: {_flow(list(model.audience))}",
                *([f"    audience_note: {scalar(model.audience_note)}"] if model.audience_note else []),
                f"    mode: {_flow(list(model.mode))}",
                f"    levels: {_flow(model.levels)}",
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
    args = parser.parse_args()
    folder = generate(args.out, args.items)
    print(f"wrote {folder} ({sum(1 for _ in folder.glob('*.yaml'))} files)")


if __name__ == "__main__":
    main()
