"""The start page: the year's road for the cycle picked in the toolbar (``services.road``),
where the office stands at a glance — this year's total beside last year's, the score history,
the measures' progress, what is due soon — and the OIT collection window the deadlines hang on.
Each step's button asks the window (``go_to``) to open the page where that step is done."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from itadesk.domain.fiscal import (
    AssessmentCycle,
    fiscal_year_of,
    format_thai_date,
    parse_thai_date,
)
from itadesk.domain.road import RoadStep, StepKey, StepState, YearRoad
from itadesk.domain.tracking_rules import Severity
from itadesk.services import Services
from itadesk.services.road import Glance
from itadesk.ui.pages.base import Page
from itadesk.ui.pages.start_widgets import MeasureBars, RoadStepRow, ScoreHistoryChart
from itadesk.ui.styles import ERROR_COLOUR, INFO_COLOUR, WARNING_COLOUR, Role, set_role
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
    purpose_th = "ปีนี้ทำอะไรไปแล้ว อะไรต้องทำต่อ และต้องเสร็จเมื่อไร"
    follows_cycle = True
    go_to = Signal(object)  # the RoadStep whose button was pressed

    def __init__(
        self,
        services: Services,
        undo_stack: QUndoStack,
        parent: QWidget,
        today: date | None = None,
    ) -> None:
        super().__init__(services, undo_stack, parent, "start_page")
        self._today = today
        self.road: YearRoad | None = None
        for name in ("road_caption", "glance_caption", "measures_caption", "reminders_caption"):
            set_role(child(self.widget, QLabel, name), Role.SECTION_TITLE)
        self.result_label = child(self.widget, QLabel, "result_label")
        self.reminders_list = child(self.widget, QListWidget, "reminders_list")
        self.oit_start_edit = child(self.widget, QLineEdit, "oit_start_edit")
        self.oit_end_edit = child(self.widget, QLineEdit, "oit_end_edit")
        self.oit_note_label = child(self.widget, QLabel, "oit_note_label")
        set_role(self.oit_note_label, Role.MUTED)
        child(self.widget, QPushButton, "oit_save_button").clicked.connect(self.save_oit_window)

        road_box = child(self.widget, QWidget, "road_box")
        road_layout = QVBoxLayout(road_box)
        road_layout.setContentsMargins(0, 0, 0, 0)
        road_layout.setSpacing(0)
        self.step_rows: dict[StepKey, RoadStepRow] = {}
        for number, key in enumerate(StepKey, start=1):
            row = RoadStepRow(number, key, road_box)
            row.go.connect(self._on_step_button)
            road_layout.addWidget(row)
            self.step_rows[key] = row

        chart_box = child(self.widget, QWidget, "chart_box")
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        self.chart = ScoreHistoryChart(chart_box)
        chart_layout.addWidget(self.chart)
        measures_box = child(self.widget, QWidget, "measures_box")
        measures_layout = QVBoxLayout(measures_box)
        measures_layout.setContentsMargins(0, 0, 0, 0)
        self.measure_bars = MeasureBars(measures_box)
        measures_layout.addWidget(self.measure_bars)
        self.measures_hint = QLabel(measures_box)
        self.measures_hint.setWordWrap(True)
        set_role(self.measures_hint, Role.MUTED)
        measures_layout.addWidget(self.measures_hint)
        self.refresh()

    @property
    def today(self) -> date:
        return self._today or date.today()

    @property
    def shown_cycle(self) -> AssessmentCycle:
        """The cycle picked in the toolbar; before the window hands one, today's."""
        return self.cycle or AssessmentCycle.of_plan_year(fiscal_year_of(self.today))

    @property
    def plan_year(self) -> int:
        return self.shown_cycle.plan_year

    def refresh(self) -> None:
        cycle = self.shown_cycle
        office = self._services.office.profile()
        self.title_label.setText(office.full_name or office.name or "หน่วยงาน (ยังไม่ได้กรอกชื่อ)")
        self.show_header(cycle)
        self.road = self._services.road.road(cycle, self.today)
        current = self.road.current
        for step in self.road.steps:
            self.step_rows[step.key].show_step(step, current is not None and step is current)
        self._show_glance(self._services.road.glance(cycle), cycle)
        self._show_reminders(cycle.plan_year)
        start, end = self._services.tracking.oit_window(cycle.plan_year)
        self.oit_start_edit.setText(format_thai_date(start, "abbr_full_year"))
        self.oit_end_edit.setText(format_thai_date(end, "abbr_full_year"))
        estimate = self._services.tracking.oit_window_is_estimate(cycle.plan_year)
        self.oit_note_label.setText(
            f"ปี {cycle.plan_year}: "
            + ("ประมาณการ — แก้ให้ตรงกับประกาศของ ป.ป.ช." if estimate else "ตามที่หน่วยงานบันทึกไว้")
            + " การวิเคราะห์และมาตรการต้องเผยแพร่ก่อนวันเริ่ม"
        )

    def _show_glance(self, glance: Glance, cycle: AssessmentCycle) -> None:
        this, last = glance.this_year, glance.last_year
        if this is None or this.total is None:
            text = f"ยังไม่มีคะแนนรวมของปี {cycle.assessed_year} — กรอกคะแนนที่หน้า “คะแนน ITA”"
        else:
            text = f"ปี {this.fiscal_year} ได้ {this.total} คะแนน ระดับ {this.rating_th}"
        if last is not None and last.total is not None:
            change = ""
            if this is not None and this.total is not None:
                difference = this.total - last.total
                change = f" ({'+' if difference >= 0 else ''}{difference})"
            text += f"\nปีก่อน ({last.fiscal_year}) ได้ {last.total} ระดับ {last.rating_th}{change}"
        self.result_label.setText(text)
        target = 85.0
        if self._services.frameworks.catalog.has(cycle.assessed_year):
            target = float(self._services.frameworks.get(cycle.assessed_year).target)
        self.chart.show_history(glance.history, cycle.assessed_year, target)
        self.measure_bars.show_bars(glance.measures)
        self.measures_hint.setVisible(not glance.measures)
        self.measures_hint.setText(
            f"ยังไม่มีมาตรการของปี {cycle.plan_year} — กด “ไปที่หน้ามาตรการ” ในขั้นที่ 4"
        )

    def _show_reminders(self, year: int) -> None:
        tracking = self._services.tracking
        reminders = list(tracking.reminders(self.today, year))
        # In October the previous year's 12-month report is still being written.
        reminders += [r for r in tracking.reminders(self.today, year - 1) if r.kind == "round"]
        measure_count = len(self._services.measures.measures(year))
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

    def _on_step_button(self, step: RoadStep | None) -> None:
        if step is not None:
            self.go_to.emit(step)

    def step_state(self, key: StepKey) -> StepState:
        assert self.road is not None
        return self.road.step(key).state

    def save_oit_window(self) -> None:
        year = self.plan_year
        try:
            window = (
                parse_thai_date(self.oit_start_edit.text()),
                parse_thai_date(self.oit_end_edit.text()),
            )
        except ValueError:
            self.show_error(
                f"ช่วงเก็บข้อมูล OIT: พิมพ์วันที่เช่น 1 มี.ค. {year} ถึง 30 เม.ย. {year} (ยังไม่ได้บันทึก)"
            )
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
