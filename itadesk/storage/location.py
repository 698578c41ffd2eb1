"""Where the office file lives: on this PC, on a network share, in a cloud-synced folder, or on
a removable drive — and so how it may be used there (storage/database.py applies it).

Classification of the database's folder, first match wins:

1. **cloud-synced** — inside a known sync root: OneDrive (the ``OneDrive``,
   ``OneDriveConsumer``, ``OneDriveCommercial`` environment variables; ``~/OneDrive``,
   ``~/OneDrive - <organisation>``; macOS ``~/Library/CloudStorage/OneDrive-*``), Google Drive
   for desktop (``~/Google Drive``, ``~/My Drive``, ``<drive>:\\My Drive`` / ``ไดรฟ์ของฉัน`` /
   ``Shared drives`` at the root of its virtual drive, macOS
   ``~/Library/CloudStorage/GoogleDrive-*``), Dropbox (the ``path`` entries of Dropbox's own
   ``info.json``; ``~/Dropbox``, ``~/Dropbox (<team>)``), iCloud Drive; or a folder under one
   holding a sync client's marker (``.dropbox``, ``.dropbox.cache``, ``.tmp.drivedownload``,
   ``.tmp.driveupload``).
2. **network** — Windows: a UNC path (``\\\\server\\share\\…``) or a drive whose
   ``GetDriveTypeW`` is ``DRIVE_REMOTE`` (a mapped ``S:``); Linux/macOS: the mount holding the
   folder is NFS, SMB/CIFS, AFP, WebDAV, sshfs or another network file system (from
   ``/proc/mounts``, or ``mount`` on macOS).
3. **removable** — Windows: ``DRIVE_REMOVABLE``; Linux/macOS: a FAT/exFAT mount, or a mount
   under ``/media``, ``/run/media`` (Linux).
4. **local** otherwise.

Every input can be given (platform, environment, home folder, mount table, drive type), so
each platform's rules are tested on any machine; by default they are read from this one.
``ctypes`` is used only on Windows.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath


class Place(StrEnum):
    LOCAL = "local"
    NETWORK = "network"
    CLOUD = "cloud"
    REMOVABLE = "removable"


PLACE_LABELS_TH: dict[Place, str] = {
    Place.LOCAL: "ในเครื่องนี้",
    Place.NETWORK: "โฟลเดอร์ในเครือข่าย",
    Place.CLOUD: "โฟลเดอร์ที่ซิงก์กับคลาวด์",
    Place.REMOVABLE: "แฟลชไดรฟ์หรือดิสก์ที่ถอดได้",
}


@dataclass(frozen=True)
class Location:
    """Where a folder is: its :class:`Place` and what told (a file system, a sync client)."""

    place: Place
    folder: PurePath
    detail: str = ""

    @property
    def label_th(self) -> str:
        """ "โฟลเดอร์ในเครือข่าย (cifs)" — for the status bar."""
        label = PLACE_LABELS_TH[self.place]
        return f"{label} ({self.detail})" if self.detail else label

    @property
    def notice_th(self) -> str:
        """What the clerk is told once when the file is opened here ("" on this PC)."""
        if self.place == Place.NETWORK:
            return (
                f"ฐานข้อมูลเก็บอยู่ใน{self.label_th} ITADesk จึงบันทึกลงไฟล์ฐานข้อมูลโดยตรงทุกครั้ง"
                " (ไม่ใช้ไฟล์ -wal ซึ่งใช้ผ่านเครือข่ายไม่ได้อย่างปลอดภัย) และล็อกไฟล์ไว้ให้ใช้ได้ทีละเครื่อง"
                " — ถ้าเครือข่ายหลุดระหว่างทำงาน การแก้ไขล่าสุดอาจบันทึกไม่สำเร็จ"
                " ที่ปลอดภัยกว่าคือเก็บฐานข้อมูลไว้ในเครื่อง แล้วตั้งโฟลเดอร์สำรองข้อมูลเป็นโฟลเดอร์ในเครือข่ายแทน"
            )
        if self.place == Place.REMOVABLE:
            return (
                f"ฐานข้อมูลเก็บอยู่ใน{self.label_th} ITADesk จึงบันทึกลงไฟล์ฐานข้อมูลโดยตรงทุกครั้ง"
                " (ไฟล์ .sqlite3 ไฟล์เดียวมีข้อมูลครบเสมอ) — ปิดโปรแกรม ITADesk ก่อนถอดแฟลชไดรฟ์ทุกครั้ง"
            )
        if self.place == Place.CLOUD:
            return cloud_refusal_th(self)
        return ""


def cloud_refusal_th(location: Location, suggested: Path | None = None) -> str:
    where = f" เช่น “{suggested}”" if suggested is not None else ""
    return (
        f"ฐานข้อมูลเก็บอยู่ใน{location.label_th} (“{location.folder}”) โปรแกรมซิงก์จะอัปโหลดไฟล์ฐานข้อมูล"
        " และไฟล์ประกอบ (-wal, -shm) แยกกัน และอาจนำฉบับเก่าของไฟล์หนึ่งกลับมาวางข้างฉบับใหม่ของอีกไฟล์"
        " ซึ่งทำให้ข้อมูลเสียได้ ITADesk จึงไม่เปิดฐานข้อมูลจากโฟลเดอร์นี้"
        f" — ย้ายไฟล์ฐานข้อมูลไปไว้ในเครื่อง{where} แล้วตั้งโฟลเดอร์สำรองข้อมูล (หน้า “ตั้งค่าเอกสาร”)"
        " เป็นโฟลเดอร์ที่ซิงก์แทน ไฟล์สำรองแต่ละไฟล์เขียนเสร็จในครั้งเดียวจึงซิงก์ได้อย่างปลอดภัย"
    )


# --------------------------------------------------------------------------- mount tables


@dataclass(frozen=True)
class Mount:
    point: str  # where it is mounted, as the OS writes it
    fs_type: str
    source: str = ""


NETWORK_FS = frozenset(
    {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afpfs", "webdav", "davfs"}
    | {"fuse.davfs2", "sshfs", "fuse.sshfs", "9p", "ncpfs", "afs", "lustre", "ceph"}
    | {"fuse.ceph", "glusterfs", "fuse.glusterfs", "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse"}
)
REMOVABLE_FS = frozenset({"vfat", "msdos", "fat", "fat32", "exfat", "fuse.exfat", "fuseblk.exfat"})
REMOVABLE_MOUNT_ROOTS = ("/media/", "/run/media/")


def _unescape_octal(text: str) -> str:
    """/proc/mounts writes a space as \\040 (and tab, newline, backslash likewise)."""
    out, index = [], 0
    while index < len(text):
        chunk = text[index : index + 4]
        if len(chunk) == 4 and chunk[0] == "\\" and chunk[1:].isdigit():
            out.append(chr(int(chunk[1:], 8)))
            index += 4
        else:
            out.append(text[index])
            index += 1
    return "".join(out)


def parse_proc_mounts(text: str) -> list[Mount]:
    """``/proc/mounts`` lines: ``source point type options 0 0``."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            mounts.append(Mount(_unescape_octal(fields[1]), fields[2], _unescape_octal(fields[0])))
    return mounts


