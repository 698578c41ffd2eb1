"""Rendering the bundle's documents on two cores.

A bundle with both heavy documents (the analysis report and a results report) spends most of
its time laying out pages, one document after another, on one core of a two-core office PC.
:class:`RenderHelper` starts one helper process as soon as the bundle is being planned, so
its imports, fonts and break dictionary load while this process still reads the database.
:func:`render_documents` then shares the documents between this process and the helper:
each takes the largest document left (by the size of its data), and the helper joins only
once it is warm, so a slow start (an antivirus scanning the new process) never makes the
bundle slower than rendering everything here. The documents are plain values
(``services.documents.DocumentJob``) that pickle, and each is written atomically to its own
file in the staging folder, so the files are the same byte for byte whichever process
renders them.

The helper is a *spawned* process (not forked): the window's process has threads, and
Windows has no fork. The frozen program's entry point calls
``multiprocessing.freeze_support()`` so the helper starts there too. If the helper dies,
what it held is rendered here; a document's own error (a full disk) is raised as it would
be without the helper.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import pickle
import threading
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from itadesk.documents.context import RenderContext
    from itadesk.services.documents import DocumentJob

log = logging.getLogger(__name__)

#: Set to "1" to render every bundle in this process only (troubleshooting).
SINGLE_PROCESS_ENV = "ITADESK_RENDER_SINGLE_PROCESS"


def helper_worthwhile(heavy_documents: int) -> bool:
    """A helper pays for its start-up (about a third of a second of imports on another core)
    only when there are two heavy documents to lay out and a second core to do it on."""
    if os.environ.get(SINGLE_PROCESS_ENV) == "1":
        return False
    return heavy_documents >= 2 and (os.cpu_count() or 1) >= 2


def _exit_with_parent() -> None:
    """In the helper: leave as soon as the process that started it is gone. A program
    killed half-way through an export (Task Manager, a crash) must not leave a helper
    waiting for work forever: its work queue's pipe never reports the end, since the helper
    holds both ends of it."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="itadesk-parent-watch", daemon=True).start()


def _warm(context: RenderContext | None) -> int:
    from itadesk.documents.context import bundled_context, warm_up

    warm_up(context or bundled_context())
    return os.getpid()


def _render(job: DocumentJob, output: Path) -> None:
    job(output)


class RenderHelper:
    """One spawned helper process that renders documents beside this one."""

    def __init__(self, context: RenderContext | None = None) -> None:
        """Start the helper and warm it with ``context`` (None: the bundled fonts, for a
        helper started before the office's settings are read)."""
        self._executor = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_exit_with_parent,
        )
        # An unused helper (a plan never run) goes away with its owner.
        self._finalizer = weakref.finalize(
            self, self._executor.shutdown, wait=False, cancel_futures=True
        )
        #: the helper's process id once it is warm
        self.warm: Future[int] = self._executor.submit(_warm, context)

    def submit(self, job: DocumentJob, output: Path) -> Future[None]:
        return self._executor.submit(_render, job, output)

    def close(self) -> None:
        """Stop the helper, waiting for a document it is writing (so nothing writes into a
        staging folder that is about to be removed)."""
        self._finalizer.detach()
        self._executor.shutdown(wait=True, cancel_futures=True)


def _cost(job: DocumentJob) -> int:
    """How much there is to lay out: the size of the document's data."""
    return len(pickle.dumps(job.data, protocol=pickle.HIGHEST_PROTOCOL))


def render_documents(
    documents: Sequence[tuple[DocumentJob, Path]],
    helper: RenderHelper | None,
    done: Callable[[], None] = lambda: None,
) -> int:
    """Write every ``(job, output)``; with a ``helper``, this process and the helper each
    take the largest document left. ``done()`` is called in this thread after each one.
    Returns how many the helper wrote."""
    if helper is None or len(documents) < 2:
        for job, output in documents:
            job(output)
            done()
        return 0
    queue = sorted(documents, key=lambda item: _cost(item[0]), reverse=True)

    lock = threading.Lock()
    stop = threading.Event()
    taken_by_helper: list[tuple[DocumentJob, Path]] = []
    handed_back: list[tuple[DocumentJob, Path]] = []
    failure: list[BaseException] = []

    def take() -> tuple[DocumentJob, Path] | None:
        with lock:
            return queue.pop(0) if queue and not stop.is_set() else None

    def feed_helper() -> None:
        try:
            helper.warm.result()
        except BaseException as error:  # a helper that cannot start sits out
            log.warning("render helper did not start: %r", error)
            return
        while (item := take()) is not None:
            try:
                helper.submit(*item).result()
            except BrokenProcessPool as error:
                log.warning("render helper died; rendering here instead: %r", error)
                handed_back.append(item)
                return
            except BaseException as error:  # raised in the caller's thread
                failure.append(error)
                stop.set()
                return
            taken_by_helper.append(item)

    feeder = threading.Thread(target=feed_helper, name="itadesk-render-helper", daemon=True)
    feeder.start()
    try:
        while (item := take()) is not None:
            item[0](item[1])
            done()
    except BaseException:
        stop.set()
        raise
    finally:
        feeder.join()
    if failure:
        raise failure[0]
    for _item in taken_by_helper:
        done()
    for job, output in handed_back:
        job(output)
        done()
    return len(taken_by_helper)
