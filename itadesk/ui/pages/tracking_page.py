"""Tracking the year's measures: a tree of measures → steps and expected outputs with check
boxes (Space ticks, arrows move), filters, progress bars, evidence by drag and drop or a file
dialog, outputs and outcomes, and the 6- and 12-month round reports.

The tree is a view over ``TrackingTreeModel`` through ``TrackingFilter`` (ui/tracking_model.py);
the detail forms beside it are bound to the page's binder and always save the row they show
(``_shown``), never the row just selected.

One cohesive controller (about 700 lines): the tree, its detail forms, evidence and the round
buttons act on the same selected row and the same binder; the model, filter and progress
delegate already live in ``ui/tracking_model.py``, the rules in ``domain/tracking_rules``."""

from __future__ import annotations

import dataclasses
import functools
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QWidget,
)

from itadesk.domain import tracking_rules
from itadesk.domain.documents import DocumentKind
from itadesk.domain.fiscal import (
    AssessmentCycle,
    format_thai_date,
    parse_thai_date,
    reporting_round,
)
from itadesk.domain.frameworks import Framework
from itadesk.domain.measures import Measure
from itadesk.domain.tracking import (
    EVIDENCE_FILE,
    STATE_LABELS_TH,
    STATES,
    CheckItem,
    MeasureResult,
    TrackingState,
)
from itadesk.errors import UserError, ValidationError
from itadesk.services import Services
from itadesk.services.tracking import saved_round_text_th
from itadesk.ui import dialogs
from itadesk.ui.pages.base import EmptyState, Page
from itadesk.ui.text_fit import shorten
from itadesk.ui.tracking_model import (
    COLUMN_DATE,
    COLUMN_DUE,
    COLUMN_STATE,
    COLUMN_TEXT,
    ITEM_ROLE,
    ProgressDelegate,
    RowKey,
    TrackingFilter,
    TrackingTreeModel,
)
from itadesk.ui.uiloader import child
from itadesk.ui.undo import EvidenceCommand, SaveResultCommand, SetProgressCommand
from itadesk.ui.views import CellDelegate, show_current_text_as_tip

__all__ = ["COLUMN_TEXT", "ITEM_ROLE", "TrackingPage"]

NBSP = "\u00a0"
ALL = ""  # filter combo data for "no filter" (not None: PySide mishandles None as item data)


