"""The one module that creates message boxes and file dialogs, so tests can patch them.
Messages are Thai; every one is also logged."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    log.warning("%s: %s", title, text)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    log.info("%s: %s", title, text)
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    box.exec()


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
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "ITADesk พบข้อผิดพลาด",
        "โปรแกรมพบข้อผิดพลาดที่ไม่คาดคิด ข้อมูลที่บันทึกแล้วยังอยู่ครบ "
        "(ITADesk บันทึกทุกครั้งที่แก้ไข) — โปรดแจ้งผู้ดูแลพร้อมรายละเอียดนี้" + where,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setDetailedText(details)
    box.exec()


def choose_open_file(parent: QWidget | None, title: str, filters: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
    return Path(name) if name else None


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


def choose_folder(parent: QWidget | None, title: str, start: Path | None = None) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, str(start or ""))
    return Path(name) if name else None
