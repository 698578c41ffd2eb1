"""The web bundle: one action turns a year's work into a folder or ZIP ready to upload to the
office website (index.html, the PDFs per OIT item, open data as JSON and CSV, manifest.json).

Two phases, because the database belongs to the thread that opened it:
:func:`prepare_bundle` reads everything now (fast) and returns a :class:`BundleJob`;
``BundleJob.run(progress)`` renders and writes, touching no database, so the GUI can run it on a
worker thread. :func:`export_bundle` does both.

Atomicity: everything is built in a hidden staging folder next to the target. A folder target
is then renamed into place (an existing earlier bundle is renamed aside first and deleted
after); a ZIP is written to a temporary file and ``os.replace``d. A per-target lock file
(``<target>.lock``) keeps two exports apart and lets the next export safely remove what a killed
one left behind (and put an earlier bundle back if the kill fell between the two renames).
The schema of data.json, the CSV files and manifest.json is in docs/bundle-schema.md.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import errno
import hashlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
import unicodedata
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itadesk import __version__
from itadesk.domain.analysis import FIELD_TITLES_TH, INDICATOR_FIELDS, SUMMARY
from itadesk.domain.documents import DocumentKind, document_info
from itadesk.domain.frameworks import ITEM_CODE_PATTERN, Framework
from itadesk.domain.measure_rules import timeline_bounds, timeline_label_th
from itadesk.domain.report import AnalysisReport
from itadesk.domain.scoring import fmt, round2
from itadesk.errors import StorageError, UserError, os_error_th
from itadesk.services.documents import PreparedDocument

if TYPE_CHECKING:
    from itadesk.services import Services

BUNDLE_FORMAT = "itadesk-bundle/1"
DATA_FORMAT = "itadesk-bundle-data/1"
GENERATOR = f"ITADesk {__version__}"
MANIFEST = "manifest.json"
INDEX = "index.html"
DATA_JSON = "data.json"

KIND_MEASURES = "measures"
KIND_RESULTS = "results"
FOLDER_KINDS = (KIND_MEASURES, KIND_RESULTS)
KIND_TITLES_TH = {
    KIND_MEASURES: "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    KIND_RESULTS: "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
}
ROUNDS = (12, 6)  # the latest saved round of the measures' results wins
# Generated documents of each folder kind, in the order the page lists them.
FOLDER_DOCUMENTS: Mapping[str, tuple[DocumentKind, ...]] = {
    KIND_MEASURES: (DocumentKind.REPORT, DocumentKind.MEMO, DocumentKind.PUBLISH_MEMO),
    KIND_RESULTS: (DocumentKind.RESULTS, DocumentKind.RESULTS_MEMO),
}
# --add keys that put a scan *in place of* a generated document (a folder key puts it beside).
REPLACE_KEYS: Mapping[str, DocumentKind] = {
    "report": DocumentKind.REPORT,
    "memo": DocumentKind.MEMO,
    "publish-memo": DocumentKind.PUBLISH_MEMO,
    "results-report": DocumentKind.RESULTS,
    "results-memo": DocumentKind.RESULTS_MEMO,
}
# Files a clerk may add. Web pages, SVG and programs are refused: the bundle goes on a public
# website and must not carry script.
EXTRA_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".doc", ".docx", ".xls")
EXTRA_SUFFIXES += (".xlsx", ".odt", ".ods")
# Files an operating system drops into folders; they do not make a folder "someone else's".
OS_JUNK = frozenset({"Thumbs.db", "desktop.ini", ".DS_Store"})

INVARIANT_CREATED_AT = datetime(2000, 1, 1, tzinfo=UTC)
STAGING_SUFFIX = ".itadesk-partial"
ASIDE_SUFFIX = ".itadesk-old"
ZIP_TEMP_SUFFIX = ".itadesk-zip"
# Tests only: a file path; after the first PDF the export creates it and sleeps, so a test can
# kill the process in the middle of an export.
PAUSE_ENV = "ITADESK_TEST_EXPORT_PAUSE"

Progress = Callable[[int, int], None]


# --------------------------------------------------------------------------- plan


@dataclass(frozen=True)
class BundleFile:
    """One file of the bundle, as manifest.json and data.json describe it."""

    path: str  # POSIX path inside the bundle, ASCII only
    title_th: str
    kind: str  # report | memo | publish-memo | results | scan | attachment | index | data
    folder: str | None  # the OIT item / kind folder; None for top-level files
    source: str  # "generated" or "added" (by the clerk)


@dataclass(frozen=True)
class BundleFolder:
    name: str  # "O42", or the kind ("measures") when the year's item code is unknown
    kind: str  # measures | results
    item_code: str | None
    title_th: str


@dataclass(frozen=True)
class _Step:
    file: BundleFile
    write: Callable[[Path, Path], None]  # (destination, staging root)
    pdf: bool = False


@dataclass
class BundleJob:
    """Everything read from the database; ``run`` renders and writes without touching it."""

    target: Path
    as_zip: bool
    fiscal_year: int
    created_at: datetime
    invariant: bool
    office: Mapping[str, str]
    folders: tuple[BundleFolder, ...]
    steps: list[_Step]
    skipped: list[dict[str, str]] = field(default_factory=list)
    warnings_th: list[str] = field(default_factory=list)

    @property
    def files(self) -> tuple[BundleFile, ...]:
        return tuple(step.file for step in self.steps)

    def run(self, progress: Progress | None = None) -> Path:
        """Build the bundle and put it in place atomically; returns the target."""
        return _run(self, progress)


def _ascii_slug(text: str) -> str:
    """Lower-case ASCII letters, digits and single dashes ("" when nothing is left)."""
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", flat.lower()).strip("-")[:60].strip("-")


def _safe_file_name(name: str, fallback: str) -> str:
    """An ASCII-safe file name that keeps its extension."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    slug = _ascii_slug(stem) or fallback
    ext = _ascii_slug(suffix)
    return f"{slug}.{ext}" if ext else slug


