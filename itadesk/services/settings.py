"""The office's document settings, kept in its database: the font every document uses, Thai or
Arabic digits, and the emblem image. ``document_settings()`` is the one place they are read;
the documents service turns them into each document's ``RenderContext``."""

from __future__ import annotations

from pathlib import Path

from itadesk.documents.fonts import FontSet, bundled_fonts, register_fonts
from itadesk.domain.documents import DocumentSettings
from itadesk.errors import UserError, ValidationError
from itadesk.fileio import output_target_problem
from itadesk.paths import attachments_dir
from itadesk.storage.database import Store
from itadesk.storage.location import Location, classify_folder
from itadesk.storage.repositories import Repositories

FONTS_SETTING = "document_fonts"
THAI_DIGITS_SETTING = "thai_digits"
EMBLEM_SETTING = "emblem_path"
BACKUP_FOLDER_SETTING = "backup_folder"
FONT_SLOTS = ("regular", "bold")


class SettingsService:
    def __init__(self, store: Store, repos: Repositories) -> None:
        self._store = store
        self._repos = repos

    def document_settings(self) -> DocumentSettings:
        """Everything the office chose for its documents, as stored."""
        fonts = self._repos.settings.get_setting(FONTS_SETTING) or {}
        emblem = self._repos.settings.get_setting(EMBLEM_SETTING)
        return DocumentSettings(
            regular_font=Path(fonts["regular"]) if fonts.get("regular") else None,
            bold_font=Path(fonts["bold"]) if fonts.get("bold") else None,
            thai_digits=bool(self._repos.settings.get_setting(THAI_DIGITS_SETTING, True)),
            emblem_path=Path(emblem) if emblem else None,
        )

    # ------------------------------------------------------------------ fonts

    def document_font_paths(self) -> dict[str, Path | None]:
        settings = self.document_settings()
        return {"regular": settings.regular_font, "bold": settings.bold_font}

    def set_document_fonts(self, regular: Path | None, bold: Path | None = None) -> FontSet:
        """Use the clerk's own Thai TTF (e.g. TH Sarabun New) for every document, or the
        bundled Sarabun when ``regular`` is None. The font is checked before it is saved."""
        if regular is None and bold is not None:
            raise UserError("เลือกแบบอักษรตัวปกติก่อน แล้วจึงเลือกตัวหนา")
        font_set = register_fonts(regular=regular, bold=bold)
        with self._store.transaction():
            self._repos.settings.set_setting(
                FONTS_SETTING,
                {"regular": str(regular) if regular else None, "bold": str(bold) if bold else None}
                if regular
                else None,
            )
        return font_set

    def document_fonts(
        self, settings: DocumentSettings | None = None
    ) -> tuple[FontSet, str | None]:
        """The family the documents use and, when the saved font can no longer be used (file
        moved or deleted), the bundled Sarabun instead with a Thai warning saying so."""
        settings = settings or self.document_settings()
        if settings.regular_font is None:
            return bundled_fonts(), None
        try:
            return register_fonts(regular=settings.regular_font, bold=settings.bold_font), None
        except UserError as error:
            warning = f"{error.message} — ตอนนี้เอกสารใช้แบบอักษร Sarabun ที่มากับโปรแกรมแทน"
            return bundled_fonts(), warning

    def document_fonts_warning(self) -> str | None:
        """The Thai warning of ``document_fonts`` (for the window's status bar, the CLI)."""
        return self.document_fonts()[1]

    # ------------------------------------------------------------------ digits, emblem

    def set_thai_digits(self, value: bool) -> None:
        with self._store.transaction():
            self._repos.settings.set_setting(THAI_DIGITS_SETTING, bool(value))

    def set_emblem_path(self, path: Path | None) -> None:
        if path is not None and not path.is_file():
            raise ValidationError(f"ไม่พบไฟล์ตราสัญลักษณ์ {path} — เลือกไฟล์รูปภาพ PNG หรือ JPG")
        with self._store.transaction():
            self._repos.settings.set_setting(EMBLEM_SETTING, str(path) if path else None)

    # ------------------------------------------------------------------ backups

    def backup_folder(self) -> Path | None:
        """The folder the clerk chose for backups (a network or synced folder is fine), or
        None for ``backups/`` beside the database."""
        saved = self._repos.settings.get_setting(BACKUP_FOLDER_SETTING)
        return Path(saved) if isinstance(saved, str) and saved else None

    def set_backup_folder(self, folder: Path | None) -> None:
        """Choose the backup folder (None: back to ``backups/`` beside the database). The
        folder must be writable and outside the attachments folder."""
        if folder is not None:
            folder = Path(folder).absolute()
            problem = output_target_problem(folder, folder=True)
            if problem is not None:
                raise ValidationError(f"โฟลเดอร์สำรองข้อมูล: {problem}")
            attachments = attachments_dir(self._store.path).absolute()
            if folder == attachments or folder.is_relative_to(attachments):
                raise ValidationError(
                    f"โฟลเดอร์สำรองข้อมูล: “{folder}” อยู่ในโฟลเดอร์ไฟล์หลักฐาน"
                    " (ไฟล์สำรองจะถูกสำรองซ้ำจนใหญ่ขึ้นเรื่อย ๆ) — เลือกโฟลเดอร์อื่น"
                )
        with self._store.transaction():
            self._repos.settings.set_setting(BACKUP_FOLDER_SETTING, str(folder) if folder else None)

    @staticmethod
    def location_of(folder: Path) -> Location:
        """Where ``folder`` is (this PC, a network share, a synced folder, a stick)."""
        return classify_folder(folder)
