"""List the Qt strings ITADesk's dialogs ask Qt to translate: ``(context, source)`` pairs.

Run it (``python tools/collect_qt_strings.py``, offscreen is fine) after adding a dialog or a
standard widget; pairs missing from ``resources/i18n/qtbase_th.ts`` are printed with
``MISSING``. A recording translator answers with the source (Qt keeps its English) and notes every
pair Qt asks for while each kind of dialog the app can open is shown and closed: message
boxes with each button set and with details, the text question, Qt's own (non-native) file
and folder choosers, the print dialog, a button box, the context menus of the text boxes and
spin boxes, a tool bar.
"""

from __future__ import annotations

import os
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QTimer, QTranslator
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtPrintSupport import QPageSetupDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTextEdit,
    QToolBar,
    QWidget,
)

TS_PATH = Path(__file__).resolve().parent.parent / "resources" / "i18n" / "qtbase_th.ts"


class RecordingTranslator(QTranslator):
    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def translate(self, context, source_text, disambiguation=None, n=-1):
        if context and source_text:
            self.asked.add((context, source_text))
        return source_text

    def isEmpty(self) -> bool:
        return False


def close_soon(app: QApplication) -> None:
    """Close whatever modal dialog or popup menu is up once the event loop runs."""

    def close() -> None:
        popup = app.activePopupWidget()
        if popup is not None:
            popup.close()
        modal = app.activeModalWidget()
        if modal is not None:
            modal.close()
        if popup is None and modal is None:
            QTimer.singleShot(20, close)

    QTimer.singleShot(50, close)


def open_context_menu(app: QApplication, widget: QWidget) -> None:
    widget.show()
    close_soon(app)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5))
    # Text edits take the event on their viewport (QAbstractScrollArea).
    target = widget.viewport() if hasattr(widget, "viewport") else widget
    QApplication.sendEvent(target, event)
    widget.hide()


def ask_what_the_choosers_say(app: QApplication, options: QFileDialog.Option) -> None:
    """The questions a chooser asks: replace an existing file; a name that is not there."""
    with tempfile.TemporaryDirectory() as folder:
        existing = Path(folder) / "มีอยู่แล้ว.pdf"
        existing.write_bytes(b"%PDF")
        for mode, name in (
            (QFileDialog.AcceptMode.AcceptSave, existing),
            (QFileDialog.AcceptMode.AcceptOpen, Path(folder) / "ไม่มี.pdf"),
        ):
            chooser = QFileDialog(None, "t", folder)
            chooser.setOption(options)
            chooser.setAcceptMode(mode)
            chooser.setFileMode(
                QFileDialog.FileMode.AnyFile
                if mode == QFileDialog.AcceptMode.AcceptSave
                else QFileDialog.FileMode.ExistingFile
            )
            chooser.selectFile(str(name))

            def accept_then_close(chooser: QFileDialog = chooser) -> None:
                close_soon(app)  # the question the chooser asks
                chooser.accept()
                chooser.close()

            QTimer.singleShot(50, accept_then_close)
            chooser.exec()


def collect(app: QApplication) -> set[tuple[str, str]]:
    recorder = RecordingTranslator()
    app.installTranslator(recorder)
    buttons = QMessageBox.StandardButton
    for button_set in (buttons.Ok, buttons.Yes | buttons.No, buttons.Ok | buttons.Cancel):
        box = QMessageBox(QMessageBox.Icon.Information, "t", "x", button_set)
        box.setDetailedText("details")

        def open_details_then_close(box: QMessageBox = box) -> None:
            # "Hide Details…" is asked once the details are open.
            for child in box.findChildren(QPushButton):
                if child.text().startswith("Show"):
                    child.click()
            box.close()

        QTimer.singleShot(50, open_details_then_close)
        box.exec()
    close_soon(app)
    QInputDialog.getText(None, "t", "x")
    options = QFileDialog.Option.DontUseNativeDialog
    close_soon(app)
    QFileDialog.getOpenFileName(None, "t", "", "PDF (*.pdf)", options=options)
    close_soon(app)
    QFileDialog.getSaveFileName(None, "t", "", "PDF (*.pdf)", options=options)
    close_soon(app)
    QFileDialog.getExistingDirectory(None, "t", "", options | QFileDialog.Option.ShowDirsOnly)
    chooser = QFileDialog(None, "t")
    chooser.setOption(options)
    chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
    chooser.setViewMode(QFileDialog.ViewMode.Detail)
    close_soon(app)
    chooser.exec()
    ask_what_the_choosers_say(app, options)
    printer = QPrinter()
    close_soon(app)
    QPrintDialog(printer).exec()
    close_soon(app)
    QPageSetupDialog(printer).exec()
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Close
        | QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Open
    )
    box.deleteLater()
    for widget in (QLineEdit("x"), QPlainTextEdit("x"), QTextEdit("x"), QSpinBox()):
        open_context_menu(app, widget)
    window = QMainWindow()
    window.addToolBar(QToolBar("t"))
    window.show()
    close_soon(app)
    window.createPopupMenu().exec(QPoint(0, 0))
    QMenu().deleteLater()
    app.removeTranslator(recorder)
    return recorder.asked


def translated_pairs(ts_path: Path = TS_PATH) -> set[tuple[str, str]]:
    if not ts_path.exists():
        return set()
    root = ET.parse(ts_path).getroot()
    pairs = set()
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            pairs.add((name, message.findtext("source")))
    return pairs


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    asked = collect(app)
    have = translated_pairs()
    for context, source in sorted(asked):
        mark = "" if (context, source) in have else "MISSING "
        print(f"{mark}{context}\t{source!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
