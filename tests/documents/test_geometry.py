"""Geometry a reader sees: nothing outside its frame or cell, no line starting with a mark,
words kept whole, justified lines flush right."""

from __future__ import annotations

import itertools

import pytest
from doc_helpers import COMBINING, group_lines, pdfium_lines, plumber_objects
from reportlab.lib.units import cm

from itadesk.documents.page import PageSetup
from itadesk.documents.shaping import font_metrics, text_width
from itadesk.documents.text import ThaiParagraph, ThaiStyle, thai_table
from itadesk.domain.documents import Justification

TOL = 0.6  # points
KNOWN_WORDS = [
    "องค์การบริหารส่วนตำบล",
    "เทศบาลตำบล",
    "ประมวลจริยธรรม",
    "ความโปร่งใส",
    "คุณธรรม",
    "มาตรการ",
    "ปฏิบัติหน้าที่",
    "การจัดซื้อจัดจ้าง",
    "ปีงบประมาณ",
    "เจตนารมณ์",
    "กตัญญู",
    "ภาครัฐ",
    "ป.ป.ช.",
    "พ.จ.อ.",
    "O11",
    "i16",
    "๙๙.๖๖",
    "99.66",
    "5,000",
    "๐ ๓๔๗๖ ๗๒๒๕",
    "https://www.example.go.th/ita/2568",
]


def _boxes(page: dict) -> list[tuple[float, float, float, float, str]]:
    """(x0, top, x1, bottom, kind) of every glyph: text glyphs and the vector mark glyphs."""
    out = [(c["x0"], c["top"], c["x1"], c["bottom"], c["text"]) for c in page["chars"]]
    out += [(c["x0"], c["top"], c["x1"], c["bottom"], "curve") for c in page["curves"]]
    return out


@pytest.mark.parametrize("alignment", ["left", "justify", "center", "right"])
def test_glyphs_inside_page_frame(make_pdf, long_text: str, alignment: str) -> None:
    page = PageSetup(page_numbers="none")
    style = ThaiStyle(alignment=alignment, first_line_indent=2.5 * cm)
    pdf = make_pdf([ThaiParagraph(long_text, style, markup=False)] * 4, page)
    x0, y0, x1, y1 = page.frame_box()
    h = page.pagesize[1]
    # Line boxes fill the frame exactly as in Writer (single spacing = hhea ascender +
    # descender); the ink of a tone mark stacked on an upper vowel (นี้) or of a lower vowel
    # under ฎ may pass the first/last line box by the font's own overshoot, as in Writer.
    font = style.fonts().regular
    asc, desc, _gap = font_metrics(font)
    ink_top, ink_bottom = _ink_extent(font)
    over_top = (ink_top - asc) * style.font_size / 1000 + TOL
    over_bottom = (ink_bottom - desc) * style.font_size / 1000 + TOL
    pages = plumber_objects(pdf)
    assert len(pages) >= 2
    for p in pages:
        for c in p["chars"]:  # pdfplumber's glyph boxes: strictly inside the frame
            assert c["x0"] >= x0 - TOL and c["x1"] <= x1 + TOL, c["text"]
            assert c["top"] >= h - y1 - TOL and c["bottom"] <= h - y0 + TOL, c["text"]
        boxes = _boxes(p)
        assert any(kind == "curve" for *_, kind in boxes)  # the marks are really there
        for bx0, top, bx1, bottom, kind in boxes:
            assert bx0 >= x0 - TOL and bx1 <= x1 + TOL, (kind, bx0, bx1)
            assert top >= h - y1 - over_top and bottom <= h - y0 + over_bottom, (kind, top, bottom)


def _ink_extent(font: str) -> tuple[float, float]:
    """Highest and lowest ink of Thai stacks in the font, 1/1000 em (bottom positive)."""
    from itadesk.documents.shaping import glyph_path, shape

    top, bottom = 0.0, 0.0
    for u in shape(font, "นี้ ปั้น ป๊ ฟื้น ฎู ญู ฐุ ฤ ปู่"):
        for g in u.glyphs:
            _ops, (_x0, gy0, _x1, gy1) = glyph_path(font, g.gid)
            top = max(top, gy1 + g.y)
            bottom = max(bottom, -(gy0 + g.y))
    # pdfplumber's curve boxes include Bezier control points: allow a small margin
    return top + 40, bottom + 40


@pytest.mark.parametrize("width_cm", [2.2, 3.0, 4.5])
def test_glyphs_inside_table_cells(make_pdf, samples: list[str], width_cm: float) -> None:
    page = PageSetup(page_numbers="none")
    widths = [1.2 * cm, width_cm * cm, 16 * cm - (1.2 + width_cm) * cm]
    pad = 4.0
    rows = [["ที่", "คอลัมน์แคบ", "คอลัมน์กว้าง"]]
    rows += [[str(i), s, s] for i, s in enumerate(samples, 1)]
    justify = ThaiStyle(alignment="justify")
    pdf = make_pdf([thai_table(rows, widths, style=justify, padding=pad)], page)
    left = page.frame_box()[0]
    edges = [left]
    for w in widths:
        edges.append(edges[-1] + w)
    for p in plumber_objects(pdf):
        for bx0, _top, bx1, _bottom, kind in _boxes(p):
            col = next(i for i in range(3) if bx0 < edges[i + 1])
            assert bx0 >= edges[col] + pad - TOL, (kind, bx0, col)
            assert bx1 <= edges[col + 1] - pad + TOL, (kind, bx1, col)


