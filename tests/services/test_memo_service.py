from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from itadesk.domain.memo import CommentStep, MemoKind, MemoSettings, Signature
from itadesk.domain.office import OfficeProfile, Person, Role, Unit
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
    # The head leaves the chain first: a signer may not also comment.
    demo_services.memos.save_comment_chain(
        [CommentStep("ความเห็นของปลัด", people[2].id, "เห็นควรอนุมัติ")]
    )
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


# Typed top-down on the office page: the order that used to make the นายก sign the memo.
TOP_DOWN = OfficeProfile(
    name="บ้านนา",
    units=(Unit("สำนักปลัด"), Unit("กองคลัง")),
    people=(
        Person("ประเสริฐ มั่นคง", "นายกองค์การบริหารส่วนตำบลบ้านนา", role=Role.NAYOK),
        Person("วิภาวรรณ รักษ์ธรรม", "ปลัดองค์การบริหารส่วนตำบลบ้านนา", role=Role.PALAT),
        Person("สมชาย ใจดี", "หัวหน้าสำนักปลัด", "พ.จ.อ.", role=Role.UNIT_HEAD),
        Person("สมหญิง ตั้งใจงาน", "นักทรัพยากรบุคคลชำนาญการ", role=Role.AUTHOR),
    ),
)


@pytest.fixture
def top_down(services):
    services.office.save(TOP_DOWN)
    # One planned measure, so the memo has something to present (none is refused).
    services.measures.add_from_catalogue(2569, services.measures.catalogue()[0].key)
    return services


def test_roles_not_list_order_decide_signer_addressee_and_chain(top_down) -> None:
    memo = top_down.memos.build(2568, MemoKind.ANALYSIS)
    assert memo.signer.display_name == "สมหญิง ตั้งใจงาน"
    assert memo.signer.positions == ("นักทรัพยากรบุคคลชำนาญการ",)
    assert memo.salutation == "นายกองค์การบริหารส่วนตำบลบ้านนา"
    assert [(c.heading, c.signature.display_name) for c in memo.comments] == [
        ("ความเห็นของหัวหน้าสำนักปลัด", "พ.จ.อ. สมชาย ใจดี"),
        ("ความเห็นของปลัดองค์การบริหารส่วนตำบลบ้านนา", "วิภาวรรณ รักษ์ธรรม"),
        ("ความเห็นของนายกองค์การบริหารส่วนตำบลบ้านนา", "ประเสริฐ มั่นคง"),
    ]
    warnings = top_down.documents.preflight(2568)
    assert not [w for w in warnings if "ผู้เสนอ" in w or "“นายก”" in w]


def test_unsaved_chain_follows_the_roles(top_down) -> None:
    office = top_down.office.profile()
    nayok, palat, head, clerk = office.people
    # The head becomes the author: the old author (now อื่น ๆ) neither signs nor comments.
    top_down.office.save(
        replace(
            office,
            people=(nayok, palat, replace(head, role=Role.AUTHOR), replace(clerk, role=Role.OTHER)),
        )
    )
    assert top_down.memos.signer(2568, MemoKind.ANALYSIS).id == head.id
    assert [step.person_id for step in top_down.memos.comment_chain()] == [palat.id, nayok.id]


def test_no_author_leaves_a_dotted_signer_and_the_check_says_so(top_down) -> None:
    office = top_down.office.profile()
    *others, clerk = office.people
    top_down.office.save(replace(office, people=(*others, replace(clerk, role=Role.OTHER))))
    memo = top_down.memos.build(2568, MemoKind.ANALYSIS)
    assert memo.signer == Signature("", ())  # printed as a dotted name to fill in by hand
    [warning] = [w for w in top_down.documents.preflight(2568) if "ผู้เสนอ" in w]
    assert "ผู้จัดทำ" in warning and "ข้อมูลหน่วยงาน" in warning
    # The report alone prints no memo, so no memo warnings.
    assert not [w for w in top_down.documents.preflight(2568, memo_kind=None) if "ผู้เสนอ" in w]
    # Choosing a signer on the memo page settles it.
    top_down.memos.save_settings(MemoSettings(2568, MemoKind.ANALYSIS, signer_person_id=clerk.id))
    assert top_down.memos.build(2568, MemoKind.ANALYSIS).signer.display_name == "สมหญิง ตั้งใจงาน"
    assert not [w for w in top_down.documents.preflight(2568) if "ผู้เสนอ" in w]


