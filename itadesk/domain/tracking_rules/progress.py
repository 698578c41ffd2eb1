"""Progress arithmetic: per measure, per theme (ประเด็น) and overall."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from itadesk.domain.frameworks import Framework
from itadesk.domain.measures import Measure
from itadesk.domain.tracking import (
    CheckItem,
    TrackingState,
)
from itadesk.domain.tracking_rules.common import (
    NO_THEME,
    NO_THEME_LABEL_TH,
    ItemsByMeasure,
    items_of,
)


@dataclass(frozen=True)
class Progress:
    """Counts of check items by state. Items that cannot be done leave the denominator."""

    done: int
    cannot: int
    in_progress: int
    total: int

    @property
    def not_started(self) -> int:
        return self.total - self.done - self.cannot - self.in_progress

    @property
    def fraction(self) -> float:
        """done ÷ (total − cannot); 1.0 when everything left was declared impossible, 0.0 when
        there are no items at all (nothing was planned, so nothing is achieved)."""
        if self.total == 0:
            return 0.0
        to_do = self.total - self.cannot
        return 1.0 if to_do <= 0 else self.done / to_do

    @property
    def percent(self) -> int:
        """``fraction`` as a whole percentage, rounded half up (exact integer arithmetic)."""
        if self.total == 0:
            return 0
        to_do = self.total - self.cannot
        if to_do <= 0:
            return 100
        return (200 * self.done + to_do) // (2 * to_do)

    def __add__(self, other: Progress) -> Progress:
        return Progress(
            done=self.done + other.done,
            cannot=self.cannot + other.cannot,
            in_progress=self.in_progress + other.in_progress,
            total=self.total + other.total,
        )


EMPTY_PROGRESS = Progress(0, 0, 0, 0)


def measure_progress(items: Iterable[CheckItem]) -> Progress:
    """Progress of one measure's check items (steps and outputs alike)."""
    done = cannot = in_progress = total = 0
    for item in items:
        total += 1
        if item.state == TrackingState.DONE:
            done += 1
        elif item.state == TrackingState.CANNOT:
            cannot += 1
        elif item.state == TrackingState.IN_PROGRESS:
            in_progress += 1
    return Progress(done=done, cannot=cannot, in_progress=in_progress, total=total)


def _theme_order(numbers: Iterable[int], framework: Framework | None) -> list[int]:
    # The framework's theme order first, then numbers it does not know, "no theme" last.
    known = [theme.number for theme in framework.themes] if framework is not None else []
    present = set(numbers)
    ordered = [number for number in known if number in present]
    extra = sorted(number for number in present if number not in known and number != NO_THEME)
    return ordered + extra + ([NO_THEME] if NO_THEME in present else [])


def _theme_progress_of(
    progress_by_measure: Sequence[tuple[tuple[int, ...], Progress]],
    framework: Framework | None,
) -> dict[int, Progress]:
    sums: dict[int, Progress] = {}
    for themes, progress in progress_by_measure:
        # dict.fromkeys drops a theme listed twice, so a measure counts once per theme.
        for number in dict.fromkeys(themes or (NO_THEME,)):
            sums[number] = sums.get(number, EMPTY_PROGRESS) + progress
    return {number: sums[number] for number in _theme_order(sums, framework)}


def theme_progress(
    measures: Sequence[Measure],
    items_by_measure: ItemsByMeasure,
    framework: Framework | None = None,
) -> dict[int, Progress]:
    """Progress per theme number. A measure counts in full for every theme it lists; measures
    with no theme count under :data:`NO_THEME` (0, "ไม่ระบุประเด็น"). Only themes that some
    measure lists appear, in the framework's order, then unknown numbers, then theme 0."""
    return _theme_progress_of(
        [
            (measure.themes, measure_progress(items_of(measure, items_by_measure)))
            for measure in measures
        ],
        framework,
    )


def theme_label_th(number: int, framework: Framework | None = None) -> str:
    """The theme's name from ``framework``, "ประเด็นที่ N" without one, or "ไม่ระบุประเด็น"."""
    if number == NO_THEME:
        return NO_THEME_LABEL_TH
    if framework is not None:
        for theme in framework.themes:
            if theme.number == number:
                return theme.name_th
    return f"ประเด็นที่ {number}"


def overall_progress(items_by_measure: ItemsByMeasure) -> Progress:
    """Progress over every check item of every measure (each item counted once)."""
    total = EMPTY_PROGRESS
    for items in items_by_measure.values():
        total = total + measure_progress(items)
    return total
