"""The user guide window: opened from ช่วยเหลือ → คู่มือการใช้งาน or F1, a section with a
picture for every page of the window, pictures that are files of the installation and fit
the window's width, no link off the computer, and a Thai message when the guide is missing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication
from test_thai_everywhere import english_words, texts_shown_by
from ui_helpers import click_page

from itadesk.ui import guide as guide_module
from itadesk.ui.guide import (
    MISSING_TH,
    GuideWindow,
    guide_index,
    guide_problems,
    headings_of,
    image_names,
)
from itadesk.ui.text_fit import find_cut_texts

# Logical pixels a maximised window gets (as in test_layout_fits): the screen less a task
# bar and a title bar.
SCREENS = {"1024x600": QSize(1024, 600 - 70), "1366x768": QSize(1366, 768 - 70)}


def guide_action(window):
    """The Help menu's entry, found as the clerk finds it: by the menu's and entry's names."""
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "ช่วยเหลือ")
    return next(action for action in menu.actions() if action.text() == "คู่มือการใช้งาน")


def open_guide(qtbot, window) -> GuideWindow:
    guide_action(window).trigger()
    guide = window.guide_window
    assert guide is not None
    qtbot.waitExposed(guide)
    return guide


def press_f1_on(qtbot, widget) -> None:
    """F1 with ``widget`` of the main window in focus, as the clerk presses it."""
    widget.window().activateWindow()
    qtbot.waitActive(widget.window())
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, Qt.Key.Key_F1)


def settle(qtbot) -> None:
    QApplication.processEvents()
    qtbot.wait(150)  # the pictures are fitted to a new width after a short pause
    QApplication.processEvents()


def sections_with_pictures(document: QTextDocument) -> dict[str, list[str]]:
    """Each h2/h3 heading's text → the pictures between it and the next heading."""
    sections: dict[str, list[str]] = {}
    current = None
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() in (2, 3):
            current = block.text().strip()
            sections[current] = []
        elif current is not None:
            iterator = block.begin()
            while not iterator.atEnd():
                text_format = iterator.fragment().charFormat()
                if text_format.isImageFormat():
                    sections[current].append(text_format.toImageFormat().name())
                iterator += 1
        block = block.next()
    return sections


def test_the_help_menu_opens_the_guide_with_a_section_and_picture_for_every_page(
    qtbot, make_window, demo_services
) -> None:
    window = make_window(demo_services)
    guide = open_guide(qtbot, window)
    assert guide.isVisible() and not guide.isModal()  # read a step, then do it
    assert guide.loaded and not guide.message_label.isVisible()
    document = guide.browser.document()
    sections = sections_with_pictures(document)
    # The window's own page list: a page added to the window without a section fails here.
    titles = [window.nav_list.item(row).text() for row in range(window.nav_list.count())]
    assert len(titles) == len(window.pages)
    without_section = [title for title in titles if title not in sections]
    assert without_section == []
    without_picture = [title for title in titles if not sections[title]]
    assert without_picture == []
    headings = {heading.text: heading for heading in headings_of(document)}
    for title in titles:
        assert headings[title].level == 3 and headings[title].anchor.startswith("page-")
    listed = [item.text(0) for item in guide.contents_items()]
    assert [title for title in titles if title not in listed] == []
    # Its own words are Thai (the window's title, the contents' header and entries).
    shown = texts_shown_by(guide) + listed
    assert [word for text in shown for word in english_words(text)] == []


