"""The web bundle as an office uploads it: contents, hashes, escaping, the documented data shape,
atomic replacement (kill, disk full) and what a browser shows."""

from __future__ import annotations

import builtins
import errno
import hashlib
import html
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from itadesk.domain.documents import DocumentKind
from itadesk.domain.measure_rules import timeline_bounds
from itadesk.domain.measures import Measure
from itadesk.domain.thai_text import to_thai_digits
from itadesk.errors import UserError
from itadesk.services.export import (
    BUNDLE_FORMAT,
    export_bundle,
    prepare_bundle,
)

REPO = Path(__file__).resolve().parents[2]  # the checkout, not the installed package
SCHEMA_DOC = REPO / "docs" / "bundle-schema.md"
XSS_TITLE = "<script>alert(1)</script>"
OFFICE_NAME = "หนองตัวอย่าง \"ทดสอบ\" & <b>'คำพูด'"


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def ready(scored_services):
    """The demo office's scores with an analysis and measures for two bundle years (2566,
    2568), and no round saved yet."""
    services = scored_services
    for year in (2566, 2568):
        services.analysis.apply_redraft(
            year, services.analysis.plan_redraft(year), overwrite_edited=False
        )
        for entry in services.measures.catalogue()[:3]:
            services.measures.add_from_catalogue(year + 1, entry.key)
    return services


def read_manifest(root: Path) -> dict[str, Any]:
    return json.loads((root / "manifest.json").read_text(encoding="utf-8"))


def verify_folder(root: Path) -> dict[str, Any]:
    """Every listed file has its size and SHA-256; nothing unlisted is there."""
    manifest = read_manifest(root)
    assert manifest["format"] == BUNDLE_FORMAT
    listed = {entry["path"] for entry in manifest["files"]}
    present = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    assert present == listed | {"manifest.json"}
    for entry in manifest["files"]:
        data = (root / entry["path"]).read_bytes()
        assert len(data) == entry["size"], entry["path"]
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
        assert entry["path"].isascii()
        assert entry["title_th"]
    return manifest


def siblings(folder: Path) -> set[str]:
    """What is in ``folder``, the app's own data folder of the test left out (it may appear
    during an export: the word-list cache lives there)."""
    return {p.name for p in folder.iterdir() if p.name != "itadesk-data"}


def schema(name: str) -> dict[str, Any]:
    """A JSON Schema from docs/bundle-schema.md, picked by its $id."""
    text = SCHEMA_DOC.read_text(encoding="utf-8")
    for block in re.findall(r"```json\n(.*?)```", text, flags=re.S):
        data = json.loads(block)
        if data.get("$id") == name:
            return data
    raise AssertionError(f"schema {name} not documented")


def validate(value: Any, rule: dict[str, Any], where: str = "$") -> None:
    """The subset of JSON Schema the documentation uses (values parsed with Decimal)."""
    kinds = rule.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        checks = {
            "object": lambda v: isinstance(v, dict),
            "array": lambda v: isinstance(v, list),
            "string": lambda v: isinstance(v, str),
            "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "number": lambda v: isinstance(v, (int, Decimal)) and not isinstance(v, bool),
            "boolean": lambda v: isinstance(v, bool),
            "null": lambda v: v is None,
        }
        assert any(checks[k](value) for k in kinds), f"{where}: {value!r} is not {kinds}"
    if "enum" in rule:
        assert value in rule["enum"], f"{where}: {value!r} not in {rule['enum']}"
    if isinstance(value, str) and "pattern" in rule:
        assert re.search(rule["pattern"], value), f"{where}: {value!r} !~ {rule['pattern']}"
    if isinstance(value, str) and rule.get("format") == "date":
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), where
    if isinstance(value, str) and rule.get("format") == "date-time":
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}", value), where
    if isinstance(value, Decimal) and "multipleOf" in rule:
        assert value % Decimal(str(rule["multipleOf"])) == 0, f"{where}: {value}"
    if isinstance(value, dict):
        for key in rule.get("required", []):
            assert key in value, f"{where}: missing {key}"
        properties = rule.get("properties", {})
        extra = rule.get("additionalProperties", True)
        for key, member in value.items():
            if key in properties:
                validate(member, properties[key], f"{where}.{key}")
            elif extra is False:
                raise AssertionError(f"{where}: undocumented field {key}")
            elif isinstance(extra, dict):
                validate(member, extra, f"{where}.{key}")
    if isinstance(value, list) and "items" in rule:
        for index, member in enumerate(value):
            validate(member, rule["items"], f"{where}[{index}]")


