"""Drafting the analysis from scores: the shipped phrase bank, its validation, the drafted
sections (bands, directions, digits, weakest items, summary) and the foreign-office-name check."""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from itadesk.domain.analysis import (
    FINDING,
    GUIDANCE,
    IMPROVEMENTS,
    INDICATOR_FIELDS,
    SUMMARY,
    WEAKNESSES,
    SectionKey,
)
from itadesk.domain.drafting import (
    BANDS,
    BANK_INDICATORS,
    FORMAT,
    PhraseBank,
    default_phrase_bank_path,
    draft_analysis,
    find_foreign_office_names,
    load_phrase_bank,
    parse_phrase_bank,
    score_band,
    shorten_item_text,
    weakest_items,
)
from itadesk.domain.frameworks import Framework, load_framework_file
from itadesk.errors import FrameworkError
from itadesk.paths import frameworks_dir

OFFICE = "องค์การบริหารส่วนตำบลหนองตัวอย่าง"
THAI_DIGIT = re.compile("[๐-๙]")
D = Decimal

# Indicator 1 low and falling, 3 high and rising, 6 mid with no previous score, 7 low, 9 low.
SCORES = {
    1: D("78.40"),
    2: D("88.10"),
    3: D("96.70"),
    4: D("91.00"),
    5: D("86.00"),
    6: D("88.50"),
    7: D("83.20"),
    8: D("90.00"),
    9: D("72.50"),
    10: D("97.00"),
}
PREVIOUS = {1: D("80.00"), 2: D("85.00"), 3: D("95.00"), 4: D("91.00"), 5: D("80.00")}


@pytest.fixture(scope="module")
def fy2566() -> Framework:
    return load_framework_file(frameworks_dir() / "fy2566.json")


@pytest.fixture(scope="module")
def bank() -> PhraseBank:
    return load_phrase_bank()


@pytest.fixture(scope="module")
def bank_data() -> dict:
    return json.loads(default_phrase_bank_path().read_text(encoding="utf-8"))


