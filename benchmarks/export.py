"""Time the web bundle of the demo office (prints figures; no asserts on time).

The demo database is created with ``python -m itadesk demo``, then an analysis is drafted for
2568 (a few sections edited), and five measures of 2569 are added through the services. Each
run exports the whole bundle (3 PDFs, index.html, data.json, 3 CSV files, manifest) to a new
folder and to a new ZIP. The first export of the process (fonts and the segmentation dictionary
loading) is reported separately; the median is of the warm runs. Target: <= 3 s.

    /work/venv/bin/python benchmarks/export.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from itadesk.domain.analysis import SUMMARY, SectionKey  # noqa: E402
from itadesk.services.export import export_bundle  # noqa: E402
from itadesk.services.session import OfficeSession  # noqa: E402

FISCAL_YEAR = 2568


def make_demo(folder: Path) -> Path:
    db = folder / "demo.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "itadesk", "demo", "--db", str(db)],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    with OfficeSession.open(db) as session:
        services = session.services
        analysis = services.analysis
        analysis.apply_redraft(
            FISCAL_YEAR, analysis.plan_redraft(FISCAL_YEAR), overwrite_edited=False
        )
        for number in (6, 8):
            key = SectionKey(number, "weaknesses")
            text = analysis.analysis(FISCAL_YEAR).text(number, "weaknesses")
            analysis.set_text(FISCAL_YEAR, key, text + " (แก้ไขโดยเจ้าหน้าที่)")
        analysis.set_text(
            FISCAL_YEAR,
            SectionKey(None, SUMMARY),
            "ภาพรวมคะแนนดีขึ้นทุกเครื่องมือ หน่วยงานจะเร่งปรับปรุงตัวชี้วัดที่ ๘ เป็นลำดับแรก",
        )
        for entry in services.measures.catalogue()[:5]:
            services.measures.add_from_catalogue(FISCAL_YEAR + 1, entry.key)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = make_demo(folder)
        with OfficeSession.open(db) as session:
            services = session.services
            start = time.perf_counter()
            export_bundle(services, FISCAL_YEAR, folder / "cold")
            cold = time.perf_counter() - start
            timings: dict[str, list[float]] = {"folder": [], "zip": []}
            for run in range(args.runs):
                for mode, name in (("folder", f"web-{run}"), ("zip", f"web-{run}.zip")):
                    start = time.perf_counter()
                    export_bundle(services, FISCAL_YEAR, folder / name)
                    timings[mode].append(time.perf_counter() - start)
            size = sum(p.stat().st_size for p in (folder / "web-0").rglob("*") if p.is_file())
            files = sum(1 for p in (folder / "web-0").rglob("*") if p.is_file())
    print(f"demo bundle {FISCAL_YEAR}: {files} files, {size / 1024:.0f} KB")
    print(f"first export in the process (cold): {cold:.2f} s")
    for mode, values in timings.items():
        print(
            f"{mode:6s} median {statistics.median(values):.2f} s "
            f"(min {min(values):.2f}, max {max(values):.2f}, {len(values)} runs; target <= 3 s)"
        )


if __name__ == "__main__":
    main()
