"""Writing files so that a crash, a full disk or a USB stick pulled out never leaves half a
file under a real name — the one place that does it, for every layer.

Owns:

* **atomic writes**: :func:`write_atomically` (a file produced by a callback), and
  :func:`write_bytes_atomically`, :func:`write_text_atomically`, :func:`copy_atomically`. The
  steps are always: a temporary file in the target's folder (same filesystem, so the rename is
  atomic) → write → flush → fsync the file → ``os.replace`` → fsync the folder. On any failure
  the temporary file is removed and an earlier file at the target stays as it was.
  :func:`sibling_temp_file` and :func:`publish_file` are the two halves, for a writer that
  learns the final name only after writing (the backup).
* **staged publish** of a folder or a ZIP: everything is built in a hidden staging folder next
  to the target (:func:`make_staging_folder`), then :func:`publish_folder` renames it into
  place (an earlier folder aside first) or :func:`publish_zip` packs it; :func:`recover_staged`
  undoes what a killed publisher left.
* **ZIP archives with SHA-256 of every member**: :func:`write_zip` streams files into a ZIP and
  returns each member's size and SHA-256, so the caller writes its manifest of hashes (the web
  bundle puts it first, the backup last) — one writer for both.
* **limits on archives read** (:class:`ZipLimits`, :func:`check_zip_limits`): entry count,
  total uncompressed size and compression ratio, judged from the ZIP's central directory
  before anything is unpacked or parsed; reading is then capped as it goes (``max_bytes`` of
  :func:`digest_stream`; Python's zipfile itself never inflates past a member's declared size
  and fails its CRC if the data is longer), so a declared size that lies cannot help a bomb.
* **digests** (:func:`file_digest`, streaming SHA-256), **ASCII slugs** (:func:`ascii_slug`),
  generated safe file names (:func:`generated_file_name`), and **OS errors in Thai**
  (:func:`os_error_th`, :func:`is_disk_full`, :func:`is_read_only`).
* **output targets** (:func:`output_target_problem`): whether a file or folder the clerk
  named can be written, judged before anything is written.

Standard library only, no Qt and no ``itadesk`` import: domain, storage, documents, services
and ui may all use it.

One module on purpose, though over 600 lines: it is the single place every layer writes files
through (issue #10), its parts share the same steps (temporary sibling, fsync, rename, Thai OS
errors), and one import keeps every writer on the same rules.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import stat
import sys
import tempfile
import threading
import unicodedata
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, BinaryIO

CHUNK = 1 << 20
TEMP_SUFFIX = ".partial"
STAGING_SUFFIX = ".itadesk-partial"
ASIDE_SUFFIX = ".itadesk-old"
ZIP_TEMP_SUFFIX = ".itadesk-zip"
# A temp file's name is its prefix + 8 random characters + its suffix: with the prefix cut to
# this, a target named with 254 characters still gets a temp name the file system accepts.
MAX_TEMP_PREFIX = 60

# Already compressed: deflating them again only costs time on the clerk's old PC.
STORED_SUFFIXES = frozenset(
    {".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".zip", ".7z", ".rar", ".gz"}
    | {".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".mp3", ".mp4", ".m4a", ".mov"}
)
# Every member is a plain file readable by all (unzip and Windows Explorer show it so).
ZIP_FILE_MODE = (stat.S_IFREG | 0o644) << 16


# --------------------------------------------------------------------------- OS errors in Thai

_OS_ERRORS_TH = {
    "ENOSPC": "ดิสก์เต็ม",
    "EACCES": "ไม่มีสิทธิ์เข้าถึง",
    "EPERM": "ไม่มีสิทธิ์เข้าถึง",
    "EROFS": "ดิสก์หรือแฟลชไดรฟ์อ่านได้อย่างเดียว",
    "ENOENT": "ไม่พบไฟล์หรือโฟลเดอร์",
    "EBUSY": "ไฟล์กำลังถูกใช้งานโดยโปรแกรมอื่น",
    "EIO": "อ่านหรือเขียนดิสก์ไม่สำเร็จ",
    "ENAMETOOLONG": "ชื่อไฟล์หรือที่อยู่ยาวเกินไป",
}


def os_error_th(error: OSError) -> str:
    """A short Thai reason for an operating-system error (never the English text)."""
    name = errno.errorcode.get(error.errno or 0, "")
    if isinstance(error, PermissionError) and not name:
        name = "EACCES"
    return _OS_ERRORS_TH.get(name, "ระบบปฏิเสธการอ่านหรือเขียนไฟล์")


def is_disk_full(error: OSError) -> bool:
    return error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def is_read_only(error: OSError) -> bool:
    """A medium that cannot be written, or no permission to write there."""
    return error.errno in (errno.EROFS, errno.EACCES, errno.EPERM)


# --------------------------------------------------------------------------- names, digests


def ascii_slug(text: str, *, max_length: int | None = None) -> str:
    """Lower-case ASCII letters and digits joined by single dashes ("" when nothing is left);
    Thai letters drop out, Latin accents lose their marks."""
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = "-".join(re.findall(r"[a-z0-9]+", flat.lower()))
    return slug[:max_length].strip("-") if max_length is not None else slug


_SAFE_SUFFIX_RE = re.compile(r"\.[a-z0-9]{1,10}")


def safe_suffix(name: str) -> str:
    """The extension of ``name`` in lower case (".pdf") when it is 1–10 ASCII letters or
    digits, else "": enough for the system to open the file with the right program."""
    suffix = Path(name.strip().rstrip(". ")).suffix.lower()
    return suffix if _SAFE_SUFFIX_RE.fullmatch(suffix) else ""


def generated_file_name(original: str) -> str:
    """A new file name no platform can object to: 16 random hex digits and the original's
    safe extension ("3f9c0e7a1b2d4c5e.pdf"). No reserved device name (CON, AUX …), no
    character Windows forbids, short enough for any folder and its ".partial" temp name."""
    return f"{uuid.uuid4().hex[:16]}{safe_suffix(original)}"


@dataclass(frozen=True)
class FileDigest:
    """What a manifest says of one file: its path (inside a bundle or archive), size, SHA-256."""

    path: str
    size: int
    sha256: str


def digest_stream(
    source: IO[bytes], out: IO[bytes] | None = None, *, max_bytes: int | None = None
) -> tuple[int, str]:
    """Read ``source`` to its end in 1 MB blocks (copying them to ``out`` if given); the
    number of bytes and their SHA-256. With ``max_bytes``, reading stops with
    :class:`ArchiveLimitError` as soon as more than that has come (a running cap)."""
    digest = hashlib.sha256()
    size = 0
    while block := source.read(CHUNK):
        size += len(block)
        if max_bytes is not None and size > max_bytes:
            raise ArchiveLimitError("overrun", f"มีข้อมูลมากกว่าที่ระบุไว้ ({max_bytes:,} ไบต์)")
        digest.update(block)
        if out is not None:
            out.write(block)
    return size, digest.hexdigest()


def file_digest(path: Path, name: str | None = None) -> FileDigest:
    """Size and SHA-256 of ``path``; ``name`` is recorded as its path."""
    with open(path, "rb") as data:
        size, sha256 = digest_stream(data)
    return FileDigest(name if name is not None else Path(path).name, size, sha256)


# --------------------------------------------------------------------------- output targets

# Longest file name most file systems take (ext4, NTFS, exFAT: 255 bytes or UTF-16 units).
MAX_NAME_BYTES = 255
# Classic Windows path limit (no long-path support on an office PC).
WINDOWS_MAX_PATH = 259
_UNIX_SYSTEM_FOLDERS = (
    "/proc", "/sys", "/dev", "/etc", "/boot", "/bin", "/sbin", "/lib", "/lib32", "/lib64",
    "/usr", "/System", "/Library", "/private/etc", "/private/var/db",
)  # fmt: skip


def _system_folders() -> list[Path]:
    if sys.platform == "win32":
        names = ("SystemRoot", "ProgramFiles", "ProgramFiles(x86)", "ProgramData")
        return [Path(os.environ[name]) for name in names if os.environ.get(name)]
    return [Path(name) for name in _UNIX_SYSTEM_FOLDERS]


def _is_system_place(path: Path) -> bool:
    """A drive or file-system root, or inside a folder of the operating system."""
    if path.parent == path:
        return True
    for folder in _system_folders():
        try:
            if path == folder or path.is_relative_to(folder):
                return True
        except ValueError:
            continue
    return False


def output_target_problem(target: Path, *, folder: bool = False) -> str | None:
    """Why ``target`` cannot be written (a Thai sentence), or None. Judged before anything is
    written, looking only at ``target`` and its parent folder; nothing is created.

    A file target (``folder`` False) must not be a folder, its folder must exist and be
    writable, and its name must fit the file system. A folder target (an export folder, a
    backup folder) may be new but its parent must exist; a drive root or a system folder is
    refused. Any file name suffix is accepted: the caller decides which kinds it writes."""
    target = Path(target).absolute()
    shown = str(target)[:200]
    name = target.name
    if not name or _is_system_place(target):
        return (
            f"“{shown}” เป็นรากของไดรฟ์หรือโฟลเดอร์ของระบบ จึงเขียนที่นั่นไม่ได้"
            " — เลือกโฟลเดอร์ของคุณเอง เช่น โฟลเดอร์เอกสารหรือเดสก์ท็อป"
        )
    if len(name.encode("utf-8")) > MAX_NAME_BYTES or (
        sys.platform == "win32" and len(str(target)) > WINDOWS_MAX_PATH
    ):
        return (
            f"ชื่อ “{name[:80]}…” ยาวเกินกว่าที่ระบบไฟล์รับได้ ({len(name):,} ตัวอักษร)"
            " — ตั้งชื่อให้สั้นลง เช่น ไม่เกิน 80 ตัวอักษร"
        )
    parent = target.parent
    try:
        is_dir = target.is_dir()
        parent_ok = parent.is_dir()
        special = target.exists() and not is_dir and not target.is_file()
    except OSError as error:
        return f"ตรวจที่เก็บ “{shown}” ไม่ได้ ({os_error_th(error)}) — ตรวจว่าไดรฟ์ยังเชื่อมต่ออยู่"
    if not parent_ok:
        return (
            f"ไม่พบโฟลเดอร์ “{str(parent)[:200]}” ที่จะเก็บ “{name[:80]}”"
            " — สร้างโฟลเดอร์นั้นก่อน หรือเลือกโฟลเดอร์ที่มีอยู่แล้ว (โปรแกรมไม่สร้างโฟลเดอร์ให้เอง)"
        )
    if not folder and is_dir:
        return f"“{shown}” เป็นโฟลเดอร์ ไม่ใช่ไฟล์ — ระบุชื่อไฟล์ เช่น “{str(target / 'เอกสาร.pdf')[:200]}”"
    if folder and target.exists() and not is_dir:
        return f"มีไฟล์ชื่อ “{shown}” อยู่แล้ว ซึ่งไม่ใช่โฟลเดอร์ — เลือกชื่อโฟลเดอร์อื่น"
    if special:
        return f"“{shown}” ไม่ใช่ไฟล์ธรรมดา — เลือกชื่อไฟล์อื่น"
    writable_place = target if folder and is_dir else parent
    if not os.access(writable_place, os.W_OK):
        return (
            f"เขียนลงโฟลเดอร์ “{str(writable_place)[:200]}” ไม่ได้"
            " (เป็นแบบอ่านอย่างเดียว หรือไม่มีสิทธิ์เขียน) — เลือกโฟลเดอร์อื่นที่เขียนได้"
        )
    return None


# --------------------------------------------------------------------------- archive limits


@dataclass(frozen=True)
class ZipLimits:
    """What an archive the app reads may hold. ``max_ratio`` (uncompressed : compressed) is
    judged only for members larger than ``ratio_floor``: tiny files compress any way."""

    max_entries: int
    max_total_size: int
    max_ratio: int
    ratio_floor: int = 1 << 20


class ArchiveLimitError(ValueError):
    """An archive beyond its :class:`ZipLimits`; ``detail_th`` says which limit, in Thai."""

    def __init__(self, limit: str, detail_th: str) -> None:
        super().__init__(detail_th)
        self.limit = limit  # "entries" | "size" | "ratio" | "overrun"
        self.detail_th = detail_th


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):,.1f} MB"


def check_zip_limits(archive: zipfile.ZipFile, limits: ZipLimits) -> None:
    """Refuse ``archive`` (:class:`ArchiveLimitError`) when its central directory declares
    more entries, more uncompressed bytes in total, or a higher compression ratio than
    ``limits`` allow. Reads only the directory: nothing is inflated."""
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise ArchiveLimitError(
            "entries", f"มี {len(infos):,} รายการ เกินที่รับได้ ({limits.max_entries:,} รายการ)"
        )
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_size:
        raise ArchiveLimitError(
            "size",
            f"ขยายแล้วมีขนาดรวม {_megabytes(total)} เกินที่รับได้ ({_megabytes(limits.max_total_size)})",
        )
    for info in infos:
        if info.file_size <= limits.ratio_floor:
            continue
        if info.file_size > limits.max_ratio * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise ArchiveLimitError(
                "ratio",
                f"รายการ “{info.filename[:80]}” ถูกบีบอัดไว้ {ratio:,} เท่า"
                f" (รับได้ไม่เกิน {limits.max_ratio:,} เท่า) ซึ่งเป็นลักษณะของไฟล์ที่ทำขึ้นเพื่อให้เครื่องค้าง",
            )


# --------------------------------------------------------------------------- atomic writes


def remove_quietly(path: Path) -> None:
    """Delete a file or a whole folder; a failure is left for the next cleanup."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable. Windows cannot open a folder for fsync (NTFS
    journals renames), and some filesystems refuse it: both are ignored."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def fsync_file(path: Path) -> None:
    """Push the bytes of ``path`` to the disk (opened for writing: Windows needs that)."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(folder: Path) -> None:
    """fsync every file and folder under ``folder`` (a staged bundle before it is published)."""
    for root, _dirs, names in os.walk(folder):
        for name in names:
            fsync_file(Path(root, name))
        fsync_folder(Path(root))


def _temp_prefix(target: Path) -> str:
    """The hidden prefix of every temp file or folder made next to ``target``."""
    return f".{target.name}."[:MAX_TEMP_PREFIX]


_umask_lock = threading.Lock()
_umask_value: int | None = None


def process_umask() -> int:
    """The process's umask (read once). Linux tells it in /proc; elsewhere it is read by
    setting it and putting it back at once, under a lock."""
    global _umask_value
    with _umask_lock:
        if _umask_value is None:
            _umask_value = _read_umask()
        return _umask_value


def _read_umask() -> int:
    if sys.platform == "win32":
        return 0
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    current = os.umask(0o022)
    os.umask(current)
    return current


def give_default_mode(path: Path, *, folder: bool = False) -> None:
    """Give a file or folder made by ``tempfile`` (0600/0700, private) the mode a plain
    ``open()``/``mkdir()`` would have given it (0644/0755 under the usual umask 022): a web
    bundle or a backup is read by other programs and other users (an upload tool)."""
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        os.chmod(path, (0o777 if folder else 0o666) & ~process_umask())


@contextlib.contextmanager
def sibling_temp_file(folder: Path, *, prefix: str, suffix: str = TEMP_SUFFIX) -> Iterator[Path]:
    """A new empty file in ``folder`` with a hidden, unique name (and the mode a plain new file
    gets); removed on leaving the block unless :func:`publish_file` has renamed it to its
    final name. A prefix is cut so the temp name stays short whatever the target's name."""
    fd, name = tempfile.mkstemp(prefix=prefix[:MAX_TEMP_PREFIX], suffix=suffix, dir=folder)
    os.close(fd)
    temp = Path(name)
    give_default_mode(temp)
    try:
        yield temp
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()  # gone already once published


