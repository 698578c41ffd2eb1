"""The office profile values and validate_office (domain/office.py)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from itadesk.domain.office import (
    OFFICE_KINDS,
    OfficeProfile,
    Person,
    Unit,
    validate_office,
)

VALID = OfficeProfile(
    name="องค์การบริหารส่วนตำบลบ้านนา",
    kind="องค์การบริหารส่วนตำบล",
    district="เมือง",
    province="ตราด",
    phone="0 3951 1234",
    doc_prefix="ตร 71501",
    units=(Unit("สำนักปลัด"), Unit("กองคลัง")),
    people=(Person("สมชาย ใจดี", "ปลัดองค์การบริหารส่วนตำบล", rank_prefix="พ.จ.อ."),),
)


def test_valid_profile_has_no_problems() -> None:
    assert validate_office(VALID) == []


def test_values_are_frozen_and_edited_with_replace() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        VALID.name = "อื่น"  # type: ignore[misc]
    edited = dataclasses.replace(VALID, phone="039-511-234")
    assert edited.phone == "039-511-234" and VALID.phone == "0 3951 1234"


def test_display_name_joins_rank_and_name_with_one_space() -> None:
    assert Person("สมชาย ใจดี", "ปลัด", rank_prefix="พ.จ.อ.").display_name == "พ.จ.อ. สมชาย ใจดี"
    assert Person(" สมชาย ใจดี ", "ปลัด", rank_prefix=" ว่าที่ ร.ต. ").display_name == (
        "ว่าที่ ร.ต. สมชาย ใจดี"
    )
    assert Person("สมหญิง รักงาน", "หัวหน้าสำนักปลัด").display_name == "สมหญิง รักงาน"


@pytest.mark.parametrize(
    ("kind", "short"),
    [
        ("องค์การบริหารส่วนตำบล", "อบต."),
        ("เทศบาลตำบล", "ทต."),
        ("เทศบาลเมือง", "ทม."),
        ("เทศบาลนคร", "ทน."),
    ],
)
def test_short_kind(kind: str, short: str) -> None:
    assert OfficeProfile(kind=kind).short_kind == short


def test_kinds_and_defaults() -> None:
    assert OFFICE_KINDS == ("องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร")
    assert OfficeProfile().kind == OFFICE_KINDS[0]
    assert OfficeProfile().units == () and OfficeProfile().people == ()


def test_full_name_adds_the_kind_only_when_missing() -> None:
    assert OfficeProfile(name="บ้านนา").full_name == "องค์การบริหารส่วนตำบลบ้านนา"
    assert OfficeProfile(name="เทศบาลตำบลท่าช้าง", kind="เทศบาลตำบล").full_name == ("เทศบาลตำบลท่าช้าง")


def _problems(**changes: Any) -> list[str]:
    return validate_office(dataclasses.replace(VALID, **changes))


@pytest.mark.parametrize("name", ["", "   "])
def test_name_required(name: str) -> None:
    [problem] = _problems(name=name)
    assert "ชื่อหน่วยงาน" in problem and "ยังไม่ได้กรอก" in problem


@pytest.mark.parametrize(
    "name",
    [
        "องค์การบริหารส่วนตำบลองค์การบริหารส่วนตำบลบ้านนา",
        "องค์การบริหารส่วนตำบล องค์การบริหารส่วนตำบลบ้านนา",
        "อบต.องค์การบริหารส่วนตำบลบ้านนา",
        "เทศบาลตำบล เทศบาลตำบลท่าช้าง",
    ],
)
def test_name_must_not_start_with_the_kind_twice(name: str) -> None:
    [problem] = _problems(name=name)
    assert "ชื่อหน่วยงาน" in problem and "ซ้ำ" in problem


@pytest.mark.parametrize("name", ["บ้านนา", "อบต.บ้านนา", "เทศบาลเมืองตราด"])
def test_name_with_one_kind_or_none_is_fine(name: str) -> None:
    assert _problems(name=name) == []


def test_kind_must_be_known() -> None:
    [problem] = _problems(kind="เทศบาลหมู่บ้าน")
    assert "ประเภทหน่วยงาน" in problem and "เทศบาลหมู่บ้าน" in problem


@pytest.mark.parametrize("phone", ["", "039511234", "0 3951 1234", "+66 39-511-234", "๐ ๓๙๕๑ ๑๒๓๔"])
def test_phone_allowed(phone: str) -> None:
    assert _problems(phone=phone) == []


@pytest.mark.parametrize("phone", ["039 511 234 ต่อ 12", "039/511234", "(039) 511234", "--", "abc"])
def test_phone_refused(phone: str) -> None:
    [problem] = _problems(phone=phone)
    assert "หมายเลขโทรศัพท์" in problem and phone in problem


@pytest.mark.parametrize("prefix", ["", "สส 71501", "ตร ๗๑๕๐๑", "มท 0808"])
def test_doc_prefix_allowed(prefix: str) -> None:
    assert _problems(doc_prefix=prefix) == []


@pytest.mark.parametrize(
    "prefix", ["สส71501", "สส  71501", "AB 71501", "สส 71501/2", "สส", "71501", "สส 7150ก"]
)
def test_doc_prefix_refused(prefix: str) -> None:
    [problem] = _problems(doc_prefix=prefix)
    assert "เลขที่หนังสือ" in problem and "สส 71501" in problem


def test_duplicate_and_empty_unit_names() -> None:
    problems = _problems(units=(Unit("กองคลัง"), Unit(" "), Unit("กองคลัง ")))
    assert len(problems) == 2
    assert "ลำดับที่ 2" in problems[0] and "ยังไม่ได้กรอกชื่อ" in problems[0]
    assert "ลำดับที่ 3" in problems[1] and "กองคลัง" in problems[1] and "ซ้ำ" in problems[1]


def test_person_needs_name_and_position() -> None:
    problems = _problems(people=(Person("", "ปลัด"), Person("สมหญิง รักงาน", " ")))
    assert len(problems) == 2
    assert "บุคลากรลำดับที่ 1" in problems[0] and "ชื่อ" in problems[0]
    assert "สมหญิง รักงาน" in problems[1] and "ตำแหน่ง" in problems[1]


def test_every_problem_is_reported_at_once() -> None:
    profile = OfficeProfile(
        name="", kind="x", phone="x", doc_prefix="x", units=(Unit("ก"), Unit("ก"))
    )
    assert len(validate_office(profile)) == 5
