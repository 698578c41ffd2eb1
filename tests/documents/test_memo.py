"""The บันทึกข้อความ as a reader sees it: every field in order, the official sizes and places,
nothing outside the margins, comment blocks never split across pages, digits per setting,
clerk text printed literally, the emblem slot, atomic output."""

from __future__ import annotations

import struct
import zlib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from doc_helpers import (
    BASE14,
    group_lines,
    pdffonts_rows,
    pdfium_pages,
    plumber_objects,
    squash,
)
from reportlab.lib.units import cm

from itadesk.documents import memo as memo_module
from itadesk.documents.context import bundled_context
from itadesk.documents.memo import memo_page_setups, write_memo
from itadesk.documents.shaping import font_metrics, glyph_path, shape
from itadesk.domain.memo import CommentBlock, MemoDocument, Signature
from itadesk.errors import UserError

TOL = 0.6  # points

OFFICE = "องค์การบริหารส่วนตำบลท้ายหาด"
SIGNER = Signature("นางสาวอาจารีย์ เอราวัล", ("นักทรัพยากรบุคคลชำนาญการ",))
CHIEF = Signature("นางรุ่งฤดี ลิ้มสกุล", ("หัวหน้าสำนักปลัดองค์การบริหารส่วนตำบลท้ายหาด",))
PALAD = Signature("พ.จ.อ. อรุณ ภมร", ("ปลัดองค์การบริหารส่วนตำบลท้ายหาด",))
ACTING = Signature(
    "พ.จ.อ. อรุณ ภมร",
    ("ปลัดองค์การบริหารส่วนตำบลท้ายหาด", "ปฏิบัติหน้าที่นายกองค์การบริหารส่วนตำบลท้ายหาด"),
)
PARAGRAPHS = (
    "ตามที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) "
    "ได้ดำเนินการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
    "(Integrity and Transparency Assessment: ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ "
    "และกำหนดให้หน่วยงานนำผลการประเมินไปวิเคราะห์ นั้น",
    "บัดนี้ สำนักงาน ป.ป.ช. ได้แจ้งผลการประเมินแล้ว องค์การบริหารส่วนตำบลท้ายหาดได้คะแนน "
    "๘๗.๖๕ คะแนน อยู่ในระดับ A สำนักปลัดจึงได้วิเคราะห์ผลการประเมินเป็นรายตัวชี้วัด "
    "และจัดทำมาตรการ <p> ข้อ O11 & i16 <b>ตามที่พิมพ์</b> &lt;ไม่ใช่แท็ก&gt; จำนวน ๑๕ มาตรการ "
    "รายละเอียดตามเอกสารที่แนบมาพร้อมนี้",
    "จึงเรียนมาเพื่อโปรดพิจารณา",
)
SUBJECT = (
    "รายงานผลการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
    "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ และมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
    "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"
)
ATTACHMENT = "รายงานผลการวิเคราะห์ผลการประเมินและมาตรการส่งเสริมคุณธรรมและความโปร่งใส"


def make_memo(
    *,
    comments: int = 3,
    thai_digits: bool = True,
    emblem: Path | None = None,
    memo_date: date | None = date(2026, 1, 7),
) -> MemoDocument:
    """A memo like seed 001: three comment blocks (dotted lines, a pre-filled comment, an
    acting title and a rank prefix); more blocks are added to overflow pages."""
    chain = [
        CommentBlock("ความเห็นของหัวหน้าสำนักปลัด", CHIEF),
        CommentBlock("ความเห็นของปลัดองค์การบริหารส่วนตำบล", PALAD, dotted_lines=3),
        CommentBlock(
            "ความเห็นของนายกองค์การบริหารส่วนตำบล",
            ACTING,
            comment="- รับทราบ อนุมัติ และเห็นควรเผยแพร่ลงเว็บไซต์หลักของหน่วยงานต่อไป",
        ),
    ]
    while len(chain) < comments:
        k = len(chain) + 1
        chain.append(
            CommentBlock(
                f"ความเห็นลำดับที่ {k}",
                Signature(f"นายผู้ลงนาม ลำดับ{k}", (f"ตำแหน่งลำดับที่ {k}", "รักษาราชการแทน")),
                dotted_lines=k % 4,
            )
        )
    return MemoDocument(
        kind="analysis",
        office_section=f"สำนักปลัด {OFFICE}",
        phone="๐ ๓๔๗๖ ๗๒๒๕" if thai_digits else "0 3476 7225",
        number="สส ๗๑๕๐๑/๑๒๓" if thai_digits else "สส 71501/123",
        date=memo_date,
        subject=SUBJECT,
        salutation="นายกองค์การบริหารส่วนตำบลท้ายหาด",
        paragraphs=PARAGRAPHS,
        signer=SIGNER,
        comments=tuple(chain[:comments]),
        attachments=(ATTACHMENT,),
        thai_digits=thai_digits,
        emblem_path=emblem,
    )