def _folder_of(framework: Framework, kind: str) -> BundleFolder:
    code = framework.document_items.get(kind)
    title = KIND_TITLES_TH[kind]
    if code and ITEM_CODE_PATTERN.match(code):
        with contextlib.suppress(KeyError):
            title = framework.item(code).text_th or title
        return BundleFolder(name=code, kind=kind, item_code=code, title_th=title)
    # Never invent a code: a year whose numbering is unknown gets folders named by kind.
    return BundleFolder(name=kind, kind=kind, item_code=None, title_th=title)


def _unknown_code_note(fiscal_year: int) -> str:
    return (
        f"ยังไม่ทราบเลขข้อ OIT ของเอกสารนี้ในปีงบประมาณ {fiscal_year} จึงตั้งชื่อโฟลเดอร์ตามชนิดเอกสาร "
        "— ตรวจเลขข้อกับคู่มือการประเมินของสำนักงาน ป.ป.ช. ก่อนนำขึ้นเว็บไซต์"
    )


def _allowed_keys(folders: Mapping[str, BundleFolder]) -> str:
    names = sorted({f.name for f in folders.values()} | set(FOLDER_KINDS))
    return ", ".join(names) + " หรือ " + ", ".join(REPLACE_KEYS)


def prepare_bundle(
    services: Services,
    fiscal_year: int,
    target: Path,
    *,
    extra_files: Sequence[tuple[str, Path]] = (),
    invariant: bool = False,
) -> BundleJob:
    """Read what the bundle needs (on the database's thread); checks the target and the added
    files first, so a mistake is reported before anything is rendered."""
    target = Path(target).absolute()
    as_zip = target.suffix.lower() == ".zip"
    _check_parent(target)
    _check_target(target, as_zip)
    documents = services.documents
    report = documents.build_report(fiscal_year)
    framework = report.framework
    office = services.repository.get_office()
    created_at = INVARIANT_CREATED_AT if invariant else datetime.now().astimezone()
    folders = {kind: _folder_of(framework, kind) for kind in FOLDER_KINDS}
    job = BundleJob(
        target=target,
        as_zip=as_zip,
        fiscal_year=fiscal_year,
        created_at=created_at.replace(microsecond=0),
        invariant=invariant,
        office={
            "name": office.name,
            "full_name": office.full_name or office.name,
            "kind": office.kind,
            "district": office.district,
            "province": office.province,
        },
        folders=(),
        steps=[],
    )
    job.warnings_th += documents.preflight(fiscal_year)
    for kind, code in framework.document_items.items():
        if kind in FOLDER_KINDS and not ITEM_CODE_PATTERN.match(code):
            job.warnings_th.append(
                f"กรอบการประเมินปี {fiscal_year} ระบุข้อ OIT ของ{KIND_TITLES_TH[kind]}เป็น “{code}” "
                "ซึ่งไม่ใช่รหัสข้อ OIT จึงตั้งชื่อโฟลเดอร์ตามชนิดเอกสารแทน"
            )

    # Added files: where they go, and which generated documents they replace.
    replaced: dict[DocumentKind, Path] = {}
    beside: list[tuple[BundleFolder, Path]] = []
    by_name = {folder.name.lower(): folder for folder in folders.values()}
    by_name |= {kind: folders[kind] for kind in FOLDER_KINDS}
    for key, source in extra_files:
        source = Path(source)
        clean = key.strip().lower()
        _check_extra(key, source)
        if clean in REPLACE_KEYS:
            document = REPLACE_KEYS[clean]
            if document in replaced:
                raise UserError(f"เพิ่มไฟล์แทน “{key}” ได้ครั้งเดียว — เลือกไฟล์เดียวสำหรับเอกสารนี้")
            replaced[document] = source
        elif clean in by_name:
            beside.append((by_name[clean], source))
        else:
            raise UserError(
                f"ปลายทางของไฟล์ที่เพิ่ม “{key}” ไม่รู้จัก — ใช้ชื่อโฟลเดอร์เพื่อวางไฟล์ไว้ข้างเอกสารที่สร้าง "
                f"หรือชื่อเอกสารเพื่อใช้ไฟล์แทนเอกสารนั้น: {_allowed_keys(folders)}"
            )

    steps: list[_Step] = []
    used: set[str] = set()

    def unique(folder: str | None, name: str) -> str:
        stem, dot, suffix = name.rpartition(".")
        stem, suffix = (stem, f".{suffix}") if dot else (name, "")
        path = f"{folder}/{name}" if folder else name
        number = 2
        while path.lower() in used:
            path = f"{folder}/{stem}-{number}{suffix}" if folder else f"{stem}-{number}{suffix}"
            number += 1
        used.add(path.lower())
        return path

    used_folders: list[BundleFolder] = []
    results_round = _results_round(services, fiscal_year + 1, job)
    for kind in FOLDER_KINDS:
        folder = folders[kind]
        folder_steps: list[_Step] = []
        for document in FOLDER_DOCUMENTS[kind]:
            prepared = _prepare_document(
                services, document, fiscal_year, invariant, results_round, job
            )
            title = prepared.title_th if prepared else _document_title(document)
            # the results documents are named by the year the measures were carried out
            year = fiscal_year + 1 if kind == KIND_RESULTS else fiscal_year
            generated_name = (
                _safe_file_name(prepared.suggested_file_name, f"ita-{year}-{document}")
                if prepared
                else f"ita-{year}-{document}.pdf"
            )
            if document in replaced:
                source = replaced.pop(document)
                stem = generated_name.rsplit(".", 1)[0]
                name = f"{stem}-signed{source.suffix.lower()}"
                folder_steps.append(
                    _Step(
                        BundleFile(
                            unique(folder.name, name),
                            f"{title} (ฉบับลงนาม)",
                            "scan",
                            folder.name,
                            "added",
                        ),
                        _copier(source),
                    )
                )
            elif prepared is not None:
                folder_steps.append(
                    _Step(
                        BundleFile(
                            unique(folder.name, generated_name),
                            title,
                            document,
                            folder.name,
                            "generated",
                        ),
                        _renderer(prepared),
                        pdf=True,
                    )
                )
        for number, (target_folder, source) in enumerate(beside, start=1):
            if target_folder.kind != kind:
                continue
            fallback = f"ita-{fiscal_year}-{kind}-attachment-{number}"
            name = _safe_file_name(source.name, fallback)
            if len(name.rsplit(".", 1)[0]) < 3:
                name = f"{fallback}{source.suffix.lower()}"
            folder_steps.append(
                _Step(
                    BundleFile(
                        unique(folder.name, name),
                        source.stem.strip() or name,
                        "attachment",
                        folder.name,
                        "added",
                    ),
                    _copier(source),
                )
            )
        if folder_steps:
            used_folders.append(folder)
            steps += folder_steps
            note = _unknown_code_note(fiscal_year)
            if folder.item_code is None and note not in job.warnings_th:
                job.warnings_th.append(note)
    job.folders = tuple(used_folders)

    # Open data, then the page (it lists every file above with its size), last.
    data_files = _data_files(report, fiscal_year)
    for name, title, text in data_files:
        steps.append(
            _Step(
                BundleFile(unique(None, name), title, "data", None, "generated"),
                _text_writer(text, bom=name.endswith(".csv")),
            )
        )
    documents_meta = [
        {
            "path": step.file.path,
            "title_th": step.file.title_th,
            "kind": step.file.kind,
            "folder": step.file.folder,
            "item_code": next(
                (f.item_code for f in job.folders if f.name == step.file.folder), None
            ),
            "source": step.file.source,
        }
        for step in steps
        if step.file.folder is not None
    ]
    data = bundle_data(report, job, documents_meta)
    steps.insert(
        len(steps) - len(data_files),
        _Step(
            BundleFile(unique(None, DATA_JSON), "ข้อมูลทั้งหมดในรูปแบบ JSON", "data", None, "generated"),
            _text_writer(dump_json(data)),
        ),
    )
    steps.append(
        _Step(
            BundleFile(unique(None, INDEX), "หน้าเว็บสรุปผล", "index", None, "generated"),
            _index_writer(report, job, steps_snapshot=list(steps)),
        )
    )
    job.steps = steps
    return job


