"""Buddhist-era years, the Thai fiscal year, quarters, reporting rounds and Thai dates.

FY N (BE) runs from 1 October of N-1 to 30 September of N; quarter 1 is October–December
(ita-guide.md §6). Dates are stored as ``datetime.date``; these helpers format and parse the
way Thai offices write them. Output uses Arabic digits unless ``thai_digits`` is set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from itadesk.domain.thai_text import to_arabic_digits, to_thai_digits

BE_OFFSET = 543
MIN_BE_YEAR = 2400
MAX_BE_YEAR = 2700

THAI_MONTHS_FULL: tuple[str, ...] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_ABBR: tuple[str, ...] = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

DATE_STYLES = ("full", "abbr", "abbr_full_year", "numeric")
_EN_DASH_SEPARATOR = " \u2013 "

# Month names are looked up without dots and spaces, so "ม.ค.", "ม.ค" and "ม. ค." all match.
_MONTH_BY_KEY: dict[str, int] = {
    re.sub(r"[.\s]", "", name): number
    for names in (THAI_MONTHS_FULL, THAI_MONTHS_ABBR)
    for number, name in enumerate(names, start=1)
}
_ERA_RE = re.compile(r"พ\.\s*ศ\.?")
_ISO_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_SLASH_RE = re.compile(r"([0-9]{1,2})\s*/\s*([0-9]{1,2})\s*/\s*([0-9]{4}|[0-9]{2})")
_TEXT_DATE_RE = re.compile(r"([0-9]{1,2})\s*([^0-9\s][^0-9]*?)\s*([0-9]{4}|[0-9]{2})")
_MONTH_YEAR_RE = re.compile(r"([^0-9\s][^0-9]*?)\s*([0-9]{4}|[0-9]{2})")


def be_year(ce_year: int) -> int:
    """Buddhist-era year of a Common-Era year (2026 → 2569)."""
    return ce_year + BE_OFFSET


def ce_year(be_year: int) -> int:
    """Common-Era year of a Buddhist-era year (2569 → 2026)."""
    return be_year - BE_OFFSET


def fiscal_year_of(d: date) -> int:
    """BE fiscal year containing ``d`` (1 Oct 2025 → 2569)."""
    return be_year(d.year) + (1 if d.month >= 10 else 0)


def fiscal_year_bounds(fy_be: int) -> tuple[date, date]:
    """First and last day of fiscal year ``fy_be``: 1 October of the year before to 30 September."""
    year = ce_year(fy_be)
    return date(year - 1, 10, 1), date(year, 9, 30)


def fiscal_quarter_of(d: date) -> int:
    """Fiscal quarter 1..4 of ``d``; quarter 1 is October–December."""
    return (d.month - 10) % 12 // 3 + 1


def quarter_bounds(fy_be: int, quarter: int) -> tuple[date, date]:
    """First and last day of ``quarter`` (1..4) of fiscal year ``fy_be``."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1..4, got {quarter!r}")
    first_month = (quarter * 3 + 6) % 12 + 1  # 1 → 10, 2 → 1, 3 → 4, 4 → 7
    year = ce_year(fy_be) - (1 if quarter == 1 else 0)
    last_month = first_month + 2
    last_day = 31 if last_month in (3, 12) else 30  # quarters end in Dec, Mar, Jun or Sep
    return date(year, first_month, 1), date(year, last_month, last_day)


@dataclass(frozen=True)
class ReportingRound:
    """A reporting round of a fiscal year: the first 6 months or the whole 12."""

    fiscal_year: int
    months: int
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.months not in (6, 12):
            raise ValueError(f"a reporting round lasts 6 or 12 months, not {self.months!r}")
        if self.end < self.start:
            raise ValueError("a reporting round cannot end before it starts")

    @property
    def label_th(self) -> str:
        """E.g. "รอบ 6 เดือน (1 ตุลาคม 2567 – 31 มีนาคม 2568)", in Arabic digits."""
        return f"รอบ {self.months} เดือน ({format_date_range(self.start, self.end)})"


@dataclass(frozen=True, order=True)
class AssessmentCycle:
    """One turn of the ITA year, named by the assessed year: the scores and analysis of
    ``assessed_year`` lead to the measures carried out in ``plan_year`` (the next fiscal year),
    tracked through its 6- and 12-month rounds. Pages take their year from here, so none
    computes ``year ± 1`` by itself."""

    assessed_year: int

    @property
    def plan_year(self) -> int:
        return self.assessed_year + 1

    @property
    def previous_year(self) -> int:
        return self.assessed_year - 1

    @property
    def label_th(self) -> str:
        """ "ผลการประเมินปี 2568 → มาตรการปี 2569" (Arabic digits: it names a choice in the UI)."""
        return f"ผลการประเมินปี {self.assessed_year} \u2192 มาตรการปี {self.plan_year}"

    @classmethod
    def of_plan_year(cls, plan_year: int) -> AssessmentCycle:
        return cls(plan_year - 1)


def reporting_round(fy_be: int, months: int) -> ReportingRound:
    """The 6-month (1 Oct–31 Mar) or 12-month (whole year) round of fiscal year ``fy_be``."""
    if months not in (6, 12):
        raise ValueError(f"a reporting round lasts 6 or 12 months, not {months!r}")
    start, end = fiscal_year_bounds(fy_be)
    if months == 6:
        end = date(ce_year(fy_be), 3, 31)
    return ReportingRound(fiscal_year=fy_be, months=months, start=start, end=end)


def _digits(text: str, thai_digits: bool) -> str:
    return to_thai_digits(text) if thai_digits else text


