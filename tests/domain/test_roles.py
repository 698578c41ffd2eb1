"""People's roles (domain/office.py) and the memo defaults built from them (domain/memo.py):
who signs, who comments and in which order, and the Thai messages of the chain's checks."""

from __future__ import annotations

import pytest

from itadesk.domain.memo import (
    CommentStep,
    chain_problems,
    comment_heading,
    default_comment_chain,
    default_signer,
    signer_problems,
)
from itadesk.domain.office import ROLE_LABELS_TH, OfficeProfile, Person, Role, infer_role
from itadesk.domain.office import validate_office as validate

NAYOK = Person("ประเสริฐ มั่นคง", "นายกองค์การบริหารส่วนตำบลบ้านนา", id=1, role=Role.NAYOK)
PALAT = Person("วิภาวรรณ รักษ์ธรรม", "ปลัดองค์การบริหารส่วนตำบลบ้านนา", "พ.จ.อ.", id=2, role=Role.PALAT)
HEAD = Person("สมชาย ใจดี", "หัวหน้าสำนักปลัด", id=3, role=Role.UNIT_HEAD)
CLERK = Person("สมหญิง ตั้งใจงาน", "นักทรัพยากรบุคคลชำนาญการ", id=4, role=Role.AUTHOR)
# Typed top-down, the order that used to make the นายก sign his own memo.
TOP_DOWN = (NAYOK, PALAT, HEAD, CLERK)


@pytest.mark.parametrize(
    ("position", "role"),
    [
        ("นายกองค์การบริหารส่วนตำบลบ้านนา", Role.NAYOK),
        ("นายกเทศมนตรีตำบลท่าช้าง", Role.NAYOK),
        ("  ปลัดเทศบาล", Role.PALAT),
        ("ปลัดองค์การบริหารส่วนตำบล", Role.PALAT),
        ("หัวหน้าสำนักปลัด", Role.UNIT_HEAD),
        ("ผู้อำนวยการกองคลัง", Role.UNIT_HEAD),
        ("รองปลัดองค์การบริหารส่วนตำบล", Role.OTHER),
        ("รองนายกองค์การบริหารส่วนตำบล", Role.OTHER),
        ("นักทรัพยากรบุคคลชำนาญการ", Role.OTHER),
        ("", Role.OTHER),
    ],
)
def test_role_is_inferred_from_the_start_of_the_position(position: str, role: Role) -> None:
    assert infer_role(position) is role


def test_every_role_has_one_thai_label() -> None:
    assert set(ROLE_LABELS_TH) == set(Role)
    assert [role.label_th for role in Role] == [
        "ผู้จัดทำ",
        "หัวหน้าส่วนราชการ",
        "ปลัด",
        "นายก",
        "อื่น ๆ",
    ]
    assert Person("ก ข", "ตำแหน่ง").role is Role.OTHER  # never a role the clerk did not give


def test_a_second_nayok_or_palat_is_refused_naming_the_row() -> None:
    second_nayok = Person("สมปอง ซ้ำคน", "นายก", role=Role.NAYOK)
    second_palat = Person("สมใจ ซ้ำตำแหน่ง", "ปลัด", role=Role.PALAT)
    profile = OfficeProfile(name="บ้านนา", people=(*TOP_DOWN, second_nayok, second_palat))
    problems = validate(profile)
    assert len(problems) == 2
    assert "ลำดับที่ 5" in problems[0] and "สมปอง ซ้ำคน" in problems[0]
    assert "“นายก”" in problems[0] and "ลำดับที่ 1" in problems[0]
    assert "ลำดับที่ 6" in problems[1] and "“ปลัด”" in problems[1] and "ลำดับที่ 2" in problems[1]


def test_several_authors_and_heads_are_allowed() -> None:
    another_clerk = Person("สมศรี ช่วยงาน", "นักจัดการงานทั่วไป", role=Role.AUTHOR)
    another_head = Person("สมศักดิ์ คงดี", "ผู้อำนวยการกองคลัง", role=Role.UNIT_HEAD)
    profile = OfficeProfile(name="บ้านนา", people=(*TOP_DOWN, another_clerk, another_head))
    assert validate(profile) == []


