"""``fragments/<slug>.html``: a domain's table alone, for portal editors to paste into the editor of
the government-site platform (集约化平台).

Why a separate, plain snippet: a portal's CMS editor takes HTML into an existing page. It drops (or
its site refuses) scripts, style sheets and class names it does not know, and an id may clash with
the page's own. So a fragment is one ``<table>`` with its caption, styled by inline ``style``
attributes alone: no ``<script>``, ``<style>``, ``<link>`` or ``<img>``, no ``class``, ``id`` or
event attributes, nothing loaded from anywhere. The layout is the published one
(`rows.header_rows`, `rows.item_rows`): two header rows, 一级事项 over its rows (rowspan), √ marks.

Links: an item's ``link`` (its address on the portal) is the one ``href`` a fragment can carry, and
only when it is an http(s) address (`safe_url`); anything else is left out. No ``src`` at all.

Every text is escaped, with control and invisible characters written out (`render.visible`).
"""

from __future__ import annotations

from html import escape

from zwgk_cli.core.catalogue import Catalogue
from zwgk_cli.core.models import Domain, Settings
from zwgk_cli.render.html.site import safe_url
from zwgk_cli.render.rows import (
    TEXT_HEADINGS,
    HeadCell,
    domain_caption,
    example_notice,
    header_rows,
    item_cells,
    item_rows,
)
from zwgk_cli.render.visible import visible

FOLDER = "fragments"

_BORDER = "border:1px solid #000000;padding:4px 6px;"
TABLE_STYLE = (
    "border-collapse:collapse;width:100%;font-family:'仿宋','仿宋_GB2312','FangSong','STFangsong',serif;"
    "font-size:14px;line-height:1.5;color:#000000;background-color:#ffffff;"
)
CAPTION_STYLE = (
    "caption-side:top;padding:8px 0;text-align:center;font-family:'黑体','SimHei','STHeiti',sans-serif;"
    "font-size:18px;font-weight:bold;"
)
NOTICE_STYLE = (
    "display:block;font-family:'楷体','KaiTi',serif;font-size:14px;font-weight:normal;color:#8c1414;"
)
HEAD_STYLE = (
    _BORDER + "text-align:center;vertical-align:middle;font-weight:bold;background-color:#f2f2f2;"
    "font-family:'黑体','SimHei','STHeiti',sans-serif;"
)
CELL_STYLE = _BORDER + "text-align:left;vertical-align:top;"
CENTRE_STYLE = _BORDER + "text-align:center;vertical-align:top;"
CATEGORY_STYLE = _BORDER + "text-align:center;vertical-align:middle;font-weight:bold;"
TICK_STYLE = _BORDER + "text-align:center;vertical-align:middle;"
LINK_STYLE = "color:#0b4f9c;text-decoration:underline;"


def _text(text: str) -> str:
    """`text` as HTML text: escaped (quotes too), invisible characters written out, lines broken."""
    return "<br>".join(escape(visible(line), quote=True) for line in text.split("\n"))


def _head(cell: HeadCell, scope: str) -> str:
    spans = (f' rowspan="{cell.rows}"' if cell.rows > 1 else "") + (
        f' colspan="{cell.columns}"' if cell.columns > 1 else ""
    )
    scope = "colgroup" if cell.columns > 1 else scope
    return f'<th scope="{scope}"{spans} style="{HEAD_STYLE}">{_text(cell.text)}</th>'


def domain_fragment(domain: Domain, settings: Settings, place: str = "") -> str:
    """The domain's table as a standalone HTML snippet (see the module's docstring); `place` names
    the town or street in the caption of its own catalogue's tables."""
    levels = settings.levels
    caption = _text(domain_caption(domain, place))
    notice = example_notice(settings)
    if notice is not None:
        caption += f'<span style="{NOTICE_STYLE}">{_text(notice)}</span>'
    top, sub = header_rows(levels)
    lines = [
        f'<table style="{TABLE_STYLE}">',
        f'<caption style="{CAPTION_STYLE}">{caption}</caption>',
        "<thead>",
        "<tr>" + "".join(_head(cell, "col") for cell in top) + "</tr>",
        "<tr>" + "".join(_head(cell, "col") for cell in sub) + "</tr>",
        "</thead>",
        "<tbody>",
    ]
    ticks = len(TEXT_HEADINGS)
    for row in item_rows(domain):
        item = row.item
        cells = [f'<td style="{CENTRE_STYLE}">{row.number}</td>']
        if row.category_span:
            span = f' rowspan="{row.category_span}"' if row.category_span > 1 else ""
            cells.append(f'<td{span} style="{CATEGORY_STYLE}">{_text(item.category)}</td>')
        for column, text in enumerate(item_cells(item, levels), start=2):
            content = _text(text)
            if column == 2:
                link = safe_url(item.link)
                if link is not None:
                    href = escape(visible(link), quote=True)
                    content += f'<br><a href="{href}" style="{LINK_STYLE}">在门户网站查看</a>'
            style = TICK_STYLE if column >= ticks else CELL_STYLE
            cells.append(f'<td style="{style}">{content}</td>')
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines += ["</tbody>", "</table>", ""]
    return "\n".join(lines)


def fragment_files(catalogue: Catalogue) -> dict[str, bytes]:
    """``fragments/<slug>.html`` for each domain of `catalogue`, in 序号 order (UTF-8)."""
    return {
        f"{FOLDER}/{domain.slug}.html": domain_fragment(domain, catalogue.settings, catalogue.place).encode(
            "utf-8"
        )
        for domain in catalogue.domains
    }