def test_no_line_starts_with_a_combining_mark(make_pdf, long_text: str, samples) -> None:
    flowables = []
    for width in (16, 7, 4, 2.5):
        style = ThaiStyle(alignment="justify", right_indent=(16 - width) * cm)
        flowables.append(ThaiParagraph(long_text, style, markup=False))
    pdf = make_pdf(flowables)
    lines = pdfium_lines(pdf)
    assert len(lines) > 100
    for line in lines:
        assert line[0] not in COMBINING, line
    for p in plumber_objects(pdf):
        for row in group_lines(p["chars"]):
            first = next(c["text"] for c in row if c["text"].strip())
            assert first[0] not in COMBINING, "".join(c["text"] for c in row)


def test_engine_never_breaks_inside_a_cluster(long_text: str) -> None:
    """Down to absurdly narrow columns, where clusters must be used as break points."""
    para = ThaiParagraph(long_text, ThaiStyle(), markup=False)
    for width in (300, 120, 60, 30, 12):
        for line in para.line_texts(width):
            assert line[0] not in COMBINING
        assert "".join(para.line_texts(width)) == long_text


@pytest.mark.parametrize("width_cm", [16, 9, 6, 4.2])
def test_known_words_not_split_when_they_fit(make_pdf, long_text: str, width_cm: float) -> None:
    style = ThaiStyle(alignment="justify", right_indent=(16 - width_cm) * cm)
    para = ThaiParagraph(long_text, style, markup=False)
    pdf = make_pdf([para])
    lines = pdfium_lines(pdf)
    assert "".join(lines) == long_text
    breaks, pos = set(), 0
    for ln in lines[:-1]:
        pos += len(ln)
        breaks.add(pos)
    from itadesk.documents.shaping import text_width

    font = style.fonts().regular
    checked = 0
    for word in KNOWN_WORDS:
        if text_width(font, word, 16) > width_cm * cm:
            continue  # too wide for the line: it must break somewhere
        start = long_text.find(word)
        while start >= 0:
            inside = set(range(start + 1, start + len(word)))
            assert not (inside & breaks), (word, width_cm)
            checked += 1
            start = long_text.find(word, start + 1)
    assert checked > 10


def _ragged_lines_are_single_words(rows: list[list[dict]], space: float) -> None:
    """Thai distributed justification leaves a line of one word short of the margin only
    when it would need gaps wider than a space between its clusters."""
    for r in rows:
        text = "".join(c["text"] for c in r)
        gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(r)]
        assert max(gaps, default=0.0) <= space + 0.05, (text, gaps)


@pytest.mark.parametrize("justification", list(Justification))
@pytest.mark.parametrize("width_cm", [16, 8, 4])
def test_justified_lines_end_at_right_margin(
    make_pdf, long_text: str, width_cm: float, justification: Justification
) -> None:
    page = PageSetup(page_numbers="none")
    style = ThaiStyle(
        alignment="justify",
        first_line_indent=2.5 * cm,
        right_indent=(16 - width_cm) * cm,
        justification=justification,
    )
    paragraphs = [ThaiParagraph(long_text, style, markup=False)] * 3
    pdf = make_pdf(paragraphs, page)
    right = page.frame_box()[2] - (16 - width_cm) * cm
    rows = [r for p in plumber_objects(pdf) for r in group_lines(p["chars"])]
    # the last line of each of the three paragraphs is left aligned; every other line is flush
    ragged = [r for r in rows if abs(max(c["x1"] for c in r) - right) > 0.5]
    assert len(rows) > 10
    last_lines = [r for r in rows if "พ.จ.อ." in "".join(c["text"] for c in r)]
    assert last_lines  # the end of the text is there
    if justification == Justification.WORD_GAPS:
        assert len(ragged) <= 3, ["".join(c["text"] for c in r) for r in ragged]
    else:
        words = [r for r in ragged if " " not in "".join(c["text"] for c in r).strip()]
        _ragged_lines_are_single_words(words, text_width(style.fonts().regular, " ", 16))
        assert len(ragged) - len(words) <= 3


@pytest.mark.parametrize("justification", list(Justification))
def test_justified_table_cells_are_flush(
    make_pdf, samples: list[str], justification: Justification
) -> None:
    page = PageSetup(page_numbers="none")
    pad = 4.0
    width = 6 * cm
    rows = [["หัว"], *[[s] for s in samples]]
    style = ThaiStyle(alignment="justify", justification=justification)
    table = thai_table(rows, [width], style=style, padding=pad)
    pdf = make_pdf([table], page)
    right = page.frame_box()[0] + width - pad
    ragged = []
    for p in plumber_objects(pdf):
        for r in group_lines(p["chars"]):
            end = max(c["x1"] for c in r)
            if abs(end - right) > 0.5:
                ragged.append(r)
    # only last lines of cells (one per sample, plus the header) may be ragged, and with
    # Thai distributed justification a line of one word too long to spread
    if justification == Justification.WORD_GAPS:
        assert len(ragged) <= len(samples) + 2
    else:
        singles = [r for r in ragged if " " not in "".join(c["text"] for c in r).strip()]
        assert len(ragged) - len(singles) <= len(samples) + 2
