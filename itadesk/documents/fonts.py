"""Font registration for every document: one family (regular, bold, italic, bold italic).

Public API
----------
``FontSet``
    The four ReportLab font *names* plus the TTF file paths (the UI registers the same files with
    ``QFontDatabase.addApplicationFont`` so screen and paper use one font).
``register_fonts(regular=None, bold=None, italic=None, bold_italic=None) -> FontSet``
    ``None`` means the bundled Sarabun (OFL, ``resources/fonts``). A clerk's own TTF (TH Sarabun
    New, …) may fill any slot; a slot left ``None`` next to a custom regular reuses the custom
    regular file, so a one-file family still prints. Idempotent and cached per set of paths.
    Raises ``UserError`` (Thai message) for a missing file or one that is not a usable TrueType
    font with Thai glyphs.
``current_fonts() -> FontSet`` / ``use_fonts(font_set)``
    The family every document uses (bundled Sarabun until the settings say otherwise).

Why a ``TTFont`` subclass: the text engine shapes with HarfBuzz and draws one glyph per Thai
cluster as text (the other glyphs of the cluster are drawn as vector forms, see ``text.py``).
That text glyph is given a private code whose ToUnicode entry is the whole cluster (for
example ``ปี่``) and whose width is the cluster's shaped advance, so pdfminer/pdfplumber,
PDFium and poppler all read back the exact source text in the right order. ReportLab allocates
codes per Unicode character, so each (glyph, text, width) triple gets a code point in plane 15
(private use) and the ToUnicode CMap written by ReportLab is replaced for those codes.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFError, TTFont

from itadesk.errors import UserError
from itadesk.paths import fonts_dir

__all__ = [
    "BUNDLED_FILES",
    "EngineFont",
    "FontSet",
    "current_fonts",
    "engine_font",
    "register_fonts",
    "use_fonts",
]

#: File names of the bundled Sarabun family (SIL OFL 1.1, licence in resources/fonts/OFL.txt).
BUNDLED_FILES = {
    "regular": "Sarabun-Regular.ttf",
    "bold": "Sarabun-Bold.ttf",
    "italic": "Sarabun-Italic.ttf",
    "bold_italic": "Sarabun-BoldItalic.ttf",
}

# Plane-15 private-use code points: never typed by a clerk, never used by ReportLab's own
# shaping (which takes U+E000..U+F8FF), so a private code cannot collide with real text.
_PRIVATE_FIRST = 0xF0000
_PRIVATE_LAST = 0xFFFFD

# Characters whose presence proves the font can set Thai: ก, ่ (mai ek), า, ำ.
_THAI_PROBE = (0x0E01, 0x0E48, 0x0E32, 0x0E33)


class EngineFont(TTFont):
    """A ReportLab TrueType font that can carry a whole shaped cluster in one text glyph."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename, asciiReadable=False, shapable=False)
        self.path = Path(filename)
        self._carriers: dict[tuple[int, str, int], str] = {}
        self._private_text: dict[int, str] = {}
        self._next_private = _PRIVATE_FIRST
        self._lock = threading.Lock()

    def carrier(self, gid: int, text: str, width: float) -> str:
        """The one-character string to pass to ``splitString`` for glyph ``gid`` standing for
        ``text`` with advance ``width`` (1/1000 em)."""
        key = (gid, text, round(width))
        code = self._carriers.get(key)
        if code is not None:
            return code
        with self._lock:
            code = self._carriers.get(key)
            if code is not None:
                return code
            face = self.face
            if (
                len(text) == 1
                and text != "\xa0"  # ReportLab maps NBSP to a plain space code
                and face.charToGlyph.get(ord(text)) == gid
                and abs(face.charWidths.get(ord(text), -1e9) - key[2]) < 0.5
            ):
                code = text
            else:
                cp = self._next_private
                if cp > _PRIVATE_LAST:
                    raise RuntimeError("too many distinct shaped clusters in one process")
                self._next_private += 1
                face.charToGlyph[cp] = gid
                face.charWidths[cp] = key[2]
                self._private_text[cp] = text
                code = chr(cp)
            self._carriers[key] = code
            return code

    def addObjects(self, doc) -> None:
        """Let ReportLab write the subsets, then give private codes their real text."""
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            stream = doc.idToObject.get("toUnicodeCMap:" + base.decode("pdfdoc"))
            if stream is not None:
                stream.content = self._to_unicode_cmap(base.decode("pdfdoc"), subset)

    def _to_unicode_cmap(self, fontname: str, subset: list[int]) -> str:
        entries = []
        for code, cp in enumerate(subset):
            text = self._private_text.get(cp, chr(cp))
            if code and not cp:
                continue  # unused slot
            utf16 = text.encode("utf-16-be").hex().upper()
            entries.append(f"<{code:02X}> <{utf16}>")
        out = [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            f"/CIDSystemInfo << /Registry ({fontname}) /Ordering ({fontname}) /Supplement 0 >> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            "<00> <FF>",
            "endcodespacerange",
        ]
        # The PDF spec allows at most 100 entries per bfchar block.
        for i in range(0, len(entries), 100):
            chunk = entries[i : i + 100]
            out.append(f"{len(chunk)} beginbfchar")
            out.extend(chunk)
            out.append("endbfchar")
        out += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return "\n".join(out)