def write_bank(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "phrases.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the bank


def test_shipped_bank_is_complete(bank: PhraseBank) -> None:
    assert set(bank.indicators) == set(BANK_INDICATORS)
    for number in BANK_INDICATORS:
        for band in BANDS:
            for field in INDICATOR_FIELDS:
                assert bank.indicator_template(number, band, field).strip()
            assert "{direction}" in bank.indicator_template(number, band, FINDING)
    assert set(bank.direction) == {"up", "down", "same", "first"}
    assert set(bank.summary_overall) == {"low", "mid", "high", "partial"}
    assert bank.summary_closing


def test_shipped_bank_high_band_admits_no_urgent_weakness(bank: PhraseBank) -> None:
    for number in BANK_INDICATORS:
        text = bank.indicator_template(number, "high", WEAKNESSES)
        assert "เร่งด่วน" in text and ("ไม่พบ" in text or "ไม่มี" in text), number
        assert "รักษา" in bank.indicator_template(number, "high", IMPROVEMENTS), number


def test_shipped_bank_texts_are_specific_to_each_indicator(bank: PhraseBank) -> None:
    for band in BANDS:
        for field in INDICATOR_FIELDS:
            texts = [bank.indicator_template(n, band, field) for n in BANK_INDICATORS]
            assert len(set(texts)) == len(texts), (band, field)


def test_shipped_bank_uses_no_english_beyond_codes_and_names(bank: PhraseBank) -> None:
    allowed = {"ITA", "OIT", "IIT", "EIT", "No", "Gift", "Policy", "e-Service"}
    for number in BANK_INDICATORS:
        for band in BANDS:
            for field in INDICATOR_FIELDS:
                text = re.sub(r"\{[a-z_]+\}", "", bank.indicator_template(number, band, field))
                words = set(re.findall(r"[A-Za-z][A-Za-z\-]*", text))
                assert words <= allowed, (number, band, field, words - allowed)


def test_bank_is_cached_per_path(tmp_path: Path, bank_data: dict) -> None:
    assert load_phrase_bank() is load_phrase_bank(default_phrase_bank_path())
    path = write_bank(tmp_path, bank_data)
    first = load_phrase_bank(path)
    assert load_phrase_bank(path) is first
    assert first is not load_phrase_bank()


def test_missing_band_is_reported_in_thai_with_its_key(tmp_path: Path, bank_data: dict) -> None:
    data = copy.deepcopy(bank_data)
    del data["indicators"]["3"]["mid"]
    with pytest.raises(FrameworkError) as caught:
        load_phrase_bank(write_bank(tmp_path, data))
    message = str(caught.value)
    assert "indicators.3.mid" in message
    assert "ไม่มีข้อความนี้" in message


def test_missing_field_is_reported(bank_data: dict) -> None:
    data = copy.deepcopy(bank_data)
    del data["indicators"]["10"]["low"]["guidance"]
    with pytest.raises(FrameworkError, match=r"indicators\.10\.low\.guidance"):
        parse_phrase_bank(data)


def test_unknown_placeholder_is_reported(tmp_path: Path, bank_data: dict) -> None:
    data = copy.deepcopy(bank_data)
    data["indicators"]["2"]["low"]["weaknesses"] = "{offfice} ใช้งบประมาณไม่ถูกต้อง"
    with pytest.raises(FrameworkError) as caught:
        load_phrase_bank(write_bank(tmp_path, data))
    message = str(caught.value)
    assert "ไม่รู้จักตัวแทนข้อความ" in message
    assert "{offfice}" in message
    assert "indicators.2.low.weaknesses" in message


@pytest.mark.parametrize(
    ("where", "text", "expected"),
    [
        # {weak_items} only exists in the optional sentences, so a main template cannot use it
        (("indicators", "1", "low", "weaknesses"), "ได้แก่ {weak_items}", "ใช้ตัวแทนข้อความ"),
        (("indicators", "1", "low", "finding"), "ได้ {score} คะแนน", "{direction}"),
        (("indicators", "1", "low", "guidance"), "ปี {next_year", "วงเล็บปีกกา"),
        (("indicators", "1", "low", "guidance"), "ปี {Next-Year}", "เขียนไม่ถูกต้อง"),
        (("weak_items", "default", "mid", "weaknesses"), "ข้อคำถามที่ต่ำ", "{weak_items}"),
        (("indicators", "1", "low", "guidance"), "   ", "ไม่ว่าง"),
    ],
)
def test_malformed_templates_are_reported(
    bank_data: dict, where: tuple[str, ...], text: str, expected: str
) -> None:
    data = copy.deepcopy(bank_data)
    node = data
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = text
    with pytest.raises(FrameworkError) as caught:
        parse_phrase_bank(data)
    assert expected in str(caught.value)
    assert ".".join(where) in str(caught.value)


def test_bad_format_marker_is_refused(tmp_path: Path, bank_data: dict) -> None:
    data = copy.deepcopy(bank_data)
    data["format"] = "itadesk-phrases/0"
    with pytest.raises(FrameworkError) as caught:
        load_phrase_bank(write_bank(tmp_path, data))
    assert FORMAT in str(caught.value)
    assert "ไม่ใช่คลังข้อความ" in str(caught.value)


def test_misspelled_key_and_broken_json_are_refused(tmp_path: Path, bank_data: dict) -> None:
    data = copy.deepcopy(bank_data)
    data["indicators"]["4"]["high"]["weakness"] = "พิมพ์ชื่อช่องผิด"
    with pytest.raises(FrameworkError, match=r"indicators\.4\.high\.weakness”: ไม่รู้จักช่องนี้"):
        parse_phrase_bank(data)
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(FrameworkError, match="รูปแบบ JSON ผิดที่บรรทัด"):
        load_phrase_bank(broken)
    with pytest.raises(FrameworkError, match="ไม่พบไฟล์"):
        load_phrase_bank(tmp_path / "absent.json")


# --------------------------------------------------------------------------- drafting


@pytest.fixture(scope="module")
def drafts(fy2566: Framework) -> dict[SectionKey, str]:
    return draft_analysis(fy2566, OFFICE, SCORES, PREVIOUS)


def test_score_bands() -> None:
    target = D(85)
    assert score_band(D("84.99"), target) == "low"
    assert score_band(D("84.995"), target) == "mid"  # rounded to 85.00 as ITAS prints it
    assert score_band(D("94.99"), target) == "mid"
    assert score_band(D("95"), target) == "high"


def test_every_scored_indicator_gets_four_sections_and_a_summary(fy2566: Framework) -> None:
    partial = {n: SCORES[n] for n in (1, 3, 9)}
    result = draft_analysis(fy2566, OFFICE, partial)
    expected = [SectionKey(n, f) for n in (1, 3, 9) for f in INDICATOR_FIELDS]
    assert list(result) == [*expected, SectionKey(None, SUMMARY)]
    summary = result[SectionKey(None, SUMMARY)]
    assert "ยังไม่มีคะแนนตัวชี้วัดที่ ๒ ๔ ๕ ๖ ๗ ๘ และ ๑๐" in summary


def test_drafts_name_the_office_and_leave_no_placeholder(drafts: dict[SectionKey, str]) -> None:
    for key, text in drafts.items():
        assert "{" not in text and "}" not in text, key
        assert "  " not in text and text == text.strip(), key
    for number in SCORES:
        assert OFFICE in drafts[SectionKey(number, FINDING)]
    assert OFFICE in drafts[SectionKey(None, SUMMARY)]


def test_low_mid_high_wording(drafts: dict[SectionKey, str]) -> None:
    assert "ต่ำกว่าค่าเป้าหมาย ๘๕ คะแนน" in drafts[SectionKey(1, FINDING)]
    assert "ผ่านค่าเป้าหมาย ๘๕ คะแนน" in drafts[SectionKey(6, FINDING)]
    assert "อยู่ในระดับสูง" in drafts[SectionKey(3, FINDING)]
    assert "ต้องแก้ไขโดยเร่งด่วน" in drafts[SectionKey(1, WEAKNESSES)]
    high = drafts[SectionKey(3, WEAKNESSES)]
    assert "ไม่พบข้อบกพร่อง" in high and "เร่งด่วน" in high
    assert "รักษา" in drafts[SectionKey(3, IMPROVEMENTS)]


def test_scores_in_thai_digits_or_arabic(fy2566: Framework, drafts: dict) -> None:
    finding = drafts[SectionKey(1, FINDING)]
    assert "๗๘.๔๐ คะแนน" in finding and "78.40" not in finding
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๖" in drafts[SectionKey(None, SUMMARY)]
    arabic = draft_analysis(fy2566, OFFICE, SCORES, PREVIOUS, thai_digits=False)
    assert "78.40 คะแนน" in arabic[SectionKey(1, FINDING)]
    assert not any(THAI_DIGIT.search(text) for text in arabic.values())


def test_direction_wording(drafts: dict[SectionKey, str]) -> None:
    assert (
        "โดยลดลง ๑.๖๐ คะแนนจากปีงบประมาณ พ.ศ. ๒๕๖๕ ซึ่งได้ ๘๐.๐๐ คะแนน"
        in drafts[SectionKey(1, FINDING)]
    )
    assert "โดยเพิ่มขึ้น ๑.๗๐ คะแนน" in drafts[SectionKey(3, FINDING)]
    assert "โดยเท่ากับคะแนนของปีงบประมาณ พ.ศ. ๒๕๖๕" in drafts[SectionKey(4, FINDING)]
    assert "ไม่มีข้อมูลคะแนนของปีงบประมาณ พ.ศ. ๒๕๖๕" in drafts[SectionKey(6, FINDING)]


def test_measures_are_for_the_next_year(drafts: dict[SectionKey, str]) -> None:
    for number in SCORES:
        assert "ปีงบประมาณ พ.ศ. ๒๕๖๗" in drafts[SectionKey(number, GUIDANCE)]


def test_weakest_items_named_lowest_first_with_codes_kept(fy2566: Framework) -> None:
    items = {
        "i13": D("90.00"),
        "i14": D("80.50"),
        "i15": D("60.00"),
        "i16": D("70.00"),
        "i17": D("95.60"),
        "i18": D("84.99"),  # below target but fourth lowest: left out
        "i1": D("10.00"),  # another indicator's item
    }
    scores = {3: D("82.00")}
    result = draft_analysis(fy2566, OFFICE, scores, None, items)
    for field in (WEAKNESSES, IMPROVEMENTS):
        text = result[SectionKey(3, field)]
        positions = [text.index(code + " (") for code in ("i15", "i16", "i14")]
        assert positions == sorted(positions), field
        assert "i15 (๖๐.๐๐) “ผู้บังคับบัญชาของท่าน มีการคัดเลือก" in text
        assert "i18" not in text and "i1 " not in text and "i13" not in text
        assert "i๑" not in text  # item codes are never turned into Thai digits
    assert "มากน้อยเพียงใด" not in result[SectionKey(3, WEAKNESSES)]
    assert [item.code for item, _ in weakest_items(fy2566, 3, items, D(85))] == [
        "i15",
        "i16",
        "i14",
    ]


def test_without_item_scores_the_item_sentence_is_left_out(fy2566: Framework, bank) -> None:
    scores = {3: D("82.00")}
    plain = draft_analysis(fy2566, OFFICE, scores)
    weaknesses = plain[SectionKey(3, WEAKNESSES)]
    assert "ได้แก่" not in weaknesses and not re.search(r"\bi\d", weaknesses)
    assert weaknesses == bank.indicator_template(3, "low", WEAKNESSES)
    # all items at or above the target: nothing to name either
    items = {"i13": D("85.00"), "i14": D("99.00")}
    assert draft_analysis(fy2566, OFFICE, scores, None, items) == plain


def test_high_band_with_a_weak_item_stays_honest(fy2566: Framework) -> None:
    result = draft_analysis(fy2566, OFFICE, {3: D("96.70")}, None, {"i16": D("80.00")})
    text = result[SectionKey(3, WEAKNESSES)]
    assert text.startswith("ไม่พบข้อบกพร่องหรือจุดอ่อน")
    assert "i16 (๘๐.๐๐) “ท่านเคยถูกผู้บังคับบัญชาสั่งการให้ทำธุระส่วนตัว" in text


def test_oit_items_use_the_oit_wording(fy2566: Framework) -> None:
    result = draft_analysis(fy2566, OFFICE, {9: D("72.50")}, None, {"O7": D("0"), "O1": D(100)})
    text = result[SectionKey(9, WEAKNESSES)]
    assert "รายการข้อมูล" in text and "O7 (๐.๐๐) “ข่าวประชาสัมพันธ์”" in text
    assert "O1 " not in text


def test_summary_mentions_total_rating_and_indicators_below_target(drafts) -> None:
    summary = drafts[SectionKey(None, SUMMARY)]
    assert "คะแนนรวม ๘๖.๔๘ คะแนน" in summary
    assert "ระดับ “A”" in summary
    assert "IIT ๘๘.๐๔ คะแนน EIT ๘๗.๒๓ คะแนน และ OIT ๘๔.๗๕ คะแนน" in summary
    assert "จำนวน ๓ ตัวชี้วัด" in summary
    listing = summary[summary.index("ได้แก่ ตัวชี้วัดที่") :]
    for text in ("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ (๗๘.๔๐ คะแนน)", "ตัวชี้วัดที่ ๗", "ตัวชี้วัดที่ ๙"):
        assert text in listing
    assert "ตัวชี้วัดที่ ๓" not in listing and "ตัวชี้วัดที่ ๑๐" not in listing


def test_summary_with_one_or_no_indicator_below_target(fy2566: Framework) -> None:
    one = {**SCORES, 7: D("90.00"), 9: D("90.00")}
    summary = draft_analysis(fy2566, OFFICE, one)[SectionKey(None, SUMMARY)]
    assert "เพียงตัวชี้วัดเดียว คือ ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่" in summary
    none = {n: D("90.00") for n in SCORES}
    summary = draft_analysis(fy2566, OFFICE, none)[SectionKey(None, SUMMARY)]
    assert "ไม่มีตัวชี้วัดใดได้คะแนนต่ำกว่าค่าเป้าหมาย" in summary
    all_high = {n: D("97.00") for n in SCORES}
    previous = {n: D("96.00") for n in SCORES}
    summary = draft_analysis(fy2566, OFFICE, all_high, previous)[SectionKey(None, SUMMARY)]
    assert "ทุกตัวชี้วัดอยู่ในระดับสูง" in summary
    assert "คะแนนรวม ๙๗.๐๐ คะแนน" in summary and "ระดับ “AA”" in summary
    assert "โดยเพิ่มขึ้น ๑.๐๐ คะแนน" in summary  # total against the previous total


def test_pass_scheme_rating_label(fy2566: Framework) -> None:
    fy2568 = load_framework_file(frameworks_dir() / "fy2568.json")
    summary = draft_analysis(fy2568, OFFICE, SCORES)[SectionKey(None, SUMMARY)]
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๘" in summary and "ระดับ “ผ่าน”" in summary
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๙" in summary


def test_target_override_changes_the_band(fy2566: Framework) -> None:
    result = draft_analysis(fy2566, OFFICE, {1: D("82.00")}, target=D(80))
    assert "ผ่านค่าเป้าหมาย ๘๐ คะแนน" in result[SectionKey(1, FINDING)]


def test_drafting_is_deterministic(fy2566: Framework) -> None:
    items = {"i15": D("60"), "i16": D("60"), "O7": D("0")}
    first = draft_analysis(fy2566, OFFICE, SCORES, PREVIOUS, items)
    second = draft_analysis(fy2566, OFFICE, dict(reversed(SCORES.items())), PREVIOUS, items)
    assert first == second and list(first) == list(second)
    # equal scores keep the framework order
    weaknesses = first[SectionKey(3, WEAKNESSES)]
    assert weaknesses.index("i15") < weaknesses.index("i16")


def test_office_name_with_braces_is_inserted_verbatim(fy2566: Framework) -> None:
    result = draft_analysis(fy2566, "อบต.{score}", {1: D("80")})
    assert "อบต.{score} ได้คะแนน" in result[SectionKey(1, FINDING)]


def test_shorten_item_text() -> None:
    text = (
        "เจ้าหน้าที่ของหน่วยงานท่าน มีการเรียกรับเงิน ทรัพย์สิน ของขวัญ ของกำนัล หรือผลประโยชน์ "
        "(นอกเหนือจากที่กฎหมายกำหนด เช่น ค่าธรรมเนียม ค่าปรับ) เพื่อแลกกับการปฏิบัติงาน หรือไม่"
    )
    short = shorten_item_text(text, limit=60)
    assert short.endswith("…") and "(" not in short and len(short) <= 61
    assert short.startswith("เจ้าหน้าที่ของหน่วยงานท่าน มีการเรียกรับเงิน")
    # Without a space the cut steps back so "เกี่ยว" is neither split from its marks nor
    # left with a dangling leading vowel.
    assert shorten_item_text("ก" * 10 + "เกี่ยว" * 10, limit=13) == "ก" * 10 + "…"
    assert shorten_item_text("ข้อความสั้น มากน้อยเพียงใด") == "ข้อความสั้น"


# --------------------------------------------------------------------------- foreign names

SEED_000_LIKE = (
    "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่\n"
    "องค์การบริหารส่วนตำบลโพหนอง มีการปฏิบัติหน้าที่หรือให้บริการแก่บุคคลภายนอกอย่างไม่เป็นธรรม\n"
    "องค์การบริหารส่วนตำบลโพธิ์ทอง มีการ ปฏิบัติหน้าที่หรือให้บริการแก่บุคคล\n"
    "ช่องทางการเผยแพร่ข้อมูลขององค์การบริหารส่วนตำบลโพหนองเข้าถึงได้ยาก\n"
    "โครงการป้องกัน ผลประโยชน์ทับซ้อนของ องค์การบริหารส่วนตำบล โพนทอง\tองค์การบริหารส่วนตำบลโพนทอง\n"
    "มาตรการเปิดเผยข้อมูลสาธารณะ ขององค์การบริหาร ส่วนตำบลโพนทอง ในปีงบประมาณ พ.ศ. ๒๕๖๙"
)


def test_foreign_names_in_seed_000_like_text() -> None:
    found = find_foreign_office_names(SEED_000_LIKE, "องค์การบริหารส่วนตำบลโพหนอง")
    assert found == ["โพธิ์ทอง", "โพนทอง"]


def test_foreign_names_in_seed_001_and_004_like_text() -> None:
    memo = (
        "องค์การบริหารส่วนตำบลท้ายหาดจึงได้กำหนดมาตรการ ลงชื่อ ปลัด อบต.ท้ายหาด\n"
        "รายงานผลการดำเนินการ องค์การบริหารส่วนตำบลท่าหยาด"
    )
    assert find_foreign_office_names(memo, "องค์การบริหารส่วนตำบลท้ายหาด") == ["ท่าหยาด"]
    table = (
        "ทุกส่วนราชการภายใน ทต.บึงไผ่ โดยมีหัวหน้าส่วนราชการเป็นผู้รับผิดชอบ "
        "เทศบาลตำบลบึงไผ่มีการเผยแพร่ข้อมูลข่าวสาร ทต.บึงใหม่/นักจัดการงานทั่วไป"
    )
    assert find_foreign_office_names(table, "เทศบาลตำบลบึงไผ่") == ["บึงใหม่"]


def test_own_name_in_any_form_is_ignored() -> None:
    text = (
        "อบต.หนองตัวอย่าง ได้ประกาศ อบต. หนองตัวอย่าง และองค์การบริหารส่วนตำบลหนองตัวอย่าง"
        "มีการประชุม ทต.หนองตัวอย่างจึงได้ องค์การบริหาร\nส่วนตำบลหนองตัวอย่าง"
    )
    assert find_foreign_office_names(text, OFFICE) == []
    assert find_foreign_office_names(text, "หนองตัวอย่าง") == []
    # glued to a word that is no stop word, and an own name that contains one ("มี")
    glued = "องค์การบริหารส่วนตำบลหนองตัวอย่างดำเนินการจัดทำมาตรการ"
    assert find_foreign_office_names(glued, OFFICE) == []
    assert find_foreign_office_names("อบต.ดอนมีชัย ได้จัดทำ", "องค์การบริหารส่วนตำบลดอนมีชัย") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("อบต.บ้านนาอำเภอเมือง จังหวัดตัวอย่าง", ["บ้านนา"]),
        ("อบต.บ้านนา อ.เมือง จ.ตัวอย่าง", ["บ้านนา"]),
        ("อบต.โพนทองอ.โพธิ์ตาก", ["โพนทอง"]),
        ("เทศบาลตำบลท่าช้างจังหวัดตัวอย่าง", ["ท่าช้าง"]),
        ("ทต.ท่าช้างได้รับรางวัล", ["ท่าช้าง"]),
        ("เทศบาลเมืองหนองคายซึ่งเป็นพี่เลี้ยง ทม.อุดรธานี", ["หนองคาย", "อุดรธานี"]),
        ("อบต.โพนทอง\nมีการประชุม", ["โพนทอง"]),
        ("อบต.หนองบัวแดง ได้จัดทำ", ["หนองบัวแดง"]),  # own name + a usual second part
        ("อบต.โพนทอง อบต.โพนทอง องค์การบริหารส่วนตำบลโพนทอง", ["โพนทอง"]),
        ("ทั้งเทศบาลตำบลและองค์การบริหารส่วนตำบลทุกแห่ง", []),
        ("สำนักปลัด อบต.", []),
        ("องค์กรปกครองส่วนท้องถิ่น", []),
    ],
)
def test_where_a_name_ends(text: str, expected: list[str]) -> None:
    assert find_foreign_office_names(text, "องค์การบริหารส่วนตำบลหนองบัว") == expected


def test_a_clean_draft_has_no_foreign_names(fy2566: Framework) -> None:
    items = {"i15": D("60"), "O7": D("0")}
    for thai_digits in (True, False):
        result = draft_analysis(fy2566, OFFICE, SCORES, PREVIOUS, items, thai_digits=thai_digits)
        for key, text in result.items():
            assert find_foreign_office_names(text, OFFICE) == [], key
    other = draft_analysis(fy2566, OFFICE, SCORES)[SectionKey(None, SUMMARY)]
    assert find_foreign_office_names(other, "องค์การบริหารส่วนตำบลโพหนอง") == ["หนองตัวอย่าง"]
