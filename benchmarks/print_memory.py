"""Peak memory and time of printing a long report through the preview's print path.

The demo office's analysis report for 2566, with catalogue measures added until it has at
least 25 pages, is built in a child process (so the report builder's own memory is not
counted). This process then opens it in the preview dialog, as the clerk does, and prints it
with ``PreviewDialog.print_document`` (the code behind the toolbar's print button, after the
print dialog) into a ``QPrinter`` in PDF format at 600 dpi. It prints the page count, the time
and the peak resident memory (``ru_maxrss``) of the printing process. Target (issue #9):
a 25-page report to a 600 dpi printer under 500 MB.

    PYTHONPATH=. .venv/bin/python benchmarks/print_memory.py [--dpi 600] [--pdf some.pdf]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MIN_PAGES = 25
TARGET_MB = 500


def build_long_report(output: Path) -> int:
    """The demo office's 2566 analysis report, drafted, with measures until >= 25 pages."""
    import pypdfium2 as pdfium

    from itadesk.services.demo import create_demo
    from itadesk.services.session import OfficeSession

    with OfficeSession.open(output.with_suffix(".sqlite3")) as session:
        services = session.services
        create_demo(services)
        plan = services.analysis.plan_redraft(2566)
        services.analysis.apply_redraft(2566, plan, overwrite_edited=False)
        catalogue = iter(services.measures.catalogue())
        while True:
            services.documents.render("report", 2566, output)
            pages = len(pdfium.PdfDocument(str(output)))
            if pages >= MIN_PAGES:
                return pages
            for entry in (next(catalogue), next(catalogue)):
                services.measures.add_from_catalogue(2567, entry.key)


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes vs KiB


def print_through_preview(pdf: Path, output: Path, dpi: int) -> None:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from itadesk.services.documents import PreparedDocument
    from itadesk.ui.application import ensure_application
    from itadesk.ui.preview import PreviewDialog, save_copy_atomically
    from itadesk.ui.workers import wait_for_tasks

    ensure_application()
    prepared = PreparedDocument(
        "รายงานทดสอบการพิมพ์", pdf.name, lambda target: save_copy_atomically(pdf, target)
    )
    dialog = PreviewDialog(prepared)
    dialog.start()
    wait_for_tasks()
    QApplication.processEvents()  # deliver the worker's "rendered" signal
    assert dialog.ready, dialog.error_message
    pages = dialog.document.pageCount()

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(dpi)
    printer.setOutputFileName(str(output))
    before = peak_rss_mb()
    start = time.perf_counter()
    assert dialog.print_document(printer), "printing failed"
    seconds = time.perf_counter() - start
    peak = peak_rss_mb()
    dialog.done(0)
    verdict = "OK" if peak < TARGET_MB else "OVER TARGET"
    print(f"{pages} pages to a {printer.resolution()} dpi PDF printer: {seconds:.1f} s")
    print(f"peak RSS before printing: {before:.0f} MB; peak RSS after: {peak:.0f} MB")
    print(f"target < {TARGET_MB} MB: {verdict}; printed file {output.stat().st_size / 1e6:.1f} MB")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dpi", type=int, default=600)
    ap.add_argument("--pdf", type=Path, help="print this PDF instead of building the report")
    ap.add_argument("--build-only", type=Path, help=argparse.SUPPRESS)  # the child process
    args = ap.parse_args(argv)
    if args.build_only:
        print(f"built {build_long_report(args.build_only)} pages")
        return 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="itadesk-print-bench-") as tmp:
        folder = Path(tmp)
        pdf = args.pdf
        if pdf is None:
            pdf = folder / "report.pdf"
            environment = {**os.environ, "ITADESK_DATA_DIR": str(folder / "data")}
            subprocess.run(
                [sys.executable, __file__, "--build-only", str(pdf)], check=True, env=environment
            )
        print_through_preview(pdf, folder / "printed.pdf", args.dpi)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
