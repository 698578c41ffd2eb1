"""#16: where the office file lives — this PC, a network share, a cloud-synced folder, a
removable drive — is recognised on every platform (fake mount tables, UNC and mapped drives,
sync roots), and each place gets its behaviour: WAL on this PC; the rollback journal on a
share and on a stick (told once, shown in the status bar); a synced folder refused with the
offer to copy the file to the PC and back up to the synced folder instead. Backups written to
a slow or vanishing folder never leave half a ZIP under a backup's name."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from pathlib import Path, PureWindowsPath

import pytest
from security_helpers import office_state

from itadesk import fileio
from itadesk.errors import StorageError
from itadesk.services.session import OfficeSession
from itadesk.storage import location
from itadesk.storage.backup import is_backup_name
from itadesk.storage.database import CloudFolderError, open_store
from itadesk.storage.location import (
    DRIVE_FIXED,
    DRIVE_REMOTE,
    DRIVE_REMOVABLE,
    Mount,
    Place,
    classify,
    parse_mount_output,
    parse_proc_mounts,
)

LINUX_MOUNTS = """\
/dev/sda2 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid 0 0
//nas/office /mnt/office cifs rw,vers=3.0 0 0
nas:/export/ita /srv/ita nfs4 rw 0 0
sshfs#clerk@host: /home/a/remote fuse.sshfs rw 0 0
/dev/sdb1 /media/a/KINGSTON vfat rw,nosuid 0 0
/dev/sdc1 /media/a/NO\\040NAME exfat rw 0 0
/dev/sdd1 /run/media/a/BACKUP ntfs3 rw 0 0
/dev/sda3 /home ext4 rw 0 0
"""

MACOS_MOUNT = """\
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse)
//clerk@nas/office on /Volumes/office (smbfs, nodev, nosuid, mounted by clerk)
/dev/disk4s1 on /Volumes/NO NAME (msdos, local, nodev, nosuid, noowners)
"""


@pytest.mark.parametrize(
    ("folder", "place", "detail"),
    [
        ("/home/a/ITADesk", Place.LOCAL, ""),
        ("/mnt/office/ita", Place.NETWORK, "cifs"),
        ("/srv/ita/2568", Place.NETWORK, "nfs4"),
        ("/home/a/remote/ita", Place.NETWORK, "fuse.sshfs"),
        ("/media/a/KINGSTON/ita", Place.REMOVABLE, "vfat"),
        ("/media/a/NO NAME", Place.REMOVABLE, "exfat"),
        ("/run/media/a/BACKUP/ita", Place.REMOVABLE, "ntfs3"),
        ("/mnt/officeX", Place.LOCAL, ""),  # a prefix of a mount point is not inside it
    ],
)
def test_linux_mount_table(folder: str, place: Place, detail: str) -> None:
    found = classify(
        folder, platform="linux", env={}, home="/home/a", mounts=parse_proc_mounts(LINUX_MOUNTS)
    )
    assert (found.place, found.detail) == (place, detail)


@pytest.mark.parametrize(
    ("folder", "place"),
    [
        ("/Users/a/Documents/ITADesk", Place.LOCAL),
        ("/Volumes/office/ita", Place.NETWORK),
        ("/Volumes/NO NAME/ita", Place.REMOVABLE),
    ],
)
def test_macos_mount_output(folder: str, place: Place) -> None:
    mounts = parse_mount_output(MACOS_MOUNT)
    found = classify(folder, platform="darwin", env={}, home="/Users/a", mounts=mounts)
    assert found.place == place


@pytest.mark.parametrize(
    ("folder", "drive_types", "place", "detail"),
    [
        (r"C:\Users\a\Documents\ITADesk", {"C:\\": DRIVE_FIXED}, Place.LOCAL, ""),
        (r"\\server\share\ITA", {}, Place.NETWORK, r"\\server\share"),
        (r"\\?\UNC\server\share\ITA", {}, Place.NETWORK, r"\\server\share"),
        (r"S:\ITA\2568", {"S:\\": DRIVE_REMOTE}, Place.NETWORK, "ไดรฟ์ S:"),
        (r"E:\ITADesk", {"E:\\": DRIVE_REMOVABLE}, Place.REMOVABLE, "ไดรฟ์ E:"),
        (r"\\?\C:\Users\a\ITA", {"C:\\": DRIVE_FIXED}, Place.LOCAL, ""),
    ],
)
def test_windows_paths_and_drive_types(folder, drive_types, place, detail) -> None:
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return drive_types[root]

    found = classify(folder, platform="win32", env={}, home=r"C:\Users\a", drive_type=drive_type)
    assert (found.place, found.detail) == (place, detail)
    assert isinstance(found.folder, PureWindowsPath)
    assert all(root.endswith("\\") for root in asked)


@pytest.mark.parametrize(
    ("folder", "env", "provider"),
    [
        (r"C:\Users\a\OneDrive\ITA", {}, "OneDrive"),
        (r"C:\Users\a\OneDrive - อบต.บ้านนา\ITA", {}, "OneDrive"),
        (r"D:\Sync\ITA", {"OneDriveCommercial": r"D:\Sync"}, "OneDrive"),
        (r"C:\Users\a\Dropbox (สำนักงาน)\ITA", {}, "Dropbox"),
        (r"G:\My Drive\ITA", {}, "Google Drive"),
        (r"G:\ไดรฟ์ของฉัน\ITA", {}, "Google Drive"),
        (r"G:\Shared drives\อบต\ITA", {}, "Google Drive"),
        (r"C:\Users\a\My Drive\ITA", {}, "Google Drive"),
    ],
)
def test_windows_sync_roots(folder: str, env: dict[str, str], provider: str) -> None:
    found = classify(folder, platform="win32", env=env, home=r"C:\Users\a", drive_type=lambda r: 3)
    assert (found.place, found.detail) == (Place.CLOUD, provider)


@pytest.mark.parametrize(
    ("folder", "provider"),
    [
        ("/Users/a/Library/CloudStorage/OneDrive-Personal/ITA", "OneDrive"),
        ("/Users/a/Library/CloudStorage/GoogleDrive-clerk@gmail.com/My Drive/ITA", "Google Drive"),
        ("/Users/a/Library/CloudStorage/Dropbox/ITA", "Dropbox"),
        ("/Users/a/Library/Mobile Documents/com~apple~CloudDocs/ITA", "iCloud Drive"),
        ("/Users/a/Dropbox/ITA", "Dropbox"),
    ],
)
def test_macos_sync_roots(folder: str, provider: str) -> None:
    found = classify(folder, platform="darwin", env={}, home="/Users/a", mounts=[])
    assert (found.place, found.detail) == (Place.CLOUD, provider)


def test_dropbox_info_json_and_markers_on_this_machine(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / ".dropbox").mkdir(parents=True)
    team = tmp_path / "team-dropbox"
    (home / ".dropbox" / "info.json").write_text(
        json.dumps({"business": {"path": str(team)}}), encoding="utf-8"
    )
    found = classify(team / "ITA", env={}, home=home, mounts=[])
    assert (found.place, found.detail) == (Place.CLOUD, "Dropbox")
    marked = tmp_path / "drive-mirror"
    (marked / "ITA").mkdir(parents=True)
    (marked / ".tmp.drivedownload").mkdir()
    found = classify(marked / "ITA", env={}, home=home, mounts=[])
    assert (found.place, found.detail) == (Place.CLOUD, "Google Drive")
    assert classify(tmp_path / "plain", env={}, home=home, mounts=[]).place == Place.LOCAL


# --------------------------------------------------------------------------- opening


def fake_mounts(monkeypatch: pytest.MonkeyPatch, folder: Path, fs_type: str) -> None:
    """This machine's mount table, with ``folder`` mounted as ``fs_type``."""
    real = location.read_mount_table()
    monkeypatch.setattr(
        location, "read_mount_table", lambda: [*real, Mount(str(folder), fs_type, "fake")]
    )


