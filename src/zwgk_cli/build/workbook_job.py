"""``catalogue.xlsx`` written by the helper process (see `parallel`) from ``catalogue.json``.

The job names the output folder's files and where each domain is in ``catalogue.json`` (see
`opendata.JsonLayout`), with the domains' headers and item counts for the cover and 任务分工 sheets
and the workbook's date. The helper reads and writes one domain at a time (twice: for the domain
sheets, then for the hidden data sheet), so it holds little of the catalogue; the models it reads
back are equal to the ones they were written from, so the workbook is byte for byte the one this
process would write (a test compares them).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from zwgk_cli.core.catalogue import Catalogue
from zwgk_cli.core.models import Domain, Settings
from zwgk_cli.render.opendata import JsonLayout
from zwgk_cli.render.xlsx.workbook import write_catalogue_workbook


def workbook_job(
    catalogue: Catalogue, json_path: Path, layout: JsonLayout, target: Path, epoch: int | None
) -> bytes:
    """The job message: write `target` from `json_path`, the catalogue's ``catalogue.json``."""
    job = {
        "json": str(json_path),
        "target": str(target),
        "root": str(catalogue.root),
        "settings": layout.settings,
        "domains": layout.domains,
        "headers": [domain.model_dump(mode="json", exclude={"items"}) for domain in catalogue.domains],
        "counts": {domain.slug: len(domain.items) for domain in catalogue.domains},
        "epoch": epoch,
    }
    return json.dumps(job, ensure_ascii=False).encode("utf-8")


def run_workbook_job(job: bytes) -> None:
    """Do the job (in the helper)."""
    spec = json.loads(job)
    with Path(spec["json"]).open("rb") as source, Path(spec["target"]).open("wb") as target:
        settings = Settings.model_validate_json(_slice(source, spec["settings"]))
        headers = [Domain.model_validate({**header, "items": []}, strict=False) for header in spec["headers"]]
        skeleton = Catalogue(Path(spec["root"]), settings, headers, {})
        write_catalogue_workbook(
            skeleton,
            target,
            epoch=spec["epoch"],
            streamed=lambda: _domains(source, spec["domains"]),
            counts=spec["counts"],
        )


def _domains(source: IO[bytes], spans: list[list[int]]) -> Iterator[Domain]:
    for span in spans:
        yield Domain.model_validate_json(_slice(source, span))


def _slice(source: IO[bytes], span: list[int]) -> bytes:
    start, end = span
    source.seek(start)
    return source.read(end - start)