def test_f1_opens_the_guide_at_the_page_in_view_and_only_once(
    qtbot, make_window, demo_services
) -> None:
    window = make_window(demo_services)
    assert window.guide_action.shortcut().toString() == "F1"
    click_page(qtbot, window, window.tracking_page)
    press_f1_on(qtbot, window.nav_list)
    guide = window.guide_window
    assert guide is not None and guide.isVisible()
    assert guide.contents.currentItem().text(0) == "ติดตามมาตรการ"
    settle(qtbot)
    top = guide._heading_at_top()
    assert top is not None and top.text == "ติดตามมาตรการ"
    # F1 again from another page: the same guide, now at that page.
    click_page(qtbot, window, window.scores_page)
    press_f1_on(qtbot, window.nav_list)
    assert window.guide_window is guide
    assert window.findChildren(GuideWindow) == [guide]
    assert guide.contents.currentItem().text(0) == "คะแนน ITA"


def test_every_picture_is_a_file_of_the_guide_and_no_link_leaves_the_computer(
    qtbot, make_window, demo_services
) -> None:
    window = make_window(demo_services)
    guide = open_guide(qtbot, window)
    document = guide.browser.document()
    names = image_names(document)
    assert len(names) >= len(window.pages)
    folder = guide_index().parent
    for name in names:
        assert not QUrl(name).scheme(), name
        picture = folder / name
        assert picture.is_file() and picture.stat().st_size > 0, name
        shown = document.resource(
            QTextDocument.ResourceType.ImageResource.value, guide.browser.source().resolved(name)
        )
        assert isinstance(shown, QImage) and not shown.isNull(), name
    anchors = {heading.anchor for heading in headings_of(document)}
    links = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            text_format = iterator.fragment().charFormat()
            if text_format.isAnchor() and text_format.anchorHref():
                links.append(text_format.anchorHref())
            iterator += 1
        block = block.next()
    assert links  # the year's steps link to the pages' sections
    assert [link for link in links if QUrl(link).scheme() or not link.startswith("#")] == []
    assert [link for link in links if link[1:] not in anchors] == []
    assert guide_problems() == []
    # An address off the computer is not followed, should one ever get in.
    before = guide.browser.source()
    guide.browser.setSource(QUrl("https://itas.nacc.go.th/"))
    assert guide.browser.source() == before


def test_choosing_a_section_in_the_contents_goes_there_and_scrolling_marks_it(
    qtbot, make_window, demo_services
) -> None:
    window = make_window(demo_services)
    guide = open_guide(qtbot, window)
    contents = guide.contents
    item = next(item for item in guide.contents_items() if item.text(0) == "มาตรการ")
    contents.scrollToItem(item)
    qtbot.mouseClick(
        contents.viewport(), Qt.MouseButton.LeftButton, pos=contents.visualItemRect(item).center()
    )
    settle(qtbot)
    assert guide._heading_at_top().text == "มาตรการ"
    # Scrolled back to the top of the year's steps: the contents mark that section.
    document = guide.browser.document()
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid() and block.text().strip() != "งาน ITA ตลอดปี ทีละขั้น":
        block = block.next()
    guide.browser.verticalScrollBar().setValue(int(layout.blockBoundingRect(block).top()))
    assert contents.currentItem().text(0) == "งาน ITA ตลอดปี ทีละขั้น"
    # The last section cannot scroll to the top: the entry chosen stays chosen.
    last = guide.contents_items()[-1]
    qtbot.mouseClick(
        contents.viewport(), Qt.MouseButton.LeftButton, pos=contents.visualItemRect(last).center()
    )
    settle(qtbot)
    assert guide.browser.verticalScrollBar().value() == guide.browser.verticalScrollBar().maximum()
    assert contents.currentItem() is last