def png(path: Path, w: int = 90, h: int = 100) -> Path:
    """A small valid PNG without an imaging library."""
    raw = b"".join(b"\x00" + bytes([200, 150, 30]) * w for _ in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path


def build(tmp_path: Path, memo: MemoDocument, name: str = "memo.pdf") -> Path:
    out = tmp_path / name
    write_memo(memo, out, bundled_context(), invariant=True)
    return out


def assert_in_order(text: str, parts: list[str]) -> None:
    """Every part occurs in ``text`` (white space ignored), each after the one before."""
    flat = squash(text)
    pos = 0
    for part in parts:
        found = flat.find(squash(part), pos)
        assert found >= 0, f"{part!r} missing or out of order after …{flat[max(0, pos - 40) : pos]}"
        pos = found + len(squash(part))


def ink_allowance(font: str, size: float) -> tuple[float, float]:
    """How far Thai stacks may pass a line box above and below (as in test_geometry)."""
    asc, desc, _gap = font_metrics(font)
    top, bottom = 0.0, 0.0
    for u in shape(font, "นี้ ปั้น ป๊ ฟื้น ฎู ญู ฐุ ฤ ปู่"):
        for g in u.glyphs:
            _ops, (_x0, gy0, _x1, gy1) = glyph_path(font, g.gid)
            top = max(top, gy1 + g.y)
            bottom = max(bottom, -(gy0 + g.y))
    return (top + 40 - asc) * size / 1000 + TOL, (bottom + 40 - desc) * size / 1000 + TOL


# --------------------------------------------------------------------------- content


@pytest.fixture(scope="module")
def memo_pdf(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("memo")
    return build(tmp, make_memo(emblem=png(tmp / "garuda.png")))


def test_every_font_embedded_no_base14(memo_pdf: Path) -> None:
    rows = pdffonts_rows(memo_pdf)
    if rows is not None:
        assert rows
        for row in rows:
            assert not BASE14.search(row), row
            assert " yes yes " in row, row  # embedded, subset
    for page in plumber_objects(memo_pdf):
        for c in page["chars"]:
            assert not BASE14.search(c["fontname"]), c["fontname"]


def test_fields_in_reading_order(memo_pdf: Path) -> None:
    memo = make_memo()
    text = "\n".join(pdfium_pages(memo_pdf))
    parts = [
        "บันทึกข้อความ",
        "ส่วนราชการ",
        memo.office_section,
        "โทร " + memo.phone,
        "ที่",
        memo.number,
        "วันที่",
        "๗ มกราคม ๒๕๖๙",
        "เรื่อง",
        memo.subject,
        "เรียน",
        memo.salutation,
        *memo.paragraphs,
        "สิ่งที่ส่งมาด้วย",
        ATTACHMENT,
        f"({SIGNER.display_name})",
        *SIGNER.positions,
    ]
    for block in memo.comments:
        parts.append(block.heading)
        if block.comment:
            parts.append(block.comment)
        parts += [f"({block.signature.display_name})", *block.signature.positions]
    assert_in_order(text, parts)
    # the header is never left alone: the first paragraph starts on page 1 with it
    assert squash(PARAGRAPHS[0]) in squash(pdfium_pages(memo_pdf)[0])
    # clerk text prints literally: no markup is interpreted, no entity leaks
    assert "<p>" in text and "O11 & i16" in text
    assert "<b>ตามที่พิมพ์</b>" in squash(text) and "&lt;ไม่ใช่แท็ก&gt;" in squash(text)
    assert "&amp;" not in text


def test_official_sizes_and_places(memo_pdf: Path) -> None:
    page = plumber_objects(memo_pdf)[0]
    first, _later = memo_page_setups(make_memo())
    x0, _y0, x1, _y1 = first.frame_box()
    lines = group_lines(page["chars"])
    texts = ["".join(c["text"] for c in row) for row in lines]

    def row_with(prefix: str) -> list[dict]:
        return next(r for r, t in zip(lines, texts, strict=True) if t.startswith(prefix))

    title = row_with("บันทึกข้อความ")
    assert {round(c["size"]) for c in title} == {29}
    assert all("Bold" in c["fontname"] for c in title)
    centre = (min(c["x0"] for c in title) + max(c["x1"] for c in title)) / 2
    assert centre == pytest.approx((x0 + x1) / 2, abs=1.0)
    for label in ("ส่วนราชการ", "ที่", "เรื่อง"):
        row = row_with(label)
        assert round(row[0]["size"]) == 20
        assert "Bold" in row[0]["fontname"]
        assert row[0]["x0"] == pytest.approx(x0, abs=TOL)
        assert 16 in {round(c["size"]) for c in row}  # the value
    # ที่ on the left half, วันที่ starting at the middle of the text width, on one line
    row = row_with("ที่")
    date_label = [c for c in row if round(c["size"]) == 20 and c["x0"] > (x0 + x1) / 2 - 2]
    assert date_label and date_label[0]["x0"] == pytest.approx((x0 + x1) / 2, abs=TOL)
    # dotted leader lines run to the right margin
    dots = page["lines"] + page["curves"]
    assert max(d["x1"] for d in dots) == pytest.approx(x1, abs=1.0)
    # the first paragraph starts 2.5 cm in from the left margin
    para = row_with("ตามที่")
    assert para[0]["x0"] == pytest.approx(x0 + 2.5 * cm, abs=TOL)
    # the signer's name is centred right of the page centre
    name = row_with("(" + SIGNER.display_name[:4])
    name_centre = (name[0]["x0"] + name[-1]["x1"]) / 2
    assert name_centre > page_width(memo_pdf) / 2 + 1 * cm


def page_width(pdf: Path) -> float:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return float(doc.pages[0].width)


def test_emblem_top_left_one_and_a_half_cm(memo_pdf: Path) -> None:
    import pdfplumber

    first, _ = memo_page_setups(make_memo())
    with pdfplumber.open(memo_pdf) as doc:
        images = doc.pages[0].images
        assert len(images) == 1
        img = images[0]
        assert img["x0"] == pytest.approx(first.left_cm * cm, abs=TOL)
        assert img["top"] == pytest.approx(first.top_cm * cm, abs=TOL)
        assert img["bottom"] - img["top"] == pytest.approx(1.5 * cm, abs=TOL)
        title = [c for c in doc.pages[0].chars if round(c["size"]) == 29]
        # "บันทึกข้อความ" stands on the Garuda's line
        assert all(img["top"] - TOL <= c["top"] and c["bottom"] <= img["bottom"] + 6 for c in title)


def test_no_emblem_keeps_the_slot(tmp_path: Path) -> None:
    with_emblem = build(tmp_path, make_memo(emblem=png(tmp_path / "g.png")), "a.pdf")
    without = build(tmp_path, make_memo(emblem=None), "b.pdf")
    a = group_lines(plumber_objects(with_emblem)[0]["chars"])
    b = group_lines(plumber_objects(without)[0]["chars"])
    assert [round(r[0]["top"], 1) for r in a] == [round(r[0]["top"], 1) for r in b]


def test_missing_emblem_is_a_user_error(tmp_path: Path) -> None:
    out = tmp_path / "memo.pdf"
    with pytest.raises(UserError, match="ไม่พบไฟล์ภาพ"):
        write_memo(make_memo(emblem=tmp_path / "missing.png"), out, bundled_context())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("thai", [True, False])
def test_digits_follow_the_setting(tmp_path: Path, thai: bool) -> None:
    pdf = build(tmp_path, make_memo(comments=8, thai_digits=thai))
    pages = pdfium_pages(pdf)
    assert len(pages) >= 3
    text = "\n".join(pages)
    if thai:
        assert "๗ มกราคม ๒๕๖๙" in text
        assert "7 มกราคม 2569" not in text
        assert pages[1].split("\n")[0].strip().startswith("- ๒")
    else:
        assert "7 มกราคม 2569" in text
        assert pages[1].split("\n")[0].strip().startswith("- 2")
    assert "O11" in text and "i16" in text  # codes keep Latin letters and Arabic digits


def test_blank_date_is_left_dotted(tmp_path: Path) -> None:
    pdf = build(tmp_path, make_memo(memo_date=None))
    flat = squash(pdfium_pages(pdf)[0])
    number = squash(make_memo().number)
    assert number + "วันที่เรื่อง" in flat  # nothing printed after วันที่
    page = plumber_objects(pdf)[0]
    row = next(r for r in group_lines(page["chars"]) if r[0]["text"] == "ที่")
    base = max(c["bottom"] for c in row)
    dotted = [
        ln
        for ln in page["lines"] + page["curves"]
        if abs(ln["top"] - base) < 12 and ln["x1"] - ln["x0"] > 3 * cm
    ]
    assert len(dotted) >= 2  # under ที่ and under the blank วันที่


def test_empty_signer_name_prints_dotted_parentheses(tmp_path: Path) -> None:
    memo = make_memo()
    blank = CommentBlock("ความเห็นของรองนายก", Signature("", ()))
    pdf = build(tmp_path, replace(memo, comments=(*memo.comments, blank)))
    flat = squash("".join(pdfium_pages(pdf)))
    assert "ความเห็นของรองนายก()" in flat  # heading, then the parentheses around dots


# --------------------------------------------------------------------------- geometry


def test_nothing_outside_the_frame(tmp_path: Path) -> None:
    memo = make_memo(comments=8, emblem=png(tmp_path / "g.png"))
    pdf = build(tmp_path, memo)
    first, later = memo_page_setups(memo)
    pages = plumber_objects(pdf)
    assert len(pages) >= 3
    from itadesk.documents.fonts import bundled_fonts

    # the largest type on a page decides how far its ink may overshoot a line box
    over_top, over_bottom = ink_allowance(bundled_fonts().regular, 29)
    for n, page in enumerate(pages, 1):
        setup = first if n == 1 else later
        x0, y0, x1, y1 = setup.frame_box()
        h = page["height"]
        top_edge = h - y1
        label = setup.page_label(n)
        above = [c for c in page["chars"] if c["bottom"] < top_edge]
        assert squash("".join(c["text"] for c in above)) == squash(label)
        for c in page["chars"]:
            if c in above:
                continue
            assert x0 - TOL <= c["x0"] and c["x1"] <= x1 + TOL, c["text"]
            assert top_edge - TOL <= c["top"] and c["bottom"] <= h - y0 + TOL, c["text"]
        for kind in ("curves", "lines", "rects"):
            for obj in page[kind]:
                assert x0 - TOL <= obj["x0"] and obj["x1"] <= x1 + TOL, (kind, obj["x0"])
                assert top_edge - over_top <= obj["top"], (kind, obj["top"])
                assert obj["bottom"] <= h - y0 + over_bottom, (kind, obj["bottom"])


def test_comment_blocks_never_split_across_pages(tmp_path: Path) -> None:
    memo = make_memo(comments=9)
    pdf = build(tmp_path, memo)
    pages = [squash(p) for p in pdfium_pages(pdf)]
    assert len(pages) >= 3  # the chain overflows

    def page_of(part: str, start: int = 0) -> int:
        hits = [i for i, p in enumerate(pages) if i >= start and squash(part) in p]
        assert hits, part
        return hits[0]

    last = 0
    for block in memo.comments:
        head = page_of(block.heading, last)
        name = page_of(f"({block.signature.display_name})", head)
        final = page_of(block.signature.positions[-1], name)
        assert head == name == final, block.heading
        last = head
    # the signer's block stays with the closing paragraph
    assert page_of(PARAGRAPHS[-1]) == page_of(f"({SIGNER.display_name})")


# --------------------------------------------------------------------------- output


def test_atomic_write_on_error_mid_build(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "memo.pdf"
    write_memo(make_memo(), out, bundled_context(), invariant=True)
    before = out.read_bytes()

    def boom(self) -> None:
        raise RuntimeError("boom while drawing")

    monkeypatch.setattr(memo_module.FieldRow, "draw", boom)
    with pytest.raises(RuntimeError, match="boom"):
        write_memo(make_memo(), out, bundled_context())
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo.pdf"]
    fresh = tmp_path / "fresh.pdf"
    with pytest.raises(RuntimeError):
        write_memo(make_memo(), fresh, bundled_context())
    assert not fresh.exists()


def test_invariant_builds_are_identical(tmp_path: Path) -> None:
    a = build(tmp_path, make_memo(), "a.pdf")
    b = build(tmp_path, make_memo(), "b.pdf")
    assert a.read_bytes() == b.read_bytes()
