"""Putting a planned bundle in place, all or nothing.

Everything is built in a hidden staging folder next to the target (``itadesk.fileio``): each
planned file is written, then manifest.json with the size and SHA-256 of every file. A folder
target is then renamed into place (an earlier bundle is renamed aside first and deleted after);
a ZIP is packed from the staging folder into a temporary file and renamed over the target. A
per-target lock file (``<target>.lock``) keeps two exports apart and lets the next export
safely remove what a killed one left behind (and put an earlier bundle back if the kill fell
between the two renames).

The target is checked before anything is rendered, and again under the lock just before it is
replaced: ITADesk replaces only an earlier bundle of its own, never a clerk's files. The Thai
messages for a target that cannot be used or written live here.
"""

from __future__ import annotations

import contextlib
import errno
import json
import shutil
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

from itadesk import fileio
from itadesk.errors import StorageError, UserError, echo
from itadesk.fileio import output_target_problem
from itadesk.services.export.open_data import dump_json
from itadesk.services.export.parallel import render_documents

if TYPE_CHECKING:
    from itadesk.services.export.plan import BundleFile, BundleJob

BUNDLE_FORMAT = "itadesk-bundle/1"
MANIFEST = "manifest.json"
# Files an operating system drops into folders; they do not make a folder "someone else's".
OS_JUNK = frozenset({"Thumbs.db", "desktop.ini", ".DS_Store"})
_MAX_MANIFEST_BYTES = 16 << 20

Progress = Callable[[int, int], None]
AfterFile = Callable[["BundleFile"], None]


# --------------------------------------------------------------------------- target checks


def check_parent(target: Path, as_zip: bool = False) -> None:
    """The target's folder exists and is writable, the name fits, and it is neither a drive
    root nor a system folder (``fileio.output_target_problem``); nothing is created."""
    problem = output_target_problem(target, folder=not as_zip)
    if problem is not None:
        raise UserError(problem)


