"""What goes into the web bundle, and where: the plan.

:func:`prepare_bundle` reads everything the bundle needs from the database now (fast, on the
database's thread) and returns a :class:`BundleJob`: the folders (one per OIT item, named by
the year's item code, or by kind when the code is unknown), and for every file its path, title
and how to write it (render a prepared PDF, copy a clerk's scan, write open data, write the
page). ``BundleJob.run(progress)`` hands the plan to :mod:`.publish`, touching no database, so
the GUI can run it on a worker thread. It also says what manifest.json records of the bundle.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itadesk.domain.documents import DocumentKind, document_info
from itadesk.domain.frameworks import ITEM_CODE_PATTERN, Framework
from itadesk.domain.report import AnalysisReport
from itadesk.errors import UserError
from itadesk.fileio import FileDigest, ascii_slug
from itadesk.services.documents import DocumentJob, PreparedDocument
from itadesk.services.export.open_data import GENERATOR, bundle_data, csv_files, dump_json
from itadesk.services.export.parallel import RenderHelper, helper_worthwhile
from itadesk.services.export.publish import (
    BUNDLE_FORMAT,
    AfterFile,
    Progress,
    check_parent,
    check_target,
    publish_bundle,
)

if TYPE_CHECKING:
    from itadesk.services import Services

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
EXTRA_SUFFIXES: tuple[str, ...] = (".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".doc")
EXTRA_SUFFIXES += (".docx", ".xls", ".xlsx", ".odt", ".ods")
INVARIANT_CREATED_AT = datetime(2000, 1, 1, tzinfo=UTC)


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
    #: writes the file: (destination, staging root); None for a generated document
    write: Callable[[Path, Path], None] | None
    #: a generated document (PDF or Word copy), rendered by .parallel (here or in the helper)
    document: DocumentJob | None = None


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
    #: the process that renders documents beside this one (big bundles on two cores)
    helper: RenderHelper | None = field(default=None, repr=False, compare=False)
    rendered_by_helper: int = 0  # documents the helper wrote (set by ``run``)

    @property
    def files(self) -> tuple[BundleFile, ...]:
        return tuple(step.file for step in self.steps)

    def run(self, progress: Progress | None = None, *, after_file: AfterFile | None = None) -> Path:
        """Build the bundle and put it in place atomically; returns the target. ``progress``
        and ``after_file`` are :func:`.publish.publish_bundle`'s."""
        try:
            return publish_bundle(self, progress, after_file)
        finally:
            self.close()

    def close(self) -> None:
        """Stop the render helper, if any (``run`` does it; for a plan that is not run)."""
        if self.helper is not None:
            self.helper.close()
            self.helper = None

    def manifest(self, digests: Sequence[FileDigest]) -> dict[str, Any]:
        """manifest.json: the bundle, its folders and every file with its size and SHA-256
        (``digests``, in the order of the files)."""
        by_path = {digest.path: digest for digest in digests}
        files = []
        for step in self.steps:
            digest = by_path[step.file.path]
            files.append(
                {
                    "path": step.file.path,
                    "title_th": step.file.title_th,
                    "kind": step.file.kind,
                    "folder": step.file.folder,
                    "source": step.file.source,
                    "size": digest.size,
                    "sha256": digest.sha256,
                }
            )
        return {
            "format": BUNDLE_FORMAT,
            "generator": GENERATOR,
            "created_at": self.created_at.isoformat(),
            "office": dict(self.office),
            "fiscal_year": self.fiscal_year,
            "plan_year": self.fiscal_year + 1,
            "folders": [
                {
                    "name": folder.name,
                    "kind": folder.kind,
                    "title_th": folder.title_th,
                    "item_code": folder.item_code,
                    "item_code_known": folder.item_code is not None,
                    **(
                        {"note_th": _unknown_code_note(self.fiscal_year)}
                        if folder.item_code is None
                        else {}
                    ),
                }
                for folder in self.folders
            ],
            "files": files,
            "skipped": list(self.skipped),
        }


