"""Preview and print: the PDF is rendered in a worker thread into a temporary file, shown in a
QPdfView, printed through the system print dialog, or saved (copied atomically); the editable
Word copy (.docx) is written from the same prepared data, in a worker thread too."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QProgressBar,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from itadesk.domain.road import ProducedHow
from itadesk.errors import UserError
from itadesk.fileio import copy_atomically, os_error_th
from itadesk.services.documents import PreparedDocument
from itadesk.ui import dialogs
from itadesk.ui.geometry import fit_to_screen
from itadesk.ui.styles import Role, set_role
from itadesk.ui.workers import run_task

log = logging.getLogger(__name__)

# Pages go to the printer as pictures. 300 dpi is sharp for text on paper and keeps one A4
# page at about 35 MB; a 600 or 1200 dpi printer gets the same picture scaled by the painter
# instead of a page-sized picture of 140 MB or 560 MB.
PRINT_RENDER_DPI = 300
POINTS_PER_INCH = 72


def save_copy_atomically(source: Path, target: Path) -> None:
    """Copy the rendered PDF next to the target, then rename: never a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    copy_atomically(source, target)


def _page_picture(document: QPdfDocument, page: int, dpi: int) -> QImage:
    """One page at ``dpi``, on white paper (pdfium leaves the background transparent, and
    a picture with an alpha channel prints slowly or darkly on some drivers)."""
    points = document.pagePointSize(page)
    size = QSize(
        max(1, round(points.width() * dpi / POINTS_PER_INCH)),
        max(1, round(points.height() * dpi / POINTS_PER_INCH)),
    )
    image = document.render(page, size)
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOver)
    painter.fillRect(image.rect(), QColor("white"))
    painter.end()
    image.convertTo(QImage.Format.Format_RGB32)  # in place: no second copy of the page
    return image


def print_pdf(document: QPdfDocument, printer: QPrinter) -> bool:
    """Paint every page of ``document`` on ``printer`` at its real size on the paper.

    Each page is rendered at no more than PRINT_RENDER_DPI and scaled up by the painter, and
    each picture is dropped before the next page, so memory stays bounded whatever the
    printer's resolution and the number of pages. Returns False when the printer cannot
    start (the caller tells the clerk)."""
    printer.setFullPage(True)  # the PDF pages carry their own margins
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        dpi = min(printer.resolution(), PRINT_RENDER_DPI)
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        for page in range(document.pageCount()):
            if page and not printer.newPage():
                return False
            points = document.pagePointSize(page)
            # Real size (1 pt = resolution/72 device pixels), shrunk only if the paper is
            # smaller than the page; centred on the paper.
            scale = min(
                printer.resolution() / POINTS_PER_INCH,
                paper.width() / points.width(),
                paper.height() / points.height(),
            )
            width, height = points.width() * scale, points.height() * scale
            target = QRectF(
                paper.x() + (paper.width() - width) / 2,
                paper.y() + (paper.height() - height) / 2,
                width,
                height,
            )
            picture = _page_picture(document, page, dpi)
            painter.drawImage(target, picture)
            del picture
    finally:
        painter.end()
    return True


