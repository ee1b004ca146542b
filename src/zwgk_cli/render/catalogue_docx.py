"""``catalogue.docx``: the catalogue as a Word document, laid out the way offices 印发 it.

What it holds: on A4 landscape, a first page with the title, the 发布机关, 文号, 版本, 发布日期, the
编制依据 and 适用范围 (and, for an example catalogue, the notice that it is not the official
edition); then each domain, in 序号 order, from the top of a page: its caption “（一）重大建设项目
领域基层政务公开标准目录” and one table with the columns and two-row header of the workbook and
the pages (`rows.header_rows`), 一级事项 merged down its rows (w:vMerge), √ in the 公开对象, 公开方式
and 公开层级 columns. Both header rows repeat on every page (w:tblHeader); a row is not split
across pages (w:cantSplit) unless it is too tall to sit well on one; the footer numbers the pages.

Why each domain starts a page: LibreOffice (7.x) loses the rest of a table whose unsplittable rows
begin low on a page, below other paragraphs, when the next row does not fit there; a table that
starts at the top of a page moves its rows on to the next page as it should.

Why the tables are written as XML text, streamed into the package: python-docx finds a cell by
walking the whole table and holds the document as one tree, so a catalogue of thousands of items
would take minutes and gigabytes. python-docx makes the page, the styles, the footer and the
first page; the domains are written as text, one at a time, into word/document.xml where a
marker paragraph stands (`pinned_zip.write_pinned_zip`). Every text in them goes through
`visible` (control and invisible characters written out) and is XML-escaped, so catalogue text is
text, never markup.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterable, Iterator
from typing import IO
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle

from zwgk_cli.core.catalogue import Catalogue
from zwgk_cli.core.models import Domain, Settings
from zwgk_cli.render.docx_parts import add_style, outline_level, page_numbers, set_defaults, write_docx
from zwgk_cli.render.rows import (
    TEXT_HEADINGS,
    HeadCell,
    column_count,
    date_text,
    domain_caption,
    example_notice,
    header_rows,
    item_cells,
    item_rows,
)
from zwgk_cli.render.visible import visible
from zwgk_cli.render.xlsx.measure import line_count
from zwgk_cli.render.xlsx.workbook import document_time

BODY = "仿宋"  # the first page's text and the tables
BOLD_FACE = "黑体"  # the title, the domain captions and the table headers
SOFT_FACE = "楷体"  # the example notice
TITLE_SIZE = Pt(22)  # 二号
TEXT_SIZE = Pt(14)  # 四号: the first page's facts and the domain captions
TABLE_POINTS = 9  # 小五: the tables have 15 columns and more
TABLE_SIZE = Pt(TABLE_POINTS)
TABLE_LINE = Pt(12)
NUMBER_SIZE = Pt(12)

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 297, 210  # A4 landscape
SIDE_MARGIN_MM = 15
TEXT_WIDTH_MM = PAGE_WIDTH_MM - 2 * SIDE_MARGIN_MM
TWIPS_PER_MM = 1440 / 25.4
CELL_PADDING = 57  # twips left and right in each cell (1 mm)

# The columns before the √ groups share what the √ columns leave, by these weights; the √ columns
# are fixed in millimetres, each wide enough for its 9-point header (全社会, 依申请) on one line,
# 特定群体 for its note after the √.
TEXT_WEIGHTS = (8, 16, 22, 36, 42, 20, 20, 22)
TICK_MM = 12.5
NOTE_MM = 16.0
# A row of more lines than this may break across pages: held together it would leave most of a
# page empty before it, or (taller than a page) be cut off.
UNSPLIT_LINES = 24

TITLE_STYLE = "Catalogue Title"
TEXT_STYLE = "Catalogue Text"
NOTE_STYLE = "Catalogue Note"
HEADING_STYLE = "Catalogue Heading"
CELL_STYLE = "Catalogue Cell"
HEAD_STYLE = "Catalogue Head"

DOCUMENT_PART = "word/document.xml"
_MARK = "zwgk-catalogue-domains"  # the paragraph the domains are written in place of


def column_widths(levels: list[str]) -> list[int]:
    """Each column's width in twips: the √ columns fixed (scaled down only when they would take
    more than half the page), the text columns sharing the rest by weight."""
    ticks = [TICK_MM, NOTE_MM, TICK_MM, TICK_MM] + [TICK_MM] * len(levels)
    scale = min(1.0, TEXT_WIDTH_MM / 2 / sum(ticks))
    ticks = [width * scale for width in ticks]
    left = TEXT_WIDTH_MM - sum(ticks)
    texts = [left * weight / sum(TEXT_WEIGHTS) for weight in TEXT_WEIGHTS]
    widths = [round(mm * TWIPS_PER_MM) for mm in [*texts, *ticks]]
    assert len(widths) == column_count(levels)
    return widths


def write_catalogue_docx(
    catalogue: Catalogue,
    target: IO[bytes],
    *,
    epoch: int | None = None,
    streamed: Callable[[], Iterable[Domain]] | None = None,
) -> None:
    """``catalogue.docx`` into `target` (a seekable stream), dated `epoch` (seconds since 1970)
    when given, else by the publication date: the same bytes for the same catalogue. With
    `streamed`, the domains are taken from it one at a time (the build's helper process reads them
    back from ``catalogue.json``) instead of from `catalogue`, whose settings and place still count."""
    settings = catalogue.settings
    doc = _new_document()
    _front_matter(doc, settings)
    doc.add_paragraph(_MARK)
    ids = {name: doc.styles[name].style_id for name in (HEADING_STYLE, CELL_STYLE, HEAD_STYLE)}

    def domains(skeleton: bytes) -> Iterator[bytes]:
        head, tail = _split_at_mark(skeleton.decode("utf-8"))
        yield head.encode("utf-8")
        widths = column_widths(settings.levels)
        for domain in streamed() if streamed is not None else catalogue.domains:
            yield _domain_xml(domain, catalogue.place, settings.levels, widths, ids).encode("utf-8")
        yield tail.encode("utf-8")

    write_docx(
        doc,
        document_time(settings, epoch),
        target,
        title=settings.display_title(),
        author=settings.issuer,
        language="zh-CN",
        subject="基层政务公开标准目录",
        keywords="政务公开, 标准目录",
        comments=example_notice(settings) or "",
        rewrite={DOCUMENT_PART: domains},
    )


def catalogue_docx(catalogue: Catalogue, *, epoch: int | None = None) -> bytes:
    """``catalogue.docx`` as bytes (see `write_catalogue_docx`)."""
    out = io.BytesIO()
    write_catalogue_docx(catalogue, out, epoch=epoch)
    return out.getvalue()


def _split_at_mark(xml: str) -> tuple[str, str]:
    """word/document.xml's text before and after the marker paragraph: the body's last paragraph,
    so the last occurrence of its text (a title could spell the marker too)."""
    at = xml.rindex(_MARK)
    start = xml.rindex("<w:p>", 0, at)
    end = xml.index("</w:p>", at) + len("</w:p>")
    return xml[:start], xml[end:]


def _new_document() -> DocumentObject:
    """An empty A4 landscape document with the catalogue's fonts, styles and page numbers."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin = section.right_margin = Mm(SIDE_MARGIN_MM)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    set_defaults(doc, face=BODY, size=TEXT_SIZE, line=Pt(24), language="zh-CN")
    normal = doc.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.paragraph_format.widow_control = True
    title = add_style(doc, TITLE_STYLE, BOLD_FACE, TITLE_SIZE)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_before = Pt(24)
    title.paragraph_format.space_after = Pt(24)
    add_style(doc, TEXT_STYLE, BODY, TEXT_SIZE)
    note = add_style(doc, NOTE_STYLE, SOFT_FACE, TEXT_SIZE)
    note.paragraph_format.space_before = Pt(12)
    heading = add_style(doc, HEADING_STYLE, BOLD_FACE, TEXT_SIZE)
    heading.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.space_after = Pt(6)
    heading.paragraph_format.keep_with_next = True
    heading.paragraph_format.page_break_before = True
    outline_level(heading, 0)
    for name, face in ((CELL_STYLE, BODY), (HEAD_STYLE, BOLD_FACE)):
        style = add_style(doc, name, face, TABLE_SIZE)
        style.paragraph_format.line_spacing = TABLE_LINE
        style.paragraph_format.widow_control = False
    page_numbers(section, NUMBER_SIZE)
    return doc


