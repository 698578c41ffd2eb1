"""Break opportunities: words, glue rules, the office's own words."""

from __future__ import annotations

import pytest

from itadesk.documents import linebreak, wordlists
from itadesk.documents.linebreak import break_opportunities, line_breaker, split_long
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


def test_office_words_kept_whole() -> None:
    name = "ท้ายหาดสามัคคีพัฒนา"
    text = f"องค์การบริหารส่วนตำบล{name}ประกาศ"
    before = pieces(text)
    office = line_breaker([name])
    ok = office.break_opportunities(text)
    start = text.index(name)
    assert not any(ok[i] for i in range(start + 1, start + len(name)))
    assert office.is_protected(name) and not linebreak.is_protected(name)
    # the breaker without the office's words is untouched, before and after
    assert pieces(text) == before
    assert any(ok2 for ok2 in break_opportunities(text)[start + 1 : start + len(name)])


def test_one_breaker_per_word_set_sharing_the_dictionary() -> None:
    trie = linebreak.load_dictionary()
    first = line_breaker(["ชื่อสำนักงานทดสอบ"])
    assert line_breaker([" ชื่อสำนักงานทดสอบ ", ""]) is first
    assert line_breaker([]) is line_breaker()
    assert line_breaker(["ชื่อสำนักงานทดสอบ"]).office_words == frozenset({"ชื่อสำนักงานทดสอบ"})
    assert linebreak.load_dictionary() is trie  # office words never rebuild the dictionary


def test_office_words_segment_as_one_trie_of_both_would() -> None:
    """The breaker layers the office's words over the shared dictionary without copying it;
    the segmenter must see exactly what one dictionary holding both would give."""
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize
    from pythainlp.util import Trie

    words = ["ท้ายหาดสามัคคีพัฒนา", "หนองตัวอย่าง", "สมหญิง", "ตั้งใจงาน"]
    merged = Trie(set(thai_words()) | wordlists.ita_terms() | set(words))
    office = line_breaker(words)
    for text in (
        "องค์การบริหารส่วนตำบลท้ายหาดสามัคคีพัฒนาประกาศผลการประเมิน",
        "นางสาวสมหญิงตั้งใจงานหัวหน้าสำนักปลัดองค์การบริหารส่วนตำบลหนองตัวอย่าง",
    ):
        expected = word_tokenize(text, custom_dict=merged, engine="newmm", keep_whitespace=True)
        assert linebreak._tokenize(text, office._segmenter_trie()) == expected


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


# --------------------------------------------------------------------------- words stay whole

#: Words (not phrases) that a segmenter can cut into dictionary entries (สา|ธารณะ,
#: ขั้น|ตอน, เจ้า|หน้าที่): each must stay whole on a line it fits on.
WORDS = ["สาธารณะ", "ข้อมูล", "ขั้นตอน", "เจ้าหน้าที่", "ประชาสัมพันธ์", "ประสิทธิภาพ",
         "ผู้รับผิดชอบ", "ปฏิบัติงาน", "ขับเคลื่อน", "ธรรมาภิบาล"]  # fmt: skip
CELL_TEXT = (
    "มาตรการที่ 1 ส่งเสริมการเปิดเผยข้อมูลสาธารณะและการป้องกันการทุจริต "
    "จัดทำขั้นตอนการปฏิบัติงานให้เจ้าหน้าที่ผู้รับผิดชอบประชาสัมพันธ์อย่างมีประสิทธิภาพ "
    "เพื่อขับเคลื่อนธรรมาภิบาลของหน่วยงาน"
)


def _cuts(lines: list[str]) -> set[int]:
    out, pos = set(), 0
    for line in lines[:-1]:
        pos += len(line)
        out.add(pos)
    return out


def test_narrow_cell_keeps_an_ordinary_word_whole() -> None:
    para = ThaiParagraph(CELL_TEXT, ThaiStyle(font_size=14, bold=True))
    lines = para.line_texts(108)
    assert "ข้อมูลสา" not in lines and not any(ln.startswith("ธารณะ") for ln in lines), lines
    assert any("สาธารณะ" in ln for ln in lines), lines


@pytest.mark.parametrize("bold", [False, True])
def test_words_that_fit_are_never_split(bold: bool) -> None:
    from itadesk.documents.shaping import text_width

    style = ThaiStyle(font_size=14, bold=bold)
    font = style.fonts().name_for(bold=bold)
    para = ThaiParagraph(CELL_TEXT, style)
    checked = 0
    for width in range(40, 260, 4):
        lines = para.line_texts(width)
        assert "".join(lines) == CELL_TEXT
        cuts = _cuts(lines)
        for word in WORDS:
            if text_width(font, word, 14) > width:
                continue  # wider than the line: it has to be cut somewhere
            start = CELL_TEXT.index(word)
            inside = set(range(start + 1, start + len(word)))
            assert not inside & cuts, (word, width, lines)
            checked += 1
    assert checked > 400


