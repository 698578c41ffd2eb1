"""The internal memo (บันทึกข้อความ, ระเบียบงานสารบรรณ ข้อ 12, แบบที่ 2) laid out as the official
form: Garuda slot 1.5 cm high top left, "บันทึกข้อความ" 29 pt bold centred on the Garuda's line,
the labels ส่วนราชการ / ที่ / วันที่ / เรื่อง 20 pt bold with 16 pt values written on dotted
lines (จุดไข่ปลา) that run to the right margin, then เรียน, the body (first-line indent 2.5 cm,
6 pt before each paragraph, justified), the signer's block centred right of the page centre and
the chain of comment blocks (ความเห็น…), each kept whole on one page.

Public API
----------
``memo_flowables(memo, context, spacing=None) -> list[Flowable]``
    The memo's content (for previews and for ``write_memo``), set in the fonts and with the
    line breaker of ``context`` (a ``RenderContext``).
``memo_spacing(memo, context) -> MemoSpacing``
    The memo takes as few pages as its text needs: only the signer's block (with the
    attachment lines) and each comment block with its heading are kept whole; the closing
    paragraph may split, its last two lines going overleaf with the signature. When the
    closer ``TIGHT_SPACING`` (less room above the name, 3 pt between paragraphs) saves a
    page, it is used. Remembered per memo and context (immutable values), so the PDF and
    the Word copy of one memo lay it out once.
``write_memo(memo, output, context, *, invariant=False)``
    A4 portrait, margins left 3 cm, right 2 cm, top 1.5 cm on page 1 (where the Garuda sits)
    and 2.5 cm after (room for the page number "- ๒ -", Thai digits when ``memo.thai_digits``),
    bottom 2 cm; written atomically.

Attachments: the memo form has no "สิ่งที่ส่งมาด้วย" slot under เรื่อง (that belongs to the
external letter), so the attachments are printed as the last lines of the text, before the
signature: "สิ่งที่ส่งมาด้วย <item>" with wrapped lines aligned after the label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Spacer

from itadesk.documents.context import RenderContext
from itadesk.documents.fonts import FontSet
from itadesk.documents.markup import escape_markup
from itadesk.documents.page import (
    DocumentLayout,
    EmblemImage,
    PageSetup,
    build_pdf,
    count_pages,
    page_numbers_for,
)
from itadesk.documents.paragraph import ThaiParagraph
from itadesk.documents.paragraph_style import ThaiStyle, single_line_height
from itadesk.documents.shaping import font_metrics, text_width
from itadesk.documents.text_drawing import draw_text
from itadesk.domain.fiscal import format_thai_date
from itadesk.domain.memo import CommentBlock, MemoDocument, Signature
from itadesk.domain.thai_text import to_thai_digits

if TYPE_CHECKING:
    from docx.table import _Cell

    from itadesk.documents.word import WordWriter

__all__ = [
    "NORMAL_SPACING",
    "TIGHT_SPACING",
    "MemoSpacing",
    "memo_flowables",
    "memo_layout",
    "memo_page_setups",
    "memo_spacing",
    "write_memo",
]

TITLE_SIZE = 29.0
LABEL_SIZE = 20.0
BODY_SIZE = 16.0
EMBLEM_CM = 1.5
PARAGRAPH_INDENT = 2.5 * cm
SPACE_BEFORE = 6.0
#: Centre of the signature blocks, as a share of the text width from the left margin
#: (right of the page centre, as in the official examples).
SIGNATURE_CENTRE = 0.6
#: Blank room above the "(name)" line for the handwritten signature.
SIGNING_SPACE = 52.0


@dataclass(frozen=True)
class MemoSpacing:
    """The vertical spaces of the form that are practice rather than rule."""

    signing: float = SIGNING_SPACE  # room to sign above "(name)"
    paragraph: float = SPACE_BEFORE  # before each paragraph of the text (6 pt)
    salutation: float = 2 * SPACE_BEFORE  # before "เรียน"
    first_row: float = 4.0  # between the Garuda's line and ส่วนราชการ
    comment: float = 3 * SPACE_BEFORE  # before each comment heading


#: The spaces the memo normally has.
NORMAL_SPACING = MemoSpacing()
#: Closer spaces, used only when they save a page (the signer's block then fits on the page
#: of the text, or the chain of comments on one page): still 1.3 cm to sign.
TIGHT_SPACING = MemoSpacing(
    signing=36.0, paragraph=3.0, salutation=6.0, first_row=0.0, comment=12.0
)
#: Pitch of dotted lines left for handwriting (roomier than a typed line).
HANDWRITING_PITCH = 26.0
#: Where the dotted line sits under the baseline, as a share of the font size (below the
#: lower vowels ุ ู so the dots never touch them).
DOT_DROP = 0.24
DOT_PITCH = 2.8
DOT_WIDTH = 0.9


def _body_style(context: RenderContext, **changes: Any) -> ThaiStyle:
    return context.style(font_size=BODY_SIZE).replace(**changes)


def _ascent_share(fonts: FontSet) -> float:
    """Share of a line box above the baseline (line gap on top, as the engine does it)."""
    asc, desc, gap = font_metrics(fonts.regular)
    return (asc + gap) / (asc + desc + gap)


def _draw_dots(canv: Canvas, x0: float, x1: float, y: float) -> None:
    """A dotted line (round dots) from x0 to x1 at height y."""
    if x1 - x0 < DOT_PITCH:
        return
    canv.saveState()
    canv.setLineWidth(DOT_WIDTH)
    canv.setLineCap(1)
    canv.setDash([0, DOT_PITCH], 0)
    # start half a pitch in so the first and last dots stay inside [x0, x1]
    canv.line(x0 + DOT_WIDTH / 2, y, x1 - DOT_WIDTH / 2, y)
    canv.restoreState()


class _Field:
    """One labelled field of a header row: label at ``x0``, value on dots up to ``x1``."""

    def __init__(
        self, label: str, value: str | None, x0: float, x1: float | None, tail: str = ""
    ) -> None:
        self.label = label
        self.value = value  # None: left blank (dotted) for handwriting
        self.tail = tail  # kept whole on the last line ("โทร <phone>")
        self.x0 = x0
        self.x1 = x1  # None: the right margin
        self.para: ThaiParagraph | None = None
        self.value_x = 0.0
        self.dots_x = 0.0
        self.end = 0.0
        self.lines = 1


class _FieldRow(Flowable):
    """A header row of the memo form: 20 pt bold labels, 16 pt values written on dotted lines
    that run to the end of the field; wrapped value lines align after the label."""

    def __init__(
        self, fields: Sequence[_Field], context: RenderContext, space_before: float = 0.0
    ) -> None:
        super().__init__()
        self.fields = list(fields)
        self.spaceBefore = space_before
        self.value_style = _body_style(context)
        self.keepWithNext = True

    def _metrics(self) -> tuple[float, float, float]:
        share = _ascent_share(self.value_style.fonts())
        label_lh = single_line_height(LABEL_SIZE, self.value_style.font_set)
        value_lh = self.value_style.line_height
        top = max(label_lh, value_lh) * share  # top of the row box to the first baseline
        return top, value_lh, label_lh

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        fonts = self.value_style.fonts()
        gap = 0.35 * BODY_SIZE
        for f in self.fields:
            f.end = availWidth if f.x1 is None else f.x1
            label_w = text_width(fonts.bold, f.label, LABEL_SIZE)
            f.dots_x = f.x0 + label_w + 0.15 * BODY_SIZE
            f.value_x = f.x0 + label_w + gap
            if f.value:
                f.para = self._value_paragraph(f, f.end - f.value_x)
                f.para.wrap(f.end - f.value_x, availHeight)
                f.lines = len(f.para.line_texts(f.end - f.value_x))
            else:
                f.para, f.lines = None, 1
        top, value_lh, label_lh = self._metrics()
        lines = max(f.lines for f in self.fields)
        below = max(label_lh, value_lh) - top  # descent of the last line's box
        self.width = availWidth
        self.height = top + (lines - 1) * value_lh + below
        return availWidth, self.height

    def _value_paragraph(self, f: _Field, width: float) -> ThaiParagraph:
        assert f.value is not None
        if not f.tail:
            return ThaiParagraph(escape_markup(f.value), self.value_style)
        para = ThaiParagraph(escape_markup(f"{f.value} {f.tail}"), self.value_style)
        if f.tail not in para.line_texts(width)[-1]:
            # the tail would be torn apart at a line end ("โทร" alone): start it on a new line
            para = ThaiParagraph(escape_markup(f"{f.value}\n{f.tail}"), self.value_style)
        return para

    def write_docx(self, writer: WordWriter, container: _Cell | None) -> None:
        """The row in the Word copy: 20 pt labels, the values after a tab (wrapped lines
        aligned after the label), dotted tab leaders to the end of each field."""
        from docx.enum.text import WD_LINE_SPACING

        width = writer.setup.frame_width
        self.wrap(width, 1e6)
        paragraph = writer._paragraph(container)
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        fmt.line_spacing = writer.Pt(self.value_style.line_height)
        if self.spaceBefore:
            fmt.space_before = writer.Pt(self.spaceBefore)
        fmt.keep_with_next = True
        stops: list[tuple[float, str, bool]] = []
        if len(self.fields) == 1:
            # wrapped value lines start after the label, as on the form
            fmt.left_indent = writer.Pt(self.fields[0].value_x)
            fmt.first_line_indent = writer.Pt(-self.fields[0].value_x)
        for f in self.fields:
            if f.x0 > 0:
                stops.append((f.x0, "left", True))  # dots up to the next label
            stops.append((f.value_x, "left", False))
        stops.append((self.fields[-1].end, "right", True))  # dots to the field's end
        stops = sorted(set(stops))
        writer._tabs(paragraph, [s for s in stops if s[0] < width - 0.5 or s[1] == "right"])
        for n, f in enumerate(self.fields):
            if n:
                paragraph.add_run("\t")
            writer._run(paragraph, f.label, LABEL_SIZE, True)
            paragraph.add_run("\t")
            if f.value:
                writer._run(paragraph, f.value, BODY_SIZE)
            if f.value and f.tail:
                if f.para is not None and "\n" in f.para._chars.text:
                    paragraph.add_run().add_break()  # the PDF put the tail on its own line
                    writer._run(paragraph, f.tail, BODY_SIZE)
                else:
                    writer._run(paragraph, " " + f.tail, BODY_SIZE)
        paragraph.add_run("\t")

    def draw(self) -> None:
        canv = self.canv
        top, value_lh, _ = self._metrics()
        base0 = self.height - top
        for f in self.fields:
            draw_text(
                canv,
                f.x0,
                base0,
                f.label,
                font_size=LABEL_SIZE,
                bold=True,
                font_set=self.value_style.fonts(),
            )
            if f.para is not None:
                off = f.para.baseline_offset()
                f.para.drawOn(canv, f.value_x, base0 + off - f.para.height)
            for k in range(f.lines):
                start = f.dots_x if k == 0 else f.value_x
                _draw_dots(canv, start, f.end, base0 - k * value_lh - DOT_DROP * BODY_SIZE)


class _MemoHead(Flowable):
    """The Garuda slot (1.5 cm high, top left) and "บันทึกข้อความ" centred on its line."""

    def __init__(self, emblem: EmblemImage | None, fonts: FontSet) -> None:
        super().__init__()
        self.emblem = emblem
        self.fonts = fonts
        self.keepWithNext = True

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = EMBLEM_CM * cm
        if self.emblem is not None:
            self.emblem.wrap(availWidth, availHeight)
        return availWidth, self.height

    def write_docx(self, writer: WordWriter, container: _Cell | None) -> None:
        """The Garuda and "บันทึกข้อความ" on one line of the Word copy (the title on a
        centred tab stop)."""
        paragraph = writer._paragraph(container)
        paragraph.paragraph_format.keep_with_next = True
        if self.emblem is not None:
            writer._tabs(paragraph, [(writer.setup.frame_width / 2, "center", False)])
            paragraph.add_run().add_picture(str(self.emblem.path), height=writer.Pt(self.height))
            paragraph.add_run("\t")
        else:
            writer._align(paragraph, "center")
        writer._run(paragraph, "บันทึกข้อความ", TITLE_SIZE, True)

    def draw(self) -> None:
        if self.emblem is not None:
            self.emblem.drawOn(self.canv, 0, 0)
        # the heading's Thai body (consonant height ~0.6 em) centred on the emblem's height,
        # but never with its ascender above the slot (the top margin)
        asc = font_metrics(self.fonts.bold)[0] / 1000.0 * TITLE_SIZE
        baseline = min((self.height - 0.6 * TITLE_SIZE) / 2, self.height - asc)
        draw_text(
            self.canv,
            self.width / 2,
            baseline,
            "บันทึกข้อความ",
            font_size=TITLE_SIZE,
            bold=True,
            align="center",
            font_set=self.fonts,
        )


class _DottedLine(Flowable):
    """One line of text parts and dotted gaps (a float is a dotted gap that wide), aligned
    ``center`` on ``centre`` or starting at ``left``; or one full-width dotted line."""

    def __init__(
        self,
        parts: Sequence[str | float],
        context: RenderContext,
        *,
        centre: float | None = None,
        left: float = 0.0,
        pitch: float | None = None,
        full_width: bool = False,
    ) -> None:
        super().__init__()
        self.parts = list(parts)
        self.centre = centre
        self.left = left
        self.pitch = pitch
        self.full_width = full_width
        self.style = _body_style(context)

    def _part_width(self, part: str | float) -> float:
        if isinstance(part, str):
            return text_width(self.style.fonts().regular, part, BODY_SIZE)
        return float(part)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.height = self.pitch or self.style.line_height
        return availWidth, self.height

    def write_docx(self, writer: WordWriter, container: _Cell | None) -> None:
        """Text and dotted gaps on tab stops of the Word copy (leaders of dots)."""
        from docx.enum.text import WD_LINE_SPACING

        width = writer.setup.frame_width
        self.wrap(width, 1e6)
        paragraph = writer._paragraph(container)
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = writer.Pt(self.height)
        if self.full_width:
            writer._tabs(paragraph, [(width, "right", True)])
            paragraph.add_run("\t")
            return
        total = sum(self._part_width(p) for p in self.parts)
        x = self.left if self.centre is None else self.centre - total / 2
        stops: list[tuple[float, str, bool]] = []
        runs: list[str | None] = []  # None: a tab
        if x > 0.5:
            stops.append((x, "left", False))
            runs.append(None)
        for part in self.parts:
            w = self._part_width(part)
            if isinstance(part, str):
                runs.append(part)
            else:
                stops.append((x + w, "left", True))
                runs.append(None)
            x += w
        writer._tabs(paragraph, stops)
        for run in runs:
            if run is None:
                paragraph.add_run("\t")
            else:
                writer._run(paragraph, run, BODY_SIZE)

    def draw(self) -> None:
        lh = self.style.line_height
        # the baseline sits where a typed line's would (bottom of a single-spaced line box)
        base = self.height - lh * _ascent_share(self.style.fonts())
        if self.full_width:
            _draw_dots(self.canv, self.left, self.width, base - DOT_DROP * BODY_SIZE)
            return
        total = sum(self._part_width(p) for p in self.parts)
        x = self.left if self.centre is None else self.centre - total / 2
        for part in self.parts:
            w = self._part_width(part)
            if isinstance(part, str):
                draw_text(
                    self.canv, x, base, part, font_size=BODY_SIZE, font_set=self.style.fonts()
                )
            else:
                _draw_dots(self.canv, x + 1, x + w - 1, base)
            x += w


def _signature_flowables(
    sig: Signature,
    frame_width: float,
    context: RenderContext,
    *,
    date_line: bool = False,
    spacing: MemoSpacing = NORMAL_SPACING,
) -> list[Flowable]:
    """Room to sign, "(full name)" and the position lines centred right of the page centre;
    a dotted name in parentheses when the name is not known yet."""
    centre = frame_width * SIGNATURE_CENTRE
    half = frame_width - centre
    column = _body_style(context, alignment="center", left_indent=centre - half)
    out: list[Flowable] = [Spacer(1, spacing.signing)]
    name = sig.display_name.strip()
    if name:
        out.append(ThaiParagraph(f"({escape_markup(name)})", column))
    else:
        out.append(_DottedLine(["(", 5.5 * cm, ")"], context, centre=centre))
    positions = [p for p in sig.positions if p.strip()]
    for position in positions:
        out.append(ThaiParagraph(escape_markup(position), column))
    if not positions and not name:
        out.append(_DottedLine([6.5 * cm], context, centre=centre))
    if date_line:
        out.append(_DottedLine([1.3 * cm, "/", 1.3 * cm, "/", 1.3 * cm], context, centre=centre))
    return out


def _comment_block(
    block: CommentBlock,
    frame_width: float,
    context: RenderContext,
    spacing: MemoSpacing = NORMAL_SPACING,
) -> Flowable:
    parts: list[Flowable] = [
        ThaiParagraph(
            escape_markup(block.heading),
            _body_style(context, bold=True, space_before=spacing.comment, keep_with_next=True),
        )
    ]
    if block.comment.strip():
        for text in _split_paragraphs(block.comment):
            parts.append(
                ThaiParagraph(
                    escape_markup(text),
                    _body_style(
                        context,
                        alignment="justify",
                        first_line_indent=PARAGRAPH_INDENT,
                        space_before=SPACE_BEFORE / 2,
                    ),
                )
            )
    else:
        for _ in range(max(block.dotted_lines, 0)):
            parts.append(_DottedLine([], context, full_width=True, pitch=HANDWRITING_PITCH))
    parts += _signature_flowables(
        block.signature, frame_width, context, date_line=True, spacing=spacing
    )
    # a comment, its signature and its date belong to one person: never split across pages
    return KeepTogether(parts)


def _split_paragraphs(text: str) -> list[str]:
    """Paragraphs of clerk text: a blank line or a line break starts a new paragraph."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n") if p.strip()]


