"""The memo and its signatories: memo fields per year and kind, the office's comment chain,
the emblem image, and preview/print of the memo and the analysis report."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from itadesk.domain.documents import DocumentKind
from itadesk.domain.fiscal import AssessmentCycle, format_thai_date, parse_thai_date
from itadesk.domain.memo import MEMO_ANALYSIS, MEMO_PUBLISH, CommentStep, MemoSettings
from itadesk.errors import UserError
from itadesk.services import Services
from itadesk.ui import dialogs
from itadesk.ui.styles import ERROR_STYLE, WARNING_STYLE
from itadesk.ui.uiloader import child, load_ui
from itadesk.ui.undo import SaveCommentChainCommand, SaveMemoSettingsCommand, ValueCommand

MEMO_CHOICES = (
    (MEMO_ANALYSIS, "เสนอผลการวิเคราะห์และมาตรการ", DocumentKind.MEMO),
    (MEMO_PUBLISH, "ขออนุญาตเผยแพร่บนเว็บไซต์", DocumentKind.PUBLISH_MEMO),
)
CHAIN_HEADERS = ("หัวข้อ", "ผู้ให้ความเห็น", "ความเห็นที่พิมพ์ไว้ (ถ้ามี)")
COLUMN_HEADING, COLUMN_PERSON, COLUMN_COMMENT = range(3)
# Combo data for "nobody chosen". Not None: PySide mishandles None stored as item data
# (a reference-count fault that aborts the interpreter at exit).
NO_PERSON = -1


def _person_id(data: object) -> int | None:
    return None if data in (None, NO_PERSON) else int(data)  # type: ignore[arg-type]


class MemoPage(QObject):
    title = "บันทึกข้อความและพิมพ์"

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget) -> None:
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        self._year: int | None = None
        self._loading = False
        self.previews: list = []
        self.widget = load_ui("memo_page", parent)
        self.title_label = child(self.widget, QLabel, "title_label")
        self.title_label.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.kind_combo = child(self.widget, QComboBox, "kind_combo")
        for kind, label, _ in MEMO_CHOICES:
            self.kind_combo.addItem(label, kind)
        self.section_combo = child(self.widget, QComboBox, "section_combo")
        self.number_edit = child(self.widget, QLineEdit, "number_edit")
        self.date_edit = child(self.widget, QLineEdit, "date_edit")
        self.salutation_edit = child(self.widget, QLineEdit, "salutation_edit")
        self.subject_edit = child(self.widget, QPlainTextEdit, "subject_edit")
        self.signer_combo = child(self.widget, QComboBox, "signer_combo")
        self.emblem_label = child(self.widget, QLabel, "emblem_label")
        self.chain_table = child(self.widget, QTableWidget, "chain_table")
        self.preflight_label = child(self.widget, QLabel, "preflight_label")
        self.preflight_label.setStyleSheet(WARNING_STYLE)
        self.error_label = child(self.widget, QLabel, "error_label")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.chain_table.setColumnCount(len(CHAIN_HEADERS))
        self.chain_table.setHorizontalHeaderLabels(list(CHAIN_HEADERS))
        header = self.chain_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COLUMN_PERSON, QHeaderView.ResizeMode.ResizeToContents)
        self.chain_table.setWordWrap(True)

        self._shown_kind = MEMO_ANALYSIS  # the kind whose settings the form shows
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.section_combo.activated.connect(self._on_section_changed)
        self.section_combo.lineEdit().editingFinished.connect(self._on_section_changed)
        for edit in (self.number_edit, self.date_edit, self.salutation_edit):
            edit.editingFinished.connect(self.save_settings_from_form)
        self.subject_edit.installEventFilter(self)
        self.signer_combo.activated.connect(self.save_settings_from_form)
        # The table is rebuilt after a save: never inside its own itemChanged signal.
        self.chain_table.itemChanged.connect(
            lambda *_: None if self._loading else QTimer.singleShot(0, self.save_chain_from_form)
        )
        child(self.widget, QPushButton, "add_step_button").clicked.connect(self._add_step)
        child(self.widget, QPushButton, "remove_step_button").clicked.connect(self._remove_step)
        child(self.widget, QPushButton, "up_step_button").clicked.connect(lambda: self._move(-1))
        child(self.widget, QPushButton, "down_step_button").clicked.connect(lambda: self._move(1))
        child(self.widget, QPushButton, "emblem_button").clicked.connect(self._choose_emblem)
        child(self.widget, QPushButton, "emblem_clear_button").clicked.connect(
            lambda: self._set_emblem(None)
        )
        child(self.widget, QPushButton, "preview_memo_button").clicked.connect(
            lambda: self.open_preview(self.current_document())
        )
        child(self.widget, QPushButton, "preview_report_button").clicked.connect(
            lambda: self.open_preview(DocumentKind.REPORT)
        )

    def eventFilter(self, watched: QObject, event) -> bool:
        if watched is self.subject_edit and event.type() == event.Type.FocusOut:
            self.save_settings_from_form()
        return super().eventFilter(watched, event)

    @property
    def kind(self) -> str:
        return str(self.kind_combo.currentData() or MEMO_ANALYSIS)

    def current_document(self) -> DocumentKind:
        for kind, _, document in MEMO_CHOICES:
            if kind == self.kind:
                return document
        return DocumentKind.MEMO

    # ------------------------------------------------------------------ loading

    def set_cycle(self, cycle: AssessmentCycle) -> None:
        self._year = cycle.assessed_year
        self.title_label.setText(f"บันทึกข้อความและพิมพ์ — {cycle.label_th}")
        self.refresh()

    def refresh(self) -> None:
        if self._year is None:
            return
        self._loading = True
        try:
            office = self._services.office.profile()
            self.section_combo.clear()
            self.section_combo.addItems([unit.name for unit in office.units])
            self.section_combo.setEditText(self._services.memos.section())
            self.signer_combo.clear()
            first = office.people[0].display_name if office.people else "-"
            self.signer_combo.addItem(f"(ค่าเริ่มต้น: {first})", NO_PERSON)
            for person in office.people:
                self.signer_combo.addItem(f"{person.display_name} — {person.position}", person.id)
            settings = self._services.memos.settings(self._year, self.kind)
            self.number_edit.setText(settings.running_number)
            self.date_edit.setText(
                format_thai_date(settings.memo_date, "full", thai_digits=True)
                if settings.memo_date
                else ""
            )
            self.salutation_edit.setText(settings.salutation)
            self.subject_edit.setPlainText(settings.subject)
            self._fill_placeholders()
            index = (
                self.signer_combo.findData(settings.signer_person_id)
                if settings.signer_person_id is not None
                else 0
            )
            self.signer_combo.setCurrentIndex(max(index, 0))
            self._shown_kind = self.kind
            emblem = self._services.settings.document_settings().emblem_path
            self.emblem_label.setText(str(emblem) if emblem else "ไม่ใช้รูป (เว้นที่ว่างไว้)")
            self._fill_chain(office.people)
        finally:
            self._loading = False

    def _fill_placeholders(self) -> None:
        """Show the drafted subject and salutation as placeholders: empty means 'use these'."""
        try:
            draft = self._services.memos.build(self._year or 0, self.kind)
        except UserError:
            return
        self.salutation_edit.setPlaceholderText(draft.salutation)
        self.subject_edit.setPlaceholderText(draft.subject)

    def _fill_chain(self, people) -> None:
        steps = self._services.memos.comment_chain()
        self.chain_table.setRowCount(0)
        for step in steps:
            self._append_step_row(step, people)

    def _append_step_row(self, step: CommentStep, people) -> int:
        row = self.chain_table.rowCount()
        self.chain_table.insertRow(row)
        self.chain_table.setItem(row, COLUMN_HEADING, QTableWidgetItem(step.heading))
        self.chain_table.setItem(row, COLUMN_COMMENT, QTableWidgetItem(step.comment))
        combo = QComboBox()
        combo.addItem("(เว้นว่างไว้)", NO_PERSON)
        for person in people:
            combo.addItem(f"{person.display_name} — {person.position}", person.id)
        combo.setCurrentIndex(max(combo.findData(step.person_id), 0))
        combo.activated.connect(self.save_chain_from_form)
        self.chain_table.setCellWidget(row, COLUMN_PERSON, combo)
        return row

    # ------------------------------------------------------------------ saving

    def settings_from_form(self) -> MemoSettings:
        assert self._year is not None
        text = self.date_edit.text().strip()
        memo_date = parse_thai_date(text) if text else None
        return MemoSettings(
            fiscal_year=self._year,
            kind=self.kind,
            running_number=self.number_edit.text().strip(),
            memo_date=memo_date,
            signer_person_id=_person_id(self.signer_combo.currentData()),
            subject=self.subject_edit.toPlainText().strip(),
            salutation=self.salutation_edit.text().strip(),
            paragraphs=self._services.memos.settings(self._year, self.kind).paragraphs,
        )

    def save_settings_from_form(self) -> None:
        if self._loading or self._year is None:
            return
        try:
            new = self.settings_from_form()
        except ValueError:
            self.error_label.setText(
                f"วันที่: “{self.date_edit.text()}” อ่านไม่ได้ — พิมพ์เช่น ๗ มกราคม ๒๕๖๙ "
                "หรือ 7 ม.ค. 69 หรือเว้นว่างไว้ (ยังไม่ได้บันทึก)"
            )
            return
        old = self._services.memos.settings(self._year, self.kind)
        if new == old:
            return
        self.error_label.clear()
        try:
            self._undo_stack.push(SaveMemoSettingsCommand(self._services, new, old, self.refresh))
        except UserError as error:
            self.error_label.setText(error.message)

    def flush(self) -> None:
        self.save_settings_from_form()

    def _on_kind_changed(self) -> None:
        """Save the fields of the memo kind the form showed, then show the chosen kind."""
        if self._loading:
            return
        chosen = self.kind_combo.currentIndex()
        self.kind_combo.blockSignals(True)
        try:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(self._shown_kind))
            self.save_settings_from_form()
            self.kind_combo.setCurrentIndex(chosen)
        finally:
            self.kind_combo.blockSignals(False)
        self.refresh()

    def chain_from_form(self) -> list[CommentStep]:
        steps = []
        for row in range(self.chain_table.rowCount()):
            heading = self.chain_table.item(row, COLUMN_HEADING)
            comment = self.chain_table.item(row, COLUMN_COMMENT)
            combo = self.chain_table.cellWidget(row, COLUMN_PERSON)
            steps.append(
                CommentStep(
                    heading=heading.text().strip() if heading else "",
                    person_id=_person_id(combo.currentData())
                    if isinstance(combo, QComboBox)
                    else None,
                    comment=comment.text().strip() if comment else "",
                )
            )
        return steps

    def save_chain_from_form(self) -> None:
        if self._loading:
            return
        new = self.chain_from_form()
        old = self._services.memos.comment_chain()
        strip = [dataclasses.replace(step, id=None) for step in old]
        if new == strip:
            return
        problems = [n for n, step in enumerate(new, start=1) if not step.heading]
        if problems:
            self.error_label.setText(
                f"ลำดับความเห็นที่ {problems[0]}: ต้องมีหัวข้อ เช่น “ความเห็นของปลัด” (ยังไม่ได้บันทึก)"
            )
            return
        self.error_label.clear()
        self._undo_stack.push(SaveCommentChainCommand(self._services, new, strip, self.refresh))

    def _add_step(self) -> None:
        people = self._services.office.profile().people
        self._loading = True
        row = self._append_step_row(CommentStep("ความเห็นของ", None), people)
        self._loading = False
        self.chain_table.setCurrentCell(row, COLUMN_HEADING)
        self.chain_table.editItem(self.chain_table.item(row, COLUMN_HEADING))

    def _remove_step(self) -> None:
        row = self.chain_table.currentRow()
        if row >= 0:
            self.chain_table.removeRow(row)
            self.save_chain_from_form()

    def _move(self, delta: int) -> None:
        row = self.chain_table.currentRow()
        steps = self.chain_from_form()
        target = row + delta
        if row < 0 or not 0 <= target < len(steps):
            return
        steps[row], steps[target] = steps[target], steps[row]
        old = [dataclasses.replace(s, id=None) for s in self._services.memos.comment_chain()]
        self._undo_stack.push(SaveCommentChainCommand(self._services, steps, old, self.refresh))
        self.chain_table.setCurrentCell(target, COLUMN_HEADING)

    def _on_section_changed(self) -> None:
        if self._loading:
            return
        new = self.section_combo.currentText().strip()
        old = self._services.memos.section()
        if new == old:
            return
        if not new:
            self.error_label.setText("ส่วนราชการ: ต้องระบุชื่อสำนักหรือกองที่ทำบันทึก")
            return
        self._undo_stack.push(
            ValueCommand(
                lambda value: self._services.memos.set_section(str(value)),
                new,
                old,
                self.refresh,
                "แก้ส่วนราชการ",
            )
        )

    def _choose_emblem(self) -> None:
        path = dialogs.choose_open_file(
            self.widget, "เลือกรูปตราครุฑหรือตราหน่วยงาน", "รูปภาพ (*.png *.jpg *.jpeg)"
        )
        if path is not None:
            self._set_emblem(path)

    def _set_emblem(self, path: Path | None) -> None:
        old = self._services.settings.document_settings().emblem_path
        if path is not None and not path.is_file():
            self.error_label.setText(f"ไม่พบไฟล์ {path} — เลือกไฟล์รูป PNG หรือ JPG")
            return
        self.error_label.clear()
        self._undo_stack.push(
            ValueCommand(
                lambda value: self._services.settings.set_emblem_path(value),  # type: ignore[arg-type]
                path,
                old,
                self.refresh,
                "เปลี่ยนรูปตรา",
            )
        )

    # ------------------------------------------------------------------ printing

    def open_preview(self, what: str) -> None:
        if self._year is None:
            return
        from itadesk.ui.preview import PreviewDialog

        self.save_settings_from_form()
        try:
            warnings = self._services.documents.preflight(self._year)
            prepared = self._services.documents.prepare(what, self._year)
        except UserError as error:
            self.error_label.setText(error.message)
            return
        self.error_label.clear()
        self.preflight_label.setText(
            ("ตรวจก่อนพิมพ์:\n" + "\n".join(f"• {w}" for w in warnings)) if warnings else ""
        )
        dialog = PreviewDialog(prepared, self.widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.previews.append(dialog)
        dialog.finished.connect(lambda _=None, d=dialog: self.previews.remove(d))
        dialog.show()
        dialog.start()
