"""Windows that fit the clerk's screen and come back as the clerk left them.

Office PCs are often 1366×768 at 125 % scaling (about 1093×614 logical pixels), some
1024×600: no window or dialog may open larger than the screen it is on.

- ``fit_to_screen(window, preferred)``: a window's first size, its preferred size but at most
  ``SCREEN_FRACTION`` of the available screen (the part without the task bar), centred there.
- ``restore_window`` / ``save_window``: a window's size and place, remembered under a key and
  put back clamped to the screen it is now on (a laptop taken from its big monitor must not
  open a window half off its own screen).
- ``remember_splitter``: a splitter's sizes, put back when it is made and saved whenever the
  clerk drags it; a pane the clerk could not get back (saved at zero width) is not restored.

Everything is kept in one INI file per user (``window_settings``), under the application's
organisation and name; tests point ``QSettings.setPath`` at a temporary folder."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QSplitter, QWidget

from itadesk.paths import APP_NAME

SCREEN_FRACTION = 0.9  # the largest share of the available screen a window opens at


def window_settings() -> QSettings:
    """The clerk's remembered window sizes and splitter positions (INI, user scope)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME)


def screen_of(widget: QWidget | None) -> QScreen:
    """The screen ``widget`` is on (or its parent's, or the primary screen)."""
    while widget is not None:
        handle = widget.windowHandle()
        if handle is not None and handle.screen() is not None:
            return handle.screen()
        screen = widget.screen()
        if screen is not None and widget.isVisible():
            return screen
        widget = widget.parentWidget()
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen


def available_rect(widget: QWidget | None) -> QRect:
    return screen_of(widget).availableGeometry()


def largest_size(widget: QWidget | None, fraction: float = SCREEN_FRACTION) -> QSize:
    area = available_rect(widget)
    return QSize(int(area.width() * fraction), int(area.height() * fraction))


def fit_to_screen(
    window: QWidget, preferred: QSize | None = None, fraction: float = SCREEN_FRACTION
) -> None:
    """Size ``window`` at ``preferred`` (default: its current size) but never larger than
    ``fraction`` of the available screen nor smaller than it can be laid out; centre it on
    its parent's screen (or the screen it is on)."""
    wanted = preferred if preferred is not None else window.size()
    anchor = window.parentWidget() or window
    largest = largest_size(anchor, fraction)
    smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
    size = wanted.boundedTo(largest).expandedTo(smallest.boundedTo(largest))
    window.resize(size)
    area = available_rect(anchor)
    centre = area.center() if window.parentWidget() is None else anchor.window().geometry().center()
    top_left = QPoint(centre.x() - size.width() // 2, centre.y() - size.height() // 2)
    window.move(_inside(QRect(top_left, size), area).topLeft())


def _inside(rect: QRect, area: QRect) -> QRect:
    """``rect`` shrunk to fit ``area`` and moved into it."""
    size = rect.size().boundedTo(area.size())
    x = min(max(rect.x(), area.left()), area.left() + area.width() - size.width())
    y = min(max(rect.y(), area.top()), area.top() + area.height() - size.height())
    return QRect(QPoint(x, y), size)


def clamp_to_screen(window: QWidget) -> None:
    """Keep a top-level ``window`` (frame included, once it has one) inside the available
    part of its screen: smaller if it is larger, moved if it hangs off an edge."""
    area = available_rect(window)
    frame = window.frameGeometry()
    inner = window.geometry()
    extra_width = max(frame.width() - inner.width(), 0)
    extra_height = max(frame.height() - inner.height(), 0)
    fitted = _inside(frame, area)
    size = QSize(fitted.width() - extra_width, fitted.height() - extra_height)
    if size != inner.size():
        window.resize(size.expandedTo(window.minimumSize()))
    if fitted.topLeft() != frame.topLeft():
        window.move(fitted.topLeft())


def restore_window(window: QWidget, key: str, preferred: QSize) -> None:
    """Put ``window`` back as it was saved under ``key``, clamped to the current screen; the
    first time, ``preferred`` fitted to the screen (maximised when the screen is smaller)."""
    saved = window_settings().value(f"{key}/geometry")
    if isinstance(saved, QByteArray | bytes) and window.restoreGeometry(QByteArray(saved)):
        if not window.isMaximized():
            clamp_to_screen(window)
        return
    area = available_rect(window)
    if area.width() < preferred.width() or area.height() < preferred.height():
        window.resize(area.size().boundedTo(preferred))
        window.move(area.topLeft())
        window.setWindowState(window.windowState() | _maximized())
    else:
        fit_to_screen(window, preferred)


def _maximized():
    from PySide6.QtCore import Qt

    return Qt.WindowState.WindowMaximized


def save_window(window: QWidget, key: str) -> None:
    window_settings().setValue(f"{key}/geometry", window.saveGeometry())


def remember_splitter(splitter: QSplitter, key: str) -> None:
    """Give ``splitter`` the sizes saved under ``key`` (unless a pane would come back at zero
    width where it cannot be collapsed) and save its sizes each time the clerk moves it."""
    settings_key = f"splitters/{key}"
    saved = window_settings().value(settings_key)
    if isinstance(saved, QByteArray | bytes):
        before = splitter.sizes()
        if splitter.restoreState(QByteArray(saved)):
            sizes = splitter.sizes()
            lost = any(
                size == 0 and not splitter.isCollapsible(index) for index, size in enumerate(sizes)
            )
            if lost or len(sizes) != len(before):
                splitter.setSizes(before)

    def save(_position: int, _index: int) -> None:
        window_settings().setValue(settings_key, splitter.saveState())

    splitter.splitterMoved.connect(save)
