"""Composition root and command line.

Order matters: parse arguments → resolve paths → logging → open the database and migrate →
build services → only then import Qt and create the window. Commands that need no window
never import PySide6, so they stay fast and work on a machine without a display.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import NoReturn

from itadesk import __version__
from itadesk.domain.documents import DOCUMENTS, DocumentKind
from itadesk.errors import UserError
from itadesk.paths import DATA_DIR_ENV

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_USER_ERROR = 2


class _ThaiArgumentParser(argparse.ArgumentParser):
    """argparse that reports usage mistakes in Thai with exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_USER_ERROR,
            f"{self.prog}: คำสั่งไม่ถูกต้อง: {message}\nดูวิธีใช้ด้วย {self.prog} --help\n",
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _ThaiArgumentParser(
        prog="itadesk",
        description="ITADesk: คะแนน ITA การวิเคราะห์ มาตรการ และเอกสารของหน่วยงาน (ทำงานแบบออฟไลน์)",
    )
    parser.add_argument("--version", action="version", version=f"ITADesk {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="ตรวจการติดตั้ง: สร้างฐานข้อมูลชั่วคราว พิมพ์บันทึกข้อความและรายงานเป็น PDF แล้วเปิดหน้าต่างโดยไม่แสดง",
    )
    parser.add_argument("--db", type=Path, help="ไฟล์ฐานข้อมูลของหน่วยงาน (ค่าเริ่มต้น: โฟลเดอร์ข้อมูลผู้ใช้)")
    parser.add_argument("--data-dir", type=Path, help="โฟลเดอร์ข้อมูลของโปรแกรม (ฐานข้อมูล บันทึก สำรอง)")
    commands = parser.add_subparsers(dest="command", metavar="คำสั่ง")

    score = commands.add_parser(
        "score", help="คำนวณคะแนนเครื่องมือ คะแนนรวม และระดับผล จากคะแนน 10 ตัวชี้วัด"
    )
    score.add_argument("--fy", type=int, required=True, help="ปีงบประมาณ พ.ศ. เช่น 2568")
    score.add_argument("scores", nargs="+", metavar="S", help="คะแนนตัวชี้วัดที่ 1 ถึง 10 ตามลำดับ")
    score.add_argument("--official", help="คะแนนรวมที่ ป.ป.ช. ประกาศ (ถ้ามี) เพื่อตรวจทาน")
    score.add_argument("--json", action="store_true", help="พิมพ์ผลเป็น JSON")

    demo = commands.add_parser("demo", help="สร้างฐานข้อมูลหน่วยงานตัวอย่าง (ข้อมูลสมมุติ)")
    demo.add_argument("--db", dest="demo_db", type=Path, required=True, help="ไฟล์ที่จะสร้าง")

    proof = commands.add_parser("proof", help="พิมพ์แผ่นทดสอบการจัดพิมพ์ภาษาไทยเป็น PDF")
    proof.add_argument("-o", "--output", type=Path, required=True, help="ไฟล์ PDF ที่จะสร้าง")
    proof.add_argument("--font", type=Path, help="ไฟล์แบบอักษร .ttf ของตนเอง (เช่น TH Sarabun New)")

    render = commands.add_parser("render", help="พิมพ์เอกสารของปีงบประมาณเป็นไฟล์ PDF")
    printable = [info for kind, info in DOCUMENTS.items() if kind != DocumentKind.PROOF]
    render.add_argument(
        "document",
        choices=[info.kind.value for info in printable],
        help=", ".join(f"{info.kind} = {info.title_th}" for info in printable),
    )
    render.add_argument("--db", dest="render_db", type=Path, help="ไฟล์ฐานข้อมูลของหน่วยงาน")
    render.add_argument(
        "--fy",
        type=int,
        required=True,
        help="ปีงบประมาณ เช่น 2568 (memo/report: ปีที่ประเมิน; results: ปีที่ดำเนินมาตรการ)",
    )
    render.add_argument(
        "--round", type=int, choices=[6, 12], default=12, help="รอบรายงานผล 6 หรือ 12 เดือน"
    )
    render.add_argument("-o", "--output", type=Path, required=True, help="ไฟล์ PDF ที่จะสร้าง")

    export = commands.add_parser(
        "export", help="สร้างชุดไฟล์สำหรับนำขึ้นเว็บไซต์ (โฟลเดอร์หรือไฟล์ ZIP) ของปีงบประมาณ"
    )
    export.add_argument("--db", dest="export_db", type=Path, help="ไฟล์ฐานข้อมูลของหน่วยงาน")
    export.add_argument("--fy", type=int, required=True, help="ปีงบประมาณที่ประเมิน เช่น 2568")
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="โฟลเดอร์ที่จะสร้าง หรือชื่อไฟล์ที่ลงท้ายด้วย .zip",
    )
    export.add_argument(
        "--add",
        action="append",
        default=[],
        metavar="ที่=ไฟล์",
        help="เพิ่มไฟล์สแกน: O42/measures = วางข้างเอกสาร, memo/report/... = ใช้แทน "
        "เช่น --add memo=บันทึกลงนาม.pdf",
    )
    export.add_argument("--invariant", action="store_true", help=argparse.SUPPRESS)

    imp = commands.add_parser(
        "import", help="นำเข้าคะแนนจากไฟล์ CSV หรือ Excel (.xlsx): แสดงรายการก่อน บันทึกเมื่อใส่ --yes"
    )
    imp.add_argument("--db", dest="import_db", type=Path, help="ไฟล์ฐานข้อมูลของหน่วยงาน")
    imp.add_argument("--fy", type=int, required=True, help="ปีงบประมาณที่นำเข้า เช่น 2568")
    imp.add_argument(
        "file", type=Path, metavar="FILE", help="ไฟล์ .csv หรือ .xlsx (ดูไฟล์ตัวอย่างในโปรแกรม)"
    )
    imp.add_argument("--yes", action="store_true", help="บันทึกจริง (ถ้าไม่ใส่ แสดงรายการอย่างเดียว)")

    backup = commands.add_parser(
        "backup", help="สำรองฐานข้อมูลและไฟล์หลักฐานของหน่วยงานเป็นไฟล์เดียว (เช่น ลงแฟลชไดรฟ์)"
    )
    backup.add_argument("--db", dest="backup_db", type=Path, help="ไฟล์ฐานข้อมูลของหน่วยงาน")
    backup.add_argument(
        "-o",
        "--output",
        dest="backup_output",
        type=Path,
        help="โฟลเดอร์ที่จะเก็บไฟล์สำรอง (ค่าเริ่มต้น: โฟลเดอร์ backups ข้างฐานข้อมูล)",
    )
    restore = commands.add_parser(
        "restore", help="กู้คืนฐานข้อมูลและไฟล์หลักฐานจากไฟล์สำรอง (ข้อมูลปัจจุบันจะถูกเก็บสำรองไว้ก่อน)"
    )
    restore.add_argument("--db", dest="restore_db", type=Path, help="ไฟล์ฐานข้อมูลของหน่วยงาน")
    restore.add_argument("backup_file", type=Path, help="ไฟล์สำรอง (*.itadesk-backup.zip)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        if args.self_test:
            return _self_test()
        if args.command == "score":
            return _cmd_score(args)
        if args.command == "demo":
            return _cmd_demo(args)
        if args.command == "proof":
            return _cmd_proof(args)
        if args.command == "render":
            return _cmd_render(args)
        if args.command == "export":
            from itadesk.services.export import cmd_export

            return cmd_export(args)
        if args.command == "import":
            from itadesk.services.score_import import cmd_import

            return cmd_import(args)
        if args.command == "backup":
            from itadesk.services.backup import cmd_backup

            return cmd_backup(args)
        if args.command == "restore":
            from itadesk.services.backup import cmd_restore

            return cmd_restore(args)
        return _run_gui(args)
    except UserError as error:
        print(f"itadesk: {error.message}", file=sys.stderr)
        return error.exit_code


# ------------------------------------------------------------------------ commands


def _cmd_score(args: argparse.Namespace) -> int:
    from itadesk.domain import scoring
    from itadesk.domain.frameworks import FrameworkCatalog
    from itadesk.domain.validation import parse_score
    from itadesk.paths import frameworks_dir

    overrides = {}
    if args.db is not None:
        with _open(args) as store:
            from itadesk.storage.repository import Repository

            overrides = Repository(store).framework_overrides()
    framework = FrameworkCatalog(frameworks_dir(), overrides).get(args.fy)
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


def _cmd_demo(args: argparse.Namespace) -> int:
    from itadesk.services import build_services
    from itadesk.services.demo import create_demo
    from itadesk.storage.database import open_store

    path: Path = args.demo_db
    if path.exists() and path.stat().st_size > 0:
        raise UserError(f"มีไฟล์ {path} อยู่แล้ว — เลือกชื่อไฟล์ใหม่สำหรับข้อมูลตัวอย่าง")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open_store(path, holder="itadesk demo") as store:
        create_demo(build_services(store))
    print(f"สร้างหน่วยงานตัวอย่างใน {path} แล้ว")
    return EXIT_OK


def _cmd_proof(args: argparse.Namespace) -> int:
    from itadesk.documents.context import bundled_context
    from itadesk.documents.fonts import register_fonts
    from itadesk.documents.proof import write_proof_sheet

    context = bundled_context()
    if args.font is not None:
        context = context.replace(fonts=register_fonts(regular=args.font))
    write_proof_sheet(args.output, context)
    print(f"เขียนแผ่นทดสอบการจัดพิมพ์ที่ {args.output} แล้ว")
    return EXIT_OK


def _cmd_render(args: argparse.Namespace) -> int:
    from itadesk.services import build_services

    if args.render_db is not None:
        args.db = args.render_db
    with _open(args) as store:
        services = build_services(store)
        warning = services.settings.document_fonts_warning()
        if warning:
            print(f"คำเตือน: {warning}", file=sys.stderr)
        if args.document in (DocumentKind.MEMO, DocumentKind.REPORT):
            for line in services.documents.preflight(args.fy):
                print(f"คำเตือน: {line}", file=sys.stderr)
        services.documents.render(args.document, args.fy, args.output, round_months=args.round)
    print(f"เขียน {args.output} แล้ว")
    return EXIT_OK


def _self_test() -> int:
    """What a frozen build must be able to do with no network: open a database, render the
    memo and the report with the bundled fonts, frameworks and dictionary, and build the
    window from its .ui files with the Qt plugins it ships."""
    import os
    import tempfile

    from itadesk.services import build_services
    from itadesk.services.demo import create_demo
    from itadesk.storage.database import open_store

    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    with tempfile.TemporaryDirectory(prefix="itadesk-self-test-") as folder:
        os.environ[DATA_DIR_ENV] = folder
        with open_store(Path(folder) / "self-test.sqlite3") as store:
            services = build_services(store)
            create_demo(services)  # the whole year: analysis, measures, a saved round
            for what in (DocumentKind.MEMO, DocumentKind.REPORT):
                output = Path(folder) / f"{what}.pdf"
                services.documents.render(what, 2568, output)
                if not output.read_bytes().startswith(b"%PDF-") or output.stat().st_size < 2000:
                    print(f"self-test: {what}.pdf is not a valid PDF", file=sys.stderr)
                    return 1
                print(f"self-test: {what}.pdf {output.stat().st_size} bytes")
            if not os.environ.get("DISPLAY") and sys.platform.startswith("linux"):
                os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            from itadesk.ui.application import ensure_application
            from itadesk.ui.main_window import MainWindow

            app = ensure_application()
            window = MainWindow(services)
            pages = len(window.pages)
            window.close()
            window.deleteLater()
            app.processEvents()
            print(f"self-test: main window built with {pages} pages")
    print("self-test: OK")
    return EXIT_OK


def _open(args: argparse.Namespace):
    """Open the office file for this command, under the office lock (storage/lock.py)."""
    from itadesk.paths import default_database_path
    from itadesk.storage.database import open_store
    from itadesk.storage.lock import HOLDER_WINDOW

    path = args.db if args.db is not None else default_database_path(args.data_dir)
    holder = f"itadesk {args.command}" if args.command else HOLDER_WINDOW
    return open_store(Path(path), holder=holder)


def _run_gui(args: argparse.Namespace) -> int:
    from itadesk.logconfig import init_logging
    from itadesk.paths import log_dir

    log_path = init_logging(log_dir(args.data_dir))
    log.info("ITADesk %s starting", __version__)
    try:
        store = _open(args)
    except UserError as error:
        from itadesk.ui.application import show_startup_error

        show_startup_error(error.message)
        return error.exit_code
    from itadesk.services import build_services
    from itadesk.ui.application import run_application

    with store:
        return run_application(build_services(store), log_path=log_path)


if __name__ == "__main__":
    sys.exit(main())