def publish_file(temp: Path, target: Path) -> None:
    """The second half of an atomic write: fsync ``temp``, rename it over ``target``, fsync
    the folder. At every moment ``target`` is the old file or the whole new one."""
    fsync_file(temp)
    os.replace(temp, target)
    fsync_folder(target.parent)


def write_atomically(
    target: Path,
    write: Callable[[Path], object],
    *,
    before_replace: Callable[[], object] | None = None,
) -> Path:
    """Let ``write`` fill a temporary file next to ``target``, then put it in place atomically.
    ``before_replace`` runs just before the rename (a last check of the target); whatever
    either raises leaves no temporary file and ``target`` as it was."""
    target = Path(target)
    with sibling_temp_file(target.parent, prefix=_temp_prefix(target)) as temp:
        write(temp)
        if before_replace is not None:
            before_replace()
        publish_file(temp, target)
    return target


def write_bytes_atomically(target: Path, data: bytes) -> Path:
    return write_atomically(target, lambda temp: temp.write_bytes(data))


def write_text_atomically(
    target: Path, text: str, *, encoding: str = "utf-8", newline: str | None = "\n"
) -> Path:
    def write(temp: Path) -> None:
        with open(temp, "w", encoding=encoding, newline=newline) as out:
            out.write(text)

    return write_atomically(target, write)