class TrackingPage(Page):
    title = "ติดตามมาตรการ"
    purpose_th = "ติ๊กขั้นตอนที่ทำแล้ว แนบหลักฐาน และบันทึกรายงานรอบ 6 และ 12 เดือน"
    follows_cycle = True

    def __init__(
        self,
        services: Services,
        undo_stack: QUndoStack,
        parent: QWidget,
        today: date | None = None,
    ) -> None:
        super().__init__(services, undo_stack, parent, "tracking_page")
        self._today = today
        self._measures: list[Measure] = []
        self._items: dict[int, list[CheckItem]] = {}
        self._selection: RowKey | None = None  # the row the clerk chose
        self._shown: RowKey | None = None  # the row the detail form shows, and saves
        self._declined_date: tuple[int | None, date] | None = None
        self.overall_progress = child(self.widget, QProgressBar, "overall_progress")
        self.themes_label = child(self.widget, QLabel, "themes_label")
        self.show_combo = child(self.widget, QComboBox, "show_combo")
        self.unit_filter = child(self.widget, QComboBox, "unit_filter_combo")
        self.theme_filter = child(self.widget, QComboBox, "theme_filter_combo")
        self.tree = child(self.widget, QTreeView, "items_tree")
        self.detail_stack = child(self.widget, QStackedWidget, "detail_stack")
        self.item_detail = child(self.widget, QWidget, "item_detail")
        self.measure_detail = child(self.widget, QWidget, "measure_detail")
        # Nothing chosen (or nothing planned): a hint in place of a greyed-out form.
        self.empty_detail = EmptyState(self.detail_stack)
        self.detail_stack.addWidget(self.empty_detail)
        self.empty_detail.action_button.clicked.connect(
            lambda: self.open_page.emit("measures_page")
        )
        self.state_combo = child(self.widget, QComboBox, "state_combo")
        self.done_date_edit = child(self.widget, QLineEdit, "done_date_edit")
        self.note_edit = child(self.widget, QPlainTextEdit, "note_edit")
        self.reason_edit = child(self.widget, QLineEdit, "reason_edit")
        self.evidence_list = child(self.widget, QListWidget, "evidence_list")
        self.measure_info_label = child(self.widget, QLabel, "measure_info_label")
        self.outputs_edit = child(self.widget, QPlainTextEdit, "outputs_edit")
        self.outcomes_edit = child(self.widget, QPlainTextEdit, "outcomes_edit")
        self.round_combo = child(self.widget, QComboBox, "round_combo")
        self.round_state_label = child(self.widget, QLabel, "round_state_label")
        self.round_state_label.setWordWrap(True)  # wraps rather than widen the window
        self.title_label.setWordWrap(False)  # short, beside the progress bar that stretches
        for label in ("ทั้งหมด", "เลยกำหนดและยังไม่เสร็จ", "ยังไม่เสร็จ"):
            self.show_combo.addItem(label)
        for state in STATES:
            self.state_combo.addItem(STATE_LABELS_TH[state], state)
        self.round_combo.addItem("รอบ 6 เดือน (ต.ค.–มี.ค.)", 6)
        self.round_combo.addItem("รอบ 12 เดือน (ทั้งปีงบประมาณ)", 12)
        self.round_combo.currentIndexChanged.connect(self._show_round_state)
        splitter = child(self.widget, QSplitter, "splitter")
        splitter.setStretchFactor(0, 3)  # the tree of measures is what the clerk works in
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([650, 300])
        for combo in (self.unit_filter, self.theme_filter):
            show_current_text_as_tip(combo)

        self.model = TrackingTreeModel(self)
        self.filter_model = TrackingFilter(self)
        self.filter_model.setSourceModel(self.model)
        self.tree.setModel(self.filter_model)
        # Step names wrap at the column's width instead of ending in "…" after a few words.
        self.tree.setItemDelegateForColumn(COLUMN_TEXT, CellDelegate(self.tree, wrap=True))
        self.tree.setItemDelegateForColumn(COLUMN_STATE, ProgressDelegate(self.tree))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMN_TEXT, QHeaderView.ResizeMode.Stretch)
        for column in (COLUMN_STATE, COLUMN_DATE, COLUMN_DUE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Applied once the view's own key or click handling has returned: a tick may ask the
        # date in a modal dialog and refreshes the tree.
        self.model.tick_requested.connect(self._apply_tick, Qt.ConnectionType.QueuedConnection)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        for combo in (self.show_combo, self.unit_filter, self.theme_filter):
            combo.currentIndexChanged.connect(self._apply_filters)

        for widget in (self.state_combo, self.done_date_edit, self.note_edit, self.reason_edit):
            self.binder.bind(widget, self.save_item)
        for widget in (self.outputs_edit, self.outcomes_edit):
            self.binder.bind(widget, self.save_result)
        self.tree.viewport().installEventFilter(self)
        self.evidence_list.installEventFilter(self)
        self.evidence_list.viewport().installEventFilter(self)

        child(self.widget, QPushButton, "add_file_button").clicked.connect(self._choose_files)
        child(self.widget, QPushButton, "add_link_button").clicked.connect(self._add_link)
        child(self.widget, QPushButton, "open_evidence_button").clicked.connect(self.open_evidence)
        child(self.widget, QPushButton, "remove_evidence_button").clicked.connect(
            self.remove_evidence
        )
        child(self.widget, QPushButton, "snapshot_button").clicked.connect(self.take_snapshot)
        child(self.widget, QPushButton, "preview_results_button").clicked.connect(
            self.preview_results
        )
        child(self.widget, QPushButton, "preview_results_memo_button").clicked.connect(
            self.preview_results_memo
        )

    @property
    def _year(self) -> int | None:
        """Tracking shows the measures carried out in the cycle's plan year."""
        return self.cycle.plan_year if self.cycle is not None else None

    @property
    def today(self) -> date:
        return self._today or date.today()

    @property
    def months(self) -> int:
        return int(self.round_combo.currentData() or 6)

    # ------------------------------------------------------------------ loading

    def set_cycle(self, cycle: AssessmentCycle) -> None:
        self.clear_error()
        super().set_cycle(cycle)

    def refresh(self) -> None:
        if self._year is None:
            return
        self._measures = self._services.tracking.measures(self._year)
        self._items = self._services.tracking.items(self._year)
        self.title_label.setText(f"ติดตามมาตรการ ปีงบประมาณ {self._year}")
        self._fill_filters()
        self._fill_tree()
        self._update_progress()
        self._show_round_state()
        self._show_detail()

    def _fill_filters(self) -> None:
        unit = self.unit_filter.currentText()
        theme = self.theme_filter.currentData()
        with self.loading():
            self.unit_filter.clear()
            self.unit_filter.addItem("ทุกส่วนงาน", ALL)
            for name in sorted({m.unit for m in self._measures if m.unit}):
                self.unit_filter.addItem(name, name)
            self.unit_filter.setCurrentIndex(max(self.unit_filter.findText(unit), 0))
            self.theme_filter.clear()
            self.theme_filter.addItem("ทุกประเด็น", ALL)
            framework = self._framework()
            for item in framework.themes if framework else ():
                self.theme_filter.addItem(f"{item.number}. {item.name_th}", item.number)
            self.theme_filter.setCurrentIndex(max(self.theme_filter.findData(theme), 0))
            self._set_filters()

    def _framework(self) -> Framework | None:
        assert self._year is not None
        try:
            return self._services.measures.plan_framework(self._year)
        except UserError:
            return None

    def _fill_tree(self) -> None:
        """The year's rows into the model. Unchanged rows are updated in place (the view
        keeps its selection and scroll position by itself); after a reset the expanded rows,
        the clerk's row and the scroll position are put back."""
        scroll = self.tree.verticalScrollBar().value()
        with self.loading():
            if not self.model.set_year(self._measures, self._items, self.today):
                self.tree.expandAll()
                self._restore_selection()
                self.tree.verticalScrollBar().setValue(scroll)
        self._restore_selection()

    def _set_filters(self) -> None:
        unit = self.unit_filter.currentData()
        theme = self.theme_filter.currentData()
        self.filter_model.set_filters(
            self.show_combo.currentIndex(),
            unit if isinstance(unit, str) else ALL,
            theme if isinstance(theme, int) else None,
        )

    def _apply_filters(self, _index: int) -> None:
        if self.is_loading:
            return
        self._set_filters()
        self.tree.expandAll()  # measures shown again by a wider filter come back open
        self._restore_selection()

    def _update_progress(self) -> None:
        overall = tracking_rules.overall_progress(self._items)
        self.overall_progress.setValue(overall.percent)
        self.overall_progress.setFormat(
            f"{overall.done} จาก {overall.total - overall.cannot} รายการ (%p%)"
        )
        framework = self._framework()
        if framework is None:
            self.themes_label.clear()
            return
        by_theme = tracking_rules.theme_progress(self._measures, self._items, framework)
        parts = [
            f"ประเด็นที่ {number} {progress.percent}%"
            for number, progress in sorted(by_theme.items())
            if number and progress.total
        ]
        self.themes_label.setText("ความคืบหน้ารายประเด็น: " + " · ".join(parts) if parts else "")

    def _item_by_id(self, item_id: int | None) -> CheckItem | None:
        for items in self._items.values():
            for item in items:
                if item.id == item_id:
                    return item
        return None

    def _measure_by_id(self, measure_id: int | None) -> Measure | None:
        return next((m for m in self._measures if m.id == measure_id), None)

    def row_index(self, kind: str, object_id: int) -> QModelIndex:
        """The tree's index (first column) of a measure's or an item's row; invalid when the
        filters hide it."""
        return self.filter_model.mapFromSource(self.model.key_index((kind, object_id)))

    def select(self, kind: str, object_id: int) -> None:
        self._selection = (kind, object_id)
        self._restore_selection()

    def _restore_selection(self) -> None:
        """Make the clerk's row current again when the tree shows it."""
        if self._selection is None:
            return
        index = self.row_index(*self._selection)
        if index.isValid() and index != self.tree.currentIndex():
            with self.loading():
                self.tree.setCurrentIndex(index)

    # ------------------------------------------------------------------ detail panel

    def _current(self) -> RowKey | None:
        data = self.tree.currentIndex().siblingAtColumn(COLUMN_TEXT).data(ITEM_ROLE)
        return (str(data[0]), int(data[1])) if data else None

    def _on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if self.is_loading:
            return
        chosen = self._current()
        # The form still shows the row left: save what was typed there first. While it
        # cannot be saved, stay on that row (the reason is shown, the typing stays).
        if not self.flush() and self._shown is not None:
            index = self.row_index(*self._shown)
            if index.isValid():
                with self.loading():
                    self.tree.setCurrentIndex(index)
                return
        self._selection = chosen
        self._restore_selection()  # the save's refresh showed the row it saved
        self._declined_date = None
        self._show_detail()

    def _show_detail(self) -> None:
        current = self._current()
        self._shown = current
        with self.loading():
            if current and current[0] == "item":
                item = self._item_by_id(current[1])
                self.detail_stack.setCurrentWidget(self.item_detail)
                self.item_detail.setEnabled(item is not None)
                if item is not None:
                    self.state_combo.setCurrentIndex(self.state_combo.findData(item.state))
                    self.done_date_edit.setText(
                        format_thai_date(item.done_date, "full") if item.done_date else ""
                    )
                    if self.note_edit.toPlainText() != item.note:
                        self.note_edit.setPlainText(item.note)
                    self.reason_edit.setText(item.reason)
                    self.reason_edit.setEnabled(item.state == TrackingState.CANNOT)
                    self.evidence_list.clear()
                    for evidence in item.evidence:
                        icon = "ไฟล์:" if evidence.kind == EVIDENCE_FILE else "ลิงก์:"
                        entry = QListWidgetItem(f"{icon} {evidence.label or evidence.value}")
                        entry.setData(ITEM_ROLE, evidence.id)
                        entry.setToolTip(evidence.value)
                        self.evidence_list.addItem(entry)
            elif current and current[0] == "measure":
                measure = self._measure_by_id(current[1])
                self.detail_stack.setCurrentWidget(self.measure_detail)
                self.measure_detail.setEnabled(measure is not None)
                if measure is not None and measure.id is not None:
                    from itadesk.domain.measure_rules import timeline_label_th

                    self.measure_info_label.setText(
                        f"{measure.title}\nระยะเวลา: "
                        f"{timeline_label_th(measure.timeline, measure.plan_year, False)}"
                        f"\nผู้รับผิดชอบ: {measure.unit}"
                    )
                    result = self._services.tracking.result(measure.id)
                    if self.outputs_edit.toPlainText() != result.outputs:
                        self.outputs_edit.setPlainText(result.outputs)
                    if self.outcomes_edit.toPlainText() != result.outcomes:
                        self.outcomes_edit.setPlainText(result.outcomes)
            else:
                self.detail_stack.setCurrentWidget(self.empty_detail)
                if self._measures:
                    self.empty_detail.show_hint(
                        "เลือกขั้นตอนหรือผลผลิตทางซ้ายเพื่อบันทึกสถานะ วันที่ และหลักฐาน "
                        "หรือเลือกมาตรการเพื่อเขียนผลการดำเนินการ"
                    )
                else:
                    self.empty_detail.show_hint(
                        f"ยังไม่มีมาตรการของปี {self._year} — เพิ่มมาตรการที่หน้ามาตรการ แล้วติดตามผลได้ที่นี่",
                        "ไปที่หน้ามาตรการ",
                    )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Files dragged onto the tree (on a row) or the evidence list become evidence."""
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False  # (also while the widgets are being destroyed)
        if watched not in (self.tree.viewport(), self.evidence_list, self.evidence_list.viewport()):
            return False
        if kind != QEvent.Type.Drop:
            if event.mimeData().hasUrls():  # type: ignore[attr-defined]
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
            return False
        assert isinstance(event, QDropEvent)
        if watched is self.tree.viewport():
            index = self.tree.indexAt(event.position().toPoint())
            if index.isValid():
                self.tree.setCurrentIndex(index)
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ saving

    def _push_progress(self, new: CheckItem, old: CheckItem, text: str) -> None:
        """Save ``new`` as one undo step; refused, with every problem named, when it does not
        pass the checks."""
        if new == old or self._year is None:
            return
        problems = tracking_rules.validate_progress(new, self._year, self.today)
        if problems:
            raise ValidationError("ยังไม่ได้บันทึก: " + " ".join(problems))
        self.clear_error()
        self._selection = ("item", new.id) if new.id is not None else self._selection
        self.push(SetProgressCommand(self._services, new, old, self.refresh, text))

    def _apply_tick(self, item_id: int, done: bool) -> None:
        """A box ticked or unticked in the tree (Space or a click). The box shows the saved
        state until this is saved; a cancelled date or a refused tick leaves it so."""
        if self._year is None:
            return
        item = self._item_by_id(item_id)
        if item is None:
            return
        done_on = None
        if done:
            done_on = self._done_date_for(item)
            if done_on is None:  # the clerk cancelled the date: the item stays unticked
                self.show_error("ยังไม่ได้ติ๊ก: ไม่ได้ระบุวันที่ดำเนินการแล้วเสร็จ")
                return
        new = self._services.tracking.ticked(item, done, self._year, self.today, done_on=done_on)
        verb = "ติ๊กว่าทำแล้ว" if done else "เอาติ๊กออก"
        try:
            self._push_progress(new, item, f"{verb}: {item.text}")
        except UserError as error:
            self.show_error(error.message)

    def _done_date_for(self, item: CheckItem) -> date | None:
        """The date marking ``item`` done records: the one it has; else, when a round has
        closed since (``tracking_rules.round_missed_by_tick``), the date the clerk gives in
        the date dialog (None if they cancel); else today within the fiscal year."""
        assert self._year is not None
        if item.done_date is not None:
            return item.done_date
        year, today = self._year, self.today
        period = self._services.tracking.round_missed_by_tick(year, today)
        if period is None:
            return tracking_rules.default_done_date(year, today)
        return dialogs.ask_done_date(
            self.widget,
            f"วันที่ดำเนินการแล้วเสร็จ: {shorten(item.text, 40)}",
            tracking_rules.tick_date_question_th(period, today),
            tracking_rules.default_done_date(year, today),
            lambda chosen: tracking_rules.done_date_problems(chosen, year, today),
        )

    def save_item(self) -> None:
        """The item form (state, date done, note, reason) for the item it shows."""
        if self._year is None or self._shown is None or self._shown[0] != "item":
            return
        item = self._item_by_id(self._shown[1])
        if item is None:
            return
        text = self.done_date_edit.text().strip()
        try:
            done_date = parse_thai_date(text) if text else None
        except ValueError:
            raise ValidationError(
                f"วันที่ดำเนินการ: “{text}” อ่านไม่ได้ — พิมพ์เช่น ๑๕ มกราคม ๒๕๖๙ หรือ 15 ม.ค. 69 (ยังไม่ได้บันทึก)"
            ) from None
        state = self.state_combo.currentData()
        if state == TrackingState.CANNOT and not self.reason_edit.text().strip():
            # Saving needs the reason: open the box and wait for it.
            self.reason_edit.setEnabled(True)
            self.reason_edit.setFocus()
            raise ValidationError("พิมพ์เหตุที่ดำเนินการไม่ได้ แล้วกด Enter เพื่อบันทึก")
        unsaved_date = ""
        if state == TrackingState.NOT_STARTED and item.state != TrackingState.NOT_STARTED:
            done_date = None  # set back to not started, as unticking does: no date done
        elif state == TrackingState.NOT_STARTED and done_date is not None:
            if self._confirm_done_on(item, done_date):
                state = TrackingState.DONE
            else:
                # Keep the typed date on screen, unsaved, and save the rest without it.
                unsaved_date, done_date = text, None
        new = dataclasses.replace(
            item,
            state=state,
            done_date=done_date,
            note=self.note_edit.toPlainText().strip(),
            reason=self.reason_edit.text().strip() if state == TrackingState.CANNOT else "",
        )
        if state == TrackingState.DONE and new.done_date is None:
            done_on = self._done_date_for(new)
            if done_on is None:  # the clerk cancelled the date: the state stays as saved
                with self.loading():
                    self.state_combo.setCurrentIndex(self.state_combo.findData(item.state))
                raise ValidationError("ยังไม่ได้บันทึกสถานะ: ไม่ได้ระบุวันที่ดำเนินการแล้วเสร็จ")
            new = self._services.tracking.ticked(new, True, self._year, self.today, done_on=done_on)
        self._push_progress(new, item, f"แก้สถานะ: {item.text}")
        if unsaved_date:
            with self.loading():
                self.done_date_edit.setText(unsaved_date)
            labels = STATE_LABELS_TH
            self.show_error(
                f"วันที่ดำเนินการ “{unsaved_date}” ยังไม่ได้บันทึก: รายการนี้มีสถานะ "
                f"“{labels[TrackingState.NOT_STARTED]}” — เปลี่ยนสถานะเป็น "
                f"“{labels[TrackingState.DONE]}” หรือ “{labels[TrackingState.IN_PROGRESS]}” "
                "เพื่อบันทึกวันที่ หรือลบวันที่ออก"
            )

    def _confirm_done_on(self, item: CheckItem, done_date: date) -> bool:
        """A date typed on a not-started item means it was done: ask once per item and date
        before changing the state to done (a refusal is remembered so saving the note later
        does not ask again)."""
        if self._declined_date == (item.id, done_date):
            return False
        when = format_thai_date(done_date, "full")
        if dialogs.ask_yes_no(
            self.widget,
            "เปลี่ยนสถานะเป็นดำเนินการแล้ว?",
            f"ใส่วันที่ดำเนินการ {when} แต่รายการ “{item.text.strip()}” ยังมีสถานะ "
            f"“{STATE_LABELS_TH[TrackingState.NOT_STARTED]}”\n\nบันทึกว่า "
            f"“{STATE_LABELS_TH[TrackingState.DONE]}” เมื่อ {when} ไหม?",
        ):
            self._declined_date = None
            return True
        self._declined_date = (item.id, done_date)
        return False

    def save_result(self) -> None:
        """The outputs and outcomes typed for the measure the form shows."""
        if self._shown is None or self._shown[0] != "measure":
            return
        measure_id = self._shown[1]
        old = self._services.tracking.result(measure_id)
        new = MeasureResult(
            measure_id=measure_id,
            outputs=self.outputs_edit.toPlainText().strip(),
            outcomes=self.outcomes_edit.toPlainText().strip(),
        )
        if new == old:
            return
        self.push(SaveResultCommand(self._services, new, old, self.refresh))

    # ------------------------------------------------------------------ evidence

    def _current_item(self) -> CheckItem | None:
        current = self._current()
        if not current or current[0] != "item":
            self.show_error("เลือกขั้นตอนหรือผลผลิตที่จะแนบหลักฐานก่อน")
            return None
        return self._item_by_id(current[1])

    def _choose_files(self) -> None:
        path = dialogs.choose_open_file(self.widget, "เลือกไฟล์หลักฐาน", "ทุกไฟล์ (*)")
        if path is not None:
            self.add_files([path])

    def add_files(self, paths: list[Path]) -> None:
        item = self._current_item()
        if item is None or self._year is None:
            return
        year = self._year
        for path in paths:
            try:
                check = self._services.tracking.check_evidence_file(path)
            except UserError as error:
                self.show_error(error.message)
                continue
            if check.warnings_th and not dialogs.ask_yes_no(
                self.widget, "ไฟล์ใหญ่", "\n".join(check.warnings_th) + "\n\nแนบไฟล์นี้ต่อไหม?"
            ):
                continue
            if self.push(
                EvidenceCommand(
                    self._services,
                    self.refresh,
                    f"แนบไฟล์ {path.name}",
                    add=functools.partial(
                        self._services.tracking.add_evidence_file, item, path, year
                    ),
                )
            ):
                self.clear_error()

    def _add_link(self) -> None:
        item = self._current_item()
        if item is None:
            return
        url = dialogs.ask_text(self.widget, "แนบลิงก์หลักฐาน", "ที่อยู่เว็บ (URL)")
        if url:
            self.add_link(item, url)

    def add_link(self, item: CheckItem, url: str) -> None:
        from itadesk.services.tracking import URL_PATTERN

        if not URL_PATTERN.match(url.strip()):
            self.show_error(
                f"ลิงก์หลักฐาน: “{url}” ไม่ใช่ที่อยู่เว็บ — ต้องขึ้นต้นด้วย http://, https:// หรือ www."
            )
            return
        self.clear_error()
        self.push(
            EvidenceCommand(
                self._services,
                self.refresh,
                "แนบลิงก์หลักฐาน",
                add=lambda: self._services.tracking.add_evidence_link(item, url),
            )
        )

    def _current_evidence(self):
        item = self._current_item()
        entry = self.evidence_list.currentItem()
        if item is None or entry is None:
            return None
        wanted = entry.data(ITEM_ROLE)
        return next((e for e in item.evidence if e.id == wanted), None)

    def open_evidence(self) -> None:
        evidence = self._current_evidence()
        if evidence is None:
            return
        try:
            if evidence.kind == EVIDENCE_FILE:
                url = QUrl.fromLocalFile(str(self._services.tracking.evidence_path(evidence)))
            else:
                value = evidence.value
                url = QUrl(value if "://" in value else f"https://{value}")
        except UserError as error:
            self.show_error(error.message)
            return
        if not QDesktopServices.openUrl(url):
            self.show_error("เปิดหลักฐานไม่ได้ — ไม่มีโปรแกรมที่เปิดไฟล์ชนิดนี้ได้")

    def remove_evidence(self) -> None:
        evidence = self._current_evidence()
        if evidence is None or evidence.id is None:
            return
        self.push(
            EvidenceCommand(
                self._services,
                self.refresh,
                f"เอาหลักฐาน {evidence.label} ออก",
                remove_id=evidence.id,
            )
        )

    # ------------------------------------------------------------------ rounds

    def take_snapshot(self) -> None:
        """Freeze the round's report. Items done after the round's last day are listed first
        (the report counts them as not done) and a saved report is only replaced with the
        clerk's consent; answering no saves nothing and selects the first late item."""
        if self._year is None:
            return
        tracking = self._services.tracking
        year, months = self._year, self.months
        try:
            late = tracking.late_items(year, months)
        except UserError as error:
            self.show_error(error.message)
            return
        existing = tracking.latest_snapshot(year, months)
        parts = []
        if late:
            parts.append(tracking_rules.late_items_text_th(reporting_round(year, months), late))
        if existing is not None:
            parts.append(saved_round_text_th(existing))
        if parts and not dialogs.ask_yes_no(
            self.widget,
            f"บันทึกรายงานรอบ {months} เดือน",
            "\n\n".join(parts) + f"\n\nบันทึกรายงานรอบ {months} เดือนตอนนี้ไหม?",
        ):
            if late and late[0].item.id is not None:
                self.select("item", late[0].item.id)
                self._show_detail()
                self.show_error(
                    "ยังไม่ได้บันทึกรายงาน — แก้วันที่ดำเนินการของรายการที่เสร็จภายในรอบ แล้วกดบันทึกรายงานอีกครั้ง"
                )
            return
        try:
            snapshot = tracking.take_snapshot(
                year, months, today=self.today, replace_existing=existing is not None
            )
        except UserError as error:  # SnapshotExistsError included: nothing was replaced
            self.show_error(error.message)
            return
        self.clear_error()
        self._show_round_state()
        dialogs.show_info(
            self.widget,
            "บันทึกรายงานแล้ว",
            f"บันทึกรายงานรอบ {snapshot.months} เดือน ปีงบประมาณ {snapshot.plan_year} แล้ว "
            "— การแก้ไขหลังจากนี้จะไม่เปลี่ยนรายงานฉบับนี้",
        )

    def _show_round_state(self) -> None:
        """Beside the round's buttons: whether its report is saved (frozen) yet, and when."""
        if self._year is None:
            return
        snapshot = self._services.tracking.latest_snapshot(self._year, self.months)
        if snapshot is None:
            self.round_state_label.setText("ยังไม่ได้บันทึกรายงานรอบนี้ (ตัวอย่างเป็นฉบับร่าง)")
        else:
            # The date stays on one line when the label wraps.
            when = format_thai_date(snapshot.taken_at.date(), "abbr_full_year").replace(" ", NBSP)
            self.round_state_label.setText(f"บันทึกรายงานรอบนี้แล้ว {when}")

    def preview_results(self) -> None:
        if self._year is not None:
            self.open_preview(DocumentKind.RESULTS, self._year, round_months=self.months)

    def preview_results_memo(self) -> None:
        if self._year is not None:
            self.open_preview(DocumentKind.RESULTS_MEMO, self._year, round_months=self.months)