def _earlier_bundle_problem(folder: Path) -> str | None:
    """None if ``folder`` holds only an earlier ITADesk bundle (so replacing it loses nothing
    of the clerk's), else a Thai sentence saying why not. A folder that is not a bundle is
    judged from its own top level only: nothing deeper is looked at."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        listed = {entry["path"] for entry in data["files"]}
        ours = data.get("format") == BUNDLE_FORMAT
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        ours, listed = False, set()
    if not ours:
        try:
            names = sorted(p.name for p in folder.iterdir() if p.name not in OS_JUNK)
        except OSError:
            names = []
        sample = ", ".join(echo(name, 60) for name in names[:3])
        return (
            f"โฟลเดอร์ “{folder}” มีไฟล์อยู่แล้ว (เช่น {sample}) และไม่ใช่ชุดไฟล์ที่ ITADesk สร้าง "
            "— เลือกโฟลเดอร์ว่างหรือตั้งชื่อโฟลเดอร์ใหม่ (ITADesk ไม่ลบไฟล์ของคุณ)"
        )
    present = sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if not p.is_dir() and p.name not in OS_JUNK
    )
    foreign = [p for p in present if p not in listed and p != MANIFEST]
    if foreign:
        return (
            f"โฟลเดอร์ “{folder}” เป็นชุดไฟล์ที่ ITADesk สร้างไว้ก่อน แต่มีไฟล์ที่เพิ่มเข้าไปภายหลัง "
            f"({', '.join(foreign[:3])}) — ย้ายไฟล์เหล่านั้นออกก่อน หรือเพิ่มผ่านช่อง “ไฟล์เพิ่มเติม” "
            "แล้วลองใหม่ (ITADesk ไม่ลบไฟล์ของคุณ)"
        )
    return None


def check_target(target: Path, as_zip: bool) -> None:
    """Refuse a target that is not free and not an earlier ITADesk bundle."""
    if target.is_symlink():
        raise UserError(f"“{target}” เป็นทางลัด (symbolic link) — เลือกโฟลเดอร์หรือไฟล์จริง")
    if not target.exists():
        return
    if as_zip:
        if not target.is_file():
            raise UserError(f"“{target}” เป็นโฟลเดอร์ ไม่ใช่ไฟล์ ZIP — เลือกชื่อไฟล์อื่น")
        try:
            with zipfile.ZipFile(target) as archive:
                if archive.getinfo(MANIFEST).file_size > _MAX_MANIFEST_BYTES:
                    raise ValueError("manifest too large for a bundle")
                manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
            ours = isinstance(manifest, dict) and manifest.get("format") == BUNDLE_FORMAT
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, RecursionError):
            ours = False
        if not ours:
            raise UserError(
                f"มีไฟล์ “{target}” อยู่แล้วและไม่ใช่ชุดไฟล์ที่ ITADesk สร้าง — เลือกชื่อไฟล์อื่น "
                "(ITADesk ไม่เขียนทับไฟล์ของคุณ)"
            )
        return
    if not target.is_dir():
        raise UserError(f"มีไฟล์ชื่อ “{target}” อยู่แล้ว — เลือกชื่อโฟลเดอร์อื่น")
    if any(p.name not in OS_JUNK for p in target.iterdir()):
        problem = _earlier_bundle_problem(target)
        if problem:
            raise UserError(problem)


# --------------------------------------------------------------------------- writing


def _os_error_th(error: OSError, target: Path) -> str:
    folder = target.parent
    if fileio.is_disk_full(error):
        why = "พื้นที่บนดิสก์เต็ม — ลบไฟล์ที่ไม่ใช้หรือเลือกไดรฟ์อื่น แล้วลองใหม่"
    elif error.errno == errno.EROFS:
        why = "ดิสก์หรือแฟลชไดรฟ์นั้นเขียนไม่ได้ (อ่านได้อย่างเดียว) — เลือกที่เก็บอื่น"
    elif fileio.is_read_only(error):  # no permission
        why = "ไม่มีสิทธิ์เขียน หรือมีไฟล์ในชุดเดิมเปิดค้างอยู่ในโปรแกรมอื่น — ปิดไฟล์นั้นหรือเลือกโฟลเดอร์อื่น แล้วลองใหม่"
    else:
        why = f"{fileio.os_error_th(error)} — ตรวจสอบที่เก็บแล้วลองใหม่"
    return (
        f"สร้างชุดไฟล์ “{target.name}” ในโฟลเดอร์ “{folder}” ไม่ได้: {why} (ไม่มีไฟล์ใดถูกสร้างหรือเปลี่ยนแปลง)"
    )


@contextlib.contextmanager
def _target_lock(target: Path) -> Iterator[None]:
    from itadesk.storage.lock import OfficeLock

    lock = OfficeLock(target)
    try:
        lock.acquire()
    except StorageError as error:
        if isinstance(error.__cause__, OSError):
            raise UserError(_os_error_th(error.__cause__, target)) from error
        raise UserError(
            f"กำลังสร้างชุดไฟล์ “{target}” อยู่ในอีกหน้าต่างหนึ่ง — รอให้เสร็จก่อนแล้วลองใหม่"
        ) from error
    try:
        yield
    finally:
        lock.release()


def _check_staged(job: BundleJob, staging: Path) -> None:
    present = {p.relative_to(staging).as_posix() for p in staging.rglob("*") if not p.is_dir()}
    listed = {step.file.path for step in job.steps}
    if present != listed:  # a renderer left a stray file: never publish an unlisted file
        raise RuntimeError(f"bundle staging holds unlisted files: {sorted(present - listed)}")


def publish_bundle(
    job: BundleJob, progress: Progress | None = None, after_file: AfterFile | None = None
) -> Path:
    """Write every file of ``job`` into a staging folder, add manifest.json and put the bundle
    in place atomically; returns the target. ``progress(done, total)`` is told after each
    step; ``after_file(file)`` is called once each planned file is written (staged, not yet
    published)."""
    target = job.target
    total = len(job.steps) + 2  # the files, the manifest, putting it in place
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    if progress is not None:
        progress(0, total)
    try:
        with _target_lock(target):
            fileio.recover_staged(target)
            staging = fileio.make_staging_folder(target)
            try:
                for step in job.steps:
                    (staging / step.file.path).parent.mkdir(parents=True, exist_ok=True)
                # The generated documents first, on two cores when the plan has a helper.
                documents = [
                    (step.document, staging / step.file.path)
                    for step in job.steps
                    if step.document is not None
                ]
                job.rendered_by_helper = render_documents(documents, job.helper, tick)
                for step in job.steps:
                    if step.write is not None:
                        step.write(staging / step.file.path, staging)
                        tick()
                    if after_file is not None:
                        after_file(step.file)
                _check_staged(job, staging)
                digests = [
                    fileio.file_digest(staging / step.file.path, step.file.path)
                    for step in job.steps
                ]
                with open(staging / MANIFEST, "w", encoding="utf-8", newline="\n") as out:
                    out.write(dump_json(job.manifest(digests)))
                tick()
                if job.as_zip:
                    stamp = job.created_at.astimezone(UTC) if job.invariant else job.created_at
                    fileio.publish_zip(
                        staging,
                        target,
                        [MANIFEST, *(step.file.path for step in job.steps)],
                        date_time=fileio.zip_date_time(stamp),
                        before_replace=lambda: check_target(target, as_zip=True),
                    )
                    shutil.rmtree(staging, ignore_errors=True)
                else:
                    fileio.publish_folder(
                        staging, target, before_swap=lambda: check_target(target, as_zip=False)
                    )
                tick()
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
    except OSError as error:
        raise UserError(_os_error_th(error, target)) from error
    return target
