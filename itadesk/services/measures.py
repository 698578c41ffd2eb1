"""Measures for a fiscal year: from the catalogue or from scratch, edited, reordered, carried
forward from last year, and checked for coverage of the indicators under target."""

from __future__ import annotations

from dataclasses import dataclass, replace

from itadesk.domain import measure_catalogue, measure_rules
from itadesk.domain.measures import Measure
from itadesk.domain.validation import (
    LINE_MAX,
    NAME_MAX,
    PARAGRAPH_MAX,
    TITLE_MAX,
    check_fiscal_year,
    clean_fields,
)
from itadesk.errors import ValidationError
from itadesk.services.frameworks import FrameworkService
from itadesk.storage.database import Store
from itadesk.storage.repositories import Repositories

MEASURE_FIELDS = {
    "title": (measure_rules.FIELD_TITLE, TITLE_MAX),
    "rationale": ("เหตุผล", PARAGRAPH_MAX),
    "steps": (measure_rules.FIELD_STEPS, LINE_MAX),
    "expected_outputs": ("ผลผลิตที่คาดหวัง", LINE_MAX),
    "unit": (measure_rules.FIELD_UNIT, NAME_MAX),
    "follow_up": ("การกำกับติดตาม", PARAGRAPH_MAX),
    "reporting": ("การรายงานผล", PARAGRAPH_MAX),
}


@dataclass(frozen=True)
class DeletedMeasure:
    measure: Measure
    position: int
    step_ids: tuple[int, ...]


class MeasureService:
    def __init__(self, store: Store, repos: Repositories, frameworks: FrameworkService) -> None:
        self._store = store
        self._repos = repos
        self._frameworks = frameworks

    def catalogue(self) -> tuple[measure_catalogue.CatalogueEntry, ...]:
        return measure_catalogue.load_catalogue()

    def measures(self, plan_year: int) -> list[Measure]:
        return self._repos.measures.measures(plan_year)

    def plan_framework(self, plan_year: int):
        """The plan year's framework if the office has one, else the latest known (for theme
        names and indicator names, which have not changed since 2563)."""
        catalog = self._frameworks.catalog
        if catalog.has(plan_year):
            return catalog.get(plan_year)
        earlier = [year for year in catalog.years() if year < plan_year]
        return catalog.get(earlier[-1] if earlier else catalog.latest_year())

    @staticmethod
    def _normalized(measure: Measure) -> Measure:
        """Indicators and themes are sets shown in number order; store them that way. Every
        text is cleaned (``clean_text``: bidi controls out, length limits)."""
        check_fiscal_year(measure.plan_year, measure_rules.FIELD_PLAN_YEAR)
        measure = clean_fields(measure, MEASURE_FIELDS)
        return replace(
            measure,
            indicators=tuple(sorted(set(measure.indicators))),
            themes=tuple(sorted(set(measure.themes))),
        )

    def _validate(self, measure: Measure) -> None:
        problems = measure_rules.validate_measure(measure, self.plan_framework(measure.plan_year))
        if problems:
            raise ValidationError("\n".join(problems))

    def add_from_catalogue(self, plan_year: int, key: str) -> Measure:
        entries = {entry.key: entry for entry in self.catalogue()}
        if key not in entries:
            raise ValidationError(f"ไม่มีมาตรการรหัส “{key}” ในรายการมาตรการ")
        framework = self.plan_framework(plan_year)
        units = [unit.name for unit in self._repos.office.get_office().units]
        names = {indicator.number: indicator.name_th for indicator in framework.indicators}
        measure = measure_catalogue.measure_from_catalogue(
            entries[key], plan_year, framework, units, names
        )
        return self.add(measure)

    def add(self, measure: Measure, position: int | None = None) -> Measure:
        measure = self._normalized(measure)
        self._validate(measure)
        with self._store.transaction():
            return self._repos.measures.add_measure(measure, position)

    def update(self, measure: Measure) -> Measure:
        if measure.id is None:
            raise ValueError("update needs a saved measure")
        measure = self._normalized(measure)
        self._validate(measure)
        with self._store.transaction():
            return self._repos.measures.update_measure(measure)

    def delete(self, measure_id: int) -> DeletedMeasure:
        """Delete a measure; what comes back lets undo put it back exactly (id, place, steps)."""
        measure = self._repos.measures.measure(measure_id)
        if measure is None or measure.id is None:
            raise ValidationError("ไม่พบมาตรการที่จะลบ (อาจถูกลบไปแล้ว)")
        siblings = self._repos.measures.measures(measure.plan_year)
        position = next(i for i, other in enumerate(siblings) if other.id == measure_id)
        step_ids = tuple(self._repos.measures.step_ids(measure_id))
        with self._store.transaction():
            self._repos.measures.delete_measure(measure_id)
        return DeletedMeasure(measure, position, step_ids)

    def restore(self, deleted: DeletedMeasure) -> Measure:
        with self._store.transaction():
            return self._repos.measures.restore_measure(
                deleted.measure, deleted.position, step_ids=deleted.step_ids
            )

    def move(self, measure_id: int, new_position: int) -> None:
        with self._store.transaction():
            self._repos.measures.move_measure(measure_id, new_position)

    def carry_forward(self, from_year: int, to_year: int) -> list[Measure]:
        """Copy last year's measures into ``to_year`` (appended after what is there)."""
        check_fiscal_year(from_year)
        check_fiscal_year(to_year)
        source = self._repos.measures.measures(from_year)
        if not source:
            raise ValidationError(f"ปีงบประมาณ {from_year} ยังไม่มีมาตรการให้ยกมา")
        copies = measure_rules.carry_forward(source, to_year)
        added: list[Measure] = []
        with self._store.transaction():
            for measure in copies:
                added.append(self._repos.measures.add_measure(replace(measure, id=None)))
        return added

    def coverage_gaps(self, score_year: int) -> list[int]:
        """Indicators of ``score_year`` under target that no measure of the next year serves."""
        framework = self._frameworks.get(score_year)
        return measure_rules.coverage_gaps(
            self._repos.measures.measures(score_year + 1),
            self._repos.scores.indicator_scores(score_year),
            framework.target,
        )
