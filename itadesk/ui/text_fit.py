"""Text that fits where it is shown, and the check that nothing is cut off without a way to
read it whole.

- ``wrap_tooltip(text)``: a tooltip in lines of at most ``TOOLTIP_LINE_CHARACTERS`` (Qt shows
  a plain-text tooltip on one line however long it is), broken between words.
- ``shorten(text, limit)``: a text cut at a word boundary with "…", never inside a word
  (undo step names, dialog titles).
- ``set_full_text_tip(widget, text)``: a widget that may show ``text`` shortened keeps all of
  it in its tooltip.
- ``find_cut_texts(root)``: every visible label, button, combo box, header section and item
  view cell under ``root`` whose text does not fit its place and whose tooltip does not hold
  the whole text (used by the layout tests and ``tools/screenshots.py``).

Words: Thai is written without spaces between words. Line boundaries come from Qt
(``QTextBoundaryFinder``, which finds Thai word boundaries where the platform gives Qt a
Thai dictionary: libthai on Linux) and, for a run of Thai longer than a line that Qt cannot
divide (Windows), from PyThaiNLP's word list, which the documents' line breaker also uses
(loaded on first use).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from PySide6.QtCore import QModelIndex, QRect, Qt, QTextBoundaryFinder
from PySide6.QtGui import QFontMetrics
from PySide6.QtGui import Qt as QtGuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QWidget,
)

TOOLTIP_LINE_CHARACTERS = 60
ELLIPSIS = "…"


def visible_length(text: str) -> int:
    """Characters that take a place on the line: Thai vowel and tone marks above or below a
    consonant (Unicode Mn) do not."""
    return sum(1 for character in text if unicodedata.category(character) != "Mn")


def _qt_breaks(text: str) -> list[int]:
    """Positions (0 < p < len) where Qt may break a line."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    positions = []
    position = finder.toNextBoundary()
    while 0 < position < len(text):
        positions.append(position)
        position = finder.toNextBoundary()
    return positions


def _dictionary_breaks(text: str) -> list[int]:
    """Word boundaries from PyThaiNLP's dictionary (loaded on first use, about a second)."""
    from pythainlp.tokenize import word_tokenize

    positions, at = [], 0
    for token in word_tokenize(text, engine="newmm", keep_whitespace=True)[:-1]:
        at += len(token)
        positions.append(at)
    return positions


def _pieces(text: str, width: int) -> list[str]:
    """``text`` cut where a line may break; a piece wider than ``width`` is cut again at the
    documents' Thai word boundaries (Qt finds none inside Thai without a dictionary)."""
    pieces: list[str] = []
    for start, end in pairwise((0, *_qt_breaks(text), len(text))):
        piece = text[start:end]
        if visible_length(piece.rstrip()) > width and len(piece) > 1:
            cuts = _dictionary_breaks(piece)
            pieces.extend(piece[a:b] for a, b in pairwise((0, *cuts, len(piece))))
        else:
            pieces.append(piece)
    return pieces