def two_decimals(text: str) -> Decimal:
    assert re.fullmatch(r"-?\d+\.\d{2}", text), f"number {text} is not written with 2 decimals"
    return Decimal(text)


# --------------------------------------------------------------------------- contents


def test_folder_bundle_of_a_year_with_item_codes(ready, tmp_path: Path) -> None:
    target = tmp_path / "web-2566"
    ignored = siblings(tmp_path)  # the database and the data folder
    steps: list[tuple[int, int]] = []
    assert export_bundle(ready, 2566, target, progress=lambda d, t: steps.append((d, t))) == target
    manifest = verify_folder(target)
    assert manifest["fiscal_year"] == 2566 and manifest["plan_year"] == 2567
    assert manifest["office"]["full_name"] == "องค์การบริหารส่วนตำบลหนองตัวอย่าง"
    paths = {entry["path"]: entry for entry in manifest["files"]}
    report = paths["O42/ita-2566-analysis-measures-2567.pdf"]
    assert report["title_th"] == "รายงานผลการวิเคราะห์และมาตรการ"
    assert paths["O42/ita-2566-memo-analysis.pdf"]["kind"] == "memo"
    assert (target / "O42/ita-2566-memo-analysis.pdf").read_bytes().startswith(b"%PDF")
    for name in ("index.html", "data.json", "scores.csv", "items.csv", "analysis.csv"):
        assert name in paths
    assert "measures.csv" in paths
    folders = {f["name"]: f for f in manifest["folders"]}
    assert folders["O42"]["item_code_known"] is True and folders["O42"]["kind"] == "measures"
    # progress: starts at 0, rises by one, ends at the total
    assert steps[0][0] == 0 and steps[-1][0] == steps[-1][1]
    assert [d for d, _ in steps] == list(range(len(steps)))
    # no staging, aside or lock left next to the bundle
    assert siblings(tmp_path) - ignored == {"web-2566"}
    page = (target / "index.html").read_text(encoding="utf-8")
    assert 'href="O42/ita-2566-analysis-measures-2567.pdf"' in page
    assert "O42 มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in page


def test_year_without_document_items_uses_kind_folders(ready, tmp_path: Path) -> None:
    assert not ready.frameworks.get(2568).document_items
    target = tmp_path / "web-2568"
    export_bundle(ready, 2568, target)
    manifest = verify_folder(target)
    assert [f["name"] for f in manifest["folders"]] == ["measures"]
    folder = manifest["folders"][0]
    assert folder["item_code"] is None and folder["item_code_known"] is False
    assert "ยังไม่ทราบเลขข้อ OIT" in folder["note_th"]
    assert (target / "measures" / "ita-2568-analysis-measures-2569.pdf").is_file()
    assert not any(re.fullmatch(r"O\d+", p.name) for p in target.iterdir())
    assert not (target / "items.csv").exists()  # no item scores for 2568
    # results are left out (no saved round) and the manifest says why
    assert any(s["kind"] == "results" for s in manifest["skipped"])


def test_zip_bundle_has_the_same_verified_contents(ready, tmp_path: Path) -> None:
    target = tmp_path / "web-2566.zip"
    ignored = siblings(tmp_path)
    export_bundle(ready, 2566, target)
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        assert names == {e["path"] for e in manifest["files"]} | {"manifest.json"}
        for entry in manifest["files"]:
            data = archive.read(entry["path"])
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
            assert len(data) == entry["size"]
    assert siblings(tmp_path) - ignored == {"web-2566.zip"}