def test_a_link_of_the_years_steps_goes_to_its_page_section(
    qtbot, make_window, demo_services
) -> None:
    window = make_window(demo_services)
    guide = open_guide(qtbot, window)
    browser = guide.browser
    position = None
    block = browser.document().begin()
    while block.isValid() and position is None:
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref() == "#page-06-measures":
                position = fragment.position() + fragment.length() // 2
                break
            iterator += 1
        block = block.next()
    assert position is not None
    assert guide.show_section("งาน ITA ตลอดปี ทีละขั้น")
    settle(qtbot)
    cursor = QTextCursor(browser.document())
    cursor.setPosition(position)
    link = browser.cursorRect(cursor).center()
    assert browser.anchorAt(link) == "#page-06-measures"
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=link)
    settle(qtbot)
    assert guide._heading_at_top().text == "มาตรการ"
    assert guide.contents.currentItem().text(0) == "มาตรการ"


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_guide_fits_the_screen_and_its_pictures_fit_its_width(
    qtbot, make_window, demo_services, screen
) -> None:
    size = SCREENS[screen]
    window = make_window(demo_services)
    window.resize(size)
    guide = open_guide(qtbot, window)
    largest = QSize(int(size.width() * 0.9), int(size.height() * 0.9))
    assert guide.minimumSizeHint().width() <= largest.width()
    assert guide.minimumSizeHint().height() <= largest.height()
    guide.resize(largest)
    settle(qtbot)
    reading = guide._heading_at_top()
    assert reading is not None and reading.text == "หน้าแรก"  # F1's section, on the start page
    assert find_cut_texts(guide) == []
    browser = guide.browser
    assert not browser.horizontalScrollBar().isVisible()  # no picture wider than the text
    assert browser.verticalScrollBar().isVisible()  # the guide scrolls
    document = browser.document()
    widths = {}
    for name in image_names(document):
        shown = document.resource(
            QTextDocument.ResourceType.ImageResource.value, browser.source().resolved(name)
        )
        widths[name] = shown.width() / shown.devicePixelRatio()
        assert widths[name] <= browser.picture_width(), name
    page = "images/03-scores.png"
    original = QImage(str(guide_index().parent / page)).width()
    if browser.picture_width() < original:
        assert widths[page] == browser.picture_width()  # fitted, not left at full size
    else:
        assert widths[page] == original  # never enlarged (a blurred screenshot)
    # Narrower window, narrower pictures.
    guide.resize(QSize(largest.width() - 200, largest.height()))
    settle(qtbot)
    narrower = document.resource(
        QTextDocument.ResourceType.ImageResource.value, browser.source().resolved(page)
    )
    assert narrower.width() / narrower.devicePixelRatio() <= browser.picture_width()
    assert narrower.width() / narrower.devicePixelRatio() < widths[page]
    assert not browser.horizontalScrollBar().isVisible()
    assert guide._heading_at_top() == reading  # the pictures above changed, the place did not


def test_a_missing_guide_says_so_in_thai_and_nothing_else_stops(
    qtbot, make_window, demo_services, monkeypatch, tmp_path: Path
) -> None:
    missing = tmp_path / "resources" / "guide" / "index.html"
    monkeypatch.setattr(guide_module, "guide_index", lambda: missing)
    window = make_window(demo_services)
    guide = open_guide(qtbot, window)
    assert not guide.loaded
    assert guide.message_label.isVisible() and guide.message_label.text() == MISSING_TH
    assert "ไม่พบไฟล์คู่มือการใช้งาน" in MISSING_TH
    assert not guide.splitter.isVisible()
    assert guide_problems(missing) == [f"{missing} not found"]
    click_page(qtbot, window, window.measures_page)  # the window goes on working


def test_a_guide_with_a_picture_missing_still_opens_and_the_self_check_names_it(
    qtbot, make_window, demo_services, monkeypatch, tmp_path: Path
) -> None:
    copy = tmp_path / "guide"
    shutil.copytree(guide_index().parent, copy)
    (copy / "images" / "07-memo.png").unlink()
    monkeypatch.setattr(guide_module, "guide_index", lambda: copy / "index.html")
    window = make_window(demo_services)
    guide = open_guide(qtbot, window)
    assert guide.loaded
    assert any(item.text(0) == "บันทึกข้อความและพิมพ์" for item in guide.contents_items())
    assert guide_problems(copy / "index.html") == [f"{copy / 'images' / '07-memo.png'} not found"]
