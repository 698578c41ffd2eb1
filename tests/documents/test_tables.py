"""Tables that fit their content: column widths from each column's least and preferred
content width, rows split only between list items with at least two lines on each side,
header rows on every page; the demo office's measures table in at most four landscape pages."""

from __future__ import annotations

import itertools
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from doc_helpers import group_lines, pdfium_pages, plumber_objects, squash
from reportlab.lib.units import cm

from itadesk.documents.page import PageSetup
from itadesk.documents.shaping import text_width
from itadesk.documents.table import _cell_height
from itadesk.documents.text import (
    ThaiParagraph,
    ThaiStyle,
    auto_column_widths,
    content_widths,
    thai_table,
)
from itadesk.domain.documents import MeasuresLayout
from itadesk.domain.thai_text import to_thai_digits

STYLE = ThaiStyle(font_size=14)
LONG = (
    "จัดประชุมชี้แจงเจ้าหน้าที่ทุกคนให้เข้าใจแนวทางการเปิดเผยข้อมูลต่อสาธารณะ "
    "และรายงานผลการดำเนินการต่อผู้บริหารทุกไตรมาสพร้อมหลักฐานการดำเนินการ"
)
SHORT = "สำนักปลัด"
WIDTH = 16 * cm


def _cells(*texts: str) -> list[ThaiParagraph]:
    return [ThaiParagraph(t, STYLE) for t in texts]


def test_column_widths_follow_the_content() -> None:
    rows = [_cells(LONG * 2, SHORT, LONG), _cells(LONG, SHORT, LONG)]
    widths = auto_column_widths(rows, WIDTH)
    assert sum(widths) == pytest.approx(WIDTH)
    assert widths[0] > widths[2] > widths[1]  # more text, more room
    swapped = auto_column_widths([[row[2], row[1], row[0]] for row in rows], WIDTH)
    assert swapped == pytest.approx(widths[::-1])
    # the short column is as wide as its text on one line (its preferred width), no wider
    assert widths[1] == pytest.approx(text_width(STYLE.fonts().regular, SHORT, 14) + 8, abs=0.5)


def test_a_column_is_never_narrower_than_its_widest_word() -> None:
    word = "ประชาสัมพันธ์"
    rows = [_cells(LONG * 3, word, LONG * 3)]
    widths = auto_column_widths(rows, WIDTH)
    least, _preferred = content_widths(rows[0][1])
    assert least == pytest.approx(text_width(STYLE.fonts().regular, word, 14))
    assert widths[1] >= least + 8 - 0.01
    assert ThaiParagraph(word, STYLE).line_texts(widths[1] - 8) == [word]


def test_short_content_fills_the_width_in_proportion() -> None:
    rows = [_cells("ที่", "มาตรการ", SHORT)]
    widths = auto_column_widths(rows, WIDTH)
    assert sum(widths) == pytest.approx(WIDTH)
    preferred = [content_widths(cell)[1] + 8 for cell in rows[0]]
    ratios = [w / p for w, p in zip(widths, preferred, strict=True)]
    assert max(ratios) == pytest.approx(min(ratios))


def test_fixed_columns_keep_their_width() -> None:
    rows = [_cells(LONG, SHORT, LONG)]
    widths = auto_column_widths(rows, WIDTH, fixed=[None, 3 * cm, None])
    assert widths[1] == pytest.approx(3 * cm)
    assert sum(widths) == pytest.approx(WIDTH)


def test_widths_make_the_table_shorter_than_sharing_by_preferred_width() -> None:
    """HTML shares the spare width in proportion to the preferred widths: the column with
    one long line gets it while the column of many steps stays narrow."""
    steps = [_cells(*[f"{i}) {LONG}" for i in range(1, 7)])]
    rows = [[ThaiParagraph(LONG * 3, STYLE), steps[0], ThaiParagraph(SHORT, STYLE)]]
    ours = auto_column_widths(rows, WIDTH)
    least = [content_widths(c)[0] + 8 for c in rows[0]]
    preferred = [content_widths(c)[1] + 8 for c in rows[0]]
    room = WIDTH - sum(least)
    wants = sum(p - lo for p, lo in zip(preferred, least, strict=True))
    html = [lo + room * (p - lo) / wants for lo, p in zip(least, preferred, strict=True)]

    def height(widths: list[float]) -> float:
        return max(_cell_height(c, w - 8) for c, w in zip(rows[0], widths, strict=True))

    assert height(ours) < 0.8 * height(html)


