"""The one module that creates message boxes and file dialogs, so tests can patch them.
Messages are Thai; every one is also logged.

Qt's own words in these boxes (OK, Yes, Show Details…, the file chooser's Look in / File name)
come from the Thai translation that ``ensure_application`` installs; the app's own boxes still
set their button texts, so they read Thai even before that. File and folder choosers are the
platform's own where there is one (Qt's static QFileDialog functions; nothing here asks for
Qt's widget dialog) and open in the folder last chosen, else in the clerk's Documents, never
in the program's working folder."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from itadesk.domain.fiscal import format_thai_date, parse_thai_date
from itadesk.ui.styles import Role, set_role

log = logging.getLogger(__name__)


OK_TH = "ตกลง"
CANCEL_TH = "ยกเลิก"


def _message_box(
    icon: QMessageBox.Icon, parent: QWidget | None, title: str, text: str
) -> QMessageBox:
    """A box with one OK button, worded in Thai (Qt ships no Thai translation of its own)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText(OK_TH)
    return box


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    log.warning("%s: %s", title, text)
    _message_box(QMessageBox.Icon.Warning, parent, title, text).exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    log.info("%s: %s", title, text)
    _message_box(QMessageBox.Icon.Information, parent, title, text).exec()


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.button(QMessageBox.StandardButton.Yes).setText("ใช่")
    box.button(QMessageBox.StandardButton.No).setText("ไม่")
    return box.exec() == QMessageBox.StandardButton.Yes


def show_crash(parent: QWidget | None, details: str, log_path: Path | None) -> None:
    where = f"\n\nรายละเอียดถูกบันทึกไว้ที่ {log_path}" if log_path else ""
    box = _message_box(
        QMessageBox.Icon.Critical,
        parent,
        "ITADesk พบข้อผิดพลาด",
        "โปรแกรมพบข้อผิดพลาดที่ไม่คาดคิด ข้อมูลที่บันทึกแล้วยังอยู่ครบ "
        "(ITADesk บันทึกทุกครั้งที่แก้ไข) — โปรดแจ้งผู้ดูแลพร้อมรายละเอียดนี้" + where,
    )
    box.setDetailedText(details)
    box.exec()


_last_folder: Path | None = None


def start_folder(start: Path | None = None) -> Path:
    """Where a chooser opens: ``start`` if it exists, else the folder last chosen in this
    session, else the clerk's Documents (or home) folder."""
    candidates = [start, _last_folder]
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents:
        candidates.append(Path(documents))
    for folder in candidates:
        if folder is not None and folder.is_dir():
            return folder
    return Path.home()


def remember_folder(folder: Path) -> None:
    """The next chooser opens here."""
    global _last_folder
    _last_folder = folder


def choose_open_file(parent: QWidget | None, title: str, filters: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder()), filters)
    if not name:
        return None
    remember_folder(Path(name).parent)
    return Path(name)


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    from PySide6.QtWidgets import QInputDialog

    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    dialog.setOkButtonText(OK_TH)
    dialog.setCancelButtonText(CANCEL_TH)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    value = dialog.textValue()
    dialog.deleteLater()
    return value if accepted else None


def choose_folder(parent: QWidget | None, title: str, start: Path | None = None) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, str(start_folder(start)))
    if not name:
        return None
    remember_folder(Path(name))
    return Path(name)


DateCheck = Callable[[date], Sequence[str]]


class DoneDateDialog(QDialog):
    """Asks the date something was really done, typed as Thai offices write dates (the same
    forms the tracking page reads). OK keeps the dialog open with a Thai message until the
    date reads and ``check`` finds no problem; Cancel gives no date."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        prompt: str,
        default: date,
        check: DateCheck,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self._check = check
        self.chosen: date | None = None
        layout = QVBoxLayout(self)
        self.prompt_label = QLabel(prompt)
        self.prompt_label.setWordWrap(True)
        self.date_edit = QLineEdit(format_thai_date(default, "full"))
        self.date_edit.setObjectName("done_date_dialog_edit")
        self.date_edit.selectAll()
        self.prompt_label.setBuddy(self.date_edit)
        hint = QLabel("พิมพ์เช่น 15 มีนาคม 2569, 15 มี.ค. 69 หรือ 15/3/2569")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        set_role(self.error_label, Role.ERROR)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(OK_TH)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(CANCEL_TH)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for widget in (self.prompt_label, self.date_edit, hint, self.error_label, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(460)

    def accept(self) -> None:
        text = self.date_edit.text().strip()
        try:
            chosen = parse_thai_date(text)
        except ValueError:
            self.error_label.setText(
                f"วันที่ดำเนินการ: “{text}” อ่านไม่ได้ — พิมพ์เช่น 15 มีนาคม 2569 หรือ 15 มี.ค. 69"
            )
            return
        problems = self._check(chosen)
        if problems:
            self.error_label.setText("\n".join(problems))
            return
        self.chosen = chosen
        super().accept()


def ask_done_date(
    parent: QWidget | None, title: str, prompt: str, default: date, check: DateCheck
) -> date | None:
    """The date the clerk says something was done, or None if they cancel."""
    dialog = DoneDateDialog(parent, title, prompt, default, check)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    chosen = dialog.chosen if accepted else None
    dialog.deleteLater()
    return chosen
