"""Time the window's first preview of the memo and of the report, from the click on the
page's button to the preview showing its pages (prints figures; no asserts on time).

Each run is a fresh process on the demo office, offscreen: the window opens, its background
warm-up (PDF engine, dictionary, fonts) finishes as it would while the clerk reads the start
page, then the memo page's "ดูตัวอย่าง" button is clicked; then the report's. A second
figure clicks without waiting for the warm-up (a clerk who goes straight to the preview).
Target (issue #13): first preview of the memo ≤ 0.3 s after the click.

    python benchmarks/preview.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def one_run(db: Path, warm: bool) -> dict[str, float]:
    """In this (fresh) process: open the window, click the two previews, return seconds."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPushButton

    from itadesk.services.session import OfficeSession
    from itadesk.ui.application import ensure_application
    from itadesk.ui.main_window import MainWindow
    from itadesk.ui.workers import wait_for_tasks

    app = ensure_application()
    figures: dict[str, float] = {}
    with OfficeSession.open(db) as session:
        window = MainWindow(session)
        window.show()
        app.processEvents()
        if warm:
            window.start_warm_up()
            wait_for_tasks(60_000)
        window.nav_list.setCurrentRow(window.pages.index(window.memo_page))
        page = window.memo_page
        buttons = (("memo", "preview_memo_button"), ("report", "preview_report_button"))
        for name, button_name in buttons:
            button = page.widget.findChild(QPushButton, button_name)
            start = time.perf_counter()
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            dialog = page.previews[-1]
            while not (dialog.ready or dialog.error_message):
                QApplication.processEvents()
                time.sleep(0.001)
            figures[name] = time.perf_counter() - start
            if dialog.error_message:
                raise SystemExit(dialog.error_message)
            dialog.close()
        window.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--one-run", nargs=2, metavar=("DB", "WARM"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_run:
        print(json.dumps(one_run(Path(args.one_run[0]), args.one_run[1] == "1")))
        return
    with tempfile.TemporaryDirectory(prefix="itadesk-bench-") as tmp:
        env = dict(os.environ, ITADESK_DATA_DIR=tmp, QT_QPA_PLATFORM="offscreen")
        db = Path(tmp) / "demo.sqlite3"
        subprocess.run(
            [sys.executable, "-m", "itadesk", "demo", "--db", str(db)],
            check=True,
            env=env,
            capture_output=True,
        )
        results: dict[str, list[float]] = {}
        for _ in range(args.runs):
            for warm in (True, False):
                output = subprocess.run(
                    [sys.executable, __file__, "--one-run", str(db), "1" if warm else "0"],
                    check=True,
                    env=env,
                    capture_output=True,
                    text=True,
                ).stdout
                figures = json.loads(output.strip().splitlines()[-1])
                for name, seconds in figures.items():
                    key = f"{name}, {'after the warm-up' if warm else 'straight away'}"
                    results.setdefault(key, []).append(seconds)
    print(f"first preview, click to pages shown (median of {args.runs} fresh windows):")
    for key, values in results.items():
        median = statistics.median(values)
        print(f"  {key:32s} {median:.3f} s ({min(values):.3f}–{max(values):.3f})")


if __name__ == "__main__":
    main()
