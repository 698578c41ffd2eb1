"""Thai distributed justification measured on the page: the spare width of a justified line
is spread over the gaps between Thai character clusters, no gap inside a word gets wider than
a space, word boundaries get no more than the gaps inside words, spaces and Latin words keep
their own widths, the last line is not stretched, and the text copies out as typed."""

from __future__ import annotations

import itertools
import statistics

import pytest
from doc_helpers import MEMO_TEXT, group_lines, pdfium_lines, plumber_objects
from pythainlp.tokenize import word_tokenize
from reportlab.lib.units import cm

from itadesk.documents.page import PageSetup
from itadesk.documents.shaping import text_width
from itadesk.documents.text import INNER_GAP_CAP, ThaiParagraph, ThaiStyle
from itadesk.domain.documents import Justification

PAGE = PageSetup(page_numbers="none")
TOL = 0.05  # points
#: the memo's "บัดนี้" paragraph, where word-gap justification showed "ได้ แจ้ง ผล การประเมิน"
NOW_TEXT = (
    "บัดนี้ สำนักงาน ป.ป.ช. ได้แจ้งผลการประเมินแล้ว องค์การบริหารส่วนตำบลหนองตัวอย่าง"
    "ได้คะแนน ๙๔.๓๘ คะแนน อยู่ในระดับ ผ่านดี ซึ่งเปลี่ยนแปลงจากปีงบประมาณ พ.ศ. ๒๕๖๗ ที่ได้ "
    "๘๙.๗๓ คะแนน ระดับ ผ่าน สำนักปลัดจึงได้วิเคราะห์ผลการประเมินเป็นรายตัวชี้วัด "
    "ระบุข้อบกพร่องหรือจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน ประเด็นที่ต้องพัฒนาให้ดีขึ้น "
    "และแนวทางการนำผลการวิเคราะห์ไปสู่การปฏิบัติ เปิดโอกาสให้เสนอความเห็นต่อแผนการดำเนินงาน "
    "ตัวชี้วัดที่ ๒ การใช้งบประมาณ"
)
TEXTS = (MEMO_TEXT, NOW_TEXT)
WIDTHS_CM = (16.0, 11.0)