@lru_cache(maxsize=4096)
def wrap_tooltip(text: str, width: int = TOOLTIP_LINE_CHARACTERS) -> str:
    """``text`` in lines of at most ``width`` visible characters, broken between words (its
    own line breaks are kept). A word longer than a line stays whole on its own line."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if visible_length(paragraph) <= width:
            lines.append(paragraph)
            continue
        line = ""
        for piece in _pieces(paragraph, width):
            if line and visible_length((line + piece).rstrip()) > width:
                lines.append(line.rstrip())
                line = piece.lstrip()
            else:
                line += piece
        if line.strip():
            lines.append(line.rstrip())
    return "\n".join(lines)


def shorten(text: str, limit: int) -> str:
    """``text`` if it has at most ``limit`` visible characters; otherwise its beginning up to
    a word boundary and "…" (a word never cut in two while a boundary is near)."""
    text = " ".join(text.split())
    if visible_length(text) <= limit:
        return text
    cut = 0
    for position in (*_qt_breaks(text), *_dictionary_breaks_if_needed(text, limit)):
        if visible_length(text[:position].rstrip()) <= limit - 1:
            cut = max(cut, position)
    if cut < len(text) // 4:  # no boundary near: cut between letters, never inside a cluster
        finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Grapheme, text)
        position = finder.toNextBoundary()
        while 0 < position < len(text) and visible_length(text[:position]) <= limit - 1:
            cut = position
            position = finder.toNextBoundary()
    return text[:cut].rstrip() + ELLIPSIS


def _dictionary_breaks_if_needed(text: str, limit: int) -> list[int]:
    """The documents' breaks, only when Qt found none inside the part kept (no Thai
    dictionary on this platform)."""
    qt = [p for p in _qt_breaks(text) if visible_length(text[:p]) <= limit]
    if qt and qt[-1] >= len(text[:limit]) // 2:
        return []
    return _dictionary_breaks(text)


def set_full_text_tip(widget: QWidget, text: str) -> None:
    """``widget`` may show ``text`` shortened: its tooltip holds it whole."""
    widget.setToolTip(wrap_tooltip(text) if text else "")


# --------------------------------------------------------------------------- the check


@dataclass(frozen=True)
class CutText:
    """A text shown cut off with no tooltip holding it whole."""

    where: str
    text: str
    needed: int  # pixels the text needs (width, or height when it wraps)
    available: int

    def __str__(self) -> str:
        return f"{self.where}: “{self.text}” needs {self.needed} px, has {self.available}"


def _squashed(text: str) -> str:
    return "".join(text.split())


def _tip_covers(tip: object, text: str) -> bool:
    return isinstance(tip, str) and bool(tip) and _squashed(text) in _squashed(tip)


def _name(widget: QWidget) -> str:
    """The widget's object name with two named ancestors, to say where a text is."""
    names: list[str] = []
    each: QWidget | None = widget
    while each is not None and len(names) < 3:
        if each.objectName() and not each.objectName().startswith("qt_"):
            names.append(each.objectName())
        each = each.parentWidget()
    return "/".join(reversed(names)) or type(widget).__name__


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def find_cut_texts(root: QWidget) -> list[CutText]:
    """What ``root`` (a window or dialog, shown and laid out) shows cut off without its whole
    text in a tooltip: labels (wider or taller than their place), buttons, combo boxes,
    header sections and the cells of list, tree and table views."""
    found: list[CutText] = []
    for widget in (root, *root.findChildren(QWidget)):
        if not widget.isVisible():
            continue
        if widget.width() <= 1 or widget.height() <= 1:  # a pane squeezed to nothing
            text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
            if text and not _tip_covers(widget.toolTip(), text):
                found.append(CutText(_name(widget), text, 1, 0))
            continue
        if isinstance(widget, QLabel):
            found.extend(_label_cuts(widget))
        elif isinstance(widget, QAbstractButton):
            found.extend(_button_cuts(widget))
        elif isinstance(widget, QComboBox):
            found.extend(_combo_cuts(widget))
        elif isinstance(widget, QHeaderView):
            found.extend(_header_cuts(widget))
        elif isinstance(widget, QAbstractItemView):
            found.extend(_view_cuts(widget))
    return found


def _label_cuts(label: QLabel) -> list[CutText]:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return []
    if label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGuiQt.mightBeRichText(text)
    ):
        return []
    if _tip_covers(label.toolTip(), text):
        return []
    metrics = QFontMetrics(label.font())
    area = label.contentsRect().adjusted(
        label.margin(), label.margin(), -label.margin(), -label.margin()
    )
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + 1:
            return [CutText(_name(label), text, needed, label.height())]
        longest = max(
            (metrics.horizontalAdvance(word) for word in text.split()), default=0
        )  # a word with no place to break
        if longest > area.width() + 1 and " " not in text.strip():
            return [CutText(_name(label), text, longest, area.width())]
        return []
    lines = text.split("\n")
    width = max(metrics.horizontalAdvance(line) for line in lines)
    if width > area.width() + 1:
        return [CutText(_name(label), text, width, area.width())]
    height = metrics.boundingRect(QRect(0, 0, 100_000, 100_000), 0, text).height()
    if height > area.height() + 2:
        return [CutText(_name(label), text, height, area.height())]
    return []


