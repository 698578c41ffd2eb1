"""A round report frozen as plain JSON-able content, and read back unchanged."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from itadesk.domain.measures import Measure
from itadesk.domain.tracking import (
    MeasureResult,
)
from itadesk.domain.tracking_rules.common import ItemsByMeasure
from itadesk.domain.tracking_rules.progress import Progress
from itadesk.domain.tracking_rules.rounds import (
    RoundEvidence,
    RoundItem,
    RoundMeasure,
    RoundReport,
    round_report,
)

SNAPSHOT_FORMAT = "itadesk-round-report/1"


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _progress_data(progress: Progress) -> dict[str, int]:
    return {
        "done": progress.done,
        "cannot": progress.cannot,
        "in_progress": progress.in_progress,
        "total": progress.total,
    }


def report_content(report: RoundReport) -> dict[str, Any]:
    """``report`` as plain JSON-able data: str, int, None, lists and dicts; dates as ISO text."""
    return {
        "format": SNAPSHOT_FORMAT,
        "plan_year": report.plan_year,
        "months": report.months,
        "start": _iso(report.start),
        "end": _iso(report.end),
        "as_of": _iso(report.as_of),
        "measures": [
            {
                "id": measure.id,
                "title": measure.title,
                "indicators": list(measure.indicators),
                "themes": list(measure.themes),
                "timeline": {
                    "kind": measure.timeline_kind,
                    "label": measure.timeline_label,
                    "start": _iso(measure.timeline_start),
                    "end": _iso(measure.timeline_end),
                },
                "unit": measure.unit,
                "follow_up": measure.follow_up,
                "reporting": measure.reporting,
                "items": [
                    {
                        "id": item.id,
                        "kind": item.kind,
                        "text": item.text,
                        "position": item.position,
                        "state": item.state,
                        "done_date": _iso(item.done_date),
                        "note": item.note,
                        "reason": item.reason,
                        "evidence": [
                            {"kind": e.kind, "label": e.label, "value": e.value}
                            for e in item.evidence
                        ],
                    }
                    for item in measure.items
                ],
                "outputs": measure.outputs,
                "outcomes": measure.outcomes,
                "progress": _progress_data(measure.progress),
            }
            for measure in report.measures
        ],
        "overall": _progress_data(report.overall),
        "themes": [
            {"number": number, "progress": _progress_data(progress)}
            for number, progress in report.themes
        ],
    }


def snapshot_content(
    plan_year: int,
    months: int,
    measures: Sequence[Measure],
    items_by_measure: ItemsByMeasure,
    results_by_measure: Mapping[int, MeasureResult],
    today: date,
) -> dict[str, Any]:
    """The round's report as of its end, frozen as plain JSON-able data for ``RoundSnapshot``."""
    return report_content(
        round_report(plan_year, months, measures, items_by_measure, results_by_measure, today)
    )


def _date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _required_date(value: Any) -> date:
    parsed = _date(value)
    if parsed is None:
        raise ValueError("a round snapshot is missing a required date")
    return parsed


def _progress_from(data: Mapping[str, Any]) -> Progress:
    return Progress(
        done=int(data["done"]),
        cannot=int(data["cannot"]),
        in_progress=int(data["in_progress"]),
        total=int(data["total"]),
    )


def _measure_from(data: Mapping[str, Any]) -> RoundMeasure:
    timeline = data["timeline"]
    return RoundMeasure(
        id=data["id"],
        title=data["title"],
        indicators=tuple(data["indicators"]),
        themes=tuple(data["themes"]),
        timeline_kind=timeline["kind"],
        timeline_label=timeline["label"],
        timeline_start=_date(timeline["start"]),
        timeline_end=_date(timeline["end"]),
        unit=data["unit"],
        follow_up=data["follow_up"],
        reporting=data["reporting"],
        items=tuple(
            RoundItem(
                kind=item["kind"],
                text=item["text"],
                position=item["position"],
                state=item["state"],
                done_date=_date(item["done_date"]),
                note=item["note"],
                reason=item["reason"],
                evidence=tuple(
                    RoundEvidence(e["kind"], e["label"], e["value"]) for e in item["evidence"]
                ),
                id=item["id"],
            )
            for item in data["items"]
        ),
        outputs=data["outputs"],
        outcomes=data["outcomes"],
        progress=_progress_from(data["progress"]),
    )


def snapshot_from_content(content: Mapping[str, Any]) -> RoundReport:
    """The ``RoundReport`` a stored snapshot froze; progress is read as stored, never recounted.

    Raises ValueError if ``content`` is not a round snapshot of a format this version reads.
    """
    if not isinstance(content, Mapping) or content.get("format") != SNAPSHOT_FORMAT:
        found = content.get("format") if isinstance(content, Mapping) else type(content).__name__
        raise ValueError(f"not a round snapshot of format {SNAPSHOT_FORMAT!r} (got {found!r})")
    try:
        return RoundReport(
            plan_year=int(content["plan_year"]),
            months=int(content["months"]),
            start=_required_date(content["start"]),
            end=_required_date(content["end"]),
            as_of=_required_date(content["as_of"]),
            measures=tuple(_measure_from(measure) for measure in content["measures"]),
            overall=_progress_from(content["overall"]),
            themes=tuple(
                (int(theme["number"]), _progress_from(theme["progress"]))
                for theme in content["themes"]
            ),
        )
    except (KeyError, TypeError) as error:
        raise ValueError(f"damaged round snapshot: {error!r}") from error