def parse_mount_output(text: str) -> list[Mount]:
    """``mount`` output: macOS/BSD ``source on /point (type, options)``, or Linux
    ``source on /point type fstype (options)``."""
    mounts = []
    for line in text.splitlines():
        source, sep, rest = line.partition(" on ")
        if not sep:
            continue
        if " type " in rest:  # Linux
            point, _, tail = rest.rpartition(" type ")
            fs_type = tail.split(" ", 1)[0]
        else:  # macOS: the options in parentheses start with the type
            point, _, options = rest.rpartition(" (")
            fs_type = options.split(",", 1)[0].strip(" )")
        mounts.append(Mount(point, fs_type.lower(), source))
    return mounts


def read_mount_table() -> list[Mount]:
    """This machine's mount table (empty when it cannot be read: then "local")."""
    if sys.platform.startswith("linux"):
        for name in ("/proc/self/mounts", "/proc/mounts"):
            with contextlib.suppress(OSError):
                return parse_proc_mounts(Path(name).read_text(encoding="utf-8", errors="replace"))
        return []
    if sys.platform == "darwin" or "bsd" in sys.platform:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            done = subprocess.run(
                ["/sbin/mount"], capture_output=True, text=True, timeout=5, check=False
            )
            return parse_mount_output(done.stdout)
    return []