def _button_cuts(button: QAbstractButton) -> list[CutText]:
    text = _plain(button.text())
    if not text or _tip_covers(button.toolTip(), text):
        return []
    metrics = QFontMetrics(button.font())
    width = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
    style = button.style()
    if isinstance(button, QPushButton):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, option, button)
        frame = style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, option, button)
        needed = width + margin + 2 * frame
        if not button.icon().isNull():
            needed += button.iconSize().width() + 4
    elif isinstance(button, QCheckBox | QRadioButton):
        needed = button.sizeHint().width()
    else:  # a tool button: Qt elides its text in its own size
        needed = button.sizeHint().width()
    if needed > button.width() + 1:
        return [CutText(_name(button), text, needed, button.width())]
    return []


def _combo_cuts(combo: QComboBox) -> list[CutText]:
    if combo.isEditable():
        return []
    text = combo.currentText()
    if not text:
        return []
    tip = combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole)
    if _tip_covers(combo.toolTip(), text) or _tip_covers(tip, text):
        return []
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox,
        option,
        QStyle.SubControl.SC_ComboBoxEditField,
        combo,
    )
    needed = QFontMetrics(combo.font()).horizontalAdvance(text)
    if needed > field.width() + 1:
        return [CutText(_name(combo), text, needed, field.width())]
    return []


def _header_cuts(header: QHeaderView) -> list[CutText]:
    model = header.model()
    if model is None:
        return []
    found = []
    metrics = QFontMetrics(header.font())
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    horizontal = header.orientation() == Qt.Orientation.Horizontal
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = model.headerData(section, header.orientation(), Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text:
            continue
        tip = model.headerData(section, header.orientation(), Qt.ItemDataRole.ToolTipRole)
        if _tip_covers(tip, text):
            continue
        needed = max(metrics.horizontalAdvance(line) for line in text.split("\n")) + 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
            needed += metrics.height()
        available = header.sectionSize(section) if horizontal else header.width()
        if needed > available + 1:
            found.append(CutText(f"{_name(header)} section {section}", text, needed, available))
    return found


def _view_cuts(view: QAbstractItemView) -> list[CutText]:
    model = view.model()
    if model is None:
        return []
    found: list[CutText] = []
    style = view.style()
    text_margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1

    def check(index: QModelIndex) -> None:
        rect = view.visualRect(index)
        if rect.isEmpty() or view.indexWidget(index) is not None:
            return
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text.strip():
            return
        if _tip_covers(index.data(Qt.ItemDataRole.ToolTipRole), text):
            return
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect = rect
        delegate = view.itemDelegateForIndex(index)
        assert isinstance(delegate, QStyledItemDelegate)  # every view of the window has one
        delegate.initStyleOption(option, index)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
        metrics = QFontMetrics(option.font)
        inner = text_rect.width() - 2 * text_margin
        where = f"{_name(view)} cell ({index.row()}, {index.column()})"
        if option.features & QStyleOptionViewItem.ViewItemFeature.WrapText:
            needed = metrics.boundingRect(
                QRect(0, 0, max(inner, 1), 100_000),
                int(Qt.TextFlag.TextWordWrap),
                text,
            ).height()
            if needed > text_rect.height() + 2:
                found.append(CutText(where, text, needed, text_rect.height()))
            return
        width = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
        if width > inner + 1:
            found.append(CutText(where, text, width, inner))

    def walk(parent: QModelIndex) -> None:
        columns = 1 if isinstance(view, QListView) else model.columnCount(parent)
        for row in range(model.rowCount(parent)):
            if _row_hidden(view, row, parent):
                continue
            for column in range(columns):
                if _column_hidden(view, column):
                    continue
                check(model.index(row, column, parent))
            first = model.index(row, 0, parent)
            if _expanded(view, first) and model.rowCount(first):
                walk(first)

    walk(view.rootIndex())
    return found


def _row_hidden(view: QAbstractItemView, row: int, parent: QModelIndex) -> bool:
    from PySide6.QtWidgets import QTableView, QTreeView

    if isinstance(view, QTreeView):
        return view.isRowHidden(row, parent)
    if isinstance(view, QTableView | QListView):
        return view.isRowHidden(row)
    return False


def _column_hidden(view: QAbstractItemView, column: int) -> bool:
    from PySide6.QtWidgets import QTableView, QTreeView

    return isinstance(view, QTreeView | QTableView) and view.isColumnHidden(column)


def _expanded(view: QAbstractItemView, index: QModelIndex) -> bool:
    from PySide6.QtWidgets import QTreeView

    return isinstance(view, QTreeView) and view.isExpanded(index)
