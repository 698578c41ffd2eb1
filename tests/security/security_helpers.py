"""Helpers of the security tests: the office's state, to prove nothing changed."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from itadesk.paths import attachments_dir

EVIDENCE_BYTES = b"%PDF-1.4 evidence of the no-gift policy"


@dataclass(frozen=True)
class OfficeState:
    rows: str  # every table, dumped
    attachments: dict[str, str]  # relative path -> SHA-256


def office_state(db: Path) -> OfficeState:
    """The office as stored: read without SQLite touching the folder (immutable: no -wal or
    -shm is created, none is replayed)."""
    uri = f"{db.absolute().as_uri()}?immutable=1"
    conn = sqlite3.connect(uri, uri=True)
    try:
        rows = "\n".join(conn.iterdump())
    finally:
        conn.close()
    folder = attachments_dir(db)
    hashes = {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
    return OfficeState(rows, hashes)


def score_rows(db: Path) -> int:
    uri = f"{db.absolute().as_uri()}?immutable=1"
    conn = sqlite3.connect(uri, uri=True)
    try:
        return conn.execute("SELECT count(*) FROM indicator_scores").fetchone()[0]
    finally:
        conn.close()


def declare_size(data: bytes, member: str, size: int) -> bytes:
    """A ZIP whose local header and central directory say ``member`` is ``size`` bytes
    uncompressed, whatever its data inflates to (a declared size that lies)."""
    raw = bytearray(data)
    name = member.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = raw.find(signature)
        while start != -1:
            if raw[start + name_at : start + name_at + len(name)] == name:
                raw[start + size_at : start + size_at + 4] = size.to_bytes(4, "little")
            start = raw.find(signature, start + 4)
    return bytes(raw)
