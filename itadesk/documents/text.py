"""The Thai paragraph engine on ReportLab: shaped text, word-aware line breaks, exact copy-out.

This module is the engine's public surface; the work is done in

- ``paragraph_style``: ``ThaiStyle`` and single line spacing;
- ``markup``: ``<b>``/``<u>``/``<br/>`` and entities into styled spans;
- ``line_layout``: the text cut into shaped tokens and filled into lines;
- ``text_drawing``: lines and single strings drawn as PDF operators (justification, the
  clusters as glyphs, ``/ActualText``);
- ``paragraph``: the ``ThaiParagraph`` flowable and table-of-contents marks;
- ``table``: ``thai_table``, ``ThaiTable`` and column widths from content.

Public API
----------
``ThaiStyle``
    Paragraph style (sizes in points; use ``reportlab.lib.units.cm``): ``font_size`` (16),
    ``leading`` (``None`` → ``font_size * LEADING_FACTOR``), ``alignment`` ("left", "center",
    "right", "justify"), ``first_line_indent``, ``left_indent``, ``right_indent``,
    ``hanging_indent`` (lines after the first start this much further right, for numbered
    steps), ``space_before``, ``space_after``, ``bold``, ``italic``, ``underline``,
    ``text_color``, ``font_set`` (``None`` → the bundled Sarabun), ``breaker`` (the
    ``LineBreaker`` with the office's words; ``None`` → none), ``keep_with_next``,
    ``justification`` (how a justified line spreads its spare width, see ``text_drawing``),
    ``keep_whole`` (a list item — a step, a check line — that a page or a table row never
    splits, unless it is taller than half a page) and ``row_label`` (a table cell's first
    paragraph that names its row, a measure's title: the row never starts on a page
    without it). A document gets its styles from its
    ``RenderContext.style()``, so both come from the context.
``ThaiParagraph(text, style, markup=True)``
    A flowable. With ``markup`` the text may use ``<b>…</b>``, ``<u>…</u>``, ``<br/>`` and the
    entities ``&lt; &gt; &amp; &quot; &#39;``; anything else, including unknown or unbalanced
    tags, prints literally and never raises. ``"\\n"`` is a line break in both modes.
``escape_markup(text)``
    Escape clerk text before putting it into a markup template.
``thai_table(rows, col_widths, header_rows=1, ..., width=None)``
    A ReportLab ``Table`` whose cells are ``ThaiParagraph``s: cells wrap, header rows repeat on
    every page, and a row taller than the space left splits across pages, only between the
    list items of a cell and never leaving one line alone. ``col_widths=None`` sizes the
    columns from their content over ``width`` (``auto_column_widths``, HTML's automatic
    table layout).
``auto_column_widths(rows, width, ...)`` / ``content_widths(cell)``
    Column widths from each column's least and preferred content width.
``draw_text(canvas, x, y, text, ...)``
    One line of shaped text at a baseline (page numbers, headers).
``LEADING_FACTOR``
    Scale on the font's own line height that matches LibreOffice Writer's single spacing.
``single_line_height(font_size, font_set=None)``
    Single spacing for a size in the given family (the bundled one when ``None``).
"""

from itadesk.documents.markup import Span, escape_markup, parse_markup
from itadesk.documents.paragraph import ThaiParagraph, mark_for_contents
from itadesk.documents.paragraph_style import LEADING_FACTOR, ThaiStyle, single_line_height
from itadesk.documents.table import (
    HEADER_GREY,
    ThaiTable,
    auto_column_widths,
    content_widths,
    thai_table,
)
from itadesk.documents.text_drawing import INNER_GAP_CAP, draw_text

__all__ = [
    "HEADER_GREY",
    "INNER_GAP_CAP",
    "LEADING_FACTOR",
    "Span",
    "ThaiParagraph",
    "ThaiStyle",
    "ThaiTable",
    "auto_column_widths",
    "content_widths",
    "draw_text",
    "escape_markup",
    "mark_for_contents",
    "parse_markup",
    "single_line_height",
    "thai_table",
]
