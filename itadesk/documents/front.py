"""A report's front matter: the preface (คำนำ) and the table of contents (สารบัญ).

Public API
----------
``preface_flowables(preface, context, width) -> list[Flowable]``
    "คำนำ" centred, the paragraphs justified with the 2.5 cm first-line indent, then the unit,
    the office and the month and year, centred right of the page centre (as a booklet's
    preface is signed); a page break after it.
``Contents(sink)``
    Where a report notes its headings for the table of contents: ``mark(flowable, text,
    level)`` has the heading note its page when drawn (``text.mark_for_contents``) and
    remembers its text; ``flowables(context, width, pages)`` is the สารบัญ page: each entry
    (a long one wraps) with a dotted leader and its page number as printed (Thai digits
    when the report has them); ``pages`` None prints no numbers (the first of the two
    layout passes).
``build_with_contents(make, output, page, **build_args)``
    Lays a report with a สารบัญ out twice: ``make(contents, pages)`` returns the flowables
    (with the contents page in them); the first pass, in memory, finds the page of every
    heading, the second writes the PDF with those numbers. The contents take the same room in
    both passes (the numbers have a column of their own), so the numbers found are the
    numbers printed.
``BookletReport(flowables, portrait, landscape, metadata, ...)``
    A report with a portrait front and landscape tables (the analysis report, the results
    report): ``layout()`` for its Word copy (a สารบัญ without page numbers) and
    ``write_pdf(output, context)`` (in two passes when it has a สารบัญ).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, PageBreak

from itadesk.documents.context import RenderContext
from itadesk.documents.markup import escape_markup
from itadesk.documents.page import (
    DocumentLayout,
    DocumentMetadata,
    PageSetup,
    build_pdf,
    count_pages,
)
from itadesk.documents.paragraph import ThaiParagraph, mark_for_contents
from itadesk.documents.shaping import text_width
from itadesk.documents.text_drawing import draw_text
from itadesk.domain.report import Preface
from itadesk.domain.thai_text import to_thai_digits

if TYPE_CHECKING:
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

    from itadesk.documents.word import WordWriter

__all__ = [
    "BookletReport",
    "Contents",
    "ContentsLine",
    "build_with_contents",
    "preface_flowables",
]

PREFACE_TITLE = "คำนำ"
CONTENTS_TITLE = "สารบัญ"
TITLE_SIZE = 20.0
BODY_SIZE = 16.0
INDENT = 2.5 * cm
#: The signature of the preface is centred on this share of the text width (as a memo's).
SIGNATURE_CENTRE = 0.65


def preface_flowables(preface: Preface, context: RenderContext, width: float) -> list[Flowable]:
    """The preface page; see the module docstring."""
    out: list[Flowable] = [
        ThaiParagraph(
            PREFACE_TITLE,
            context.style(font_size=TITLE_SIZE, bold=True, alignment="center", space_after=12),
        )
    ]
    body = context.style(
        font_size=BODY_SIZE, alignment="justify", first_line_indent=INDENT, space_before=6
    )
    out += [ThaiParagraph(escape_markup(p), body) for p in preface.paragraphs if p.strip()]
    centre = width * SIGNATURE_CENTRE
    half = width - centre
    column = context.style(font_size=BODY_SIZE, alignment="center", left_indent=centre - half)
    lines = [*preface.signed_by, preface.month_year]
    for k, line in enumerate(line for line in lines if line.strip()):
        out.append(
            ThaiParagraph(escape_markup(line), column.replace(space_before=30 if not k else 0))
        )
    out.append(PageBreak())
    return out


@dataclass
class Contents:
    """The headings of a report for its table of contents; see the module docstring."""

    thai_digits: bool = True
    entries: list[tuple[str, int, str]] = field(default_factory=list)  # key, level, text
    sink: dict[str, int] = field(default_factory=dict)  # key -> page, filled while drawing

    def mark(self, flowable: Flowable, text: str, level: int = 1) -> Flowable:
        key = f"h{len(self.entries)}"
        self.entries.append((key, level, text))
        return mark_for_contents(flowable, self.sink, key)

    def flowables(
        self, context: RenderContext, width: float, pages: Mapping[str, int] | None
    ) -> list[Flowable]:
        out: list[Flowable] = [
            ThaiParagraph(
                CONTENTS_TITLE,
                context.style(font_size=TITLE_SIZE, bold=True, alignment="center", space_after=6),
            ),
            ContentsLine("", "หน้า", 0, context, bold=True),
        ]
        lines = []
        for key, level, text in self.entries:
            page = pages.get(key) if pages is not None else None
            number = "" if page is None else str(page)
            if self.thai_digits:
                number = to_thai_digits(number)
            lines.append(ContentsLine(text, number, level, context))
        if lines:
            lines[0].first, lines[-1].last = True, True
        out += lines
        out.append(PageBreak())
        return out


class ContentsLine(Flowable):
    """One entry of the สารบัญ: the heading (indented by its level; a long one wraps, its
    lines aligned), a dotted leader and the page number at the right margin. The heading is
    set clear of a fixed column for the numbers, so both layout passes wrap it alike."""

    NUMBER_COLUMN = 3 * BODY_SIZE

    def __init__(
        self, text: str, page: str, level: int, context: RenderContext, *, bold: bool = False
    ) -> None:
        super().__init__()
        self.text = text
        self.page = page
        self.level = level
        self.bold = bold
        self.style = context.style(font_size=BODY_SIZE, bold=bold or level == 1)
        self.spaceBefore = 4.0 if level == 1 else 0.0
        self.para = ThaiParagraph(escape_markup(text), self.style, markup=True)

    first = last = False  # the first and last entry (the Word copy's TOC field)

    def _indent(self) -> float:
        indent: float = max(self.level - 1, 0) * 1.0 * cm
        return indent

    def write_docx(self, writer: WordWriter, container: _Cell | None) -> None:
        """In the Word copy the entries are the result of a TOC field over the headings'
        outline levels: Word fills in its own page numbers when the file is opened."""
        paragraph = writer._paragraph(container)
        width = writer.setup.frame_width
        writer._tabs(paragraph, [(width, "right", not self.bold)])
        if self.level > 1:
            paragraph.paragraph_format.left_indent = writer.Pt(self._indent())
        if not self.text:  # the "หน้า" line over the numbers
            paragraph.add_run("\t")
            writer._run(paragraph, self.page, BODY_SIZE, True)
            return
        if self.first:
            writer.has_toc = True
            _field_char(paragraph, "begin")
            _field_char(paragraph, None, ' TOC \\o "1-2" \\h \\z \\u ')
            _field_char(paragraph, "separate")
        writer._run(paragraph, self.text, BODY_SIZE, self.style.bold)
        paragraph.add_run("\t")
        if self.page:
            writer._run(paragraph, self.page, BODY_SIZE, self.style.bold)
        if self.last:
            _field_char(paragraph, "end")

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        room = availWidth - self._indent() - self.NUMBER_COLUMN
        _w, h = self.para.wrap(room, availHeight) if self.text else (0.0, self.style.line_height)
        self.height = h
        return availWidth, self.height

    def draw(self) -> None:
        fonts = self.style.fonts()
        font = fonts.bold if self.style.bold else fonts.regular
        x = self._indent()
        base = self.height - self.para.baseline_offset() if self.text else self.height * 0.28
        if self.text:
            self.para.drawOn(self.canv, x, 0)
            lines = self.para.line_texts(self.para.width)
            last = len(lines) - 1
            base = self.height - last * self.style.line_height - self.para.baseline_offset()
            used = text_width(font, lines[-1].rstrip(), BODY_SIZE)
        if self.page:
            draw_text(
                self.canv, self.width, base, self.page, font_size=BODY_SIZE,
                bold=self.style.bold, font_set=fonts, align="right",
            )  # fmt: skip
        if self.text and self.page and not self.bold:
            number_w = text_width(font, self.page, BODY_SIZE)
            start, end = x + used + 4.0, self.width - number_w - 4.0
            if end - start > 6:
                self.canv.saveState()
                self.canv.setLineWidth(0.9)
                self.canv.setLineCap(1)
                self.canv.setDash([0, 3.2], 0)
                self.canv.line(start, base, end, base)
                self.canv.restoreState()


def build_with_contents(
    make: Callable[[Contents, Mapping[str, int] | None], list[Flowable]],
    output: Path,
    page: PageSetup,
    *,
    thai_digits: bool = True,
    **build_args: Any,
) -> Contents:
    """Two layout passes for a report with a สารบัญ (see the module docstring); returns the
    contents with the pages found."""
    first = Contents(thai_digits)
    count_pages(
        make(first, None),
        page,
        font_set=build_args.get("font_set"),
        first_page=build_args.get("first_page"),
        templates=build_args.get("templates"),
    )
    final = Contents(thai_digits)
    build_pdf(make(final, dict(first.sink)), Path(output), page, **build_args)
    return final


#: Makes a report's flowables: with a ``Contents`` to mark its headings in (None: no
#: สารบัญ) and the pages the first layout pass found (None: no page numbers yet).
MakeFlowables = Callable[["Contents | None", Mapping[str, int] | None], list[Flowable]]


@dataclass(frozen=True)
class BookletReport:
    """A report with a portrait front (cover, คำนำ, สารบัญ) and landscape tables, ready to
    be set as a PDF or laid out for its Word copy."""

    flowables: MakeFlowables
    portrait: PageSetup
    landscape: PageSetup
    landscape_template: str
    metadata: DocumentMetadata
    thai_digits: bool
    with_contents: bool  # a สารบัญ after the preface

    def layout(self) -> DocumentLayout:
        """The report as a ``DocumentLayout`` for the Word copy: its สารบัญ without page
        numbers (Word numbers it on opening)."""
        contents = Contents(self.thai_digits) if self.with_contents else None
        return DocumentLayout(
            self.flowables(contents, None),
            self.portrait,
            templates={self.landscape_template: self.landscape},
            **self.metadata,
        )

    def write_pdf(self, output: Path, context: RenderContext, *, invariant: bool) -> None:
        """Write the PDF to ``output`` atomically; with a สารบัญ in two passes, so the
        contents have the pages."""
        build_args: dict[str, Any] = {
            "templates": {self.landscape_template: self.landscape},
            "invariant": invariant,
            "font_set": context.fonts,
            **self.metadata,
        }
        if self.with_contents:
            build_with_contents(
                self.flowables,
                Path(output),
                self.portrait,
                thai_digits=self.thai_digits,
                **build_args,
            )
            return
        build_pdf(self.flowables(None, None), Path(output), self.portrait, **build_args)


def _field_char(paragraph: Paragraph, kind: str | None, instruction: str = "") -> None:
    """A run holding a field character (``kind``: begin, separate, end) or, with ``kind``
    None, the field's instruction."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    if kind is None:
        element = OxmlElement("w:instrText")
        element.set(qn("xml:space"), "preserve")
        element.text = instruction
    else:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
    run._r.append(element)
