"""The page of a 审查意见书: an A4 Word document laid out the way a 公文 is (GB/T 9704), and its bytes
made reproducible.

Why these fonts: 仿宋 for the body, 黑体 for the title and the 一、二、三 headings, 楷体 for the
example note, 宋体 for the page number. Each is set as the East Asian font (w:eastAsia), which is
what Word and LibreOffice use for Chinese characters; the Latin font only covers digits and
English. 方正小标宋, the standard's title face, is not on a stock Windows or LibreOffice install,
and Word falls back unpredictably when a font is missing: 黑体 is on every Chinese Windows.

Why the rewrite of the package: python-docx stamps each zip member with the clock, keeps its
template's thumbnail (a blank page) and writes "python-docx" into the core properties. The same
dashboard must give the same bytes (the letters go into git and are compared), so the properties
come from the dashboard's date and office, and the zip is rewritten with one fixed time and a
stable member order.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from zwgk_cli.core.diagnostics import Lang
from zwgk_cli.render.pinned_zip import pinned_zip
from zwgk_cli.render.visible import visible

LATIN = "Times New Roman"
BODY = "仿宋"  # 三号仿宋: the body of a 公文
BOLD_FACE = "黑体"  # the title and the first-level headings
SOFT_FACE = "楷体"  # the example note
NUMBER_FACE = "宋体"  # the page number (四号半角宋体)
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
NOTE_SIZE = Pt(14)  # 四号
LINE = Pt(28)  # 22 lines to the page
INDENT = Pt(32)  # two characters of 三号

TITLE_STYLE = "Letter Title"
HEADING_STYLE = "Letter Heading"
NOTE_STYLE = "Letter Note"
FLUSH_STYLE = "Letter Flush"  # no first-line indent: 主送机关
SIGNATURE_STYLE = "Letter Signature"  # right-aligned, two characters in from the margin
DASH = "—"  # GB/T 9704: the page number between two one-character dashes

_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def new_letter(lang: Lang) -> DocumentObject:
    """An empty letter: A4 portrait with the 公文 margins, its fonts and styles, page numbers."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    _defaults(doc, lang)
    _styles(doc)
    _page_numbers(doc)
    return doc


def _defaults(doc: DocumentObject, lang: Lang) -> None:
    """三号仿宋, exact 28-point lines and no space between paragraphs, for every style; the
    template's theme fonts (a Japanese East Asian theme) taken out so nothing falls back to them."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    run = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert run is not None
    fonts = run.find(qn("w:rFonts"))
    assert fonts is not None
    _fonts(fonts, LATIN, BODY)
    for tag in ("w:sz", "w:szCs"):  # half-points, for Chinese and Latin text and for complex scripts
        size = run.find(qn(tag))
        assert size is not None
        size.set(qn("w:val"), str(int(BODY_SIZE.pt * 2)))
    language = run.find(qn("w:lang"))
    assert language is not None
    language.set(qn("w:val"), "zh-CN" if lang == "zh" else "en-US")
    language.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    assert spacing is not None
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(int(LINE.pt * 20)))
    spacing.set(qn("w:lineRule"), "exact")
    normal = doc.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.paragraph_format.first_line_indent = INDENT
    normal.paragraph_format.widow_control = True
    theme = doc.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:eastAsia"), "zh-CN")


def _fonts(fonts: BaseOxmlElement, latin: str, east_asia: str) -> None:
    """Set a w:rFonts element's faces, dropping the theme references that would win over them."""
    for name in list(fonts.attrib):
        if name.endswith("Theme") or name.endswith("theme"):
            del fonts.attrib[name]
    for key in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(key), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _style(doc: DocumentObject, name: str, face: str, size: Pt) -> ParagraphStyle:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.base_style = doc.styles["Normal"]
    style.font.size = size
    style.font.name = LATIN
    _fonts(style.element.get_or_add_rPr().get_or_add_rFonts(), LATIN, face)
    return style


