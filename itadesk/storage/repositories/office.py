"""The office profile: its details, units (สำนัก/กอง) and people with their roles."""

from __future__ import annotations

from dataclasses import replace

from itadesk.domain.office import NameSpacing, OfficeProfile, Person, Role, Unit
from itadesk.storage.repositories.base import (
    RepositoryBase,
    match_ids,
    utc_now,
)

_OFFICE_FIELDS = ("name", "kind", "district", "province", "phone", "doc_prefix")


class OfficeRepository(RepositoryBase):
    """The office profile: its details, units (สำนัก/กอง) and people with their roles."""

    def get_office(self) -> OfficeProfile:
        """The profile with its units and people in their saved order (defaults if never saved)."""
        rows = self._rows(f"SELECT {', '.join(_OFFICE_FIELDS)} FROM office WHERE id = 1")
        profile = OfficeProfile()
        if rows:
            profile = OfficeProfile(**dict(zip(_OFFICE_FIELDS, rows[0], strict=True)))
        units = tuple(
            Unit(name=name, id=unit_id)
            for unit_id, name in self._rows("SELECT id, name FROM units ORDER BY position, id")
        )
        people = tuple(
            Person(
                full_name=full_name,
                position=position,
                rank_prefix=rank_prefix,
                acting_position=acting_position,
                id=person_id,
                role=Role(role),
                name_spacing=NameSpacing(spacing),
            )
            for (
                person_id,
                rank_prefix,
                full_name,
                position,
                acting_position,
                role,
                spacing,
            ) in self._rows(
                "SELECT id, rank_prefix, full_name, position, acting_position, role, name_spacing"
                " FROM people ORDER BY position_order, id"
            )
        )
        return replace(profile, units=units, people=people)

    def save_office(self, profile: OfficeProfile) -> OfficeProfile:
        """Replace the profile, units and people; return it as saved (with ids).

        A unit or person keeps its id when the given one still exists, otherwise when the name
        matches a saved one, so later tables can refer to them across edits.
        """
        with self.store.transaction() as db:
            values = [getattr(profile, field) for field in _OFFICE_FIELDS]
            columns = (*_OFFICE_FIELDS, "updated_at")
            db.execute(
                f"INSERT INTO office (id, {', '.join(columns)})"
                f" VALUES (1, {', '.join('?' for _ in columns)}) ON CONFLICT (id) DO UPDATE SET "
                + ", ".join(f"{column} = excluded.{column}" for column in columns),
                [*values, utc_now()],
            )
            self._save_units(profile.units)
            self._save_people(profile.people)
        return self.get_office()

    def _save_units(self, units: tuple[Unit, ...]) -> None:
        saved = dict(self._rows("SELECT id, name FROM units ORDER BY id"))
        ids = match_ids([(unit.id, unit.name) for unit in units], saved)
        keep = {unit_id for unit_id in ids if unit_id is not None}
        for unit_id in saved.keys() - keep:
            self._db.execute("DELETE FROM units WHERE id = ?", [unit_id])
        # Names are UNIQUE: park kept rows on placeholder names first so that swapping two
        # names does not collide halfway.
        for unit_id in keep:
            self._db.execute("UPDATE units SET name = ? WHERE id = ?", [f"\x00{unit_id}", unit_id])
        for position, (unit, unit_id) in enumerate(zip(units, ids, strict=True)):
            if unit_id is None:
                self._db.execute(
                    "INSERT INTO units (name, position) VALUES (?, ?)", [unit.name, position]
                )
            else:
                self._db.execute(
                    "UPDATE units SET name = ?, position = ? WHERE id = ?",
                    [unit.name, position, unit_id],
                )

    def _save_people(self, people: tuple[Person, ...]) -> None:
        saved = dict(self._rows("SELECT id, full_name FROM people ORDER BY id"))
        ids = match_ids([(person.id, person.full_name) for person in people], saved)
        keep = {person_id for person_id in ids if person_id is not None}
        for person_id in saved.keys() - keep:
            self._db.execute("DELETE FROM people WHERE id = ?", [person_id])
        for order, (person, person_id) in enumerate(zip(people, ids, strict=True)):
            values = [
                person.rank_prefix,
                person.full_name,
                person.position,
                person.acting_position,
                str(person.role),
                str(person.name_spacing),
                order,
            ]
            if person_id is None:
                self._db.execute(
                    "INSERT INTO people (rank_prefix, full_name, position, acting_position,"
                    " role, name_spacing, position_order) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    values,
                )
            else:
                self._db.execute(
                    "UPDATE people SET rank_prefix = ?, full_name = ?, position = ?,"
                    " acting_position = ?, role = ?, name_spacing = ?, position_order = ?"
                    " WHERE id = ?",
                    [*values, person_id],
                )
