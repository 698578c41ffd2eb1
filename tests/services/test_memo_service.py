from __future__ import annotations

from datetime import date

import pytest

from itadesk.domain.memo import CommentStep, MemoKind, MemoSettings
from itadesk.errors import ValidationError


def test_memo_is_drafted_from_the_data(demo_services) -> None:
    memo = demo_services.memos.build(2568, MemoKind.ANALYSIS)
    assert memo.office_section == "สำนักปลัด องค์การบริหารส่วนตำบลหนองตัวอย่าง"
    assert memo.number == "ตย ๗๐๐๐๑/๔๑๒"  # the demo's running number, in Thai digits
    assert "จำนวน ๗ มาตรการ" in " ".join(memo.paragraphs)
    assert memo.salutation == "นายกองค์การบริหารส่วนตำบลหนองตัวอย่าง"
    assert "๒๕๖๘" in memo.subject and "๒๕๖๙" in memo.subject
    body = " ".join(memo.paragraphs)
    assert "๙๔.๓๘" in body and "ผ่านดี" in body
    assert "๒๕๖๗" in body  # last year's score is mentioned
    assert memo.signer.display_name == "สมหญิง ตั้งใจงาน"
    assert [c.signature.display_name for c in memo.comments] == [
        "พ.จ.อ. สมชาย ใจดี",
        "วิภาวรรณ รักษ์ธรรม",
        "ประเสริฐ มั่นคง",
    ]


def test_arabic_digits_when_chosen(demo_services) -> None:
    demo_services.settings.set_thai_digits(False)
    memo = demo_services.memos.build(2568, MemoKind.ANALYSIS)
    assert memo.number == "ตย 70001/412"
    assert "94.38" in " ".join(memo.paragraphs)


def test_without_a_running_number_the_memo_prints_a_dash(scored_services) -> None:
    entry = scored_services.measures.catalogue()[0]
    scored_services.measures.add_from_catalogue(2569, entry.key)
    assert scored_services.memos.build(2568, MemoKind.ANALYSIS).number == "ตย ๗๐๐๐๑/-"


def test_a_memo_without_measures_is_refused_not_printed_with_zero(scored_services) -> None:
    """The pre-print check blocks "จำนวน ๐ มาตรการ" (issue #9)."""
    from itadesk.errors import ValidationError

    with pytest.raises(ValidationError) as caught:
        scored_services.memos.build(2568, MemoKind.ANALYSIS)
    assert "ยังไม่มีมาตรการของปีงบประมาณ 2569" in caught.value.message
    assert "หน้า “มาตรการ”" in caught.value.message


def test_settings_and_chain_are_used(demo_services) -> None:
    people = demo_services.office.profile().people
    demo_services.memos.save_settings(
        MemoSettings(
            2568,
            MemoKind.ANALYSIS,
            running_number="123",
            memo_date=date(2026, 1, 7),
            signer_person_id=people[1].id,
            subject="เรื่องที่พิมพ์เอง",
        )
    )
    demo_services.memos.save_comment_chain(
        [CommentStep("ความเห็นของปลัด", people[2].id, "เห็นควรอนุมัติ")]
    )
    memo = demo_services.memos.build(2568, MemoKind.ANALYSIS)
    assert memo.number == "ตย ๗๐๐๐๑/๑๒๓"
    assert memo.date == date(2026, 1, 7)
    assert memo.subject == "เรื่องที่พิมพ์เอง"
    assert memo.signer.display_name == "พ.จ.อ. สมชาย ใจดี"
    assert [(c.heading, c.comment) for c in memo.comments] == [("ความเห็นของปลัด", "เห็นควรอนุมัติ")]


def test_bad_chain_and_missing_office_are_refused(services, demo_services) -> None:
    with pytest.raises(ValidationError, match="ต้องมีหัวข้อ"):
        demo_services.memos.save_comment_chain([CommentStep("  ", None)])


def test_memo_without_office_name_is_refused(services) -> None:
    with pytest.raises(ValidationError, match="ชื่อหน่วยงาน"):
        services.memos.build(2568, MemoKind.ANALYSIS)
