"""#14.9: an output target that cannot be written is refused first with a Thai message and exit
code 2 — a read-only folder, a full disk, a folder given as the file, a name too long, a folder
that does not exist (never created silently), the root of the file system; nothing outside the
named target is created or inspected."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from security_helpers import office_state

from itadesk import fileio


def listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_a_read_only_folder(office: Path, out: Path, cli, monkeypatch: pytest.MonkeyPatch):
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: False if Path(path) == out else real_access(path, mode)
    )
    before = office_state(office)
    result = cli("render", "memo", "--db", office, "--fy", 2568, "-o", out / "m.pdf")
    assert result.code == 2
    assert "อ่านอย่างเดียว" in result.err and str(out) in result.err
    assert listing(out) == [] and office_state(office) == before


def test_a_full_disk_while_writing(office: Path, out: Path, cli, monkeypatch: pytest.MonkeyPatch):
    def full(_path: Path) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fileio, "fsync_file", full)  # the PDF's bytes cannot reach the disk
    before = office_state(office)
    result = cli("render", "report", "--db", office, "--fy", 2568, "-o", out / "r.pdf")
    assert result.code == 2
    assert "ดิสก์เต็ม" in result.err and "Traceback" not in result.err
    assert listing(out) == []  # no half file, no temp file
    assert office_state(office) == before


def test_a_folder_given_as_the_file(office: Path, out: Path, cli) -> None:
    result = cli("render", "memo", "--db", office, "--fy", 2568, "-o", out)
    assert result.code == 2 and "เป็นโฟลเดอร์ ไม่ใช่ไฟล์" in result.err
    assert listing(out) == []


def test_a_name_too_long(office: Path, out: Path, cli) -> None:
    name = "บันทึกข้อความ" * 25 + ".pdf"  # 300+ Thai characters
    result = cli("render", "memo", "--db", office, "--fy", 2568, "-o", out / name)
    assert result.code == 2 and "ยาวเกินกว่าที่ระบบไฟล์รับได้" in result.err
    assert len(result.err) < 600  # the name is not echoed whole
    assert listing(out) == []


def test_a_missing_folder_is_never_created(office: Path, tmp_path: Path, cli) -> None:
    missing = tmp_path / "nonexistent" / "dir"
    result = cli("render", "memo", "--db", office, "--fy", 2568, "-o", missing / "m.pdf")
    assert result.code == 2 and "ไม่พบโฟลเดอร์" in result.err and "ไม่สร้างโฟลเดอร์ให้เอง" in result.err
    assert not (tmp_path / "nonexistent").exists()
    result = cli("export", "--db", office, "--fy", 2568, "-o", missing / "bundle")
    assert result.code == 2 and not (tmp_path / "nonexistent").exists()
    result = cli("backup", "--db", office, "-o", missing)
    assert result.code == 2 and not (tmp_path / "nonexistent").exists()


def test_the_root_and_system_folders_are_refused_without_looking_inside(
    office: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    looked: list[str] = []
    real_iterdir = Path.iterdir

    def iterdir(self: Path):
        looked.append(str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    for target in ("/", "/proc/bundle", "/etc/ita.zip"):
        result = cli("export", "--db", office, "--fy", 2568, "-o", target)
        assert result.code == 2, target
        assert "รากของไดรฟ์หรือโฟลเดอร์ของระบบ" in result.err
    assert not [path for path in looked if path == "/" or path.startswith(("/proc", "/etc"))]


def test_any_suffix_the_render_command_takes_is_accepted(office: Path, out: Path, cli) -> None:
    assert fileio.output_target_problem(out / "memo.docx") is None
    assert fileio.output_target_problem(out / "memo.PDF") is None
    result = cli("render", "memo", "--db", office, "--fy", 2568, "-o", out / "memo.pdf")
    assert result.code == 0, result.err
    assert listing(out) == ["memo.pdf"]
