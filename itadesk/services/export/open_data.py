"""The bundle's open data: data.json and the CSV files (scores, items, analysis, measures).

Each kind of record is built once, as the dict data.json holds; the CSV of the same records is
a flattening of those dicts (lists joined, the timeline split into columns), so the two can
never say different things. Numbers are Decimals written with exactly two decimals; the CSV is
UTF-8 with a BOM (added by the writer) for Excel, and a cell Excel would run as a formula gets a
leading apostrophe. The shape of both is documented in docs/bundle-schema.md.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from itadesk import __version__
from itadesk.domain.analysis import FIELD_TITLES_TH, INDICATOR_FIELDS, SUMMARY
from itadesk.domain.measure_rules import timeline_bounds, timeline_label_th
from itadesk.domain.measures import Measure
from itadesk.domain.report import AnalysisReport
from itadesk.domain.scoring import fmt, round2
from itadesk.domain.validation import strip_bidi

DATA_FORMAT = "itadesk-bundle-data/1"
GENERATOR = f"ITADesk {__version__}"

Record = dict[str, Any]


class BundleStamp(Protocol):
    """What the data says of the bundle it belongs to (a BundleJob has both)."""

    created_at: datetime
    office: Mapping[str, str]


def _num(value: Decimal | None) -> Decimal | None:
    return None if value is None else round2(value)


def _change(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    return None if now is None or before is None else round2(now - before)


# --------------------------------------------------------------------------- records


def item_records(report: AnalysisReport) -> list[Record]:
    """The item scores the office has, in the framework's order."""
    target = report.target
    return [
        {
            "code": item.code,
            "indicator": item.indicator,
            "kind": item.kind,
            "text_th": item.text_th,
            "score": _num(report.item_scores[item.code]),
            "below_target": report.item_scores[item.code] < target,
        }
        for item in report.framework.items
        if item.code in report.item_scores
    ]


def analysis_records(report: AnalysisReport) -> list[Record]:
    """Every written section of the analysis: per indicator, then the summary."""
    records: list[Record] = []
    for indicator in report.framework.indicators:
        for field_name in INDICATOR_FIELDS:
            text = report.analysis.text(indicator.number, field_name)
            if text.strip():
                records.append(
                    {
                        "indicator": indicator.number,
                        "indicator_name_th": indicator.name_th,
                        "field": field_name,
                        "field_title_th": FIELD_TITLES_TH[field_name],
                        "text": text,
                    }
                )
    summary = report.analysis.text(None, SUMMARY)
    if summary.strip():
        records.append(
            {
                "indicator": None,
                "indicator_name_th": None,
                "field": SUMMARY,
                "field_title_th": FIELD_TITLES_TH[SUMMARY],
                "text": summary,
            }
        )
    return records


def _measure_record(order: int, measure: Measure) -> Record:
    try:
        start, end = timeline_bounds(measure.timeline, measure.plan_year)
        label = timeline_label_th(measure.timeline, measure.plan_year, thai_digits=False)
        dates: tuple[str | None, str | None] = (start.isoformat(), end.isoformat())
    except ValueError:
        label, dates = "", (None, None)
    return {
        "order": order,
        "plan_year": measure.plan_year,
        "title": measure.title.strip(),
        "indicators": list(measure.indicators),
        "themes": list(measure.themes),
        "oit_items": list(measure.oit_items),
        "rationale": measure.rationale,
        "steps": [s.strip() for s in measure.steps if s.strip()],
        "expected_outputs": list(measure.expected_outputs),
        "timeline": {
            "kind": measure.timeline.kind,
            "label_th": label,
            "start": dates[0],
            "end": dates[1],
        },
        "unit": measure.unit,
        "follow_up": measure.follow_up,
        "reporting": measure.reporting,
    }


def measure_records(report: AnalysisReport) -> list[Record]:
    """The measures that have a title, numbered from 1."""
    measures = (m for m in report.measures if m.title.strip())
    return [_measure_record(order, m) for order, m in enumerate(measures, start=1)]


# --------------------------------------------------------------------------- data.json