def pragma(db: Path, name: str) -> object:
    conn = sqlite3.connect(f"{db.absolute().as_uri()}?immutable=1", uri=True)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def test_on_this_pc_the_file_uses_wal(office: Path) -> None:
    with OfficeSession.open(office) as session:
        assert session.location.place == Place.LOCAL and session.notices_th == ()
    with open_store(office) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize(
    ("fs_type", "place", "told"),
    [("cifs", Place.NETWORK, "เครือข่าย"), ("vfat", Place.REMOVABLE, "ก่อนถอดแฟลชไดรฟ์")],
)
def test_on_a_share_or_a_stick_the_rollback_journal_is_used(
    fs_type: str, place: Place, told: str, office: Path, monkeypatch: pytest.MonkeyPatch, cli
) -> None:
    fake_mounts(monkeypatch, office.parent, fs_type)
    with open_store(office) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    with OfficeSession.open(office) as session:
        assert session.location.place == place
        (notice,) = session.notices_th
        assert told in notice
        session.services.scores.set_indicator_score(2568, 1, "12.34")
        # Every change is in the .sqlite3 file itself: no -wal beside it.
        assert not office.with_name(office.name + "-wal").exists()
    assert pragma(office, "journal_mode") == "delete"
    result = cli("render", "memo", "--db", office, "--fy", 2568, "-o", office.parent / "m.pdf")
    assert result.code == 0 and f"คำเตือน: {notice}" in result.err  # told on every command


