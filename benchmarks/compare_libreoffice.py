"""ITADesk against LibreOffice Writer on the same documents, as whole processes (issue #13).

For the demo office this builds the text of the analysis memo and of the analysis report
(every paragraph ITADesk prints, without the chart and table rules) as flat ODF documents
(.fodt, Sarabun 16 pt, A4, 2.5/2 cm margins). It then times, alternating run by run so both
see the same machine load:

* ``soffice --headless --convert-to pdf`` on the .fodt (LibreOffice's own cold start included,
  as a clerk converting a file would pay it), and
* ``itadesk render memo|report`` as a fresh process (Python start-up, imports, fonts and the
  break dictionary included).

It prints the medians and the ratio. It skips with a clear message when LibreOffice is absent.

    python benchmarks/compare_libreoffice.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Sarabun" svg:font-family="Sarabun"
  xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:text-align="justify"/>
  <style:text-properties style:font-name="Sarabun" fo:font-size="16pt"
   style:font-name-complex="Sarabun" style:font-size-complex="16pt" fo:language="th"
   fo:country="TH" style:language-complex="th" style:country-complex="TH"/>
 </style:default-style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.5cm" fo:margin-right="2cm"/>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1"/>
</office:master-styles>
<office:body><office:text>
"""
FODT_TAIL = "</office:text></office:body></office:document>\n"


def fodt(paragraphs: list[str]) -> str:
    body = "".join(f"<text:p>{escape(p)}</text:p>\n" for p in paragraphs if p.strip())
    return FODT_HEAD + body + FODT_TAIL


def document_texts(db: Path) -> dict[str, list[str]]:
    """The paragraphs ITADesk prints for the demo's memo and report, read back from its own
    PDFs (so both programs set exactly the same words)."""
    import pypdfium2 as pdfium

    texts: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for kind in ("memo", "report"):
            pdf = Path(folder) / f"{kind}.pdf"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "itadesk",
                    "render",
                    kind,
                    "--db",
                    str(db),
                    "--fy",
                    "2568",
                    "-o",
                    str(pdf),
                ],
                check=True,
                capture_output=True,
                env=_env(db.parent),
            )
            document = pdfium.PdfDocument(str(pdf))
            lines: list[str] = []
            for page in document:
                lines += page.get_textpage().get_text_range().replace("\r", "").split("\n")
            document.close()
            texts[kind] = lines
    return texts


def _env(folder: Path) -> dict[str, str]:
    return dict(os.environ, ITADESK_DATA_DIR=str(folder), PYTHAINLP_READ_ONLY="1")


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, timeout=300)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice (soffice) is not installed: comparison skipped.")
        print("On Debian: apt install libreoffice-writer-nogui")
        return
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        db = folder / "demo.sqlite3"
        env = _env(folder)
        subprocess.run(
            [sys.executable, "-m", "itadesk", "demo", "--db", str(db)],
            check=True,
            capture_output=True,
            env=env,
        )
        texts = document_texts(db)
        profile = folder / "lo-profile"
        lo_env = dict(env, HOME=str(folder))
        for kind, paragraphs in texts.items():
            source = folder / f"{kind}.fodt"
            source.write_text(fodt(paragraphs), encoding="utf-8")
            ours_cmd = [
                sys.executable,
                "-m",
                "itadesk",
                "render",
                kind,
                "--db",
                str(db),
                "--fy",
                "2568",
                "-o",
                str(folder / f"ours-{kind}.pdf"),
            ]
            lo_cmd = [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder / "lo"),
                str(source),
            ]
            timed(lo_cmd, lo_env)  # first LibreOffice start creates its profile: not counted
            timed(ours_cmd, env)
            ours, theirs = [], []
            for _ in range(args.runs):
                ours.append(timed(ours_cmd, env))
                theirs.append(timed(lo_cmd, lo_env))
            ours_median, theirs_median = statistics.median(ours), statistics.median(theirs)
            print(
                f"{kind}: ITADesk {ours_median:.2f} s (min {min(ours):.2f}), "
                f"LibreOffice {theirs_median:.2f} s (min {min(theirs):.2f}); "
                f"LibreOffice/ITADesk = {theirs_median / ours_median:.2f}× "
                f"({args.runs} alternating runs, whole processes)"
            )


if __name__ == "__main__":
    main()
