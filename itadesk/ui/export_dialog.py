"""The "สร้างชุดไฟล์สำหรับเว็บไซต์" dialog: pick a folder or a ZIP, optionally the scanned signed
memo and other scans and the editable Word copies, and export the year's web bundle.

The data are gathered on the GUI thread (``prepare_bundle`` reads the database, which belongs to
this thread); rendering and writing run on the thread pool (``BundleJob.run`` touches no
database), reporting progress through a signal.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QWidget,
)

from itadesk.errors import UserError
from itadesk.services.export import EXTRA_SUFFIXES, KIND_MEASURES, prepare_bundle
from itadesk.ui import dialogs
from itadesk.ui.uiloader import child, load_ui
from itadesk.ui.workers import run_task

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from itadesk.services import Services

EXTRA_ROLE = Qt.ItemDataRole.UserRole
TITLE = "สร้างชุดไฟล์สำหรับเว็บไซต์"
SCAN_FILTER = "ไฟล์สแกน (" + " ".join(f"*{s}" for s in EXTRA_SUFFIXES) + ")"


class _Progress(QObject):
    """Carries progress from the worker thread to the GUI thread (queued by Qt)."""

    changed = Signal(int, int)


class ExportDialog(QObject):
    """Controller of resources/ui/export_dialog.ui; ``exec()`` shows it modally."""

    def __init__(self, services: Services, fiscal_year: int, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._services = services
        self.fiscal_year = fiscal_year
        dialog = load_ui("export_dialog", parent)
        assert isinstance(dialog, QDialog)
        self.dialog = dialog
        self.dialog.setWindowTitle(f"{TITLE} ปีงบประมาณ {fiscal_year}")
        self.heading_label = child(self.dialog, QLabel, "heading_label")
        self.folder_radio = child(self.dialog, QRadioButton, "folder_radio")
        self.zip_radio = child(self.dialog, QRadioButton, "zip_radio")
        self.target_edit = child(self.dialog, QLineEdit, "target_edit")
        self.browse_button = child(self.dialog, QPushButton, "browse_button")
        self.extras_list = child(self.dialog, QListWidget, "extras_list")
        self.add_signed_button = child(self.dialog, QPushButton, "add_signed_button")
        self.add_file_button = child(self.dialog, QPushButton, "add_file_button")
        self.remove_button = child(self.dialog, QPushButton, "remove_button")
        self.warnings_label = child(self.dialog, QLabel, "warnings_label")
        self.word_check = child(self.dialog, QCheckBox, "word_check")
        self.progress_bar = child(self.dialog, QProgressBar, "progress_bar")
        self.status_label = child(self.dialog, QLabel, "status_label")
        self.export_button = child(self.dialog, QPushButton, "export_button")
        self.close_button = child(self.dialog, QPushButton, "close_button")
        self.heading_label.setText(
            f"ผลการประเมิน ITA ปีงบประมาณ {fiscal_year} และมาตรการปี {fiscal_year + 1}: "
            "หน้าเว็บ index.html เอกสาร PDF แยกโฟลเดอร์ตามข้อ OIT และข้อมูล CSV/JSON "
            "พร้อมนำขึ้นเว็บไซต์ของหน่วยงาน"
        )
        self._progress = _Progress(self)
        self._progress.changed.connect(self._show_progress)
        self.running = False
        self.last_target: Path | None = None

        self.zip_radio.toggled.connect(self._format_changed)
        self.browse_button.clicked.connect(self.browse)
        self.add_signed_button.clicked.connect(self.add_signed_memo)
        self.add_file_button.clicked.connect(self.add_attachment)
        self.remove_button.clicked.connect(self.remove_selected)
        self.export_button.clicked.connect(self.export)
        self.close_button.clicked.connect(self.dialog.reject)
        self._show_warnings()

    def exec(self) -> int:
        return self.dialog.exec()

    # ------------------------------------------------------------------ choices

    def _show_warnings(self) -> None:
        try:
            warnings = self._services.documents.preflight(self.fiscal_year)
            if not self._services.frameworks.get(self.fiscal_year).document_items:
                warnings.append(
                    f"ยังไม่ทราบเลขข้อ OIT ของปีงบประมาณ {self.fiscal_year} "
                    "จึงตั้งชื่อโฟลเดอร์ตามชนิดเอกสาร (measures, results)"
                )
        except UserError as error:
            warnings = [error.message]
        self.warnings_label.setText("\n".join(f"• {w}" for w in warnings))
        self.warnings_label.setVisible(bool(warnings))

    def _format_changed(self, as_zip: bool) -> None:
        """Keep the name's ending in step with the chosen format."""
        text = self.target_edit.text().strip()
        if not text:
            return
        if as_zip and not text.lower().endswith(".zip"):
            self.target_edit.setText(text.rstrip("/\\") + ".zip")
        elif not as_zip and text.lower().endswith(".zip"):
            self.target_edit.setText(text[:-4])

    def browse(self) -> None:
        """Pick the folder the bundle goes in; the bundle's own name is suggested (and can be
        edited in the box)."""
        folder = dialogs.choose_folder(self.dialog, "เลือกโฟลเดอร์ที่จะเก็บชุดไฟล์")
        if folder is None:
            return
        name = f"ita-{self.fiscal_year}-web" + (".zip" if self.zip_radio.isChecked() else "")
        self.target_edit.setText(str(folder / name))

    def _add(self, key: str, label: str, path: Path) -> None:
        item = QListWidgetItem(f"{label}: {path}")
        item.setData(EXTRA_ROLE, (key, str(path)))
        self.extras_list.addItem(item)

    def add_signed_memo(self) -> None:
        path = dialogs.choose_open_file(self.dialog, "เลือกไฟล์สแกนบันทึกข้อความที่ลงนามแล้ว", SCAN_FILTER)
        if path is None:
            return
        for row in range(self.extras_list.count()):  # one signed memo: the new one wins
            if self.extras_list.item(row).data(EXTRA_ROLE)[0] == "memo":
                self.extras_list.takeItem(row)
                break
        self._add("memo", "ใช้แทนบันทึกข้อความ", path)

    def add_attachment(self) -> None:
        path = dialogs.choose_open_file(self.dialog, "เลือกไฟล์ประกอบ", SCAN_FILTER)
        if path is not None:
            self._add(KIND_MEASURES, "ไฟล์ประกอบ", path)

    def remove_selected(self) -> None:
        for item in self.extras_list.selectedItems():
            self.extras_list.takeItem(self.extras_list.row(item))

    def extra_files(self) -> list[tuple[str, Path]]:
        pairs = []
        for row in range(self.extras_list.count()):
            key, path = self.extras_list.item(row).data(EXTRA_ROLE)
            pairs.append((key, Path(path)))
        return pairs

    # ------------------------------------------------------------------ export

    def _set_running(self, running: bool) -> None:
        self.running = running
        for widget in (
            self.export_button,
            self.close_button,
            self.browse_button,
            self.target_edit,
            self.folder_radio,
            self.zip_radio,
            self.add_signed_button,
            self.add_file_button,
            self.remove_button,
        ):
            widget.setEnabled(not running)

    def _show_progress(self, done: int, total: int) -> None:
        self.progress_bar.setMaximum(max(total, 1))
        self.progress_bar.setValue(done)

    def export(self) -> None:
        text = self.target_edit.text().strip()
        if not text:
            dialogs.show_error(self.dialog, TITLE, "ยังไม่ได้เลือกที่เก็บชุดไฟล์ — กด “เลือก…” ก่อน")
            return
        target = Path(text)
        if self.zip_radio.isChecked() and target.suffix.lower() != ".zip":
            target = target.with_name(target.name + ".zip")
        try:
            job = prepare_bundle(
                self._services,
                self.fiscal_year,
                target,
                extra_files=self.extra_files(),
                word_copies=self.word_check.isChecked(),
            )
        except UserError as error:
            dialogs.show_error(self.dialog, TITLE, error.message)
            return
        self._set_running(True)
        self.status_label.setText("กำลังสร้างชุดไฟล์…")
        progress = self._progress.changed.emit

        def done(written: Path) -> None:
            self._set_running(False)
            self.last_target = written
            try:
                self._services.road.record_bundle(self.fiscal_year, Path(written))
            except UserError as error:  # the bundle is written all the same
                log.warning("bundle not recorded: %s", error.message)
            self.status_label.setText(f"สร้างชุดไฟล์ที่ {written} แล้ว")
            dialogs.show_info(
                self.dialog,
                TITLE,
                f"สร้างชุดไฟล์ที่ {written} แล้ว — อัปโหลดทั้งชุดขึ้นเว็บไซต์ของหน่วยงาน "
                "แล้วเปิด index.html เพื่อตรวจสอบ",
            )

        def failed(error: BaseException, details: str) -> None:
            self._set_running(False)
            self.progress_bar.setValue(0)
            self.status_label.clear()
            if isinstance(error, UserError):
                dialogs.show_error(self.dialog, TITLE, error.message)
            else:
                dialogs.show_crash(self.dialog, details, None)

        run_task(lambda: job.run(progress), done, failed)
