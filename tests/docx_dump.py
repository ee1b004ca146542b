"""A Word document as text, for golden files and assertions: the zip carries timestamps and the XML
is one long line; what a reader sees, and how the tables are merged, is what the golden file holds."""

from __future__ import annotations

import io
from dataclasses import dataclass

import docx
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table


@dataclass(frozen=True)
class CellView:
    """One w:tc as written: its text (paragraphs joined by line feeds), grid span and vMerge
    ("restart", "continue" or "" for none)."""

    text: str
    span: int
    merge: str


@dataclass(frozen=True)
class RowView:
    """One w:tr: whether it repeats as a header row and whether it may break across pages."""

    cells: list[CellView]
    header: bool
    cant_split: bool


def _paragraph_text(p: BaseOxmlElement) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def table_rows(table: Table) -> list[RowView]:
    """The rows of `table` as written (python-docx's own cell grid repeats merged cells)."""
    rows = []
    for tr in table._tbl.findall(qn("w:tr")):
        props = tr.find(qn("w:trPr"))
        header = props is not None and props.find(qn("w:tblHeader")) is not None
        cant_split = props is not None and props.find(qn("w:cantSplit")) is not None
        cells = []
        for tc in tr.findall(qn("w:tc")):
            tc_props = tc.find(qn("w:tcPr"))
            span_el = tc_props.find(qn("w:gridSpan")) if tc_props is not None else None
            merge_el = tc_props.find(qn("w:vMerge")) if tc_props is not None else None
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            merge = "" if merge_el is None else (merge_el.get(qn("w:val")) or "continue")
            text = "\n".join(_paragraph_text(p) for p in tc.findall(qn("w:p")))
            cells.append(CellView(text, span, merge))
        rows.append(RowView(cells, header, cant_split))
    return rows


def load(data: bytes) -> DocumentObject:
    return docx.Document(io.BytesIO(data))


def footer_text(doc: DocumentObject) -> str:
    """The footer with its fields shown as {PAGE}."""
    parts = []
    for run in doc.sections[0].footer.paragraphs[0]._p.iter(qn("w:r")):
        code = run.find(qn("w:instrText"))
        if code is not None:
            parts.append("{" + (code.text or "").strip() + "}")
            continue
        parts += [t.text or "" for t in run.iter(qn("w:t"))]
    # the value last shown sits between the field's separate and end marks: keep the field alone
    return "".join(parts).replace("{PAGE}1", "{PAGE}")


def dump_document(data: bytes) -> str:
    """The page, the core properties, every paragraph with its style, and every table row by row:
    cell texts, with ⟨span n⟩ for a grid span, ⟨merge⟩ for a vertical merge's start and ⟨↑⟩ for its
    continuation; header rows marked [header], rows that may not break [keep]."""
    doc = load(data)
    section = doc.sections[0]
    props = doc.core_properties
    lines = [
        f"properties: title={props.title!r} author={props.author!r} created={props.created} "
        f"language={props.language!r} comments={props.comments!r}",
        f"page: {section.orientation.name.lower()} {section.page_width.mm:.0f}x{section.page_height.mm:.0f} mm, "
        f"margins {section.left_margin.mm:.0f}/{section.right_margin.mm:.0f}/{section.top_margin.mm:.0f}/"
        f"{section.bottom_margin.mm:.0f} mm",
        f"footer: {footer_text(doc)}",
    ]
    body = doc.element.body
    tables = iter(doc.tables)
    for child in body:
        if child.tag == qn("w:p"):
            style = child.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            name = style.get(qn("w:val")) if style is not None else "Normal"
            lines.append(f"p [{name}] {_paragraph_text(child)!r}")
        elif child.tag == qn("w:tbl"):
            table = next(tables)
            grid = [col.get(qn("w:w")) for col in child.iter(qn("w:gridCol"))]
            lines.append(f"table: {len(grid)} columns, widths {' '.join(str(w) for w in grid)} twips")
            for row in table_rows(table):
                flags = ("[header]" if row.header else "") + ("[keep]" if row.cant_split else "")
                cells = []
                for cell in row.cells:
                    marks = (f"⟨span {cell.span}⟩" if cell.span > 1 else "") + {
                        "restart": "⟨merge⟩",
                        "continue": "⟨↑⟩",
                        "": "",
                    }[cell.merge]
                    cells.append(marks + cell.text.replace("\n", "⏎"))
                lines.append(f"  {flags} " + " | ".join(cells))
    return "\n".join(lines) + "\n"
