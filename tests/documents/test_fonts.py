"""Every font embedded, no base-14 font, a clerk's own TTF used everywhere."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from doc_helpers import BASE14, pdffonts_rows, plumber_chars
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import PSLiteral

from itadesk.documents.context import bundled_context
from itadesk.documents.fonts import engine_font, register_fonts
from itadesk.documents.page import CheckLine, PageSetup
from itadesk.documents.proof import write_proof_sheet
from itadesk.documents.text import ThaiParagraph, ThaiStyle, thai_table
from itadesk.errors import UserError
from itadesk.paths import fonts_dir

LAKSAMAN = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")


def font_dicts(path: Path) -> list[dict]:
    """Every /Type /Font dictionary in the file, with its descriptor resolved."""
    out = []
    with path.open("rb") as fh:
        doc = PDFDocument(PDFParser(fh))
        for xref in doc.xrefs:
            for objid in xref.get_objids():
                try:
                    obj = resolve1(doc.getobj(objid))
                except Exception:
                    continue
                if isinstance(obj, PDFStream):
                    continue
                if isinstance(obj, dict) and getattr(obj.get("Type"), "name", None) == "Font":
                    fd = resolve1(obj.get("FontDescriptor")) or {}
                    out.append({**obj, "_descriptor": fd})
    return out


def _name(v) -> str:
    v = resolve1(v)
    return v.name if isinstance(v, PSLiteral) else str(v)


def assert_all_embedded(path: Path) -> list[str]:
    fonts = font_dicts(path)
    assert fonts
    names = []
    for f in fonts:
        base = _name(f.get("BaseFont"))
        names.append(base)
        assert not BASE14.search(base), base
        fd = f["_descriptor"]
        assert any(k in fd for k in ("FontFile", "FontFile2", "FontFile3")), base
    rows = pdffonts_rows(path)
    if rows is not None:
        assert rows
        for row in rows:
            cols = row.split()
            assert not BASE14.search(row), row
            assert cols[-5] == "yes", row  # the "emb" column
    return names


def test_documents_embed_every_font(make_pdf, samples, tmp_path) -> None:
    flowables = [
        ThaiParagraph(s, ThaiStyle(bold=i % 2 == 0), markup=False) for i, s in enumerate(samples)
    ]
    flowables.append(thai_table([["หัว", "ค่า"], ["ก", "ข"]], [100, 100]))
    flowables.append(CheckLine("ข้อความ", True))
    pdf = make_pdf(flowables, PageSetup(page_numbers="thai"))
    names = assert_all_embedded(pdf)
    assert any("Sarabun-Regular" in n for n in names)
    assert any("Sarabun-Bold" in n for n in names)
    proof = tmp_path / "proof.pdf"
    write_proof_sheet(proof, bundled_context(), invariant=True)
    assert_all_embedded(proof)


def test_empty_document_has_no_base14_font(make_pdf) -> None:
    from reportlab.platypus import Spacer

    pdf = make_pdf([Spacer(10, 10)])
    assert b"Helvetica" not in pdf.read_bytes()
    assert not font_dicts(pdf)


def test_clerk_font_is_used_everywhere(make_pdf, tmp_path: Path, samples) -> None:
    clerk = tmp_path / "ฟอนต์ของฉัน.ttf"
    shutil.copy(fonts_dir() / "Sarabun-Bold.ttf", clerk)  # a distinguishable "other" font
    fs = register_fonts(regular=clerk)
    assert fs.regular_path == clerk.resolve()
    assert register_fonts(regular=clerk) == fs
    style = bundled_context(fonts=fs).style()
    pdf = make_pdf([ThaiParagraph(s, style, markup=False) for s in samples], font_set=fs)
    fonts = {c["fontname"].split("+")[-1] for page in plumber_chars(pdf) for c in page}
    assert fonts == {"Sarabun-Bold"}
    assert_all_embedded(pdf)


@pytest.mark.skipif(not LAKSAMAN.exists(), reason="fonts-tlwg-laksaman-ttf not installed")
def test_other_thai_font_family(make_pdf, long_text: str) -> None:
    fs = register_fonts(regular=LAKSAMAN, bold=LAKSAMAN.with_name("Laksaman-Bold.ttf"))
    style = ThaiStyle(font_set=fs)
    assert style.line_height > ThaiStyle().line_height  # its own metrics, as in Writer
    pdf = make_pdf([ThaiParagraph(long_text, style, markup=False)], font_set=fs)
    fonts = {c["fontname"].split("+")[-1] for page in plumber_chars(pdf) for c in page}
    assert fonts == {"Laksaman"}
    assert_all_embedded(pdf)


def test_missing_font_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="ไม่พบไฟล์ฟอนต์"):
        register_fonts(regular=tmp_path / "nope.ttf")


def test_not_a_font_is_a_user_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"this is not a font" * 100)
    with pytest.raises(UserError, match="ใช้ไฟล์ฟอนต์"):
        register_fonts(regular=bad)


def test_font_without_thai_is_a_user_error() -> None:
    candidates = [
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
        *Path("/usr/share/fonts/truetype").rglob("*.ttf"),
    ]
    from reportlab.pdfbase.ttfonts import TTFontFile

    for path in candidates:
        try:
            if path.exists() and 0x0E01 not in TTFontFile(str(path)).charToGlyph:
                break
        except Exception:
            continue
    else:
        pytest.skip("no non-Thai TrueType font on this machine")
    with pytest.raises(UserError, match="ไม่มีอักษรไทย"):
        register_fonts(regular=path)


def test_font_names_follow_the_file_content(tmp_path: Path) -> None:
    """ReportLab registers fonts globally by name: the name comes from the file's content, so
    a copy shares the registration, another font at the same path is a new font, and two
    families stay registered side by side."""
    first = tmp_path / "clerk.ttf"
    shutil.copy(fonts_dir() / "Sarabun-Bold.ttf", first)
    copy = tmp_path / "copy-of-clerk.ttf"
    shutil.copy(first, copy)
    bold_family = register_fonts(regular=first)
    assert register_fonts(regular=copy).regular == bold_family.regular
    shutil.copy(fonts_dir() / "Sarabun-Italic.ttf", first)  # the clerk replaced the file
    italic_family = register_fonts(regular=first)
    assert italic_family.regular != bold_family.regular
    assert italic_family.regular_path == bold_family.regular_path
    # both stay usable: each paragraph is set in its own family
    for family, face in ((bold_family, "Sarabun-Bold"), (italic_family, "Sarabun-Italic")):
        assert engine_font(family.regular).face.name.decode() == face
