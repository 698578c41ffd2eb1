"""Preview and print: the PDF is rendered in a worker thread into a temporary file, shown in a
QPdfView, printed through the system print dialog, or saved (copied atomically)."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtGui import QAction, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QProgressBar,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from itadesk.errors import UserError
from itadesk.fileio import copy_atomically, os_error_th
from itadesk.services.documents import PreparedDocument
from itadesk.ui import dialogs
from itadesk.ui.styles import ERROR_STYLE
from itadesk.ui.workers import run_task

log = logging.getLogger(__name__)


def save_copy_atomically(source: Path, target: Path) -> None:
    """Copy the rendered PDF next to the target, then rename: never a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    copy_atomically(source, target)


class PreviewDialog(QDialog):
    """Shows one prepared document; the job runs when the dialog opens."""

    def __init__(self, prepared: PreparedDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"ตัวอย่างก่อนพิมพ์ — {prepared.title_th}")
        self.resize(900, 1000)
        self._prepared = prepared
        self._folder = tempfile.TemporaryDirectory(prefix="itadesk-preview-")
        self.pdf_path = Path(self._folder.name) / prepared.suggested_file_name
        self.ready = False
        self.error_message = ""

        layout = QVBoxLayout(self)
        toolbar = QToolBar(self)
        self.print_action = QAction("พิมพ์…", self)
        self.print_action.triggered.connect(self.print_document)
        self.save_action = QAction("บันทึกเป็น PDF…", self)
        self.save_action.triggered.connect(self.save_pdf)
        for action in (self.print_action, self.save_action):
            action.setEnabled(False)
            toolbar.addAction(action)
        layout.addWidget(toolbar)
        self.status_label = QLabel("กำลังจัดหน้าเอกสาร…")
        layout.addWidget(self.status_label)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy indicator until the worker reports back
        layout.addWidget(self.progress)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        layout.addWidget(self.view, 1)

    def start(self) -> None:
        path = self.pdf_path
        run_task(lambda: self._prepared.job(path), self._on_rendered, self._on_failed)

    def _on_rendered(self, _result: object) -> None:
        self.progress.hide()
        error = self.document.load(str(self.pdf_path))
        if error != QPdfDocument.Error.None_:
            self._on_failed(RuntimeError(f"QPdfDocument: {error}"), "")
            return
        self.ready = True
        self.status_label.setText(f"{self._prepared.title_th} — {self.document.pageCount()} หน้า")
        for action in (self.print_action, self.save_action):
            action.setEnabled(True)

    def _on_failed(self, error: BaseException, details: str) -> None:
        self.progress.hide()
        if isinstance(error, UserError):
            self.error_message = error.message
        else:
            self.error_message = "จัดหน้าเอกสารไม่สำเร็จ ข้อมูลทั้งหมดยังอยู่ครบ — โปรดแจ้งผู้ดูแลพร้อมไฟล์บันทึก"
            log.error("render failed: %s\n%s", error, details)
        self.status_label.setText(self.error_message)
        self.status_label.setStyleSheet(ERROR_STYLE)

    def save_pdf(self, target: Path | None = None) -> Path | None:
        if not self.ready:
            return None
        if target is None:
            name, _ = QFileDialog.getSaveFileName(
                self, "บันทึกเป็น PDF", self._prepared.suggested_file_name, "PDF (*.pdf)"
            )
            if not name:
                return None
            target = Path(name)
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            save_copy_atomically(self.pdf_path, target)
        except OSError as error:
            dialogs.show_error(
                self,
                "บันทึกไฟล์ไม่ได้",
                f"บันทึก {target} ไม่ได้ ({os_error_th(error)}) — เลือกโฟลเดอร์อื่น "
                "หรือตรวจว่าดิสก์ไม่เต็ม และไฟล์เดิมไม่ได้เปิดอยู่ในโปรแกรมอื่น",
            )
            return None
        return target

    def print_document(self, printer: QPrinter | None = None) -> bool:
        """Print every page through the system dialog (or the given printer, for tests)."""
        if not self.ready:
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        painter = QPainter()
        if not painter.begin(printer):
            dialogs.show_error(
                self,
                "พิมพ์ไม่ได้",
                "เครื่องพิมพ์ไม่พร้อม — ตรวจว่าเปิดเครื่องและเชื่อมต่อแล้ว หรือบันทึกเป็น PDF แทน",
            )
            return False
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                target = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
                image = self.document.render(page, target.size())
                painter.drawImage(QPointF(0, 0), image)
        finally:
            painter.end()
        return True

    def done(self, result: int) -> None:
        self.document.close()
        self._folder.cleanup()
        super().done(result)
