"""The editable Word copy (.docx) of a document, made from the same ``DocumentLayout`` as its
PDF, with python-docx.

Public API
----------
``write_docx(layout, output, context)``
    Walks the layout's flowables and writes each as Word's own structure, atomically:
    paragraphs with their sizes, bold, indents, spacing (exact line pitch, as in the PDF) and
    Thai distributed justification (``thaiDistribute``; ``both`` for the word-gap setting);
    the memo's header rows with dotted tab leaders; tables with their column widths, header
    rows that repeat on every page, shading, spans and rules; check boxes as ☑/☐ (in Segoe UI
    Symbol, which Windows has: the Thai fonts have no such glyphs); the chart as a picture;
    the emblem; a section per page setup (the landscape measures pages); page numbers as a
    PAGE field in the header ("- ๒ -": Thai digits by the sections' number format), none on the
    first page; the สารบัญ as a TOC field that Word fills when the file is opened.
``font_info(path) -> FontInfo``
    The family name and the embedding permission of a TrueType file.

Fonts: see ``word_fonts``; the package and its template: ``word_package``; what a table's
style commands say about its cells: ``word_tables``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
)

from itadesk.documents.context import RenderContext
from itadesk.documents.page import CheckLine, DocumentLayout, EmblemImage, PageSetup
from itadesk.documents.paragraph import ThaiParagraph
from itadesk.documents.paragraph_style import ThaiStyle
from itadesk.documents.word_fonts import FontInfo, embed_fonts, font_info
from itadesk.documents.word_package import docx_template, package_bytes, w_element
from itadesk.documents.word_tables import cell_paddings, ruled_cells, shaded_cells, spanned_cells
from itadesk.domain.documents import Justification
from itadesk.fileio import write_atomically

if TYPE_CHECKING:
    from docx.section import Section
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

__all__ = ["FontInfo", "WordWriter", "font_info", "write_docx"]

#: Windows' symbol font: the check boxes ☑ ☐ (the Thai fonts have none).
SYMBOL_FONT = "Segoe UI Symbol"
CHECKED, UNCHECKED = "\u2611", "\u2610"


# --------------------------------------------------------------------------- fonts


# --------------------------------------------------------------------------- writer


def write_docx(layout: DocumentLayout, output: Path, context: RenderContext) -> None:
    """Write the Word copy of ``layout`` to ``output`` atomically (see the module docstring)."""
    writer = WordWriter(layout, context)
    writer.add(layout.flowables)
    data = writer.finish()
    write_atomically(Path(output), lambda temp: Path(temp).write_bytes(data))


@dataclass
class _Pending:
    space: float = 0.0  # points added before the next paragraph
    page_break: bool = False
    keep_next: bool = False
    template: str | None = None  # the page setup after the next page break


class WordWriter:
    def __init__(self, layout: DocumentLayout, context: RenderContext) -> None:
        import docx
        from docx.shared import Pt

        self.docx = docx
        self.Pt = Pt
        self.layout = layout
        self.context = context
        self.thai = context.thai_digits
        self.justify = (
            "thaiDistribute" if context.justification == Justification.THAI_DISTRIBUTED else "both"
        )
        self.doc = docx.Document(io.BytesIO(docx_template()))
        self.regular = font_info(context.fonts.regular_path)
        self.family = self.regular.family
        self.pending = _Pending()
        self.setup = layout.first_page or layout.page
        # a cover with a footer at the page's foot (AtFrameBottom): the heights above it are
        # added up, so the footer can be given the space that puts it there
        self.measuring = any(hasattr(f, "paragraphs") for f in layout.flowables[:12])
        self.page_used = 0.0
        self.has_toc = False
        # table cells (by id) whose first paragraph python-docx made already: the first
        # paragraph put into one takes it instead of adding another
        self._fresh_cells: set[int] = set()
        self._defaults()
        self._first_section()

    # ------------------------------------------------------------------ document set-up

    def _defaults(self) -> None:
        from docx.oxml.ns import qn

        styles = self.doc.styles.element
        rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        for tag in ("w:rFonts", "w:sz", "w:szCs", "w:lang"):
            old = rpr.find(qn(tag))
            if old is not None:
                rpr.remove(old)
        fonts = w_element("w:rFonts", ascii=self.family, hAnsi=self.family, eastAsia=self.family,
                          cs=self.family)  # fmt: skip
        rpr.append(fonts)
        rpr.append(w_element("w:sz", val="32"))
        rpr.append(w_element("w:szCs", val="32"))
        rpr.append(w_element("w:lang", val="th-TH", eastAsia="th-TH", bidi="th-TH"))
        normal = self.doc.styles["Normal"]
        normal.font.name = self.family
        nrpr = normal.element.get_or_add_rPr()
        nfonts = nrpr.get_or_add_rFonts()
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            nfonts.set(qn(f"w:{slot}"), self.family)
        normal.paragraph_format.space_after = self.Pt(0)
        normal.paragraph_format.space_before = self.Pt(0)
        core = self.doc.core_properties
        core.title = self.layout.title
        core.author = self.layout.author
        core.comments = "ITADesk"

    def _apply_setup(self, section: Section, setup: PageSetup, *, first: bool) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.oxml.ns import qn

        width, height = setup.pagesize
        section.orientation = (
            WD_ORIENT.LANDSCAPE if setup.orientation == "landscape" else WD_ORIENT.PORTRAIT
        )
        section.page_width, section.page_height = self.Pt(width), self.Pt(height)
        section.left_margin = self.Pt(setup.left_cm * cm)
        section.right_margin = self.Pt(setup.right_cm * cm)
        section.top_margin = self.Pt(setup.top_cm * cm)
        section.bottom_margin = self.Pt(setup.bottom_cm * cm)
        # the page number's line sits where the PDF prints it: its baseline 1.5 cm down
        section.header_distance = self.Pt(max(setup.number_baseline_cm * cm - 0.75 * 16, 12))
        section.footer_distance = self.Pt(0.5 * cm)
        if setup.page_numbers == "thai":
            sectpr = section._sectPr
            numbering = sectpr.find(qn("w:pgNumType"))
            if numbering is None:
                numbering = w_element("w:pgNumType")
                sectpr.append(numbering)
            numbering.set(qn("w:fmt"), "thaiNumbers")

    def _first_section(self) -> None:
        section = self.doc.sections[0]
        first = self.layout.first_page or self.layout.page
        self._apply_setup(section, first, first=True)
        numbers = self.layout.page.page_numbers
        if numbers == "none":
            return
        section.different_first_page_header_footer = True
        later = self.layout.page
        # pages after the first: the memo keeps 2.5 cm above its text (room for the number)
        # while page 1 starts 1.5 cm down for the Garuda: the header line reaches that far
        header = section.header.paragraphs[0]
        self._page_number(header, numbers)
        line = 16 * 1.3
        distance = section.header_distance
        assert distance is not None  # set by _apply_setup
        below = later.top_cm * cm - (distance.pt + line)
        if self.layout.first_page is not None and below > 0:
            header.paragraph_format.space_after = self.Pt(below)

    def _page_number(self, paragraph: Paragraph, numbers: str) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._run(paragraph, "- ", 16)
        # Thai digits come from the sections' number format (w:pgNumType thaiNumbers),
        # which Word follows; the field itself is a plain PAGE
        self._field(paragraph, "PAGE", "๒" if numbers == "thai" else "2")
        self._run(paragraph, " -", 16)

    def _field(self, paragraph: Paragraph, instruction: str, shown: str) -> None:
        """A simple field (PAGE …) with ``shown`` as its last result."""
        from docx.oxml.ns import qn

        fld = w_element("w:fldSimple", instr=f" {instruction} ")
        run = paragraph.add_run(shown)
        self._style_run(run, 16, False)
        paragraph._p.remove(run._r)
        fld.append(run._r)
        paragraph._p.append(fld)
        assert fld.tag == qn("w:fldSimple")

    def _new_section(self, setup: PageSetup) -> None:
        from docx.enum.section import WD_SECTION

        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._apply_setup(section, setup, first=False)
        section.different_first_page_header_footer = False
        self.setup = setup

    # ------------------------------------------------------------------ runs and paragraphs

    def _style_run(
        self,
        run: Run,
        size: float,
        bold: bool,
        *,
        underline: bool = False,
        colour: Any = None,
        font: str | None = None,
    ) -> None:
        from docx.oxml.ns import qn

        rpr = run._r.get_or_add_rPr()
        if font is not None:
            fonts = rpr.get_or_add_rFonts()
            for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
                fonts.set(qn(f"w:{slot}"), font)
        if bold:
            rpr.append(w_element("w:b"))
            rpr.append(w_element("w:bCs"))
        if colour is not None and colour != colors.black:
            c = colors.toColor(colour)
            hexa = f"{round(c.red * 255):02X}{round(c.green * 255):02X}{round(c.blue * 255):02X}"
            rpr.append(w_element("w:color", val=hexa))
        if underline:
            rpr.append(w_element("w:u", val="single"))
        if abs(size - 16) > 0.01:
            half = str(round(size * 2))
            rpr.append(w_element("w:sz", val=half))
            rpr.append(w_element("w:szCs", val=half))

    def _run(
        self, paragraph: Paragraph, text: str, size: float, bold: bool = False, **kw: Any
    ) -> Run:
        run = paragraph.add_run(text)
        self._style_run(run, size, bold, **kw)
        return run

    def _paragraph(self, container: _Cell | None, style: ThaiStyle | None = None) -> Paragraph:
        """A new paragraph in ``container`` (the document or a cell) with what is pending
        (space, page break, keep with next)."""
        paragraph: Paragraph
        if container is not None and id(container) in self._fresh_cells:
            paragraph = container.paragraphs[0]
            self._fresh_cells.discard(id(container))
        else:
            paragraph = (container or self.doc).add_paragraph()
        fmt = paragraph.paragraph_format
        if style is not None:
            self._format(paragraph, style)
        if container is None:
            if self.pending.space:
                before = fmt.space_before.pt if fmt.space_before is not None else 0.0
                fmt.space_before = self.Pt(before + self.pending.space)
            if self.pending.page_break:
                fmt.page_break_before = True
            if self.pending.keep_next:
                fmt.keep_with_next = True
            self.pending = _Pending(template=self.pending.template)
        return paragraph

    def _format(
        self, paragraph: Paragraph, style: ThaiStyle, *, first_indent: float | None = None
    ) -> None:
        from docx.enum.text import WD_LINE_SPACING

        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = self.Pt(style.line_height)
        if style.space_before:
            fmt.space_before = self.Pt(style.space_before)
        if style.space_after:
            fmt.space_after = self.Pt(style.space_after)
        left = style.left_indent + style.hanging_indent
        first = style.first_line_indent - style.hanging_indent
        if first_indent is not None:
            first = first_indent
        if left:
            fmt.left_indent = self.Pt(left)
        if first:
            fmt.first_line_indent = self.Pt(first)
        if style.right_indent:
            fmt.right_indent = self.Pt(style.right_indent)
        self._align(paragraph, style.alignment)
        if style.keep_with_next:
            fmt.keep_with_next = True
        if style.keep_whole or style.row_label:
            fmt.keep_together = True

    def _align(self, paragraph: Paragraph, alignment: str) -> None:
        ppr = paragraph._p.get_or_add_pPr()
        value = {"left": "left", "center": "center", "right": "right"}.get(alignment, self.justify)
        ppr.append(w_element("w:jc", val=value))

    def _text_runs(self, paragraph: Paragraph, para: ThaiParagraph) -> None:
        chars = para._chars
        text = chars.text
        size = para.style.font_size
        i = 0
        while i < len(text):
            j = i + 1
            while j < len(text) and (chars.bold[j], chars.under[j]) == (
                chars.bold[i],
                chars.under[i],
            ):
                j += 1
            piece = text[i:j]
            for k, line in enumerate(piece.split("\n")):
                if k:
                    paragraph.add_run().add_break()
                if line:
                    self._run(
                        paragraph,
                        line,
                        size,
                        chars.bold[i],
                        underline=chars.under[i],
                        colour=para.style.text_color,
                    )
            i = j

    def _tabs(self, paragraph: Paragraph, stops: Iterable[tuple[float, str, bool]]) -> None:
        """Tab stops: (position in points, "left"/"right"/"center", dotted leader)."""
        from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER

        tabs = paragraph.paragraph_format.tab_stops
        for position, align, dots in stops:
            tabs.add_tab_stop(
                self.Pt(position),
                getattr(WD_TAB_ALIGNMENT, align.upper()),
                WD_TAB_LEADER.DOTS if dots else WD_TAB_LEADER.SPACES,
            )

    # ------------------------------------------------------------------ flowables

    def add(
        self, flowables: Iterable[Flowable], container: _Cell | None = None, *, keep: bool = False
    ) -> None:
        items = list(flowables)
        for n, flowable in enumerate(items):
            self.add_one(flowable, container, keep=keep and n < len(items) - 1)

    def add_one(self, f: Flowable, container: _Cell | None = None, *, keep: bool = False) -> None:
        self._handle(f, container, keep)
        if self.measuring and container is None:
            self._measure(f)

    def _handle(self, f: Flowable, container: _Cell | None, keep: bool) -> None:
        writer = getattr(f, "write_docx", None)
        if writer is not None:
            writer(self, container)
        elif isinstance(f, NextPageTemplate):
            self.pending.template = f.action[1] if isinstance(f.action, (list, tuple)) else None
        elif isinstance(f, PageBreak):
            self._page_break()
        elif isinstance(f, CondPageBreak):
            self.pending.keep_next = True
        elif isinstance(f, Spacer):
            if container is None:
                self.pending.space += f.height
        elif isinstance(f, KeepTogether):
            self.add(f._content, container, keep=True)
        elif isinstance(f, ThaiParagraph):
            self.paragraph(f, container, keep=keep)
        elif isinstance(f, Table):
            self.table(f, container)
        elif isinstance(f, EmblemImage):
            paragraph = self._paragraph(container)
            paragraph.add_run().add_picture(str(f.path), height=self.Pt(f.height))
        else:
            self._fallback(f, container)

    def _measure(self, f: Flowable) -> None:
        if isinstance(f, (PageBreak, NextPageTemplate)):
            self.measuring = False
            return
        width = self.setup.frame_width
        try:
            _w, h = f.wrap(width, 1e6)
        except Exception:  # a flowable that cannot be measured alone: leave the count
            return
        self.page_used += h + f.getSpaceBefore() + f.getSpaceAfter()

    def _page_break(self) -> None:
        name = self.pending.template
        self.measuring = False
        if name is not None:
            setup = self.layout.setup(name)
            self.pending.template = None
            if setup != self.setup:
                self._new_section(setup)
                return
        self.pending.page_break = True

    def paragraph(
        self, para: ThaiParagraph, container: _Cell | None = None, *, keep: bool = False
    ) -> Paragraph:
        paragraph = self._paragraph(container, para.style)
        if keep:
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.keep_together = True
        if getattr(para, "contents_key", None) is not None:
            level = 0 if para.style.font_size > 16.5 or para.style.bold else 1
            paragraph._p.get_or_add_pPr().append(w_element("w:outlineLvl", val=str(level)))
        if isinstance(para, CheckLine):
            self._check_line(paragraph, para)
        else:
            self._text_runs(paragraph, para)
        return paragraph

    def _check_line(self, paragraph: Paragraph, line: CheckLine) -> None:
        """☑/☐ where the PDF draws its box, the text after a tab where the PDF's text starts."""
        style = line.style
        box_x = line._box_x
        text_x = style.left_indent
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = self.Pt(box_x - (style.left_indent + style.hanging_indent))
        self._tabs(paragraph, [(text_x, "left", False)])
        self._run(
            paragraph,
            CHECKED if line.box.checked else UNCHECKED,
            style.font_size,
            font=SYMBOL_FONT,
        )
        paragraph.add_run("\t")
        self._text_runs(paragraph, line)

    def _fallback(self, f: Flowable, container: _Cell | None) -> None:
        parts = getattr(f, "parts", None) or getattr(f, "paragraphs", None)
        if parts is not None:
            self.add(parts, container, keep=getattr(f, "keep", 0) >= len(parts))
            return
        raise TypeError(f"no Word form for {type(f).__name__}")

    # ------------------------------------------------------------------ tables

    def table(self, t: Table, container: _Cell | None = None) -> None:
        from docx.oxml.ns import qn

        rows = len(t._cellvalues)
        cols = len(t._colWidths)
        owner = container or self.doc
        if container is None:
            self._flush_pending_into_table()
        table = owner.add_table(rows=rows, cols=cols)
        table.autofit = False
        tbl = table._tbl
        tblpr = tbl.tblPr
        tblpr.append(w_element("w:tblLayout", type="fixed"))
        widths = [float(w) for w in t._colWidths]
        tblpr.append(w_element("w:tblW", w=str(round(sum(widths) * 20)), type="dxa"))
        padding = cell_paddings(t)
        margins = w_element("w:tblCellMar")
        for side, value in (("top", padding[0]), ("left", padding[1]), ("bottom", padding[2]),
                            ("right", padding[3])):  # fmt: skip
            margins.append(w_element(f"w:{side}", w=str(round(value * 20)), type="dxa"))
        tblpr.append(margins)
        grid = tbl.tblGrid
        for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
            col.set(qn("w:w"), str(round(width * 20)))
        repeat = t.repeatRows if isinstance(t.repeatRows, int) else len(t.repeatRows)
        ruled = ruled_cells(t, rows, cols)
        shading = shaded_cells(t, rows, cols)
        spans = spanned_cells(t, rows, cols)
        # python-docx finds a cell by walking the whole table: take them all once
        grid_cells = table._cells
        for r in range(rows):
            row = table.rows[r]
            trpr = row._tr.get_or_add_trPr()
            if r < repeat:
                trpr.append(w_element("w:tblHeader"))
            for c in range(cols):
                cell = grid_cells[r * cols + c]
                cell.width = self.Pt(widths[c])
                tcpr = cell._tc.get_or_add_tcPr()
                tcpr.append(w_element("w:vAlign", val="top"))
                if (r, c) in shading:
                    tcpr.append(w_element("w:shd", val="clear", color="auto", fill=shading[(r, c)]))
                borders = w_element("w:tcBorders")
                for side in ("top", "left", "bottom", "right"):
                    if ruled.get((r, c, side)):
                        borders.append(w_element(f"w:{side}", val="single", sz="4", space="0",
                                                 color="000000"))  # fmt: skip
                    else:
                        borders.append(w_element(f"w:{side}", val="nil"))
                tcpr.append(borders)
        for (r, c0), c1 in spans.items():
            grid_cells[r * cols + c0].merge(grid_cells[r * cols + c1])
        for r in range(rows):
            done: set[int] = set()
            for c in range(cols):
                if any(c0 < c <= c1 for (rr, c0), c1 in spans.items() if rr == r) or c in done:
                    continue
                cell = grid_cells[r * cols + c]
                self._fresh_cells.add(id(cell))  # its first paragraph is there already
                value = t._cellvalues[r][c]
                items = list(value) if isinstance(value, (list, tuple)) else [value]
                self.add([i for i in items if isinstance(i, Flowable)], cell)
                self._fresh_cells.discard(id(cell))
                done.add(c)
        self.measuring = False

    def _flush_pending_into_table(self) -> None:
        """What a paragraph would have taken before the table (a page break) goes on an
        empty paragraph of its own: Word puts a page break on paragraphs, not tables."""
        if self.pending.page_break or self.pending.space:
            paragraph = self._paragraph(None)
            paragraph.paragraph_format.line_spacing = self.Pt(1)

    # ------------------------------------------------------------------ finishing

    def finish(self) -> bytes:
        embed_fonts(self.doc, self.context.fonts)
        self._toc_update_on_open()
        return package_bytes(self.doc)

    def _toc_update_on_open(self) -> None:
        if self.has_toc:
            self.doc.settings.element.append(w_element("w:updateFields", val="true"))
