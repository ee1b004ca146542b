"""The pieces every Word document of the project is made of: its fonts, its styles, the page number
in the footer, and bytes that are the same for the same content.

Why fonts are set the way they are: Word and LibreOffice take the face of Chinese characters from
the East Asian font (w:eastAsia); the Latin font only covers digits and English. python-docx's
template names theme fonts (a Japanese East Asian theme) that win over a face set by name, so they
are taken out wherever a face is set.

Why the package is rewritten: python-docx stamps each zip member with the clock, keeps its
template's thumbnail (a blank page) and writes "python-docx" into the core properties. The same
sources must give the same bytes (the outputs go into git and are compared), so the properties
come from the caller's date and author, and the zip is rewritten with one fixed time and a stable
member order (`pinned_zip`).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import IO

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from zwgk_cli.render.pinned_zip import Rewrite, write_pinned_zip
from zwgk_cli.render.visible import visible

LATIN = "Times New Roman"
NUMBER_FACE = "宋体"  # the page number (半角宋体, GB/T 9704)
DASH = "—"  # GB/T 9704: the page number between two one-character dashes

_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def set_fonts(fonts: BaseOxmlElement, latin: str, east_asia: str) -> None:
    """Set a w:rFonts element's faces, dropping the theme references that would win over them."""
    for name in list(fonts.attrib):
        if name.endswith("Theme") or name.endswith("theme"):
            del fonts.attrib[name]
    for key in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(key), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def set_defaults(doc: DocumentObject, *, face: str, size: Pt, line: Pt, language: str) -> None:
    """Every style's defaults: `face` for Chinese (Times New Roman for Latin), `size`, exact `line`
    spacing with no space after paragraphs, the `language`; the template's theme fonts taken out
    so nothing falls back to them."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    run = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert run is not None
    fonts = run.find(qn("w:rFonts"))
    assert fonts is not None
    set_fonts(fonts, LATIN, face)
    for tag in ("w:sz", "w:szCs"):  # half-points, for Chinese and Latin text and for complex scripts
        element = run.find(qn(tag))
        assert element is not None
        element.set(qn("w:val"), str(int(size.pt * 2)))
    lang = run.find(qn("w:lang"))
    assert lang is not None
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    assert spacing is not None
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(int(line.pt * 20)))
    spacing.set(qn("w:lineRule"), "exact")
    theme = doc.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:eastAsia"), "zh-CN")


def add_style(doc: DocumentObject, name: str, face: str, size: Pt) -> ParagraphStyle:
    """A paragraph style based on Normal, in `face` (East Asian) at `size`."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.base_style = doc.styles["Normal"]
    style.font.size = size
    style.font.name = LATIN
    set_fonts(style.element.get_or_add_rPr().get_or_add_rFonts(), LATIN, face)
    return style


def outline_level(style: ParagraphStyle, level: int) -> None:
    """List the style's paragraphs in Word's navigation pane and a PDF's bookmarks at `level` (0 on)."""
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    style.element.get_or_add_pPr().append(outline)


def page_numbers(section: Section, size: Pt) -> None:
    """“— 1 —” centred in the section's footer: a PAGE field, which Word and LibreOffice fill in."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    _number_face(paragraph.add_run(f"{DASH} "), size)
    _field(paragraph, "PAGE", "1", size)
    _number_face(paragraph.add_run(f" {DASH}"), size)


def _field(paragraph: Paragraph, instruction: str, shown: str, size: Pt) -> None:
    """A complex field in its own runs: begin, the instruction, separate, the value last shown, end."""
    _field_mark(paragraph, "begin", size)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    _number_face(paragraph.add_run(), size)._r.append(code)
    _field_mark(paragraph, "separate", size)
    _number_face(paragraph.add_run(shown), size)
    _field_mark(paragraph, "end", size)


def _field_mark(paragraph: Paragraph, kind: str, size: Pt) -> None:
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), kind)
    _number_face(paragraph.add_run(), size)._r.append(mark)


def _number_face(run: Run, size: Pt) -> Run:
    run.font.size = size
    set_fonts(run._r.get_or_add_rPr().get_or_add_rFonts(), NUMBER_FACE, NUMBER_FACE)
    return run


def docx_bytes(
    doc: DocumentObject,
    when: datetime,
    *,
    title: str,
    author: str,
    language: str,
    subject: str = "",
    keywords: str = "",
    comments: str = "",
) -> bytes:
    """The document's bytes, the same for the same document (see `write_docx`)."""
    out = io.BytesIO()
    write_docx(
        doc,
        when,
        out,
        title=title,
        author=author,
        language=language,
        subject=subject,
        keywords=keywords,
        comments=comments,
    )
    return out.getvalue()


def write_docx(
    doc: DocumentObject,
    when: datetime,
    target: IO[bytes],
    *,
    title: str,
    author: str,
    language: str,
    subject: str = "",
    keywords: str = "",
    comments: str = "",
    rewrite: Mapping[str, Rewrite] | None = None,
) -> None:
    """The document into `target`, the same bytes for the same document: properties from the
    arguments, not the clock (`when` is a naive UTC time); no thumbnail; every zip member stamped
    `when` and written in a fixed order; the members named in `rewrite` rewritten part by part
    (`pinned_zip.write_pinned_zip`)."""
    props = doc.core_properties
    props.title = visible(title)
    props.author = props.last_modified_by = visible(author)
    props.created = props.modified = props.last_printed = when.replace(tzinfo=UTC)
    props.revision = 1
    props.comments = visible(comments)
    props.keywords = visible(keywords)
    props.subject = visible(subject)
    props.category = ""
    props.language = language
    package = doc.part.package
    assert package is not None
    for key, rel in list(package.rels.items()):
        if rel.reltype == _THUMBNAIL:
            del package.rels[key]
    raw = io.BytesIO()
    doc.save(raw)
    write_pinned_zip(raw.getvalue(), when, target, rewrite)
