"""The user guide window (ช่วยเหลือ → คู่มือการใช้งาน, F1): the guide's HTML
(``resources/guide/index.html``, made by ``tools/build_guide.py``) in a QTextBrowser, with a
contents list beside it. No network and no web engine: the text and its pictures are files of
the installation, and a link that would leave the guide is not followed.

The pictures are screenshots at 1024×600. Qt's rich text would draw a picture wider than the
text at its full width (a sideways scroll) or, given a width, scale it without smoothing; so
``GuideBrowser`` hands Qt each picture already scaled, smoothly, to the width there is, never
larger than its own pixels, and again whenever the window's width changes."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QImage, QTextBlock, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from itadesk.paths import resource_path
from itadesk.ui.geometry import (
    fit_to_screen,
    remember_splitter,
    restore_window,
    save_window,
    window_settings,
)
from itadesk.ui.styles import Role, set_role
from itadesk.ui.text_fit import wrap_tooltip

log = logging.getLogger(__name__)

GUIDE_TITLE = "คู่มือการใช้งาน ITADesk"
WINDOW_KEY = "guide_window"
PREFERRED_SIZE = QSize(1100, 760)
CONTENTS_WIDTH = 230
ANCHOR_ROLE = Qt.ItemDataRole.UserRole + 1
MISSING_TH = (
    "ไม่พบไฟล์คู่มือการใช้งานในเครื่องนี้ (การติดตั้งโปรแกรมอาจไม่ครบ) — "
    "ติดตั้งโปรแกรมใหม่ หรือแจ้งผู้ดูแล ส่วนการทำงานอื่นของโปรแกรมใช้ได้ตามปกติ"
)
_IMAGE_SOURCE = re.compile(r"""<img\b[^>]*\bsrc="([^"]+)\"""", re.IGNORECASE)


def guide_index() -> Path:
    """The guide's HTML file in this installation (source tree, wheel or frozen build)."""
    return resource_path("guide", "index.html")


def guide_problems(index: Path | None = None) -> list[str]:
    """What is missing from the installed guide: the file itself or a picture it shows
    (empty when the guide is whole). Used by ``itadesk --self-test``."""
    index = index or guide_index()
    if not index.is_file():
        return [f"{index} not found"]
    problems = []
    for source in _IMAGE_SOURCE.findall(index.read_text(encoding="utf-8")):
        picture = index.parent / source
        if not picture.is_file() or picture.stat().st_size == 0:
            problems.append(f"{picture} not found")
    return problems


@dataclass(frozen=True)
class Heading:
    level: int  # 2: a section, 3: a page or a step inside it
    text: str
    anchor: str


def headings_of(document: QTextDocument) -> list[Heading]:
    """The document's h2 and h3 headings that carry an anchor, in order."""
    found = []
    block: QTextBlock = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level in (2, 3):
            anchors = [
                name
                for fragment in _fragments(block)
                for name in fragment.charFormat().anchorNames()
            ]
            if anchors:
                found.append(Heading(level, block.text().strip(), anchors[0]))
        block = block.next()
    return found


def _fragments(block: QTextBlock):
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.isValid():
            yield fragment
        iterator += 1


def image_names(document: QTextDocument) -> list[str]:
    """The ``src`` of every picture in ``document``, in order."""
    names = []
    block = document.begin()
    while block.isValid():
        for fragment in _fragments(block):
            text_format = fragment.charFormat()
            if text_format.isImageFormat():
                names.append(text_format.toImageFormat().name())
        block = block.next()
    return names


