"""Screenshots of every page and the main dialogs of the demo office's window, at a chosen
screen size and scaling, for looking at the layout and for the user guide and the README.

    python tools/screenshots.py --size 1366x768 --scale 1.25 --out build/screenshots/1366x768@125
    python tools/screenshots.py --offices --out build/screenshots   # all three office screens

or, from Python, ``capture((1366, 768), 1.25, Path("build/screenshots"))``.

``size`` is the screen in physical pixels and ``scale`` the desktop's scaling (1.25 for 125 %):
the window sees ``size / scale`` logical pixels, as on an office PC, and fills the screen as
a maximised window would. Without a DISPLAY the window is drawn offscreen on a virtual screen
of that size; with one (an X server such as Xvfb) it is shown there. The demo office is made
in a temporary folder, so nothing of the clerk's is read or written; window sizes and splitter
positions remembered by the app go to that folder too.

Writes one PNG per page (``01-start.png`` …) and per dialog (``dialog-catalogue.png`` …) and
returns their paths. Each picture is the window's own pixels (``QWidget.grab``), at the
screen's physical resolution.

For pictures that stay the same from one run to the next (the user guide's,
``tools/build_guide.py``): ``today`` pins the day the start and tracking pages count from, and
the demo office is then made as if on the day its 6-month round was saved (``DEMO_ROUND_TAKEN``,
before that today: the start page's road shows the day each step was done, which would
otherwise be the day the pictures were taken); ``workspace`` is a fixed folder for the demo
office (emptied first), so the paths the pages show do not change either.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The screens the window must fit (tests/ui/test_layout_fits.py checks the same ones).
OFFICE_SCREENS = (((1366, 768), 1.0), ((1366, 768), 1.25), ((1024, 600), 1.0))

PAGE_FILES = (
    "01-start",
    "02-office",
    "03-scores",
    "04-items",
    "05-analysis",
    "06-measures",
    "07-memo",
    "08-tracking",
    "09-settings",
)


def capture(
    size: tuple[int, int],
    scale: float,
    out_dir: Path,
    *,
    today: date | None = None,
    workspace: Path | None = None,
) -> list[Path]:
    """PNGs of every page and the main dialogs at a screen of ``size`` physical pixels and
    ``scale`` (1.0, 1.25 …) in ``out_dir``; the paths written. ``today``: the day the pages
    count from (default: the real today); ``workspace``: the folder for the demo office
    (default: a new temporary folder).

    Qt reads the scaling once, when the application starts: if this process already has a
    QApplication, the pictures are taken by a fresh Python process instead."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:
            return _capture_in_new_process(size, scale, out_dir, today, workspace)
    return _capture_here(size, scale, out_dir, today, workspace)


def _capture_in_new_process(
    size: tuple[int, int],
    scale: float,
    out_dir: Path,
    today: date | None,
    workspace: Path | None,
) -> list[Path]:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--size",
        f"{size[0]}x{size[1]}",
        "--scale",
        str(scale),
        "--out",
        str(out_dir),
    ]
    if today is not None:
        command += ["--today", today.isoformat()]
    if workspace is not None:
        command += ["--workspace", str(workspace)]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    return [Path(line) for line in result.stdout.splitlines() if line.endswith(".png")]


def _prepare_environment(size: tuple[int, int], scale: float, folder: Path) -> None:
    """Scaling, the virtual screen (no DISPLAY) and a private data folder, before Qt starts."""
    os.environ["QT_SCALE_FACTOR"] = str(scale)
    os.environ["QT_ENABLE_HIGHDPI_SCALING"] = "1"
    os.environ["ITADESK_DATA_DIR"] = str(folder / "data")
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")  # the window's remembered sizes
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    if not os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM", "").startswith(
        "offscreen"
    ):
        config = folder / "offscreen.json"
        screen = {
            "name": "screen",
            "x": 0,
            "y": 0,
            "width": size[0],
            "height": size[1],
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        }
        config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


@contextmanager
def _demo_folder(workspace: Path | None) -> Iterator[Path]:
    """A new temporary folder, or ``workspace`` emptied first; removed afterwards."""
    if workspace is None:
        with tempfile.TemporaryDirectory(prefix="itadesk-screenshots-") as name:
            yield Path(name)
        return
    workspace = Path(workspace)
    shutil.rmtree(workspace, ignore_errors=True)
    workspace.mkdir(parents=True)
    try:
        yield workspace
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


def _capture_here(
    size: tuple[int, int],
    scale: float,
    out_dir: Path,
    today: date | None = None,
    workspace: Path | None = None,
) -> list[Path]:
    with _demo_folder(workspace) as folder:
        _prepare_environment(size, scale, folder)
        from itadesk.services.demo import create_demo
        from itadesk.services.session import OfficeSession

        with OfficeSession.open(folder / "data" / "ตัวอย่าง.sqlite3") as session:
            if today is None:
                create_demo(session.services)
            else:
                from itadesk.services.demo import DEMO_ROUND_TAKEN

                with _stored_clock_at(datetime.combine(DEMO_ROUND_TAKEN, time(10)).astimezone()):
                    create_demo(session.services)
            return _Photographer(session, out_dir, today).run()


