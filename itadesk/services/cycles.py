"""The assessment cycles the clerk can pick ("ผลการประเมินปี 2568 → มาตรการปี 2569"), starting
the next one when its framework is needed, and removing one started by mistake."""

from __future__ import annotations

from itadesk.domain.fiscal import AssessmentCycle
from itadesk.errors import FrameworkError
from itadesk.services.frameworks import FrameworkService
from itadesk.storage.repositories import Repositories

# What year_contents() counts, as the clerk would name it.
_CONTENT_NAMES_TH = {
    "scores": "คะแนน",
    "analysis": "ข้อความการวิเคราะห์",
    "memos": "บันทึกข้อความ",
    "measures": "มาตรการ",
    "rounds": "รายงานผลรอบที่บันทึกไว้",
}


class CycleService:
    def __init__(self, repos: Repositories, frameworks: FrameworkService) -> None:
        self._repos = repos
        self._frameworks = frameworks

    def cycles(self) -> list[AssessmentCycle]:
        """Every cycle with a framework or with data: a year that has scores, or a plan year
        that has measures (its cycle exists as soon as one measure is planned for it)."""
        assessed = set(self._frameworks.years()) | set(self._repos.years.fiscal_years())
        assessed |= {plan_year - 1 for plan_year in self._repos.years.plan_years()}
        return [AssessmentCycle(year) for year in sorted(assessed)]

    def default_cycle(self) -> AssessmentCycle | None:
        """The cycle the window opens on: the latest one holding the office's data, else the
        latest framework's."""
        with_data = set(self._repos.years.fiscal_years())
        with_data |= {plan_year - 1 for plan_year in self._repos.years.plan_years()}
        if with_data:
            return AssessmentCycle(max(with_data))
        cycles = self.cycles()
        return cycles[-1] if cycles else None

    def start_next(self) -> AssessmentCycle:
        """Start the cycle after the latest framework (its framework copied from the latest)."""
        return AssessmentCycle(self._frameworks.start_new_year())

    def can_remove(self, cycle: AssessmentCycle) -> str | None:
        """Why ``cycle`` cannot be removed (Thai), or None when it can."""
        year = cycle.assessed_year
        if year in self._frameworks.catalog.builtin_years():
            return f"ปี {year} เป็นกรอบการประเมินที่มากับโปรแกรม ลบไม่ได้"
        if not self._frameworks.catalog.has(year):
            return f"ปี {year} ไม่ได้เริ่มไว้ด้วยคำสั่ง “เริ่มรอบการประเมินปีใหม่” จึงไม่มีอะไรให้ลบ"
        contents = self._repos.years.year_contents(year)
        if contents:
            listed = ", ".join(
                f"{_CONTENT_NAMES_TH[key]} {count} รายการ" for key, count in contents.items()
            )
            return (
                f"{cycle.label_th} มีข้อมูลอยู่แล้ว ({listed}) จึงลบไม่ได้"
                " — ลบได้เฉพาะปีที่เริ่มไว้โดยยังไม่ได้กรอกอะไร"
            )
        return None

    def remove(self, cycle: AssessmentCycle) -> None:
        """Remove an empty cycle the clerk started by mistake (its framework copy only)."""
        reason = self.can_remove(cycle)
        if reason is not None:
            raise FrameworkError(reason)
        self._frameworks.remove_started_year(cycle.assessed_year)