def _document_title(document: DocumentKind) -> str:
    return document_info(document).title_th


def _results_round(services: Services, plan_year: int, job: BundleJob) -> int | None:
    """The round (12 or 6 months) whose results of the ``plan_year`` measures the clerk has
    saved, or None. Results from live data that nobody has reported yet do not belong on a
    public website, so without a saved round the results documents are left out."""
    tracking = getattr(services, "tracking", None)
    if tracking is not None:
        for months in ROUNDS:
            if tracking.latest_snapshot(plan_year, months) is not None:
                return months
    reason = (
        f"ยังไม่ได้บันทึกรอบรายงานผลการดำเนินการตามมาตรการของปีงบประมาณ {plan_year} "
        "(รอบ 6 หรือ 12 เดือน) — บันทึกรอบที่หน้าติดตามผลก่อน หากต้องการใส่รายงานผลในชุดไฟล์"
    )
    job.skipped.append({"kind": DocumentKind.RESULTS.value, "reason_th": reason})
    job.warnings_th.append(f"ไม่ได้ใส่{_document_title(DocumentKind.RESULTS)}: {reason}")
    return None


def _prepare_document(
    services: Services,
    document: DocumentKind,
    fiscal_year: int,
    invariant: bool,
    results_round: int | None,
    job: BundleJob,
) -> PreparedDocument | None:
    if not document_info(document).per_round:
        return services.documents.prepare(document, fiscal_year, invariant=invariant)
    if results_round is None:
        return None
    try:
        # The results are of the measures in this bundle: those of the plan year.
        return services.documents.prepare(
            document, fiscal_year + 1, invariant=invariant, round_months=results_round
        )
    except UserError as error:
        job.skipped.append({"kind": document, "reason_th": error.message})
        job.warnings_th.append(f"ไม่ได้ใส่{_document_title(document)}: {error.message}")
        return None


