"""Composition root: ``itadesk`` opens the window, ``itadesk <command>`` runs the command line
(itadesk/cli.py), ``itadesk --self-test`` checks an installation.

Order matters for the window: parse arguments → resolve paths → logging → open the office
session (lock, check, migrate) → only then import Qt and create the window. Commands that need
no window never import PySide6, so they stay fast and work on a machine without a display.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from itadesk import __version__
from itadesk.domain.documents import DocumentKind
from itadesk.errors import UserError
from itadesk.paths import DATA_DIR_ENV

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_USER_ERROR = 2


def main(argv: Sequence[str] | None = None) -> int:
    """``itadesk`` with a subcommand runs the command line (itadesk/cli.py); ``--self-test``
    checks an installation; with neither, the window opens."""
    from itadesk import cli

    args = cli.parse(argv)
    try:
        if args.self_test:
            return _self_test()
        if args.command is not None:
            return cli.run(args)
        return _run_gui(args)
    except UserError as error:
        print(f"itadesk: {error.message}", file=sys.stderr)
        return error.exit_code


def _self_test() -> int:
    """What a frozen build must be able to do with no network: open a database, render the
    memo and the report with the bundled fonts, frameworks and dictionary, build the
    window from its .ui files with the Qt plugins it ships, and find the user guide with
    every picture it shows."""
    import os
    import tempfile

    from itadesk.services.demo import create_demo
    from itadesk.services.session import OfficeSession

    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    with tempfile.TemporaryDirectory(prefix="itadesk-self-test-") as folder:
        os.environ[DATA_DIR_ENV] = folder
        with OfficeSession.open(Path(folder) / "self-test.sqlite3") as session:
            services = session.services
            create_demo(services)  # the whole year: analysis, measures, a saved round
            for what in (DocumentKind.MEMO, DocumentKind.REPORT):
                output = Path(folder) / f"{what}.pdf"
                services.documents.render(what, 2568, output)
                if not output.read_bytes().startswith(b"%PDF-") or output.stat().st_size < 2000:
                    print(f"self-test: {what}.pdf is not a valid PDF", file=sys.stderr)
                    return 1
                print(f"self-test: {what}.pdf {output.stat().st_size} bytes")
            # The web bundle, with its render helper process when there are two cores (in
            # the frozen program the helper is this executable again: freeze_support).
            from itadesk.services.export import prepare_bundle

            bundle = prepare_bundle(services, 2568, Path(folder) / "web.zip")
            if bundle.helper is not None:
                bundle.helper.warm.result(timeout=120)
            bundle.run()
            print(
                f"self-test: web bundle {len(bundle.steps)} files, "
                f"{bundle.rendered_by_helper} documents rendered by the helper process"
            )
            if not os.environ.get("DISPLAY") and sys.platform.startswith("linux"):
                os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            from itadesk.ui.application import ensure_application
            from itadesk.ui.main_window import MainWindow

            app = ensure_application()
            window = MainWindow(session)
            pages = len(window.pages)
            window.close()
            window.deleteLater()
            app.processEvents()
            print(f"self-test: main window built with {pages} pages")
            from itadesk.ui.guide import guide_index, guide_problems

            problems = guide_problems()
            if problems:
                print(f"self-test: user guide incomplete: {problems}", file=sys.stderr)
                return 1
            print(f"self-test: user guide {guide_index().stat().st_size} bytes")
    print("self-test: OK")
    return EXIT_OK


def _run_gui(args: argparse.Namespace) -> int:
    from itadesk.gui_check import window_problem
    from itadesk.logconfig import init_logging
    from itadesk.paths import log_dir

    # Before any folder, log, lock or database is created: Qt aborts when it cannot start.
    problem = window_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return EXIT_USER_ERROR
    log_path = init_logging(log_dir(args.data_dir))
    log.info("ITADesk %s starting", __version__)
    from itadesk.cli import database_path
    from itadesk.services.session import CloudFolderError, OfficeSession

    path = database_path(args)
    try:
        try:
            session = OfficeSession.open(path)
        except CloudFolderError as error:
            from itadesk.ui.application import offer_copy_to_pc

            copied = offer_copy_to_pc(error, path)
            if copied is None:
                return error.exit_code
            session = OfficeSession.open(copied)
            # Backups go where the file was: one finished ZIP at a time syncs safely.
            with contextlib.suppress(UserError):
                session.services.settings.set_backup_folder(path.parent)
    except UserError as error:
        from itadesk.ui.application import show_startup_error

        show_startup_error(error.message)
        return error.exit_code
    from itadesk.ui.application import run_application

    with session:
        return run_application(session, log_path=log_path)


if __name__ == "__main__":
    sys.exit(main())
