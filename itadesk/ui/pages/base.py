"""What every page of the main window is: a controller (a QObject) over one Designer form.

The main window knows pages only through this class: it shows ``widget`` under ``title`` in
the page list, hands the assessment cycle to the pages that follow it (``follows_cycle``),
asks a page to ``refresh()`` when it is shown or after an undo, and calls ``flush()`` before
the page, the cycle or the history changes and before the window closes.

A page owns:
- its form (``load_ui``) as ``form``, inside ``widget``, a scroll area that lets the page go on
  below a small screen instead of making the window larger than it; the form's
  ``title_label`` and ``error_label`` get their roles here, and the error label keeps room
  for two lines so that a message appearing moves nothing under the pointer;
- one ``CommitBinder`` (ui/binder.py), through which every field it autosaves is bound, and
  whose ``loading()`` the page enters while it puts saved values on screen;
- its open previews, through the one ``open_preview()``: save what is waiting, run the
  pre-print check, prepare the document through the services, show the preview without
  blocking the window and keep it until it closes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from itadesk.domain.documents import DocumentKind
from itadesk.domain.fiscal import AssessmentCycle
from itadesk.domain.road import ProducedHow
from itadesk.errors import UserError
from itadesk.services import Services
from itadesk.ui.binder import CommitBinder
from itadesk.ui.styles import Role, set_role
from itadesk.ui.text_fit import set_full_text_tip
from itadesk.ui.uiloader import child, load_ui

if TYPE_CHECKING:
    from itadesk.ui.preview import PreviewDialog

# Lines kept free for the error message, so that nothing above or below it moves under the
# pointer when a message appears (a longer one still gets the room it needs).
ERROR_LINES = 2
# The window's actions a page may ask for (``Page.run_action``).
IMPORT_SCORES_ACTION = "import_scores"
PAGE_MARGINS = (12, 10, 12, 6)  # left, top, right, bottom of every page's form


def reserve_lines(label: QLabel, lines: int) -> None:
    """``label`` keeps the height of ``lines`` lines of its text even while it is empty."""
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
    margins = label.contentsMargins()
    sample = "\n".join("ก" * lines)  # the height the label gives that many lines of Thai
    height = (
        QFontMetrics(label.font())
        .boundingRect(QRect(0, 0, 10_000, 10_000), int(Qt.TextFlag.TextWordWrap), sample)
        .height()
    )
    label.setMinimumHeight(height + 2 * label.margin() + margins.top() + margins.bottom())


class PageScrollArea(QScrollArea):
    """A page's form, scrolled up and down only when the window is shorter than the form
    can be.

    Qt's own resizable scroll area gives a form with wrapping labels its *preferred* height
    for the width, so a page scrolled (and hid its bottom buttons) on a 1366×768 screen at
    125 % although everything fitted. Here the form gets the window's height whenever its
    smallest height at that width (``totalMinimumHeightForWidth``) fits, and scrolls only
    beyond that; it scrolls sideways only below its smallest width."""

    def __init__(self, form: QWidget, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)
        self.setWidget(form)
        form.installEventFilter(self)

    def _smallest_height(self, form: QWidget, width: int) -> int:
        layout = form.layout()
        if layout is not None and layout.hasHeightForWidth():
            return layout.totalMinimumHeightForWidth(width)
        return form.minimumSizeHint().height()

    def fit_form(self) -> None:
        form = self.widget()
        if form is None:
            return
        room = self.maximumViewportSize()  # without scroll bars
        smallest_width = form.minimumSizeHint().width()
        width = max(room.width(), smallest_width)
        height = self._smallest_height(form, width)
        if height > room.height():  # the vertical bar takes its width from the form
            width = max(room.width() - self.verticalScrollBar().sizeHint().width(), smallest_width)
            height = self._smallest_height(form, width)
        sideways = width > room.width()  # the horizontal bar then takes its height
        bar = self.horizontalScrollBar().sizeHint().height() if sideways else 0
        form.resize(width, max(height, room.height() - bar))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_form()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.fit_form()
        return super().eventFilter(watched, event)


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when narrower than its text; the whole text is its
    tooltip (set with ``set_full_text``)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        set_full_text_tip(self, text)
        self._elide()

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = QFontMetrics(self.font()).elidedText(
            self.full_text, Qt.TextElideMode.ElideRight, max(self.width() - 2, 10)
        )
        if shown != self.text():
            self.setText(shown)


class EmptyState(QWidget):
    """What an empty page (or pane) shows instead of a blank or disabled area: one sentence of
    what goes here and, when there is one, the button that fills it."""

    def __init__(self, parent: QWidget | None = None, *, inline: bool = False) -> None:
        """``inline``: one line (the sentence, then its button) above a list that stays in
        view because it is where the data is typed; otherwise centred in the place of a
        whole pane."""
        super().__init__(parent)
        self.setObjectName("empty_state")
        layout: QBoxLayout = QHBoxLayout(self) if inline else QVBoxLayout(self)
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("empty_hint_label")
        self.hint_label.setWordWrap(True)
        set_role(self.hint_label, Role.EMPTY_HINT)
        self.action_button = QPushButton(self)
        self.action_button.setObjectName("empty_action_button")
        if inline:
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(self.hint_label, 1)
            layout.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignVCenter)
            return
        layout.addStretch(1)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def show_hint(self, text: str, action_th: str = "") -> None:
        self.hint_label.setText(text)
        self.action_button.setText(action_th)
        self.action_button.setVisible(bool(action_th))


def _box_layout_holding(layout: QLayout | None, widget: QWidget) -> QBoxLayout | None:
    """The box layout, ``layout`` or one inside it (also inside its widgets' layouts), that
    holds ``widget`` directly."""
    if layout is None:
        return None
    if isinstance(layout, QBoxLayout) and layout.indexOf(widget) >= 0:
        return layout
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        inner = item.layout()
        held = item.widget()
        if inner is None and held is not None:
            inner = held.layout()
        found = _box_layout_holding(inner, widget)
        if found is not None:
            return found
    return None


class Page(QObject):
    #: asks the window to show the page built from this form (an empty state's button)
    open_page = Signal(str)
    #: asks the window to run one of its actions (``IMPORT_SCORES_ACTION`` …; an empty
    #: state's button)
    run_action = Signal(str)
    title: ClassVar[str] = ""
    follows_cycle: ClassVar[bool] = False  # shows the cycle picked in the toolbar
    purpose_th: ClassVar[str] = ""  # one line under the title: what the page is for

    def __init__(
        self, services: Services, undo_stack: QUndoStack, parent: QWidget, form: str
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        self.cycle: AssessmentCycle | None = None
        self.previews: list[PreviewDialog] = []  # open previews, kept until each closes
        self.form_name = form
        self.form = load_ui(form)
        # The page scrolls rather than make the window larger than a small screen: at
        # 1024×600 a long form goes on below, while a roomy screen shows it whole.
        self.widget = PageScrollArea(self.form, parent)
        self.widget.setObjectName(f"{form}_scroll")
        self.title_label = child(self.widget, QLabel, "title_label")
        set_role(self.title_label, Role.PAGE_TITLE)
        self.title_label.setWordWrap(True)  # a long title takes two lines, not a wider window
        # The same margins on every page; little below, where the error line keeps its room.
        page_layout = self.form.layout()
        if page_layout is not None:
            page_layout.setContentsMargins(*PAGE_MARGINS)
        self.info_label = self._add_info_label()
        self._empty_states: dict[EmptyState, QWidget] = {}
        self.error_label = child(self.widget, QLabel, "error_label")
        set_role(self.error_label, Role.ERROR)
        reserve_lines(self.error_label, ERROR_LINES)
        self.binder = CommitBinder(self, self.show_error)

    def _add_info_label(self) -> ElidedLabel:
        """The header's second line, under the title's row: the cycle shown and what the page
        is for, in the muted colour."""
        # One line at most, so the header never takes room from the page's own content.
        label = ElidedLabel(self.purpose_th, self.form)
        label.setObjectName("page_info_label")
        set_role(label, Role.MUTED)
        layout = self.form.layout()
        if isinstance(layout, QBoxLayout):
            for index in range(layout.count()):
                item = layout.itemAt(index)
                if item is None:
                    continue
                inner = item.layout()
                if item.widget() is self.title_label:
                    # Title and line as one block, with no gap between them.
                    stretch = layout.stretch(index)
                    layout.takeAt(index)
                    header = QVBoxLayout()
                    header.setSpacing(0)
                    header.addWidget(self.title_label)
                    header.addWidget(label)
                    layout.insertLayout(index, header, stretch)
                    break
                if inner is not None and inner.indexOf(self.title_label) >= 0:
                    layout.insertWidget(index + 1, label)
                    break
        label.setVisible(bool(self.purpose_th))
        return label

    def add_empty_state(self, replaces: QWidget, *, inline: bool = False) -> EmptyState:
        """An empty state that takes the place of ``replaces`` (a widget of one of the form's
        box layouts, however deep) while the page has nothing to show there (``set_empty``);
        ``inline``: a one-line state (see ``EmptyState``)."""
        layout = _box_layout_holding(self.form.layout(), replaces)
        assert layout is not None, replaces.objectName()
        parent = replaces.parentWidget()
        empty = EmptyState(parent if parent is not None else self.form, inline=inline)
        index = layout.indexOf(replaces)
        layout.insertWidget(index + 1, empty, layout.stretch(index))
        # As wide as what it replaces, so that the rest of the page does not move.
        empty.setMinimumWidth(replaces.minimumWidth())
        empty.setMaximumWidth(replaces.maximumWidth())
        empty.hide()
        self._empty_states[empty] = replaces
        return empty

    def set_empty(self, empty: EmptyState, hint: str | None, action_th: str = "") -> None:
        """Show ``empty`` with ``hint`` instead of the widget it replaces; None: the widget."""
        replaced = self._empty_states[empty]
        if hint is not None:
            empty.show_hint(hint, action_th)
        empty.setVisible(hint is not None)
        replaced.setVisible(hint is None)

    def show_header(self, cycle: AssessmentCycle | None) -> None:
        """The header's second line for ``cycle`` (None: the page follows no cycle)."""
        parts = [cycle.label_th] if cycle is not None else []
        if self.purpose_th:
            parts.append(self.purpose_th)
        self.info_label.set_full_text(" · ".join(parts))
        self.info_label.setVisible(bool(parts))

    # ------------------------------------------------------------------ the window's calls

    def set_cycle(self, cycle: AssessmentCycle) -> None:
        """Show ``cycle`` (a page that follows the cycle picked in the toolbar)."""
        self.cycle = cycle
        self.show_header(cycle)
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
        dialog.produced.connect(
            lambda how, target: self._record_produced(kind, fiscal_year, round_months, how, target)
        )
        dialog.finished.connect(lambda _result, shown=dialog: self._preview_closed(shown))
        dialog.show()
        dialog.start()
        return dialog

    def _record_produced(
        self, kind: DocumentKind, fiscal_year: int, round_months: int, how: str, target: str
    ) -> None:
        """The year's road learns that the document was printed or saved."""
        try:
            self._services.road.record_document(
                kind,
                fiscal_year,
                ProducedHow(how),
                Path(target) if target else None,
                round_months,
            )
        except UserError as error:
            self.show_error(error.message)

    def _preview_closed(self, dialog: PreviewDialog) -> None:
        if dialog in self.previews:
            self.previews.remove(dialog)
