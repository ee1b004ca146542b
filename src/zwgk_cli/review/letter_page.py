"""The page of a 审查意见书: an A4 Word document laid out the way a 公文 is (GB/T 9704), and its bytes
made reproducible (`render.docx_parts`: fonts, page numbers, pinned bytes).

Why these fonts: 仿宋 for the body, 黑体 for the title and the 一、二、三 headings, 楷体 for the
example note, 宋体 for the page number. 方正小标宋, the standard's title face, is not on a stock
Windows or LibreOffice install, and Word falls back unpredictably when a font is missing: 黑体 is
on every Chinese Windows.
"""

from __future__ import annotations

from datetime import date, datetime, time

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from zwgk_cli.core.diagnostics import Lang
from zwgk_cli.render.docx_parts import add_style, docx_bytes, outline_level, page_numbers, set_defaults
from zwgk_cli.render.visible import visible

BODY = "仿宋"  # 三号仿宋: the body of a 公文
BOLD_FACE = "黑体"  # the title and the first-level headings
SOFT_FACE = "楷体"  # the example note
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
NOTE_SIZE = Pt(14)  # 四号: also the page number's
LINE = Pt(28)  # 22 lines to the page
INDENT = Pt(32)  # two characters of 三号

TITLE_STYLE = "Letter Title"
HEADING_STYLE = "Letter Heading"
NOTE_STYLE = "Letter Note"
FLUSH_STYLE = "Letter Flush"  # no first-line indent: 主送机关
SIGNATURE_STYLE = "Letter Signature"  # right-aligned, two characters in from the margin


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
    page_numbers(section, NOTE_SIZE)
    return doc


def _defaults(doc: DocumentObject, lang: Lang) -> None:
    """三号仿宋, exact 28-point lines and no space between paragraphs, for every style; a body
    paragraph starts two characters in."""
    set_defaults(doc, face=BODY, size=BODY_SIZE, line=LINE, language="zh-CN" if lang == "zh" else "en-US")
    normal = doc.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.paragraph_format.first_line_indent = INDENT
    normal.paragraph_format.widow_control = True


def _styles(doc: DocumentObject) -> None:
    title = add_style(doc, TITLE_STYLE, BOLD_FACE, TITLE_SIZE)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = LINE
    title.paragraph_format.keep_with_next = True
    heading = add_style(doc, HEADING_STYLE, BOLD_FACE, BODY_SIZE)
    heading.paragraph_format.keep_with_next = True
    outline_level(heading, 0)
    note = add_style(doc, NOTE_STYLE, SOFT_FACE, NOTE_SIZE)
    note.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    note.paragraph_format.first_line_indent = Pt(0)
    note.paragraph_format.space_after = LINE
    flush = add_style(doc, FLUSH_STYLE, BODY, BODY_SIZE)
    flush.paragraph_format.first_line_indent = Pt(0)
    signed = add_style(doc, SIGNATURE_STYLE, BODY, BODY_SIZE)
    signed.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signed.paragraph_format.first_line_indent = Pt(0)
    signed.paragraph_format.right_indent = INDENT


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
    """The document's bytes, the same for the same letter: dated `day` (see `docx_parts.docx_bytes`)."""
    language = "zh-CN" if lang == "zh" else "en-US"
    return docx_bytes(doc, datetime.combine(day, time(0, 0)), title=title, author=author, language=language)
