"""The app's look, defined once: the colours, the roles a widget can take, and the one style
sheet (``resources/ui/app.qss``) that says how each role looks. ``ensure_application`` loads
it for the whole application; no widget carries a style sheet of its own.

Code gives a widget a role (``set_role(label, Role.ERROR)``); app.qss styles
``QLabel[role="error"]``. A state that changes while the widget is shown (a passing or failing
rating) is another dynamic property, set with ``set_flag`` (which re-polishes the widget so
the sheet applies at once). The colours live here, not in app.qss: item models paint with
them too (``QColor(ERROR_COLOUR)``), and the sheet's ``$error``-style placeholders are
filled from them when it is loaded."""

from __future__ import annotations

from enum import StrEnum
from string import Template

from PySide6.QtWidgets import QWidget

from itadesk.paths import ui_dir

ERROR_COLOUR = "#b3261e"  # a problem: nothing was saved
WARNING_COLOUR = "#8a5300"  # worth checking, not blocking
GOOD_COLOUR = "#1b6e2e"
INFO_COLOUR = "#1f4e8c"
MUTED_COLOUR = "#555555"  # a side note
ACCENT_COLOUR = "#1f5fa8"  # what to do next; the current selection

STYLE_SHEET_FILE = "app.qss"
ROLE_PROPERTY = "role"


class Role(StrEnum):
    """What a widget is for; app.qss has one rule per role."""

    PAGE_TITLE = "page-title"
    SECTION_TITLE = "section-title"
    ERROR = "error"
    WARNING = "warning"
    MUTED = "muted"
    TOTAL = "total"  # the score page's total
    RATING = "rating"  # the score page's rating; coloured by its "passing" flag
    ROAD_STEP = "road-step"  # one step of the start page's road; framed by its "current" flag
    EMPTY_HINT = "empty-hint"  # what goes on an empty page, over the button that fills it


PASSING_FLAG = "passing"


def _repolish(widget: QWidget) -> None:
    """Apply the style sheet again after a property it selects on changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def set_role(widget: QWidget, role: Role) -> None:
    widget.setProperty(ROLE_PROPERTY, str(role))
    _repolish(widget)


def set_flag(widget: QWidget, name: str, value: bool | None) -> None:
    """A true/false state app.qss selects on (``[passing="true"]``); None: neither (stored as
    "unknown", not as None, which PySide mishandles as a property value)."""
    widget.setProperty(name, "unknown" if value is None else ("true" if value else "false"))
    _repolish(widget)


def application_style_sheet() -> str:
    """app.qss with its colour placeholders filled in."""
    text = (ui_dir() / STYLE_SHEET_FILE).read_text(encoding="utf-8")
    return Template(text).substitute(
        error=ERROR_COLOUR,
        warning=WARNING_COLOUR,
        good=GOOD_COLOUR,
        info=INFO_COLOUR,
        muted=MUTED_COLOUR,
        accent=ACCENT_COLOUR,
    )
