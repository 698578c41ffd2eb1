"""The memo (บันทึกข้อความ) to the chief executive: settings the clerk keeps per year and kind,
the comment chain of the office, and the drafted text built from the year's data."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from functools import cache
from typing import Any

from itadesk.domain.documents import DocumentSettings
from itadesk.domain.fiscal import reporting_round
from itadesk.domain.memo import (
    MEMO_ANALYSIS,
    MEMO_KINDS,
    MEMO_PUBLISH,
    MEMO_RESULTS,
    CommentBlock,
    CommentStep,
    MemoDocument,
    MemoSettings,
    Signature,
)
from itadesk.domain.office import OfficeProfile, Person
from itadesk.domain.scoring import fmt
from itadesk.domain.thai_text import to_thai_digits
from itadesk.errors import FrameworkError, ValidationError
from itadesk.paths import resource_path
from itadesk.services.frameworks import FrameworkService
from itadesk.services.settings import SettingsService
from itadesk.storage.database import Store
from itadesk.storage.repository import Repository

SECTION_SETTING = "memo_section"


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
        repository: Repository,
        frameworks: FrameworkService,
        settings: SettingsService,
    ) -> None:
        self._store = store
        self._repository = repository
        self._frameworks = frameworks
        self._settings = settings

    # ------------------------------------------------------------------ settings

    def section(self) -> str:
        """ส่วนราชการ that writes the memo (a unit of the office), default the first unit."""
        saved = self._repository.get_setting(SECTION_SETTING)
        if saved:
            return str(saved)
        units = self._repository.get_office().units
        return units[0].name if units else "สำนักปลัด"

    def set_section(self, name: str) -> None:
        if not name.strip():
            raise ValidationError("ส่วนราชการ: ต้องระบุชื่อสำนักหรือกองที่ทำบันทึก")
        with self._store.transaction():
            self._repository.set_setting(SECTION_SETTING, name.strip())

    def settings(self, fiscal_year: int, kind: str) -> MemoSettings:
        return self._repository.memo_settings(fiscal_year, kind)

    def save_settings(self, settings: MemoSettings) -> MemoSettings:
        if settings.kind not in MEMO_KINDS:
            raise ValidationError(f"ชนิดบันทึกข้อความ “{settings.kind}” ไม่รู้จัก")
        if len(settings.running_number) > 20:
            raise ValidationError("เลขที่หนังสือ: ยาวเกิน 20 ตัวอักษร — ใส่เฉพาะเลขทะเบียนหนังสือส่ง")
        with self._store.transaction():
            self._repository.save_memo_settings(settings)
        return self._repository.memo_settings(settings.fiscal_year, settings.kind)

    def comment_chain(self) -> list[CommentStep]:
        saved = self._repository.comment_chain()
        if saved:
            return saved
        return self.default_comment_chain()

    def default_comment_chain(self) -> list[CommentStep]:
        """Everyone after the first person (who usually writes the memo), in profile order."""
        people = self._repository.get_office().people
        return [
            CommentStep(heading=f"ความเห็นของ{person.position}", person_id=person.id)
            for person in people[1:]
        ]

    def save_comment_chain(self, steps: list[CommentStep]) -> list[CommentStep]:
        known = {person.id for person in self._repository.get_office().people}
        for number, step in enumerate(steps, start=1):
            if not step.heading.strip():
                raise ValidationError(f"ลำดับความเห็นที่ {number}: ต้องมีหัวข้อ เช่น “ความเห็นของปลัด”")
            if step.person_id is not None and step.person_id not in known:
                raise ValidationError(f"ลำดับความเห็นที่ {number}: ไม่พบบุคคลที่เลือกในข้อมูลหน่วยงาน")
        with self._store.transaction():
            self._repository.save_comment_chain(steps)
        return self._repository.comment_chain()

    # ------------------------------------------------------------------ the memo

    def build(
        self,
        fiscal_year: int,
        kind: str = MEMO_ANALYSIS,
        *,
        round_months: int = 12,
        document_settings: DocumentSettings | None = None,
    ) -> MemoDocument:
        """The memo for ``fiscal_year`` (the assessed year for the analysis memo; the year
        of the measures for the results memo), in the digit style and with the emblem of
        ``document_settings`` (the office's saved ones when not given)."""
        if kind not in MEMO_KINDS:
            raise ValidationError(f"ชนิดบันทึกข้อความ “{kind}” ไม่รู้จัก")
        office = self._repository.get_office()
        if not office.name:
            raise ValidationError("ยังไม่ได้กรอกชื่อหน่วยงาน — กรอกที่หน้า “ข้อมูลหน่วยงาน” ก่อนพิมพ์")
        people = {person.id: person for person in office.people}
        settings = self._repository.memo_settings(fiscal_year, kind)
        document = document_settings or self._settings.document_settings()
        thai = document.thai_digits
        template = memo_templates()[kind]
        values = self._values(fiscal_year, kind, office, round_months)
        if kind != MEMO_PUBLISH and values["measure_count"] == 0:
            plan_year = fiscal_year + 1 if kind == MEMO_ANALYSIS else fiscal_year
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
        if kind == MEMO_RESULTS:
            values["score_clause"] = (
                template["score_clause"].format(**values) + values["previous_clause"]
                if values.get("total")
                else ""
            )
        subject = settings.subject or fill(template["subject"])
        paragraphs = settings.paragraphs or tuple(fill(p) for p in template["paragraphs"])
        signer = people.get(settings.signer_person_id) if settings.signer_person_id else None
        if signer is None:
            if not office.people:
                raise ValidationError("ยังไม่มีผู้ลงนาม — เพิ่มรายชื่อที่หน้า “ข้อมูลหน่วยงาน” ก่อนพิมพ์บันทึกข้อความ")
            signer = office.people[0]
        comments = []
        for step in self.comment_chain():
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
            signer=signature_of(signer),
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
        plan_year = fiscal_year + 1 if kind == MEMO_ANALYSIS else fiscal_year
        values["measure_count"] = len(self._repository.measures(plan_year))
        if kind == MEMO_RESULTS:
            period = reporting_round(fiscal_year, round_months)
            values["round_label"] = period.label_th
        for year, prefix in ((fiscal_year, ""), (fiscal_year - 1, "previous_")):
            scores = self._repository.indicator_scores(year)
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
