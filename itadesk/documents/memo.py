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

The form's head, labelled fields and dotted lines are in ``memo_form``; this module puts the
memo together (text, signature, comments) and sets it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from itadesk.documents.context import RenderContext
from itadesk.documents.markup import escape_markup
from itadesk.documents.memo_form import (
    BODY_SIZE,
    EMBLEM_CM,
    HANDWRITING_PITCH,
    DottedLine,
    FieldRow,
    FormField,
    MemoHead,
    body_style,
)
from itadesk.documents.page import (
    DocumentLayout,
    EmblemImage,
    FlowableStack,
    PageSetup,
    build_pdf,
    count_pages,
    page_numbers_for,
)
from itadesk.documents.paragraph import ThaiParagraph
from itadesk.documents.shaping import text_width
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
    column = body_style(context, alignment="center", left_indent=centre - half)
    out: list[Flowable] = [Spacer(1, spacing.signing)]
    name = sig.display_name.strip()
    if name:
        out.append(ThaiParagraph(f"({escape_markup(name)})", column))
    else:
        out.append(DottedLine(["(", 5.5 * cm, ")"], context, centre=centre))
    positions = [p for p in sig.positions if p.strip()]
    for position in positions:
        out.append(ThaiParagraph(escape_markup(position), column))
    if not positions and not name:
        out.append(DottedLine([6.5 * cm], context, centre=centre))
    if date_line:
        out.append(DottedLine([1.3 * cm, "/", 1.3 * cm, "/", 1.3 * cm], context, centre=centre))
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
            body_style(context, bold=True, space_before=spacing.comment, keep_with_next=True),
        )
    ]
    if block.comment.strip():
        for text in _split_paragraphs(block.comment):
            parts.append(
                ThaiParagraph(
                    escape_markup(text),
                    body_style(
                        context,
                        alignment="justify",
                        first_line_indent=PARAGRAPH_INDENT,
                        space_before=SPACE_BEFORE / 2,
                    ),
                )
            )
    else:
        for _ in range(max(block.dotted_lines, 0)):
            parts.append(DottedLine([], context, full_width=True, pitch=HANDWRITING_PITCH))
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
    style = body_style(context)
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


class _Closing(FlowableStack):
    """The end of the text and the signer's block: the last paragraph, the attachment lines
    and the signature. The signature never stands alone at the top of a page: when the
    block does not fit, the paragraph splits (two lines at least on each side) and its rest
    goes overleaf with the signature, or the whole block moves on."""

    def __init__(self, paragraph: ThaiParagraph | None, rest: Sequence[Flowable]) -> None:
        self.paragraph = paragraph
        self.rest = list(rest)
        super().__init__(([paragraph] if paragraph is not None else []) + self.rest)
        self.spaceBefore = self.parts[0].getSpaceBefore() if self.parts else 0.0

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
        MemoHead(emblem, context.fonts),
        FieldRow(
            [FormField("ส่วนราชการ", section or None, 0.0, None, tail=phone)],
            context,
            space_before=spacing.first_row,
        ),
        FieldRow(
            [
                FormField("ที่", memo.number.strip() or None, 0.0, half - 0.4 * cm),
                FormField("วันที่", date_text, half, None),
            ],
            context,
        ),
        FieldRow([FormField("เรื่อง", memo.subject.strip(), 0.0, None)], context),
        ThaiParagraph(
            "เรียน  " + escape_markup(memo.salutation.strip()),
            body_style(context, space_before=spacing.salutation, keep_with_next=True),
        ),
    ]
    paragraph_style = body_style(
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