def _attachment_lines(
    attachments: Sequence[str],
    thai: bool,
    context: RenderContext,
    spacing: MemoSpacing = NORMAL_SPACING,
) -> list[Flowable]:
    items = [a.strip() for a in attachments if a.strip()]
    if not items:
        return []
    label = "สิ่งที่ส่งมาด้วย"
    style = _body_style(context)
    indent = text_width(style.fonts().regular, label + "  ", BODY_SIZE)
    out: list[Flowable] = []
    for i, item in enumerate(items, 1):
        number = ""
        if len(items) > 1:
            number = f"{to_thai_digits(str(i)) if thai else i}. "
        lead = label + "  " if i == 1 else ""
        out.append(
            ThaiParagraph(
                escape_markup(lead + number + item),
                style.replace(
                    first_line_indent=0.0 if i == 1 else indent,
                    hanging_indent=indent,
                    space_before=spacing.paragraph if i == 1 else 0.0,
                ),
            )
        )
    return out


def memo_page_setups(memo: MemoDocument) -> tuple[PageSetup, PageSetup]:
    """(first page, later pages): the Garuda sits 1.5 cm from the top on page 1; later pages
    keep 2.5 cm for the page number."""
    numbers = page_numbers_for(memo.thai_digits)
    later = PageSetup(left_cm=3.0, right_cm=2.0, top_cm=2.5, bottom_cm=2.0, page_numbers=numbers)
    first = PageSetup(left_cm=3.0, right_cm=2.0, top_cm=1.5, bottom_cm=2.0, page_numbers=numbers)
    return first, later