def test_signer_is_the_author_whatever_the_order() -> None:
    assert default_signer(TOP_DOWN) == CLERK
    assert default_signer((NAYOK, PALAT, HEAD)) is None


def test_chain_is_head_then_palat_then_nayok_whatever_the_order() -> None:
    chain = default_comment_chain(TOP_DOWN, "สำนักปลัด")
    assert chain == [
        CommentStep("ความเห็นของหัวหน้าสำนักปลัด", HEAD.id),
        CommentStep("ความเห็นของปลัดองค์การบริหารส่วนตำบลบ้านนา", PALAT.id),
        CommentStep("ความเห็นของนายกองค์การบริหารส่วนตำบลบ้านนา", NAYOK.id),
    ]
    assert default_comment_chain(tuple(reversed(TOP_DOWN)), "สำนักปลัด") == chain
    assert CLERK.id not in {step.person_id for step in chain}


def test_the_head_of_the_writing_unit_comments() -> None:
    finance = Person("สมศักดิ์ คงดี", "ผู้อำนวยการกองคลัง", id=5, role=Role.UNIT_HEAD)
    people = (finance, HEAD, PALAT, NAYOK, CLERK)
    assert default_comment_chain(people, "สำนักปลัด")[0].person_id == HEAD.id
    assert default_comment_chain(people, "กองคลัง")[0].person_id == finance.id
    # A unit no head names: the first head listed.
    assert default_comment_chain(people, "กองช่าง")[0].person_id == finance.id


def test_without_a_nayok_the_acting_nayok_comments_under_that_title() -> None:
    # Seed 001: the ปลัด ปฏิบัติหน้าที่นายก comments as ปลัด, then again as นายก.
    acting = Person(
        "อรุณ ภมร",
        "ปลัดองค์การบริหารส่วนตำบลท้ายหาด",
        "พ.จ.อ.",
        "ปฏิบัติหน้าที่นายกองค์การบริหารส่วนตำบลท้ายหาด",
        id=2,
        role=Role.PALAT,
    )
    chain = default_comment_chain((CLERK, HEAD, acting), "สำนักปลัด")
    assert [(step.heading, step.person_id) for step in chain] == [
        ("ความเห็นของหัวหน้าสำนักปลัด", HEAD.id),
        ("ความเห็นของปลัดองค์การบริหารส่วนตำบลท้ายหาด", acting.id),
        ("ความเห็นของนายกองค์การบริหารส่วนตำบลท้ายหาด", acting.id),
    ]


def test_a_heading_is_never_a_bare_caption() -> None:
    assert comment_heading(" ปลัดเทศบาล ") == "ความเห็นของปลัดเทศบาล"
    assert comment_heading("  ") == ""


def test_chain_without_heading_is_refused_naming_the_row_and_person() -> None:
    steps = [CommentStep("ความเห็นของหัวหน้าสำนักปลัด", HEAD.id), CommentStep(" ", PALAT.id)]
    [problem] = chain_problems(steps, TOP_DOWN)
    assert problem.startswith("ลำดับความเห็นที่ 2 (พ.จ.อ. วิภาวรรณ รักษ์ธรรม)")
    assert "ต้องมีหัวข้อ" in problem and "“ความเห็นของปลัดองค์การบริหารส่วนตำบลบ้านนา”" in problem


def test_the_signer_may_not_comment_on_their_own_memo() -> None:
    steps = [CommentStep("ความเห็นของหัวหน้าสำนักปลัด", HEAD.id), CommentStep("ความเห็น", 99)]
    problems = chain_problems(steps, TOP_DOWN, signer_id=HEAD.id)
    assert len(problems) == 2
    assert "ลำดับความเห็นที่ 1 (สมชาย ใจดี)" in problems[0] and "ผู้ลงนาม" in problems[0]
    assert "ลำดับความเห็นที่ 2" in problems[1] and "ไม่พบบุคคล" in problems[1]
    [problem] = signer_problems(HEAD.id, steps, TOP_DOWN)
    assert "สมชาย ใจดี" in problem and "ลำดับที่ 1" in problem
    assert signer_problems(CLERK.id, steps, TOP_DOWN) == []
