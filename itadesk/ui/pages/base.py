"""What every page of the main window is: a controller (a QObject) over one Designer form.

The main window knows pages only through this class: it shows ``widget`` under ``title`` in
the page list, hands the assessment cycle to the pages that follow it (``follows_cycle``),
asks a page to ``refresh()`` when it is shown or after an undo, and calls ``flush()`` before
the page, the cycle or the history changes and before the window closes.

A page owns:
- its form (``load_ui``), whose ``title_label`` and ``error_label`` get their roles here;
- one ``CommitBinder`` (ui/binder.py), through which every field it autosaves is bound, and
  whose ``loading()`` the page enters while it puts saved values on screen;
- its open previews, through the one ``open_preview()``: save what is waiting, run the
  pre-print check, prepare the document through the services, show the preview without
  blocking the window and keep it until it closes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLabel, QWidget

from itadesk.domain.documents import DocumentKind
from itadesk.domain.fiscal import AssessmentCycle
from itadesk.errors import UserError
from itadesk.services import Services
from itadesk.ui.binder import CommitBinder
from itadesk.ui.styles import Role, set_role
from itadesk.ui.uiloader import child, load_ui

if TYPE_CHECKING:
    from itadesk.ui.preview import PreviewDialog


class Page(QObject):
    title: ClassVar[str] = ""
    follows_cycle: ClassVar[bool] = False  # shows the cycle picked in the toolbar

    def __init__(
        self, services: Services, undo_stack: QUndoStack, parent: QWidget, form: str
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        self.cycle: AssessmentCycle | None = None
        self.previews: list[PreviewDialog] = []  # open previews, kept until each closes
        self.widget = load_ui(form, parent)
        self.title_label = child(self.widget, QLabel, "title_label")
        set_role(self.title_label, Role.PAGE_TITLE)
        self.error_label = child(self.widget, QLabel, "error_label")
        set_role(self.error_label, Role.ERROR)
        self.binder = CommitBinder(self, self.show_error)

    # ------------------------------------------------------------------ the window's calls

    def set_cycle(self, cycle: AssessmentCycle) -> None:
        """Show ``cycle`` (a page that follows the cycle picked in the toolbar)."""
        self.cycle = cycle
        self.refresh()

    def refresh(self) -> None:
        """Show the saved data again (it may have changed on another page or by an undo)."""
        raise NotImplementedError

    def flush(self) -> bool:
        """Save what the clerk typed and is still waiting to be saved; False when some of
        it was refused (the reason is on the page and the typing stays)."""
        return self.binder.flush()

    # ------------------------------------------------------------------ for the pages

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Putting saved values on screen: the widgets' signals are not the clerk's."""
        with self.binder.loading():
            yield

    @property
    def is_loading(self) -> bool:
        return self.binder.is_loading

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)

    def clear_error(self) -> None:
        self.error_label.clear()

    def push(self, command: QUndoCommand) -> bool:
        """One clerk action as one undo step; a write refused on the way is told."""
        try:
            self._undo_stack.push(command)
        except UserError as error:
            self.show_error(error.message)
            return False
        return True

    # ------------------------------------------------------------------ previews

    def check_before_printing(self, kind: DocumentKind, fiscal_year: int) -> None:
        """The page's pre-print check, run by ``open_preview`` (it shows its own warnings;
        printing is still allowed). Most pages have none."""

    def open_preview(
        self, kind: DocumentKind, fiscal_year: int, *, round_months: int = 12
    ) -> PreviewDialog | None:
        """Preview ``kind`` of ``fiscal_year``: save what is waiting (the document shows
        what the clerk sees), run the pre-print check, gather the data through the services,
        then render in the background in a window that does not block this one."""
        from itadesk.ui.preview import PreviewDialog

        saved = self.flush()
        try:
            self.check_before_printing(kind, fiscal_year)
            prepared = self._services.documents.prepare(
                kind, fiscal_year, round_months=round_months
            )
        except UserError as error:
            self.show_error(error.message)
            return None
        if saved:  # a refusal from the flush stays in view
            self.clear_error()
        dialog = PreviewDialog(prepared, self.widget)
        self.previews.append(dialog)
        dialog.finished.connect(lambda _result, shown=dialog: self._preview_closed(shown))
        dialog.show()
        dialog.start()
        return dialog

    def _preview_closed(self, dialog: PreviewDialog) -> None:
        if dialog in self.previews:
            self.previews.remove(dialog)