@dataclass(frozen=True, slots=True)
class FontSet:
    """Registered ReportLab font names of one family and the files they came from."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    regular_path: Path
    bold_path: Path
    italic_path: Path
    bold_italic_path: Path

    def name_for(self, *, bold: bool = False, italic: bool = False) -> str:
        """The registered font name for a style."""
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        if italic:
            return self.italic
        return self.regular

    @property
    def paths(self) -> tuple[Path, Path, Path, Path]:
        return (self.regular_path, self.bold_path, self.italic_path, self.bold_italic_path)


_lock = threading.RLock()
_by_path: dict[Path, str] = {}
_sets: dict[tuple[Path, Path, Path, Path], FontSet] = {}
_current: FontSet | None = None


def _font_name(path: Path) -> str:
    digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:8]
    stem = "".join(c for c in path.stem if (c.isascii() and c.isalnum()) or c in "-_")[:40]
    stem = stem or "font"
    return f"ITAD-{stem}-{digest}"


def _register_file(path: Path) -> str:
    """Register one TTF (once per resolved path) and return its ReportLab name."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise UserError(f"ไม่พบไฟล์ฟอนต์ {path} กรุณาเลือกไฟล์ฟอนต์ TrueType (.ttf) ที่มีอยู่จริง")
    path = path.resolve()
    with _lock:
        name = _by_path.get(path)
        if name is not None:
            return name
        name = _font_name(path)
        try:
            font = EngineFont(name, str(path))
        except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
            raise UserError(
                f"ใช้ไฟล์ฟอนต์ {path.name} ไม่ได้: ไม่ใช่ฟอนต์ TrueType ที่ฝังในเอกสาร PDF ได้ "
                "กรุณาเลือกไฟล์ .ttf อื่น เช่น TH Sarabun New"
            ) from exc
        missing = [cp for cp in _THAI_PROBE if cp not in font.face.charToGlyph]
        if missing:
            raise UserError(
                f"ฟอนต์ {path.name} ไม่มีอักษรไทย จึงพิมพ์เอกสารราชการไม่ได้ "
                "กรุณาเลือกฟอนต์ภาษาไทย เช่น TH Sarabun New"
            )
        pdfmetrics.registerFont(font)
        _by_path[path] = name
        return name


def register_fonts(
    regular: Path | None = None,
    bold: Path | None = None,
    italic: Path | None = None,
    bold_italic: Path | None = None,
) -> FontSet:
    """Register a family; ``None`` slots take the bundled Sarabun file, except that with a
    custom ``regular`` the unset slots fall back to that same file (a clerk's single TTF is
    then used for everything rather than mixing it with Sarabun)."""
    bundled = {slot: fonts_dir() / name for slot, name in BUNDLED_FILES.items()}
    if regular is None:
        paths = {
            "regular": bundled["regular"],
            "bold": Path(bold) if bold else bundled["bold"],
            "italic": Path(italic) if italic else bundled["italic"],
            "bold_italic": Path(bold_italic) if bold_italic else bundled["bold_italic"],
        }
    else:
        reg = Path(regular)
        b = Path(bold) if bold else reg
        paths = {
            "regular": reg,
            "bold": b,
            "italic": Path(italic) if italic else reg,
            "bold_italic": Path(bold_italic) if bold_italic else b,
        }
    key = tuple(Path(p).expanduser() for p in paths.values())
    with _lock:
        cached = _sets.get(key)  # type: ignore[arg-type]
        if cached is not None:
            return cached
        names = {slot: _register_file(p) for slot, p in paths.items()}
        font_set = FontSet(
            regular=names["regular"],
            bold=names["bold"],
            italic=names["italic"],
            bold_italic=names["bold_italic"],
            regular_path=Path(paths["regular"]).resolve(),
            bold_path=Path(paths["bold"]).resolve(),
            italic_path=Path(paths["italic"]).resolve(),
            bold_italic_path=Path(paths["bold_italic"]).resolve(),
        )
        _sets[key] = font_set  # type: ignore[index]
        return font_set


def current_fonts() -> FontSet:
    """The family every document uses (bundled Sarabun unless ``use_fonts`` said otherwise)."""
    global _current
    with _lock:
        if _current is None:
            _current = register_fonts()
        return _current


def use_fonts(font_set: FontSet) -> None:
    """Make ``font_set`` (from ``register_fonts``) the family of every document built next."""
    global _current
    with _lock:
        _current = font_set


def engine_font(name: str) -> EngineFont:
    """The registered ``EngineFont`` called ``name``."""
    font = pdfmetrics.getFont(name)
    if not isinstance(font, EngineFont):
        raise TypeError(f"{name} was not registered through itadesk.documents.fonts")
    return font