def _front_matter(doc: DocumentObject, settings: Settings) -> None:
    """The title, the facts of the document (as the workbook's cover lists them) and the notice."""
    doc.add_paragraph(visible(settings.display_title()), style=TITLE_STYLE)
    facts = [
        ("发布机关", settings.issuer),
        ("文号", settings.document or ""),
        ("版本", settings.edition),
        ("发布日期", date_text(settings.published)),
        ("编制依据", "；".join(settings.basis)),
        ("适用范围", settings.scope or ""),
    ]
    for label, value in facts:
        if value:
            doc.add_paragraph(visible(f"{label}：{value}"), style=TEXT_STYLE)
    notice = example_notice(settings)
    if notice is not None:
        doc.add_paragraph(visible(notice), style=NOTE_STYLE)


def _paragraphs(text: str, style: str, *, centred: bool = False, bold: bool = False) -> str:
    """A cell's content: one paragraph per line of `text` (a cell must hold at least one)."""
    props = _paragraph_props(style, centred)
    run = "<w:r><w:rPr><w:b/></w:rPr>" if bold else "<w:r>"
    if "\n" not in text:  # the common case
        if not text:
            return f"<w:p>{props}</w:p>"
        return f'<w:p>{props}{run}<w:t xml:space="preserve">{escape(visible(text))}</w:t></w:r></w:p>'
    return "".join(_paragraphs(line, style, centred=centred, bold=bold) for line in text.split("\n"))


