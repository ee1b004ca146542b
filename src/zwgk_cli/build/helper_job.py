"""``catalogue.xlsx`` and ``catalogue.docx``, written by the helper process (see `parallel`) from
``catalogue.json``.

The job names the output folder's files and where each domain is in ``catalogue.json`` (see
`opendata.JsonLayout`), with the domains' headers and item counts for the cover and 任务分工 sheets,
the town's place (for a town's captions) and the files' date. The helper reads and writes one domain
at a time (for the domain sheets, for the workbook's hidden data sheet, then for the document), so
it holds little of the catalogue; the models it reads back are equal to the ones they were written
from, so both files are byte for byte the ones this process would write (a test compares them).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from zwgk_cli.core.catalogue import Catalogue
from zwgk_cli.core.models import Domain, Settings
from zwgk_cli.render.catalogue_docx import write_catalogue_docx
from zwgk_cli.render.opendata import JsonLayout
from zwgk_cli.render.xlsx.workbook import write_catalogue_workbook


def helper_job(
    catalogue: Catalogue,
    json_path: Path,
    layout: JsonLayout,
    targets: dict[str, Path],
    epoch: int | None,
) -> bytes:
    """The job message: write `targets` ("workbook", "document") from `json_path`, the catalogue's
    ``catalogue.json``."""
    job = {
        "json": str(json_path),
        "targets": {kind: str(path) for kind, path in targets.items()},
        "root": str(catalogue.root),
        "place": catalogue.place,
        "settings": layout.settings,
        "domains": layout.domains,
        "headers": [domain.model_dump(mode="json", exclude={"items"}) for domain in catalogue.domains],
        "counts": {domain.slug: len(domain.items) for domain in catalogue.domains},
        "epoch": epoch,
    }
    return json.dumps(job, ensure_ascii=False).encode("utf-8")


def run_helper_job(job: bytes) -> None:
    """Do the job (in the helper)."""
    spec = json.loads(job)
    targets = spec["targets"]
    with Path(spec["json"]).open("rb") as source:
        settings = Settings.model_validate_json(_slice(source, spec["settings"]))
        headers = [Domain.model_validate({**header, "items": []}, strict=False) for header in spec["headers"]]
        skeleton = Catalogue(Path(spec["root"]), settings, headers, {}, place=spec["place"])
        with Path(targets["workbook"]).open("wb") as target:
            write_catalogue_workbook(
                skeleton,
                target,
                epoch=spec["epoch"],
                streamed=lambda: _domains(source, spec["domains"]),
                counts=spec["counts"],
            )
        with Path(targets["document"]).open("wb") as target:
            write_catalogue_docx(
                skeleton, target, epoch=spec["epoch"], streamed=lambda: _domains(source, spec["domains"])
            )


def _domains(source: IO[bytes], spans: list[list[int]]) -> Iterator[Domain]:
    for span in spans:
        yield Domain.model_validate_json(_slice(source, span))


def _slice(source: IO[bytes], span: list[int]) -> bytes:
    start, end = span
    source.seek(start)
    return source.read(end - start)
