"""The catalogue of measures Thai local offices commonly run (resources/data/measures.json).

Each entry is a ready-to-edit measure: the indicators and themes it serves, the OIT items it
produces evidence for (per OIT list family), the weakness it answers, ordered steps ending in a
report to the executive, the kind of unit that usually runs it, a default timeline expressed
without a year, and how it is followed up and reported. :func:`measure_from_catalogue` turns an
entry into a :class:`Measure` for one plan year and one office.

OIT codes are kept per list family because the numbering changed: "old" is the 2563–2565 list,
"2566" the 2566 list (ita-guide.md §1.5). The 2567/2568 lists are unknown, so those years get no
codes from the catalogue.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeGuard

from itadesk.domain.datafile import read_json
from itadesk.domain.fiscal import ce_year
from itadesk.domain.frameworks import Framework
from itadesk.domain.measures import TIMELINE_KINDS, Measure, Timeline, TimelineKind
from itadesk.domain.office import Unit
from itadesk.errors import FrameworkError
from itadesk.paths import resource_path

CATALOGUE_FORMAT = "itadesk-measures/1"

ALL_UNITS = "ทุกสำนัก/กอง"
UNIT_KINDS: tuple[str, ...] = (
    "สำนักปลัด",
    "กองคลัง",
    "กองช่าง",
    "กองการศึกษา",
    ALL_UNITS,
    "งานการเจ้าหน้าที่/บุคคล",
    "งานประชาสัมพันธ์",
)
# Words that identify a unit kind inside the names offices give their units ("สำนักงานปลัด",
# "กองการคลัง", "กองการศึกษา ศาสนาและวัฒนธรรม" …), tried in this order.
_UNIT_KEYWORDS: dict[str, tuple[str, ...]] = {
    "สำนักปลัด": ("สำนักปลัด", "ปลัด"),
    "กองคลัง": ("คลัง",),
    "กองช่าง": ("ช่าง", "โยธา"),
    "กองการศึกษา": ("การศึกษา",),
    "งานการเจ้าหน้าที่/บุคคล": ("การเจ้าหน้าที่", "บุคคล"),
    "งานประชาสัมพันธ์": ("ประชาสัมพันธ์",),
}

OIT_FAMILY_OLD = "old"
OIT_FAMILY_2566 = "2566"
OIT_FAMILIES = (OIT_FAMILY_OLD, OIT_FAMILY_2566)
# Fiscal years whose OIT list each family describes (ita-guide.md §1.5 a, b).
_FAMILY_YEARS: dict[str, range] = {
    OIT_FAMILY_OLD: range(2563, 2566),
    OIT_FAMILY_2566: range(2566, 2567),
}
MAX_OIT_NUMBER = 43  # both known lists run O1–O43

INDICATOR_NUMBERS = range(1, 11)
THEME_NUMBERS = range(1, 8)
PLACEHOLDERS = ("indicator_name", "indicators", "plan_year")
TEXT_FIELDS = ("rationale_th", "follow_up_th", "reporting_th")

_KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_OIT_CODE_RE = re.compile(r"^O([1-9][0-9]?)$")
_MONTH_DAY_RE = re.compile(r"^([0-9]{2})-([0-9]{2})$")
_FIELDS = frozenset(
    (
        "key",
        "title_th",
        "indicators",
        "themes",
        "oit_items",
        "rationale_th",
        "steps_th",
        "unit_kind",
        "timeline",
        "follow_up_th",
        "reporting_th",
    )
)
_FORMATTER = string.Formatter()
_NON_LEAP_YEAR = 2001  # month-days in the catalogue must exist in every year


@dataclass(frozen=True)
class TimelineTemplate:
    """A default timeline without a year; :meth:`for_year` places it in a fiscal year.

    Months are calendar months (10 = ตุลาคม); October–December fall in the calendar year before
    the fiscal year's name, as the fiscal year does.
    """

    kind: str = TimelineKind.WHOLE_YEAR
    first_quarter: int = 1
    last_quarter: int = 4
    start_month: int | None = None
    end_month: int | None = None
    start_day: tuple[int, int] | None = None  # (month, day)
    end_day: tuple[int, int] | None = None

    def for_year(self, plan_year: int) -> Timeline:
        """The :class:`Timeline` of this template in fiscal year ``plan_year``."""
        if self.kind == TimelineKind.QUARTERS:
            return Timeline(
                kind=TimelineKind.QUARTERS,
                first_quarter=self.first_quarter,
                last_quarter=self.last_quarter,
            )
        if self.kind == TimelineKind.MONTHS:
            assert self.start_month is not None and self.end_month is not None
            return Timeline(
                kind=TimelineKind.MONTHS,
                start_month=(_year_of_month(plan_year, self.start_month), self.start_month),
                end_month=(_year_of_month(plan_year, self.end_month), self.end_month),
            )
        if self.kind == TimelineKind.DATES:
            assert self.start_day is not None and self.end_day is not None
            return Timeline(
                kind=TimelineKind.DATES,
                start_date=_date_in_year(plan_year, self.start_day),
                end_date=_date_in_year(plan_year, self.end_day),
            )
        return Timeline(kind=TimelineKind.WHOLE_YEAR)


def _year_of_month(plan_year: int, month: int) -> int:
    """BE calendar year of ``month`` inside fiscal year ``plan_year``."""
    return plan_year - 1 if month >= 10 else plan_year


def _date_in_year(plan_year: int, month_day: tuple[int, int]) -> date:
    month, day = month_day
    return date(ce_year(_year_of_month(plan_year, month)), month, day)


def _fiscal_order(month_day: tuple[int, int]) -> tuple[int, int]:
    """Sort key of a (month, day) inside a fiscal year: October first."""
    month, day = month_day
    return (month - 10) % 12, day


@dataclass(frozen=True)
class CatalogueEntry:
    """One measure of the catalogue, as shipped (texts may hold {placeholders})."""

    key: str
    title_th: str
    indicators: tuple[int, ...]  # the first is the one the rationale speaks of
    themes: tuple[int, ...]
    oit_items: Mapping[str, tuple[str, ...]] = field(hash=False)  # family → codes
    rationale_th: str = ""
    steps_th: tuple[str, ...] = ()
    unit_kind: str = ALL_UNITS
    timeline: TimelineTemplate = field(default_factory=TimelineTemplate)
    follow_up_th: str = ""
    reporting_th: str = ""


# --------------------------------------------------------------------------- parsing


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _placeholder_problems(text: str) -> list[str]:
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError:
        return ["มีวงเล็บปีกกา { } ไม่ครบคู่ — ถ้าไม่ใช่ตัวแทนข้อความให้ลบวงเล็บปีกกาออก"]
    problems: list[str] = []
    allowed = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            problems.append(f"ตัวแทนข้อความ “{{{name}}}” ไม่รู้จัก — ใช้ได้เฉพาะ {allowed}")
    return problems


def _text(problems: _Problems, entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.add(where, f"ช่อง “{key}” ต้องเป็นข้อความที่ไม่ว่าง")
        return ""
    for problem in _placeholder_problems(value):
        problems.add(where, f"ช่อง “{key}”: {problem}")
    return value.strip()


def _numbers(
    problems: _Problems, entry: Mapping[str, Any], key: str, where: str, allowed: range, what: str
) -> tuple[int, ...]:
    value = entry.get(key)
    if not isinstance(value, list) or not value:
        problems.add(
            where,
            f"ช่อง “{key}” ต้องเป็นรายการเลข{what}อย่างน้อยหนึ่งตัว "
            f"(เลข {allowed.start} ถึง {allowed.stop - 1})",
        )
        return ()
    result: list[int] = []
    for number in value:
        if not _is_int(number) or number not in allowed:
            problems.add(
                where,
                f"ช่อง “{key}” มี “{number}” — "
                f"ใช้ได้เฉพาะเลข{what} {allowed.start} ถึง {allowed.stop - 1}",
            )
        elif number in result:
            problems.add(where, f"ช่อง “{key}” มีเลข{what} {number} ซ้ำ")
        else:
            result.append(number)
    return tuple(result)


def _oit_items(
    problems: _Problems, entry: Mapping[str, Any], where: str
) -> dict[str, tuple[str, ...]]:
    value = entry.get("oit_items", {})
    families = " และ ".join(f"“{family}”" for family in OIT_FAMILIES)
    if not isinstance(value, dict):
        problems.add(where, 'ช่อง “oit_items” ต้องเป็นกลุ่มข้อมูล เช่น {"old": ["O23"], "2566": ["O21"]}')
        return {}
    result: dict[str, tuple[str, ...]] = {}
    for family, codes in value.items():
        if family not in OIT_FAMILIES:
            problems.add(where, f"ช่อง “oit_items” มีกลุ่ม “{family}” ที่ไม่รู้จัก — ใช้ได้เฉพาะ {families}")
            continue
        if not isinstance(codes, list):
            problems.add(where, f'ช่อง “oit_items” กลุ่ม “{family}” ต้องเป็นรายการรหัสข้อ เช่น ["O23"]')
            continue
        kept: list[str] = []
        for code in codes:
            match = _OIT_CODE_RE.match(code) if isinstance(code, str) else None
            if match is None or not 1 <= int(match.group(1)) <= MAX_OIT_NUMBER:
                problems.add(
                    where,
                    f"ช่อง “oit_items” กลุ่ม “{family}” มีรหัส “{code}” — "
                    f"ใช้ได้เฉพาะรหัส O1 ถึง O{MAX_OIT_NUMBER}",
                )
            elif code in kept:
                problems.add(where, f"ช่อง “oit_items” กลุ่ม “{family}” มีรหัส {code} ซ้ำ")
            else:
                kept.append(code)
        result[family] = tuple(kept)
    return result


def _month_day(value: Any) -> tuple[int, int] | None:
    match = _MONTH_DAY_RE.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    month, day = int(match.group(1)), int(match.group(2))
    try:
        date(_NON_LEAP_YEAR, month, day)
    except ValueError:
        return None
    return month, day


def _timeline(problems: _Problems, entry: Mapping[str, Any], where: str) -> TimelineTemplate:
    value = entry.get("timeline", {"kind": TimelineKind.WHOLE_YEAR})
    kinds = ", ".join(TIMELINE_KINDS)
    if not isinstance(value, dict) or value.get("kind") not in TIMELINE_KINDS:
        problems.add(where, f"ช่อง “timeline” ต้องมี “kind” เป็นหนึ่งใน {kinds}")
        return TimelineTemplate()
    kind = value["kind"]
    if kind == TimelineKind.QUARTERS:
        first, last = value.get("first_quarter"), value.get("last_quarter")
        if not (_is_int(first) and _is_int(last) and 1 <= first <= last <= 4):
            problems.add(
                where,
                "ช่อง “timeline” แบบไตรมาสต้องมี “first_quarter” และ “last_quarter” "
                "เป็นเลข 1 ถึง 4 โดยไตรมาสแรกไม่ช้ากว่าไตรมาสสุดท้าย",
            )
            return TimelineTemplate()
        return TimelineTemplate(kind=kind, first_quarter=first, last_quarter=last)
    if kind == TimelineKind.MONTHS:
        start, end = value.get("start_month"), value.get("end_month")
        if not (
            _is_int(start)
            and _is_int(end)
            and 1 <= start <= 12
            and 1 <= end <= 12
            and (start - 10) % 12 <= (end - 10) % 12
        ):
            problems.add(
                where,
                "ช่อง “timeline” แบบเดือนต้องมี “start_month” และ “end_month” เป็นเลขเดือน 1 ถึง 12 "
                "โดยนับปีงบประมาณจากเดือนตุลาคม (10) และเดือนแรกไม่ช้ากว่าเดือนสุดท้าย",
            )
            return TimelineTemplate()
        return TimelineTemplate(kind=kind, start_month=start, end_month=end)
    if kind == TimelineKind.DATES:
        start_day = _month_day(value.get("start_date"))
        end_day = _month_day(value.get("end_date"))
        if (
            start_day is None
            or end_day is None
            or _fiscal_order(start_day) > _fiscal_order(end_day)
        ):
            problems.add(
                where,
                "ช่อง “timeline” แบบวันที่ต้องมี “start_date” และ “end_date” ในรูป “เดือน-วัน” "
                'เช่น "10-01" เป็นวันที่มีในทุกปี (ไม่ใช้ 29 ก.พ.) และวันแรกไม่ช้ากว่าวันสุดท้าย',
            )
            return TimelineTemplate()
        return TimelineTemplate(kind=kind, start_day=start_day, end_day=end_day)
    return TimelineTemplate()


def _parse_entry(
    problems: _Problems, entry: Any, position: int, seen: set[str]
) -> CatalogueEntry | None:
    where = f"มาตรการลำดับที่ {position}"
    if not isinstance(entry, dict):
        problems.add(where, "ต้องเป็นกลุ่มข้อมูล JSON (ขึ้นต้นด้วย {)")
        return None
    key = entry.get("key")
    if isinstance(key, str) and key:
        where = f"มาตรการ “{key}” (ลำดับที่ {position})"
    if not isinstance(key, str) or not _KEY_RE.match(key):
        problems.add(
            where,
            "ช่อง “key” ต้องเป็นรหัสภาษาอังกฤษตัวเล็ก ตัวเลข และขีด (-) เช่น “no-gift-policy”",
        )
    elif key in seen:
        problems.add(where, f"รหัส “{key}” ซ้ำกับมาตรการก่อนหน้า — รหัสต้องไม่ซ้ำกัน")
    else:
        seen.add(key)
    for unknown in sorted(set(entry) - _FIELDS):
        problems.add(where, f"ช่อง “{unknown}” ไม่รู้จัก — ตรวจการสะกดชื่อช่อง")

    before = len(problems.items)
    title = _text(problems, entry, "title_th", where)
    indicators = _numbers(problems, entry, "indicators", where, INDICATOR_NUMBERS, "ตัวชี้วัด")
    themes = _numbers(problems, entry, "themes", where, THEME_NUMBERS, "ประเด็น")
    oit_items = _oit_items(problems, entry, where)
    texts = {name: _text(problems, entry, name, where) for name in TEXT_FIELDS}

    raw_steps = entry.get("steps_th")
    steps: list[str] = []
    if not isinstance(raw_steps, list) or not raw_steps:
        problems.add(where, "ช่อง “steps_th” ต้องเป็นรายการขั้นตอนอย่างน้อยหนึ่งขั้นตอน")
    else:
        for number, step in enumerate(raw_steps, start=1):
            if not isinstance(step, str) or not step.strip():
                problems.add(where, f"ขั้นตอนที่ {number} ต้องเป็นข้อความที่ไม่ว่าง")
                continue
            for problem in _placeholder_problems(step):
                problems.add(where, f"ขั้นตอนที่ {number}: {problem}")
            steps.append(step.strip())

    unit_kind = entry.get("unit_kind")
    if unit_kind not in UNIT_KINDS:
        problems.add(
            where, f"ช่อง “unit_kind” เป็น “{unit_kind}” — ใช้ได้เฉพาะ " + ", ".join(UNIT_KINDS)
        )
    timeline = _timeline(problems, entry, where)

    if len(problems.items) != before or not isinstance(key, str):
        return None
    return CatalogueEntry(
        key=key,
        title_th=title,
        indicators=indicators,
        themes=themes,
        oit_items=MappingProxyType(oit_items),  # shared through the cache: read-only
        rationale_th=texts["rationale_th"],
        steps_th=tuple(steps),
        unit_kind=str(unit_kind),
        timeline=timeline,
        follow_up_th=texts["follow_up_th"],
        reporting_th=texts["reporting_th"],
    )


def parse_catalogue(data: Any, source_name: str = "รายการมาตรการ") -> tuple[CatalogueEntry, ...]:
    """Validate a decoded catalogue document; raises FrameworkError listing every problem."""
    if not isinstance(data, dict):
        raise FrameworkError(f"{source_name}: ต้องเป็นกลุ่มข้อมูล JSON (ขึ้นต้นด้วย {{)")
    if data.get("format") != CATALOGUE_FORMAT:
        raise FrameworkError(
            f"{source_name}: ไม่ใช่ไฟล์รายการมาตรการของ ITADesk "
            f"(ช่อง format ต้องเป็น “{CATALOGUE_FORMAT}”)"
        )
    raw = data.get("measures")
    if not isinstance(raw, list) or not raw:
        raise FrameworkError(f"{source_name}: ช่อง “measures” ต้องเป็นรายการมาตรการอย่างน้อยหนึ่งรายการ")
    problems = _Problems()
    seen: set[str] = set()
    entries = [_parse_entry(problems, entry, n, seen) for n, entry in enumerate(raw, start=1)]
    if problems.items:
        listing = "\n".join(f"• {problem}" for problem in problems.items)
        raise FrameworkError(f"{source_name} มีข้อผิดพลาด:\n{listing}")
    return tuple(entry for entry in entries if entry is not None)


@lru_cache(maxsize=8)
def _load_cached(path: Path, _mtime_ns: int, _size: int) -> tuple[CatalogueEntry, ...]:
    # The modification time and size are part of the cache key so an edited file is re-read.
    name = f"รายการมาตรการ {path.name}"
    return parse_catalogue(read_json(path, name), name)


def load_catalogue(path: Path | None = None) -> tuple[CatalogueEntry, ...]:
    """Read and validate the catalogue (default: the shipped resources/data/measures.json).

    Cached per file while it is unchanged. Raises FrameworkError with a Thai message that names
    the entry and the field at fault.
    """
    if path is None:
        path = resource_path("data", "measures.json")
    try:
        stat = path.stat()
    except OSError as exc:
        raise FrameworkError(f"รายการมาตรการ {path.name}: ไม่พบไฟล์") from exc
    return _load_cached(path.resolve(), stat.st_mtime_ns, stat.st_size)


# --------------------------------------------------------------------------- use


def oit_family(fiscal_year: int) -> str | None:
    """The OIT list family of ``fiscal_year`` ("old", "2566"), or None when it is not known."""
    for family, years in _FAMILY_YEARS.items():
        if fiscal_year in years:
            return family
    return None


def oit_items_for(entry: CatalogueEntry, framework: Framework) -> tuple[str, ...]:
    """The entry's OIT codes for ``framework``'s year, limited to codes the framework has.

    The same number means different items in different lists, so a year without a known
    family (2567 onwards) gets none even if the clerk imported codes for it.
    """
    family = oit_family(framework.fiscal_year)
    if family is None:
        return ()
    present = {item.code for item in framework.items}
    return tuple(code for code in entry.oit_items.get(family, ()) if code in present)


def entries_for_indicator(
    catalogue: Sequence[CatalogueEntry], indicator: int
) -> tuple[CatalogueEntry, ...]:
    """Entries serving ``indicator``: those whose main indicator it is first, then the rest,
    each group in catalogue order."""
    serving = [entry for entry in catalogue if indicator in entry.indicators]
    return tuple(sorted(serving, key=lambda entry: entry.indicators[0] != indicator))


def unit_for_kind(unit_kind: str, units: Sequence[str | Unit]) -> str:
    """The office unit that matches ``unit_kind`` ("กองคลัง" → the unit whose name contains
    "คลัง"); "ทุกสำนัก/กอง" stays as is; with no match, the kind's own text."""
    if unit_kind == ALL_UNITS:
        return ALL_UNITS
    names = [
        name
        for name in ((unit.name if isinstance(unit, Unit) else unit).strip() for unit in units)
        if name
    ]
    if unit_kind in names:
        return unit_kind
    for keyword in _UNIT_KEYWORDS.get(unit_kind, ()):
        for name in names:
            if keyword in name:
                return name
    return unit_kind