class PreviewDialog(QDialog):
    """Shows one prepared document; the job runs when the dialog opens. ``produced`` tells
    how the document left the program (a ``ProducedHow`` value) and the file written ("" for
    the printer), so the year's road can record it."""

    produced = Signal(str, str)

    def __init__(self, prepared: PreparedDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"ตัวอย่างก่อนพิมพ์ — {prepared.title_th}")
        fit_to_screen(self, QSize(900, 1000))  # an A4 page, on a screen that may be 600 high
        self._prepared = prepared
        self._folder = tempfile.TemporaryDirectory(prefix="itadesk-preview-")
        self.pdf_path = Path(self._folder.name) / prepared.suggested_file_name
        self.ready = False
        self.error_message = ""

        layout = QVBoxLayout(self)
        self.toolbar = QToolBar(self)
        self.print_action = QAction("พิมพ์…", self)
        self.print_action.triggered.connect(self._on_print_triggered)
        self.save_action = QAction("บันทึกเป็น PDF…", self)
        self.save_action.triggered.connect(self._on_save_triggered)
        # the editable Word copy, made from the same data (none for the proof sheet)
        self.word_action = QAction("บันทึกเป็น Word…", self)
        self.word_action.triggered.connect(self._on_word_triggered)
        for action in (self.print_action, self.save_action, self.word_action):
            action.setEnabled(False)
            self.toolbar.addAction(action)
        self.word_action.setVisible(prepared.word_job is not None)
        self.word_path: Path | None = None  # the last Word copy saved
        layout.addWidget(self.toolbar)
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
        self._show_page_count()
        for action in (self.print_action, self.save_action):
            action.setEnabled(True)
        self.word_action.setEnabled(self._prepared.word_job is not None)

    def _show_page_count(self) -> None:
        self.status_label.setText(f"{self._prepared.title_th} — {self.document.pageCount()} หน้า")

    def _on_failed(self, error: BaseException, details: str) -> None:
        self.progress.hide()
        if isinstance(error, UserError):
            self.error_message = error.message
        else:
            self.error_message = "จัดหน้าเอกสารไม่สำเร็จ ข้อมูลทั้งหมดยังอยู่ครบ — โปรดแจ้งผู้ดูแลพร้อมไฟล์บันทึก"
            log.error("render failed: %s\n%s", error, details)
        self.status_label.setText(self.error_message)
        set_role(self.status_label, Role.ERROR)

    # ------------------------------------------------------------------ save

    def _on_save_triggered(self) -> None:
        """The toolbar's save: ask where, then save; a cancelled dialog changes nothing."""
        if not self.ready:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, "บันทึกเป็น PDF", self._prepared.suggested_file_name, "PDF (*.pdf)"
        )
        if name:
            self.save_pdf(Path(name))

    def save_pdf(self, target: Path) -> Path | None:
        """Save the rendered PDF as ``target`` (".pdf" added if missing); the path saved, or
        None after telling the clerk why it could not be saved."""
        if not self.ready:
            return None
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
        self.status_label.setText(f"บันทึกไว้ที่ {target}")
        self.produced.emit(str(ProducedHow.PDF), str(target))
        return target

    # ------------------------------------------------------------------ Word copy

    def _on_word_triggered(self) -> None:
        """The toolbar's Word button: ask where, then write the .docx in a worker thread."""
        if self._prepared.word_job is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, "บันทึกเป็น Word", self._prepared.suggested_word_name, "Word (*.docx)"
        )
        if name:
            self.save_word(Path(name))

    def save_word(self, target: Path) -> None:
        """Write the editable Word copy as ``target`` (".docx" added if missing) in a worker
        thread; the status line says when it is saved or why it could not be."""
        job = self._prepared.word_job
        if job is None:
            return
        if target.suffix.lower() != ".docx":
            target = target.with_suffix(".docx")
        self.word_action.setEnabled(False)
        self.status_label.setText("กำลังสร้างไฟล์ Word…")

        def saved(_result: object) -> None:
            self.word_action.setEnabled(True)
            self.word_path = target
            self.status_label.setText(f"บันทึกไฟล์ Word ไว้ที่ {target}")
            self.produced.emit(str(ProducedHow.WORD), str(target))

        def failed(error: BaseException, details: str) -> None:
            self.word_action.setEnabled(True)
            self._show_page_count()
            if isinstance(error, OSError):
                message = (
                    f"บันทึก {target} ไม่ได้ ({os_error_th(error)}) — เลือกโฟลเดอร์อื่น "
                    "หรือตรวจว่าดิสก์ไม่เต็ม และไฟล์เดิมไม่ได้เปิดอยู่ใน Word"
                )
            elif isinstance(error, UserError):
                message = error.message
            else:
                log.error("Word copy failed: %s\n%s", error, details)
                message = "สร้างไฟล์ Word ไม่สำเร็จ ข้อมูลทั้งหมดยังอยู่ครบ — โปรดแจ้งผู้ดูแลพร้อมไฟล์บันทึก"
            dialogs.show_error(self, "บันทึกไฟล์ Word ไม่ได้", message)

        run_task(lambda: job(target), saved, failed)

    # ------------------------------------------------------------------ print

    def _on_print_triggered(self) -> None:
        """The toolbar's print: the system print dialog, then every page to the printer."""
        if not self.ready:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.document.pageCount():
            # Offer the document's own paper (A4) rather than the locale's default.
            points = self.document.pagePointSize(0)
            printer.setPageSize(QPageSize(points, QPageSize.Unit.Point))
            printer.setPageOrientation(
                QPageLayout.Orientation.Landscape
                if points.width() > points.height()
                else QPageLayout.Orientation.Portrait
            )
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_document(printer)

    def print_document(self, printer: QPrinter) -> bool:
        """Print every page on ``printer`` (already chosen by the clerk); True when sent."""
        if not self.ready:
            return False
        self.status_label.setText("กำลังส่งเอกสารไปยังเครื่องพิมพ์…")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            printed = print_pdf(self.document, printer)
        finally:
            QApplication.restoreOverrideCursor()
        if not printed:
            self._show_page_count()
            dialogs.show_error(
                self,
                "พิมพ์ไม่ได้",
                "เครื่องพิมพ์ไม่พร้อม — ตรวจว่าเปิดเครื่องและเชื่อมต่อแล้ว หรือบันทึกเป็น PDF แทน",
            )
            return False
        self.status_label.setText(
            f"ส่งไปพิมพ์แล้ว {self.document.pageCount()} หน้า — {self._prepared.title_th}"
        )
        self.produced.emit(str(ProducedHow.PRINTED), "")
        return True

    def done(self, result: int) -> None:
        self.document.close()
        self._folder.cleanup()
        super().done(result)
