"""The office profile: name, kind, address, document prefix, units and the people who sign."""

from __future__ import annotations

from dataclasses import replace

from itadesk.domain.office import OfficeProfile, validate_office
from itadesk.domain.validation import (
    DOC_PREFIX_MAX,
    NAME_MAX,
    PHONE_MAX,
    clean_fields,
)
from itadesk.errors import ValidationError
from itadesk.storage.database import Store
from itadesk.storage.repositories import Repositories

OFFICE_FIELDS = {
    "name": ("ชื่อหน่วยงาน", NAME_MAX),
    "district": ("อำเภอ", NAME_MAX),
    "province": ("จังหวัด", NAME_MAX),
    "phone": ("หมายเลขโทรศัพท์", PHONE_MAX),
    "doc_prefix": ("เลขที่หนังสือ (ที่ …)", DOC_PREFIX_MAX),
    "kind": ("ประเภทหน่วยงาน", NAME_MAX),
}
UNIT_FIELDS = {"name": ("ชื่อ", NAME_MAX)}
PERSON_FIELDS = {
    "full_name": ("ชื่อ–สกุล", NAME_MAX),
    "position": ("ตำแหน่ง", NAME_MAX),
    "rank_prefix": ("ยศ/คำนำหน้า", NAME_MAX),
    "acting_position": ("รักษาการ/ปฏิบัติหน้าที่", NAME_MAX),
}


def clean_profile(profile: OfficeProfile) -> OfficeProfile:
    """Every text of the profile through ``clean_text`` (bidi controls out, length limits)."""
    profile = clean_fields(profile, OFFICE_FIELDS)
    return replace(
        profile,
        units=tuple(
            clean_fields(unit, UNIT_FIELDS, f"ส่วนราชการลำดับที่ {number}")
            for number, unit in enumerate(profile.units, start=1)
        ),
        people=tuple(
            clean_fields(person, PERSON_FIELDS, f"บุคลากรลำดับที่ {number}")
            for number, person in enumerate(profile.people, start=1)
        ),
    )


class OfficeService:
    def __init__(self, store: Store, repos: Repositories) -> None:
        self._store = store
        self._repos = repos

    def profile(self) -> OfficeProfile:
        return self._repos.office.get_office()

    def save(self, profile: OfficeProfile) -> OfficeProfile:
        """Validate and save the whole profile; on a problem nothing is written."""
        profile = clean_profile(profile)
        problems = validate_office(profile)
        if problems:
            raise ValidationError("\n".join(problems))
        with self._store.transaction():
            self._repos.office.save_office(profile)
        return self._repos.office.get_office()

    def restore(self, profile: OfficeProfile) -> OfficeProfile:
        """Put back a profile exactly as it was stored before (undo/redo). It is not validated
        again: an earlier state, even the empty profile of a new office, is always allowed."""
        with self._store.transaction():
            self._repos.office.save_office(profile)
        return self._repos.office.get_office()
