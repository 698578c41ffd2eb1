"""Names as Thai writes them: นาย/นาง/นางสาว/เด็กชาย/เด็กหญิง joined to the name, ranks and
abbreviated or academic titles followed by one space, and the clerk's override per person."""

from __future__ import annotations

import pytest

from itadesk.domain.office import JOINED_PREFIXES, NameSpacing, Person, thai_display_name


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("นาย", "นายสมชาย ใจดี"),
        ("นาง", "นางสมชาย ใจดี"),
        ("นางสาว", "นางสาวสมชาย ใจดี"),
        ("เด็กชาย", "เด็กชายสมชาย ใจดี"),
        ("เด็กหญิง", "เด็กหญิงสมชาย ใจดี"),
    ],
)
def test_personal_prefixes_are_joined(prefix: str, expected: str) -> None:
    assert thai_display_name(prefix, "สมชาย ใจดี") == expected


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("พ.จ.อ.", "พ.จ.อ. สมชาย ใจดี"),  # rank, abbreviated
        ("ว่าที่ ร.ต.", "ว่าที่ ร.ต. สมชาย ใจดี"),
        ("ว่าที่ร้อยตรี", "ว่าที่ร้อยตรี สมชาย ใจดี"),  # rank, spelled out
        ("ดร.", "ดร. สมชาย ใจดี"),  # academic
        ("ผศ.ดร.", "ผศ.ดร. สมชาย ใจดี"),
        ("น.ส.", "น.ส. สมชาย ใจดี"),  # abbreviated title: a space, like any abbreviation
        ("นายแพทย์", "นายแพทย์ สมชาย ใจดี"),  # a title that merely starts with นาย
    ],
)
def test_ranks_and_titles_take_one_space(prefix: str, expected: str) -> None:
    assert thai_display_name(prefix, "สมชาย ใจดี") == expected


def test_white_space_is_tidied_to_single_spaces() -> None:
    assert thai_display_name("  นางสาว ", " สกุลรัตน์   นุชผักแว่น ") == "นางสาวสกุลรัตน์ นุชผักแว่น"
    assert thai_display_name(" ว่าที่  ร.ต. ", "สมชาย  ใจดี") == "ว่าที่ ร.ต. สมชาย ใจดี"
    assert thai_display_name("", " สมชาย ใจดี ") == "สมชาย ใจดี"
    assert thai_display_name("นาย", "") == "นาย"


def test_a_personal_prefix_typed_in_the_name_is_joined() -> None:
    """The issue's "(นางสาว สกุลรัตน์ นุชผักแว่น)": the clerk typed the prefix into the name."""
    assert thai_display_name("", "นางสาว สกุลรัตน์ นุชผักแว่น") == "นางสาวสกุลรัตน์ นุชผักแว่น"
    assert thai_display_name("", "นาย สมชาย ใจดี") == "นายสมชาย ใจดี"
    # a one-word given name after it is not taken for a prefix + name + surname
    assert thai_display_name("", "นาง สมศรี") == "นาง สมศรี"
    # the override keeps it as typed
    assert thai_display_name("", "นาย สมชาย ใจดี", NameSpacing.SPACED) == "นาย สมชาย ใจดี"


def test_the_override_per_person_wins() -> None:
    assert thai_display_name("นาง", "สมศรี ดี", NameSpacing.SPACED) == "นาง สมศรี ดี"
    assert thai_display_name("ดร.", "สมศรี ดี", NameSpacing.JOINED) == "ดร.สมศรี ดี"
    assert thai_display_name("พ.จ.อ.", "สมชาย ใจดี", NameSpacing.AUTO) == "พ.จ.อ. สมชาย ใจดี"


def test_person_display_name_follows_the_rule_and_the_override() -> None:
    person = Person("สกุลรัตน์ นุชผักแว่น", "นักวิชาการ", rank_prefix="นางสาว")
    assert person.display_name == "นางสาวสกุลรัตน์ นุชผักแว่น"
    spaced = Person("สมชาย ใจดี", "ปลัด", rank_prefix="นาย", name_spacing=NameSpacing.SPACED)
    assert spaced.display_name == "นาย สมชาย ใจดี"
    assert Person("สมชาย ใจดี", "ปลัด", rank_prefix="พ.จ.อ.").display_name == "พ.จ.อ. สมชาย ใจดี"


def test_the_joined_prefixes_are_exactly_the_five() -> None:
    assert set(JOINED_PREFIXES) == {"นาย", "นาง", "นางสาว", "เด็กชาย", "เด็กหญิง"}
    assert {s.label_th for s in NameSpacing} and len({s.value for s in NameSpacing}) == 3
