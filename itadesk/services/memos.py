"""The memo (บันทึกข้อความ) to the chief executive: settings the clerk keeps per year and kind,
the comment chain of the office, and the drafted text built from the year's data."""

from __future__ import annotations

import contextlib
import json
from dataclasses import replace
from datetime import date
from functools import cache
from typing import Any

from itadesk.domain.documents import DocumentSettings
from itadesk.domain.fiscal import reporting_round
from itadesk.domain.memo import (
    MEMO_KINDS,
    CommentBlock,
    CommentStep,
    MemoDocument,
    MemoKind,
    MemoSettings,
    Signature,
    chain_problems,
    default_comment_chain,
    default_signer,
    signer_problems,
)
from itadesk.domain.office import OfficeProfile, Person, Role
from itadesk.domain.scoring import fmt
from itadesk.domain.thai_text import to_thai_digits
from itadesk.domain.tracking_rules import snapshot_from_content
from itadesk.domain.validation import (
    NAME_MAX,
    PARAGRAPH_MAX,
    RUNNING_NUMBER_MAX,
    TITLE_MAX,
    check_fiscal_year,
    clean_fields,
    clean_text,
)
from itadesk.errors import FrameworkError, ValidationError, echo
from itadesk.paths import resource_path
from itadesk.services.frameworks import FrameworkService
from itadesk.services.settings import SettingsService
from itadesk.storage.database import Store
from itadesk.storage.repositories import Repositories

SECTION_SETTING = "memo_section"
SETTINGS_FIELDS = {
    "running_number": ("เลขที่หนังสือ", RUNNING_NUMBER_MAX),
    "subject": ("เรื่อง", TITLE_MAX),
    "salutation": ("เรียน", TITLE_MAX),
    "paragraphs": ("ย่อหน้า", PARAGRAPH_MAX),
}
STEP_FIELDS = {
    "heading": ("หัวข้อความเห็น", TITLE_MAX),
    "comment": ("ความเห็นที่พิมพ์ไว้", PARAGRAPH_MAX),
}