def test_a_synced_folder_is_refused_and_the_file_left_as_it_was(
    office: Path, monkeypatch: pytest.MonkeyPatch, cli
) -> None:
    monkeypatch.setenv("OneDrive", str(office.parent))
    before_listing = sorted(p.name for p in office.parent.iterdir())
    before = office_state(office)
    with pytest.raises(CloudFolderError) as caught:
        open_store(office)
    assert "OneDrive" in caught.value.message and "ย้ายไฟล์ฐานข้อมูลไปไว้ในเครื่อง" in caught.value.message
    result = cli("render", "memo", "--db", office, "--fy", 2568, "-o", office.parent / "m.pdf")
    assert result.code == 2 and "โฟลเดอร์ที่ซิงก์กับคลาวด์" in result.err
    assert sorted(p.name for p in office.parent.iterdir()) == before_listing
    assert office_state(office) == before


def test_the_window_offers_to_copy_a_synced_file_to_the_pc(
    office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs_shown
) -> None:
    from itadesk.ui.application import offer_copy_to_pc

    monkeypatch.setenv("OneDrive", str(office.parent))
    local = tmp_path / "local-data"
    monkeypatch.setenv("ITADESK_DATA_DIR", str(local))
    before = office_state(office)
    with pytest.raises(CloudFolderError) as caught:
        OfficeSession.open(office)
    assert caught.value.suggested == local
    copied = offer_copy_to_pc(caught.value, office)
    assert copied == local / office.name
    assert "คัดลอกฐานข้อมูลและไฟล์หลักฐาน" in dialogs_shown["question"][0]
    assert office_state(office) == before  # the original is never changed
    assert office_state(copied) == before  # the copy is the same office, evidence included
    with OfficeSession.open(copied) as session:
        session.services.settings.set_backup_folder(office.parent)  # as the window does
        assert session.location.place == Place.LOCAL
        made = session.services.backups.backup_now()
    assert made.parent == office.parent  # backups go to the synced folder: one file each


# --------------------------------------------------------------------------- backups


def test_backup_to_a_vanishing_folder_never_leaves_half_a_zip(
    office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    seen: list[list[str]] = []
    real_copy = fileio.copy_into_zip

    def slow_then_gone(archive, info, source):
        # While the ZIP is being written, the folder holds no file under a backup's name…
        seen.append(sorted(p.name for p in share.iterdir()))
        if info.filename.startswith("attachments/"):
            # … and then the share goes away in the middle of a file.
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_copy(archive, info, source)

    monkeypatch.setattr(fileio, "copy_into_zip", slow_then_gone)
    before = office_state(office)
    with OfficeSession.open(office) as session, pytest.raises(StorageError) as caught:
        session.services.backups.backup_now(share)
    assert "สำรองข้อมูล" in caught.value.message and "ไฟล์สำรองเดิมยังอยู่ครบ" in caught.value.message
    assert seen and all(not any(is_backup_name(name) for name in names) for names in seen)
    assert not any(is_backup_name(p.name) for p in share.iterdir())
    assert [p for p in share.iterdir() if not p.name.startswith(".")] == []
    assert office_state(office) == before


def test_the_settings_page_picks_the_backup_folder(
    qtbot, office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs_shown
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QPushButton

    from itadesk.ui import dialogs
    from itadesk.ui.application import ensure_application
    from itadesk.ui.main_window import MainWindow

    synced = tmp_path / "OneDrive" / "ITA backups"
    synced.mkdir(parents=True)
    monkeypatch.setenv("OneDrive", str(tmp_path / "OneDrive"))
    monkeypatch.setattr(dialogs, "choose_folder", lambda parent, title, start=None: synced)
    ensure_application()
    with OfficeSession.open(office) as session:
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.show()
        status = [label.text() for label in window.statusBar().findChildren(QLabel)]
        assert "ที่เก็บ: ในเครื่องนี้" in status
        page = window.settings_page
        window.nav_list.setCurrentRow(window.pages.index(page))
        button = page.widget.findChild(QPushButton, "backup_folder_button")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert session.services.settings.backup_folder() == synced
        assert str(synced) in page.backup_folder_label.text()
        assert "ซิงก์กับคลาวด์" in page.backup_folder_label.text()
        assert session.services.backups.default_dir == synced
        window.undo_action.trigger()
        assert session.services.settings.backup_folder() is None
        default = page.widget.findChild(QPushButton, "backup_default_button")
        qtbot.mouseClick(default, Qt.MouseButton.LeftButton)
        assert session.services.backups.default_dir == office.parent / "backups"
        window.close()
    assert dialogs_shown["error"] == []


def test_the_window_tells_the_place_once(qtbot, dialogs_shown) -> None:
    from PySide6.QtWidgets import QWidget

    from itadesk.ui.application import ensure_application, tell_notices

    ensure_application()
    window = QWidget()
    qtbot.addWidget(window)
    tell_notices(window, ("ฐานข้อมูลเก็บอยู่ในแฟลชไดรฟ์",))
    qtbot.waitUntil(lambda: dialogs_shown["info"] == ["ฐานข้อมูลเก็บอยู่ในแฟลชไดรฟ์"])
    qtbot.wait(50)
    assert len(dialogs_shown["info"]) == 1