def _check_extra(key: str, source: Path) -> None:
    if not source.is_file():
        raise UserError(f"ไม่พบไฟล์ “{source}” ที่จะเพิ่มใน “{key}” — ตรวจชื่อและที่อยู่ของไฟล์")
    if source.suffix.lower() not in EXTRA_SUFFIXES:
        allowed = ", ".join(EXTRA_SUFFIXES)
        raise UserError(
            f"ไฟล์ “{source.name}” เป็นชนิดที่ใส่ในชุดไฟล์เผยแพร่ไม่ได้ — ใช้ได้เฉพาะ {allowed} "
            "(สแกนเอกสารเป็น PDF หรือรูปภาพ)"
        )


def _renderer(prepared: PreparedDocument) -> Callable[[Path, Path], None]:
    def write(destination: Path, _root: Path) -> None:
        prepared.job(destination)

    return write


def _copier(source: Path) -> Callable[[Path, Path], None]:
    def write(destination: Path, _root: Path) -> None:
        shutil.copyfile(source, destination)

    return write


def _text_writer(text: str, *, bom: bool = False) -> Callable[[Path, Path], None]:
    def write(destination: Path, _root: Path) -> None:
        # utf-8-sig: Excel opens a CSV as UTF-8 only when it starts with a BOM.
        with open(destination, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as out:
            out.write(text)

    return write


def _index_writer(
    report: AnalysisReport, job: BundleJob, steps_snapshot: list[_Step]
) -> Callable[[Path, Path], None]:
    from itadesk.documents.web import WebLink, WebSection, index_html

    def write(destination: Path, root: Path) -> None:
        def link(step: _Step) -> WebLink:
            size = (root / step.file.path).stat().st_size
            return WebLink(step.file.path, step.file.title_th, size)

        sections = []
        for folder in job.folders:
            heading = (
                f"{folder.item_code} {folder.title_th}" if folder.item_code else folder.title_th
            )
            links = tuple(link(s) for s in steps_snapshot if s.file.folder == folder.name)
            sections.append(WebSection(heading, links))
        data_links = tuple(link(s) for s in steps_snapshot if s.file.kind == "data")
        sections.append(
            WebSection(
                "ข้อมูลแบบเปิด (สำหรับนำไปใช้ต่อ)",
                data_links,
                "ไฟล์ CSV เปิดด้วย Excel ได้ ไฟล์ JSON สำหรับโปรแกรมอื่น",
            )
        )
        text = index_html(report, sections, generated_on=job.created_at.date(), generator=GENERATOR)
        with open(destination, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)

    return write


# --------------------------------------------------------------------------- data


def _num(value: Decimal | None) -> Decimal | None:
    return None if value is None else round2(value)


def _change(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    return None if now is None or before is None else round2(now - before)


def bundle_data(
    report: AnalysisReport, job: BundleJob, documents: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """data.json as a value (numbers are Decimals, written with two decimals)."""
    fw = report.framework
    result = report.result
    previous = report.previous_result
    prev_tools = previous.tool_scores if previous else {}
    target = report.target
    indicator_names = {i.number: i.name_th for i in fw.indicators}
    if report.plan_framework is not None:
        for indicator in report.plan_framework.indicators:
            indicator_names.setdefault(indicator.number, indicator.name_th)
    analysis = []
    for indicator in fw.indicators:
        for field_name in INDICATOR_FIELDS:
            text = report.analysis.text(indicator.number, field_name)
            if text.strip():
                analysis.append(
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
        analysis.append(
            {
                "indicator": None,
                "indicator_name_th": None,
                "field": SUMMARY,
                "field_title_th": FIELD_TITLES_TH[SUMMARY],
                "text": summary,
            }
        )
    measures = []
    for order, measure in enumerate((m for m in report.measures if m.title.strip()), start=1):
        try:
            start, end = timeline_bounds(measure.timeline, measure.plan_year)
            label = timeline_label_th(measure.timeline, measure.plan_year, thai_digits=False)
            dates: tuple[str | None, str | None] = (start.isoformat(), end.isoformat())
        except ValueError:
            label, dates = "", (None, None)
        measures.append(
            {
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
        )
    items = []
    for item in fw.items:
        value = report.item_scores.get(item.code)
        if value is None:
            continue
        items.append(
            {
                "code": item.code,
                "indicator": item.indicator,
                "kind": item.kind,
                "text_th": item.text_th,
                "score": _num(value),
                "below_target": value < target,
            }
        )
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
        "items": items,
        "analysis": analysis,
        "measures": measures,
        "documents": list(documents),
    }


def dump_json(value: Any, level: int = 0) -> str:
    """JSON with every Decimal written as a number with exactly two decimals (96.20, not
    96.2); json.dumps cannot do that. Thai is written as is (UTF-8), indented by two."""
    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, float):
        raise TypeError("bundle data uses Decimal for numbers, not float")
    if value is None or isinstance(value, (bool, int, str)):
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


def _data_files(report: AnalysisReport, fiscal_year: int) -> list[tuple[str, str, str]]:
    """(name, Thai title, text) of the CSV files."""
    fw = report.framework
    result = report.result
    previous = report.previous_result
    prev_tools = previous.tool_scores if previous else {}
    target = report.target
    score_rows: list[list[object]] = []
    for tool in fw.tools:
        now_tool, before_tool = result.tool_scores.get(tool.code), prev_tools.get(tool.code)
        score_rows.append(
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
            score_rows.append(
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
    score_rows.append(
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
    files = [
        (
            "scores.csv",
            f"คะแนนรายตัวชี้วัด ปี พ.ศ. {fiscal_year} (CSV)",
            _csv(
                [
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
                ],
                score_rows,
            ),
        )
    ]
    item_rows = [
        [
            item.code,
            item.indicator,
            item.kind,
            item.text_th,
            _num(report.item_scores[item.code]),
            report.item_scores[item.code] < target,
        ]
        for item in fw.items
        if item.code in report.item_scores
    ]
    if item_rows:
        files.append(
            (
                "items.csv",
                f"คะแนนรายข้อ ปี พ.ศ. {fiscal_year} (CSV)",
                _csv(["code", "indicator", "kind", "text_th", "score", "below_target"], item_rows),
            )
        )
    analysis_rows: list[list[object]] = []
    for indicator in fw.indicators:
        for field_name in INDICATOR_FIELDS:
            text = report.analysis.text(indicator.number, field_name)
            if text.strip():
                analysis_rows.append(
                    [
                        indicator.number,
                        indicator.name_th,
                        field_name,
                        FIELD_TITLES_TH[field_name],
                        text,
                    ]
                )
    summary = report.analysis.text(None, SUMMARY)
    if summary.strip():
        analysis_rows.append([None, None, SUMMARY, FIELD_TITLES_TH[SUMMARY], summary])
    files.append(
        (
            "analysis.csv",
            f"ผลการวิเคราะห์ ปี พ.ศ. {fiscal_year} (CSV)",
            _csv(
                ["indicator", "indicator_name_th", "field", "field_title_th", "text"],
                analysis_rows,
            ),
        )
    )
    measure_rows: list[list[object]] = []
    for order, m in enumerate((m for m in report.measures if m.title.strip()), start=1):
        try:
            start, end = timeline_bounds(m.timeline, m.plan_year)
            label = timeline_label_th(m.timeline, m.plan_year, thai_digits=False)
            dates: tuple[str | None, str | None] = (start.isoformat(), end.isoformat())
        except ValueError:
            label, dates = "", (None, None)
        steps = [s.strip() for s in m.steps if s.strip()]
        measure_rows.append(
            [
                order,
                m.plan_year,
                m.title.strip(),
                ";".join(str(n) for n in m.indicators),
                ";".join(str(n) for n in m.themes),
                ";".join(m.oit_items),
                m.timeline.kind,
                label,
                dates[0],
                dates[1],
                m.unit,
                "\n".join(f"{n}) {s}" for n, s in enumerate(steps, start=1)),
                "\n".join(m.expected_outputs),
                m.rationale,
                m.follow_up,
                m.reporting,
            ]
        )
    files.append(
        (
            "measures.csv",
            f"มาตรการ ปี พ.ศ. {report.plan_year} (CSV)",
            _csv(
                [
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
                ],
                measure_rows,
            ),
        )
    )
    return files


# --------------------------------------------------------------------------- target checks


def _check_parent(target: Path) -> None:
    if not target.parent.is_dir():
        raise UserError(f"ไม่พบโฟลเดอร์ “{target.parent}” ที่จะเก็บชุดไฟล์ — สร้างโฟลเดอร์ก่อนหรือเลือกที่อื่น")


def _earlier_bundle_problem(folder: Path) -> str | None:
    """None if ``folder`` holds only an earlier ITADesk bundle (so replacing it loses nothing
    of the clerk's), else a Thai sentence saying why not."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        listed = {entry["path"] for entry in data["files"]}
        ours = data.get("format") == BUNDLE_FORMAT
    except (OSError, ValueError, KeyError, TypeError):
        ours, listed = False, set()
    present = sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if not p.is_dir() and p.name not in OS_JUNK
    )
    if not ours:
        sample = ", ".join(present[:3])
        return (
            f"โฟลเดอร์ “{folder}” มีไฟล์อยู่แล้ว (เช่น {sample}) และไม่ใช่ชุดไฟล์ที่ ITADesk สร้าง "
            "— เลือกโฟลเดอร์ว่างหรือตั้งชื่อโฟลเดอร์ใหม่ (ITADesk ไม่ลบไฟล์ของคุณ)"
        )
    foreign = [p for p in present if p not in listed and p != MANIFEST]
    if foreign:
        return (
            f"โฟลเดอร์ “{folder}” เป็นชุดไฟล์ที่ ITADesk สร้างไว้ก่อน แต่มีไฟล์ที่เพิ่มเข้าไปภายหลัง "
            f"({', '.join(foreign[:3])}) — ย้ายไฟล์เหล่านั้นออกก่อน หรือเพิ่มผ่านช่อง “ไฟล์เพิ่มเติม” "
            "แล้วลองใหม่ (ITADesk ไม่ลบไฟล์ของคุณ)"
        )
    return None


def _check_target(target: Path, as_zip: bool) -> None:
    if target.is_symlink():
        raise UserError(f"“{target}” เป็นทางลัด (symbolic link) — เลือกโฟลเดอร์หรือไฟล์จริง")
    if not target.exists():
        return
    if as_zip:
        if not target.is_file():
            raise UserError(f"“{target}” เป็นโฟลเดอร์ ไม่ใช่ไฟล์ ZIP — เลือกชื่อไฟล์อื่น")
        try:
            with zipfile.ZipFile(target) as archive:
                manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
            ours = isinstance(manifest, dict) and manifest.get("format") == BUNDLE_FORMAT
        except (OSError, ValueError, KeyError, zipfile.BadZipFile):
            ours = False
        if not ours:
            raise UserError(
                f"มีไฟล์ “{target}” อยู่แล้วและไม่ใช่ชุดไฟล์ที่ ITADesk สร้าง — เลือกชื่อไฟล์อื่น "
                "(ITADesk ไม่เขียนทับไฟล์ของคุณ)"
            )
        return
    if not target.is_dir():
        raise UserError(f"มีไฟล์ชื่อ “{target}” อยู่แล้ว — เลือกชื่อโฟลเดอร์อื่น")
    if any(p.name not in OS_JUNK for p in target.iterdir()):
        problem = _earlier_bundle_problem(target)
        if problem:
            raise UserError(problem)


# --------------------------------------------------------------------------- writing


def _os_error_th(error: OSError, target: Path) -> str:
    folder = target.parent
    code = error.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        why = "พื้นที่บนดิสก์เต็ม — ลบไฟล์ที่ไม่ใช้หรือเลือกไดรฟ์อื่น แล้วลองใหม่"
    elif code == errno.EROFS:
        why = "ดิสก์หรือแฟลชไดรฟ์นั้นเขียนไม่ได้ (อ่านได้อย่างเดียว) — เลือกที่เก็บอื่น"
    elif code in (errno.EACCES, errno.EPERM):
        why = "ไม่มีสิทธิ์เขียน หรือมีไฟล์ในชุดเดิมเปิดค้างอยู่ในโปรแกรมอื่น — ปิดไฟล์นั้นหรือเลือกโฟลเดอร์อื่น แล้วลองใหม่"
    else:
        why = f"{os_error_th(error)} — ตรวจสอบที่เก็บแล้วลองใหม่"
    return (
        f"สร้างชุดไฟล์ “{target.name}” ในโฟลเดอร์ “{folder}” ไม่ได้: {why} (ไม่มีไฟล์ใดถูกสร้างหรือเปลี่ยนแปลง)"
    )


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def _leftovers(target: Path) -> list[Path]:
    prefix = f".{target.name}."
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    return [
        target.parent / name
        for name in names
        if name.startswith(prefix)
        and name.endswith((STAGING_SUFFIX, ASIDE_SUFFIX, ZIP_TEMP_SUFFIX))
    ]


def _recover(target: Path) -> None:
    """Under the lock: undo what an export killed mid-way left (a killed export holds no lock,
    so every leftover is stale). A kill between "old bundle aside" and "new bundle in" leaves
    no target: the old bundle goes back."""
    leftovers = _leftovers(target)
    asides = sorted(
        (p for p in leftovers if p.name.endswith(ASIDE_SUFFIX)),
        key=lambda p: p.stat().st_mtime,
    )
    if asides and not target.exists() and not target.is_symlink():
        os.rename(asides[-1], target)
    for path in _leftovers(target):
        _remove(path)


@contextlib.contextmanager
def _target_lock(target: Path):
    from itadesk.storage.lock import OfficeLock

    lock = OfficeLock(target)
    try:
        lock.acquire()
    except StorageError as error:
        if isinstance(error.__cause__, OSError):
            raise UserError(_os_error_th(error.__cause__, target)) from error
        raise UserError(
            f"กำลังสร้างชุดไฟล์ “{target}” อยู่ในอีกหน้าต่างหนึ่ง — รอให้เสร็จก่อนแล้วลองใหม่"
        ) from error
    try:
        yield
    finally:
        lock.release()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pause_for_tests() -> None:
    marker = os.environ.get(PAUSE_ENV)
    if marker:
        Path(marker).write_text("paused", encoding="utf-8")
        time.sleep(120)


def _manifest(job: BundleJob, staging: Path) -> dict[str, Any]:
    files = []
    for step in job.steps:
        path = staging / step.file.path
        files.append(
            {
                "path": step.file.path,
                "title_th": step.file.title_th,
                "kind": step.file.kind,
                "folder": step.file.folder,
                "source": step.file.source,
                "size": path.stat().st_size,
                "sha256": _sha256(path),
            }
        )
    present = {p.relative_to(staging).as_posix() for p in staging.rglob("*") if not p.is_dir()}
    listed = {entry["path"] for entry in files}
    if present != listed:  # a renderer left a stray file: never publish an unlisted file
        raise RuntimeError(f"bundle staging holds unlisted files: {sorted(present - listed)}")
    return {
        "format": BUNDLE_FORMAT,
        "generator": GENERATOR,
        "created_at": job.created_at.isoformat(),
        "office": dict(job.office),
        "fiscal_year": job.fiscal_year,
        "plan_year": job.fiscal_year + 1,
        "folders": [
            {
                "name": folder.name,
                "kind": folder.kind,
                "title_th": folder.title_th,
                "item_code": folder.item_code,
                "item_code_known": folder.item_code is not None,
                **(
                    {"note_th": _unknown_code_note(job.fiscal_year)}
                    if folder.item_code is None
                    else {}
                ),
            }
            for folder in job.folders
        ],
        "files": files,
        "skipped": list(job.skipped),
    }


def _write_zip(job: BundleJob, staging: Path) -> None:
    target = job.target
    fd, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=ZIP_TEMP_SUFFIX, dir=target.parent
    )
    stamp = job.created_at.astimezone(UTC) if job.invariant else job.created_at
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    names = [MANIFEST, *(step.file.path for step in job.steps)]
    try:
        with os.fdopen(fd, "wb") as raw:
            with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
                for name in names:
                    info = zipfile.ZipInfo(name, date_time=date_time)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    with open(staging / name, "rb") as source, archive.open(info, "w") as out:
                        shutil.copyfileobj(source, out, 1 << 20)
            raw.flush()
            os.fsync(raw.fileno())
        _check_target(target, as_zip=True)  # again, under the lock: it may have appeared
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


def _swap_folder(job: BundleJob, staging: Path) -> None:
    target = job.target
    if not target.exists():
        os.rename(staging, target)
        return
    _check_target(target, as_zip=False)  # again, under the lock
    aside = Path(
        tempfile.mkdtemp(prefix=f".{target.name}.", suffix=ASIDE_SUFFIX, dir=target.parent)
    )
    aside.rmdir()  # only the unique name is wanted; Windows cannot rename onto a folder
    os.rename(target, aside)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(aside, target)
        raise
    shutil.rmtree(aside, ignore_errors=True)  # a leftover is removed by the next export


def _run(job: BundleJob, progress: Progress | None) -> Path:
    target = job.target
    total = len(job.steps) + 2  # the files, the manifest, putting it in place
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    if progress is not None:
        progress(0, total)
    try:
        with _target_lock(target):
            _recover(target)
            staging = Path(
                tempfile.mkdtemp(
                    prefix=f".{target.name}.", suffix=STAGING_SUFFIX, dir=target.parent
                )
            )
            try:
                first_pdf = True
                for step in job.steps:
                    destination = staging / step.file.path
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    step.write(destination, staging)
                    tick()
                    if step.pdf and first_pdf:
                        first_pdf = False
                        _pause_for_tests()
                manifest = _manifest(job, staging)
                with open(staging / MANIFEST, "w", encoding="utf-8", newline="\n") as out:
                    out.write(dump_json(manifest))
                tick()
                if job.as_zip:
                    _write_zip(job, staging)
                    shutil.rmtree(staging, ignore_errors=True)
                else:
                    _swap_folder(job, staging)
                tick()
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
    except OSError as error:
        raise UserError(_os_error_th(error, target)) from error
    return target


def export_bundle(
    services: Services,
    fiscal_year: int,
    target: Path,
    *,
    extra_files: Sequence[tuple[str, Path]] = (),
    invariant: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Write the web bundle of assessed year ``fiscal_year`` (measures of ``fiscal_year + 1``)
    to ``target``: a ZIP if it ends in ".zip", else a folder. See the module docstring."""
    job = prepare_bundle(
        services, fiscal_year, target, extra_files=extra_files, invariant=invariant
    )
    return job.run(progress)


# --------------------------------------------------------------------------- command line


def _parse_additions(values: Sequence[str]) -> list[tuple[str, Path]]:
    pairs = []
    for value in values:
        key, sep, path = value.partition("=")
        if not sep or not key.strip() or not path.strip():
            raise UserError(
                f"--add “{value}”: ต้องเขียนเป็น ที่=ไฟล์ เช่น --add memo=บันทึกลงนาม.pdf "
                "หรือ --add O42=ภาพถ่าย.jpg"
            )
        pairs.append((key.strip(), Path(path.strip())))
    return pairs


def cmd_export(args: argparse.Namespace) -> int:
    """``itadesk export --db PATH --fy 2568 -o DIR_or_ZIP [--add FOLDER=FILE ...]``."""
    from itadesk.paths import default_database_path
    from itadesk.services import build_services
    from itadesk.storage.database import open_store

    db = getattr(args, "export_db", None) or getattr(args, "db", None)
    path = Path(db) if db is not None else default_database_path(getattr(args, "data_dir", None))
    additions = _parse_additions(getattr(args, "add", None) or [])
    with open_store(path, holder="itadesk export") as store:
        services = build_services(store)
        warning = services.settings.document_fonts_warning()
        if warning:
            print(f"คำเตือน: {warning}", file=sys.stderr)
        job = prepare_bundle(
            services,
            args.fy,
            args.output,
            extra_files=additions,
            invariant=bool(getattr(args, "invariant", False)),
        )
        for line in job.warnings_th:
            print(f"คำเตือน: {line}", file=sys.stderr)
        written = job.run()
    kind = "ไฟล์ ZIP" if job.as_zip else "โฟลเดอร์"
    print(f"สร้างชุดไฟล์สำหรับเว็บไซต์ ({kind}) ที่ {written} แล้ว — {len(job.steps) + 1} ไฟล์")
    return 0
