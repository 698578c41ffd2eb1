"""#14.10: services check the types they are given (Decimal NaN and Infinity, floats, ints,
bools, text where a number belongs, years outside 2500–2700) with Thai messages, and the
repositories refuse what the services would."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from security_helpers import office_state

from itadesk.domain.analysis import SectionKey
from itadesk.errors import ValidationError
from itadesk.services.session import OfficeSession
from itadesk.storage.database import open_store
from itadesk.storage.repositories import Repositories


@pytest.mark.parametrize(
    ("value", "needle"),
    [
        (Decimal("NaN"), "ไม่ใช่ตัวเลขที่ใช้ได้"),
        (Decimal("Infinity"), "ไม่ใช่ตัวเลขที่ใช้ได้"),
        (Decimal("-Infinity"), "ไม่ใช่ตัวเลขที่ใช้ได้"),
        (float("nan"), "ไม่ใช่ตัวเลขที่ใช้ได้"),
        (86.925, "ทศนิยมเกิน 2 ตำแหน่ง"),
        (True, "ไม่ใช่ตัวเลขที่ใช้ได้"),
        (101, "อยู่นอกช่วง"),
        (object(), "ไม่ใช่ตัวเลขที่ใช้ได้"),
        ("x" * 100_000, "ไม่ใช่ตัวเลข"),
    ],
    ids=["nan", "inf", "-inf", "float-nan", "3-decimals", "bool", "int-101", "object", "100k"],
)
def test_a_score_of_the_wrong_kind_is_a_thai_message(value, needle: str, office: Path) -> None:
    before = office_state(office)
    with OfficeSession.open(office) as session, pytest.raises(ValidationError) as caught:
        session.services.scores.set_indicator_score(2568, 1, value)
    assert needle in caught.value.message and "ตัวชี้วัดที่ 1" in caught.value.message
    assert len(caught.value.message) < 500
    assert office_state(office) == before


def test_floats_and_ints_are_read_as_the_digits_they_show(office: Path) -> None:
    with OfficeSession.open(office) as session:
        scores = session.services.scores
        assert scores.set_indicator_score(2568, 1, 86.92) == Decimal("86.92")
        assert scores.set_indicator_score(2568, 2, 87) == Decimal(87)
        assert scores.indicator_scores(2568)[1] == Decimal("86.92")


@pytest.mark.parametrize("year", [2499, 2701, 99999, -5, 2568.0, "2568", None, True])
def test_a_year_of_the_wrong_kind_or_range_is_a_thai_message(year, office: Path) -> None:
    before = office_state(office)
    with OfficeSession.open(office) as session:
        services = session.services
        for write in (
            lambda: services.scores.set_indicator_score(year, 1, Decimal("90")),
            lambda: services.analysis.set_text(year, SectionKey(None, "summary"), "ข้อความ"),
            lambda: services.documents.prepare("publish-memo", year),
        ):
            with pytest.raises(ValidationError) as caught:
                write()
            assert "ปีงบประมาณ" in caught.value.message
            assert "2700" in caught.value.message or "ยังไม่มี" in caught.value.message
    assert office_state(office) == before


def test_text_where_text_belongs(office: Path) -> None:
    with OfficeSession.open(office) as session, pytest.raises(ValidationError) as caught:
        session.services.analysis.set_text(2568, SectionKey(None, "summary"), 12345)  # type: ignore[arg-type]
    assert "ข้อความการวิเคราะห์: ต้องเป็นข้อความ" in caught.value.message


@pytest.mark.parametrize("year", [2500, 2559, 2701, 2568.0])
def test_the_repository_refuses_what_the_services_would(year, office: Path) -> None:
    before = office_state(office)
    with open_store(office) as store:
        repos = Repositories.of(store)
        with pytest.raises(ValidationError):
            repos.scores.set_indicator_scores(year, {1: Decimal("90")})
        with pytest.raises(ValidationError):
            repos.scores.set_official_total(year, Decimal("90"))
        with pytest.raises((TypeError, ValueError)):
            repos.scores.set_indicator_scores(2568, {1: Decimal("NaN")})
        with pytest.raises(TypeError):
            repos.scores.set_indicator_scores(2568, {1: 86.92})  # type: ignore[dict-item]
    assert office_state(office) == before