def _mount_of(path: str, mounts: Sequence[Mount]) -> Mount | None:
    best: Mount | None = None
    best_length = -1
    for mount in mounts:
        point = mount.point.rstrip("/") or "/"
        inside = path == point or path.startswith(point if point == "/" else point + "/")
        if inside and len(point) > best_length:
            best, best_length = mount, len(point)
    return best


# --------------------------------------------------------------------------- Windows drives

DRIVE_REMOVABLE, DRIVE_FIXED, DRIVE_REMOTE = 2, 3, 4


def windows_drive_type(root: str) -> int:
    """``GetDriveTypeW`` of a drive root such as ``"S:\\\\"`` (only on Windows)."""
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- sync roots

CLOUD_MARKERS: Mapping[str, str] = {
    ".dropbox": "Dropbox",
    ".dropbox.cache": "Dropbox",
    ".tmp.drivedownload": "Google Drive",
    ".tmp.driveupload": "Google Drive",
}
GOOGLE_DRIVE_ROOT_NAMES = frozenset(
    {"My Drive", "ไดรฟ์ของฉัน", "Shared drives", "ไดรฟ์ที่แชร์ร่วมกัน", "Other computers"}
)
ONEDRIVE_ENV = ("OneDrive", "OneDriveConsumer", "OneDriveCommercial")


def _dropbox_roots(env: Mapping[str, str], home: PurePath) -> list[tuple[str, str]]:
    """Dropbox's own record of where its folders are (info.json)."""
    places = [home / ".dropbox" / "info.json"]
    for variable in ("APPDATA", "LOCALAPPDATA"):
        if env.get(variable):
            places.append(type(home)(env[variable]) / "Dropbox" / "info.json")
    roots = []
    for place in places:
        with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
            data = json.loads(Path(place).read_text(encoding="utf-8"))
            for account in data.values():
                if isinstance(account, dict) and isinstance(account.get("path"), str):
                    roots.append((account["path"], "Dropbox"))
    return roots


def sync_roots(env: Mapping[str, str], home: PurePath) -> list[tuple[PurePath, str]]:
    """(folder, provider) of every sync root known from the environment and the home folder."""
    make = type(home)
    found: list[tuple[str | PurePath, str]] = []
    found += [(env[name], "OneDrive") for name in ONEDRIVE_ENV if env.get(name)]
    found += [
        (home / "OneDrive", "OneDrive"),
        (home / "Dropbox", "Dropbox"),
        (home / "Google Drive", "Google Drive"),
        (home / "My Drive", "Google Drive"),
        (home / "GoogleDrive", "Google Drive"),
        (home / "iCloudDrive", "iCloud Drive"),
        (home / "Library" / "Mobile Documents" / "com~apple~CloudDocs", "iCloud Drive"),
    ]
    found += _dropbox_roots(env, home)
    return [(make(folder), provider) for folder, provider in found]


def _prefix_provider(part: str) -> str | None:
    """Sync roots by name, also with a suffix: "Dropbox", "OneDrive - Contoso",
    "Dropbox (Team)", macOS CloudStorage "OneDrive-Personal", "GoogleDrive-a@b.c"."""
    exact = {"OneDrive": "OneDrive", "Dropbox": "Dropbox", "GoogleDrive": "Google Drive"}
    if part in exact:
        return exact[part]
    for prefix, provider in (
        ("OneDrive - ", "OneDrive"),
        ("OneDrive-", "OneDrive"),
        ("Dropbox (", "Dropbox"),
        ("Dropbox-", "Dropbox"),
        ("GoogleDrive-", "Google Drive"),
    ):
        if part.startswith(prefix):
            return provider
    return None


