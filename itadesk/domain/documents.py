"""The documents the program prints, as data: their kinds, one table of their Thai titles and
suggested file names, and the office's document settings.

Public API
----------
``DocumentKind``
    ``StrEnum`` of the printable documents; the values are the names the command line
    (``itadesk render memo``), the export bundle's manifest and the UI use.
``DOCUMENTS`` / ``document_info(kind) -> DocumentInfo``
    The one table: for each kind its Thai title (the name the preview window, the export
    bundle's manifest and web page and the command line's help give it; the title printed
    on the document itself is the layout's, e.g. the results report's full title), the memo
    kind it prints (for the memos), whether it reports a round (6 or 12 months), and its
    suggested file name.
``DocumentInfo.file_name(fiscal_year, round_months=12) -> str``
    ``ita-2568-memo-analysis.pdf``, ``ita-2569-results-6-months.pdf``, …
``DocumentSettings``
    What the office chose for every document: its own font files (``None``: the bundled
    Sarabun), Thai or Arabic digits, the emblem image, how justified Thai is spread
    (``Justification``), which layout the measures table takes (``MeasuresLayout``) and
    whether each report opens with a preface (คำนำ) and a table of contents (สารบัญ). Read
    from storage in one place (``services.settings.SettingsService.document_settings``).
``Justification``
    ``THAI_DISTRIBUTED`` (Word's "Thai Distributed", จัดกระจายแบบไทย: spare width spread
    over the gaps between Thai character clusters) or ``WORD_GAPS`` (spare width mostly at
    word boundaries, the engine's earlier look).
``MeasuresLayout``
    ``COMPACT`` (the five columns of the seeds: มาตรการ/แนวทาง · วิธีการดำเนินการ ·
    ผู้รับผิดชอบ · ระยะเวลาดำเนินการ · การติดตามผล) or ``FULL`` (seven columns with the
    analysis each measure answers).
``ReportFrontMatter``
    Whether one report opens with คำนำ and สารบัญ.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from itadesk.domain.memo import MemoKind


class DocumentKind(StrEnum):
    MEMO = "memo"  # the memo presenting the analysis and next year's measures
    REPORT = "report"  # the analysis-and-measures report
    PUBLISH_MEMO = "publish-memo"  # the memo asking permission to publish
    RESULTS = "results"  # the results report of a round (6 or 12 months)
    RESULTS_MEMO = "results-memo"  # the memo presenting a round's results
    PROOF = "proof"  # the Thai typesetting proof sheet


@dataclass(frozen=True)
class DocumentInfo:
    """One row of the documents table."""

    kind: DocumentKind
    title_th: str
    #: ``str.format`` pattern of the suggested file name: ``{year}`` the document's fiscal
    #: year, ``{next_year}`` the year after it, ``{months}`` the round
    file_pattern: str
    memo_kind: MemoKind | None = None
    per_round: bool = False  # reports a round: the year is the one the measures ran in

    def file_name(self, fiscal_year: int, round_months: int = 12) -> str:
        return self.file_pattern.format(
            year=fiscal_year, next_year=fiscal_year + 1, months=round_months
        )


_ROWS = (
    DocumentInfo(
        DocumentKind.MEMO,
        "บันทึกข้อความเสนอผลการวิเคราะห์และมาตรการ",
        "ita-{year}-memo-analysis.pdf",
        memo_kind=MemoKind.ANALYSIS,
    ),
    DocumentInfo(
        DocumentKind.REPORT,
        "รายงานผลการวิเคราะห์และมาตรการ",
        "ita-{year}-analysis-measures-{next_year}.pdf",
    ),
    DocumentInfo(
        DocumentKind.PUBLISH_MEMO,
        "บันทึกข้อความขออนุญาตเผยแพร่",
        "ita-{year}-memo-publish.pdf",
        memo_kind=MemoKind.PUBLISH,
    ),
    DocumentInfo(
        DocumentKind.RESULTS,
        "รายงานผลการดำเนินการตามมาตรการ",
        "ita-{year}-results-{months}-months.pdf",
        per_round=True,
    ),
    DocumentInfo(
        DocumentKind.RESULTS_MEMO,
        "บันทึกข้อความรายงานผลการดำเนินการตามมาตรการ",
        "ita-{year}-memo-results-{months}-months.pdf",
        memo_kind=MemoKind.RESULTS,
        per_round=True,
    ),
    DocumentInfo(DocumentKind.PROOF, "แผ่นทดสอบการจัดพิมพ์ภาษาไทย", "itadesk-proof.pdf"),
)
DOCUMENTS: Mapping[DocumentKind, DocumentInfo] = {row.kind: row for row in _ROWS}
assert set(DOCUMENTS) == set(DocumentKind), "every document kind has a row"


def document_info(kind: DocumentKind | str) -> DocumentInfo:
    """The table row of ``kind`` (a ``DocumentKind`` or its value); KeyError when unknown."""
    try:
        return DOCUMENTS[DocumentKind(kind)]
    except ValueError:
        raise KeyError(kind) from None


class Justification(StrEnum):
    """How a justified line of Thai takes up its spare width; the values are stored."""

    THAI_DISTRIBUTED = "thai-distributed"  # between character clusters, evenly (Word's look)
    WORD_GAPS = "word-gaps"  # mostly between words (the engine's earlier look)

    @property
    def label_th(self) -> str:
        return JUSTIFICATION_LABELS_TH[self]


JUSTIFICATION_LABELS_TH: Mapping[Justification, str] = {
    Justification.THAI_DISTRIBUTED: "จัดกระจายแบบไทย (เหมือน Word: ช่องไฟเท่ากันทั้งบรรทัด)",
    Justification.WORD_GAPS: "เว้นช่องไฟระหว่างคำ (แบบเดิม)",
}


class MeasuresLayout(StrEnum):
    """The columns of the measures table in the analysis report; the values are stored."""

    COMPACT = "compact"  # five columns, as the offices' own booklets (seeds 000, 003)
    FULL = "full"  # seven columns, with the analysis each measure answers

    @property
    def label_th(self) -> str:
        return MEASURES_LAYOUT_LABELS_TH[self]


MEASURES_LAYOUT_LABELS_TH: Mapping[MeasuresLayout, str] = {
    MeasuresLayout.COMPACT: "ย่อ ๕ คอลัมน์ (มาตรการ/แนวทาง วิธีการ ผู้รับผิดชอบ ระยะเวลา การติดตามผล)",
    MeasuresLayout.FULL: "เต็ม ๗ คอลัมน์ (รวมผลการวิเคราะห์ที่มาตรการตอบ)",
}


@dataclass(frozen=True)
class ReportFrontMatter:
    """Whether a report opens with a preface (คำนำ) and a table of contents (สารบัญ)."""

    preface: bool = False
    contents: bool = False


@dataclass(frozen=True)
class DocumentSettings:
    """The office's choices for every document it prints."""

    regular_font: Path | None = None  # the clerk's own TTF; None: the bundled Sarabun
    bold_font: Path | None = None  # None: the regular file (or Sarabun Bold when bundled)
    thai_digits: bool = True
    emblem_path: Path | None = None  # the Garuda or office seal; None: the slot stays empty
    justification: Justification = Justification.THAI_DISTRIBUTED
    measures_layout: MeasuresLayout = MeasuresLayout.FULL
    #: the analysis report: off unless the clerk asks (its cover already says what it is)
    analysis_front: ReportFrontMatter = ReportFrontMatter()
    #: the results booklet opens with คำนำ and สารบัญ, as the offices' own (seed 003)
    results_front: ReportFrontMatter = ReportFrontMatter(preface=True, contents=True)

    def front_matter(self, kind: DocumentKind | str) -> ReportFrontMatter:
        """The preface and contents choice of a report kind (none for other documents)."""
        if kind == DocumentKind.REPORT:
            return self.analysis_front
        if kind == DocumentKind.RESULTS:
            return self.results_front
        return ReportFrontMatter()