def bundle_data(
    report: AnalysisReport, job: BundleStamp, documents: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """data.json as a value (numbers are Decimals, written with two decimals)."""
    fw = report.framework
    result = report.result
    previous = report.previous_result
    prev_tools = previous.tool_scores if previous else {}
    target = report.target
    return {
        "format": DATA_FORMAT,
        "generator": GENERATOR,
        "created_at": job.created_at.isoformat(),
        "office": dict(job.office),
        "fiscal_year": report.fiscal_year,
        "plan_year": report.plan_year,
        "framework": {
            "fiscal_year": fw.fiscal_year,
            "target": _num(target),
            "rating_scheme": fw.rating.kind,
            "document_items": dict(fw.document_items),
        },
        "tools": [
            {
                "code": tool.code,
                "name_th": tool.name_th,
                "weight": _num(tool.weight),
                "indicators": list(tool.indicators),
                "score": _num(result.tool_scores.get(tool.code)),
                "previous_score": _num(prev_tools.get(tool.code)),
                "change": _change(result.tool_scores.get(tool.code), prev_tools.get(tool.code)),
            }
            for tool in fw.tools
        ],
        "indicators": [
            {
                "number": indicator.number,
                "name_th": indicator.name_th,
                "tool": indicator.tool,
                "score": _num(report.scores.get(indicator.number)),
                "previous_score": _num(report.previous_scores.get(indicator.number)),
                "change": _change(
                    report.scores.get(indicator.number),
                    report.previous_scores.get(indicator.number),
                ),
                "below_target": (
                    report.scores[indicator.number] < target
                    if indicator.number in report.scores
                    else None
                ),
            }
            for indicator in fw.indicators
        ],
        "result": {
            "complete": result.complete,
            "missing_indicators": list(result.missing_indicators),
            "total": _num(result.total),
            "previous_total": _num(previous.total) if previous else None,
            "change": _change(result.total, previous.total if previous else None),
            "official_total": _num(result.official_total),
            "rating": result.rating.label if result.rating else None,
            "rating_confirmed": result.rating.confirmed if result.rating else None,
            "previous_rating": previous.rating.label if previous and previous.rating else None,
            "explanation_th": result.explanation_th,
        },
        "items": item_records(report),
        "analysis": analysis_records(report),
        "measures": measure_records(report),
        "documents": list(documents),
    }


def dump_json(value: Any, level: int = 0) -> str:
    """JSON with every Decimal written as a number with exactly two decimals (96.20, not
    96.2); json.dumps cannot do that. Thai is written as is (UTF-8), indented by two."""
    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, float):
        raise TypeError("bundle data uses Decimal for numbers, not float")
    if isinstance(value, str):
        # No bidirectional controls in manifest.json or data.json (titles would read reversed).
        return json.dumps(strip_bidi(value), ensure_ascii=False)
    if value is None or isinstance(value, (bool, int)):
        return json.dumps(value, ensure_ascii=False)
    pad, end = "  " * (level + 1), "  " * level
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        members = [
            f"{pad}{json.dumps(str(k), ensure_ascii=False)}: {dump_json(v, level + 1)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(members) + f"\n{end}}}" + ("\n" if level == 0 else "")
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        members = [f"{pad}{dump_json(v, level + 1)}" for v in value]
        return "[\n" + ",\n".join(members) + f"\n{end}]" + ("\n" if level == 0 else "")
    raise TypeError(f"cannot write {type(value).__name__} to bundle JSON")


# --------------------------------------------------------------------------- CSV


