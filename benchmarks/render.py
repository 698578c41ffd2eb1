"""Time the Thai PDF engine on realistic documents (prints figures; no asserts on time).

* a 20-page document of Thai paragraphs (justified, first-line indent) and tables;
* a one-page memo-like page (29 pt title, 20 pt labels, 16 pt body, signature block);
* the demo office's documents from data to PDF, and to their Word copies (.docx).

Warm figures: the segmentation dictionary is loaded and one build of each document is run
before timing, as in the app after its first document. Targets (issue #3, 2-core machine):
20 pages <= 1.5 s, one page <= 0.3 s.

    /work/venv/bin/python benchmarks/render.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportlab.lib.units import cm  # noqa: E402
from reportlab.platypus import Spacer  # noqa: E402

from itadesk.documents.linebreak import line_breaker, load_dictionary  # noqa: E402
from itadesk.documents.page import CheckLine, PageSetup, build_pdf  # noqa: E402
from itadesk.documents.proof import load_samples  # noqa: E402
from itadesk.documents.shaping import shape  # noqa: E402
from itadesk.documents.text import ThaiParagraph, ThaiStyle, thai_table  # noqa: E402

BODY = (
    "ตามที่องค์การบริหารส่วนตำบลได้เข้ารับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
    "ของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ซึ่งสำนักงาน ป.ป.ช. ได้ประกาศผลคะแนน ITA "
    "เท่ากับ ๙๙.๖๖ คะแนน นั้น บัดนี้ หน่วยงานได้วิเคราะห์ผลการประเมินรายตัวชี้วัด {n} "
    "และจัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน เพื่อให้การปฏิบัติหน้าที่"
    "เป็นไปตามประมวลจริยธรรม รวมทั้งเผยแพร่ข้อมูลการจัดซื้อจัดจ้างบนเว็บไซต์ของหน่วยงาน"
    "อย่างครบถ้วนและเป็นปัจจุบัน"
)


def twenty_pages(run: int = 0) -> list:
    samples = load_samples()
    body = ThaiStyle(alignment="justify", first_line_indent=2.5 * cm, space_before=6)
    label = ThaiStyle(font_size=20, bold=True, space_before=8, keep_with_next=True)
    out: list = []
    n = 0
    for section in range(9):
        out.append(ThaiParagraph(f"ส่วนที่ {section + 1} ผลการประเมินและมาตรการ", label))
        for _ in range(5):
            n += 1
            out.append(ThaiParagraph(BODY.format(n=f"{run}.{n}"), body, markup=False))
        rows = [["ที่", "ตัวชี้วัด / ข้อ", "ผลการดำเนินงาน", "คะแนน"]]
        for i, s in enumerate(samples[:7], 1):
            rows.append([str(i), s[:40], f"{s} ({run})", f"{90 + i}.{i}{i}"])
        out.append(thai_table(rows, [1.2 * cm, 4 * cm, 8.3 * cm, 2.5 * cm]))
    return out


def one_page(run: int = 0) -> list:
    title = ThaiStyle(font_size=29, bold=True, alignment="center", space_after=6)
    label = ThaiStyle(font_size=20, bold=True)
    body = ThaiStyle(alignment="justify", first_line_indent=2.5 * cm, space_before=6)
    sign = ThaiStyle(alignment="center", left_indent=7 * cm)
    return [
        ThaiParagraph("บันทึกข้อความ", title),
        ThaiParagraph("<b>ส่วนราชการ</b> สำนักปลัด องค์การบริหารส่วนตำบลท้ายหาด", label),
        ThaiParagraph("<b>ที่</b> สส ๗๑๕๐๑/๖๕๖        <b>วันที่</b> ๓๐ กันยายน ๒๕๖๘", label),
        ThaiParagraph("<b>เรื่อง</b> รายงานผลการประเมิน ITA และมาตรการส่งเสริมคุณธรรม", label),
        ThaiParagraph("เรียน นายกองค์การบริหารส่วนตำบลท้ายหาด", ThaiStyle(space_before=6)),
        *[ThaiParagraph(BODY.format(n=f"{run}.{n}"), body, markup=False) for n in (1, 2)],
        CheckLine("เห็นควรเผยแพร่ผลการประเมินบนเว็บไซต์", True),
        CheckLine("เห็นควรแจ้งเวียนทุกกอง", False),
        Spacer(1, 24),
        ThaiParagraph("(นายสมชาย ใจดี)", sign),
        ThaiParagraph("ปลัดองค์การบริหารส่วนตำบลท้ายหาด", sign),
    ]


def time_build(make, out: Path, runs: int, cold: bool) -> tuple[float, int]:
    """Median build time. Every run has new paragraph text (so paragraph segmentation is
    redone); with ``cold`` the shaping and break caches are also emptied before each run."""
    build_pdf(make(0), out, PageSetup(), invariant=True)  # warm: fonts registered, imports
    times = []
    for run in range(1, runs + 1):
        if cold:
            shape.cache_clear()
            line_breaker().clear_caches()
        flowables = make(run)
        t = time.perf_counter()
        build_pdf(flowables, out, PageSetup(), invariant=True)
        times.append(time.perf_counter() - t)
    import pypdfium2 as pdfium

    pages = len(pdfium.PdfDocument(str(out)))
    return statistics.median(times), pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)
    t = time.perf_counter()
    load_dictionary()
    print(f"dictionary ready (once per process): {1000 * (time.perf_counter() - t):.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        for cold in (False, True):
            label = "empty shaping caches" if cold else "warm caches"
            big, pages = time_build(twenty_pages, Path(tmp) / "big.pdf", args.runs, cold)
            one, pages1 = time_build(one_page, Path(tmp) / "memo.pdf", args.runs, cold)
            print(f"[{label}] {pages}-page document: median {big:.3f} s (target <= 1.5 s)")
            print(f"[{label}] {pages1}-page memo-like page: median {one:.3f} s (target <= 0.3 s)")
        demo_report(Path(tmp), args.runs)
    return 0


def demo_report(folder: Path, runs: int) -> None:
    """Issue #4: the demo office's full analysis report (all ten indicators, every item
    score of 2566, 15 measures) from the database to the PDF, and its memo."""
    from itadesk.services.demo import create_demo
    from itadesk.services.session import OfficeSession

    with OfficeSession.open(folder / "demo.sqlite3") as session:
        services = session.services
        create_demo(services)
        plan = services.analysis.plan_redraft(2566)
        services.analysis.apply_redraft(2566, plan, overwrite_edited=False)
        for entry in services.measures.catalogue()[:15]:
            services.measures.add_from_catalogue(2567, entry.key)
        for what, target in (("report", 2.0), ("memo", 0.3)):
            output = folder / f"demo-{what}.pdf"
            services.documents.render(what, 2566, output)  # warm: fonts and caches loaded
            timings = []
            for _ in range(runs):
                start = time.perf_counter()
                services.documents.render(what, 2566, output)
                timings.append(time.perf_counter() - start)
            print(
                f"[demo office] {what} from data to PDF: median {statistics.median(timings):.3f} s "
                f"(target <= {target} s)"
            )
    word_copies(folder, runs)


def word_copies(folder: Path, runs: int) -> None:
    """Issue #12: each of the demo office's five documents from the data to its PDF and to its
    Word copy (.docx); the Word copy must take no longer than the PDF."""
    from itadesk.services.demo import create_demo
    from itadesk.services.session import OfficeSession

    documents = (
        ("memo", 2568),
        ("publish-memo", 2568),
        ("report", 2568),
        ("results", 2569),
        ("results-memo", 2569),
    )
    with OfficeSession.open(folder / "demo-word.sqlite3") as session:
        services = session.services
        create_demo(services)
        for what, year in documents:
            medians = {}
            for suffix in (".pdf", ".docx"):
                output = folder / f"word-{what}{suffix}"
                services.documents.render(what, year, output)  # warm
                timings = []
                for _ in range(runs):
                    start = time.perf_counter()
                    services.documents.render(what, year, output)
                    timings.append(time.perf_counter() - start)
                medians[suffix] = statistics.median(timings)
            verdict = "ok" if medians[".docx"] <= medians[".pdf"] else "SLOWER THAN THE PDF"
            print(
                f"[demo office] {what}: PDF {medians['.pdf']:.3f} s, "
                f"Word {medians['.docx']:.3f} s ({verdict})"
            )


if __name__ == "__main__":
    raise SystemExit(main())