def test_choosing_a_commenter_as_signer_is_refused_and_nothing_changes(top_down) -> None:
    head = top_down.office.profile().people[2]
    top_down.memos.save_settings(MemoSettings(2568, MemoKind.ANALYSIS, running_number="12"))
    with pytest.raises(ValidationError) as refused:
        top_down.memos.save_settings(
            MemoSettings(2568, MemoKind.ANALYSIS, running_number="13", signer_person_id=head.id)
        )
    assert "ผู้เสนอ (ลงนาม): พ.จ.อ. สมชาย ใจดี" in refused.value.message
    assert "ลำดับที่ 1" in refused.value.message
    saved = top_down.memos.settings(2568, MemoKind.ANALYSIS)
    assert (saved.running_number, saved.signer_person_id) == ("12", None)


def test_adding_the_signer_to_the_chain_is_refused_and_nothing_changes(top_down) -> None:
    clerk = top_down.office.profile().people[3]
    before = top_down.memos.comment_chain()
    steps = [*before, CommentStep("ความเห็นของนักทรัพยากรบุคคล", clerk.id)]
    with pytest.raises(ValidationError) as refused:
        top_down.memos.save_comment_chain(steps, signer_person_id=clerk.id)
    assert "ลำดับความเห็นที่ 4 (สมหญิง ตั้งใจงาน)" in refused.value.message
    assert "ผู้ลงนาม" in refused.value.message
    assert top_down.memos.comment_chain() == before


def test_a_step_without_heading_is_refused_and_the_saved_chain_stays(top_down) -> None:
    saved = top_down.memos.save_comment_chain(list(reversed(top_down.memos.comment_chain())))
    edited = [replace(step, id=None) for step in saved]
    edited[1] = replace(edited[1], heading="  ")
    with pytest.raises(ValidationError) as refused:
        top_down.memos.save_comment_chain(edited)
    assert refused.value.message.startswith("ลำดับความเห็นที่ 2 (วิภาวรรณ รักษ์ธรรม): ต้องมีหัวข้อ")
    assert top_down.memos.comment_chain() == saved


def test_a_signer_who_later_joined_the_chain_is_left_out_of_the_print(top_down) -> None:
    nayok, palat, head, _clerk = top_down.office.profile().people
    top_down.memos.save_comment_chain([CommentStep("ความเห็นของปลัด", palat.id)])
    top_down.memos.save_settings(MemoSettings(2568, MemoKind.ANALYSIS, signer_person_id=head.id))
    # Saved from the publish memo, whose signer is the author: the head may comment there.
    chain = [CommentStep("ความเห็นของหัวหน้า", head.id), CommentStep("ความเห็นของนายก", nayok.id)]
    top_down.memos.save_comment_chain(chain)
    memo = top_down.memos.build(2568, MemoKind.ANALYSIS)
    assert [c.heading for c in memo.comments] == ["ความเห็นของนายก"]
    assert any(
        "ลำดับความเห็นที่ 1 (พ.จ.อ. สมชาย ใจดี) ไม่พิมพ์" in w
        for w in top_down.memos.preflight(2568, MemoKind.ANALYSIS)
    )
    # Other fields of that memo still save.
    top_down.memos.save_settings(
        replace(top_down.memos.settings(2568, MemoKind.ANALYSIS), running_number="7")
    )
    assert top_down.memos.settings(2568, MemoKind.ANALYSIS).running_number == "7"