def _indicators_text(numbers: Sequence[int], names: Mapping[int, str]) -> str:
    parts = [f"ตัวชี้วัดที่ {n} {names[n]}" if n in names else f"ตัวชี้วัดที่ {n}" for n in numbers]
    if len(parts) <= 1:
        return "".join(parts)
    return " ".join(parts[:-1]) + " และ" + parts[-1]


def measure_from_catalogue(
    entry: CatalogueEntry,
    plan_year: int,
    framework: Framework,
    units: Sequence[str | Unit],
    indicator_names: Mapping[int, str] | None = None,
) -> Measure:
    """A new (unsaved) measure for ``plan_year`` from ``entry``.

    Indicators and themes are kept only where ``framework`` has them; the OIT codes come from
    :func:`oit_items_for`; the unit is the office's unit of the entry's kind; placeholders are
    filled with the indicator names (``indicator_names``, else the framework's).
    """
    names = (
        dict(indicator_names)
        if indicator_names is not None
        else {indicator.number: indicator.name_th for indicator in framework.indicators}
    )
    known_indicators = set(framework.indicator_numbers)
    indicators = tuple(n for n in entry.indicators if n in known_indicators)
    known_themes = {theme.number for theme in framework.themes}
    themes = tuple(n for n in entry.themes if n in known_themes)
    main = (indicators or entry.indicators)[0]
    values = {
        "indicator_name": names.get(main, f"ที่ {main}"),
        "indicators": _indicators_text(indicators or entry.indicators, names),
        "plan_year": str(plan_year),
    }

    def fill(text: str) -> str:
        return text.format_map(values)

    return Measure(
        plan_year=plan_year,
        title=entry.title_th,
        indicators=indicators,
        themes=themes,
        oit_items=oit_items_for(entry, framework),
        rationale=fill(entry.rationale_th),
        steps=tuple(fill(step) for step in entry.steps_th),
        timeline=entry.timeline.for_year(plan_year),
        unit=unit_for_kind(entry.unit_kind, units),
        follow_up=fill(entry.follow_up_th),
        reporting=fill(entry.reporting_th),
        catalogue_key=entry.key,
    )
