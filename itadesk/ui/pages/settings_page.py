"""Document settings: Thai or Arabic digits, and the font every PDF uses (the bundled Sarabun
or the clerk's own TH Sarabun New), with a proof sheet to check the result; and the folder the
automatic backups go to (a network or cloud-synced folder is fine)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QUndoStack
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QWidget

from itadesk.domain.documents import DocumentKind
from itadesk.errors import UserError
from itadesk.services import Services
from itadesk.ui import dialogs
from itadesk.ui.pages.base import Page
from itadesk.ui.uiloader import child
from itadesk.ui.undo import ValueCommand

BUNDLED_TH = "Sarabun (มากับโปรแกรม)"


class SettingsPage(Page):
    title = "ตั้งค่าเอกสาร"

    def __init__(self, services: Services, undo_stack: QUndoStack, parent: QWidget) -> None:
        super().__init__(services, undo_stack, parent, "settings_page")
        self.thai_digits_check = child(self.widget, QCheckBox, "thai_digits_check")
        self.regular_label = child(self.widget, QLabel, "regular_label")
        self.bold_label = child(self.widget, QLabel, "bold_label")
        self.sample_label = child(self.widget, QLabel, "sample_label")
        self.binder.bind(self.thai_digits_check, self.save_thai_digits)
        child(self.widget, QPushButton, "regular_button").clicked.connect(
            lambda: self._choose("regular")
        )
        child(self.widget, QPushButton, "bold_button").clicked.connect(lambda: self._choose("bold"))
        child(self.widget, QPushButton, "bundled_button").clicked.connect(
            lambda: self.set_fonts(None, None)
        )
        child(self.widget, QPushButton, "proof_button").clicked.connect(self.open_proof)
        self.backup_folder_label = child(self.widget, QLabel, "backup_folder_label")
        child(self.widget, QPushButton, "backup_folder_button").clicked.connect(
            self._choose_backup_folder
        )
        child(self.widget, QPushButton, "backup_default_button").clicked.connect(
            lambda: self.set_backup_folder(None)
        )
        self.refresh()

    def refresh(self) -> None:
        with self.loading():
            self.thai_digits_check.setChecked(
                self._services.settings.document_settings().thai_digits
            )
        paths = self._services.settings.document_font_paths()
        self.regular_label.setText(str(paths["regular"]) if paths["regular"] else BUNDLED_TH)
        bold = paths["bold"] or (paths["regular"] if paths["regular"] else None)
        self.bold_label.setText(str(bold) if bold else BUNDLED_TH)
        family = self._qt_family(paths["regular"])
        font = QFont(family or "Sarabun", 16)
        self.sample_label.setFont(font)
        folder = self._services.backups.default_dir
        place = self._services.settings.location_of(folder).label_th
        self.backup_folder_label.setText(f"{folder} ({place})")

    def _choose_backup_folder(self) -> None:
        folder = dialogs.choose_folder(
            self.widget, "เลือกโฟลเดอร์เก็บไฟล์สำรองอัตโนมัติ", self._services.backups.default_dir
        )
        if folder is not None:
            self.set_backup_folder(folder)

    def set_backup_folder(self, folder: Path | None) -> None:
        """Save the backup folder (None: backups/ beside the database), undoably."""
        old = self._services.settings.backup_folder()
        if folder == old:
            return
        try:
            self._services.settings.set_backup_folder(folder)  # checks the folder first
        except UserError as error:
            self.error_label.setText(error.message)
            return
        self.error_label.clear()
        self._undo_stack.push(
            ValueCommand(
                lambda value: self._services.settings.set_backup_folder(value),  # type: ignore[arg-type]
                folder,
                old,
                self.refresh,
                "เปลี่ยนโฟลเดอร์สำรองข้อมูล",
            )
        )

    @staticmethod
    def _qt_family(path: Path | None) -> str | None:
        """Register the clerk's font with Qt too, so the screen shows what paper will."""
        if path is None or not path.is_file():
            return None
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id == -1:
            font_id = QFontDatabase.addApplicationFontFromData(path.read_bytes())
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id != -1 else []
        return families[0] if families else None

    def _choose(self, slot: str) -> None:
        path = dialogs.choose_open_file(
            self.widget, "เลือกไฟล์แบบอักษรภาษาไทย", "แบบอักษร TrueType (*.ttf *.TTF)"
        )
        if path is None:
            return
        paths = self._services.settings.document_font_paths()
        if slot == "regular":
            self.set_fonts(path, paths["bold"])
        else:
            self.set_fonts(paths["regular"], path)

    def set_fonts(self, regular: Path | None, bold: Path | None) -> None:
        old = self._services.settings.document_font_paths()
        if (regular, bold) == (old["regular"], old["bold"]):
            return

        def apply(value: object) -> None:
            new_regular, new_bold = value  # type: ignore[misc]
            self._services.settings.set_document_fonts(new_regular, new_bold)

        try:
            self._services.settings.set_document_fonts(regular, bold)  # checks the files first
        except UserError as error:
            self.show_error(error.message)
            return
        self.clear_error()
        self.push(
            ValueCommand(
                apply, (regular, bold), (old["regular"], old["bold"]), self.refresh, "เปลี่ยนแบบอักษร"
            )
        )

    def save_thai_digits(self) -> None:
        checked = self.thai_digits_check.isChecked()
        old = self._services.settings.document_settings().thai_digits
        if checked == old:
            return
        self.push(
            ValueCommand(
                lambda value: self._services.settings.set_thai_digits(bool(value)),
                checked,
                old,
                self.refresh,
                "เปลี่ยนการใช้เลขไทยในเอกสาร",
            )
        )

    def open_proof(self) -> None:
        self.open_preview(DocumentKind.PROOF, 0)
