from __future__ import annotations

import dataclasses

import pytest

from itadesk.domain.office import OfficeProfile, Person, Unit
from itadesk.errors import ValidationError

PROFILE = OfficeProfile(
    name="เทศบาลตำบลทดลอง",
    kind="เทศบาลตำบล",
    district="เมือง",
    province="ทดสอบ",
    phone="0 3476 7225",
    doc_prefix="สส 71501",
    units=(Unit("สำนักปลัด"), Unit("กองคลัง")),
    people=(Person("สมชาย ใจดี", "ปลัดเทศบาล", rank_prefix="พ.จ.อ.", acting_position="นายก"),),
)


def test_profile_round_trip(services) -> None:
    saved = services.office.save(PROFILE)
    assert saved.name == PROFILE.name
    assert [unit.name for unit in saved.units] == ["สำนักปลัด", "กองคลัง"]
    assert saved.people[0].display_name == "พ.จ.อ. สมชาย ใจดี"
    assert saved.people[0].acting_position == "นายก"


def test_invalid_profile_is_refused_and_saved_profile_stays(services) -> None:
    services.office.save(PROFILE)
    with pytest.raises(ValidationError):
        services.office.save(dataclasses.replace(PROFILE, name=""))
    with pytest.raises(ValidationError):
        services.office.save(dataclasses.replace(PROFILE, phone="โทร abc"))
    assert services.office.profile().name == PROFILE.name