HEADER_TEXT = "มาตรการขั้นตอนหมายเหตุ"


def _step_table() -> tuple[list, list[str]]:
    steps = [f"{i}) {LONG} ขั้นที่ {i} จบ" for i in range(1, 25)]
    prose = " ".join([LONG] * 14)
    cells = [
        ThaiParagraph(s, STYLE.replace(hanging_indent=14, keep_whole=True, space_after=2))
        for s in steps
    ]
    rows = [
        ["มาตรการ", "ขั้นตอน", "หมายเหตุ"],
        [
            ThaiParagraph("มาตรการทดลองแบ่งแถว", STYLE.replace(bold=True, row_label=True)),
            cells,
            [ThaiParagraph(prose, STYLE)],
        ],
    ]
    return rows, steps


def test_rows_split_between_steps_never_one_line_alone(make_pdf) -> None:
    rows, steps = _step_table()
    page = PageSetup(orientation="landscape", page_numbers="none")
    table = thai_table(rows, None, style=STYLE, width=page.frame_width)
    pdf = make_pdf([ThaiParagraph("ก่อนตาราง", STYLE)] * 12 + [table], page)
    pages = [squash(p) for p in pdfium_pages(pdf)]
    assert len(pages) >= 3
    for page_text in pages[1:]:
        assert page_text.startswith(squash("มาตรการขั้นตอนหมายเหตุ"))  # header repeats
    for step in steps:  # every step whole on one page
        assert sum(squash(step) in text for text in pages) == 1, step
    # every page's part of the row holds at least two lines, in its steps or its prose
    left = page.frame_box()[0]
    edges = [left + sum(table._colWidths[:k]) for k in range(len(table._colWidths) + 1)]
    for objects in plumber_objects(pdf):
        rows_on_page = group_lines(objects["chars"])
        header = next(
            r for r in rows_on_page if squash("".join(c["text"] for c in r)) == HEADER_TEXT
        )
        body = [c for c in objects["chars"] if c["top"] > header[0]["bottom"]]
        lines = [
            len(group_lines([c for c in body if a < c["x0"] < b]))
            for a, b in itertools.pairwise(edges)
        ]
        assert max(lines) >= 2, lines
        assert 1 not in lines, lines  # no cell part of a single line


def test_a_prose_paragraph_in_a_cell_keeps_two_lines_on_each_side(make_pdf) -> None:
    prose = " ".join([LONG] * 10)
    para = ThaiParagraph(prose, STYLE)
    lines = para.line_texts(6 * cm)
    for room in range(1, len(lines) + 1):
        parts = para.split(6 * cm, room * STYLE.line_height + 0.1)
        if len(parts) == 2:
            head = parts[0].line_texts(6 * cm)
            tail = parts[1].line_texts(6 * cm)
            assert len(head) >= 2 and len(tail) >= 2, (room, len(head), len(tail))
            assert "".join(head + tail) == prose
    # a step (a list item) moves whole
    step = ThaiParagraph(prose[:300], STYLE.replace(keep_whole=True))
    assert step.split(6 * cm, 3 * STYLE.line_height) == []


def _landscape_pages(path: Path) -> int:
    document = pdfium.PdfDocument(str(path))
    try:
        return sum(1 for i in range(len(document)) if document[i].get_size()[0] > 800)
    finally:
        document.close()


@pytest.mark.parametrize(
    ("layout", "most"),
    [
        (MeasuresLayout.COMPACT, 4),
        # all seven columns of today's table, with the demo's long texts, take six pages at
        # 12 pt (eight before the columns were sized by their content); four would need
        # 10 pt type — the compact layout is the one that fits the target
        (MeasuresLayout.FULL, 6),
    ],
)
def test_demo_measures_fit_in_few_landscape_pages(
    demo_services, tmp_path: Path, layout: MeasuresLayout, most: int
) -> None:
    demo_services.settings.set_measures_layout(layout)
    pdf = demo_services.documents.render("report", 2568, tmp_path / "report.pdf", invariant=True)
    assert len(demo_services.measures.measures(2569)) >= 7
    assert _landscape_pages(pdf) <= most
    text = squash("".join(pdfium_pages(pdf)))
    for measure in demo_services.measures.measures(2569):
        assert squash(to_thai_digits(measure.title)) in text
        for step in measure.steps:
            assert squash(to_thai_digits(step)) in text
