"""#14.8: right-to-left overrides and the other bidirectional controls are removed from every
clerk text on input, and data stored before that never carries them into the web page,
manifest.json, data.json, file names or PDFs."""

from __future__ import annotations

import json
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from itadesk.domain.memo import MemoKind
from itadesk.domain.validation import BIDI_CONTROLS
from itadesk.services.session import OfficeSession
from itadesk.storage.database import open_store
from itadesk.storage.repositories import Repositories

RLO = "\u202e"


def has_bidi(text: str) -> bool:
    return any(character in BIDI_CONTROLS for character in text)


def test_bidi_controls_are_removed_on_input(office: Path, tmp_path: Path) -> None:
    source = tmp_path / f"ภาพถ่าย{RLO}fdp.pdf"
    source.write_bytes(b"%PDF evidence")
    with OfficeSession.open(office) as session:
        services = session.services
        profile = services.office.profile()
        saved = services.office.save(replace(profile, name=f"บ้าน{RLO}นา\u2066ใต้\u2069"))
        assert saved.name == "บ้านนาใต้"
        measure = services.measures.measures(2569)[0]
        title = services.measures.update(replace(measure, title=f"\u200fมาตรการ{RLO}ใหม่")).title
        assert title == "มาตรการใหม่"
        item = next(iter(services.tracking.items(2569).values()))[0]
        evidence = services.tracking.add_evidence_file(item, source, 2569)
        assert evidence.label == "ภาพถ่ายfdp.pdf"
        assert not has_bidi(services.tracking.evidence_path(evidence).name)


@pytest.fixture
def stored_overrides(office: Path) -> Path:
    """Overrides saved by an earlier version, which did not remove them."""
    with open_store(office) as store:
        repos = Repositories.of(store)
        with store.transaction():
            profile = repos.office.get_office()
            repos.office.save_office(replace(profile, name=f"{RLO}ตัวอย่าง"))
            measure = repos.measures.measures(2569)[0]
            repos.measures.update_measure(replace(measure, title=f"มาตรการ{RLO}ทดสอบ"))
            settings = repos.memos.memo_settings(2568, MemoKind.ANALYSIS)
            repos.memos.save_memo_settings(replace(settings, subject=f"เรื่อง{RLO}ทดสอบ"))
    return office


def test_stored_overrides_never_reach_the_bundle_or_its_pdfs(
    stored_overrides: Path, tmp_path: Path, cli
) -> None:
    scan = tmp_path / f"scan{RLO}fdp.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    bundle = tmp_path / "bundle.zip"
    result = cli(
        "export", "--db", stored_overrides, "--fy", 2568, "-o", bundle, "--add", f"measures={scan}"
    )
    assert result.code == 0, result.err
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        assert all(name.isascii() and not has_bidi(name) for name in names)
        for name in ("index.html", "manifest.json", "data.json"):
            text = archive.read(name).decode("utf-8")
            assert not has_bidi(text), name
        manifest = json.loads(archive.read("manifest.json"))
        titles = [entry["title_th"] for entry in manifest["files"]]
        assert "scanfdp" in titles
        assert "มาตรการทดสอบ" in archive.read("index.html").decode("utf-8")
        pdfs = [name for name in names if name.endswith(".pdf") and "scan" not in name]
        assert pdfs
        for name in pdfs:
            path = tmp_path / Path(name).name
            path.write_bytes(archive.read(name))
            text = subprocess.run(
                ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
            ).stdout
            assert not has_bidi(text), name
