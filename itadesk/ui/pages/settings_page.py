"""Document settings: Thai or Arabic digits, the font every PDF uses (the bundled Sarabun or
the clerk's own TH Sarabun New), with a proof sheet to check the result; how justified Thai is
spread, the measures table's layout, and each report's preface (คำนำ, its text editable per
year) and table of contents (สารบัญ); and the folder the automatic backups go to (a network or
cloud-synced folder is fine)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QFont, QFontDatabase, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from itadesk.domain.documents import (
    DocumentKind,
    Justification,
    MeasuresLayout,
    ReportFrontMatter,
)
from itadesk.errors import UserError
from itadesk.services import Services
from itadesk.ui import dialogs
from itadesk.ui.pages.base import Page
from itadesk.ui.uiloader import child
from itadesk.ui.undo import ValueCommand

BUNDLED_TH = "Sarabun (มากับโปรแกรม)"
PREFACE_REPORTS = (
    (DocumentKind.REPORT, "รายงานผลการวิเคราะห์และมาตรการ (ปีที่ประเมิน)"),
    (DocumentKind.RESULTS, "รายงานผลการดำเนินการตามมาตรการ (ปีที่ดำเนินมาตรการ)"),
)


class SettingsPage(Page):
    title = "ตั้งค่าเอกสาร"
    purpose_th = "ตัวเลข แบบอักษร การจัดหน้า และที่เก็บไฟล์สำรอง"

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
        self.justification_combo = child(self.widget, QComboBox, "justification_combo")
        for choice in Justification:
            self.justification_combo.addItem(choice.label_th, str(choice))
        self.justification_combo.activated.connect(self._on_justification_chosen)
        self.measures_layout_combo = child(self.widget, QComboBox, "measures_layout_combo")
        for layout_choice in MeasuresLayout:
            self.measures_layout_combo.addItem(layout_choice.label_th, str(layout_choice))
        self.measures_layout_combo.activated.connect(self._on_measures_layout_chosen)
        self.front_checks = {
            (kind, part): child(self.widget, QCheckBox, f"{name}_{part}_check")
            for kind, name in ((DocumentKind.REPORT, "analysis"), (DocumentKind.RESULTS, "results"))
            for part in ("preface", "contents")
        }
        for check in self.front_checks.values():
            check.toggled.connect(self._on_front_matter_toggled)
        self.preface_report_combo = child(self.widget, QComboBox, "preface_report_combo")
        for kind, label in PREFACE_REPORTS:
            self.preface_report_combo.addItem(label, str(kind))
        self.preface_year_spin = child(self.widget, QSpinBox, "preface_year_spin")
        self.preface_year_spin.setValue(self._services.frameworks.catalog.latest_year())
        self.preface_edit = child(self.widget, QPlainTextEdit, "preface_edit")
        self.preface_state_label = child(self.widget, QLabel, "preface_state_label")
        self.preface_report_combo.currentIndexChanged.connect(self._show_preface)
        self.preface_year_spin.valueChanged.connect(self._show_preface)
        child(self.widget, QPushButton, "preface_save_button").clicked.connect(self.save_preface)
        child(self.widget, QPushButton, "preface_draft_button").clicked.connect(
            self.use_preface_draft
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
        settings = self._services.settings.document_settings()
        for combo, value in (
            (self.justification_combo, settings.justification),
            (self.measures_layout_combo, settings.measures_layout),
        ):
            combo.setCurrentIndex(max(combo.findData(str(value)), 0))
        with self.loading():
            for (kind, part), check in self.front_checks.items():
                check.setChecked(getattr(settings.front_matter(kind), part))
        self._show_preface()

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
            self.show_error(error.message)
            return
        self.clear_error()
        self.push(
            ValueCommand(
                lambda value: self._services.settings.set_backup_folder(value),  # type: ignore[arg-type]
                folder,
                old,
                self.refresh,
                "เปลี่ยนโฟลเดอร์สำรองข้อมูล",
            )
        )

    # ------------------------------------------------------------------ layout choices

    def _on_justification_chosen(self, _index: int) -> None:
        new = Justification(self.justification_combo.currentData())
        old = self._services.settings.document_settings().justification
        self._push_choice(
            new, old, self._services.settings.set_justification, "เปลี่ยนการจัดข้อความเต็มแนว"
        )

    def _on_measures_layout_chosen(self, _index: int) -> None:
        new = MeasuresLayout(self.measures_layout_combo.currentData())
        old = self._services.settings.document_settings().measures_layout
        self._push_choice(
            new, old, self._services.settings.set_measures_layout, "เปลี่ยนรูปแบบตารางมาตรการ"
        )

    def _push_choice(
        self, new: object, old: object, save: Callable[[Any], object], step_th: str
    ) -> None:
        """A layout choice as one undo step (none when the clerk chose what was saved)."""
        if new != old:
            self.push(ValueCommand(save, new, old, self.refresh, step_th))

    def _on_front_matter_toggled(self, _checked: bool) -> None:
        if self.is_loading:
            return
        settings = self._services.settings.document_settings()
        for kind in (DocumentKind.REPORT, DocumentKind.RESULTS):
            old = settings.front_matter(kind)
            new = ReportFrontMatter(
                preface=self.front_checks[(kind, "preface")].isChecked(),
                contents=self.front_checks[(kind, "contents")].isChecked(),
            )
            if new != old:

                def apply(value: object, kind: DocumentKind = kind) -> None:
                    self._services.settings.set_front_matter(kind, value)  # type: ignore[arg-type]

                self.push(ValueCommand(apply, new, old, self.refresh, "เปลี่ยนคำนำและสารบัญของรายงาน"))

    # ------------------------------------------------------------------ preface text

    def _preface_target(self) -> tuple[DocumentKind, int]:
        return DocumentKind(self.preface_report_combo.currentData()), self.preface_year_spin.value()

    def _show_preface(self) -> None:
        kind, year = self._preface_target()
        source, paragraphs = self._services.documents.preface_text(kind, year)
        self.preface_edit.setPlainText("\n\n".join(paragraphs))
        self.preface_state_label.setText(
            "ข้อความที่แก้ไขแล้ว" if source == "saved" else "ร่างจากคลังข้อความ"
        )

    def save_preface(self) -> None:
        """The save button: the text in the box becomes this report's preface for that year
        (paragraphs at blank lines or line breaks)."""
        kind, year = self._preface_target()
        paragraphs = tuple(
            p.strip() for p in self.preface_edit.toPlainText().splitlines() if p.strip()
        )
        self._push_preface(kind, year, paragraphs or None, "แก้ไขคำนำ")

    def use_preface_draft(self) -> None:
        """The draft button: back to the phrase bank's preface for that report and year."""
        kind, year = self._preface_target()
        self._push_preface(kind, year, None, "กลับไปใช้ร่างคำนำ")

    def _push_preface(
        self, kind: DocumentKind, year: int, paragraphs: tuple[str, ...] | None, text: str
    ) -> None:
        old = self._services.settings.preface_text(kind, year) or None
        if paragraphs == old:
            self._show_preface()
            return

        def apply(value: object) -> None:
            self._services.settings.set_preface_text(kind, year, value)  # type: ignore[arg-type]

        try:
            apply(paragraphs)  # checked before it goes on the undo stack
        except UserError as error:
            self.show_error(error.message)
            return
        self.clear_error()
        self.push(ValueCommand(apply, paragraphs, old, self.refresh, text))

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

        def apply(value: tuple[Path | None, Path | None]) -> None:
            new_regular, new_bold = value
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
