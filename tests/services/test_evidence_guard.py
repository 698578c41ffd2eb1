"""The office's own database files cannot be attached as evidence: reading them with plain
file I/O would drop SQLite's POSIX locks of the window's process (storage/lock.py)."""

from __future__ import annotations

import pytest

from itadesk.errors import ValidationError


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", ".lock"])
def test_the_database_and_its_side_files_are_refused(demo_services, session, suffix: str) -> None:
    for entry in demo_services.measures.catalogue()[:1]:
        demo_services.measures.add_from_catalogue(2569, entry.key)
    measure = demo_services.tracking.measures(2569)[0]
    item = demo_services.tracking.items(2569)[measure.id][0]
    database = session.path
    source = database.with_name(database.name + suffix)
    if not source.exists():
        source.write_bytes(b"x")
    with pytest.raises(ValidationError) as caught:
        demo_services.tracking.add_evidence_file(item, source, 2569)
    assert "ไฟล์ฐานข้อมูลของโปรแกรมเอง" in caught.value.message
    assert demo_services.tracking.items(2569)[measure.id][0].evidence == ()
