"""Background work: a plain function runs on the thread pool; its result or error comes back
to the GUI thread through a signal. Widgets are only touched on the GUI thread."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(object, str)


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
    relay = _Relay()  # created on the GUI thread, so its signals are delivered there
    _live_relays.add(relay)

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