def test_invariant_bundles_are_byte_identical(ready, tmp_path: Path) -> None:
    first = export_bundle(ready, 2566, tmp_path / "a.zip", invariant=True).read_bytes()
    second = export_bundle(ready, 2566, tmp_path / "b.zip", invariant=True).read_bytes()
    assert first == second
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(first)).read("manifest.json"))
    assert manifest["created_at"] == "2000-01-01T00:00:00+00:00"


# --------------------------------------------------------------------------- data


def test_data_json_matches_the_documented_schema(ready, tmp_path: Path) -> None:
    target = export_bundle(ready, 2566, tmp_path / "web")
    text = (target / "data.json").read_text(encoding="utf-8")
    data = json.loads(text, parse_float=two_decimals)
    validate(data, schema("itadesk-bundle-data/1"))
    validate(
        json.loads((target / "manifest.json").read_text(encoding="utf-8"), parse_float=Decimal),
        schema("itadesk-bundle/1"),
    )
    summary = ready.scores.summary(2566)
    assert data["result"]["total"] == summary.result.total
    assert data["result"]["rating"] == summary.result.rating.label
    assert [i["score"] for i in data["indicators"]] == [
        summary.indicator_scores[n] for n in range(1, 11)
    ]
    assert '"weight": 0.30' in text  # numbers keep two decimals in the file itself
    measures = ready.measures.measures(2567)
    assert [m["title"] for m in data["measures"]] == [m.title for m in measures]
    start, end = timeline_bounds(measures[0].timeline, 2567)
    assert data["measures"][0]["timeline"]["start"] == start.isoformat()  # CE, e.g. 2023-10-01
    assert data["measures"][0]["timeline"]["end"] == end.isoformat()
    assert {d["path"] for d in data["documents"]} == {
        e["path"] for e in read_manifest(target)["files"] if e["folder"]
    }