class _Closing(Flowable):
    """The end of the text and the signer's block: the last paragraph, the attachment lines
    and the signature. The signature never stands alone at the top of a page: when the
    block does not fit, the paragraph splits (two lines at least on each side) and its rest
    goes overleaf with the signature, or the whole block moves on."""

    def __init__(self, paragraph: ThaiParagraph | None, rest: Sequence[Flowable]) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.rest = list(rest)
        self.parts: list[Flowable] = ([paragraph] if paragraph is not None else []) + self.rest
        self.spaceBefore = self.parts[0].getSpaceBefore() if self.parts else 0.0
        self._heights: list[float] = []

    def _gaps(self) -> list[float]:
        out = [0.0]
        for above, part in zip(self.parts, self.parts[1:], strict=False):
            out.append(above.getSpaceAfter() + part.getSpaceBefore())
        return out

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self._heights = [p.wrap(availWidth, availHeight)[1] for p in self.parts]
        self.height = sum(self._heights) + sum(self._gaps())
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight + 1e-6:
            return [self]
        frame = getattr(self, "_frame", None)
        if self.paragraph is not None:
            pieces = self.paragraph.split(availWidth, availHeight)
            if len(pieces) == 2:
                return [pieces[0], _Closing(pieces[1], self.rest)]
        if frame is not None and getattr(frame, "_atTop", False):
            # taller than a page (a very long closing paragraph): let it flow, the
            # signature block still whole
            return [*([self.paragraph] if self.paragraph else []), KeepTogether(self.rest)]
        return []

    def draw(self) -> None:
        y = self.height
        for gap, h, part in zip(self._gaps(), self._heights, self.parts, strict=True):
            y -= gap + h
            part.drawOn(self.canv, 0, y)

    def write_docx(self, writer: WordWriter, container: _Cell | None) -> None:
        """The closing paragraph keeps with the signer's block, which stays whole."""
        if self.paragraph is not None:
            writer.paragraph(self.paragraph, container, keep=True)
        writer.add(self.rest, container, keep=True)


