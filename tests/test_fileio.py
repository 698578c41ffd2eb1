"""itadesk.fileio: what a failure leaves behind (nothing, and the old file), what it syncs, the
ZIP writer's digests, the staged publish and its recovery, slugs and Thai OS errors."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from itadesk import fileio


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    fileio.write_text_atomically(target, "ใหม่\n")
    assert target.read_text(encoding="utf-8") == "ใหม่\n"
    fileio.write_bytes_atomically(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert listing(tmp_path) == ["out.txt"]


def test_failed_write_keeps_the_old_file_and_removes_the_temp(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")

    def half_then_fail(temp: Path) -> None:
        temp.write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError):
        fileio.write_atomically(target, half_then_fail)
    assert target.read_bytes() == b"old"
    assert listing(tmp_path) == ["report.pdf"]


def test_before_replace_can_refuse(tmp_path: Path) -> None:
    target = tmp_path / "x.bin"

    def refuse() -> None:
        raise ValueError("target changed meanwhile")

    with pytest.raises(ValueError):
        fileio.write_atomically(target, lambda temp: temp.write_bytes(b"x"), before_replace=refuse)
    assert listing(tmp_path) == []


def test_the_file_and_its_folder_are_synced_before_and_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(
        os, "replace", lambda a, b: (events.append("replace"), real_replace(a, b))[1]
    )
    fileio.copy_atomically(Path(__file__), tmp_path / "copy.py")
    assert (tmp_path / "copy.py").read_bytes() == Path(__file__).read_bytes()
    expected = ["fsync", "replace", "fsync"] if os.name != "nt" else ["fsync", "replace"]
    assert events == expected


def test_zip_digests_match_the_members_and_the_manifest_comes_last(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_bytes(b"alpha" * 1000)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(os.urandom(5000))
    stamp = fileio.zip_date_time(datetime(2025, 3, 4, 5, 6, 8))
    members = [fileio.ZipMember("docs/a.txt", a, stamp), fileio.ZipMember("p.jpg", photo, stamp)]
    buffer = io.BytesIO()
    digests = fileio.write_zip(
        buffer,
        members,
        manifest=lambda found: ("manifest.json", repr([d.path for d in found]).encode()),
        manifest_time=stamp,
    )
    assert [(d.path, d.size) for d in digests] == [("docs/a.txt", 5000), ("p.jpg", 5000)]
    with zipfile.ZipFile(buffer) as archive:
        assert archive.namelist() == ["docs/a.txt", "p.jpg", "manifest.json"]
        for digest in digests:
            data = archive.read(digest.path)
            assert hashlib.sha256(data).hexdigest() == digest.sha256
        assert archive.getinfo("p.jpg").compress_type == zipfile.ZIP_STORED  # already packed
        assert archive.getinfo("docs/a.txt").compress_type == zipfile.ZIP_DEFLATED
        assert archive.getinfo("docs/a.txt").date_time == stamp  # an even second: ZIP keeps those
        assert archive.read("manifest.json") == b"['docs/a.txt', 'p.jpg']"
    assert fileio.file_digest(a, "docs/a.txt") == digests[0]


def test_unreadable_source_is_told_apart_from_a_full_target(tmp_path: Path) -> None:
    missing = tmp_path / "gone.pdf"
    with pytest.raises(fileio.SourceReadError) as caught:
        member = fileio.ZipMember("gone.pdf", missing, (2025, 1, 1, 0, 0, 0))
        fileio.write_zip(io.BytesIO(), [member])
    assert caught.value.source == missing and caught.value.errno == errno.ENOENT


def test_zip_times_are_clamped_to_what_zip_can_store() -> None:
    assert fileio.zip_date_time(datetime(1970, 1, 1)) == (1980, 1, 1, 0, 0, 0)
    assert fileio.zip_date_time(datetime(2200, 1, 1)) == (2107, 12, 31, 23, 59, 58)


def _stage(target: Path, files: dict[str, bytes]) -> Path:
    staging = fileio.make_staging_folder(target)
    for name, data in files.items():
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        (staging / name).write_bytes(data)
    return staging


def test_publish_folder_swaps_an_earlier_one(tmp_path: Path) -> None:
    target = tmp_path / "web"
    fileio.publish_folder(_stage(target, {"a/1.txt": b"one"}), target)
    assert (target / "a" / "1.txt").read_bytes() == b"one"
    fileio.publish_folder(_stage(target, {"2.txt": b"two"}), target)
    assert sorted(p.name for p in target.rglob("*")) == ["2.txt"]
    assert listing(tmp_path) == ["web"]


def test_publish_folder_puts_the_old_one_back_when_the_check_refuses(tmp_path: Path) -> None:
    target = tmp_path / "web"
    fileio.publish_folder(_stage(target, {"1.txt": b"one"}), target)
    staging = _stage(target, {"2.txt": b"two"})

    def refuse() -> None:
        raise PermissionError(errno.EACCES, "not ours")

    with pytest.raises(PermissionError):
        fileio.publish_folder(staging, target, before_swap=refuse)
    assert (target / "1.txt").read_bytes() == b"one"


def test_publish_zip_packs_in_order_and_recovery_clears_leftovers(tmp_path: Path) -> None:
    target = tmp_path / "web.zip"
    staging = _stage(target, {"manifest.json": b"{}", "x/a.pdf": b"%PDF"})
    names = ["manifest.json", "x/a.pdf"]
    fileio.publish_zip(staging, target, names, date_time=(2000, 1, 1, 0, 0, 0))
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["manifest.json", "x/a.pdf"]
    # what a killed publisher leaves: its staging folder, a half ZIP, an old folder aside
    (tmp_path / f".web.zip.abc{fileio.ZIP_TEMP_SUFFIX}").write_bytes(b"half")
    fileio.recover_staged(target)
    assert listing(tmp_path) == ["web.zip"]

    folder = tmp_path / "site"
    aside = tmp_path / f".site.k1{fileio.ASIDE_SUFFIX}"
    aside.mkdir()
    (aside / "old.txt").write_bytes(b"old")
    fileio.recover_staged(folder)  # killed between "old aside" and "new in": the old returns
    assert (folder / "old.txt").read_bytes() == b"old"


def test_ascii_slug() -> None:
    assert fileio.ascii_slug("อบต. Nong-Tua  Yang (2568)") == "nong-tua-yang-2568"
    assert fileio.ascii_slug("องค์การบริหารส่วนตำบล") == ""
    assert fileio.ascii_slug("Café Ünïcode") == "cafe-unicode"
    assert fileio.ascii_slug("abc-" * 20, max_length=6) == "abc-ab"
    assert fileio.ascii_slug("abc def", max_length=4) == "abc"


def test_os_errors_in_thai() -> None:
    assert fileio.os_error_th(OSError(errno.ENOSPC, "No space")) == "ดิสก์เต็ม"
    assert fileio.os_error_th(PermissionError("denied")) == "ไม่มีสิทธิ์เข้าถึง"
    assert "No space" not in fileio.os_error_th(OSError(errno.EXDEV, "cross-device"))
    assert fileio.is_disk_full(OSError(errno.ENOSPC, "x"))
    assert fileio.is_read_only(OSError(errno.EROFS, "x"))
    assert not fileio.is_read_only(OSError(errno.ENOSPC, "x"))