@contextmanager
def _stored_clock_at(moment: datetime) -> Iterator[None]:
    """Every time the repositories stamp on a row reads ``moment`` meanwhile (the demo made
    on a fixed day, for pictures that do not change from run to run)."""
    import importlib
    import pkgutil

    import itadesk.storage.repositories as repositories

    stamp = moment.astimezone(UTC).isoformat(timespec="seconds")
    replaced = []
    for info in pkgutil.iter_modules(repositories.__path__):
        module = importlib.import_module(f"{repositories.__name__}.{info.name}")
        if callable(getattr(module, "utc_now", None)):
            replaced.append((module, module.utc_now))
            module.utc_now = lambda: stamp
    try:
        yield
    finally:
        for module, original in replaced:
            module.utc_now = original


class _Photographer:
    """Walks the window: every page, then each dialog opened the way the clerk opens it."""

    def __init__(self, session, out_dir: Path, today: date | None = None) -> None:
        from PySide6.QtCore import QSettings

        from itadesk.ui.application import ensure_application
        from itadesk.ui.main_window import MainWindow

        self.app = ensure_application()
        QSettings.setPath(
            QSettings.Format.IniFormat,
            QSettings.Scope.UserScope,
            os.environ["XDG_CONFIG_HOME"],
        )
        self.out_dir = out_dir
        self.written: list[Path] = []
        self.window = MainWindow(session)
        if today is not None:
            # The pages that count from today (as the tests pin them).
            self.window.start_page._today = today
            self.window.tracking_page._today = today
            self.window.start_page.refresh()
        self.window.setGeometry(self.app.primaryScreen().availableGeometry())
        self.window.showMaximized()
        self.settle(300)

    def settle(self, milliseconds: int = 100) -> None:
        from PySide6.QtCore import QDeadlineTimer, QEventLoop

        deadline = QDeadlineTimer(milliseconds)
        while not deadline.hasExpired():
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    def save(self, widget, name: str) -> None:
        path = self.out_dir / f"{name}.png"
        widget.grab().save(str(path))
        self.written.append(path)

    def run(self) -> list[Path]:
        window = self.window
        for row, name in enumerate(PAGE_FILES):
            window.nav_list.setCurrentRow(row)
            self.settle()
            if window.pages[row] is window.tracking_page:
                self._select_first_step()
                self.settle()
            self.save(window, name)
        self._dialogs()
        window.close()
        self.settle()
        return self.written

    def _select_first_step(self) -> None:
        page = self.window.tracking_page
        model = page.tree.model()
        first_measure = model.index(0, 0)
        if model.rowCount(first_measure):
            page.tree.setCurrentIndex(model.index(0, 0, first_measure))

    def when_modal(self, name: str, action: Callable[[], object]) -> None:
        """Run ``action``, which opens a modal dialog; photograph that dialog and close it."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QDialog

        def photograph() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(100, photograph)
                return
            self.settle(300)
            self.save(dialog, name)
            if isinstance(dialog, QDialog):
                dialog.reject()
            else:
                dialog.close()

        QTimer.singleShot(200, photograph)
        action()
        self.settle()

    def _dialogs(self) -> None:
        from datetime import date

        from itadesk.ui import dialogs

        window = self.window
        pages = window.pages
        window.nav_list.setCurrentRow(pages.index(window.measures_page))
        self.settle()
        self.when_modal("dialog-catalogue", window.measures_page.add_from_catalogue)
        self.when_modal("dialog-export", window.export_action.trigger)
        self.when_modal("dialog-import", window.import_scores_action.trigger)
        window.nav_list.setCurrentRow(pages.index(window.tracking_page))
        self.settle()
        self._select_first_step()
        self.settle()
        tracking = window.tracking_page
        self.when_modal("dialog-link", tracking._add_link)
        self.when_modal(
            "dialog-done-date",
            lambda: dialogs.ask_done_date(
                window,
                "วันที่ดำเนินการแล้วเสร็จ: จัดทำคู่มือการปฏิบัติงาน",
                "รอบรายงาน 6 เดือนปิดไปแล้ว — ระบุวันที่ดำเนินการแล้วเสร็จจริง",
                date.today(),
                lambda _chosen: [],
            ),
        )
        self.when_modal("dialog-about", window._on_about)
        window.nav_list.setCurrentRow(pages.index(window.memo_page))
        self.settle()
        preview = window.memo_page.open_preview(
            window.memo_page.current_document(), window.memo_page.cycle.assessed_year
        )
        if preview is not None:
            for _ in range(300):
                if preview.ready or preview.error_message:
                    break
                self.settle(100)
            self.settle(300)
            self.save(preview, "dialog-preview")
            preview.close()
            self.settle()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="1366x768", help="screen in pixels, e.g. 1024x600")
    parser.add_argument("--scale", type=float, default=1.0, help="scaling, e.g. 1.25")
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNGs")
    parser.add_argument(
        "--offices",
        action="store_true",
        help="every screen offices have (1366x768, 1366x768 at 125 %%, 1024x600), "
        "each in a folder of its own under --out",
    )
    parser.add_argument("--today", type=date.fromisoformat, help="the pages' today, YYYY-MM-DD")
    parser.add_argument("--workspace", type=Path, help="fixed folder for the demo office")
    args = parser.parse_args(argv)
    if args.offices:
        for (width, height), scale in OFFICE_SCREENS:
            name = f"{width}x{height}" + (f"@{round(scale * 100)}" if scale != 1 else "")
            out = args.out / name
            for path in capture(
                (width, height), scale, out, today=args.today, workspace=args.workspace
            ):
                print(path)
        return 0
    width, height = (int(part) for part in args.size.lower().split("x"))
    shots = capture(
        (width, height), args.scale, args.out, today=args.today, workspace=args.workspace
    )
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
