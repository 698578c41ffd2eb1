"""Turning stored data into PDFs. Gathering the data touches the database and must happen on
the thread that owns it; the returned job only lays out pages, so the GUI can run it in a
worker thread while the window stays responsive."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from itadesk.domain import scoring
from itadesk.domain.analysis import INDICATOR_FIELDS
from itadesk.domain.memo import MEMO_ANALYSIS, MEMO_KINDS
from itadesk.domain.report import GROUP_BY_THEME, AnalysisReport, ResultsReport
from itadesk.errors import ValidationError
from itadesk.services.analysis import AnalysisService
from itadesk.services.frameworks import FrameworkService
from itadesk.services.measures import MeasureService
from itadesk.services.memos import MemoService
from itadesk.services.tracking import TrackingService
from itadesk.storage.repositories import Repositories

DOCUMENT_MEMO = "memo"
DOCUMENT_REPORT = "report"
DOCUMENT_PUBLISH_MEMO = "publish-memo"
DOCUMENT_PROOF = "proof"
DOCUMENT_RESULTS = "results"
DOCUMENT_RESULTS_MEMO = "results-memo"
DOCUMENTS = (
    DOCUMENT_MEMO,
    DOCUMENT_REPORT,
    DOCUMENT_PUBLISH_MEMO,
    DOCUMENT_RESULTS,
    DOCUMENT_RESULTS_MEMO,
    DOCUMENT_PROOF,
)
DOCUMENT_TITLES_TH = {
    DOCUMENT_RESULTS: "รายงานผลการดำเนินการตามมาตรการ",
    DOCUMENT_RESULTS_MEMO: "บันทึกข้อความรายงานผลการดำเนินการตามมาตรการ",
    DOCUMENT_PROOF: "แผ่นทดสอบการจัดพิมพ์ภาษาไทย",
    DOCUMENT_MEMO: "บันทึกข้อความเสนอผลการวิเคราะห์และมาตรการ",
    DOCUMENT_REPORT: "รายงานผลการวิเคราะห์และมาตรการ",
    DOCUMENT_PUBLISH_MEMO: "บันทึกข้อความขออนุญาตเผยแพร่",
}

RenderJob = Callable[[Path], None]


@dataclass(frozen=True)
class PreparedDocument:
    title_th: str
    suggested_file_name: str
    job: RenderJob  # writes the PDF atomically to the given path; touches no database


class DocumentService:
    def __init__(
        self,
        repos: Repositories,
        frameworks: FrameworkService,
        analysis: AnalysisService,
        measures: MeasureService,
        memos: MemoService,
        tracking: TrackingService,
    ) -> None:
        self._tracking = tracking
        self._repos = repos
        self._frameworks = frameworks
        self._analysis = analysis
        self._measures = measures
        self._memos = memos

    def build_report(self, fiscal_year: int) -> AnalysisReport:
        framework = self._frameworks.get(fiscal_year)
        office = self._repos.office.get_office()
        scores = self._repos.scores.indicator_scores(fiscal_year)
        if not scores:
            raise ValidationError(f"ยังไม่มีคะแนนของปีงบประมาณ {fiscal_year} — กรอกคะแนนก่อนพิมพ์รายงาน")
        previous_scores = self._repos.scores.indicator_scores(fiscal_year - 1)
        previous_result = None
        if previous_scores and self._frameworks.catalog.has(fiscal_year - 1):
            previous_result = scoring.score(self._frameworks.get(fiscal_year - 1), previous_scores)
        plan_year = fiscal_year + 1
        return AnalysisReport(
            office_name=office.full_name or office.name,
            district=office.district,
            province=office.province,
            prepared_by=self._memos.section(),
            framework=framework,
            scores=scores,
            result=scoring.score(framework, scores, self._repos.scores.official_total(fiscal_year)),
            item_scores=self._repos.scores.item_scores(fiscal_year),
            analysis=self._analysis.analysis(fiscal_year),
            plan_year=plan_year,
            measures=tuple(self._measures.measures(plan_year)),
            plan_framework=self._measures.plan_framework(plan_year),
            previous_scores=previous_scores,
            previous_result=previous_result,
            thai_digits=self._memos.thai_digits(),
            target=framework.target,
        )

    def build_results_report(
        self, plan_year: int, months: int, *, grouping: str = GROUP_BY_THEME
    ) -> ResultsReport:
        """The round's report from its saved snapshot, or from today's data when not saved."""
        office = self._repos.office.get_office()
        if not self._measures.measures(plan_year) and (
            self._tracking.latest_snapshot(plan_year, months) is None
        ):
            raise ValidationError(f"ปีงบประมาณ {plan_year} ยังไม่มีมาตรการให้รายงานผล")
        report, snapshot = self._tracking.round_report(plan_year, months)
        return ResultsReport(
            office_name=office.full_name or office.name,
            district=office.district,
            province=office.province,
            prepared_by=self._memos.section(),
            round=report,
            framework=self._measures.plan_framework(plan_year),
            grouping=grouping,
            thai_digits=self._memos.thai_digits(),
            snapshot_taken_at=snapshot.taken_at if snapshot else None,
        )

    def preflight(self, fiscal_year: int, memo_kind: str | None = MEMO_ANALYSIS) -> list[str]:
        """Thai warnings to show before printing (printing is still allowed); ``memo_kind``
        adds those about that memo's signer and comment chain (None: no memo printed)."""
        warnings: list[str] = []
        if memo_kind is not None:
            warnings += self._memos.preflight(fiscal_year, memo_kind)
        framework = self._frameworks.get(fiscal_year)
        gaps = self._measures.coverage_gaps(fiscal_year)
        for number in gaps:
            warnings.append(
                f"ตัวชี้วัดที่ {number} ({framework.indicator(number).name_th}) ได้คะแนนต่ำกว่า "
                f"{scoring.fmt(framework.target)} แต่ยังไม่มีมาตรการของปี {fiscal_year + 1} ที่ตอบตัวชี้วัดนี้"
            )
        if not self._measures.measures(fiscal_year + 1):
            warnings.append(f"ยังไม่มีมาตรการของปีงบประมาณ {fiscal_year + 1}")
        analysis = self._analysis.analysis(fiscal_year)
        scores = self._repos.scores.indicator_scores(fiscal_year)
        empty = [
            number
            for number in scores
            if all(not analysis.text(number, field).strip() for field in INDICATOR_FIELDS)
        ]
        if empty:
            warnings.append(
                "ยังไม่มีการวิเคราะห์ของตัวชี้วัดที่ "
                + ", ".join(str(n) for n in empty)
                + " — กด “ร่างจากคะแนน” ที่หน้าการวิเคราะห์"
            )
        for warning in self._analysis.foreign_names(fiscal_year):
            where = (
                f"ตัวชี้วัดที่ {warning.key.indicator}" if warning.key.indicator is not None else "บทสรุป"
            )
            warnings.append(
                f"ข้อความการวิเคราะห์ ({where}) มีชื่อหน่วยงานอื่น: {', '.join(warning.names)} "
                "— ตรวจว่าไม่ได้คัดลอกมาจากเอกสารของหน่วยงานอื่น"
            )
        return warnings

    def prepare(
        self, what: str, fiscal_year: int, *, invariant: bool = False, round_months: int = 12
    ) -> PreparedDocument:
        """Gather the data now; the returned job renders later, on any thread.

        ``fiscal_year`` is the assessed year for the analysis documents and the year the
        measures were carried out for the results documents (round of 6 or 12 months)."""
        from itadesk.documents import linebreak

        if what not in DOCUMENTS:
            raise ValidationError(f"ไม่รู้จักเอกสาร “{what}” (ใช้ได้: {', '.join(DOCUMENTS)})")
        linebreak.set_user_words(self._office_words())
        if what == DOCUMENT_PROOF:
            from itadesk.documents.proof import write_proof_sheet

            def render_proof(output: Path) -> None:
                write_proof_sheet(output, invariant=invariant)

            return PreparedDocument(DOCUMENT_TITLES_TH[what], "itadesk-proof.pdf", render_proof)
        if what == DOCUMENT_REPORT:
            from itadesk.documents.report import write_analysis_report

            report = self.build_report(fiscal_year)

            def render_report(output: Path) -> None:
                write_analysis_report(report, output, invariant=invariant)

            job: RenderJob = render_report
            name = f"ita-{fiscal_year}-analysis-measures-{fiscal_year + 1}.pdf"
        elif what == DOCUMENT_RESULTS:
            from itadesk.documents.results import write_results_report

            results = self.build_results_report(fiscal_year, round_months)

            def render_results(output: Path) -> None:
                write_results_report(results, output, invariant=invariant)

            job = render_results
            name = f"ita-{fiscal_year}-results-{round_months}-months.pdf"
        else:
            from itadesk.documents.memo import write_memo

            kind = {
                DOCUMENT_MEMO: MEMO_ANALYSIS,
                DOCUMENT_PUBLISH_MEMO: "publish",
                DOCUMENT_RESULTS_MEMO: "results",
            }[what]
            assert kind in MEMO_KINDS
            memo = self._memos.build(fiscal_year, kind, round_months=round_months)

            def render_memo(output: Path) -> None:
                write_memo(memo, output, invariant=invariant)

            job = render_memo
            name = f"ita-{fiscal_year}-memo-{kind}.pdf"
            if what == DOCUMENT_RESULTS_MEMO:
                name = f"ita-{fiscal_year}-memo-results-{round_months}-months.pdf"
        return PreparedDocument(DOCUMENT_TITLES_TH[what], name, job)

    def render(
        self,
        what: str,
        fiscal_year: int,
        output: Path,
        *,
        invariant: bool = False,
        round_months: int = 12,
    ) -> Path:
        self.prepare(what, fiscal_year, invariant=invariant, round_months=round_months).job(output)
        return output

    def _office_words(self) -> list[str]:
        """Names the line breaker must not split: the office, its units and its people."""
        office = self._repos.office.get_office()
        words = [office.name, office.full_name, office.district, office.province]
        words += [unit.name for unit in office.units]
        for person in office.people:
            words += person.full_name.split()
            words += [person.position, person.acting_position]
        return [word for word in words if word and " " not in word]
