"""Background work: a plain function runs on the thread pool; its result or error comes back
to the GUI thread through a signal. Widgets are only touched on the GUI thread.

:func:`run_cancellable_task` also carries progress to the GUI thread and lets the GUI ask the
work to stop (a :class:`Cancellation` the function polls)."""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(object, str)
    progressed = Signal(object)


class Cancellation:
    """Asked for on the GUI thread (:meth:`cancel`), polled by the worker (call it)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    def __call__(self) -> bool:
        return self._event.is_set()


class _Task(QRunnable):
    def __init__(self, function: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._function = function
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._function()
        except BaseException as error:  # the GUI decides what to tell the clerk
            self._relay.failed.emit(error, traceback.format_exc())
        else:
            self._relay.finished.emit(result)


_live_relays: set[_Relay] = set()


def run_task(
    function: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException, str], None],
) -> None:
    """Run ``function`` on the global thread pool; call back on the GUI thread."""
    _start(lambda _relay: function, on_done, on_error)


def run_cancellable_task(
    function: Callable[[Callable[[Any], None], Cancellation], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException, str], None],
    on_progress: Callable[[Any], None],
) -> Cancellation:
    """Run ``function(progress, cancellation)`` on the thread pool: each ``progress(value)``
    reaches ``on_progress`` on the GUI thread; the returned :class:`Cancellation` asks the
    function to stop (it raises whatever it raises for that, which reaches ``on_error``)."""
    cancellation = Cancellation()

    def bind(relay: _Relay) -> Callable[[], Any]:
        relay.progressed.connect(on_progress)
        return lambda: function(relay.progressed.emit, cancellation)

    _start(bind, on_done, on_error)
    return cancellation


def _start(
    bind: Callable[[_Relay], Callable[[], Any]],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException, str], None],
) -> None:
    relay = _Relay()  # created on the GUI thread, so its signals are delivered there
    _live_relays.add(relay)
    function = bind(relay)

    def done(result: Any) -> None:
        _live_relays.discard(relay)
        on_done(result)

    def failed(error: BaseException, details: str) -> None:
        _live_relays.discard(relay)
        log.warning("background task failed: %s", details)
        on_error(error, details)

    relay.finished.connect(done)
    relay.failed.connect(failed)
    QThreadPool.globalInstance().start(_Task(function, relay))


def wait_for_tasks(milliseconds: int = 30_000) -> bool:
    """Tests and shutdown: wait until the pool is idle."""
    return QThreadPool.globalInstance().waitForDone(milliseconds)