class GuideBrowser(QTextBrowser):
    """A read-only browser for the guide: pictures fitted to the width, links only inside
    the guide."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guide_browser")
        self.setAccessibleName("เนื้อหาคู่มือการใช้งาน")
        self.setOpenLinks(True)
        self.setOpenExternalLinks(False)  # nothing leaves the computer
        self._originals: dict[str, tuple[QUrl, QImage]] = {}
        self._fitted_width = 0
        self._refit_timer = QTimer(self)
        self._refit_timer.setSingleShot(True)
        self._refit_timer.setInterval(80)
        self._refit_timer.timeout.connect(self.fit_pictures)
        self._reading: tuple[QTextBlock, float] | None = None  # kept across a resize
        self._placing = False  # the view is being put back at the place being read
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    def picture_width(self) -> int:
        """The width a picture may take: the text's width, less a little for its border."""
        margin = int(self.document().documentMargin())
        return max(self.viewport().width() - 2 * margin - 8, 200)

    def loadResource(self, kind: int, address: QUrl | str) -> object:
        url = QUrl(address)
        resource = super().loadResource(kind, url)
        if int(kind) != QTextDocument.ResourceType.ImageResource.value or resource is None:
            return resource
        image = resource if isinstance(resource, QImage) else QImage.fromData(resource)
        if image.isNull():
            log.error("guide picture %s could not be read", url.toString())
            return resource
        # Qt asks with the picture's address resolved against the guide's; a picture put
        # back under that same address replaces it (fit_pictures).
        self._originals[url.toString()] = (QUrl(url), image)
        self._fitted_width = self.picture_width()
        return self._fitted(image)

    def _fitted(self, image: QImage) -> QImage:
        """``image`` no wider than the text, at the screen's pixel density, never enlarged."""
        ratio = self.devicePixelRatioF()
        width = min(self.picture_width(), int(image.width() / ratio))
        if round(width * ratio) >= image.width():
            fitted = QImage(image)
        else:
            fitted = image.scaledToWidth(
                round(width * ratio), Qt.TransformationMode.SmoothTransformation
            )
        fitted.setDevicePixelRatio(ratio)
        return fitted

    def fit_pictures(self) -> None:
        """Give every picture its size for the present width (after a resize), keeping the
        text the clerk is reading at the top of the view: pictures above it change height."""
        reading = self._reading or self._reading_position()
        self._reading = None
        width = self.picture_width()
        if width != self._fitted_width:
            self._fitted_width = width
            document = self.document()
            for url, image in self._originals.values():
                document.addResource(
                    QTextDocument.ResourceType.ImageResource.value, url, self._fitted(image)
                )
            document.markContentsDirty(0, document.characterCount())
        self._go_to(reading)

    def resizeEvent(self, event) -> None:
        """A new width reflows the text above the view (and, a moment later, its pictures):
        the place being read stays at the top, not the pixel offset."""
        reading = self._reading or self._reading_position()
        self._placing = True  # Qt keeps the pixel offset while it reflows: not the clerk's
        try:
            super().resizeEvent(event)
        finally:
            self._placing = False
        self._go_to(reading)
        self._reading = reading  # until the pictures are fitted
        self._refit_timer.start()

    def _reading_position(self) -> tuple[QTextBlock, float] | None:
        """The block at the top of the view and how far into it the view starts (a share of
        its height); None at the very top."""
        value = self.verticalScrollBar().value()
        if value <= 0:
            return None
        layout = self.document().documentLayout()
        found = block = self.document().begin()
        while block.isValid() and layout.blockBoundingRect(block).top() <= value:
            found = block
            block = block.next()
        rect = layout.blockBoundingRect(found)
        return found, (value - rect.top()) / rect.height() if rect.height() else 0.0

    def _go_to(self, reading: tuple[QTextBlock, float] | None) -> None:
        if reading is None or not reading[0].isValid():
            return
        block, share = reading
        layout = self.document().documentLayout()
        layout.documentSize()  # the whole text laid out at the new width, the scroll range set
        rect = layout.blockBoundingRect(block)
        self._placing = True
        try:
            self.verticalScrollBar().setValue(round(rect.top() + share * rect.height()))
        finally:
            self._placing = False

    def _on_scrolled(self, _value: int) -> None:
        """Scrolled by the clerk (or a link) while the pictures wait to be fitted: the place
        kept from before the resize is no longer the one being read."""
        if not self._placing:
            self._reading = None

    def doSetSource(
        self, address: QUrl | str, kind=QTextDocument.ResourceType.UnknownResource
    ) -> None:
        """Follow a link only to a place inside the guide's own files."""
        name = QUrl(address)
        if name.scheme() not in ("", "file"):
            log.warning("guide link %s not followed", name.toString())
            return
        super().doSetSource(name, kind)


