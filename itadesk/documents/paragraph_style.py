"""The paragraph style of the Thai text engine (``ThaiStyle``) and single line spacing.

Owns what a paragraph looks like before it is laid out: sizes, indents, alignment, emphasis,
the font family and the line breaker with the office's words. A document gets its styles
from its ``RenderContext.style()``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from reportlab.lib import colors

from itadesk.documents.fonts import FontSet, bundled_fonts
from itadesk.documents.linebreak import LineBreaker, line_breaker
from itadesk.documents.shaping import font_metrics
from itadesk.domain.documents import Justification

#: Single line spacing = font size x the font's own line height (hhea ascender + descender +
#: line gap, 1.3 em for Sarabun) x this factor. Calibrated with benchmarks/calibrate_leading.py
#: against LibreOffice Writer 7.4 (Debian 12), 16 pt, single spacing, A4 with the memo margins:
#: Sarabun: LibreOffice pitch 20.80 pt, ours 20.80 pt, 34 lines per page for both; TLWG
#: Laksaman (TH SarabunPSK metrics, checked as a clerk's own font) also matches. Using the
#: font's metrics keeps a clerk's TH Sarabun New as tight as it is in Word or Writer.
LEADING_FACTOR = 1.0


Alignment = Literal["left", "center", "right", "justify"]
_ALIGNMENTS = ("left", "center", "right", "justify")


@dataclass(frozen=True)
class ThaiStyle:
    """Paragraph style; lengths in points."""

    font_size: float = 16.0
    leading: float | None = None
    alignment: Alignment = "left"
    first_line_indent: float = 0.0
    left_indent: float = 0.0
    right_indent: float = 0.0
    hanging_indent: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    bold: bool = False
    italic: bool = False
    underline: bool = False
    text_color: Any = colors.black
    font_set: FontSet | None = None
    keep_with_next: bool = False
    breaker: LineBreaker | None = None
    justification: Justification = Justification.THAI_DISTRIBUTED
    keep_whole: bool = False
    row_label: bool = False

    def __post_init__(self) -> None:
        if self.alignment not in _ALIGNMENTS:
            raise ValueError(f"alignment must be one of {_ALIGNMENTS}, not {self.alignment!r}")

    @property
    def line_height(self) -> float:
        if self.leading is not None:
            return self.leading
        return single_line_height(self.font_size, self.font_set)

    def fonts(self) -> FontSet:
        return self.font_set or bundled_fonts()

    def line_breaker(self) -> LineBreaker:
        return self.breaker or line_breaker()

    def replace(self, **changes: Any) -> ThaiStyle:
        return dataclasses.replace(self, **changes)


def single_line_height(font_size: float, font_set: FontSet | None = None) -> float:
    """Single line spacing in points, as LibreOffice/Word set it for this family."""
    asc, desc, gap = font_metrics((font_set or bundled_fonts()).regular)
    return font_size * (asc + desc + gap) / 1000.0 * LEADING_FACTOR
