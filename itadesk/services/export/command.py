"""``itadesk export``: the command-line glue around the export service (parse ``--add``,
open the office, print warnings and the result). It is the only part of the export that reads
``argparse`` values or prints; it moves with the rest of the CLI to ``itadesk/cli.py``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from itadesk.errors import UserError
from itadesk.services.export.plan import prepare_bundle


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


def cmd_export(args: argparse.Namespace) -> int:
    """``itadesk export --db PATH --fy 2568 -o DIR_or_ZIP [--add FOLDER=FILE ...]``."""
    from itadesk.paths import default_database_path
    from itadesk.services.session import OfficeSession

    db = getattr(args, "export_db", None) or getattr(args, "db", None)
    path = Path(db) if db is not None else default_database_path(getattr(args, "data_dir", None))
    additions = parse_additions(getattr(args, "add", None) or [])
    with OfficeSession.open(path, holder="itadesk export") as session:
        services = session.services
        warning = services.settings.apply_document_fonts()
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