class GuideWindow(QDialog):
    """The guide beside the work: not modal, so the clerk reads a step and does it."""

    def __init__(self, parent: QWidget | None = None, index: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guide_window")
        self.setWindowTitle(GUIDE_TITLE)
        self.setWindowFlag(Qt.WindowType.WindowMinMaxButtonsHint, True)
        self.setModal(False)
        self.index = index or guide_index()
        layout = QVBoxLayout(self)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("guide_message_label")
        self.message_label.setWordWrap(True)
        set_role(self.message_label, Role.ERROR)
        self.message_label.hide()
        layout.addWidget(self.message_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("guide_splitter")
        self.splitter.setChildrenCollapsible(True)
        self.contents = QTreeWidget(self.splitter)
        self.contents.setObjectName("guide_contents")
        self.contents.setAccessibleName("สารบัญคู่มือ")
        self.contents.setHeaderLabel("สารบัญ")
        self.contents.setRootIsDecorated(False)
        self.contents.setIndentation(14)
        self.contents.setWordWrap(True)
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.browser = GuideBrowser(self.splitter)
        self.splitter.addWidget(self.contents)
        self.splitter.addWidget(self.browser)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([CONTENTS_WIDTH, PREFERRED_SIZE.width() - CONTENTS_WIDTH])
        layout.addWidget(self.splitter, 1)
        self.headings: list[Heading] = []
        self.contents.currentItemChanged.connect(self._on_contents_chosen)
        self.browser.verticalScrollBar().valueChanged.connect(self._follow_scrolling)
        self._following = False  # the list and the text are being kept in step
        self._restore_layout()
        layout.activate()  # the text's width known before the pictures are first sized
        self.loaded = self._load()

    # ------------------------------------------------------------------ loading

    def _load(self) -> bool:
        if not self.index.is_file():
            log.error("user guide %s not found", self.index)
            self._say_missing()
            return False
        self.browser.setSearchPaths([str(self.index.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(self.index)))
        if self.browser.document().isEmpty():
            self._say_missing()
            return False
        self.headings = headings_of(self.browser.document())
        for heading in self.headings:
            item = QTreeWidgetItem([heading.text])
            item.setData(0, ANCHOR_ROLE, heading.anchor)
            item.setToolTip(0, wrap_tooltip(heading.text))
            if heading.level == 3 and self.contents.topLevelItemCount():
                parent = self.contents.topLevelItem(self.contents.topLevelItemCount() - 1)
                assert parent is not None  # the count says it is there
                parent.addChild(item)
            else:
                self.contents.addTopLevelItem(item)
        self.contents.expandAll()
        return True

    def _say_missing(self) -> None:
        self.message_label.setText(MISSING_TH)
        self.message_label.show()
        self.splitter.hide()

    def _restore_layout(self) -> None:
        """As the clerk left it; the first time at most 90 % of the screen, not maximised
        (the guide sits beside the work)."""
        if window_settings().value(f"{WINDOW_KEY}/geometry") is not None:
            restore_window(self, WINDOW_KEY, PREFERRED_SIZE)
        else:
            fit_to_screen(self, PREFERRED_SIZE)
        remember_splitter(self.splitter, f"{WINDOW_KEY}/splitter")

    def done(self, result: int) -> None:
        """Closed (its close button and Esc both end here): remember where it was."""
        save_window(self, WINDOW_KEY)
        super().done(result)

    # ------------------------------------------------------------------ moving about

    def contents_items(self) -> list[QTreeWidgetItem]:
        items: list[QTreeWidgetItem] = []
        for row in range(self.contents.topLevelItemCount()):
            top = self.contents.topLevelItem(row)
            if top is None:
                continue
            items.append(top)
            children = (top.child(i) for i in range(top.childCount()))
            items.extend(child for child in children if child is not None)
        return items

    def show_section(self, title: str) -> bool:
        """Go to the section headed ``title`` (a page's title); False if there is none."""
        for item in self.contents_items():
            if item.text(0) == title:
                self.contents.setCurrentItem(item)
                return True
        return False

    def _on_contents_chosen(
        self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None
    ) -> None:
        if item is None or self._following:
            return
        # The jump scrolls the text; a section near the end cannot reach the top, and the
        # list must keep the entry chosen rather than follow to the one above it.
        self._following = True
        try:
            self.browser.scrollToAnchor(str(item.data(0, ANCHOR_ROLE)))
        finally:
            self._following = False

    def _follow_scrolling(self, _value: int) -> None:
        """The contents list marks the section being read."""
        if self._following:
            return
        current = self._heading_at_top()
        if current is None:
            return
        for item in self.contents_items():
            if item.data(0, ANCHOR_ROLE) == current.anchor:
                if self.contents.currentItem() is not item:
                    self._following = True
                    try:
                        self.contents.setCurrentItem(item)
                    finally:
                        self._following = False
                return

    def _heading_at_top(self) -> Heading | None:
        """The last heading at or above the top of the visible text."""
        document = self.browser.document()
        layout = document.documentLayout()
        top = self.browser.verticalScrollBar().value() + 4
        by_anchor = {heading.anchor: heading for heading in self.headings}
        current = None
        block = document.begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level in (2, 3):
                if layout.blockBoundingRect(block).top() > top:
                    break
                for fragment in _fragments(block):
                    for name in fragment.charFormat().anchorNames():
                        current = by_anchor.get(name, current)
            block = block.next()
        return current
