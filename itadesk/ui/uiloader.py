"""Load Designer forms from resources/ui with QUiLoader (never loadUiType: it shells out to
uic, which a frozen app does not have)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QFile, QIODevice, QObject
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from itadesk.paths import ui_dir

T = TypeVar("T", bound=QObject)


def load_ui(name: str, parent: QWidget | None = None) -> QWidget:
    path = ui_dir() / f"{name}.ui"
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise RuntimeError(f"cannot open form {path}")
    try:
        # Loaded without a parent: the loader would put a form into a container parent (a
        # page's QScrollArea would take a dialog as its content). Parented afterwards, as a
        # window when the form is one.
        widget = QUiLoader().load(file, None)
    finally:
        file.close()
    if widget is None:
        raise RuntimeError(f"cannot load form {path}")
    from itadesk.ui.text_limits import apply_text_limits

    apply_text_limits(widget)  # every field states the length its service accepts
    if parent is not None:
        widget.setParent(parent, widget.windowFlags())
    return widget


def child(root: QObject, kind: type[T], name: str) -> T:
    """The named child of a loaded form; a missing name is a programming error, said loudly."""
    found = root.findChild(kind, name)
    if found is None:
        raise LookupError(f"form {root.objectName()!r} has no {kind.__name__} named {name!r}")
    return found
