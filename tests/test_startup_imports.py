"""What each entry point loads (issue #13): the window's start-up never loads the PDF engine,
the break dictionary or the Word and Excel libraries, and the command line's document commands
never load Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("reportlab", "uharfbuzz", "pythainlp", "docx", "PIL", "lxml", "jinja2", "openpyxl")


def loaded_after(script: str, tmp_path: Path) -> set[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ITADESK_DATA_DIR=str(tmp_path))
    env["PYTHONPATH"] = str(ROOT)
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            script + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    names = json.loads(completed.stdout.strip().splitlines()[-1])
    return {name.split(".")[0] for name in names}


def test_the_window_starts_without_the_pdf_engine_or_the_dictionary(tmp_path: Path) -> None:
    script = (
        "from pathlib import Path\n"
        "from itadesk.services.session import OfficeSession\n"
        "from itadesk.ui.application import ensure_application\n"
        "from itadesk.ui.main_window import MainWindow\n"
        f"session = OfficeSession.open(Path({str(tmp_path / 'office.sqlite3')!r}))\n"
        "app = ensure_application()\n"
        "window = MainWindow(session)\n"
        "window.show()\n"
        "app.processEvents()\n"
    )
    loaded = loaded_after(script, tmp_path)
    assert "PySide6" in loaded
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_document_commands_never_load_qt(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    script = (
        "from itadesk import cli\n"
        f"assert cli.main(['demo', '--db', {str(db)!r}]) == 0\n"
        f"assert cli.main(['render', 'memo', '--db', {str(db)!r}, '--fy', '2568',"
        f" '-o', {str(tmp_path / 'memo.pdf')!r}]) == 0\n"
    )
    loaded = loaded_after(script, tmp_path)
    assert "reportlab" in loaded
    assert "PySide6" not in loaded and "shiboken6" not in loaded


def test_reportlab_runs_with_its_c_accelerators() -> None:
    from reportlab.lib import rl_accel

    assert "asciiBase85Encode" in rl_accel._c_funcs and "fp_str" in rl_accel._c_funcs
