"""Tracking the year's measures: ticking steps and expected outputs, evidence files and
links, outputs and outcomes, progress, round snapshots and reminders."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from itadesk.domain import tracking_rules
from itadesk.domain.fiscal import ReportingRound, format_thai_date
from itadesk.domain.measures import Measure
from itadesk.domain.tracking import (
    EVIDENCE_FILE,
    EVIDENCE_LINK,
    ROUND_MONTHS,
    CheckItem,
    Evidence,
    MeasureResult,
    RoundSnapshot,
    TrackingState,
)
from itadesk.domain.validation import (
    FILE_NAME_MAX,
    LINE_MAX,
    LONG_TEXT_MAX,
    NOTE_MAX,
    TITLE_MAX,
    check_fiscal_year,
    clean_fields,
    clean_text,
    strip_bidi,
)
from itadesk.errors import UserError, ValidationError, echo
from itadesk.fileio import copy_atomically, generated_file_name, os_error_th
from itadesk.paths import attachments_dir
from itadesk.services.frameworks import FrameworkService
from itadesk.services.measures import MeasureService
from itadesk.storage.database import Store
from itadesk.storage.repositories import Repositories

LARGE_FILE_BYTES = 50 * 1024 * 1024
MAX_RESULT_CHARACTERS = LONG_TEXT_MAX
PROGRESS_FIELDS = {"note": ("หมายเหตุ", NOTE_MAX), "reason": ("เหตุผลที่ทำไม่ได้", LINE_MAX)}
RESULT_FIELDS = {
    "outputs": ("ผลการดำเนินการ", MAX_RESULT_CHARACTERS),
    "outcomes": ("ผลลัพธ์", MAX_RESULT_CHARACTERS),
}
URL_PATTERN = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
OIT_WINDOW_SETTING = "oit_window_{year}"


def saved_round_text_th(snapshot: RoundSnapshot) -> str:
    """That the round already has a saved report, and what saving again does (Thai)."""
    taken = format_thai_date(snapshot.taken_at, "numeric")
    return (
        f"รายงานรอบ {snapshot.months} เดือน ปีงบประมาณ {snapshot.plan_year} "
        f"บันทึกไว้แล้วเมื่อ {taken} — บันทึกใหม่จะเก็บฉบับเดิมไว้ในประวัติ"
    )


class SnapshotExistsError(UserError):
    """The round already has a saved report; replacing it needs the clerk's consent."""

    def __init__(self, snapshot: RoundSnapshot) -> None:
        super().__init__(saved_round_text_th(snapshot))
        self.snapshot = snapshot


@dataclass(frozen=True)
class EvidenceCheck:
    """What the clerk should know before a file is attached."""

    size: int
    warnings_th: tuple[str, ...]


def evidence_label(name: str) -> str:
    """The clerk's own file name as the evidence's label: bidirectional and control
    characters removed (``…\u202efdp.pdf`` must not show as "pdf.…"), at most 255
    characters with the extension kept."""
    label = re.sub(r"[\x00-\x1f\x7f]", "", strip_bidi(name)).strip() or "หลักฐาน"
    if len(label) <= FILE_NAME_MAX:
        return label
    suffix = Path(label).suffix[:20]
    return label[: FILE_NAME_MAX - len(suffix) - 1] + "…" + suffix


