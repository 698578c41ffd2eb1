"""The score import dialog: choose a CSV/XLSX file or paste text from a web page or PDF, see
every score that would change and every line that cannot be read, then import in one undoable
step. Nothing is written before the clerk presses “นำเข้า”.

A file is read in a worker thread (an XLSX can take a while): a progress bar counts the rows
read and “หยุดอ่านไฟล์” stops it; the window stays responsive meanwhile."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from itadesk.domain.frameworks import Framework
from itadesk.domain.score_import import ImportPreview, parse_score_text
from itadesk.domain.scoring import fmt
from itadesk.errors import UserError
from itadesk.services import Services
from itadesk.services.score_import import (
    FILE_FILTER_TH,
    ImportCancelledError,
    ImportChange,
    ReadProgress,
    changes,
    label_th,
    read_import_file,
    save_template,
    write_scores,
    year_warning_th,
)
from itadesk.ui import dialogs
from itadesk.ui.styles import Role, set_role
from itadesk.ui.uiloader import child, load_ui
from itadesk.ui.workers import Cancellation, run_cancellable_task

Refresh = Callable[[], None]

COLUMNS = ("ตัวชี้วัด/รหัส", "คะแนนเดิม", "คะแนนใหม่", "ที่มา บรรทัด")
COLUMN_TARGET, COLUMN_OLD, COLUMN_NEW, COLUMN_SOURCE = range(4)
CHANGED_BACKGROUND = QColor("#fff4ce")
UNCHANGED_FOREGROUND = QColor("#6b6b6b")
TEMPLATE_SUGGESTED_NAME = "ตัวอย่างนำเข้าคะแนน ITA.csv"


def choose_save_file(
    parent: QWidget | None, title: str, suggested: str, filters: str
) -> Path | None:
    """Ask where to save a file (module level so tests patch it, like ``dialogs``)."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return Path(name) if name else None


class ImportScoresCommand(QUndoCommand):
    """One import = one undo step: indicator and item scores written in one transaction."""

    def __init__(
        self,
        services: Services,
        fiscal_year: int,
        new: tuple[Mapping[int, Decimal | None], Mapping[str, Decimal | None]],
        old: tuple[Mapping[int, Decimal | None], Mapping[str, Decimal | None]],
        refresh: Refresh,
        text: str,
    ) -> None:
        super().__init__(text)
        self._services, self._year, self._refresh = services, fiscal_year, refresh
        self._new = (dict(new[0]), dict(new[1]))
        self._old = (dict(old[0]), dict(old[1]))

    def redo(self) -> None:
        write_scores(self._services, self._year, *self._new)
        self._refresh()

    def undo(self) -> None:
        write_scores(self._services, self._year, *self._old)
        self._refresh()


