"""The render context: everything besides a document's data that decides how it looks.

Public API
----------
``RenderContext(fonts, office_words=frozenset(), thai_digits=True, emblem_path=None,
justification=Justification.THAI_DISTRIBUTED, measures_layout=MeasuresLayout.FULL)``
    A frozen value: the registered font family (``fonts.FontSet``), the office's own words the
    line breaker keeps whole (its name, units, people, places), the digit style (Thai or
    Arabic digits), the emblem image chosen by the clerk, how justified Thai spreads its
    spare width (every style ``style()`` makes carries it) and which columns the analysis
    report's measures table has. Services build one from the
    office's stored settings (``services/documents.py``) and capture it in every prepared
    document; the layouts (``memo``, ``report``, ``results``, ``proof``, ``chart``, ``page``)
    take it as an argument and read nothing else. Nothing in the documents layer holds a
    "current" font or word list, so two documents with different contexts can be laid out at
    the same time in one process and each comes out as its own context says.
``RenderContext.style(**changes) -> ThaiStyle``
    A paragraph style in this context's fonts and line breaker.
``RenderContext.breaker``
    The ``LineBreaker`` for ``office_words`` (one per word set, shared).
``bundled_context(**changes) -> RenderContext``
    The bundled Sarabun, no office words, Thai digits, no emblem (tests and the proof sheet).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itadesk.documents.fonts import FontSet, bundled_fonts
from itadesk.documents.linebreak import LineBreaker, line_breaker
from itadesk.documents.paragraph_style import ThaiStyle
from itadesk.domain.documents import Justification, MeasuresLayout
from itadesk.domain.presentation import DigitStyle

__all__ = ["RenderContext", "bundled_context"]


@dataclass(frozen=True)
class RenderContext:
    """How a document is set: fonts, the office's own words, digits, emblem."""

    fonts: FontSet
    office_words: frozenset[str] = frozenset()
    thai_digits: bool = True
    emblem_path: Path | None = None
    justification: Justification = Justification.THAI_DISTRIBUTED
    measures_layout: MeasuresLayout = MeasuresLayout.FULL

    def __post_init__(self) -> None:
        words = frozenset(w.strip() for w in self.office_words if w and w.strip())
        object.__setattr__(self, "office_words", words)

    @property
    def digits(self) -> DigitStyle:
        """Generated text in this context's digit style (codes and URLs stay Latin)."""
        return DigitStyle(self.thai_digits)

    @property
    def breaker(self) -> LineBreaker:
        return line_breaker(self.office_words)

    def style(self, **changes: Any) -> ThaiStyle:
        """A paragraph style (16 pt unless ``changes`` say otherwise) in this context."""
        return ThaiStyle(
            font_set=self.fonts, breaker=self.breaker, justification=self.justification, **changes
        )

    def replace(self, **changes: Any) -> RenderContext:
        return dataclasses.replace(self, **changes)


def bundled_context(**changes: Any) -> RenderContext:
    """The bundled Sarabun family with no office words, Thai digits and no emblem."""
    return RenderContext(fonts=bundled_fonts()).replace(**changes)


WARM_UP_TEXT = (
    "ตามที่องค์การบริหารส่วนตำบลได้เข้ารับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของ"
    "หน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ข้อ O11 ร้อยละ ๙๕ https://www.example.go.th/ita"
)


def warm_up(context: RenderContext) -> None:
    """Do once, ahead of the clerk, what the first document of a process would otherwise pay
    for: import the PDF engine, read the break dictionary and the word-or-phrase list,
    register and parse the fonts, and set one justified Thai paragraph in regular and bold
    (shaping, segmenting, the regular expressions' compilation). Safe on any thread; leaves
    nothing behind."""
    import tempfile

    from itadesk.documents.linebreak import load_dictionary
    from itadesk.documents.page import build_pdf
    from itadesk.documents.paragraph import ThaiParagraph

    load_dictionary()
    flowables = [
        ThaiParagraph(WARM_UP_TEXT, context.style(alignment="justify")),
        ThaiParagraph(WARM_UP_TEXT, context.style(bold=True, font_size=20)),
    ]
    with tempfile.TemporaryDirectory(prefix="itadesk-warm-up-") as folder:
        build_pdf(flowables, Path(folder) / "warm-up.pdf", font_set=context.fonts)
