"""The command line: ``itadesk score|demo|proof|render|export|import|backup|restore``.

The only module that reads argparse values or prints for a command. Every subcommand shares one
parent parser (``--db``, ``--data-dir``), the database is resolved in one place
(:func:`database_path`), and each command opens the office through an
:class:`~itadesk.services.session.OfficeSession` — which takes the office lock before SQLite
touches the file — and then calls services that take plain values and return results. Errors
reach the clerk as plain Thai on stderr with exit code 2. Nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import NoReturn

from itadesk import __version__
from itadesk.domain.documents import DOCUMENTS, DocumentKind
from itadesk.errors import UserError

EXIT_OK = 0
EXIT_USER_ERROR = 2


class ThaiArgumentParser(argparse.ArgumentParser):
    """argparse that reports usage mistakes in Thai with exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_USER_ERROR,
            f"{self.prog}: คำสั่งไม่ถูกต้อง: {message}\nดูวิธีใช้ด้วย {self.prog} --help\n",
        )


def _office_options(*, on_subcommand: bool) -> ThaiArgumentParser:
    """``--db``/``--data-dir``, accepted before or after the subcommand. On subcommands the
    default is SUPPRESS, so a value given before the subcommand is not overwritten by None."""
    default = argparse.SUPPRESS if on_subcommand else None
    options = ThaiArgumentParser(add_help=False)
    options.add_argument(
        "--db",
        type=Path,
        default=default,
        help="ไฟล์ฐานข้อมูลของหน่วยงาน (ค่าเริ่มต้น: โฟลเดอร์ข้อมูลผู้ใช้)",
    )
    options.add_argument(
        "--data-dir",
        type=Path,
        default=default,
        help="โฟลเดอร์ข้อมูลของโปรแกรม (ฐานข้อมูล บันทึก สำรอง)",
    )
    return options