class TrackingService:
    def __init__(
        self,
        store: Store,
        repos: Repositories,
        frameworks: FrameworkService,
        measures: MeasureService,
    ) -> None:
        self._store = store
        self._repos = repos
        self._frameworks = frameworks
        self._measures = measures

    # ------------------------------------------------------------------ reading

    @property
    def attachments_folder(self) -> Path:
        return attachments_dir(self._store.path)

    def measures(self, plan_year: int) -> list[Measure]:
        return self._measures.measures(plan_year)

    def items(self, plan_year: int) -> dict[int, list[CheckItem]]:
        return self._repos.tracking.check_items_for_year(plan_year)

    def item(self, item_id: int, plan_year: int) -> CheckItem:
        for items in self.items(plan_year).values():
            for item in items:
                if item.id == item_id:
                    return item
        raise ValidationError("ไม่พบรายการที่เลือก (อาจถูกลบไปแล้ว)")

    def result(self, measure_id: int) -> MeasureResult:
        return self._repos.tracking.measure_result(measure_id)

    def results(self, plan_year: int) -> dict[int, MeasureResult]:
        return self._repos.tracking.measure_results(plan_year)

    def evidence_path(self, evidence: Evidence) -> Path:
        if evidence.kind != EVIDENCE_FILE:
            raise ValidationError("หลักฐานนี้เป็นลิงก์ ไม่ใช่ไฟล์")
        path = (self.attachments_folder / evidence.value).resolve()
        if self.attachments_folder.resolve() not in path.parents:
            raise ValidationError("ที่อยู่ไฟล์หลักฐานไม่ถูกต้อง")
        if not path.is_file():
            raise ValidationError(
                f"ไม่พบไฟล์หลักฐาน {evidence.label or evidence.value} ในโฟลเดอร์ "
                f"{self.attachments_folder} — อาจถูกย้ายหรือลบ ลองกู้จากข้อมูลสำรอง"
            )
        return path

    # ------------------------------------------------------------------ progress

    def set_progress(self, item: CheckItem, plan_year: int, today: date | None = None) -> None:
        """Save an item's state, date done, note and reason after checking them."""
        item_id = item.id
        if item_id is None:
            raise ValueError("item must be saved")
        check_fiscal_year(plan_year)
        item = clean_fields(item, PROGRESS_FIELDS)
        problems = tracking_rules.validate_progress(item, plan_year, today or date.today())
        if problems:
            raise ValidationError("\n".join(problems))
        with self._store.transaction():
            self._repos.tracking.set_item_progress(
                item_id, item.state, item.done_date, item.note, item.reason
            )

    def restore_progress(self, item: CheckItem) -> None:
        """Put back an item's progress exactly as it was (undo); not validated again."""
        assert item.id is not None
        with self._store.transaction():
            self._repos.tracking.set_item_progress(
                item.id, item.state, item.done_date, item.note, item.reason
            )

    def ticked(
        self,
        item: CheckItem,
        done: bool,
        plan_year: int,
        today: date | None = None,
        *,
        done_on: date | None = None,
    ) -> CheckItem:
        """The item as the clerk's tick makes it: done on ``done_on`` (the date the clerk gave),
        else on the date it already has, else today moved into the fiscal year
        (``tracking_rules.default_done_date``); or back to not started. Not validated here:
        ``set_progress`` checks the date."""
        if not done:
            return replace(item, state=TrackingState.NOT_STARTED, done_date=None, reason="")
        when = done_on or item.done_date
        if when is None:
            when = tracking_rules.default_done_date(plan_year, today or date.today())
        return replace(item, state=TrackingState.DONE, done_date=when, reason="")

    def saved_rounds(self, plan_year: int) -> frozenset[int]:
        """The round lengths (6, 12) of ``plan_year`` that have a saved report."""
        return frozenset(
            months
            for months in ROUND_MONTHS
            if self._repos.tracking.latest_snapshot(plan_year, months) is not None
        )

    def round_missed_by_tick(self, plan_year: int, today: date) -> ReportingRound | None:
        """The closed round a tick on ``today`` must ask the real date for, or None when
        today's date can be recorded (``tracking_rules.round_missed_by_tick``)."""
        return tracking_rules.round_missed_by_tick(plan_year, today, self.saved_rounds(plan_year))

    def save_result(self, result: MeasureResult) -> None:
        result = clean_fields(result, RESULT_FIELDS)
        with self._store.transaction():
            self._repos.tracking.save_measure_result(result)

    # ------------------------------------------------------------------ evidence

    def check_evidence_file(self, source: Path) -> EvidenceCheck:
        if not source.is_file():
            raise ValidationError(f"ไม่พบไฟล์ {echo(source)} — อาจถูกย้ายหรือลบไปแล้ว")
        if self._is_office_file(source):
            # Opening the live database (or its -wal/-shm/.lock) with plain file I/O would
            # drop SQLite's POSIX locks of this process (storage/lock.py) — and a copy of a
            # database in use is no evidence anyway.
            raise ValidationError(
                f"ไฟล์ {echo(source.name)} คือไฟล์ฐานข้อมูลของโปรแกรมเอง แนบเป็นหลักฐานไม่ได้"
                " — เลือกไฟล์เอกสาร รูปภาพ หรือไฟล์ PDF ของงานนั้น"
            )
        try:
            size = source.stat().st_size
            with source.open("rb") as handle:
                handle.read(1)
        except OSError as error:
            raise ValidationError(
                f"เปิดไฟล์ {echo(source.name)} ไม่ได้ ({os_error_th(error)}) — "
                "ไฟล์อาจเปิดอยู่ในโปรแกรมอื่น ปิดโปรแกรมนั้นแล้วลองใหม่"
            ) from None
        warnings = []
        if size > LARGE_FILE_BYTES:
            warnings.append(
                f"ไฟล์ {echo(source.name)} มีขนาด {size / 1024 / 1024:.0f} MB ใหญ่กว่า 50 MB "
                "จะทำให้ไฟล์สำรองข้อมูลใหญ่ตามไปด้วย — ถ้าเป็นไปได้ให้ย่อไฟล์หรือแนบเป็นลิงก์"
            )
        return EvidenceCheck(size, tuple(warnings))

    def _is_office_file(self, source: Path) -> bool:
        database = self._store.path
        suffixes = ("", "-wal", "-shm", "-journal", ".lock", ".wal-id")
        names = {database.name + suffix for suffix in suffixes}
        try:
            same_folder = source.resolve().parent == database.resolve().parent
        except OSError:
            return False
        return same_folder and source.name in names

    def add_evidence_file(self, item: CheckItem, source: Path, plan_year: int) -> Evidence:
        """Copy the file into the attachments folder (never moved: the clerk's original stays)
        and record it.

        The copy is stored under a generated name (``<16 hex digits>.<extension>``,
        :func:`itadesk.fileio.generated_file_name`) and the clerk's own file name is kept as
        the evidence's label: whatever the clerk's file is called (``CON.pdf``, 254
        characters, a right-to-left override), the stored name works on every platform and
        can never stop a backup. Written atomically; on any failure a Thai message and
        nothing half-copied."""
        check = self.check_evidence_file(source)
        check_fiscal_year(plan_year)
        assert item.id is not None
        folder = self.attachments_folder / str(plan_year) / str(item.measure_id)
        target = folder / generated_file_name(source.name)
        while target.exists():  # 64 random bits: practically never
            target = folder / generated_file_name(source.name)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            copy_atomically(source, target)
        except OSError as error:
            raise ValidationError(
                f"คัดลอกไฟล์ {echo(source.name)} ไม่ได้ ({os_error_th(error)}) — "
                f"ตรวจว่าโฟลเดอร์ {folder} เขียนได้และดิสก์ไม่เต็ม"
            ) from None
        relative = target.relative_to(self.attachments_folder).as_posix()
        evidence = Evidence(
            kind=EVIDENCE_FILE,
            value=relative,
            label=evidence_label(source.name),
            size=check.size,
        )
        with self._store.transaction():
            return self._repos.tracking.add_evidence(item.id, evidence)

    def add_evidence_link(self, item: CheckItem, url: str, label: str = "") -> Evidence:
        url = clean_text(url, "ลิงก์หลักฐาน", LINE_MAX).strip()
        label = clean_text(label, "ชื่อลิงก์หลักฐาน", TITLE_MAX)
        if not URL_PATTERN.match(url):
            raise ValidationError(
                f"ลิงก์หลักฐาน: “{echo(url)}” ไม่ใช่ที่อยู่เว็บ — ต้องขึ้นต้นด้วย http://, https:// หรือ www."
            )
        assert item.id is not None
        with self._store.transaction():
            return self._repos.tracking.add_evidence(
                item.id, Evidence(kind=EVIDENCE_LINK, value=url, label=label.strip() or url)
            )

    def remove_evidence(self, evidence_id: int) -> None:
        """Hide the evidence; its file stays in the attachments folder (undo brings it back)."""
        with self._store.transaction():
            self._repos.tracking.remove_evidence(evidence_id)

    def restore_evidence(self, evidence_id: int) -> None:
        with self._store.transaction():
            self._repos.tracking.restore_evidence(evidence_id)

    # ------------------------------------------------------------------ rounds

    def take_snapshot(
        self,
        plan_year: int,
        months: int,
        *,
        today: date | None = None,
        replace_existing: bool = False,
    ) -> RoundSnapshot:
        if months not in ROUND_MONTHS:
            raise ValidationError("รอบรายงานต้องเป็น 6 หรือ 12 เดือน")
        existing = self._repos.tracking.latest_snapshot(plan_year, months)
        if existing is not None and not replace_existing:
            raise SnapshotExistsError(existing)
        measures = self.measures(plan_year)
        content = tracking_rules.snapshot_content(
            plan_year,
            months,
            measures,
            self.items(plan_year),
            self.results(plan_year),
            today or date.today(),
        )
        with self._store.transaction():
            return self._repos.tracking.add_snapshot(plan_year, months, content)

    def late_items(self, plan_year: int, months: int) -> list[tracking_rules.LateItem]:
        """Items marked done after the round's last day: saving the round counts them as not
        done, so the clerk is shown them first (``tracking_rules.late_items``)."""
        if months not in ROUND_MONTHS:
            raise ValidationError("รอบรายงานต้องเป็น 6 หรือ 12 เดือน")
        return tracking_rules.late_items(
            plan_year, months, self.measures(plan_year), self.items(plan_year)
        )

    def snapshots(self, plan_year: int) -> list[RoundSnapshot]:
        """Every round saved for ``plan_year``, retakes included (history is never lost)."""
        return self._repos.tracking.snapshots(plan_year)

    def latest_snapshot(self, plan_year: int, months: int) -> RoundSnapshot | None:
        return self._repos.tracking.latest_snapshot(plan_year, months)

    def round_report(self, plan_year: int, months: int, *, today: date | None = None):
        """The round's report: from its saved snapshot if there is one, else from live data."""
        snapshot = self._repos.tracking.latest_snapshot(plan_year, months)
        if snapshot is not None:
            return tracking_rules.snapshot_from_content(snapshot.content), snapshot
        report = tracking_rules.round_report(
            plan_year,
            months,
            self.measures(plan_year),
            self.items(plan_year),
            self.results(plan_year),
            today or date.today(),
        )
        return report, None

    # ------------------------------------------------------------------ reminders

    def oit_window(self, plan_year: int) -> tuple[date, date]:
        saved = self._repos.settings.get_setting(OIT_WINDOW_SETTING.format(year=plan_year))
        if saved:
            return date.fromisoformat(saved[0]), date.fromisoformat(saved[1])
        return tracking_rules.default_oit_window(plan_year)

    def oit_window_is_estimate(self, plan_year: int) -> bool:
        return not self._repos.settings.get_setting(OIT_WINDOW_SETTING.format(year=plan_year))

    def set_oit_window(self, plan_year: int, window: tuple[date, date] | None) -> None:
        if window is not None and window[0] > window[1]:
            raise ValidationError("ช่วงเก็บข้อมูล OIT: วันเริ่มต้องไม่หลังวันสิ้นสุด")
        with self._store.transaction():
            self._repos.settings.set_setting(
                OIT_WINDOW_SETTING.format(year=plan_year),
                [window[0].isoformat(), window[1].isoformat()] if window else None,
            )

    def reminders(self, today: date, plan_year: int) -> list[tracking_rules.Reminder]:
        return tracking_rules.reminders(
            today,
            plan_year,
            self.measures(plan_year),
            self.items(plan_year),
            self.oit_window(plan_year),
        )