@cache
def memo_templates() -> dict[str, Any]:
    path = resource_path("data", "memos.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != "itadesk-memos/1" or set(data.get("kinds", {})) != set(MEMO_KINDS):
        raise FrameworkError(f"ไฟล์แบบบันทึกข้อความ {path.name} ไม่สมบูรณ์")
    return data["kinds"]


def chief_title(office: OfficeProfile) -> str:
    """นายกองค์การบริหารส่วนตำบล… / นายกเทศมนตรีตำบล… for the salutation."""
    name = office.full_name or office.name
    if name.startswith("เทศบาล"):
        return "นายกเทศมนตรี" + name.removeprefix("เทศบาล")
    return "นายก" + name


def signature_of(person: Person) -> Signature:
    positions = tuple(p for p in (person.position, person.acting_position) if p)
    return Signature(display_name=person.display_name, positions=positions)


class MemoService:
    def __init__(
        self,
        store: Store,
        repos: Repositories,
        frameworks: FrameworkService,
        settings: SettingsService,
    ) -> None:
        self._store = store
        self._repos = repos
        self._frameworks = frameworks
        self._settings = settings

    # ------------------------------------------------------------------ settings

    def section(self) -> str:
        """ส่วนราชการ that writes the memo (a unit of the office), default the first unit."""
        saved = self._repos.settings.get_setting(SECTION_SETTING)
        if saved:
            return str(saved)
        units = self._repos.office.get_office().units
        return units[0].name if units else "สำนักปลัด"

    def set_section(self, name: str) -> None:
        name = clean_text(name, "ส่วนราชการ", NAME_MAX)
        if not name.strip():
            raise ValidationError("ส่วนราชการ: ต้องระบุชื่อสำนักหรือกองที่ทำบันทึก")
        with self._store.transaction():
            self._repos.settings.set_setting(SECTION_SETTING, name.strip())

    def settings(self, fiscal_year: int, kind: str) -> MemoSettings:
        return self._repos.memos.memo_settings(fiscal_year, kind)

    def save_settings(self, settings: MemoSettings) -> MemoSettings:
        if settings.kind not in MEMO_KINDS:
            raise ValidationError(f"ชนิดบันทึกข้อความ “{echo(settings.kind)}” ไม่รู้จัก")
        check_fiscal_year(settings.fiscal_year)
        settings = clean_fields(settings, SETTINGS_FIELDS)
        problems = self.settings_problems(settings)
        if problems:
            raise ValidationError("\n".join(problems))
        with self._store.transaction():
            self._repos.memos.save_memo_settings(settings)
        return self._repos.memos.memo_settings(settings.fiscal_year, settings.kind)

    def settings_problems(self, settings: MemoSettings) -> list[str]:
        """A newly chosen signer who already comments in the chain (Thai, naming the step).
        Only a change of signer is checked: other fields of a memo whose signer later joined
        the chain still save (the memo then leaves that step out, see :meth:`printed_chain`)."""
        saved = self._repos.memos.memo_settings(settings.fiscal_year, settings.kind)
        if settings.signer_person_id == saved.signer_person_id:
            return []
        people = self._repos.office.get_office().people
        return signer_problems(settings.signer_person_id, self.comment_chain(), people)

    def signer(self, fiscal_year: int, kind: str) -> Person | None:
        """Who signs this memo: the person the clerk chose, else the author (ผู้จัดทำ);
        None when neither exists."""
        people = self._repos.office.get_office().people
        chosen = self._repos.memos.memo_settings(fiscal_year, kind).signer_person_id
        person = next((p for p in people if chosen is not None and p.id == chosen), None)
        return person or default_signer(people)

    def comment_chain(self) -> list[CommentStep]:
        """The office's comment chain in print order: as the clerk saved it, else by role."""
        saved = self._repos.memos.comment_chain()
        if saved:
            return saved
        return self.default_comment_chain()

    def default_comment_chain(self) -> list[CommentStep]:
        """หัวหน้าส่วนราชการ → ปลัด → นายก from the people's roles (see
        :func:`itadesk.domain.memo.default_comment_chain`)."""
        people = self._repos.office.get_office().people
        return default_comment_chain(people, self.section())

    def printed_chain(self, fiscal_year: int, kind: str) -> list[CommentStep]:
        """The chain as this memo prints it: without the signer, who never comments on the
        memo they sign (the chain is the office's, the signer is chosen per memo)."""
        signer = self.signer(fiscal_year, kind)
        steps = self.comment_chain()
        if signer is None:
            return steps
        return [step for step in steps if step.person_id != signer.id]

    def chain_problems(
        self, steps: list[CommentStep], *, signer_person_id: int | None = None
    ) -> list[str]:
        people = self._repos.office.get_office().people
        return chain_problems(steps, people, signer_person_id)

    def save_comment_chain(
        self, steps: list[CommentStep], *, signer_person_id: int | None = None
    ) -> list[CommentStep]:
        """Save the chain in the order given; refused as a whole (nothing written) when a step
        has no heading, names someone unknown or names ``signer_person_id``."""
        steps = [
            clean_fields(step, STEP_FIELDS, f"ลำดับความเห็นที่ {number}")
            for number, step in enumerate(steps, start=1)
        ]
        problems = self.chain_problems(steps, signer_person_id=signer_person_id)
        if problems:
            raise ValidationError("\n".join(problems))
        with self._store.transaction():
            self._repos.memos.save_comment_chain(steps)
        return self._repos.memos.comment_chain()

    def preflight(self, fiscal_year: int, kind: str) -> list[str]:
        """Thai warnings about who signs and who comments, shown before printing."""
        warnings: list[str] = []
        office = self._repos.office.get_office()
        signer = self.signer(fiscal_year, kind)
        if signer is None:
            warnings.append(
                "ยังไม่มีผู้เสนอ (ลงนาม): ไม่มีผู้ที่มีบทบาท “ผู้จัดทำ” — กำหนดบทบาทที่หน้า"
                " “ข้อมูลหน่วยงาน” หรือเลือกผู้เสนอที่หน้านี้ (ตอนนี้จะพิมพ์เส้นประให้เขียนชื่อเอง)"
            )
        else:
            for number, step in enumerate(self.comment_chain(), start=1):
                if step.person_id == signer.id:
                    warnings.append(
                        f"ลำดับความเห็นที่ {number} ({signer.display_name}) ไม่พิมพ์ในบันทึกนี้"
                        " เพราะเป็นผู้เสนอ (ลงนาม) — เลือกผู้ให้ความเห็นคนอื่นหรือลบแถวนั้น"
                    )
        if office.people and not any(
            p.role == Role.NAYOK or "นายก" in p.acting_position for p in office.people
        ):
            warnings.append(
                "ยังไม่มีผู้ที่มีบทบาท “นายก” ในข้อมูลหน่วยงาน — ลำดับผู้ให้ความเห็นจึงไม่มีนายก"
                " (ถ้ามีผู้ปฏิบัติหน้าที่นายก ให้พิมพ์ในช่องรักษาการ/ปฏิบัติหน้าที่)"
            )
        return warnings

    # ------------------------------------------------------------------ the memo

    def build(
        self,
        fiscal_year: int,
        kind: str = MemoKind.ANALYSIS,
        *,
        round_months: int = 12,
        document_settings: DocumentSettings | None = None,
    ) -> MemoDocument:
        """The memo for ``fiscal_year`` (the assessed year for the analysis memo; the year
        of the measures for the results memo), in the digit style and with the emblem of
        ``document_settings`` (the office's saved ones when not given)."""
        if kind not in MEMO_KINDS:
            raise ValidationError(f"ชนิดบันทึกข้อความ “{echo(kind)}” ไม่รู้จัก")
        check_fiscal_year(fiscal_year)
        office = self._repos.office.get_office()
        if not office.name:
            raise ValidationError("ยังไม่ได้กรอกชื่อหน่วยงาน — กรอกที่หน้า “ข้อมูลหน่วยงาน” ก่อนพิมพ์")
        people = {person.id: person for person in office.people}
        settings = self._repos.memos.memo_settings(fiscal_year, kind)
        document = document_settings or self._settings.document_settings()
        thai = document.thai_digits
        template = memo_templates()[kind]
        values = self._values(fiscal_year, kind, office, round_months)
        if kind != MemoKind.PUBLISH and values["measure_count"] == 0:
            plan_year = fiscal_year + 1 if kind == MemoKind.ANALYSIS else fiscal_year
            raise ValidationError(
                f"ยังไม่มีมาตรการของปีงบประมาณ {plan_year} บันทึกข้อความจึงจะเขียนว่า"
                " “จำนวน ๐ มาตรการ” — เพิ่มมาตรการที่หน้า “มาตรการ” ก่อน แล้วจึงพิมพ์บันทึกข้อความ"
            )

        def fill(text: str) -> str:
            filled = text.format(**values)
            return to_thai_digits(filled) if thai else filled

        values["previous_clause"] = (
            template["previous_clause"].format(**values) if values.get("previous_total") else ""
        )
        if kind == MemoKind.RESULTS:
            values["score_clause"] = (
                template["score_clause"].format(**values) + values["previous_clause"]
                if values.get("total")
                else ""
            )
        subject = settings.subject or fill(template["subject"])
        paragraphs = settings.paragraphs or tuple(fill(p) for p in template["paragraphs"])
        if not office.people:
            raise ValidationError("ยังไม่มีผู้ลงนาม — เพิ่มรายชื่อที่หน้า “ข้อมูลหน่วยงาน” ก่อนพิมพ์บันทึกข้อความ")
        signer = self.signer(fiscal_year, kind)
        comments = []
        for step in self.printed_chain(fiscal_year, kind):
            person = people.get(step.person_id) if step.person_id is not None else None
            signature = signature_of(person) if person else Signature("", ())
            comments.append(
                CommentBlock(heading=step.heading, signature=signature, comment=step.comment)
            )
        prefix = office.doc_prefix.strip()
        running = settings.running_number.strip() or "-"
        number = f"{prefix}/{running}" if prefix else running
        section = self.section()
        full_name = office.full_name or office.name
        return MemoDocument(
            kind=kind,
            office_section=f"{section} {full_name}",
            phone=to_thai_digits(office.phone) if thai else office.phone,
            number=to_thai_digits(number) if thai else number,
            date=settings.memo_date,
            subject=subject,
            salutation=settings.salutation or chief_title(office),
            paragraphs=tuple(paragraphs),
            # No author and none chosen: a dotted name to fill in (the pre-print check says so).
            signer=signature_of(signer) if signer is not None else Signature("", ()),
            comments=tuple(comments),
            attachments=tuple(template["attachments"]),
            thai_digits=thai,
            emblem_path=document.emblem_path,
        )

    def _values(
        self, fiscal_year: int, kind: str, office: OfficeProfile, round_months: int
    ) -> dict[str, Any]:
        from itadesk.domain import scoring

        full_name = office.full_name or office.name
        values: dict[str, Any] = {
            "office": full_name,
            "section": self.section(),
            "fiscal_year": fiscal_year,
            "next_year": fiscal_year + 1,
            "previous_year": fiscal_year - 1,
            "total": "",
            "rating": "",
            "previous_total": "",
            "previous_rating": "",
            "round_label": "",
        }
        plan_year = fiscal_year + 1 if kind == MemoKind.ANALYSIS else fiscal_year
        values["measure_count"] = len(self._repos.measures.measures(plan_year))
        if kind == MemoKind.RESULTS:
            period = reporting_round(fiscal_year, round_months)
            values["round_label"] = period.label_th
            # A saved round reports the measures it froze, even if they changed since.
            snapshot = self._repos.tracking.latest_snapshot(fiscal_year, round_months)
            if snapshot is not None:
                with contextlib.suppress(ValueError):
                    frozen = snapshot_from_content(snapshot.content)
                    values["measure_count"] = len(frozen.measures)
        for year, prefix in ((fiscal_year, ""), (fiscal_year - 1, "previous_")):
            scores = self._repos.scores.indicator_scores(year)
            if not scores or not self._frameworks.catalog.has(year):
                continue
            result = scoring.score(self._frameworks.get(year), scores)
            if result.total is not None and result.rating is not None:
                values[f"{prefix}total"] = fmt(result.total)
                values[f"{prefix}rating"] = result.rating.label
        return values

    def with_defaults(self, settings: MemoSettings) -> MemoSettings:
        """Settings with today's date filled in when the clerk has not chosen one."""
        return settings if settings.memo_date else replace(settings, memo_date=date.today())
