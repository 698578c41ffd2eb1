"""Measures for the next fiscal year: picked from the catalogue or written from scratch, steps
edited and reordered by dragging, timeline in fiscal-year terms, responsible unit, follow-up.
Every change is one undo step and is saved at once.

One cohesive controller (a little over 600 lines): the list, the form and the step table
edit the same selected measure through one binder and one undo stack."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QWidget,
)

from itadesk.domain.fiscal import (
    AssessmentCycle,
    be_year,
    fiscal_year_bounds,
    format_month_year,
    format_thai_date,
    parse_month_year,
    parse_thai_date,
)
from itadesk.domain.measure_rules import validate_measure
from itadesk.domain.measures import Measure, Timeline, TimelineKind
from itadesk.domain.tracking import TrackingState
from itadesk.errors import UserError, ValidationError
from itadesk.services import Services
from itadesk.ui import dialogs
from itadesk.ui.geometry import fit_to_screen, remember_splitter
from itadesk.ui.pages.base import Page, reserve_lines
from itadesk.ui.styles import Role, set_role
from itadesk.ui.text_fit import set_full_text_tip
from itadesk.ui.uiloader import child, load_ui
from itadesk.ui.undo import (
    AddMeasuresCommand,
    DeleteMeasureCommand,
    MoveMeasureCommand,
    UpdateMeasureCommand,
)
from itadesk.ui.views import excel_cells, kept_scroll

ID_ROLE = Qt.ItemDataRole.UserRole + 1
TIMELINE_CHOICES = (
    (TimelineKind.WHOLE_YEAR, "ตลอดปีงบประมาณ"),
    (TimelineKind.QUARTERS, "ตามไตรมาส"),
    (TimelineKind.MONTHS, "ช่วงเดือน"),
    (TimelineKind.DATES, "ช่วงวันที่"),
)


class CatalogueDialog(QObject):
    """Pick one or more measures from the catalogue; those that serve an indicator under
    target come first and are marked."""

    def __init__(self, services: Services, gaps: list[int], parent: QWidget) -> None:
        super().__init__(parent)
        dialog = load_ui("catalogue_dialog", parent)
        assert isinstance(dialog, QDialog)
        self.dialog = dialog
        self.search_edit = child(self.dialog, QLineEdit, "search_edit")
        self.entries_list = child(self.dialog, QListWidget, "entries_list")
        self.detail_label = child(self.dialog, QLabel, "detail_label")
        buttons = child(self.dialog, QDialogButtonBox, "button_box")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("เพิ่มมาตรการที่เลือก")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(dialogs.CANCEL_TH)
        buttons.accepted.connect(self.dialog.accept)
        buttons.rejected.connect(self.dialog.reject)
        self._entries = {entry.key: entry for entry in services.measures.catalogue()}
        gap_set = set(gaps)
        ordered = sorted(
            self._entries.values(), key=lambda e: (not (set(e.indicators) & gap_set), e.title_th)
        )
        for entry in ordered:
            serves = sorted(set(entry.indicators) & gap_set)
            label = entry.title_th
            if serves:
                label = f"▲ {label} (ตอบตัวชี้วัดที่ {', '.join(map(str, serves))})"
            item = QListWidgetItem(label)
            item.setData(ID_ROLE, entry.key)
            self.entries_list.addItem(item)
        self.search_edit.textChanged.connect(self._filter)
        self.entries_list.currentItemChanged.connect(self._show_detail)
        # The detail beside the list opens at two fifths of the dialog (it used to open at
        # zero width, one word per line once dragged open a little).
        splitter = child(self.dialog, QSplitter, "splitter")
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([480, 320])
        remember_splitter(splitter, "catalogue_dialog/splitter")
        if self.entries_list.count():  # its detail shown, not chosen
            self.entries_list.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.entries_list.count()):
            item = self.entries_list.item(row)
            entry = self._entries[item.data(ID_ROLE)]
            haystack = " ".join((entry.title_th, *entry.steps_th)).lower()
            item.setHidden(bool(needle) and needle not in haystack)

    def _show_detail(self, item: QListWidgetItem | None) -> None:
        if item is None:
            self.detail_label.clear()
            return
        entry = self._entries[item.data(ID_ROLE)]
        steps = "\n".join(f"{number}) {step}" for number, step in enumerate(entry.steps_th, 1))
        self.detail_label.setText(
            f"{entry.title_th}\n\nตัวชี้วัด: {', '.join(map(str, entry.indicators))}\n"
            f"ผู้รับผิดชอบ: {entry.unit_kind}\n\nขั้นตอน\n{steps}"
        )

    def selected_keys(self) -> list[str]:
        return [item.data(ID_ROLE) for item in self.entries_list.selectedItems()]


class MeasuresPage(Page):
    title = "มาตรการ"
    purpose_th = "มาตรการของปีถัดไป ขั้นตอน ระยะเวลา และผู้รับผิดชอบ"
    follows_cycle = True

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget) -> None:
        super().__init__(services, undo_stack, parent, "measures_page")
        self._measures: list[Measure] = []
        self._shown_id: int | None = None  # the measure the detail form shows (and saves)
        self.coverage_label = child(self.widget, QLabel, "coverage_label")
        set_role(self.coverage_label, Role.WARNING)
        self.measures_list = child(self.widget, QListWidget, "measures_list")
        self.detail = child(self.widget, QWidget, "detail_widget")
        self.title_edit = child(self.widget, QLineEdit, "measure_title_edit")
        self.indicators_list = child(self.widget, QListWidget, "indicators_list")
        self.themes_list = child(self.widget, QListWidget, "themes_list")
        self.rationale_edit = child(self.widget, QPlainTextEdit, "rationale_edit")
        self.steps_list = child(self.widget, QListWidget, "steps_list")
        self.timeline_combo = child(self.widget, QComboBox, "timeline_kind_combo")
        self.first_quarter_spin = child(self.widget, QSpinBox, "first_quarter_spin")
        self.last_quarter_spin = child(self.widget, QSpinBox, "last_quarter_spin")
        self.start_edit = child(self.widget, QLineEdit, "start_edit")
        self.end_edit = child(self.widget, QLineEdit, "end_edit")
        self.unit_combo = child(self.widget, QComboBox, "unit_combo")
        self.follow_up_edit = child(self.widget, QPlainTextEdit, "follow_up_edit")
        self.reporting_edit = child(self.widget, QPlainTextEdit, "reporting_edit")
        for kind, label in TIMELINE_CHOICES:
            self.timeline_combo.addItem(label, kind)
        self.detail_scroll = child(self.widget, QScrollArea, "detail_scroll")
        splitter = child(self.widget, QSplitter, "splitter")
        # No measure yet: what goes here and the catalogue to pick from.
        self.empty_state = self.add_empty_state(splitter)
        self.empty_state.action_button.clicked.connect(
            lambda: child(self.widget, QPushButton, "add_catalogue_button").click()
        )
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 700])
        # The coverage line sits under the lists and keeps its line while empty: a tick that
        # closes a gap changes it without moving the checklist under the pointer.
        reserve_lines(self.coverage_label, 1)
        excel_cells(self.steps_list, wrap=True, cue="พิมพ์ขั้นตอน แล้วกด Enter")

        # Every field of the form is saved with the measure, as one undo step.
        for widget in (
            self.title_edit,
            self.indicators_list,
            self.themes_list,
            self.rationale_edit,
            self.steps_list,  # typed in place or dragged into another order
            self.first_quarter_spin,
            self.last_quarter_spin,
            self.start_edit,
            self.end_edit,
            self.unit_combo,
            self.follow_up_edit,
            self.reporting_edit,
        ):
            self.binder.bind(widget, self.save_detail)
        self.timeline_combo.activated.connect(self._on_timeline_kind_changed)
        # A measure dragged to another place: (id, from, to), pushed once the drop is over.
        self._pending_move: tuple[int, int, int] | None = None
        self._move_timer = QTimer(self)
        self._move_timer.setSingleShot(True)
        self._move_timer.setInterval(0)
        self._move_timer.timeout.connect(self._push_move)
        self.measures_list.currentRowChanged.connect(self._on_measure_selected)
        self.measures_list.model().rowsMoved.connect(self._on_measures_moved)
        child(self.widget, QPushButton, "add_catalogue_button").clicked.connect(
            self.add_from_catalogue
        )
        child(self.widget, QPushButton, "add_blank_button").clicked.connect(self.add_blank)
        child(self.widget, QPushButton, "carry_button").clicked.connect(self.carry_forward)
        child(self.widget, QPushButton, "remove_button").clicked.connect(self.remove_current)
        child(self.widget, QPushButton, "add_step_button").clicked.connect(self.add_step)
        child(self.widget, QPushButton, "remove_step_button").clicked.connect(self.remove_step)
        child(self.widget, QPushButton, "step_up_button").clicked.connect(
            lambda: self.move_step(-1)
        )
        child(self.widget, QPushButton, "step_down_button").clicked.connect(
            lambda: self.move_step(1)
        )

    @property
    def _score_year(self) -> int | None:
        """The assessed year whose results the measures answer."""
        return self.cycle.assessed_year if self.cycle is not None else None

    @property
    def plan_year(self) -> int:
        assert self.cycle is not None
        return self.cycle.plan_year

    # ------------------------------------------------------------------ loading

    def set_cycle(self, cycle: AssessmentCycle) -> None:
        self.clear_error()
        super().set_cycle(cycle)

    def refresh(self) -> None:
        if self._score_year is None:
            return
        self.title_label.setText(
            f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ {self.plan_year} "
            f"(จากผลการประเมินปี {self._score_year})"
        )
        self._measures = self._services.measures.measures(self.plan_year)
        current_id = self._shown_id
        with self.loading(), kept_scroll(self.measures_list):
            self.measures_list.clear()
            for number, measure in enumerate(self._measures, start=1):
                item = QListWidgetItem(f"{number}. {measure.title}")
                item.setData(ID_ROLE, measure.id)
                self.measures_list.addItem(item)
            ids = [measure.id for measure in self._measures]
            row = ids.index(current_id) if current_id in ids else (0 if ids else -1)
            self.measures_list.setCurrentRow(row)
        self._show_measure(self.current_measure())
        self._update_coverage()
        self.set_empty(
            self.empty_state,
            None
            if self._measures
            else f"ยังไม่มีมาตรการของปี {self.plan_year} — เลือกจากรายการมาตรการ "
            "หรือเพิ่มมาตรการใหม่ แล้วกำหนดขั้นตอน ระยะเวลา และผู้รับผิดชอบ",
            "เพิ่มจากรายการมาตรการ…",
        )

    def current_measure(self) -> Measure | None:
        item = self.measures_list.currentItem()
        if item is None:
            return None
        wanted = item.data(ID_ROLE)
        return next((m for m in self._measures if m.id == wanted), None)

    def _update_coverage(self) -> None:
        assert self._score_year is not None
        try:
            gaps = self._services.measures.coverage_gaps(self._score_year)
            framework = self._services.frameworks.get(self._score_year)
        except UserError:
            self.coverage_label.clear()
            return
        if gaps:
            names = ", ".join(f"{n} {framework.indicator(n).name_th}" for n in gaps)
            self.coverage_label.setText(f"ตัวชี้วัดที่ได้ต่ำกว่า {framework.target} แต่ยังไม่มีมาตรการ: {names}")
        else:
            self.coverage_label.setText("")

    def shown_measure(self) -> Measure | None:
        return next((m for m in self._measures if m.id == self._shown_id), None)

    def _on_measure_selected(self, _row: int) -> None:
        if self.is_loading:
            return
        # Save the measure the form still shows, not the newly selected one. If what the
        # clerk typed cannot be saved yet, stay on it rather than throw the typing away.
        if not self.binder.commit(self.save_detail):
            with self.loading():
                self._select(self._shown_id)
            return
        self._show_measure(self.current_measure())

    def _show_measure(self, measure: Measure | None) -> None:
        same = measure is not None and measure.id == self._shown_id
        self._shown_id = measure.id if measure is not None else None
        self.detail.setEnabled(measure is not None)
        if measure is None:
            return
        framework = self._services.measures.plan_framework(measure.plan_year)
        units = [unit.name for unit in self._services.office.profile().units]
        # The same measure shown again after a save (a box ticked, a step typed): the
        # lists and the form stay where the clerk was.
        keep = (kept_scroll(self.detail_scroll), kept_scroll(self.steps_list)) if same else ()
        with self.loading(), ExitStack() as stack:
            for each in keep:
                stack.enter_context(each)
            self.title_edit.setText(measure.title)
            self.title_edit.setCursorPosition(0)  # a long title shows its beginning
            set_full_text_tip(self.title_edit, measure.title)
            _show_checks(
                self.indicators_list,
                [(i.number, f"{i.number}. {i.name_th}") for i in framework.indicators],
                measure.indicators,
            )
            _show_checks(
                self.themes_list,
                [(t.number, f"{t.number}. {t.name_th}") for t in framework.themes],
                measure.themes,
            )
            self.rationale_edit.setPlainText(measure.rationale)
            step_row = self.steps_list.currentRow()
            self.steps_list.clear()
            for step in measure.steps:
                self._append_step_item(step)
            if same and 0 <= step_row < self.steps_list.count():
                self.steps_list.setCurrentRow(step_row)
            self.unit_combo.clear()
            self.unit_combo.addItems([*units, "ทุกสำนัก/กอง"])
            self.unit_combo.setEditText(measure.unit)
            self.follow_up_edit.setPlainText(measure.follow_up)
            self.reporting_edit.setPlainText(measure.reporting)
            self._show_timeline(measure.timeline, measure.plan_year)

    def _append_step_item(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.steps_list.addItem(item)
        return item

    def _show_timeline(self, timeline: Timeline, plan_year: int) -> None:
        self.timeline_combo.setCurrentIndex(max(self.timeline_combo.findData(timeline.kind), 0))
        self.first_quarter_spin.setValue(timeline.first_quarter)
        self.last_quarter_spin.setValue(timeline.last_quarter)
        start, end = "", ""
        if timeline.kind == TimelineKind.MONTHS and timeline.start_month and timeline.end_month:
            start = format_month_year(*timeline.start_month, style="abbr")
            end = format_month_year(*timeline.end_month, style="abbr")
        elif timeline.kind == TimelineKind.DATES and timeline.start_date and timeline.end_date:
            start = format_thai_date(timeline.start_date, "abbr_full_year")
            end = format_thai_date(timeline.end_date, "abbr_full_year")
        self.start_edit.setText(start)
        self.end_edit.setText(end)
        self._update_timeline_widgets(timeline.kind, plan_year)

    def _update_timeline_widgets(self, kind: str, plan_year: int) -> None:
        quarters = kind == TimelineKind.QUARTERS
        ranged = kind in (TimelineKind.MONTHS, TimelineKind.DATES)
        self.first_quarter_spin.setVisible(quarters)
        self.last_quarter_spin.setVisible(quarters)
        self.start_edit.setVisible(ranged)
        self.end_edit.setVisible(ranged)
        first, last = fiscal_year_bounds(plan_year)
        if kind == TimelineKind.MONTHS:
            self.start_edit.setPlaceholderText(
                f"เริ่ม เช่น {format_month_year(be_year(first.year), 10, 'abbr')}"
            )
            self.end_edit.setPlaceholderText(
                f"สิ้นสุด เช่น {format_month_year(be_year(last.year), 3, 'abbr')}"
            )
        elif kind == TimelineKind.DATES:
            self.start_edit.setPlaceholderText(
                f"เริ่ม เช่น {format_thai_date(first, 'abbr_full_year')}"
            )
            self.end_edit.setPlaceholderText(f"สิ้นสุด เช่น {format_thai_date(last, 'abbr_full_year')}")

    def _on_timeline_kind_changed(self) -> None:
        measure = self.shown_measure()
        if measure is None:
            return
        kind = self.timeline_combo.currentData()
        self._update_timeline_widgets(kind, measure.plan_year)
        if kind in (TimelineKind.WHOLE_YEAR, TimelineKind.QUARTERS):
            self.binder.commit(self.save_detail)
        else:  # wait for the clerk to type the range (a flush meanwhile says it is missing)
            self.binder.mark(self.save_detail)
            self.show_error("พิมพ์วันเริ่มและวันสิ้นสุดของช่วงเวลา แล้วกด Enter")

    # ------------------------------------------------------------------ form → measure

    def _checked(self, widget: QListWidget) -> tuple[int, ...]:
        return tuple(
            int(widget.item(row).data(ID_ROLE))
            for row in range(widget.count())
            if widget.item(row).checkState() == Qt.CheckState.Checked
        )

    def _timeline_from_form(self, plan_year: int) -> Timeline:
        kind = self.timeline_combo.currentData()
        if kind == TimelineKind.QUARTERS:
            return Timeline(
                kind=kind,
                first_quarter=self.first_quarter_spin.value(),
                last_quarter=self.last_quarter_spin.value(),
            )
        if kind == TimelineKind.MONTHS:
            try:
                start = parse_month_year(self.start_edit.text())
                end = parse_month_year(self.end_edit.text())
            except ValueError:
                raise UserError(
                    "ระยะเวลา: พิมพ์เดือนและปี เช่น “ต.ค. 68” ถึง “มี.ค. 69” (ยังไม่ได้บันทึก)"
                ) from None
            return Timeline(kind=kind, start_month=start, end_month=end)
        if kind == TimelineKind.DATES:
            try:
                start_date: date = parse_thai_date(self.start_edit.text())
                end_date: date = parse_thai_date(self.end_edit.text())
            except ValueError:
                raise UserError(
                    "ระยะเวลา: พิมพ์วันที่ เช่น “1 ต.ค. 2568” ถึง “31 มี.ค. 2569” (ยังไม่ได้บันทึก)"
                ) from None
            return Timeline(kind=kind, start_date=start_date, end_date=end_date)
        return Timeline()

    def measure_from_form(self) -> Measure | None:
        measure = self.shown_measure()
        if measure is None:
            return None
        steps = tuple(
            self.steps_list.item(row).text().strip() for row in range(self.steps_list.count())
        )
        return dataclasses.replace(
            measure,
            title=self.title_edit.text().strip(),
            indicators=self._checked(self.indicators_list),
            themes=self._checked(self.themes_list),
            rationale=self.rationale_edit.toPlainText().strip(),
            steps=steps,
            timeline=self._timeline_from_form(measure.plan_year),
            unit=self.unit_combo.currentText().strip(),
            follow_up=self.follow_up_edit.toPlainText().strip(),
            reporting=self.reporting_edit.toPlainText().strip(),
        )

    def save_detail(self) -> None:
        """Save what the form shows for the measure it shows, as one undo step; refused
        (the message says what) while the form holds something that cannot be saved yet."""
        old = self.shown_measure()
        new = self.measure_from_form()
        if new is None or old is None or new == old:
            return
        framework = self._services.measures.plan_framework(new.plan_year)
        problems = validate_measure(new, framework)
        if problems:
            raise ValidationError("ยังไม่ได้บันทึก: " + " ".join(problems))
        self.clear_error()
        self.push(
            UpdateMeasureCommand(self._services, new, old, self.refresh, f"แก้มาตรการ “{new.title}”")
        )

    # ------------------------------------------------------------------ list actions

    def _push_add(self, create: Callable[[], list[Measure]], text: str) -> None:
        command = AddMeasuresCommand(self._services, create, self.refresh, text)
        if self.push(command) and command.created:
            self._select(command.created[-1].id)

    def _select(self, measure_id: int | None) -> None:
        for row in range(self.measures_list.count()):
            if self.measures_list.item(row).data(ID_ROLE) == measure_id:
                self.measures_list.setCurrentRow(row)

    def add_keys(self, keys: list[str]) -> None:
        """Add catalogue measures by key (the dialog's choice)."""
        if not keys or self._score_year is None:
            return
        year = self.plan_year
        self._push_add(
            lambda: [self._services.measures.add_from_catalogue(year, key) for key in keys],
            f"เพิ่มมาตรการจากรายการ {len(keys)} มาตรการ",
        )

    def add_from_catalogue(self) -> None:
        if self._score_year is None:
            return
        self.flush()
        picker = CatalogueDialog(
            self._services, self._services.measures.coverage_gaps(self._score_year), self.widget
        )
        fit_to_screen(picker.dialog)
        chosen = picker.dialog.exec() == QDialog.DialogCode.Accepted
        keys = picker.selected_keys()
        # Each opening builds a new dialog: do not keep the closed ones until the window goes.
        picker.dialog.deleteLater()
        picker.deleteLater()
        if chosen:
            self.add_keys(keys)

    def add_blank(self) -> None:
        if self._score_year is None:
            return
        self.flush()
        year = self.plan_year
        blank = Measure(
            plan_year=year,
            title="มาตรการใหม่",
            steps=("ดำเนินการตามมาตรการ", "รายงานผลการดำเนินการต่อผู้บริหาร"),
            unit=self._services.memos.section(),
        )
        self._push_add(lambda: [self._services.measures.add(blank)], "เพิ่มมาตรการใหม่")
        # The new measure opens at its first field, its name selected to be typed over.
        self.detail_scroll.verticalScrollBar().setValue(0)
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def carry_forward(self) -> None:
        if self._score_year is None:
            return
        year = self.plan_year
        source = year - 1
        if not self._services.measures.measures(source):
            self.show_error(f"ปีงบประมาณ {source} ยังไม่มีมาตรการให้ยกมา")
            return
        if not dialogs.ask_yes_no(
            self.widget,
            "ยกมาตรการมาจากปีก่อน",
            f"คัดลอกมาตรการทั้งหมดของปีงบประมาณ {source} มาเป็นมาตรการของปี {year}? "
            "ระยะเวลาจะเลื่อนไปหนึ่งปี แก้ไขต่อได้ทุกข้อ",
        ):
            return
        self._push_add(
            lambda: self._services.measures.carry_forward(source, year),
            f"ยกมาตรการจากปี {source}",
        )

    def remove_current(self) -> None:
        measure = self.current_measure()
        if measure is None or measure.id is None:
            return
        recorded = [
            item
            for item in self._services.tracking.items(measure.plan_year).get(measure.id, [])
            if item.state != TrackingState.NOT_STARTED or item.evidence or item.note
        ]
        if recorded and not dialogs.ask_yes_no(
            self.widget,
            "มาตรการนี้มีผลการดำเนินการบันทึกไว้",
            f"มาตรการ “{measure.title}” มีรายการที่ติ๊กหรือแนบหลักฐานไว้ {len(recorded)} รายการ "
            "ต้องการลบไหม? (ลบแล้วกด เลิกทำ ได้ ผลการดำเนินการและไฟล์หลักฐานจะกลับมาครบ)",
        ):
            return
        self.push(
            DeleteMeasureCommand(
                self._services,
                measure.id,
                self.refresh,
                f"ลบมาตรการ “{measure.title}”",
            )
        )

    def _on_measures_moved(
        self, _parent: QModelIndex, start: int, _end: int, _dest: QModelIndex, row: int
    ) -> None:
        if self.is_loading:
            return
        moved = self._measures[start]
        new_position = row if row < start else row - 1
        if moved.id is None or new_position == start:
            return
        # The move refreshes the list: never inside the list's own rowsMoved signal.
        self._pending_move = (moved.id, start, new_position)
        self._move_timer.start()

    def _push_move(self) -> None:
        if self._pending_move is None:
            return
        measure_id, start, new_position = self._pending_move
        self._pending_move = None
        self.push(MoveMeasureCommand(self._services, measure_id, start, new_position, self.refresh))

    # ------------------------------------------------------------------ steps

    def add_step(self) -> None:
        item = self._append_step_item("ขั้นตอนใหม่")
        self.steps_list.setCurrentItem(item)
        self.binder.commit(self.save_detail)
        self.steps_list.setCurrentRow(self.steps_list.count() - 1)
        current = self.steps_list.currentItem()
        if current is not None:
            self.steps_list.editItem(current)

    def remove_step(self) -> None:
        row = self.steps_list.currentRow()
        if row >= 0:
            self.steps_list.takeItem(row)
            self.binder.commit(self.save_detail)

    def move_step(self, delta: int) -> None:
        row = self.steps_list.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.steps_list.count():
            return
        item = self.steps_list.takeItem(row)
        self.steps_list.insertItem(target, item)
        self.binder.commit(self.save_detail)
        self.steps_list.setCurrentRow(target)


def _show_checks(
    widget: QListWidget, choices: Sequence[tuple[int, str]], checked: Sequence[int]
) -> None:
    """A checklist of ``choices`` (number, label) with ``checked`` ticked. When it already
    lists the same choices only the ticks change, so it keeps its scroll position and the
    clerk's row (it used to jump back to the top after every tick)."""
    shown = [
        (widget.item(row).data(ID_ROLE), widget.item(row).text()) for row in range(widget.count())
    ]
    if shown != list(choices):
        widget.clear()
        for number, label in choices:
            item = QListWidgetItem(label)
            item.setData(ID_ROLE, number)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            widget.addItem(item)
    for row, (number, _label) in enumerate(choices):
        state = Qt.CheckState.Checked if number in checked else Qt.CheckState.Unchecked
        item = widget.item(row)
        if item.data(Qt.ItemDataRole.CheckStateRole) is None or item.checkState() != state:
            item.setCheckState(state)