class ImportDialog(QObject):
    def __init__(
        self,
        services: Services,
        undo_stack: QUndoStack,
        fiscal_year: int,
        refresh: Refresh,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        self._year = fiscal_year
        self._refresh = refresh
        self._preview: ImportPreview | None = None
        self._changes: list[ImportChange] = []
        # For the caller's status bar after a successful import.
        self.result_message_th: str | None = None

        form = load_ui("import_dialog", parent)
        assert isinstance(form, QDialog)
        self.dialog: QDialog = form
        self.intro_label = child(self.dialog, QLabel, "intro_label")
        self.choose_file_button = child(self.dialog, QPushButton, "choose_file_button")
        self.read_progress_bar = child(self.dialog, QProgressBar, "read_progress_bar")
        self.cancel_read_button = child(self.dialog, QPushButton, "cancel_read_button")
        self.save_template_button = child(self.dialog, QPushButton, "save_template_button")
        self.paste_edit = child(self.dialog, QPlainTextEdit, "paste_edit")
        self.read_text_button = child(self.dialog, QPushButton, "read_text_button")
        self.source_label = child(self.dialog, QLabel, "source_label")
        self.preview_table = child(self.dialog, QTableWidget, "preview_table")
        self.summary_label = child(self.dialog, QLabel, "summary_label")
        self.warning_label = child(self.dialog, QLabel, "warning_label")
        self.problems_label = child(self.dialog, QLabel, "problems_label")
        self.problems_list = child(self.dialog, QListWidget, "problems_list")
        self.import_button = child(self.dialog, QPushButton, "import_button")
        self.cancel_button = child(self.dialog, QPushButton, "cancel_button")

        self.dialog.setWindowTitle(f"นำเข้าคะแนน ITA ปีงบประมาณ {fiscal_year}")
        self.intro_label.setText(
            f"นำเข้าคะแนนปีงบประมาณ {fiscal_year} จากไฟล์ CSV/Excel หรือข้อความที่คัดลอกจากหน้าเว็บหรือ PDF "
            "— ตรวจดูรายการด้านล่างก่อน โปรแกรมยังไม่บันทึกอะไรจนกว่าจะกด “นำเข้า” "
            "และย้อนกลับได้ทั้งชุดด้วย “เลิกทำ” (Ctrl+Z)"
        )
        set_role(self.warning_label, Role.WARNING)
        set_role(self.problems_label, Role.ERROR)
        self.preview_table.setColumnCount(len(COLUMNS))
        self.preview_table.setHorizontalHeaderLabels(list(COLUMNS))
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.verticalHeader().setVisible(False)
        header = self.preview_table.horizontalHeader()
        header.setSectionResizeMode(COLUMN_TARGET, QHeaderView.ResizeMode.Stretch)
        for column in (COLUMN_OLD, COLUMN_NEW, COLUMN_SOURCE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.import_button.setDefault(False)
        self.import_button.setAutoDefault(False)

        self.choose_file_button.clicked.connect(self.choose_file)
        self.save_template_button.clicked.connect(self.save_template)
        self.read_text_button.clicked.connect(self.read_text)
        self.import_button.clicked.connect(self.import_scores)
        self.cancel_button.clicked.connect(self.dialog.reject)
        self.cancel_read_button.clicked.connect(self.cancel_reading)
        self.dialog.finished.connect(self.cancel_reading)
        self._reading: Cancellation | None = None

        self._framework: Framework | None = None
        try:
            self._framework = services.frameworks.get(fiscal_year)
        except UserError as error:
            # A year that holds data but has no framework: nothing can be checked, so nothing
            # can be imported; say why instead of failing to open.
            self.warning_label.setText(error.message)
            for widget in (self.choose_file_button, self.read_text_button, self.paste_edit):
                widget.setEnabled(False)
        self._show(None, "")

    def exec(self) -> int:
        return self.dialog.exec()

    # ------------------------------------------------------------------ reading

    def choose_file(self) -> None:
        path = dialogs.choose_open_file(self.dialog, "เลือกไฟล์คะแนน", FILE_FILTER_TH)
        if path is not None:
            self.load_file(path)

    @property
    def reading(self) -> bool:
        """True while a file is being read in the background."""
        return self._reading is not None

    def load_file(self, path: Path) -> None:
        """Read ``path`` in a worker thread; the preview shows when it is done."""
        framework = self._framework
        if framework is None or self._reading is not None:
            return

        def read(progress: ReadProgress, cancelled: Cancellation) -> ImportPreview:
            return read_import_file(path, framework, progress=progress, cancelled=cancelled)

        def done(preview: object) -> None:
            self._set_reading(None)
            assert isinstance(preview, ImportPreview)
            self._show(preview, f"จากไฟล์ {path.name}")

        def failed(error: BaseException, _details: str) -> None:
            self._set_reading(None)
            if isinstance(error, ImportCancelledError):
                self.source_label.setText(error.message)
            elif isinstance(error, UserError):
                dialogs.show_error(self.dialog, "อ่านไฟล์ไม่ได้", error.message)
            else:
                raise error

        self.source_label.setText(f"กำลังอ่านไฟล์ {path.name} …")
        self._set_reading(run_cancellable_task(read, done, failed, self._show_read_progress))

    def cancel_reading(self) -> None:
        """Ask the reading in progress to stop (its worker says so when it has)."""
        if self._reading is not None:
            self._reading.cancel()
            self.cancel_read_button.setEnabled(False)

    def _set_reading(self, reading: Cancellation | None) -> None:
        self._reading = reading
        busy = reading is not None
        self.read_progress_bar.setRange(0, 0)  # rows of a sheet: the total is not known
        self.read_progress_bar.setFormat("")
        self.read_progress_bar.setVisible(busy)
        self.cancel_read_button.setVisible(busy)
        self.cancel_read_button.setEnabled(busy)
        self.choose_file_button.setEnabled(not busy)
        self.read_text_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy and bool(self._changes))

    def _show_read_progress(self, rows: object) -> None:
        if self._reading is not None:
            self.source_label.setText(f"กำลังอ่านไฟล์ … อ่านแล้ว {rows} แถว")

    def read_text(self) -> None:
        if self._framework is None:
            return
        text = self.paste_edit.toPlainText()
        if not text.strip():
            self._show(None, "")
            self.summary_label.setText("ยังไม่มีข้อความ — วางข้อความที่คัดลอกมาในช่องด้านบนก่อน")
            return
        try:
            preview = parse_score_text(text, self._framework)
        except UserError as error:
            dialogs.show_error(self.dialog, "อ่านข้อความไม่ได้", error.message)
            return
        self._show(preview, "จากข้อความที่วาง")

    def save_template(self) -> None:
        target = choose_save_file(
            self.dialog,
            "บันทึกไฟล์ตัวอย่างสำหรับนำเข้าคะแนน",
            str(Path.home() / TEMPLATE_SUGGESTED_NAME),
            "ไฟล์ CSV (*.csv)",
        )
        if target is None:
            return
        if target.suffix.lower() != ".csv":
            target = target.with_name(target.name + ".csv")
        try:
            save_template(target)
        except UserError as error:
            dialogs.show_error(self.dialog, "บันทึกไฟล์ตัวอย่างไม่ได้", error.message)
            return
        self.source_label.setText(
            f"บันทึกไฟล์ตัวอย่างที่ {target} แล้ว — เปิดใน Excel กรอกคะแนน บันทึก แล้วกด “เลือกไฟล์…”"
        )

    # ------------------------------------------------------------------ preview

    @property
    def preview(self) -> ImportPreview | None:
        return self._preview

    def _show(self, preview: ImportPreview | None, source_th: str) -> None:
        self._preview = preview
        self._changes = changes(self._services, self._year, preview) if preview else []
        self.source_label.setText(source_th)
        self._fill_table()
        self.problems_list.clear()
        problems = preview.problems if preview else ()
        for problem in problems:
            self.problems_list.addItem(problem.message_th)
        self.problems_label.setVisible(bool(problems))
        self.problems_list.setVisible(bool(problems))
        if self._framework is not None:
            warning = year_warning_th(preview, self._year) if preview else None
            self.warning_label.setText(warning or "")
        self.summary_label.setText(self._summary_th())
        self.import_button.setEnabled(bool(self._changes))

    def _summary_th(self) -> str:
        if self._preview is None:
            return "เลือกไฟล์ หรือวางข้อความแล้วกด “อ่านข้อความ” เพื่อดูคะแนนที่จะนำเข้า"
        changed = sum(1 for change in self._changes if change.changed)
        problems = len(self._preview.problems)
        if not self._changes:
            return "ไม่พบคะแนนที่อ่านได้ — แต่ละบรรทัดต้องมีตัวชี้วัดหรือรหัสข้อ แล้วตามด้วยคะแนน 0 ถึง 100" + (
                f" (อ่านไม่ได้ {problems} รายการ ดูด้านล่าง)" if problems else ""
            )
        text = f"อ่านได้ {len(self._changes)} รายการ คะแนนเปลี่ยน {changed} รายการ (แถบสี)"
        if problems:
            text += f" — อ่านไม่ได้ {problems} รายการ ซึ่งจะไม่นำเข้า"
        return text

    def _fill_table(self) -> None:
        table = self.preview_table
        table.setRowCount(len(self._changes))
        assert self._framework is not None or not self._changes
        bold = QFont(table.font())
        bold.setBold(True)
        for row, change in enumerate(self._changes):
            framework = self._framework
            assert framework is not None
            where = self._preview.where_th(change.row) if self._preview else ""
            cells = (
                label_th(framework, change.row.target),
                "–" if change.old is None else fmt(change.old),
                fmt(change.row.value),
                where,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (COLUMN_OLD, COLUMN_NEW):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == COLUMN_SOURCE:
                    item.setToolTip(change.row.source)
                if change.changed:
                    item.setBackground(QBrush(CHANGED_BACKGROUND))
                    if column == COLUMN_NEW:
                        item.setFont(bold)
                else:
                    item.setForeground(QBrush(UNCHANGED_FOREGROUND))
                table.setItem(row, column, item)

    # ------------------------------------------------------------------ importing

    def import_scores(self) -> None:
        preview = self._preview
        if preview is None or not preview.rows:
            return
        # Old values as stored now, so undo restores exactly what the import replaced.
        self._changes = changes(self._services, self._year, preview)
        notes = []
        if preview.problems:
            notes.append(f"มี {len(preview.problems)} รายการที่อ่านไม่ได้และจะไม่นำเข้า")
        warning = year_warning_th(preview, self._year)
        if warning:
            notes.append(warning)
        if notes and not dialogs.ask_yes_no(
            self.dialog,
            "นำเข้าคะแนน",
            "\n".join(notes)
            + f"\n\nนำเข้าเฉพาะ {len(self._changes)} รายการที่อ่านได้ลงปีงบประมาณ {self._year}?",
        ):
            return
        new_indicators = {
            change.row.indicator: change.row.value
            for change in self._changes
            if change.row.indicator is not None
        }
        old_indicators = {
            change.row.indicator: change.old
            for change in self._changes
            if change.row.indicator is not None
        }
        new_items = {c.row.target: c.row.value for c in self._changes if c.row.indicator is None}
        old_items = {c.row.target: c.old for c in self._changes if c.row.indicator is None}
        count = len(self._changes)
        command = ImportScoresCommand(
            self._services,
            self._year,
            (new_indicators, new_items),
            (old_indicators, old_items),
            self._refresh,
            f"นำเข้าคะแนน {count} รายการ ปี {self._year}",
        )
        try:
            self._undo_stack.push(command)
        except UserError as error:  # pragma: no cover - the preview holds only valid scores
            dialogs.show_error(self.dialog, "นำเข้าคะแนนไม่ได้", error.message)
            return
        self.result_message_th = (
            f"นำเข้าคะแนน {count} รายการของปีงบประมาณ {self._year} แล้ว (เลิกทำได้ด้วย Ctrl+Z)"
        )
        self.dialog.accept()
