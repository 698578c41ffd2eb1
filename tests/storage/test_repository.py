"""Repository: every method round-trips through a closed and reopened file, exactly."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from itadesk.domain.office import OfficeProfile, Person, Unit
from itadesk.errors import StorageError
from itadesk.storage.database import open_store
from itadesk.storage.repositories import Repositories, from_hundredths, to_hundredths

PROFILE = OfficeProfile(
    name="องค์การบริหารส่วนตำบลบ้านนา",
    kind="องค์การบริหารส่วนตำบล",
    district="เมือง",
    province="ตราด",
    phone="๐ ๓๙๕๑ ๑๒๓๔",
    doc_prefix="ตร 71501",
    units=(Unit("สำนักปลัด"), Unit("กองคลัง"), Unit("กองช่าง")),
    people=(
        Person("สมชาย ใจดี", "ปลัดองค์การบริหารส่วนตำบล", rank_prefix="พ.จ.อ."),
        Person("สมหญิง รักงาน", "หัวหน้าสำนักปลัด", acting_position="รองปลัด"),
    ),
)
FRAMEWORK = {"format": "itadesk-framework/1", "fiscal_year": 2569, "tools": [{"code": "IIT"}]}


def _without_ids(profile: OfficeProfile) -> OfficeProfile:
    from dataclasses import replace

    return replace(
        profile,
        units=tuple(replace(u, id=None) for u in profile.units),
        people=tuple(replace(p, id=None) for p in profile.people),
    )


def test_empty_database_reads_as_defaults(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        assert repo.office.get_office() == OfficeProfile()
        assert repo.scores.indicator_scores(2567) == {}
        assert repo.scores.item_scores(2567) == {}
        assert repo.scores.official_total(2567) is None
        assert repo.years.fiscal_years() == []
        assert repo.frameworks.framework_overrides() == {}
        assert repo.settings.get_setting("missing") is None
        assert repo.settings.get_setting("missing", {"a": 1}) == {"a": 1}


def test_every_method_round_trips_through_reopen(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        saved = repo.office.save_office(PROFILE)
        repo.scores.set_indicator_score(2566, 1, Decimal("86.92"))
        repo.scores.set_indicator_scores(
            2567, {1: Decimal("95"), 2: Decimal("88.5"), 10: Decimal("0")}
        )
        repo.scores.set_item_score(2567, "i1", Decimal("86.92"))
        repo.scores.set_item_scores(2567, {"O12": Decimal("100"), "e3": Decimal("0.01")})
        repo.scores.set_official_total(2565, Decimal("81.45"))
        repo.frameworks.save_framework_override(2569, FRAMEWORK)
        repo.settings.set_setting("signer_id", 1)
        repo.settings.set_setting("recent_provinces", ["ตราด", "จันทบุรี"])

    with open_store(db_path) as store:
        repo = Repositories.of(store)
        office = repo.office.get_office()
        assert office == saved
        assert _without_ids(office) == PROFILE
        assert [u.name for u in office.units] == ["สำนักปลัด", "กองคลัง", "กองช่าง"]
        assert all(u.id is not None for u in office.units)
        assert all(p.id is not None for p in office.people)
        assert repo.scores.indicator_scores(2566) == {1: Decimal("86.92")}
        assert repo.scores.indicator_scores(2567) == {
            1: Decimal(95),
            2: Decimal("88.5"),
            10: Decimal(0),
        }
        assert list(repo.scores.indicator_scores(2567)) == [1, 2, 10]
        assert repo.scores.item_scores(2567) == {
            "i1": Decimal("86.92"),
            "O12": Decimal(100),
            "e3": Decimal("0.01"),
        }
        assert repo.scores.official_total(2565) == Decimal("81.45")
        assert repo.scores.official_total(2567) is None
        assert repo.years.fiscal_years() == [2565, 2566, 2567]
        assert repo.frameworks.framework_overrides() == {2569: FRAMEWORK}
        assert repo.settings.get_setting("signer_id") == 1
        assert repo.settings.get_setting("recent_provinces") == ["ตราด", "จันทบุรี"]


@pytest.mark.parametrize(
    ("text", "hundredths"),
    [("86.92", 8692), ("100", 10000), ("0", 0), ("0.01", 1), ("99.99", 9999), ("86.920", 8692)],
)
def test_decimal_exactness(db_path: Path, text: str, hundredths: int) -> None:
    value = Decimal(text)
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        repo.scores.set_indicator_score(2567, 3, value)
        repo.scores.set_item_score(2567, "O1", value)
        repo.scores.set_official_total(2567, value)
        raw = store.db.execute(
            "SELECT score_hundredths, typeof(score_hundredths) FROM indicator_scores"
        ).fetchone()
        assert raw == (hundredths, "integer")
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        for read in (
            repo.scores.indicator_scores(2567)[3],
            repo.scores.item_scores(2567)["O1"],
            repo.scores.official_total(2567),
        ):
            assert read == value
            assert str(read) == f"{value:.2f}"  # always two decimals, never 86.9199999


def test_hundredths_conversion_guards() -> None:
    assert to_hundredths(Decimal("86.92")) == 8692
    assert to_hundredths(100) == 10000
    assert from_hundredths(8692) == Decimal("86.92")
    for bad in (Decimal("86.925"), Decimal("0.001"), Decimal("100.01"), Decimal("-0.01")):
        with pytest.raises(ValueError):
            to_hundredths(bad)
    for bad in (Decimal("NaN"), Decimal("Infinity")):
        with pytest.raises(ValueError):
            to_hundredths(bad)
    with pytest.raises(TypeError):
        to_hundredths(86.92)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        to_hundredths(True)


def test_a_bad_value_in_a_paste_writes_nothing(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        repo.scores.set_indicator_score(2567, 1, Decimal("50"))
        with pytest.raises(ValueError):
            repo.scores.set_indicator_scores(2567, {1: Decimal("60"), 2: Decimal("70.123")})
        assert repo.scores.indicator_scores(2567) == {1: Decimal("50.00")}


def test_a_paste_is_one_transaction(db_path: Path) -> None:
    # Indicator 0 violates the CHECK after 1 and 2 were written: all three must roll back.
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        repo.scores.set_indicator_score(2567, 1, Decimal("50"))
        with pytest.raises(sqlite3.IntegrityError):
            repo.scores.set_indicator_scores(
                2567, {1: Decimal("60"), 2: Decimal("70"), 0: Decimal("80")}
            )
        assert repo.scores.indicator_scores(2567) == {1: Decimal("50")}


def test_none_deletes_and_empty_years_disappear(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        repo.scores.set_indicator_scores(2567, {1: Decimal("1"), 2: Decimal("2")})
        repo.scores.set_item_score(2568, "i1", Decimal("3"))
        repo.scores.set_official_total(2569, Decimal("80"))
        assert repo.years.fiscal_years() == [2567, 2568, 2569]
        repo.scores.set_indicator_scores(2567, {1: None})
        assert repo.scores.indicator_scores(2567) == {2: Decimal("2")}
        repo.scores.set_indicator_score(2567, 2, None)
        repo.scores.set_item_score(2568, "i1", None)
        repo.scores.set_official_total(2569, None)
        assert repo.years.fiscal_years() == []
        assert store.db.execute("SELECT count(*) FROM assessments").fetchone()[0] == 0
        repo.scores.set_indicator_score(2570, 1, None)  # deleting what is not there is harmless
        assert repo.years.fiscal_years() == []


def test_official_total_survives_clearing_scores(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        repo.scores.set_official_total(2567, Decimal("86.92"))
        repo.scores.set_indicator_score(2567, 1, Decimal("90"))
        repo.scores.set_indicator_score(2567, 1, None)
        assert repo.scores.official_total(2567) == Decimal("86.92")
        assert repo.years.fiscal_years() == [2567]


def test_unit_and_person_ids_stay_stable(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        first = repo.office.save_office(PROFILE)
        ids = {u.name: u.id for u in first.units}
        person_ids = {p.full_name: p.id for p in first.people}

        # Re-typed list without ids, reordered, one dropped, one new: names keep their ids.
        second = repo.office.save_office(
            OfficeProfile(
                name=PROFILE.name,
                units=(Unit("กองช่าง"), Unit("กองการศึกษา"), Unit("สำนักปลัด")),
                people=(Person("สมหญิง รักงาน", "ปลัด"),),
            )
        )
        assert [u.name for u in second.units] == ["กองช่าง", "กองการศึกษา", "สำนักปลัด"]
        assert second.units[0].id == ids["กองช่าง"]
        assert second.units[2].id == ids["สำนักปลัด"]
        assert second.units[1].id not in ids.values()
        assert second.people[0].id == person_ids["สมหญิง รักงาน"]
        assert second.people[0].position == "ปลัด"

        # Renaming a row that carries its id keeps the id; swapping two names does not
        # trip over the UNIQUE constraint.
        a, b, c = second.units
        third = repo.office.save_office(
            OfficeProfile(
                name=PROFILE.name,
                units=(Unit(c.name, id=a.id), Unit("กองช่างโยธา", id=b.id), Unit(a.name, id=c.id)),
            )
        )
        assert [(u.name, u.id) for u in third.units] == [
            (c.name, a.id),
            ("กองช่างโยธา", b.id),
            (a.name, c.id),
        ]
        assert third.people == ()


def test_save_office_updates_the_single_row(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        repo.office.save_office(PROFILE)
        repo.office.save_office(OfficeProfile(name="เทศบาลตำบลท่าช้าง", kind="เทศบาลตำบล"))
        assert store.db.execute("SELECT count(*) FROM office").fetchone()[0] == 1
        assert repo.office.get_office() == OfficeProfile(name="เทศบาลตำบลท่าช้าง", kind="เทศบาลตำบล")


def test_framework_override_replace_and_remove(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        repo.frameworks.save_framework_override(2569, FRAMEWORK)
        changed = {**FRAMEWORK, "note": "แก้ไขโดยเจ้าหน้าที่"}
        repo.frameworks.save_framework_override(2569, changed)
        repo.frameworks.save_framework_override(2570, {"fiscal_year": 2570})
        assert repo.frameworks.framework_overrides() == {2569: changed, 2570: {"fiscal_year": 2570}}
        repo.frameworks.save_framework_override(2569, None)
        assert repo.frameworks.framework_overrides() == {2570: {"fiscal_year": 2570}}


def test_settings_replace_remove_and_refuse_non_json(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        repo.settings.set_setting("theme", {"font_size": 16, "ชื่อ": "ไทย"})
        repo.settings.set_setting("theme", {"font_size": 18})
        assert repo.settings.get_setting("theme") == {"font_size": 18}
        repo.settings.set_setting("flag", False)
        assert repo.settings.get_setting("flag", True) is False
        repo.settings.set_setting("theme", None)
        assert repo.settings.get_setting("theme", "default") == "default"
        with pytest.raises(ValueError):
            repo.settings.set_setting("bad", float("nan"))
        with pytest.raises(TypeError):
            repo.settings.set_setting("bad", Decimal("1"))
        assert repo.settings.get_setting("bad") is None


def test_nested_transactions_roll_back_together(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        with pytest.raises(RuntimeError), store.transaction():
            repo.settings.set_setting("a", 1)  # nested: a savepoint inside the outer transaction
            repo.scores.set_indicator_score(2567, 1, Decimal("5"))
            raise RuntimeError("clerk pressed cancel")
        assert repo.settings.get_setting("a") is None
        assert repo.years.fiscal_years() == []


def test_write_to_a_read_only_database_is_a_thai_storage_error(db_path: Path) -> None:
    with open_store(db_path) as store:
        repo = Repositories.of(store)
        store.db.execute("PRAGMA query_only = 1")  # SQLite then answers SQLITE_READONLY
        with pytest.raises(StorageError) as caught:
            repo.settings.set_setting("a", 1)
        assert "อ่านอย่างเดียว" in caught.value.message
        assert str(db_path) in caught.value.message
