"""Break opportunities: words, glue rules, the user dictionary."""

from __future__ import annotations

import pytest

from itadesk.documents import linebreak
from itadesk.documents.linebreak import break_opportunities, set_user_words, split_long
from itadesk.documents.text import ThaiParagraph, ThaiStyle


def pieces(text: str) -> list[str]:
    ok = break_opportunities(text)
    out, start = [], 0
    for i in range(1, len(text)):
        if ok[i]:
            out.append(text[start:i])
            start = i
    return [*out, text[start:]]


@pytest.mark.parametrize(
    "glued",
    [
        "ป.ป.ช.",
        "พ.จ.อ.",
        "พ.ศ.๒๕๖๙",
        "O11",
        "i16",
        "๙๙.๖๖",
        "(99.66)",
        "5,000",
        "๐ ๓๔๗๖ ๗๒๒๕",
        "https://www.example.go.th/ita/2568",
        "อื่น ๆ ",
        '"อัญประกาศ" ',
    ],
)
def test_glue_rules(samples: list[str], glued: str) -> None:
    text = next(s for s in samples if glued.strip() in s)
    start = text.index(glued.strip())
    ok = break_opportunities(text)
    inside = range(start + 1, start + len(glued.strip()))
    assert not any(ok[i] for i in inside), (glued, pieces(text))


def test_words_are_break_points(samples: list[str]) -> None:
    text = next(s for s in samples if s.startswith("การปฏิบัติ"))
    assert pieces(text)[:4] == ["การ", "ปฏิบัติหน้าที่", "ตาม", "ขั้นตอน"]


def test_no_break_before_marks_or_closing_punctuation() -> None:
    text = "ก่อนหน้านี้ (ข้อ ๑) ผู้ใหญ่บ้าน, น้ำ! ฯลฯ"
    ok = break_opportunities(text)
    for i, ch in enumerate(text):
        if ch in "่้๊๋ิีึืุูั็์ำ),!ฯ":
            assert not ok[i], (i, ch)


def test_user_words_kept_whole() -> None:
    name = "ท้ายหาดสามัคคีพัฒนา"
    text = f"องค์การบริหารส่วนตำบล{name}ประกาศ"
    before = pieces(text)
    set_user_words([name])
    try:
        after = pieces(text)
        assert name in after
    finally:
        set_user_words([])
    assert pieces(text) == before


def test_dictionary_loads_once() -> None:
    trie = linebreak.load_dictionary()
    set_user_words(["ชื่อสำนักงานทดสอบ"])
    set_user_words([])
    assert linebreak.load_dictionary() is trie


def test_split_long_levels() -> None:
    word = "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ"
    levels = dict(split_long(word))
    assert "words" in levels and "tcc" in levels
    # the compound's own words come first: "การทุจริต|แห่งชาติ"
    assert word.index("แห่งชาติ") in levels["words"]
    url = dict(split_long("https://www.example.go.th/ita/2568"))
    assert 8 in url["url"] and 7 not in url["url"]  # after "//", never between the slashes


def test_compound_wider_than_line_breaks_between_its_words() -> None:
    word = "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ"
    para = ThaiParagraph(word, ThaiStyle())
    lines = para.line_texts(300)
    assert len(lines) == 2
    assert lines[1] == "แห่งชาติ" or lines[1].endswith("แห่งชาติ")
    assert "".join(lines) == word


def test_hanging_and_first_line_indent(make_pdf) -> None:
    from doc_helpers import group_lines, plumber_objects
    from reportlab.lib.units import cm

    from itadesk.documents.page import PageSetup

    text = "๑. " + "ข้อความขั้นตอนที่ยาวพอให้ขึ้นบรรทัดใหม่หลายบรรทัด " * 6
    hang = ThaiStyle(left_indent=1 * cm, hanging_indent=0.75 * cm)
    first = ThaiStyle(first_line_indent=2.5 * cm)
    pdf = make_pdf([ThaiParagraph(text, hang, markup=False)])
    pdf2 = make_pdf([ThaiParagraph(text, first, markup=False)])
    left = PageSetup().frame_box()[0]
    rows = group_lines(plumber_objects(pdf)[0]["chars"])
    assert rows[0][0]["x0"] == pytest.approx(left + 1 * cm, abs=0.5)
    assert all(r[0]["x0"] == pytest.approx(left + 1.75 * cm, abs=0.5) for r in rows[1:])
    rows2 = group_lines(plumber_objects(pdf2)[0]["chars"])
    assert rows2[0][0]["x0"] == pytest.approx(left + 2.5 * cm, abs=0.5)
    assert all(r[0]["x0"] == pytest.approx(left, abs=0.5) for r in rows2[1:])