def _styles(doc: DocumentObject) -> None:
    title = _style(doc, TITLE_STYLE, BOLD_FACE, TITLE_SIZE)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = LINE
    title.paragraph_format.keep_with_next = True
    heading = _style(doc, HEADING_STYLE, BOLD_FACE, BODY_SIZE)
    heading.paragraph_format.keep_with_next = True
    outline = OxmlElement("w:outlineLvl")  # listed in Word's navigation pane and a PDF's bookmarks
    outline.set(qn("w:val"), "0")
    heading.element.get_or_add_pPr().append(outline)
    note = _style(doc, NOTE_STYLE, SOFT_FACE, NOTE_SIZE)
    note.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    note.paragraph_format.first_line_indent = Pt(0)
    note.paragraph_format.space_after = LINE
    flush = _style(doc, FLUSH_STYLE, BODY, BODY_SIZE)
    flush.paragraph_format.first_line_indent = Pt(0)
    signed = _style(doc, SIGNATURE_STYLE, BODY, BODY_SIZE)
    signed.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signed.paragraph_format.first_line_indent = Pt(0)
    signed.paragraph_format.right_indent = INDENT


def _page_numbers(doc: DocumentObject) -> None:
    """“— 1 —” centred in the footer: a PAGE field, which Word and LibreOffice fill in."""
    footer = doc.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    _number_face(paragraph.add_run(f"{DASH} "))
    _field(paragraph, "PAGE", "1")
    _number_face(paragraph.add_run(f" {DASH}"))


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A complex field in its own runs: begin, the instruction, separate, the value last shown, end."""
    _field_mark(paragraph, "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    _number_face(paragraph.add_run())._r.append(code)
    _field_mark(paragraph, "separate")
    _number_face(paragraph.add_run(shown))
    _field_mark(paragraph, "end")


def _field_mark(paragraph: Paragraph, kind: str) -> None:
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), kind)
    _number_face(paragraph.add_run())._r.append(mark)


def _number_face(run: Run) -> Run:
    run.font.size = NOTE_SIZE
    _fonts(run._r.get_or_add_rPr().get_or_add_rFonts(), NUMBER_FACE, NUMBER_FACE)
    return run


def paragraph(doc: DocumentObject, *parts: str, style: str | None = None) -> Paragraph:
    """A paragraph of plain text runs: each part is written as text (never read as markup), with
    every character XML cannot hold or nobody can see written out as [U+XXXX] (render.visible),
    so text from a review record or a finding can neither break the file nor hide in it."""
    made = doc.add_paragraph(style=style)
    for part in parts:
        if part:
            made.add_run(visible(part))
    return made


def signature(doc: DocumentObject, office: str, day: str) -> None:
    """The signature block: a blank line, then the office and the day, right-aligned. The blank line
    is an empty paragraph, not space before the office: LibreOffice moved a block with a two-line
    space before it onto a page of its own, though the page before had room."""
    paragraph(doc, style=FLUSH_STYLE)
    paragraph(doc, office, style=SIGNATURE_STYLE)
    paragraph(doc, day, style=SIGNATURE_STYLE)


def letter_bytes(doc: DocumentObject, *, day: date, title: str, author: str, lang: Lang) -> bytes:
    """The document's bytes, the same for the same letter: properties from the dashboard, not the
    clock; no thumbnail; every zip member stamped `day` and written in a fixed order."""
    stamp = datetime.combine(day, time(0, 0), tzinfo=UTC)
    props = doc.core_properties
    props.title = visible(title)
    props.author = props.last_modified_by = visible(author)
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    props.comments = props.keywords = props.subject = props.category = ""
    props.language = "zh-CN" if lang == "zh" else "en-US"
    package = doc.part.package
    assert package is not None
    for key, rel in list(package.rels.items()):
        if rel.reltype == _THUMBNAIL:
            del package.rels[key]
    raw = io.BytesIO()
    doc.save(raw)
    return pinned_zip(raw.getvalue(), datetime.combine(day, time(0, 0)))