def test_csv_files_open_in_excel_and_match_the_data(ready, tmp_path: Path) -> None:
    target = export_bundle(ready, 2566, tmp_path / "web")
    raw = (target / "scores.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    import csv

    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["row_type"] == "tool" and rows[0]["code"] == "IIT"
    assert rows[0]["weight"] == "0.30"
    indicators = [r for r in rows if r["row_type"] == "indicator"]
    assert len(indicators) == 10
    assert all(re.fullmatch(r"\d+\.\d{2}", r["score"]) for r in indicators)
    total = rows[-1]
    assert total["row_type"] == "total"
    assert total["rating"] == ready.scores.summary(2566).result.rating.label
    measures = list(
        csv.DictReader(io.StringIO((target / "measures.csv").read_text(encoding="utf-8-sig")))
    )
    assert [m["title"] for m in measures] == [m.title for m in ready.measures.measures(2567)]
    assert measures[0]["steps"].startswith("1) ")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", measures[0]["start_date"])


def test_csv_cells_that_excel_would_run_are_neutralised(ready, tmp_path: Path) -> None:
    ready.measures.add(
        Measure(
            plan_year=2567,
            title='=HYPERLINK("http://x.example","คลิก")',
            indicators=(1,),
            steps=("-ขั้นตอนที่ขึ้นต้นด้วยขีด",),
            unit="สำนักปลัด",
        )
    )
    target = export_bundle(ready, 2566, tmp_path / "web")
    text = (target / "measures.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text
    assert ',"=HYPERLINK' not in text and ",=HYPERLINK" not in text
    data = json.loads((target / "data.json").read_text(encoding="utf-8"))
    assert data["measures"][-1]["title"].startswith("=HYPERLINK")  # JSON keeps the text as is


# --------------------------------------------------------------------------- the page


def test_index_escapes_every_user_text(ready, tmp_path: Path) -> None:
    profile = ready.office.profile()
    ready.office.save(replace(profile, name=OFFICE_NAME))
    ready.measures.add(
        Measure(
            plan_year=2569,
            title=XSS_TITLE,
            indicators=(1,),
            steps=('<img src=x onerror="alert(2)">',),
            unit="กอง <i>คลัง</i>",
        )
    )
    ready.analysis.set_text(
        2568,
        _summary_key(),
        "สรุป </p><script>alert(3)</script>",
    )
    target = export_bundle(ready, 2568, tmp_path / "web")
    page = (target / "index.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "<img" not in page.lower() and "<i>" not in page
    thai = ready.settings.document_settings().thai_digits
    expected = html.escape(to_thai_digits(XSS_TITLE) if thai else XSS_TITLE, quote=True)
    assert expected in page and "&lt;script&gt;" in page
    full = ready.office.profile().full_name
    assert html.escape(full, quote=True) in page
    assert full not in page  # the raw name (with " & <b>) never appears
    assert "&quot;ทดสอบ&quot; &amp; &lt;b&gt;&#x27;คำพูด&#x27;" in page
    # attributes too: the author meta carries the escaped name inside its quotes
    assert f'<meta name="author" content="{html.escape(full, quote=True)}">' in page


def _summary_key():
    from itadesk.domain.analysis import SUMMARY, SectionKey

    return SectionKey(None, SUMMARY)


def test_index_is_self_contained(ready, tmp_path: Path) -> None:
    target = export_bundle(ready, 2566, tmp_path / "web")
    page = (target / "index.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="th">' in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in html.unescape(page)
    assert "@media print" in page and "<svg" in page
    for external in ("<link", "<script", "@import", "url(", " src=", "https://"):
        assert external not in page, external
    # the only http:// is the SVG namespace, which is a name, not a request
    assert set(re.findall(r"https?://[^\"' )]+", page)) == {"http://www.w3.org/2000/svg"}
    # every link is relative and points at a file of the bundle
    hrefs = re.findall(r'href="([^"]+)"', page)
    assert hrefs and all((target / h).is_file() for h in hrefs)
    listed = {e["path"] for e in read_manifest(target)["files"]} - {"index.html"}
    assert set(hrefs) == listed


# --------------------------------------------------------------------------- added files


def test_scanned_memo_replaces_the_generated_one_and_attachments_go_beside(
    ready, tmp_path: Path
) -> None:
    scan = tmp_path / "บันทึกข้อความลงนามแล้ว.PDF"
    scan.write_bytes(b"%PDF-1.4 scanned memo\n")
    photo = tmp_path / "ภาพประชุม.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 photo")
    plan = tmp_path / "Plan 2567 (final).pdf"
    plan.write_bytes(b"%PDF-1.4 plan")
    target = tmp_path / "web"
    export_bundle(
        ready,
        2566,
        target,
        extra_files=[("memo", scan), ("O42", photo), ("measures", plan)],
    )
    manifest = verify_folder(target)
    paths = {e["path"]: e for e in manifest["files"]}
    signed = paths["O42/ita-2566-memo-analysis-signed.pdf"]
    assert signed["sha256"] == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert signed["source"] == "added" and "ฉบับลงนาม" in signed["title_th"]
    assert "O42/ita-2566-memo-analysis.pdf" not in paths  # replaced, not rendered
    attachment = paths["O42/ita-2566-measures-attachment-1.jpg"]
    assert attachment["title_th"] == "ภาพประชุม"
    assert attachment["sha256"] == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert "O42/plan-2567-final.pdf" in paths
    page = (target / "index.html").read_text(encoding="utf-8")
    assert 'href="O42/ita-2566-memo-analysis-signed.pdf"' in page and "ภาพประชุม" in page


@pytest.mark.parametrize(
    ("key", "name", "message"),
    [
        ("O99", "scan.pdf", "ไม่รู้จัก"),
        ("memo", "page.html", "ชนิดที่ใส่ในชุดไฟล์เผยแพร่ไม่ได้"),
        ("memo", "missing.pdf", "ไม่พบไฟล์"),
    ],
)
def test_bad_additions_are_refused_before_anything_is_written(
    ready, tmp_path: Path, key: str, name: str, message: str
) -> None:
    source = tmp_path / name
    if name != "missing.pdf":
        source.write_bytes(b"x")
    before = siblings(tmp_path)
    with pytest.raises(UserError) as caught:
        export_bundle(ready, 2566, tmp_path / "web", extra_files=[(key, source)])
    assert message in caught.value.message
    assert siblings(tmp_path) == before


# --------------------------------------------------------------------------- replacing


def test_an_earlier_bundle_is_replaced_but_a_foreign_folder_is_not(ready, tmp_path: Path) -> None:
    target = tmp_path / "web"
    export_bundle(ready, 2566, target)
    old_hash = read_manifest(target)["created_at"]
    export_bundle(ready, 2568, target)  # an earlier bundle: replaced
    assert read_manifest(target)["fiscal_year"] == 2568
    assert read_manifest(target)["created_at"] >= old_hash
    verify_folder(target)

    (target / "my-notes.docx").write_bytes(b"clerk's own file")
    with pytest.raises(UserError) as caught:
        export_bundle(ready, 2566, target)
    assert "my-notes.docx" in caught.value.message
    assert (target / "my-notes.docx").exists() and read_manifest(target)["fiscal_year"] == 2568

    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "letter.txt").write_text("x", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        export_bundle(ready, 2566, foreign)
    assert "ไม่ใช่ชุดไฟล์ที่ ITADesk สร้าง" in caught.value.message
    assert siblings(foreign) == {"letter.txt"}

    empty = tmp_path / "empty"
    empty.mkdir()
    export_bundle(ready, 2566, empty)
    verify_folder(empty)

    other_zip = tmp_path / "other.zip"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("a.txt", "x")
    with pytest.raises(UserError):
        export_bundle(ready, 2566, other_zip)
    assert zipfile.ZipFile(other_zip).namelist() == ["a.txt"]


def _disk_full_on(suffix: str):
    real_open = builtins.open

    def full_open(file, mode="r", *args, **kwargs):
        if any(c in mode for c in "wax") and str(file).endswith(suffix):
            raise OSError(errno.ENOSPC, "No space left on device", str(file))
        return real_open(file, mode, *args, **kwargs)

    return full_open


@pytest.mark.parametrize("zip_mode", [False, True])
def test_disk_full_is_a_thai_error_and_leaves_the_old_bundle(
    ready, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zip_mode: bool
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / ("web.zip" if zip_mode else "web")
    export_bundle(ready, 2566, target)
    before_bytes = (
        target.read_bytes()
        if zip_mode
        else {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    )
    monkeypatch.setattr(builtins, "open", _disk_full_on(".csv"))
    with pytest.raises(UserError) as caught:
        export_bundle(ready, 2568, target)
    message = caught.value.message
    assert "พื้นที่บนดิสก์เต็ม" in message and str(out) in message
    assert siblings(out) == {target.name}  # no staging folder, temp file or lock left
    monkeypatch.undo()
    if zip_mode:
        assert target.read_bytes() == before_bytes
    else:
        assert {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} == before_bytes
        verify_folder(target)


def test_copy_of_an_added_file_failing_leaves_nothing(
    ready, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4")
    out = tmp_path / "out"
    out.mkdir()

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", no_space)
    with pytest.raises(UserError) as caught:
        export_bundle(ready, 2566, out / "web.zip", extra_files=[("memo", scan)])
    assert "พื้นที่บนดิสก์เต็ม" in caught.value.message
    assert siblings(out) == set()


def test_read_only_medium_is_a_thai_error(
    ready, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    with pytest.raises(UserError) as caught:
        export_bundle(ready, 2566, out / "web")
    assert "อ่านได้อย่างเดียว" in caught.value.message and str(out) in caught.value.message
    assert siblings(out) == set()


def test_a_bundle_left_aside_by_a_kill_is_put_back(
    ready, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kill between "old aside" and "new in" leaves no target: the next export restores the
    old bundle before doing anything (here it then fails, so the old one must remain)."""
    out = tmp_path / "out"
    out.mkdir()
    target = out / "web"
    export_bundle(ready, 2566, target)
    os.rename(target, out / ".web.abc123.itadesk-old")
    (out / ".web.def456.itadesk-partial").mkdir()
    monkeypatch.setattr(builtins, "open", _disk_full_on(".csv"))
    with pytest.raises(UserError):
        export_bundle(ready, 2568, target)
    monkeypatch.undo()
    assert siblings(out) == {"web"}
    assert verify_folder(target)["fiscal_year"] == 2566


# argv: database, target, fiscal year[, marker]. With a marker the export pauses after its
# first PDF is staged (says so by creating the marker), so the test can kill it there.
KILL_SCRIPT = """
import sys, time
from pathlib import Path
from itadesk.services import build_services
from itadesk.services.export import export_bundle
from itadesk.storage.database import open_store

def pause_after_first_pdf(file):
    if file.path.endswith(".pdf"):
        Path(sys.argv[4]).write_text("paused", encoding="utf-8")
        time.sleep(120)

with open_store(Path(sys.argv[1])) as store:
    export_bundle(
        build_services(store),
        int(sys.argv[3]),
        Path(sys.argv[2]),
        after_file=pause_after_first_pdf if len(sys.argv) > 4 else None,
    )
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("zip_mode", [False, True])
def test_killing_the_export_keeps_the_previous_bundle(tmp_path: Path, zip_mode: bool) -> None:
    from itadesk.app import main

    db = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(db)]) == 0
    from itadesk.services import build_services
    from itadesk.storage.database import open_store

    with open_store(db) as store:  # the demo plans 2569 only; give 2567 measures too
        services = build_services(store)
        services.measures.add_from_catalogue(2567, services.measures.catalogue()[0].key)
    out = tmp_path / "out"
    out.mkdir()
    target = out / ("web.zip" if zip_mode else "web")
    run = [sys.executable, "-c", KILL_SCRIPT, str(db), str(target)]
    subprocess.run([*run, "2566"], check=True, cwd=REPO, timeout=120)
    before = target.read_bytes() if zip_mode else read_manifest(target)

    marker = tmp_path / "paused"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([*run, "2568", str(marker)], cwd=REPO, env=env)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert process.poll() is None, "the export ended before its first PDF"
            assert time.monotonic() < deadline, "the export never reached its first PDF"
            time.sleep(0.05)
        # the first PDF is in the staging folder, not in the target
        staged = [p for p in out.iterdir() if p.name.endswith(".itadesk-partial")]
        assert staged and any(staged[0].rglob("*.pdf"))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    if zip_mode:
        assert target.read_bytes() == before
    else:
        assert verify_folder(target) == before
    assert not [p for p in out.iterdir() if p.name == target.name and p != target]
    # the next export cleans up what the killed one left and completes
    subprocess.run([*run, "2568"], check=True, cwd=REPO, timeout=120)
    assert siblings(out) == {target.name}
    if not zip_mode:
        assert verify_folder(target)["fiscal_year"] == 2568


# --------------------------------------------------------------------------- command line


def test_cli_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:

    from itadesk.app import main

    db = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(db)]) == 0
    from itadesk import cli

    parser = cli.build_parser()
    scan = tmp_path / "สแกน.pdf"
    scan.write_bytes(b"%PDF-1.4 signed")
    output = tmp_path / "web.zip"
    args = parser.parse_args(
        ["export", "--db", str(db), "--fy", "2568", "-o", str(output), "--add", f"memo={scan}"]
    )
    assert cli.run(args) == 0
    captured = capsys.readouterr()
    assert "สร้างชุดไฟล์" in captured.out and str(output) in captured.out
    assert "คำเตือน" in captured.err  # no analysis/measures yet, unknown item code
    with zipfile.ZipFile(output) as archive:
        assert "measures/ita-2568-memo-analysis-signed.pdf" in archive.namelist()
    bad = parser.parse_args(["export", "--db", str(db), "--fy", "2568", "-o", "x", "--add", "x"])
    with pytest.raises(UserError, match="ที่=ไฟล์"):
        cli.run(bad)


def test_prepare_reads_and_run_writes_without_the_database(ready, store, tmp_path: Path) -> None:
    """The GUI prepares on its thread and runs the job on a worker: the job must not touch
    the database (here: it still works with the connection closed)."""
    job = prepare_bundle(ready, 2566, tmp_path / "web")
    store.db.conn.close()
    job.run()
    verify_folder(tmp_path / "web")


# --------------------------------------------------------------------------- browser


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.mark.slow
def test_index_renders_in_headless_chromium(ready, tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed (Debian package `chromium`); no screenshot taken")
    from PIL import Image

    target = export_bundle(ready, 2566, tmp_path / "web")
    shot = tmp_path / "index.png"
    completed = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            f"--screenshot={shot}",
            "--window-size=1280,2000",
            (target / "index.html").as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert shot.is_file(), completed.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 2000)
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 200  # text and chart, not a blank page
    present = {rgb for _, rgb in colours}
    assert (0x1F, 0x4E, 0x79) in present  # the bars at or above the target
    assert (0xE6, 0x95, 0x00) in present  # the bar below the target (indicator 8 in 2566)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class _FakeResultsJob:
    """A results document that writes a tiny PDF (picklable, like the real ones)."""

    data: str

    def __call__(self, path: Path) -> None:
        path.write_bytes(b"%PDF-1.4 " + self.data.encode())


def _fake_results(ready, monkeypatch: pytest.MonkeyPatch, calls: list) -> None:
    """Stand-in for the results documents, so the folder logic is tested on its own."""
    from itadesk.services.documents import PreparedDocument

    real = ready.documents.prepare

    def prepare(what, fiscal_year, *, invariant=False, round_months=12):
        if what not in ("results", "results-memo"):
            return real(what, fiscal_year, invariant=invariant)
        calls.append((what, fiscal_year, round_months))
        job = _FakeResultsJob(what)
        name = f"ita-{fiscal_year}-{what}-{round_months}-months.pdf"
        context = ready.documents.render_context()
        return PreparedDocument(DocumentKind(what), f"รายงาน {what}", name, context, job)

    monkeypatch.setattr(ready.documents, "prepare", prepare)


def test_results_of_the_plan_year_go_to_the_results_folder_once_a_round_is_saved(
    ready, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list = []
    _fake_results(ready, monkeypatch, calls)
    export_bundle(ready, 2566, tmp_path / "before")
    assert calls == []  # no round saved: nothing unreported goes on the website
    assert [s["kind"] for s in read_manifest(tmp_path / "before")["skipped"]] == ["results"]

    ready.tracking.take_snapshot(2567, 6)
    manifest = verify_folder(export_bundle(ready, 2566, tmp_path / "with-6"))
    assert calls == [("results", 2567, 6), ("results-memo", 2567, 6)]
    assert [f["name"] for f in manifest["folders"]] == ["O42", "O43"]
    paths = {e["path"] for e in manifest["files"]}
    assert "O43/ita-2567-results-6-months.pdf" in paths
    assert "O43/ita-2567-results-memo-6-months.pdf" in paths

    calls.clear()
    ready.tracking.take_snapshot(2567, 12)
    export_bundle(ready, 2566, tmp_path / "with-12")
    assert {c[2] for c in calls} == {12}  # the later round wins


def test_real_results_documents(ready, tmp_path: Path) -> None:
    ready.tracking.take_snapshot(2569, 6)
    manifest = verify_folder(export_bundle(ready, 2568, tmp_path / "web"))
    results = [e for e in manifest["files"] if e["folder"] == "results"]
    assert results and all(e["path"].startswith("results/") for e in results)
