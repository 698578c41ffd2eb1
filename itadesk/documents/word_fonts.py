"""The fonts of the Word copy: a TrueType file's family name and embedding permission, and
its embedding in the .docx.

Fonts: every run names the document's family in all four slots of ``w:rFonts`` (ascii, hAnsi,
eastAsia and cs: Word sets Thai with the complex-script one, and would fall back to Tahoma or
Angsana without it), with the size and bold in the complex-script properties too (``szCs``,
``bCs``). The regular and bold TrueType files are embedded as obfuscated font parts (ECMA-376
§17.8.1, ``w:embedRegular``/``w:embedBold``, ``w:embedTrueTypeFonts``), so the copy opens right
on a PC without the font — when the font allows it: a font whose OS/2 ``fsType`` permits only
preview & print (or no embedding) is not embedded (Word would open the document read-only), and
the family is still named in every slot.
"""

from __future__ import annotations

import struct
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from itadesk.documents.fonts import FontSet
from itadesk.documents.word_package import W_NS, w_element

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

__all__ = ["FontInfo", "embed_fonts", "font_info"]

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FONT_PART = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"


@dataclass(frozen=True)
class FontInfo:
    family: str
    embeddable: bool  # installable or editable embedding (OS/2 fsType)


def font_info(path: Path) -> FontInfo:
    """The family name (name table, typographic family first) and whether Word may embed
    the font for editing (OS/2 fsType: installable or editable)."""
    data = Path(path).read_bytes()
    tables = _ttf_tables(data)
    family = _family_name(data, tables.get(b"name")) or Path(path).stem
    fs_type = 0
    if b"OS/2" in tables:
        offset, _length = tables[b"OS/2"]
        fs_type = struct.unpack(">H", data[offset + 8 : offset + 10])[0]
    restricted = fs_type & 0x0002 and not fs_type & 0x0008
    preview_only = fs_type & 0x0004 and not fs_type & 0x0008
    return FontInfo(family, not (restricted or preview_only))


def _ttf_tables(data: bytes) -> dict[bytes, tuple[int, int]]:
    count = struct.unpack(">H", data[4:6])[0]
    out = {}
    for k in range(count):
        tag, _checksum, offset, length = struct.unpack(">4sIII", data[12 + 16 * k : 28 + 16 * k])
        out[tag] = (offset, length)
    return out


def _family_name(data: bytes, where: tuple[int, int] | None) -> str:
    if where is None:
        return ""
    base, _length = where
    _format, count, strings = struct.unpack(">HHH", data[base : base + 6])
    found: dict[int, str] = {}
    for k in range(count):
        platform, encoding, language, name_id, length, offset = struct.unpack(
            ">HHHHHH", data[base + 6 + 12 * k : base + 18 + 12 * k]
        )
        if name_id not in (1, 16):
            continue
        raw = data[base + strings + offset : base + strings + offset + length]
        if platform == 3 and encoding in (0, 1, 10):
            text = raw.decode("utf-16-be", "replace")
        elif platform == 1 and encoding == 0:
            text = raw.decode("latin-1")
        else:
            continue
        if name_id not in found or (platform == 3 and language == 0x409):
            found[name_id] = text
    return found.get(16) or found.get(1, "")


def _obfuscated(data: bytes, key: uuid.UUID) -> bytes:
    """ECMA-376 §17.8.1: the first 32 bytes XOR the key's bytes in reverse order."""
    mask = bytes(reversed(key.bytes))
    head = bytes(b ^ mask[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def embed_fonts(document: DocxDocument, fonts: FontSet) -> None:
    """Embed the regular and bold files of ``fonts`` as obfuscated font parts, when the font
    allows it for editing (see the module docstring)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from lxml import etree

    files = [("embedRegular", fonts.regular_path), ("embedBold", fonts.bold_path)]
    infos = [font_info(path) for _slot, path in files]
    if not all(info.embeddable for info in infos):
        return  # the family is still named in every run; the file travels beside
    table_part = document.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(table_part.blob)
    entry = etree.SubElement(root, f"{{{W_NS}}}font", {f"{{{W_NS}}}name": infos[0].family})
    etree.SubElement(entry, f"{{{W_NS}}}charset", {f"{{{W_NS}}}val": "DE"})  # Thai
    etree.SubElement(entry, f"{{{W_NS}}}family", {f"{{{W_NS}}}val": "auto"})
    etree.SubElement(entry, f"{{{W_NS}}}pitch", {f"{{{W_NS}}}val": "variable"})
    seen: dict[Path, tuple[str, str]] = {}
    for n, (slot, path) in enumerate(files, 1):
        if path not in seen:
            key = uuid.uuid5(uuid.NAMESPACE_URL, f"itadesk-font-{path.name}-{n}")
            part = Part(
                PackURI(f"/word/fonts/font{n}.odttf"),
                _FONT_PART,
                _obfuscated(Path(path).read_bytes(), key),
                document.part.package,
            )
            rid = table_part.relate_to(part, _FONT_REL)
            seen[path] = (rid, "{" + str(key).upper() + "}")
        rid, font_key = seen[path]
        etree.SubElement(
            entry,
            f"{{{W_NS}}}{slot}",
            {f"{{{_R}}}id": rid, f"{{{W_NS}}}fontKey": font_key},
        )
    table_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)  # fmt: skip
    settings = document.settings.element
    settings.insert(0, w_element("w:embedTrueTypeFonts"))
