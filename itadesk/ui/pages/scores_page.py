"""The score page: the ten indicator scores of a year with live tool scores, total, rating,
explanation and change from last year."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from itadesk.domain.fiscal import AssessmentCycle
from itadesk.domain.scoring import fmt
from itadesk.domain.validation import parse_pasted_block, parse_score
from itadesk.errors import UserError
from itadesk.services import Services
from itadesk.ui.pages.base import IMPORT_SCORES_ACTION, Page
from itadesk.ui.score_table_model import (
    COLUMN_INDICATOR,
    COLUMN_SCORE,
    IndicatorScoreModel,
    format_delta,
)
from itadesk.ui.styles import PASSING_FLAG, Role, set_flag, set_role
from itadesk.ui.uiloader import child
from itadesk.ui.undo import SetIndicatorScoresCommand, SetOfficialTotalCommand
from itadesk.ui.views import CellDelegate

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def enter_step(event: QKeyEvent) -> int:
    """+1 for Enter (down), -1 for Shift+Enter (up), 0 for any other key."""
    if event.key() not in ENTER_KEYS:
        return 0
    return -1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1


class ScoreCellDelegate(QStyledItemDelegate):
    """Enter in a score cell saves it and moves down to the next indicator, as in Excel
    (Shift+Enter moves up); the next digit typed starts editing there. Qt's own Enter saves
    and stays, so ten scores typed each with Enter would all land on indicator 1. A score
    refused (a Thai message says why) keeps the cell current, for the clerk to retype."""

    step_requested = Signal(int)  # rows to move: +1 down, -1 up

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._accepted = False

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        text = editor.text() if isinstance(editor, QLineEdit) else None
        self._accepted = model.setData(index, text, Qt.ItemDataRole.EditRole)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QLineEdit):
            assert isinstance(event, QKeyEvent)
            step = enter_step(event)
            if step:
                self._accepted = False
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
                if self._accepted:
                    self.step_requested.emit(step)
                return True
        return super().eventFilter(watched, event)


class ScoresPage(Page):
    title = "คะแนน ITA"
    purpose_th = "คะแนน 10 ตัวชี้วัดตามที่ ป.ป.ช. แจ้ง โปรแกรมคำนวณคะแนนรวมและระดับให้"
    follows_cycle = True

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget) -> None:
        super().__init__(services, undo_stack, parent, "scores_page")
        self.table = child(self.widget, QTableView, "indicator_table")
        self.tools_table = child(self.widget, QTableWidget, "tools_table")
        self.total_label = child(self.widget, QLabel, "total_label")
        self.rating_label = child(self.widget, QLabel, "rating_label")
        self.explanation_label = child(self.widget, QLabel, "explanation_label")
        self.previous_label = child(self.widget, QLabel, "previous_label")
        self.official_edit = child(self.widget, QLineEdit, "official_total_edit")
        self.official_warning_label = child(self.widget, QLabel, "official_warning_label")
        self.framework_note_label = child(self.widget, QLabel, "framework_note_label")
        set_role(self.rating_label, Role.RATING)
        set_role(self.total_label, Role.TOTAL)
        set_role(self.official_warning_label, Role.WARNING)
        set_role(self.framework_note_label, Role.MUTED)
        # The notes are long: read in a box under the line that counts them, not a tooltip
        # taller than the screen.
        self.framework_notes_button = child(self.widget, QPushButton, "framework_notes_button")
        self.framework_notes_view = child(self.widget, QPlainTextEdit, "framework_notes_view")
        self.framework_notes_button.toggled.connect(self.framework_notes_view.setVisible)

        self.model = IndicatorScoreModel()
        self.table.setModel(self.model)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        # An indicator's name wraps in a narrow window rather than end in "…".
        self.table.setWordWrap(True)
        self.table.setItemDelegateForColumn(COLUMN_INDICATOR, CellDelegate(self.table, wrap=True))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.delegate = ScoreCellDelegate(self.table)
        self.delegate.step_requested.connect(self._move_current_row)
        self.table.setItemDelegateForColumn(COLUMN_SCORE, self.delegate)
        self.table.installEventFilter(self)
        self.model.edit_requested.connect(self._on_model_edit_requested)
        self.model.edit_rejected.connect(self.show_error)

        self.tools_table.setColumnCount(3)
        self.tools_table.setHorizontalHeaderLabels(["เครื่องมือ", "คะแนน", "เปลี่ยนแปลง"])
        self.tools_table.verticalHeader().setVisible(False)
        self.tools_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tools_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.binder.bind(self.official_edit, self.save_official_total)
        # No score yet: the summary (all dashes) gives way to what goes here and the import.
        self.empty_state = self.add_empty_state(child(self.widget, QWidget, "summary_group"))
        self.empty_state.action_button.clicked.connect(
            lambda: self.run_action.emit(IMPORT_SCORES_ACTION)
        )

    @property
    def _year(self) -> int | None:
        """The scores shown are the assessed year's."""
        return self.cycle.assessed_year if self.cycle is not None else None

    # ------------------------------------------------------------------ loading

    def set_cycle(self, cycle: AssessmentCycle) -> None:
        self.clear_error()
        super().set_cycle(cycle)
        self.table.setCurrentIndex(self.model.index(0, COLUMN_SCORE))

    def refresh(self) -> None:
        if self._year is None:
            return
        try:
            summary = self._services.scores.summary(self._year)
        except UserError as error:
            self.show_error(error.message)
            return
        self.model.set_summary(summary)
        nothing_yet = not summary.indicator_scores and summary.result.official_total is None
        self.set_empty(
            self.empty_state,
            f"ยังไม่ได้กรอกคะแนนของปี {self._year} — พิมพ์คะแนน 10 ตัวชี้วัดในตารางทางซ้าย "
            "หรือนำเข้าจากไฟล์หรือข้อความที่คัดลอกจากรายงานของ ป.ป.ช."
            if nothing_yet
            else None,
            "นำเข้าคะแนนจากไฟล์หรือข้อความ…",
        )
        framework = summary.framework
        result = summary.result
        self.title_label.setText(f"คะแนน ITA ปีงบประมาณ {self._year}")

        tools = framework.tools
        self.tools_table.setRowCount(len(tools))
        comparison = summary.comparison
        for row, tool in enumerate(tools):
            value = result.tool_scores.get(tool.code)
            delta = comparison.tools.get(tool.code) if comparison else None
            cells = (
                f"{tool.code} ({fmt(tool.weight * 100).rstrip('0').rstrip('.')}%)",
                fmt(value) if value is not None else "–",
                format_delta(delta),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setToolTip(tool.name_th)
                self.tools_table.setItem(row, column, item)

        # Show every tool row without scrolling: header plus rows plus the frame.
        height = self.tools_table.horizontalHeader().height() + 2 * self.tools_table.frameWidth()
        height += sum(self.tools_table.rowHeight(row) for row in range(len(tools)))
        self.tools_table.setFixedHeight(height)

        if result.total is None or result.rating is None:
            self.total_label.setText("คะแนนรวม –")
            self.rating_label.setText("ระดับผล –")
            set_flag(self.rating_label, PASSING_FLAG, None)
        else:
            self.total_label.setText(f"คะแนนรวม {fmt(result.total)}")
            self.rating_label.setText(f"ระดับผล {result.rating.label}")
            set_flag(self.rating_label, PASSING_FLAG, result.rating.passing)
        self.explanation_label.setText(result.explanation_th)

        if summary.previous is not None and summary.previous.total is not None:
            previous = summary.previous
            assert previous.total is not None and previous.rating is not None
            change = format_delta(comparison.total if comparison else None)
            self.previous_label.setText(
                f"ปี {previous.fiscal_year}: {fmt(previous.total)} ระดับ {previous.rating.label} "
                f"(เปลี่ยนแปลง {change})"
            )
        else:
            self.previous_label.setText(f"ยังไม่มีคะแนนของปี {self._year - 1} ให้เปรียบเทียบ")

        if not self.official_edit.hasFocus():
            official = result.official_total
            with self.loading():
                self.official_edit.setText(str(official) if official is not None else "")
        self.official_warning_label.setText("\n".join(result.warnings_th))
        notes = list(framework.unconfirmed_th)
        # The full notes are long; the label says there are some, "อ่าน" shows them.
        self.framework_note_label.setText(
            f"หมายเหตุ: กรอบการประเมินปี {self._year} มี {len(notes)} เรื่องที่ยังไม่ได้ยืนยันจากคู่มือ ป.ป.ช."
            if notes
            else ""
        )
        self.framework_notes_button.setVisible(bool(notes))
        self.framework_notes_view.setPlainText("\n\n".join(f"• {note}" for note in notes))
        if not notes:
            self.framework_notes_button.setChecked(False)

    # ------------------------------------------------------------------ editing

    def _on_model_edit_requested(self, new: dict[int, Decimal | None], description: str) -> None:
        assert self._year is not None
        current = self.model.summary.indicator_scores if self.model.summary else {}
        old = {number: current.get(number) for number in new}
        self.clear_error()
        self.push(
            SetIndicatorScoresCommand(
                self._services, self._year, new, old, self.refresh, description
            )
        )

    def save_official_total(self) -> None:
        """The total ป.ป.ช. announced, as typed (refused with the reason if it is not a
        score)."""
        if self._year is None:
            return
        new = parse_score(self.official_edit.text(), "คะแนนรวมที่ ป.ป.ช. ประกาศ")
        old = self._services.scores.official_total(self._year)
        if new == old:
            return
        self.clear_error()
        self.push(SetOfficialTotalCommand(self._services, self._year, new, old, self.refresh))

    def paste(self, text: str) -> None:
        """Paste a column (or a full row) copied from Excel, starting at the current row."""
        start = max(self.table.currentIndex().row(), 0)
        try:
            cells = parse_pasted_block(text, start, self.model.rowCount())
        except UserError as error:
            self.show_error(error.message)
            return
        self.model.request_edit({cell.row: cell.text for cell in cells})

    def _move_current_row(self, step: int) -> None:
        """Enter's move to the next (or previous) indicator's score; stays at either end."""
        row = self.table.currentIndex().row() + step
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, COLUMN_SCORE))

    def clear_selection(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedIndexes()}
        if rows:
            self.model.request_edit(dict.fromkeys(rows, ""))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste(QGuiApplication.clipboard().text())
                return True
            not_editing = self.table.state() != QAbstractItemView.State.EditingState
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not_editing:
                self.clear_selection()
                return True
            if enter_step(event) and not_editing:  # Enter on a cell not being edited moves too
                self._move_current_row(enter_step(event))
                return True
        return super().eventFilter(watched, event)