def _is_thai_letter(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e2e" or "\u0e30" <= ch <= "\u0e45"


def _lines(justification: Justification, make_pdf) -> list[tuple[list[dict], bool]]:
    """Every line of the justified test paragraphs as pdfplumber's glyph boxes (one per
    cluster), with whether it is the last line of its paragraph."""
    out = []
    for width in WIDTHS_CM:
        style = ThaiStyle(
            alignment="justify",
            first_line_indent=2.5 * cm,
            right_indent=(16 - width) * cm,
            justification=justification,
        )
        paragraphs = [ThaiParagraph(text, style, markup=False) for text in TEXTS]
        pdf = make_pdf(paragraphs, PAGE)
        rows = [r for p in plumber_objects(pdf) for r in group_lines(p["chars"])]
        expected = [len(p.line_texts(PAGE.frame_width)) for p in paragraphs]
        assert len(rows) == sum(expected)
        ends = {sum(expected[: k + 1]) - 1 for k in range(len(expected))}
        out += [(row, n in ends) for n, row in enumerate(rows)]
    return out


def _gaps(row: list[dict]) -> list[tuple[str, int, float]]:
    """(line text, offset of the right-hand glyph's text, gap before it) for each pair of
    neighbouring glyphs."""
    text = "".join(c["text"] for c in row)
    out, pos = [], len(row[0]["text"])
    for a, b in itertools.pairwise(row):
        out.append((text, pos, b["x0"] - a["x1"]))
        pos += len(b["text"])
    return out


def _word_bounds(text: str) -> set[int]:
    """Offsets where a dictionary word starts (PyThaiNLP's own segmentation of the line)."""
    bounds, pos = set(), 0
    for word in word_tokenize(text, engine="newmm", keep_whitespace=True):
        bounds.add(pos)
        pos += len(word)
    return bounds


SPACE = text_width(ThaiStyle().fonts().regular, " ", 16)


def test_no_gap_inside_a_word_is_wider_than_a_space(make_pdf) -> None:
    inside = []
    for row, _last in _lines(Justification.THAI_DISTRIBUTED, make_pdf):
        for text, pos, gap in _gaps(row):
            bounds = _word_bounds(text)
            if pos not in bounds and _is_thai_letter(text[pos - 1]) and _is_thai_letter(text[pos]):
                inside.append(gap)
                assert -TOL <= gap <= SPACE + TOL, (text, text[:pos], gap)
    assert len(inside) > 300
    # the spare width really went inside the words (most gaps between clusters are open)
    assert statistics.mean(inside) > 0.3


def test_word_boundaries_get_no_more_than_the_gaps_inside_words(make_pdf) -> None:
    """ "ได้ แจ้ง ผล" cannot appear: a boundary between two Thai words with no space is
    no wider than the widest gap inside the words of its line — unless the line has more
    room than its words can take (INNER_GAP_CAP of a space per gap), which only a line
    followed by a long unbreakable word has."""
    checked = 0
    for row, last in _lines(Justification.THAI_DISTRIBUTED, make_pdf):
        if last:
            continue
        gaps = _gaps(row)
        text = gaps[0][0] if gaps else ""
        bounds = _word_bounds(text)
        thai = [
            (pos, gap)
            for _t, pos, gap in gaps
            if _is_thai_letter(text[pos - 1]) and _is_thai_letter(text[pos])
        ]
        inner = [gap for pos, gap in thai if pos not in bounds]
        between = [gap for pos, gap in thai if pos in bounds]
        if not inner or not between or max(inner) >= INNER_GAP_CAP * SPACE - TOL:
            continue
        assert max(between) <= max(inner) + TOL, (text, max(between), max(inner))
        checked += 1
    assert checked > 20


def test_word_gap_style_is_still_available_and_differs(make_pdf) -> None:
    """The setting keeps the earlier look, where the gaps between words are the wide ones."""
    wider = 0
    for row, last in _lines(Justification.WORD_GAPS, make_pdf):
        if last:
            continue
        gaps = _gaps(row)
        text = gaps[0][0] if gaps else ""
        bounds = _word_bounds(text)
        thai = [
            (pos, gap)
            for _t, pos, gap in gaps
            if _is_thai_letter(text[pos - 1]) and _is_thai_letter(text[pos])
        ]
        inner = [gap for pos, gap in thai if pos not in bounds]
        between = [gap for pos, gap in thai if pos in bounds]
        if inner and between and max(between) > 2 * max(inner) + TOL:
            wider += 1
    assert wider > 5


@pytest.mark.parametrize("justification", list(Justification))
def test_spaces_and_latin_words_keep_their_widths(make_pdf, justification) -> None:
    for row, _last in _lines(justification, make_pdf):
        for text, pos, gap in _gaps(row):
            before, after = text[pos - 1], text[pos]
            if before == " " or after == " ":
                continue  # a space glyph's own box
            if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
                assert abs(gap) <= TOL, (text, text[:pos])  # "Integrity", "O11", "2568"
        spaces = [c for c in row if c["text"] == " "]
        for c in spaces:
            assert c["x1"] - c["x0"] >= SPACE - TOL


def test_last_line_is_not_stretched(make_pdf) -> None:
    for row, last in _lines(Justification.THAI_DISTRIBUTED, make_pdf):
        if last:
            assert all(abs(gap) <= TOL for _t, _p, gap in _gaps(row)), row[0]["text"]


@pytest.mark.parametrize("width_cm", WIDTHS_CM)
def test_distributed_lines_copy_out_exactly(make_pdf, width_cm: float) -> None:
    """No space is added in extraction: pdfplumber (which turns a gap of 3 pt into a
    space) gives each line exactly, PDFium gives the whole text."""
    style = ThaiStyle(alignment="justify", right_indent=(16 - width_cm) * cm)
    paragraph = ThaiParagraph(NOW_TEXT, style, markup=False)
    pdf = make_pdf([paragraph], PAGE)
    expected = [line.strip() for line in paragraph.line_texts(PAGE.frame_width)]
    rows = [r for p in plumber_objects(pdf) for r in group_lines(p["chars"])]
    assert ["".join(c["text"] for c in r).strip() for r in rows] == expected
    assert "".join(pdfium_lines(pdf)) == NOW_TEXT
