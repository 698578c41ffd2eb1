"""Turning stored data into PDFs and their editable Word copies (.docx). Gathering the data
touches the database and must happen on the thread that owns it; the returned jobs only lay
out pages, so the GUI can run them in a worker thread while the window stays responsive.

Each prepared document captures its ``RenderContext`` (fonts, the office's own words for line
breaking, digit style, emblem), built here from the office's settings when the data is
gathered: the job depends on nothing that can change after ``prepare`` returns, and two jobs
prepared with different settings can run at the same time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itadesk.domain import scoring
from itadesk.domain.analysis import INDICATOR_FIELDS
from itadesk.domain.documents import DocumentKind, DocumentSettings, document_info
from itadesk.domain.drafting import draft_preface, load_phrase_bank
from itadesk.domain.fiscal import THAI_MONTHS_FULL, be_year
from itadesk.domain.memo import MemoDocument, MemoKind
from itadesk.domain.report import GROUP_BY_THEME, AnalysisReport, Preface, ResultsReport
from itadesk.domain.thai_text import to_thai_digits
from itadesk.domain.validation import NAME_MAX, check_fiscal_year
from itadesk.errors import UserError, ValidationError, echo
from itadesk.fileio import os_error_th, output_target_problem
from itadesk.services.analysis import AnalysisService
from itadesk.services.frameworks import FrameworkService
from itadesk.services.measures import MeasureService
from itadesk.services.memos import MemoService
from itadesk.services.settings import SettingsService
from itadesk.services.tracking import TrackingService
from itadesk.storage.repositories import Repositories

if TYPE_CHECKING:  # the PDF engine loads when a document is prepared, not at start-up
    from itadesk.documents.context import RenderContext
    from itadesk.documents.page import DocumentLayout


@dataclass(frozen=True)
class DocumentJob:
    """A prepared document as a value: the kind, its data (read from the database when it
    was prepared), the render context and the output format. Calling it with a path writes
    the file atomically and touches no database. It pickles (plain data and a context of
    fonts and words), so the web bundle can hand it to another process to render."""

    kind: DocumentKind
    data: AnalysisReport | ResultsReport | MemoDocument | None
    context: RenderContext
    invariant: bool = False
    word: bool = False  # the editable Word copy (.docx) instead of the PDF

    def as_word(self) -> DocumentJob:
        """The same document as its editable Word copy."""
        return replace(self, word=True)

    def __call__(self, output: Path) -> None:
        write_document(self, output)


def write_document(job: DocumentJob, output: Path) -> None:
    """Lay out ``job`` and write it to ``output`` (PDF, or Word when ``job.word``)."""
    context, data = job.context, job.data
    if job.kind == DocumentKind.PROOF:
        from itadesk.documents.proof import write_proof_sheet

        write_proof_sheet(output, context, invariant=job.invariant)
        return
    layout: Callable[[Any, RenderContext], DocumentLayout]
    write: Callable[..., None]
    if job.kind == DocumentKind.REPORT:
        from itadesk.documents.report import report_layout as layout
        from itadesk.documents.report import write_analysis_report as write
    elif job.kind == DocumentKind.RESULTS:
        from itadesk.documents.results import results_layout as layout
        from itadesk.documents.results import write_results_report as write
    else:
        from itadesk.documents.memo import memo_layout as layout
        from itadesk.documents.memo import write_memo as write
    if job.word:
        from itadesk.documents.word import write_docx

        write_docx(layout(data, context), output, context)
    else:
        write(data, output, context, invariant=job.invariant)


WORD_SUFFIX = ".docx"


@dataclass(frozen=True)
class PreparedDocument:
    kind: DocumentKind
    title_th: str
    suggested_file_name: str
    context: RenderContext  # the settings the document is set with
    job: DocumentJob  # writes the PDF atomically to the given path; touches no database
    #: writes the editable Word copy (.docx) from the same data; None: no Word copy (proof)
    word_job: DocumentJob | None = None

    @property
    def suggested_word_name(self) -> str:
        """The suggested name of the Word copy: the PDF's with ".docx"."""
        return str(Path(self.suggested_file_name).with_suffix(WORD_SUFFIX))


