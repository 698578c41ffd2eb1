"""Program settings kept in the office's database: the font every document uses."""

from __future__ import annotations

from pathlib import Path

from itadesk.documents.fonts import FontSet, current_fonts, register_fonts, use_fonts
from itadesk.errors import UserError
from itadesk.storage.database import Store
from itadesk.storage.repositories import Repositories

FONTS_SETTING = "document_fonts"
FONT_SLOTS = ("regular", "bold")


class SettingsService:
    def __init__(self, store: Store, repos: Repositories) -> None:
        self._store = store
        self._repos = repos

    def document_font_paths(self) -> dict[str, Path | None]:
        saved = self._repos.settings.get_setting(FONTS_SETTING) or {}
        return {slot: Path(saved[slot]) if saved.get(slot) else None for slot in FONT_SLOTS}

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
        use_fonts(font_set)
        return font_set

    def apply_document_fonts(self) -> str | None:
        """At start-up: use the saved fonts. If they can no longer be used (file moved or
        deleted), fall back to the bundled Sarabun and return a Thai warning."""
        paths = self.document_font_paths()
        if paths["regular"] is None:
            use_fonts(register_fonts())
            return None
        try:
            use_fonts(register_fonts(regular=paths["regular"], bold=paths["bold"]))
        except UserError as error:
            use_fonts(register_fonts())
            return f"{error.message} — ตอนนี้เอกสารใช้แบบอักษร Sarabun ที่มากับโปรแกรมแทน"
        return None

    def current_document_fonts(self) -> FontSet:
        return current_fonts()
