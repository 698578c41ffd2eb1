"""Page furniture: A4 templates, Thai page numbers, check boxes, the emblem slot, PDF output.

Public API
----------
``PageSetup``
    A4 ``orientation`` ("portrait"/"landscape"), margins in cm (defaults: the memo's left 3,
    right 2, top 2.5, bottom 2), ``page_numbers`` ("thai" → "- ๒ -", "arabic" → "- 2 -",
    "none"), ``first_numbered_page`` (2: the first page of an official letter carries no number).
``build_pdf(flowables, output, page, *, invariant=False, title="", author="", font_set=None,
first_page=None, templates=None)``
    Lays the flowables out and writes ``output`` atomically (temp file in the same folder, then
    ``os.replace``; on error nothing is left at ``output`` and an old file stays as it was).
    ``first_page``: another setup for page 1 only (a memo's Garuda sits 1.5 cm from the top,
    later pages leave room for the page number). ``templates``: more named setups (e.g. a
    landscape part of a portrait report); ``switch_page(name)`` in the flowables starts a new
    page with that setup, ``switch_page(MAIN_TEMPLATE)`` goes back to ``page``.
    Every font is our embedded TrueType: the canvas starts with the engine font, so no
    Helvetica (or any base-14 font) reaches the PDF. A flowable taller than a whole frame
    that cannot split itself (a header row of 3,000 characters) is never a ``LayoutError``:
    it is cut into frame-high slices, each drawn clipped on its own page. ``font_set`` (the
    document's ``RenderContext.fonts``; the bundled Sarabun when ``None``) sets the page numbers.
    ``invariant`` fixes dates and ids so two builds give identical bytes (for tests).
``CheckBox(checked, size_pt=12)``
    A vector check box (the Thai fonts have no ☐ ☑ glyphs).
``CheckLine(text, checked, style=None, markup=True)``
    A paragraph starting with a check box; wrapped lines align after the box.
``EmblemImage(path, height_cm=1.5)``
    The Garuda or office emblem chosen by the clerk (the app ships none); a missing or
    unreadable file raises ``UserError`` with a Thai message.
``thai_digits(text)``
    Arabic digits → Thai digits.
``count_pages(flowables, page, *, font_set=None, first_page=None, templates=None) -> int``
    The pages a layout takes, laid out in memory (to choose between layout variants).
``DocumentLayout``
    A document's flowables, page setups, title and author: what the PDF and the Word copy
    are both made from.
``switch_page(name) -> list[Flowable]`` / ``MAIN_TEMPLATE``
    A page break that continues on the named template of ``build_pdf``.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from itadesk.documents.fonts import FontSet, bundled_fonts
from itadesk.documents.line_layout import Chars
from itadesk.documents.paragraph import ThaiParagraph
from itadesk.documents.paragraph_style import ThaiStyle
from itadesk.documents.text_drawing import DRY_RUN, draw_text
from itadesk.errors import UserError
from itadesk.fileio import write_atomically

if TYPE_CHECKING:
    from docx.table import _Cell

    from itadesk.documents.word import WordWriter

# Binary streams (fonts, images) are stored compressed and unencoded: ASCII85 would make every
# PDF a quarter larger and cost time for nothing (we never need a 7-bit-clean PDF). A process-wide
# ReportLab setting, the same for every document.
rl_config.useA85 = 0

__all__ = [
    "MAIN_TEMPLATE",
    "CheckBox",
    "CheckLine",
    "DocumentLayout",
    "DocumentMetadata",
    "EmblemImage",
    "FlowableStack",
    "PageNumbers",
    "PageSetup",
    "build_pdf",
    "count_pages",
    "page_numbers_for",
    "switch_page",
    "thai_digits",
]

#: Name of the page template made from ``build_pdf``'s ``page`` argument.
MAIN_TEMPLATE = "page"
_FIRST_TEMPLATE = "first"

_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def thai_digits(text: str) -> str:
    """Replace Arabic digits by Thai digits."""
    return text.translate(_THAI_DIGITS)


class DocumentMetadata(TypedDict):
    """What a document's PDF and Word copy say about themselves."""

    title: str
    author: str


