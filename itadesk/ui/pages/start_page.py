"""The start page: what is due — a reporting round closing, overdue steps, steps due soon,
the OIT collection window — worked out from the office's own data, with no network."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QBrush, QColor, QUndoStack
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QWidget

from itadesk.domain.fiscal import fiscal_year_of, format_thai_date, parse_thai_date
from itadesk.domain.tracking_rules import Severity
from itadesk.errors import UserError
from itadesk.services import Services
from itadesk.ui.pages.base import Page
from itadesk.ui.styles import ERROR_COLOUR, INFO_COLOUR, WARNING_COLOUR
from itadesk.ui.uiloader import child
from itadesk.ui.undo import ValueCommand

SEVERITY_COLOURS = {
    Severity.URGENT: ERROR_COLOUR,
    Severity.WARNING: WARNING_COLOUR,
    Severity.INFO: INFO_COLOUR,
}
# Marks the bundled font has (it lacks ● ○ and emoji), so they show on every PC.
SEVERITY_MARKS = {Severity.URGENT: "▲", Severity.WARNING: "▲", Severity.INFO: "•"}


class StartPage(Page):
    title = "หน้าแรก"

    def __init__(
        self,
        services: Services,
        undo_stack: QUndoStack,
        parent: QWidget,
        today: date | None = None,
    ) -> None:
        super().__init__(services, undo_stack, parent, "start_page")
        self._today = today
        self.today_label = child(self.widget, QLabel, "today_label")
        self.reminders_list = child(self.widget, QListWidget, "reminders_list")
        self.oit_start_edit = child(self.widget, QLineEdit, "oit_start_edit")
        self.oit_end_edit = child(self.widget, QLineEdit, "oit_end_edit")
        self.oit_note_label = child(self.widget, QLabel, "oit_note_label")
        child(self.widget, QPushButton, "oit_save_button").clicked.connect(self.save_oit_window)
        self.refresh()

    @property
    def today(self) -> date:
        return self._today or date.today()

    @property
    def plan_year(self) -> int:
        return fiscal_year_of(self.today)

    def refresh(self) -> None:
        office = self._services.office.profile()
        year = self.plan_year
        name = office.full_name or office.name or "หน่วยงาน (ยังไม่ได้กรอกชื่อ)"
        self.title_label.setText(name)
        measure_count = len(self._services.measures.measures(year))
        lines = [
            f"วันนี้ {format_thai_date(self.today, 'full')} — ปีงบประมาณ {year} "
            f"(มาตรการของปีนี้ {measure_count} มาตรการ)"
        ]
        scored = self._services.scores.scored_years()
        if scored:
            latest = max(scored)
            try:
                result = self._services.scores.summary(latest).result
            except UserError:
                result = None
            if result is not None and result.total is not None and result.rating is not None:
                lines.append(
                    f"ผลการประเมิน ITA ล่าสุดที่บันทึกไว้: ปี {latest} ได้ {result.total} คะแนน "
                    f"ระดับ {result.rating.label}"
                )
        self.today_label.setText("\n".join(lines))
        reminders = list(self._services.tracking.reminders(self.today, year))
        # In October the previous year's 12-month report is still being written.
        reminders += [
            r for r in self._services.tracking.reminders(self.today, year - 1) if r.kind == "round"
        ]
        self.reminders_list.clear()
        if not measure_count:
            item = QListWidgetItem(
                f"{SEVERITY_MARKS[Severity.WARNING]} ยังไม่ได้กำหนดมาตรการของปีงบประมาณ {year}\n"
                f"    วิเคราะห์ผลการประเมินปี {year - 1} แล้วเพิ่มมาตรการที่หน้า “มาตรการ”"
            )
            item.setForeground(QBrush(QColor(SEVERITY_COLOURS[Severity.WARNING])))
            self.reminders_list.addItem(item)
        if not reminders and measure_count:
            self.reminders_list.addItem("ไม่มีงานที่ถึงกำหนดใน 30 วันข้างหน้า")
        for reminder in reminders:
            due = f" (กำหนด {format_thai_date(reminder.due, 'full')})" if reminder.due else ""
            item = QListWidgetItem(
                f"{SEVERITY_MARKS.get(reminder.severity, '•')} {reminder.title_th}{due}\n"
                f"    {reminder.detail_th}"
            )
            item.setForeground(QBrush(QColor(SEVERITY_COLOURS.get(reminder.severity, "#000"))))
            self.reminders_list.addItem(item)
        start, end = self._services.tracking.oit_window(year)
        self.oit_start_edit.setText(format_thai_date(start, "abbr_full_year"))
        self.oit_end_edit.setText(format_thai_date(end, "abbr_full_year"))
        self.oit_note_label.setText(
            "(ประมาณการจากปฏิทินปี 2565 — แก้ให้ตรงกับประกาศของ ป.ป.ช. ปีนี้)"
            if self._services.tracking.oit_window_is_estimate(year)
            else "(ตามที่หน่วยงานบันทึกไว้)"
        )

    def save_oit_window(self) -> None:
        year = self.plan_year
        try:
            window = (
                parse_thai_date(self.oit_start_edit.text()),
                parse_thai_date(self.oit_end_edit.text()),
            )
        except ValueError:
            self.show_error("ช่วงเก็บข้อมูล OIT: พิมพ์วันที่เช่น 1 มี.ค. 2569 ถึง 30 เม.ย. 2569 (ยังไม่ได้บันทึก)")
            return
        if window[0] > window[1]:
            self.show_error("ช่วงเก็บข้อมูล OIT: วันเริ่มต้องไม่หลังวันสิ้นสุด (ยังไม่ได้บันทึก)")
            return
        old = (
            None
            if self._services.tracking.oit_window_is_estimate(year)
            else (self._services.tracking.oit_window(year))
        )
        self.clear_error()
        self.push(
            ValueCommand(
                lambda value: self._services.tracking.set_oit_window(year, value),  # type: ignore[arg-type]
                window,
                old,
                self.refresh,
                "แก้ช่วงเก็บข้อมูล OIT",
            )
        )