def memo_flowables(
    memo: MemoDocument, context: RenderContext, spacing: MemoSpacing | None = None
) -> list[Flowable]:
    """The memo's flowables; see the module docstring for the layout. ``spacing`` None:
    the spacing ``memo_spacing`` chooses."""
    if spacing is None:
        spacing = memo_spacing(memo, context)
    first, _later = memo_page_setups(memo)
    width = first.frame_width
    emblem = EmblemImage(memo.emblem_path, EMBLEM_CM) if memo.emblem_path is not None else None
    section = memo.office_section.strip()
    phone = f"โทร {memo.phone.strip()}" if memo.phone.strip() else ""
    if not section:
        section, phone = phone, ""
    date_text = (
        format_thai_date(memo.date, "full", thai_digits=memo.thai_digits) if memo.date else None
    )
    half = width / 2
    header: list[Flowable] = [
        _MemoHead(emblem, context.fonts),
        _FieldRow(
            [_Field("ส่วนราชการ", section or None, 0.0, None, tail=phone)],
            context,
            space_before=spacing.first_row,
        ),
        _FieldRow(
            [
                _Field("ที่", memo.number.strip() or None, 0.0, half - 0.4 * cm),
                _Field("วันที่", date_text, half, None),
            ],
            context,
        ),
        _FieldRow([_Field("เรื่อง", memo.subject.strip(), 0.0, None)], context),
        ThaiParagraph(
            "เรียน  " + escape_markup(memo.salutation.strip()),
            _body_style(context, space_before=spacing.salutation, keep_with_next=True),
        ),
    ]
    paragraph_style = _body_style(
        context,
        alignment="justify",
        first_line_indent=PARAGRAPH_INDENT,
        space_before=spacing.paragraph,
    )
    paragraphs = [
        ThaiParagraph(escape_markup(p), paragraph_style) for p in memo.paragraphs if p.strip()
    ]
    # the header keeps with the next flowable (keepWithNext): never alone at a page end
    out: list[Flowable] = list(header)
    last = paragraphs.pop() if len(paragraphs) > 1 else None
    out += paragraphs
    signature = _attachment_lines(memo.attachments, memo.thai_digits, context, spacing)
    signature += _signature_flowables(memo.signer, width, context, spacing=spacing)
    out.append(_Closing(last, signature))
    out += [_comment_block(block, width, context, spacing) for block in memo.comments]
    return out