#: How pages are numbered: "thai" → "- ๒ -", "arabic" → "- 2 -", "none".
PageNumbers = Literal["thai", "arabic", "none"]


def page_numbers_for(thai: bool) -> PageNumbers:
    """The page numbers of a document written with Thai digits (``thai``) or Arabic ones."""
    return "thai" if thai else "arabic"


@dataclass(frozen=True)
class PageSetup:
    """A4 page geometry and page numbering; margins in centimetres."""

    orientation: Literal["portrait", "landscape"] = "portrait"
    left_cm: float = 3.0
    right_cm: float = 2.0
    top_cm: float = 2.5
    bottom_cm: float = 2.0
    page_numbers: PageNumbers = "thai"
    first_numbered_page: int = 2
    number_font_size: float = 16.0
    #: distance of the page number's baseline below the top edge, cm
    number_baseline_cm: float = 1.5

    @property
    def pagesize(self) -> tuple[float, float]:
        size: tuple[float, float] = (
            landscape(A4) if self.orientation == "landscape" else portrait(A4)
        )
        return size

    @property
    def frame_width(self) -> float:
        width: float = self.pagesize[0] - (self.left_cm + self.right_cm) * cm
        return width

    @property
    def frame_height(self) -> float:
        height: float = self.pagesize[1] - (self.top_cm + self.bottom_cm) * cm
        return height

    def frame_box(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of the text frame in PDF points (origin bottom left)."""
        w, h = self.pagesize
        return (
            self.left_cm * cm,
            self.bottom_cm * cm,
            w - self.right_cm * cm,
            h - self.top_cm * cm,
        )

    def page_label(self, number: int) -> str:
        """The page number as printed, "" when none is printed on that page."""
        if self.page_numbers == "none" or number < self.first_numbered_page:
            return ""
        n = str(number)
        return f"- {thai_digits(n) if self.page_numbers == 'thai' else n} -"


class _Doc(BaseDocTemplate):
    def __init__(
        self,
        filename: str,
        page: PageSetup,
        fonts: FontSet,
        first_page: PageSetup | None = None,
        templates: Mapping[str, PageSetup] | None = None,
        **kw: Any,
    ) -> None:
        self._itadesk_fonts = fonts
        super().__init__(filename, pagesize=(first_page or page).pagesize, **kw)
        setups: list[tuple[str, PageSetup, str | None]] = []
        if first_page is not None:
            setups.append((_FIRST_TEMPLATE, first_page, MAIN_TEMPLATE))
        setups.append((MAIN_TEMPLATE, page, None))
        for name, setup in (templates or {}).items():
            if name in (MAIN_TEMPLATE, _FIRST_TEMPLATE):
                raise ValueError(f"template name {name!r} is reserved")
            setups.append((name, setup, None))
        self.addPageTemplates([self._template(*s) for s in setups])

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        """ReportLab gives up (``LayoutError: … too large``) on a flowable that did not fit at
        the top of an empty frame and cannot split: such a flowable is sliced instead."""
        first = flowables[0] if flowables else None
        if first is not None and getattr(first, "_postponed", False) and self._too_tall(first):
            flowables[0:1] = _frame_slices(first, self.frame, self.canv)
        super().handle_flowable(flowables)

    def _too_tall(self, flowable: Flowable) -> bool:
        frame = self.frame
        _w, height = flowable.wrapOn(self.canv, frame._getAvailableWidth(), frame._aH)
        return height > frame._aH and not frame.split(flowable, self.canv)

    def _template(self, name: str, setup: PageSetup, after: str | None) -> PageTemplate:
        x0, y0, x1, y1 = setup.frame_box()
        frame = Frame(
            x0, y0, x1 - x0, y1 - y0,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=f"body-{name}",
        )  # fmt: skip

        def on_page(canv: Canvas, doc: BaseDocTemplate) -> None:
            self._number_page(canv, setup)

        return PageTemplate(
            id=name,
            frames=[frame],
            onPage=on_page,
            pagesize=setup.pagesize,
            autoNextPageTemplate=after,
        )

    def _number_page(self, canv: Canvas, page: PageSetup) -> None:
        label = page.page_label(canv.getPageNumber())
        if label:
            w, h = page.pagesize
            draw_text(
                canv,
                w / 2,
                h - page.number_baseline_cm * cm,
                label,
                font_size=page.number_font_size,
                align="center",
                font_set=self._itadesk_fonts,
            )


class _Slice(Flowable):
    """One frame-high piece of a flowable taller than any frame: the whole flowable is drawn
    shifted so the piece from ``top`` down shows, clipped to the piece."""

    def __init__(self, content: Flowable, width: float, height: float, top: float, piece: float):
        super().__init__()
        self._content, self._total, self._top = content, height, top
        self.width, self.height = width, piece

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        clip = canv.beginPath()
        clip.rect(0, 0, self.width, self.height)
        canv.clipPath(clip, stroke=0, fill=0)
        self._content.drawOn(canv, 0, self.height - self._total + self._top)
        canv.restoreState()


def _frame_slices(flowable: Flowable, frame: Frame, canv: Canvas) -> list[Flowable]:
    width, height = flowable.wrapOn(canv, frame._getAvailableWidth(), frame._aH)
    piece = max(frame._aH - 1.0, 1.0)
    slices: list[Flowable] = []
    top = 0.0
    while top < height:
        slices.append(_Slice(flowable, width, height, top, min(piece, height - top)))
        top += piece
    return slices


@dataclass
class DocumentLayout:
    """A document ready to be set: its flowables and page setups (what ``build_pdf`` takes)
    and its metadata; the Word copy (``word.write_docx``) is made from the same."""

    flowables: list[Flowable]
    page: PageSetup
    first_page: PageSetup | None = None
    templates: Mapping[str, PageSetup] = field(default_factory=dict)
    title: str = ""
    author: str = ""

    def setup(self, name: str) -> PageSetup:
        """The setup a ``switch_page(name)`` continues on."""
        return self.page if name == MAIN_TEMPLATE else self.templates[name]


def switch_page(name: str) -> list[Flowable]:
    """Flowables that end the page and continue on template ``name`` of ``build_pdf``."""
    return [NextPageTemplate(name), PageBreak()]


def build_pdf(
    flowables: Iterable[Flowable],
    output: Path,
    page: PageSetup | None = None,
    *,
    invariant: bool = False,
    title: str = "",
    author: str = "",
    font_set: FontSet | None = None,
    first_page: PageSetup | None = None,
    templates: Mapping[str, PageSetup] | None = None,
) -> None:
    """Write ``flowables`` to ``output`` atomically; see the module docstring."""
    page = page or PageSetup()
    fonts = font_set or bundled_fonts()
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)

    def render(tmp_name: Path) -> None:
        doc = _Doc(
            str(tmp_name),
            page,
            fonts,
            first_page,
            templates,
            title=title,
            author=author,
            creator="ITADesk",
            producer="ITADesk (ReportLab)",
            invariant=1 if invariant else 0,
            initialFontName=fonts.regular,  # the canvas would otherwise start in Helvetica
            pageCompression=1,
        )
        doc.build(list(flowables))

    write_atomically(output, render)


def count_pages(
    flowables: Iterable[Flowable],
    page: PageSetup | None = None,
    *,
    font_set: FontSet | None = None,
    first_page: PageSetup | None = None,
    templates: Mapping[str, PageSetup] | None = None,
) -> int:
    """How many pages ``flowables`` take with these setups (a layout in memory, nothing
    written): lets a layout choose between variants before it is built for real."""
    import io

    fonts = font_set or bundled_fonts()
    doc = _DryDoc(
        io.BytesIO(),  # type: ignore[arg-type]
        page or PageSetup(),
        fonts,
        first_page,
        templates,
        invariant=1,
        initialFontName=fonts.regular,
    )
    doc._doSave = 0  # laid out, never written
    doc.build(list(flowables))
    pages: int = doc.page
    return pages


class _DryDoc(_Doc):
    """A layout pass only: the text engine draws nothing on its canvas (``DRY_RUN``), the
    PDF is not written; flowables still note their pages (``text.record_page``)."""

    def _startBuild(self, *args: Any, **kwargs: Any) -> None:
        super()._startBuild(*args, **kwargs)
        setattr(self.canv, DRY_RUN, True)


def _check_ops(x: float, y: float, s: float, checked: bool, line_w: float) -> list[str]:
    """PDF operators for a box with lower-left (x, y) and side s."""
    ops = [f"{line_w:.2f} w 0 J 0 j", f"{x:.2f} {y:.2f} {s:.2f} {s:.2f} re S"]
    if checked:
        # a tick drawn as a stroked polyline, a little heavier than the box
        ops += [
            f"{line_w * 1.8:.2f} w 1 J 1 j",
            f"{x + 0.2 * s:.2f} {y + 0.52 * s:.2f} m "
            f"{x + 0.42 * s:.2f} {y + 0.25 * s:.2f} l "
            f"{x + 0.82 * s:.2f} {y + 0.8 * s:.2f} l S",
        ]
    return ops


class CheckBox(Flowable):
    """A vector check box, ``checked`` draws a tick; ``size_pt`` is the side length."""

    def __init__(self, checked: bool, size_pt: float = 12.0, line_width: float = 0.8) -> None:
        super().__init__()
        self.checked = checked
        self.size = size_pt
        self.line_width = line_width
        self.width = self.height = size_pt

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.size, self.size

    def draw(self) -> None:
        self.draw_at(self.canv, 0.0, 0.0)

    def draw_at(self, canv: Canvas, x: float, y: float) -> None:
        """Draw with the lower left corner at (x, y) on ``canv``."""
        lw = self.line_width
        ops = [
            "q",
            "0 0 0 RG",
            *_check_ops(x + lw / 2, y + lw / 2, self.size - lw, self.checked, lw),
            "Q",
        ]
        canv._code.append("\n".join(ops))


class CheckLine(ThaiParagraph):
    """A check box followed by a paragraph; wrapped lines align with the text after the box."""

    def __init__(
        self,
        text: str,
        checked: bool,
        style: ThaiStyle | None = None,
        markup: bool = True,
        *,
        box_size: float | None = None,
        gap: float | None = None,
    ) -> None:
        style = style or ThaiStyle()
        self.box = CheckBox(checked, box_size or style.font_size * 0.75)
        self.box_gap = gap if gap is not None else style.font_size * 0.4
        shift = self.box.size + self.box_gap
        super().__init__(text, style.replace(left_indent=style.left_indent + shift), markup)
        self._box_x = style.left_indent + style.first_line_indent

    def _clone(
        self, chars: Chars, *, continuation: bool, open_end: bool, style: ThaiStyle
    ) -> ThaiParagraph:
        if continuation:
            # the box belongs to the first part only; the rest is a plain paragraph that
            # keeps the indent after the box
            return super()._clone(chars, continuation=True, open_end=open_end, style=style)
        part = copy.copy(self)
        part._chars = chars
        part._open_end = open_end
        part.style = style
        part._lines = None
        part._layout_width = None
        part.spaceAfter = style.space_after
        return part

    def draw(self) -> None:
        super().draw()
        if self._continuation:
            return
        base = self.height - self.baseline_offset()
        # sit the box on the baseline, raised by a little so it centres on Thai x-height
        y = base - 0.05 * self.style.font_size
        if y + self.box.size > self.height:
            y = self.height - self.box.size
        self.box.draw_at(self.canv, self._box_x, y)


class EmblemImage(Flowable):
    """The clerk's emblem image (Garuda / office seal), ``height_cm`` high (1.5 cm on a memo)."""

    def __init__(self, path: Path, height_cm: float = 1.5, h_align: str = "LEFT") -> None:
        super().__init__()
        from reportlab.lib.utils import ImageReader

        path = Path(path)
        if not path.is_file():
            raise UserError(f"ไม่พบไฟล์ภาพตราสัญลักษณ์ {path} กรุณาเลือกไฟล์ภาพใหม่ในหน้าตั้งค่า")
        try:
            reader = ImageReader(str(path))
            iw, ih = reader.getSize()
            if iw <= 0 or ih <= 0:
                raise ValueError("empty image")
        except Exception as exc:  # PIL raises many types for a damaged or non-image file
            raise UserError(
                f"เปิดไฟล์ภาพตราสัญลักษณ์ {path.name} ไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่ไฟล์ภาพ "
                "(ใช้ได้: PNG, JPEG) กรุณาเลือกไฟล์ใหม่"
            ) from exc
        self.path = path
        self._reader = reader
        self.height = height_cm * cm
        self.width = self.height * iw / ih
        self.hAlign = h_align

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(
            self._reader, 0, 0, self.width, self.height, mask="auto", preserveAspectRatio=True
        )


class FlowableStack(Flowable):
    """Flowables drawn one under another with their own spaces between them (none above the
    first), as one flowable; a subclass decides where the stack may split."""

    def __init__(self, parts: Sequence[Flowable]) -> None:
        super().__init__()
        self.parts = list(parts)
        self._heights: list[float] = []

    def _gaps(self) -> list[float]:
        """Space above each part inside the stack (none above the first)."""
        out = [0.0]
        for above, part in itertools.pairwise(self.parts):
            out.append(above.getSpaceAfter() + part.getSpaceBefore())
        return out

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self._heights = [p.wrap(availWidth, availHeight)[1] for p in self.parts]
        self.height = sum(self._heights) + sum(self._gaps())
        return availWidth, self.height

    def draw(self) -> None:
        y = self.height
        for gap, h, part in zip(self._gaps(), self._heights, self.parts, strict=True):
            y -= gap + h
            part.drawOn(self.canv, 0, y)


class AtFrameBottom(Flowable):
    """Fills the rest of the frame and draws its paragraphs at the bottom (cover footer)."""

    def __init__(self, paragraphs: Sequence[ThaiParagraph]) -> None:
        super().__init__()
        self.paragraphs = list(paragraphs)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self._sizes = [p.wrap(availWidth, availHeight) for p in self.paragraphs]
        content = sum(h for _, h in self._sizes)
        self.height = max(availHeight - 1.0, content)
        return availWidth, self.height

    def draw(self) -> None:
        y = sum(h for _, h in self._sizes)
        for p, (_, h) in zip(self.paragraphs, self._sizes, strict=True):
            y -= h
            p.drawOn(self.canv, 0, y)

    def write_docx(self, writer: WordWriter, container: _Cell | None) -> None:
        """In the Word copy: the space that puts the paragraphs at the page's foot (what the
        page already holds is added up by the writer), a line to spare for Word's own
        measures."""
        setup = writer.setup
        height = sum(p.wrap(setup.frame_width, 1e6)[1] for p in self.paragraphs)
        spare = self.paragraphs[0].style.line_height if self.paragraphs else 0.0
        writer.pending.space += max(setup.frame_height - writer.page_used - height - spare, 0)
        writer.measuring = False
        writer.add(self.paragraphs, container)