def cloud_provider(
    folder: PurePath,
    env: Mapping[str, str],
    home: PurePath,
    *,
    look_for_markers: bool = True,
) -> str | None:
    """The sync client whose root holds ``folder``, or None."""
    casefold = isinstance(folder, PureWindowsPath)

    def key(path: PurePath) -> tuple[str, ...]:
        return tuple(p.casefold() if casefold else p for p in path.parts)

    parts = key(folder)
    for root, provider in sync_roots(env, home):
        root_parts = key(root)
        if parts[: len(root_parts)] == root_parts:
            return provider
    home_parts = key(home)
    if parts[: len(home_parts)] == home_parts:
        below = folder.parts[len(home_parts) :]
        if below and _prefix_provider(below[0]):
            return _prefix_provider(below[0])
        cloud_storage = ("library", "cloudstorage") if casefold else ("Library", "CloudStorage")
        if key(type(folder)(*below[:2])) == cloud_storage and len(below) > 2:
            return _prefix_provider(below[2]) or "CloudStorage"
    # Google Drive for desktop's own drive letter: G:\My Drive\…, G:\Shared drives\…
    windows_drive_root = isinstance(folder, PureWindowsPath) and len(folder.parts) > 1
    if windows_drive_root and folder.parts[1] in GOOGLE_DRIVE_ROOT_NAMES:
        return "Google Drive"
    if look_for_markers:
        for parent in (Path(folder), *Path(folder).parents):
            for marker, provider in CLOUD_MARKERS.items():
                with contextlib.suppress(OSError):
                    if (parent / marker).exists():
                        return provider
    return None


# --------------------------------------------------------------------------- classify


def classify(
    folder: str | PurePath,
    *,
    platform: str | None = None,
    env: Mapping[str, str] | None = None,
    home: str | PurePath | None = None,
    mounts: Sequence[Mount] | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> Location:
    """Where ``folder`` is (see the module docstring). Without the keyword arguments, this
    machine's platform, environment, home folder, mount table and drive types are used."""
    platform = platform or sys.platform
    windows = platform == "win32"
    native = platform == sys.platform
    make = PureWindowsPath if windows else PurePosixPath
    if native:
        text = os.path.abspath(folder)
        if not windows:
            text = os.path.realpath(text)
    else:
        text = str(folder)
    path = make(text)
    environment = os.environ if env is None else env
    home_path = make(str(home if home is not None else Path.home()))

    provider = cloud_provider(path, environment, home_path, look_for_markers=native)
    if provider is not None:
        return Location(Place.CLOUD, path, provider)
    if windows:
        return _classify_windows(PureWindowsPath(path), drive_type or windows_drive_type)
    table = read_mount_table() if mounts is None else mounts
    mount = _mount_of(str(path), table)
    if mount is None:
        return Location(Place.LOCAL, path)
    fs_type = mount.fs_type.lower()
    if fs_type in NETWORK_FS or fs_type.startswith(("nfs", "smb", "cifs")):
        return Location(Place.NETWORK, path, fs_type)
    if fs_type in REMOVABLE_FS or (
        platform.startswith("linux") and mount.point.startswith(REMOVABLE_MOUNT_ROOTS)
    ):
        return Location(Place.REMOVABLE, path, fs_type)
    return Location(Place.LOCAL, path)


def _classify_windows(path: PureWindowsPath, drive_type: Callable[[str], int]) -> Location:
    text = str(path)
    if text.startswith(("\\\\?\\UNC\\", "\\\\.\\UNC\\")):
        share = "\\\\" + "\\".join(text.split("\\")[4:6])
        return Location(Place.NETWORK, path, share)
    if text.startswith("\\\\") and not text.startswith(("\\\\?\\", "\\\\.\\")):
        return Location(Place.NETWORK, path, path.drive or text)
    drive = path.drive
    if text.startswith(("\\\\?\\", "\\\\.\\")):
        drive = text[4:6]
    if not drive:
        return Location(Place.LOCAL, path)
    try:
        kind = drive_type(drive.rstrip("\\") + "\\")
    except (OSError, AttributeError, ValueError):
        return Location(Place.LOCAL, path)
    if kind == DRIVE_REMOTE:
        return Location(Place.NETWORK, path, f"ไดรฟ์ {drive}")
    if kind == DRIVE_REMOVABLE:
        return Location(Place.REMOVABLE, path, f"ไดรฟ์ {drive}")
    return Location(Place.LOCAL, path)


def classify_folder(folder: Path) -> Location:
    """Where ``folder`` of this machine is (the database's folder, a backup folder)."""
    return classify(folder)