def copy_atomically(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target``: never a half-written file at ``target``."""
    return write_atomically(target, lambda temp: shutil.copyfile(source, temp))


# --------------------------------------------------------------------------- ZIP with digests


class SourceReadError(OSError):
    """Reading a file that goes into an archive failed: the fault is the source's (a file
    locked by another program, a pulled stick), not the target's."""

    def __init__(self, source: Path, error: OSError) -> None:
        super().__init__(error.errno, error.strerror, str(source))
        self.source = Path(source)
        self.error = error


@dataclass(frozen=True)
class ZipMember:
    """A file to put into a ZIP under ``name`` with the time ``date_time`` (local time)."""

    name: str
    source: Path
    date_time: tuple[int, int, int, int, int, int]


def zip_date_time(moment: datetime | float) -> tuple[int, int, int, int, int, int]:
    """A ZIP entry time from a datetime or a file time; ZIP stores 1980 to 2107 only."""
    when = moment if isinstance(moment, datetime) else datetime.fromtimestamp(moment)
    stamp = max(min(when.timetuple()[:6], (2107, 12, 31, 23, 59, 58)), (1980, 1, 1, 0, 0, 0))
    year, month, day, hour, minute, second = stamp
    return (year, month, day, hour, minute, second)


def zip_info(name: str, date_time: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    """A member header: deflated (stored for already-compressed kinds), a plain 0644 file."""
    info = zipfile.ZipInfo(name, date_time=date_time)
    stored = Path(name).suffix.lower() in STORED_SUFFIXES
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.external_attr = ZIP_FILE_MODE
    return info


def copy_into_zip(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: Path) -> FileDigest:
    """Stream ``source`` into the archive; its size and SHA-256 as written. A read failure
    raises :class:`SourceReadError`; a write failure (disk full …) the plain OSError."""
    digest = hashlib.sha256()
    size = 0
    try:
        handle = Path(source).open("rb")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:
        raise SourceReadError(source, exc) from exc
    with handle, archive.open(info, "w") as out:
        while True:
            try:
                chunk = handle.read(CHUNK)
            except OSError as exc:
                raise SourceReadError(source, exc) from exc
            if not chunk:
                break
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
    return FileDigest(info.filename, size, digest.hexdigest())


def write_zip(
    out: BinaryIO,
    members: Iterable[ZipMember],
    *,
    manifest: Callable[[list[FileDigest]], tuple[str, bytes]] | None = None,
    manifest_time: tuple[int, int, int, int, int, int] | None = None,
) -> list[FileDigest]:
    """Write ``members`` in order into a ZIP on ``out`` and return their digests.

    With ``manifest``, it is called with the digests of every member after the last one and
    returns (name, bytes) of a manifest added at the end, at ``manifest_time``. A writer whose
    manifest must come first (the web bundle) hashes its files with :func:`file_digest` and
    passes the manifest as the first member instead."""
    digests: list[FileDigest] = []
    with zipfile.ZipFile(out, "w", allowZip64=True) as archive:
        for member in members:
            info = zip_info(member.name, member.date_time)
            try:
                # lets zipfile switch to ZIP64 up front for a file over 2 GB
                info.file_size = os.stat(member.source).st_size
            except OSError as exc:
                raise SourceReadError(member.source, exc) from exc
            digests.append(copy_into_zip(archive, info, member.source))
        if manifest is not None:
            name, data = manifest(list(digests))
            stamp = manifest_time or zip_date_time(datetime.now())
            archive.writestr(zip_info(name, stamp), data)
    return digests


# --------------------------------------------------------------------------- staged publish


def make_staging_folder(target: Path) -> Path:
    """A new hidden folder next to ``target`` to build a bundle in (same filesystem, so the
    publish is a rename); readable by others like a folder made by ``mkdir``."""
    folder = Path(
        tempfile.mkdtemp(prefix=_temp_prefix(target), suffix=STAGING_SUFFIX, dir=target.parent)
    )
    give_default_mode(folder, folder=True)
    return folder


def _staged_leftovers(target: Path) -> list[Path]:
    prefix = _temp_prefix(target)
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    return [
        target.parent / name
        for name in names
        if name.startswith(prefix)
        and name.endswith((STAGING_SUFFIX, ASIDE_SUFFIX, ZIP_TEMP_SUFFIX))
    ]


def recover_staged(target: Path) -> None:
    """Undo what a publisher killed mid-way left next to ``target``. Call it only while holding
    the caller's lock for ``target`` (a live publisher's files would be taken for leftovers).
    A kill between "old folder aside" and "new folder in" leaves no target: the old one goes
    back."""
    leftovers = _staged_leftovers(target)
    asides = sorted(
        (p for p in leftovers if p.name.endswith(ASIDE_SUFFIX)),
        key=lambda p: p.stat().st_mtime,
    )
    if asides and not target.exists() and not target.is_symlink():
        os.rename(asides[-1], target)
    for path in _staged_leftovers(target):
        remove_quietly(path)


def publish_folder(
    staging: Path, target: Path, *, before_swap: Callable[[], object] | None = None
) -> None:
    """Rename ``staging`` to ``target``. An existing ``target`` is renamed aside first (after
    ``before_swap``, a last check that it may be replaced) and deleted once the new one is in;
    if the second rename fails the old folder goes back."""
    fsync_tree(staging)
    if not target.exists():
        os.rename(staging, target)
        fsync_folder(target.parent)
        return
    if before_swap is not None:
        before_swap()
    aside = Path(
        tempfile.mkdtemp(prefix=_temp_prefix(target), suffix=ASIDE_SUFFIX, dir=target.parent)
    )
    aside.rmdir()  # only the unique name is wanted; Windows cannot rename onto a folder
    os.rename(target, aside)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(aside, target)
        raise
    fsync_folder(target.parent)
    shutil.rmtree(aside, ignore_errors=True)  # a leftover is removed by the next recovery


def publish_zip(
    staging: Path,
    target: Path,
    names: Sequence[str],
    *,
    date_time: tuple[int, int, int, int, int, int],
    before_replace: Callable[[], object] | None = None,
) -> None:
    """Pack the files ``names`` (POSIX paths under ``staging``, in this order) into the ZIP
    ``target`` atomically, every member at ``date_time``; the staging folder stays for the
    caller to remove."""

    def write(temp: Path) -> None:
        with open(temp, "wb") as raw:
            write_zip(raw, (ZipMember(name, staging / name, date_time) for name in names))

    with sibling_temp_file(
        target.parent, prefix=_temp_prefix(target), suffix=ZIP_TEMP_SUFFIX
    ) as temp:
        write(temp)
        if before_replace is not None:
            before_replace()
        publish_file(temp, target)
