"""Markup is small and safe: clerk text prints literally and never raises."""

from __future__ import annotations

import pytest
from doc_helpers import collapse, pdfium_pages, plumber_objects, plumber_pages

from itadesk.documents.text import Span, ThaiParagraph, ThaiStyle, escape_markup, parse_markup

TRICKY = [
    "ค่าใช้จ่าย < 5,000 บาท & อื่น ๆ <b>ไม่ใช่แท็ก</b> \"อัญประกาศ\" 'เดี่ยว'",
    "<b>ไม่ปิด",
    "</u> ปิดลอย",
    "<script>alert(1)</script> <i>เอียง</i> <br> <BR/>",
    "a < b && c > d &amp; &lt; &#x41; &unknown; <<b>>",
    "<b><u>ซ้อน</b></u>",
    "",
]


def test_the_markup_sample_prints_its_characters(make_pdf, samples) -> None:
    sample = next(s for s in samples if "<b>" in s)
    pdf = make_pdf(
        [
            ThaiParagraph(sample, ThaiStyle(font_size=13), markup=False),
            ThaiParagraph(escape_markup(sample), ThaiStyle(font_size=13), markup=True),
        ]
    )
    lines = [ln for ln in pdfium_pages(pdf)[0].replace("\r\n", "\n").split("\n") if ln]
    assert [collapse(x) for x in lines] == [collapse(sample)] * 2
    assert collapse(plumber_pages(pdf)[0]).count("<b>ไม่ใช่แท็ก</b>") == 2
    for ch in "<&\"'>":
        assert ch in pdfium_pages(pdf)[0]


@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize("markup", [True, False])
def test_tricky_text_never_raises(make_pdf, text: str, markup: bool) -> None:
    pdf = make_pdf([ThaiParagraph(text, markup=markup)])
    assert pdf.exists()


@pytest.mark.parametrize("text", TRICKY)
def test_escaped_text_round_trips(text: str) -> None:
    spans = parse_markup(escape_markup(text))
    assert "".join(s.text for s in spans) == text.replace("\r", "")
    assert not any(s.bold or s.underline for s in spans)


def test_markup_tags() -> None:
    spans = parse_markup("ก<b>ข<u>ค</u></b><br/>ง &lt;b&gt; <i>จ</i>")
    assert spans == [
        Span("ก"),
        Span("ข", bold=True),
        Span("ค", bold=True, underline=True),
        Span("\n"),
        Span("ง <b> <i>จ</i>"),
    ]
    # unbalanced tags are literal
    assert parse_markup("<b>ไม่ปิด") == [Span("<b>ไม่ปิด")]
    assert parse_markup("</b>ลอย") == [Span("</b>ลอย")]


def test_bold_underline_and_break_render(make_pdf) -> None:
    pdf = make_pdf([ThaiParagraph("ปกติ <b>ตัวหนา</b> <u>ขีดเส้นใต้</u><br/>บรรทัดใหม่")])
    page = plumber_objects(pdf)[0]
    fonts = {c["fontname"].split("+")[-1] for c in page["chars"]}
    assert fonts == {"Sarabun-Regular", "Sarabun-Bold"}
    assert page["rects"]  # the underline is a thin filled rectangle
    lines = [ln for ln in pdfium_pages(pdf)[0].replace("\r\n", "\n").split("\n") if ln]
    assert lines == ["ปกติ ตัวหนา ขีดเส้นใต้", "บรรทัดใหม่"]