class DocumentService:
    def __init__(
        self,
        repos: Repositories,
        frameworks: FrameworkService,
        analysis: AnalysisService,
        measures: MeasureService,
        memos: MemoService,
        tracking: TrackingService,
        settings: SettingsService,
    ) -> None:
        self._tracking = tracking
        self._settings = settings
        self._repos = repos
        self._frameworks = frameworks
        self._analysis = analysis
        self._measures = measures
        self._memos = memos

    def render_context(self, settings: DocumentSettings | None = None) -> RenderContext:
        """The office's render context: its document settings (saved ones when not given;
        an unusable saved font falls back to the bundled Sarabun) and its own words."""
        settings = settings or self._settings.document_settings()
        fonts, _warning = self._settings.document_fonts(settings)
        from itadesk.documents.context import RenderContext

        return RenderContext(
            fonts=fonts,
            office_words=frozenset(self._office_words()),
            thai_digits=settings.thai_digits,
            emblem_path=settings.emblem_path,
            justification=settings.justification,
            measures_layout=settings.measures_layout,
        )

    def warm_up_job(self) -> Callable[[], None]:
        """A job (for a worker thread right after the window shows) that loads what the first
        document would otherwise wait for — the PDF engine, the break dictionary, the fonts —
        so the clerk's first preview is as fast as later ones. The context is read here, on
        the database's thread; the job touches no database."""
        context = self.render_context()

        def warm() -> None:
            from itadesk.documents.context import warm_up

            warm_up(context)

        return warm

    # ------------------------------------------------------------------ preface

    def preface_draft(
        self, kind: DocumentKind | str, fiscal_year: int, round_months: int = 12
    ) -> tuple[str, ...]:
        """The preface the phrase bank drafts for the report ``kind`` (the analysis report
        of an assessed year, the results report of the year the measures ran)."""
        office = self._repos.office.get_office()
        bank_kind = "analysis" if DocumentKind(kind) == DocumentKind.REPORT else "results"
        return draft_preface(
            load_phrase_bank(),
            bank_kind,
            office=office.full_name or office.name,
            fiscal_year=fiscal_year,
            round_months=round_months if bank_kind == "results" else None,
            thai_digits=self._settings.document_settings().thai_digits,
        )

    def preface_text(
        self, kind: DocumentKind | str, fiscal_year: int, round_months: int = 12
    ) -> tuple[str, tuple[str, ...]]:
        """("saved" or "draft", paragraphs): the clerk's preface for that report and year, or
        the phrase bank's draft when none is saved."""
        saved = self._settings.preface_text(kind, fiscal_year)
        if saved:
            return "saved", saved
        return "draft", self.preface_draft(kind, fiscal_year, round_months)

    def _preface(
        self,
        kind: DocumentKind,
        fiscal_year: int,
        memo_kind: MemoKind,
        thai_digits: bool,
        round_months: int = 12,
    ) -> Preface | None:
        """The report's คำนำ when the office asks for one, signed with the unit, the office
        and the month of the memo that presents the report (this month when it has no date)."""
        if not self._settings.document_settings().front_matter(kind).preface:
            return None
        _source, paragraphs = self.preface_text(kind, fiscal_year, round_months)
        if not paragraphs:
            return None
        office = self._repos.office.get_office()
        when = self._memos.settings(fiscal_year, memo_kind).memo_date or date.today()
        month_year = f"{THAI_MONTHS_FULL[when.month - 1]} {be_year(when.year)}"
        signed = tuple(line for line in (self._memos.section(), office.full_name or office.name))
        return Preface(
            paragraphs=paragraphs,
            signed_by=tuple(line for line in signed if line.strip()),
            month_year=to_thai_digits(month_year) if thai_digits else month_year,
        )

    # ------------------------------------------------------------------ reports

    def build_report(self, fiscal_year: int, *, thai_digits: bool | None = None) -> AnalysisReport:
        """The report's data; in the saved digit style unless ``thai_digits`` says."""
        if thai_digits is None:
            thai_digits = self._settings.document_settings().thai_digits
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
            thai_digits=thai_digits,
            target=framework.target,
            preface=self._preface(DocumentKind.REPORT, fiscal_year, MemoKind.ANALYSIS, thai_digits),
            contents=self._settings.document_settings().analysis_front.contents,
        )

    def build_results_report(
        self,
        plan_year: int,
        months: int,
        *,
        grouping: str = GROUP_BY_THEME,
        thai_digits: bool | None = None,
    ) -> ResultsReport:
        """The round's report from its saved snapshot, or from today's data when not saved;
        in the saved digit style unless ``thai_digits`` says."""
        if thai_digits is None:
            thai_digits = self._settings.document_settings().thai_digits
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
            thai_digits=thai_digits,
            snapshot_taken_at=snapshot.taken_at if snapshot else None,
            preface=self._preface(
                DocumentKind.RESULTS, plan_year, MemoKind.RESULTS, thai_digits, months
            ),
            contents=self._settings.document_settings().results_front.contents,
        )

    def preflight(self, fiscal_year: int, memo_kind: str | None = MemoKind.ANALYSIS) -> list[str]:
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
        self,
        what: DocumentKind | str,
        fiscal_year: int,
        *,
        invariant: bool = False,
        round_months: int = 12,
    ) -> PreparedDocument:
        """Gather the data now; the returned job renders later, on any thread.

        ``fiscal_year`` is the assessed year for the analysis documents and the year the
        measures were carried out for the results documents (round of 6 or 12 months)."""
        try:
            info = document_info(what)
        except KeyError:
            known = ", ".join(DocumentKind)
            raise ValidationError(f"ไม่รู้จักเอกสาร “{echo(what)}” (ใช้ได้: {known})") from None
        if info.kind != DocumentKind.PROOF:
            check_fiscal_year(fiscal_year)
        if info.kind == DocumentKind.PUBLISH_MEMO:
            self._require_assessed_year(fiscal_year)
        settings = self._settings.document_settings()
        context = self.render_context(settings)
        data: AnalysisReport | ResultsReport | MemoDocument | None
        if info.kind == DocumentKind.PROOF:
            data = None
        elif info.kind == DocumentKind.REPORT:
            data = self.build_report(fiscal_year, thai_digits=context.thai_digits)
        elif info.kind == DocumentKind.RESULTS:
            data = self.build_results_report(
                fiscal_year, round_months, thai_digits=context.thai_digits
            )
        else:
            assert info.memo_kind is not None
            data = self._memos.build(
                fiscal_year,
                info.memo_kind,
                round_months=round_months,
                document_settings=settings,
            )
        job = DocumentJob(info.kind, data, context, invariant=invariant)
        word_job = None if info.kind == DocumentKind.PROOF else job.as_word()
        return PreparedDocument(
            kind=info.kind,
            title_th=info.title_th,
            suggested_file_name=info.file_name(fiscal_year, round_months),
            context=context,
            job=job,
            word_job=word_job,
        )

    def render(
        self,
        what: DocumentKind | str,
        fiscal_year: int,
        output: Path,
        *,
        invariant: bool = False,
        round_months: int = 12,
    ) -> Path:
        """Write the document to the file ``output``: the PDF, or the editable Word copy when
        the name ends in ".docx". The target is checked first (its folder exists and is
        writable, it is not a folder, its name fits); a write that fails all the same (disk
        full, stick pulled) is a Thai UserError and leaves no half file."""
        output = Path(output)
        problem = output_target_problem(output)
        if problem is not None:
            raise UserError(problem)
        prepared = self.prepare(what, fiscal_year, invariant=invariant, round_months=round_months)
        job = prepared.job
        if output.suffix.lower() == WORD_SUFFIX:
            if prepared.word_job is None:
                raise ValidationError(f"{prepared.title_th} ไม่มีฉบับ Word — บันทึกเป็น PDF แทน")
            job = prepared.word_job
        try:
            job(output)
        except OSError as error:
            raise UserError(
                f"เขียนไฟล์ “{echo(output)}” ไม่สำเร็จ ({os_error_th(error)}) และไม่มีไฟล์ใดถูกเขียนทับ"
                " — ตรวจว่าดิสก์มีพื้นที่ว่างและเขียนได้ หรือเลือกที่เก็บอื่น แล้วลองใหม่"
            ) from error
        return output

    def _require_assessed_year(self, fiscal_year: int) -> None:
        """A year the office has assessed: its framework or its scores exist (a memo asking
        to publish the documents of 2500 or 2700 has nothing to publish)."""
        if self._frameworks.catalog.has(fiscal_year) or self._repos.scores.indicator_scores(
            fiscal_year
        ):
            return
        known = ", ".join(str(year) for year in self._frameworks.years())
        raise ValidationError(
            f"ปีงบประมาณ {fiscal_year} ยังไม่มีกรอบการประเมินหรือคะแนนของหน่วยงาน"
            f" จึงไม่มีเอกสารให้ขออนุญาตเผยแพร่ — เลือกปีที่ประเมินแล้ว ({known})"
        )

    def _office_words(self) -> list[str]:
        """Names the line breaker must not split: the office, its units and its people."""
        office = self._repos.office.get_office()
        words = [office.name, office.full_name, office.district, office.province]
        words += [unit.name for unit in office.units]
        for person in office.people:
            words += person.full_name.split()
            words += [person.position, person.acting_position]
        # A name longer than any the office page accepts (stored by an earlier version) is
        # not one word to keep whole: the segmenter would follow it from every position.
        return [word for word in words if word and " " not in word and len(word) <= NAME_MAX]
