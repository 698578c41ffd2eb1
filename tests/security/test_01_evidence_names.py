"""#14.1: no evidence file name can stop a backup, and attaching never crashes past the Thai
message: Windows device names, a trailing space, 254 characters."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from security_helpers import office_state

from itadesk.domain.tracking import EVIDENCE_FILE, Evidence
from itadesk.errors import ValidationError
from itadesk.paths import attachments_dir
from itadesk.services.backup import restore_into
from itadesk.services.session import OfficeSession
from itadesk.storage.backup import MANIFEST_NAME, verify_backup
from itadesk.storage.database import open_store
from itadesk.storage.repositories import Repositories

RESERVED = ["CON.pdf", "aux.jpg", "Nul.PDF", "com1.docx", "LPT9.png", "con .pdf"]
GENERATED = re.compile(r"[0-9a-f]{16}(\.[a-z0-9]{1,10})?")


def first_item(services):
    return next(iter(services.tracking.items(2569).values()))[0]


def test_reserved_names_are_stored_under_generated_names_and_backups_work(
    office: Path, tmp_path: Path, cli
) -> None:
    sources = tmp_path / "clerk"
    sources.mkdir()
    with OfficeSession.open(office) as session:
        tracking = session.services.tracking
        item = first_item(session.services)
        added = []
        for name in RESERVED:
            source = sources / name
            source.write_bytes(name.encode())
            added.append((name, tracking.add_evidence_file(item, source, 2569)))
        for name, evidence in added:
            stored = tracking.evidence_path(evidence)
            assert GENERATED.fullmatch(stored.name), stored.name
            assert stored.suffix == Path(name.strip()).suffix.lower()
            assert evidence.label == name  # the clerk's own name, shown as the label
            assert stored.read_bytes() == name.encode()

    result = cli("backup", "--db", office, "-o", tmp_path)
    assert result.code == 0, result.err
    (backup,) = tmp_path.glob("*.itadesk-backup.zip")
    assert verify_backup(backup).attachment_count == len(RESERVED) + 1


def test_a_legacy_reserved_name_is_renamed_inside_the_backup_only(
    office: Path, tmp_path: Path, cli
) -> None:
    # An office from before generated names: a file stored as CON.pdf, its row pointing there.
    with open_store(office) as store:
        item = next(iter(Repositories.of(store).tracking.check_items_for_year(2569).values()))[0]
        folder = attachments_dir(office) / "2569" / str(item.measure_id)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "CON.pdf").write_bytes(b"legacy evidence")
        relative = f"2569/{item.measure_id}/CON.pdf"
        with store.transaction():
            Repositories.of(store).tracking.add_evidence(
                item.id, Evidence(kind=EVIDENCE_FILE, value=relative, label="", size=15)
            )
    before = office_state(office)

    result = cli("backup", "--db", office, "-o", tmp_path)
    assert result.code == 0, result.err
    assert office_state(office) == before  # the live folder and database are untouched
    (backup,) = tmp_path.glob("*.itadesk-backup.zip")
    with zipfile.ZipFile(backup) as archive:
        manifest = json.loads(archive.read(MANIFEST_NAME))
    ((member, original),) = manifest["renamed"].items()
    assert original == f"attachments/{relative}"
    assert GENERATED.fullmatch(member.rpartition("/")[2])

    # Restored elsewhere, the evidence opens under its new name and keeps its old name as label.
    elsewhere = tmp_path / "restored" / "office.sqlite3"
    elsewhere.parent.mkdir()
    restore_into(backup, elsewhere)
    with OfficeSession.open(elsewhere) as session:
        tracking = session.services.tracking
        files = [e for e in first_item(session.services).evidence if e.kind == EVIDENCE_FILE]
        legacy = next(e for e in files if e.label == "CON.pdf")
        assert tracking.evidence_path(legacy).read_bytes() == b"legacy evidence"
        assert legacy.value == member.removeprefix("attachments/")


def test_a_254_character_name_attaches_with_a_short_stored_name(
    office: Path, tmp_path: Path
) -> None:
    long_name = "ก" * 80 + "x" * 10 + ".pdf"  # 254 bytes in UTF-8, the longest ext4 allows
    assert len(long_name.encode()) == 254
    source = tmp_path / long_name
    source.write_bytes(b"long")
    with OfficeSession.open(office) as session:
        tracking = session.services.tracking
        evidence = tracking.add_evidence_file(first_item(session.services), source, 2569)
        stored = tracking.evidence_path(evidence)
        assert len(stored.name) <= 20 and evidence.label == long_name
    assert not [p for p in attachments_dir(office).rglob("*") if p.name.endswith(".partial")]


def test_a_failed_copy_is_a_thai_message_and_leaves_nothing(
    office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / ("x" * 250 + ".pdf")
    source.write_bytes(b"evidence")
    before = office_state(office)

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with OfficeSession.open(office) as session:
        item = first_item(session.services)
        monkeypatch.setattr(shutil, "copyfile", full_disk)
        with pytest.raises(ValidationError) as caught:
            session.services.tracking.add_evidence_file(item, source, 2569)
    assert "ดิสก์เต็ม" in caught.value.message and "คัดลอกไฟล์" in caught.value.message
    assert len(caught.value.message) < 600  # the 254-character name is not echoed whole
    assert office_state(office) == before