@functools.cache
def _paragraph_props(style: str, centred: bool) -> str:
    align = '<w:jc w:val="center"/>' if centred else ""
    return f'<w:pPr><w:pStyle w:val="{style}"/>{align}</w:pPr>'


def _cell(width: int, content: str, *, span: int = 1, merge: str = "", centre: bool = False) -> str:
    """A w:tc `width` twips wide, over `span` grid columns; `merge` "restart" or "continue" for a
    vertical merge; its content vertically centred when `centre`."""
    return f"{_cell_start(width, span, merge, centre)}{content}</w:tc>"


@functools.cache
def _cell_start(width: int, span: int, merge: str, centre: bool) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        props += "<w:vMerge/>"
    if centre:
        props += '<w:vAlign w:val="center"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>"


def _row(cells: Iterable[str], *, header: bool = False, unsplit: bool = True) -> str:
    props = ("<w:cantSplit/>" if unsplit else "") + ("<w:tblHeader/>" if header else "")
    return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{''.join(cells)}</w:tr>"


def _header_xml(levels: list[str], widths: list[int], style: str) -> Iterator[str]:
    """The two header rows, both marked to repeat on every page: a cell over both rows is a
    vertical merge (its lower part empty), a cell over several columns a grid span."""
    top, sub = header_rows(levels)
    below = {cell.column: cell for cell in sub}

    def head(cell: HeadCell, merge: str = "") -> str:
        width = sum(widths[cell.column : cell.column + cell.columns])
        content = _paragraphs("" if merge == "continue" else cell.text, style, centred=True)
        return _cell(width, content, span=cell.columns, merge=merge, centre=True)

    second: list[str] = []
    for cell in top:
        if cell.rows > 1:
            second.append(head(cell, "continue"))
        else:
            second += [head(below[column]) for column in range(cell.column, cell.column + cell.columns)]
    yield _row((head(cell, "restart" if cell.rows > 1 else "") for cell in top), header=True)
    yield _row(second, header=True)


def _table_props(widths: list[int]) -> str:
    border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    borders = "".join(f"<w:{side} {border}/>" for side in sides)
    padding = "".join(f'<w:{side} w:w="{CELL_PADDING}" w:type="dxa"/>' for side in ("left", "right"))
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    return (
        f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f"<w:tblCellMar>{padding}</w:tblCellMar>"
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        f' w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
    )


def _domain_xml(domain: Domain, place: str, levels: list[str], widths: list[int], ids: dict[str, str]) -> str:
    """The domain's caption paragraph (naming `place`, the town of a town's catalogue) and its table
    (w:p and w:tbl) as XML text."""
    style = ids[CELL_STYLE]
    caption = escape(visible(domain_caption(domain, place)))
    parts = [
        f'<w:p><w:pPr><w:pStyle w:val="{ids[HEADING_STYLE]}"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">{caption}</w:t></w:r></w:p>',
        f"<w:tbl>{_table_props(widths)}",
        *_header_xml(levels, widths, ids[HEAD_STYLE]),
    ]
    ticks = len(TEXT_HEADINGS)
    chars = [_chars(width) for width in widths]
    for row in item_rows(domain):
        item = row.item
        texts = item_cells(item, levels)
        cells = [_cell(widths[0], _paragraphs(str(row.number), style, centred=True))]
        if row.category_span:
            content = _paragraphs(item.category, style, centred=True, bold=True)
            merge = "restart" if row.category_span > 1 else ""
            cells.append(_cell(widths[1], content, merge=merge, centre=True))
        else:
            cells.append(_cell(widths[1], _paragraphs("", style), merge="continue", centre=True))
        for column, text in enumerate(texts, start=2):
            tick = column >= ticks
            cells.append(_cell(widths[column], _paragraphs(text, style, centred=tick), centre=tick))
        parts.append(_row(cells, unsplit=_fits(texts[: ticks - 2], chars)))
    parts.append("</w:tbl>")
    return "".join(parts)


def _fits(texts: list[str], chars: list[float]) -> bool:
    """Whether the texts (from 二级事项 on) all take at most UNSPLIT_LINES lines. A text of n
    characters takes at most ⌈1.8·n / width⌉ lines, plus one per line break: a text within that
    bound, most of them, is not measured."""
    for column, text in enumerate(texts, start=2):
        usable = max(round(chars[column] * 10) - 5, 10)  # as line_count counts it
        bound = -(-18 * len(text) // usable) + text.count("\n")
        if bound > UNSPLIT_LINES and line_count(text, chars[column]) > UNSPLIT_LINES:
            return False
    return True


def _chars(width: int) -> float:
    """A column's width in the units `line_count` measures (a Chinese character is 1.8 of them,
    and it keeps half a unit for the cell's margins)."""
    return (width - 2 * CELL_PADDING) / (TABLE_POINTS * 20) * 1.8 + 0.5