def _cell(value: object) -> str:
    """A CSV cell. Text a spreadsheet would run as a formula (= + - @ at the start) gets a
    leading apostrophe: the CSV is public and opened in Excel. Numbers are written plain."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def _records_csv(records: Sequence[Record], header: Sequence[str]) -> str:
    """Records whose keys are the columns, in ``header`` order."""
    return _csv(header, [[record[column] for column in header] for record in records])


_SCORE_COLUMNS = (
    "row_type",
    "code",
    "name_th",
    "tool",
    "weight",
    "score",
    "previous_score",
    "change",
    "below_target",
    "rating",
    "previous_rating",
)
_ITEM_COLUMNS = ("code", "indicator", "kind", "text_th", "score", "below_target")
_ANALYSIS_COLUMNS = ("indicator", "indicator_name_th", "field", "field_title_th", "text")
_MEASURE_COLUMNS = (
    "order",
    "plan_year",
    "title",
    "indicators",
    "themes",
    "oit_items",
    "timeline_kind",
    "timeline_label_th",
    "start_date",
    "end_date",
    "unit",
    "steps",
    "expected_outputs",
    "rationale",
    "follow_up",
    "reporting",
)


def _score_rows(report: AnalysisReport) -> list[list[object]]:
    """scores.csv: a row per tool followed by its indicators, then the total (one table where
    data.json has three lists)."""
    fw = report.framework
    result = report.result
    previous = report.previous_result
    prev_tools = previous.tool_scores if previous else {}
    target = report.target
    rows: list[list[object]] = []
    for tool in fw.tools:
        now_tool, before_tool = result.tool_scores.get(tool.code), prev_tools.get(tool.code)
        rows.append(
            [
                "tool",
                tool.code,
                tool.name_th,
                tool.code,
                round2(tool.weight),
                now_tool,
                before_tool,
                _change(now_tool, before_tool),
                None,
                None,
                None,
            ]
        )
        for number in tool.indicators:
            now, before = report.scores.get(number), report.previous_scores.get(number)
            rows.append(
                [
                    "indicator",
                    number,
                    fw.indicator(number).name_th,
                    tool.code,
                    None,
                    _num(now),
                    _num(before),
                    _change(now, before),
                    None if now is None else now < target,
                    None,
                    None,
                ]
            )
    prev_total = previous.total if previous else None
    rows.append(
        [
            "total",
            None,
            "คะแนนรวม (ถ่วงน้ำหนัก)",
            None,
            None,
            result.total,
            prev_total,
            _change(result.total, prev_total),
            None,
            result.rating.label if result.rating else None,
            previous.rating.label if previous and previous.rating else None,
        ]
    )
    return rows


def _measure_row(record: Record) -> list[object]:
    """A measure record flattened for the spreadsheet."""
    timeline = record["timeline"]
    return [
        record["order"],
        record["plan_year"],
        record["title"],
        ";".join(str(n) for n in record["indicators"]),
        ";".join(str(n) for n in record["themes"]),
        ";".join(record["oit_items"]),
        timeline["kind"],
        timeline["label_th"],
        timeline["start"],
        timeline["end"],
        record["unit"],
        "\n".join(f"{n}) {s}" for n, s in enumerate(record["steps"], start=1)),
        "\n".join(record["expected_outputs"]),
        record["rationale"],
        record["follow_up"],
        record["reporting"],
    ]


def csv_files(report: AnalysisReport, fiscal_year: int) -> list[tuple[str, str, str]]:
    """(name, Thai title, text) of the CSV files."""
    files = [
        (
            "scores.csv",
            f"คะแนนรายตัวชี้วัด ปี พ.ศ. {fiscal_year} (CSV)",
            _csv(_SCORE_COLUMNS, _score_rows(report)),
        )
    ]
    items = item_records(report)
    if items:
        files.append(
            (
                "items.csv",
                f"คะแนนรายข้อ ปี พ.ศ. {fiscal_year} (CSV)",
                _records_csv(items, _ITEM_COLUMNS),
            )
        )
    files.append(
        (
            "analysis.csv",
            f"ผลการวิเคราะห์ ปี พ.ศ. {fiscal_year} (CSV)",
            _records_csv(analysis_records(report), _ANALYSIS_COLUMNS),
        )
    )
    files.append(
        (
            "measures.csv",
            f"มาตรการ ปี พ.ศ. {report.plan_year} (CSV)",
            _csv(_MEASURE_COLUMNS, [_measure_row(r) for r in measure_records(report)]),
        )
    )
    return files