def _safe_file_name(name: str, fallback: str) -> str:
    """An ASCII-safe file name that keeps its extension."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    slug = ascii_slug(stem, max_length=60) or fallback
    ext = ascii_slug(suffix, max_length=60)
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
    word_copies: bool = False,
    helper: RenderHelper | None = None,
) -> BundleJob:
    """Read what the bundle needs (on the database's thread); checks the target and the added
    files first, so a mistake is reported before anything is rendered. ``word_copies`` puts
    the editable Word copy (.docx) of every generated document beside its PDF. ``helper``: a
    render helper started earlier by the caller (the command line starts one before it opens
    the office); the plan owns it from here and closes it when it is not worth using."""
    try:
        target = Path(target).absolute()
        as_zip = target.suffix.lower() == ".zip"
        check_parent(target, as_zip)
        check_target(target, as_zip)
        saved_round = _saved_round(services, fiscal_year + 1)
        # The analysis report and a results report (and their Word copies): two cores pay.
        heavy = (1 + (saved_round is not None)) * (1 + word_copies)
        if not helper_worthwhile(heavy):
            if helper is not None:
                helper.close()
            helper = None
        elif helper is None:
            helper = RenderHelper(services.documents.render_context())
        job = _plan(
            services, fiscal_year, target, as_zip, extra_files, invariant, word_copies, saved_round
        )
    except BaseException:
        if helper is not None:
            helper.close()
        raise
    job.helper = helper
    return job


def _plan(
    services: Services,
    fiscal_year: int,
    target: Path,
    as_zip: bool,
    extra_files: Sequence[tuple[str, Path]],
    invariant: bool,
    word_copies: bool,
    saved_round: int | None,
) -> BundleJob:
    documents = services.documents
    report = documents.build_report(fiscal_year)
    framework = report.framework
    office = services.office.profile()
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
    results_round = _results_round(saved_round, fiscal_year + 1, job)
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
                        None,
                        document=prepared.job,
                    )
                )
                if word_copies and prepared.word_job is not None:
                    word_name = generated_name.rsplit(".", 1)[0] + ".docx"
                    folder_steps.append(
                        _Step(
                            BundleFile(
                                unique(folder.name, word_name),
                                f"{title} (ไฟล์ Word แก้ไขได้)",
                                document,
                                folder.name,
                                "generated",
                            ),
                            None,
                            document=prepared.word_job,
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
    data_files = csv_files(report, fiscal_year)
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


def _saved_round(services: Services, plan_year: int) -> int | None:
    """The round (12 or 6 months) whose results of the ``plan_year`` measures the clerk has
    saved, or None."""
    tracking = getattr(services, "tracking", None)
    if tracking is not None:
        for months in ROUNDS:
            if tracking.latest_snapshot(plan_year, months) is not None:
                return months
    return None


def _results_round(saved_round: int | None, plan_year: int, job: BundleJob) -> int | None:
    """``saved_round``, or None with a note in ``job``. Results from live data that nobody
    has reported yet do not belong on a public website, so without a saved round the results
    documents are left out."""
    if saved_round is not None:
        return saved_round
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


def export_bundle(
    services: Services,
    fiscal_year: int,
    target: Path,
    *,
    extra_files: Sequence[tuple[str, Path]] = (),
    invariant: bool = False,
    word_copies: bool = False,
    progress: Progress | None = None,
    after_file: AfterFile | None = None,
) -> Path:
    """Write the web bundle of assessed year ``fiscal_year`` (measures of ``fiscal_year + 1``)
    to ``target``: a ZIP if it ends in ".zip", else a folder. ``after_file`` is called with
    each file once it is written to the staging folder (a test pauses there to kill the
    export half-way)."""
    job = prepare_bundle(
        services,
        fiscal_year,
        target,
        extra_files=extra_files,
        invariant=invariant,
        word_copies=word_copies,
    )
    return job.run(progress, after_file=after_file)