def build_parser() -> argparse.ArgumentParser:
    parser = ThaiArgumentParser(
        prog="itadesk",
        description="ITADesk: คะแนน ITA การวิเคราะห์ มาตรการ และเอกสารของหน่วยงาน (ทำงานแบบออฟไลน์)",
        parents=[_office_options(on_subcommand=False)],
    )
    parser.add_argument("--version", action="version", version=f"ITADesk {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="ตรวจการติดตั้ง: สร้างฐานข้อมูลชั่วคราว พิมพ์บันทึกข้อความและรายงานเป็น PDF แล้วเปิดหน้าต่างโดยไม่แสดง",
    )
    office = _office_options(on_subcommand=True)
    commands = parser.add_subparsers(dest="command", metavar="คำสั่ง")

    def command(name: str, help_th: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_th, parents=[office])

    score = command("score", "คำนวณคะแนนเครื่องมือ คะแนนรวม และระดับผล จากคะแนน 10 ตัวชี้วัด")
    score.add_argument("--fy", type=int, required=True, help="ปีงบประมาณ พ.ศ. เช่น 2568")
    score.add_argument("scores", nargs="+", metavar="S", help="คะแนนตัวชี้วัดที่ 1 ถึง 10 ตามลำดับ")
    score.add_argument("--official", help="คะแนนรวมที่ ป.ป.ช. ประกาศ (ถ้ามี) เพื่อตรวจทาน")
    score.add_argument("--json", action="store_true", help="พิมพ์ผลเป็น JSON")

    command("demo", "สร้างฐานข้อมูลหน่วยงานตัวอย่าง (ข้อมูลสมมุติ) ในไฟล์ใหม่ที่ระบุด้วย --db")

    proof = command("proof", "พิมพ์แผ่นทดสอบการจัดพิมพ์ภาษาไทยเป็น PDF")
    proof.add_argument("-o", "--output", type=Path, required=True, help="ไฟล์ PDF ที่จะสร้าง")
    proof.add_argument("--font", type=Path, help="ไฟล์แบบอักษร .ttf ของตนเอง (เช่น TH Sarabun New)")

    render = command("render", "พิมพ์เอกสารของปีงบประมาณเป็นไฟล์ PDF หรือไฟล์ Word (.docx) ที่แก้ไขได้")
    printable = [info for kind, info in DOCUMENTS.items() if kind != DocumentKind.PROOF]
    render.add_argument(
        "document",
        choices=[info.kind.value for info in printable],
        help=", ".join(f"{info.kind} = {info.title_th}" for info in printable),
    )
    render.add_argument(
        "--fy",
        type=int,
        required=True,
        help="ปีงบประมาณ เช่น 2568 (memo/report: ปีที่ประเมิน; results: ปีที่ดำเนินมาตรการ)",
    )
    render.add_argument(
        "--round", type=int, choices=[6, 12], default=12, help="รอบรายงานผล 6 หรือ 12 เดือน"
    )
    render.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="ไฟล์ที่จะสร้าง: .pdf หรือ .docx (ฉบับ Word ที่แก้ไขได้)",
    )

    export = command("export", "สร้างชุดไฟล์สำหรับนำขึ้นเว็บไซต์ (โฟลเดอร์หรือไฟล์ ZIP) ของปีงบประมาณ")
    export.add_argument("--fy", type=int, required=True, help="ปีงบประมาณที่ประเมิน เช่น 2568")
    export.add_argument(
        "-o", "--output", type=Path, required=True, help="โฟลเดอร์ที่จะสร้าง หรือชื่อไฟล์ที่ลงท้ายด้วย .zip"
    )
    export.add_argument(
        "--add",
        action="append",
        default=[],
        metavar="ที่=ไฟล์",
        help="เพิ่มไฟล์สแกน: O42/measures = วางข้างเอกสาร, memo/report/... = ใช้แทน "
        "เช่น --add memo=บันทึกลงนาม.pdf",
    )
    export.add_argument(
        "--docx", action="store_true", help="ใส่ไฟล์ Word (.docx) ที่แก้ไขได้ไว้ข้าง PDF ของทุกเอกสาร"
    )
    export.add_argument("--invariant", action="store_true", help=argparse.SUPPRESS)

    imp = command("import", "นำเข้าคะแนนจากไฟล์ CSV หรือ Excel (.xlsx): แสดงรายการก่อน บันทึกเมื่อใส่ --yes")
    imp.add_argument("--fy", type=int, required=True, help="ปีงบประมาณที่นำเข้า เช่น 2568")
    imp.add_argument(
        "file", type=Path, metavar="FILE", help="ไฟล์ .csv หรือ .xlsx (ดูไฟล์ตัวอย่างในโปรแกรม)"
    )
    imp.add_argument("--yes", action="store_true", help="บันทึกจริง (ถ้าไม่ใส่ แสดงรายการอย่างเดียว)")

    backup = command("backup", "สำรองฐานข้อมูลและไฟล์หลักฐานของหน่วยงานเป็นไฟล์เดียว (เช่น ลงแฟลชไดรฟ์)")
    backup.add_argument(
        "-o",
        "--output",
        type=Path,
        help="โฟลเดอร์ที่จะเก็บไฟล์สำรอง (ค่าเริ่มต้น: โฟลเดอร์ backups ข้างฐานข้อมูล)",
    )
    restore = command("restore", "กู้คืนฐานข้อมูลและไฟล์หลักฐานจากไฟล์สำรอง (ข้อมูลปัจจุบันจะถูกเก็บสำรองไว้ก่อน)")
    restore.add_argument("backup_file", type=Path, help="ไฟล์สำรอง (*.itadesk-backup.zip)")
    return parser


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    return build_parser().parse_args(list(argv) if argv is not None else None)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; Thai message on stderr and exit code 2 for what the clerk can fix."""
    args = parse(argv)
    try:
        return run(args)
    except UserError as error:
        print(f"itadesk: {error.message}", file=sys.stderr)
        return error.exit_code


def run(args: argparse.Namespace) -> int:
    """Run the subcommand in ``args`` (raises UserError)."""
    handlers = {
        "score": _score,
        "demo": _demo,
        "proof": _proof,
        "render": _render,
        "export": _export,
        "import": _import,
        "backup": _backup,
        "restore": _restore,
    }
    return handlers[args.command](args)


def database_path(args: argparse.Namespace) -> Path:
    """The office file a command works on: ``--db``, else the default in the data folder."""
    from itadesk.paths import default_database_path

    db = getattr(args, "db", None)
    if db is not None:
        return Path(db).absolute()
    return default_database_path(getattr(args, "data_dir", None)).absolute()


def _session(args: argparse.Namespace, *, create: bool = True):
    """The office of this command, under the office lock (named after the command)."""
    from itadesk.services.session import OfficeSession

    session = OfficeSession.open(
        database_path(args), holder=f"itadesk {args.command}", create=create
    )
    _warn(session.notices_th)  # where the file is, a -wal set aside: told once, on stderr
    return session


def _require_output_file(path: Path) -> None:
    """The one check of an output file named on the command line (``fileio``'s)."""
    from itadesk.fileio import output_target_problem

    problem = output_target_problem(Path(path))
    if problem is not None:
        raise UserError(problem)


def _require_output_folder(path: Path) -> None:
    from itadesk.fileio import output_target_problem

    problem = output_target_problem(Path(path), folder=True)
    if problem is not None:
        raise UserError(problem)


def _warn(lines: Sequence[str]) -> None:
    for line in lines:
        print(f"คำเตือน: {line}", file=sys.stderr)


# ------------------------------------------------------------------------------ commands


def _score(args: argparse.Namespace) -> int:
    from itadesk.domain import scoring
    from itadesk.domain.frameworks import FrameworkCatalog
    from itadesk.domain.validation import parse_score
    from itadesk.paths import frameworks_dir

    if getattr(args, "db", None) is not None:  # the office's own framework for the year
        with _session(args, create=False) as session:
            framework = session.services.frameworks.get(args.fy)
    else:
        framework = FrameworkCatalog(frameworks_dir(), {}).get(args.fy)
    expected = len(framework.indicators)
    if len(args.scores) != expected:
        raise UserError(
            f"ต้องใส่คะแนนครบ {expected} ตัวชี้วัดตามลำดับ 1 ถึง {expected} แต่ได้รับ {len(args.scores)} ค่า"
        )
    scores: dict[int, Decimal] = {}
    for number, text in enumerate(args.scores, start=1):
        value = parse_score(text, f"ตัวชี้วัดที่ {number}")
        if value is None:
            raise UserError(f"ตัวชี้วัดที่ {number}: ต้องมีคะแนน")
        scores[number] = value
    official = parse_score(args.official, "คะแนนรวมที่ประกาศ (--official)") if args.official else None
    result = scoring.score(framework, scores, official)
    assert result.total is not None and result.rating is not None
    if args.json:
        payload = {
            "fiscal_year": args.fy,
            "tools": {code: float(value) for code, value in result.tool_scores.items()},
            "total": float(result.total),
            "rating": result.rating.label,
            "rating_confirmed": result.rating.confirmed,
            "explanation": result.explanation_th,
            "warnings": list(result.warnings_th),
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"ปีงบประมาณ {args.fy}")
    for tool in framework.tools:
        print(f"  {tool.code}  {scoring.fmt(result.tool_scores[tool.code])}  ({tool.name_th})")
    print(f"คะแนนรวม  {scoring.fmt(result.total)}")
    print(f"ระดับผล   {result.rating.label}")
    print(result.explanation_th)
    for warning in result.warnings_th:
        print(f"คำเตือน: {warning}")
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from itadesk.services.demo import create_demo

    if getattr(args, "db", None) is None:
        raise UserError(
            "ระบุไฟล์ใหม่ที่จะสร้างหน่วยงานตัวอย่างด้วย --db เช่น itadesk demo --db ตัวอย่าง.sqlite3"
        )
    path = database_path(args)
    if path.exists() and path.stat().st_size > 0:
        raise UserError(f"มีไฟล์ {path} อยู่แล้ว — เลือกชื่อไฟล์ใหม่สำหรับข้อมูลตัวอย่าง")
    path.parent.mkdir(parents=True, exist_ok=True)
    with _session(args) as session:
        create_demo(session.services)
    print(f"สร้างหน่วยงานตัวอย่างใน {path} แล้ว")
    return EXIT_OK


def _proof(args: argparse.Namespace) -> int:
    from itadesk.documents.context import bundled_context
    from itadesk.documents.fonts import register_fonts
    from itadesk.documents.proof import write_proof_sheet

    _require_output_file(args.output)
    context = bundled_context()
    if args.font is not None:
        context = context.replace(fonts=register_fonts(regular=args.font))
    try:
        write_proof_sheet(args.output, context)
    except OSError as error:
        from itadesk.fileio import os_error_th

        raise UserError(f"เขียนไฟล์ “{args.output}” ไม่สำเร็จ ({os_error_th(error)})") from error
    print(f"เขียนแผ่นทดสอบการจัดพิมพ์ที่ {args.output} แล้ว")
    return EXIT_OK


def _render(args: argparse.Namespace) -> int:
    with _session(args, create=False) as session:
        services = session.services
        warning = services.settings.document_fonts_warning()
        if warning:
            _warn([warning])
        if args.document in (DocumentKind.MEMO, DocumentKind.REPORT):
            _warn(services.documents.preflight(args.fy))
        # Read-only: a document rendered here is not recorded on the start page's road
        # (the window records what it prints or saves; a bundle exported here is recorded).
        services.documents.render(args.document, args.fy, args.output, round_months=args.round)
    print(f"เขียน {args.output} แล้ว")
    return EXIT_OK


def parse_additions(values: Sequence[str]) -> list[tuple[str, Path]]:
    """``--add KEY=FILE`` values as (key, file) pairs."""
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


def _export(args: argparse.Namespace) -> int:
    from itadesk.services.export.parallel import RenderHelper, helper_worthwhile

    additions = parse_additions(args.add)
    with contextlib.ExitStack() as stack:
        # The render helper starts first: its imports run on the other core while this
        # process opens the office and reads it (prepare_bundle closes it when the bundle is
        # small, the bundle when it is done; closing twice is harmless).
        helper = RenderHelper() if helper_worthwhile(2) else None
        if helper is not None:
            stack.callback(helper.close)
        session = stack.enter_context(_session(args, create=False))
        from itadesk.services.export import prepare_bundle

        services = session.services
        warning = services.settings.document_fonts_warning()
        if warning:
            _warn([warning])
        job = prepare_bundle(
            services,
            args.fy,
            args.output,
            extra_files=additions,
            invariant=args.invariant,
            word_copies=args.docx,
            helper=helper,
        )
        _warn(job.warnings_th)
        written = job.run()
        services.road.record_bundle(args.fy, written)  # published, as the road counts it
    kind = "ไฟล์ ZIP" if job.as_zip else "โฟลเดอร์"
    print(f"สร้างชุดไฟล์สำหรับเว็บไซต์ ({kind}) ที่ {written} แล้ว — {len(job.steps) + 1} ไฟล์")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    """Print what would be imported and every unreadable line; write only with ``--yes``."""
    from itadesk.domain.scoring import fmt
    from itadesk.services.score_import import (
        apply_import,
        changes,
        label_th,
        read_import_file,
        year_warning_th,
    )

    database = database_path(args)
    # Even a preview takes the office lock: SQLite must not open a file a window is using.
    with _session(args, create=False) as session:
        services = session.services
        framework = services.frameworks.get(args.fy)
        preview = read_import_file(Path(args.file), framework)
        print(f"นำเข้าคะแนนปีงบประมาณ {args.fy} จาก {Path(args.file).name}")
        found = changes(services, args.fy, preview)
        print(f"อ่านได้ {len(found)} รายการ:")
        for change in found:
            old = "ยังไม่มี" if change.old is None else fmt(change.old)
            mark = "" if change.changed else "  (เท่าเดิม)"
            print(
                f"  {preview.where_th(change.row)}  {label_th(framework, change.row.target)}"
                f"  {fmt(change.row.value)}  (เดิม {old}){mark}"
            )
        if preview.problems:
            print(f"อ่านไม่ได้ {len(preview.problems)} รายการ (ไม่นำเข้า):")
            for problem in preview.problems:
                print(f"  {problem.message_th}")
        warning = year_warning_th(preview, args.fy)
        if warning:
            print(f"คำเตือน: {warning}")
        if not args.yes:
            print("ยังไม่ได้บันทึกอะไร — ตรวจสอบรายการข้างบน แล้วสั่งคำสั่งเดิมพร้อม --yes เพื่อบันทึก")
            return EXIT_OK
        apply_import(services, args.fy, preview)
    print(f"บันทึกคะแนน {len(found)} รายการของปีงบประมาณ {args.fy} ลงใน {database} แล้ว")
    return EXIT_OK


def _backup(args: argparse.Namespace) -> int:
    """Refused while a window has the file open (its own backup is in its menu)."""
    from itadesk.services.backup import backup_office_file

    database = database_path(args)
    if args.output is not None:
        _require_output_folder(args.output)
    made = backup_office_file(database, args.output, holder="itadesk backup")
    _warn(made.notices_th)
    print(f"สำรองข้อมูล{_of_office(made.info.office_name)}แล้ว: {made.path}")
    print(
        f"  ฐานข้อมูล {database} และไฟล์หลักฐาน {made.info.attachment_count} ไฟล์"
        f" ({_size(made.info.size)})"
    )
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    """Refused while a window has the file open."""
    from itadesk.services.backup import restore_into

    result = restore_into(Path(args.backup_file), database_path(args))
    info = result.info
    print(
        f"กู้คืนข้อมูล{_of_office(info.office_name)}จาก {info.path} แล้ว"
        f" (สำรองเมื่อ {info.created_at:%d/%m/%Y %H:%M}, ไฟล์หลักฐาน {info.attachment_count} ไฟล์)"
    )
    print(f"  ฐานข้อมูล: {result.db_path}")
    print(f"  ไฟล์หลักฐาน: {result.attachments_dir}")
    if result.safety_backup is not None:
        print(f"  ข้อมูลเดิมก่อนกู้คืนเก็บไว้ที่: {result.safety_backup}")
    if result.kept_attachments is not None:
        print(f"  ไฟล์หลักฐานเดิมย้ายไปไว้ที่: {result.kept_attachments}")
    if result.migrated:
        print(
            f"  ปรับปรุงโครงสร้างฐานข้อมูลจากรุ่นที่ {info.schema_version}"
            f" เป็นรุ่นที่ {result.schema_version} แล้ว"
        )
    return EXIT_OK


def _of_office(name: str) -> str:
    return f"ของ “{name}” " if name else ""


def _size(size: int) -> str:
    if size < 1 << 20:
        return f"{max(size / 1024, 0.1):.1f} KB"
    return f"{size / (1 << 20):.1f} MB"
