"""Page furniture and PDF output: page numbers, check boxes, emblem, atomic write, invariance."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from doc_helpers import collapse, pdfium_pages, plumber_objects, squash
from reportlab.platypus import Flowable, PageBreak

from itadesk.documents.context import bundled_context
from itadesk.documents.page import (
    CheckBox,
    CheckLine,
    EmblemImage,
    PageSetup,
    build_pdf,
    thai_digits,
)
from itadesk.documents.proof import load_samples, write_proof_sheet
from itadesk.documents.text import ThaiParagraph, ThaiStyle
from itadesk.errors import UserError


def _png(path: Path, w: int = 40, h: int = 60) -> Path:
    """A tiny valid RGB PNG without any imaging library."""
    raw = b"".join(b"\x00" + bytes([200, 30, 30]) * w for _ in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path


class Boom(Flowable):
    def wrap(self, aw, ah):
        return 10, 10

    def draw(self):
        raise RuntimeError("boom")


def test_atomic_write_leaves_nothing_on_error(tmp_path: Path) -> None:
    out = tmp_path / "memo.pdf"
    with pytest.raises(RuntimeError, match="boom"):
        build_pdf([ThaiParagraph("ก่อน"), PageBreak(), Boom()], out)
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_keeps_the_old_file_on_error(tmp_path: Path) -> None:
    out = tmp_path / "memo.pdf"
    build_pdf([ThaiParagraph("ฉบับเดิม")], out, invariant=True)
    before = out.read_bytes()
    with pytest.raises(RuntimeError):
        build_pdf([ThaiParagraph("ฉบับใหม่"), Boom()], out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo.pdf"]


def test_invariant_builds_are_identical(tmp_path: Path, samples) -> None:
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for out in (a, b):
        build_pdf([ThaiParagraph(s, markup=False) for s in samples], out, invariant=True)
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize(
    ("style", "expected"), [("thai", ["", "- ๒ -", "- ๓ -"]), ("arabic", ["", "- 2 -", "- 3 -"])]
)
def test_page_numbers_from_page_two(make_pdf, style: str, expected: list[str]) -> None:
    page = PageSetup(page_numbers=style)
    pdf = make_pdf(
        [
            ThaiParagraph("หน้า ก"),
            PageBreak(),
            ThaiParagraph("หน้า ข"),
            PageBreak(),
            ThaiParagraph("หน้า ค"),
        ],
        page,
    )
    pages = pdfium_pages(pdf)
    assert len(pages) == 3
    for text, label in zip(pages, expected, strict=True):
        first = text.replace("\r\n", "\n").split("\n")[0]
        if label:
            assert first == label
        else:
            assert "-" not in text


def test_no_page_numbers(make_pdf) -> None:
    pdf = make_pdf(
        [ThaiParagraph("ก"), PageBreak(), ThaiParagraph("ข")], PageSetup(page_numbers="none")
    )
    assert [collapse(p) for p in pdfium_pages(pdf)] == ["ก", "ข"]


def test_landscape_page(make_pdf) -> None:
    page = PageSetup(orientation="landscape", page_numbers="none")
    pdf = make_pdf([ThaiParagraph("แนวนอน")], page)
    obj = plumber_objects(pdf)[0]
    assert obj["height"] == pytest.approx(595.28, abs=0.1)
    assert page.frame_width == pytest.approx(841.89 - 5 * 28.3465, abs=0.1)


def test_thai_digits() -> None:
    assert thai_digits("ปี 2568 ข้อ 10") == "ปี ๒๕๖๘ ข้อ ๑๐"


def test_check_boxes_are_vector_graphics(make_pdf) -> None:
    pdf = make_pdf(
        [
            CheckLine("ดำเนินการแล้ว ข้อความยาวพอที่จะขึ้นบรรทัดใหม่ " * 4, True),
            CheckLine("ยังไม่ดำเนินการ", False),
            CheckBox(True, size_pt=14),
        ]
    )
    page = plumber_objects(pdf)[0]
    text = pdfium_pages(pdf)[0]
    assert "☐" not in text and "☑" not in text
    boxes = [r for r in page["rects"] if r["stroke"] and r["width"] > 8]
    assert len(boxes) == 3  # three stroked squares
    ticks = [c for c in page["curves"] if c["stroke"]]
    assert len(ticks) == 2  # two ticks drawn as stroked lines
    assert squash(text) == squash("ดำเนินการแล้ว ข้อความยาวพอที่จะขึ้นบรรทัดใหม่ " * 4 + "ยังไม่ดำเนินการ")
    # the wrapped lines of a check line start where its text starts, right of the box
    box = min(boxes, key=lambda r: r["top"])
    first_x = min(c["x0"] for c in page["chars"])
    assert first_x > box["x1"]


def test_emblem_image(make_pdf, tmp_path: Path) -> None:
    emblem = EmblemImage(_png(tmp_path / "garuda.png"), height_cm=1.5)
    assert emblem.height == pytest.approx(1.5 * 28.3465, abs=0.01)
    assert emblem.width == pytest.approx(emblem.height * 40 / 60, abs=0.01)
    pdf = make_pdf([emblem, ThaiParagraph("บันทึกข้อความ")])
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages[0].images) == 1


def test_missing_emblem_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="ไม่พบไฟล์ภาพ"):
        EmblemImage(tmp_path / "garuda.png")


def test_unreadable_emblem_is_a_user_error(tmp_path: Path) -> None:
    bad = tmp_path / "garuda.png"
    bad.write_bytes(b"\x89PNG not really")
    with pytest.raises(UserError, match="เปิดไฟล์ภาพ"):
        EmblemImage(bad)


def test_proof_sheet(tmp_path: Path) -> None:
    out = tmp_path / "proof.pdf"
    write_proof_sheet(out, bundled_context(), invariant=True)
    text = "".join(pdfium_pages(out))
    flat = squash(text)
    for sample in load_samples():
        assert squash(sample) in flat
    assert "- ๒ -" in text


def test_proof_sheet_with_other_samples(tmp_path: Path) -> None:
    samples = tmp_path / "samples.txt"
    samples.write_text("ตัวอย่างหนึ่ง\n\nตัวอย่างสอง <b>\n", encoding="utf-8")
    out = tmp_path / "proof.pdf"
    write_proof_sheet(out, bundled_context(), samples, invariant=True)
    assert "ตัวอย่างสอง<b>" in squash("".join(pdfium_pages(out)))


def test_documents_layer_does_not_load_qt() -> None:
    code = (
        "import sys, itadesk.documents.fonts, itadesk.documents.text, itadesk.documents.page, "
        "itadesk.documents.proof, itadesk.documents.linebreak, itadesk.documents.shaping\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6') or m.startswith('shiboken')]\n"
        "assert not bad, bad\n"
    )
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=str(root))
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=root)
    for src in (root / "itadesk" / "documents").rglob("*.py"):
        assert "PySide6" not in src.read_text(encoding="utf-8"), src


def test_style_defaults_follow_the_memo_rules() -> None:
    st = ThaiStyle()
    assert st.font_size == 16
    assert st.line_height == pytest.approx(20.8, abs=0.01)  # Sarabun single spacing
    with pytest.raises(ValueError):
        ThaiStyle(alignment="middle")  # type: ignore[arg-type]