#: memo_spacing's answers, keyed by the memo's content and the context (immutable values)
_SPACINGS: dict[tuple[str, RenderContext], MemoSpacing] = {}


def memo_spacing(memo: MemoDocument, context: RenderContext) -> MemoSpacing:
    """``TIGHT_SPACING`` when it sets the memo on fewer pages than ``NORMAL_SPACING``
    (the demo's memo: text and signature on page 1, the comments on page 2, rather than
    three pages), else the normal spacing."""
    first, later = memo_page_setups(memo)

    def pages(spacing: MemoSpacing) -> int:
        flowables = memo_flowables(memo, context, spacing)
        return count_pages(flowables, later, font_set=context.fonts, first_page=first)

    key = (repr(memo), context)
    found = _SPACINGS.get(key)
    if found is None:
        found = TIGHT_SPACING if pages(TIGHT_SPACING) < pages(NORMAL_SPACING) else NORMAL_SPACING
        if len(_SPACINGS) > 64:
            _SPACINGS.clear()
        _SPACINGS[key] = found
    return found


def memo_layout(memo: MemoDocument, context: RenderContext) -> DocumentLayout:
    """The memo as a ``DocumentLayout`` (for the PDF and the Word copy)."""
    first, later = memo_page_setups(memo)
    return DocumentLayout(
        memo_flowables(memo, context),
        later,
        first_page=first,
        title=memo.subject or "บันทึกข้อความ",
        author=memo.office_section,
    )


def write_memo(
    memo: MemoDocument, output: Path, context: RenderContext, *, invariant: bool = False
) -> None:
    """Write the memo PDF to ``output`` atomically (A4 portrait, official margins)."""
    layout = memo_layout(memo, context)
    build_pdf(
        layout.flowables,
        Path(output),
        layout.page,
        first_page=layout.first_page,
        invariant=invariant,
        font_set=context.fonts,
        title=layout.title,
        author=layout.author,
    )