def test_phrase_compound_still_fills_the_line_before_it() -> None:
    """A dictionary phrase (the commission's full name is one PyThaiNLP entry) that fits on
    a line still breaks between its words rather than leave a half-empty line."""
    name = "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ"
    para = ThaiParagraph(f"ตามที่{name}ได้ประกาศ", ThaiStyle())
    from itadesk.documents.shaping import text_width

    width = 440
    assert text_width(ThaiStyle().fonts().regular, name, 16) < width  # it would fit alone
    lines = para.line_texts(width)
    assert lines[0].startswith("ตามที่สำนักงาน"), lines
    # the cut falls between two of the name's words
    cut = len(lines[0]) - len("ตามที่")
    assert name[:cut].endswith(("การ", "ปราบปราม", "ทุจริต", "และ", "ป้องกัน", "คณะกรรมการ")), lines


def test_soft_compound_is_a_phrase_not_a_word() -> None:
    assert linebreak.is_soft_compound("สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ")
    assert linebreak.is_soft_compound("ผลการวิเคราะห์")
    for word in [*WORDS, "ความโปร่งใส", "องค์การบริหารส่วนตำบล", "พ.ศ. ๒๕๖๖", "O11"]:
        assert not linebreak.is_soft_compound(word), word


# --------------------------------------------------------------------------- glue


@pytest.mark.parametrize(
    ("text", "glued"),
    [
        ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ของหน่วยงาน", "พ.ศ. ๒๕๖๖"),
        ("ประจำปีงบประมาณ พ.ศ. 2566 ของหน่วยงาน", "พ.ศ. 2566"),
        ("ดำเนินการในไตรมาส ๑–๒ ของปี", "ไตรมาส ๑–๒"),
        ("ดำเนินการช่วงที่๑–๒ของปี", "๑–๒"),
        ("ในไตรมาส 1-2 และ 3–4", "ไตรมาส 1-2"),
        ("ในไตรมาส 1-2 และ 3–4", "3–4"),
        ("ตามข้อ ๑ และข้อ O11 ของแบบ", "ข้อ ๑"),
        ("ตามข้อ ๑ และข้อ O11 ของแบบ", "ข้อ O11"),
        ("ได้คะแนนร้อยละ ๙๕ ของเป้าหมาย", "ร้อยละ ๙๕"),
        ("ผลการดำเนินการตามประเด็นที่ ๑ ครั้งที่ 2", "ประเด็นที่ ๑"),
        ("ผลการดำเนินการตามประเด็นที่ ๑ ครั้งที่ 2", "ครั้งที่ 2"),
        ("รอบ ๖ เดือน (๑ ตุลาคม ๒๕๖๘ – ๓๑ มีนาคม ๒๕๖๙)", "๑ ตุลาคม ๒๕๖๘"),
        ("ไตรมาส ๑–๒ (ต.ค. ๖๘ – มี.ค. ๖๙)", "ต.ค. ๖๘"),
        ("ระหว่าง ๑ ต.ค. ๒๕๖๘ ถึง ๓๑ ม.ค. ๒๕๖๙", "๓๑ ม.ค. ๒๕๖๙"),
        ("๑) จัดประชุมชี้แจงเจ้าหน้าที่", "๑) จัด"),
        ("ตำบลท้ายหาด อ.เมือง จ.สมุทรสงคราม", "อ.เมือง"),
        ("นาย\u00a0สมชาย ใจดี ได้ 10\u00a0คะแนน", "นาย\u00a0สม"),
        ("นาย\u00a0สมชาย ใจดี ได้ 10\u00a0คะแนน", "10\u00a0คะแนน"),
    ],
)
def test_things_that_belong_together_never_break(text: str, glued: str) -> None:
    start = text.index(glued)
    ok = break_opportunities(text)
    inside = range(start + 1, start + len(glued))
    assert not any(ok[i] for i in inside), (glued, pieces(text))


def test_a_number_may_break_before_its_unit() -> None:
    text = "ได้ ๙๙.๖๖ คะแนน อยู่ในระดับ AA"
    assert break_opportunities(text)[text.index("คะแนน")]
    assert "๙๙.๖๖ " in pieces(text)


def test_no_break_space_holds_in_a_narrow_column() -> None:
    from itadesk.documents.shaping import text_width

    text = "ผลคะแนนรวม ๙๙.๖๖\u00a0คะแนน อยู่ในระดับ\u00a0AA ของหน่วยงานภาครัฐ"
    para = ThaiParagraph(text, ThaiStyle())
    unit = text_width(ThaiStyle().fonts().regular, "๙๙.๖๖\u00a0คะแนน", 16)
    for width in range(int(unit) + 1, 300, 10):
        lines = para.line_texts(width)
        nbsp_ends = {i + 1 for i, ch in enumerate(text) if ch == "\u00a0"}
        assert not _cuts(lines) & nbsp_ends, lines
        assert any("๙๙.๖๖\u00a0คะแนน" in ln for ln in lines), lines


def test_a_dash_never_starts_a_line() -> None:
    text = "ระยะเวลา ๑ ตุลาคม ๒๕๖๘ – ๓๑ มีนาคม ๒๕๖๙ และ ๑ ต.ค. ๖๘ — ๓๑ มี.ค. ๖๙"
    ok = break_opportunities(text)
    for i, ch in enumerate(text):
        if ch in "–—":
            assert not ok[i], pieces(text)
    for width in range(60, 300, 10):
        lines = ThaiParagraph(text, ThaiStyle(font_size=14)).line_texts(width)
        assert not any(ln.lstrip().startswith(("–", "—")) for ln in lines), lines
        assert not any("๑–" in ln and ln.endswith("๑–") for ln in lines)