def format_thai_date(d: date, style: str = "full", thai_digits: bool = False) -> str:
    """Thai date: "full" 7 มกราคม 2569, "abbr" 7 ม.ค. 69, "abbr_full_year" 7 ม.ค. 2569,
    "numeric" 07/01/2569."""
    year = be_year(d.year)
    if style == "full":
        text = f"{d.day} {THAI_MONTHS_FULL[d.month - 1]} {year}"
    elif style == "abbr":
        # Offices write the abbreviated form with a two-digit BE year.
        text = f"{d.day} {THAI_MONTHS_ABBR[d.month - 1]} {year % 100:02d}"
    elif style == "abbr_full_year":
        text = f"{d.day} {THAI_MONTHS_ABBR[d.month - 1]} {year}"
    elif style == "numeric":
        text = f"{d.day:02d}/{d.month:02d}/{year}"
    else:
        raise ValueError(f"unknown date style {style!r}; expected one of {DATE_STYLES}")
    return _digits(text, thai_digits)


def format_month_year(
    year_be: int, month: int, style: str = "full", thai_digits: bool = False
) -> str:
    """Month and BE year: "full" ตุลาคม 2568, "abbr" ต.ค. 68."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month!r}")
    if style == "full":
        text = f"{THAI_MONTHS_FULL[month - 1]} {year_be}"
    elif style == "abbr":
        text = f"{THAI_MONTHS_ABBR[month - 1]} {year_be % 100:02d}"
    else:
        raise ValueError(f"unknown month style {style!r}; expected 'full' or 'abbr'")
    return _digits(text, thai_digits)


def format_date_range(start: date, end: date, thai_digits: bool = False) -> str:
    """Full Thai dates joined by a spaced en dash: "1 ตุลาคม 2567 – 30 กันยายน 2568"."""
    if end < start:
        raise ValueError("a date range cannot end before it starts")
    return (
        format_thai_date(start, "full", thai_digits)
        + _EN_DASH_SEPARATOR
        + format_thai_date(end, "full", thai_digits)
    )


def fiscal_year_label(fy_be: int, thai_digits: bool = False) -> str:
    """Heading such as "ปีงบประมาณ พ.ศ. 2569"."""
    return _digits(f"ปีงบประมาณ พ.ศ. {fy_be}", thai_digits)


def _normalize_date_text(text: str) -> str:
    # Arabic digits, single spaces, no era marker: "พ.ศ. ๒๕๖๙" and "2569" read the same.
    text = _ERA_RE.sub(" ", to_arabic_digits(text))
    return " ".join(text.split())


def _be_from_digits(digits: str) -> int:
    # Two-digit years are BE as offices write them: 69 → 2569.
    year = int(digits) + (2500 if len(digits) == 2 else 0)
    if not MIN_BE_YEAR <= year <= MAX_BE_YEAR:
        raise ValueError(f"year {year} is outside {MIN_BE_YEAR}–{MAX_BE_YEAR} BE")
    return year


def _month_from_name(name: str) -> int:
    month = _MONTH_BY_KEY.get(re.sub(r"[.\s]", "", name))
    if month is None:
        raise ValueError(f"unknown month name {name!r}")
    return month


def _make_date(year_be: int, month: int, day: int, original: str) -> date:
    try:
        return date(ce_year(year_be), month, day)
    except ValueError:
        raise ValueError(f"no such date: {original!r}") from None


def parse_thai_date(text: str) -> date:
    """Parse a date as Thai offices write it, in Thai or Arabic digits.

    Accepts "7 มกราคม 2569", "7 ม.ค. 69", "7 ม.ค 69", "7 ม.ค. 2569", optional "วันที่" and
    "พ.ศ.", ISO "2026-01-07" (CE) and "7/1/2569" (day/month/BE year). Two-digit years are BE.
    Raises ValueError for unknown months, impossible dates and years outside 2400–2700 BE.
    """
    normalized = _normalize_date_text(text)
    if normalized.startswith("วันที่"):
        normalized = normalized.removeprefix("วันที่").lstrip()

    iso = _ISO_RE.fullmatch(normalized)
    if iso is not None:
        year_be = be_year(int(iso.group(1)))
        if not MIN_BE_YEAR <= year_be <= MAX_BE_YEAR:
            raise ValueError(f"year {year_be} is outside {MIN_BE_YEAR}–{MAX_BE_YEAR} BE")
        return _make_date(year_be, int(iso.group(2)), int(iso.group(3)), text)

    slash = _SLASH_RE.fullmatch(normalized)
    if slash is not None:
        year_be = _be_from_digits(slash.group(3))
        return _make_date(year_be, int(slash.group(2)), int(slash.group(1)), text)

    named = _TEXT_DATE_RE.fullmatch(normalized)
    if named is None:
        raise ValueError(f"not a date: {text!r}")
    month = _month_from_name(named.group(2))
    year_be = _be_from_digits(named.group(3))
    return _make_date(year_be, month, int(named.group(1)), text)


def parse_month_year(text: str) -> tuple[int, int]:
    """Parse "ต.ค. 68", "ต.ค 68", "ตุลาคม 2568" or "เดือนตุลาคม พ.ศ. ๒๕๖๘" → (BE year, month)."""
    normalized = _normalize_date_text(text)
    if normalized.startswith("เดือน"):
        normalized = normalized.removeprefix("เดือน").lstrip()
    match = _MONTH_YEAR_RE.fullmatch(normalized)
    if match is None:
        raise ValueError(f"not a month and year: {text!r}")
    return _be_from_digits(match.group(2)), _month_from_name(match.group(1))
