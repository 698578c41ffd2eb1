"""Every page and the main dialogs at the screens offices have: 1024×600, 1366×768 and
1366×768 at 125 % (1093×614 logical pixels). Nothing may be cut off without its whole text in
a tooltip, and no window may need more room than the screen gives it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from itadesk.ui.text_fit import find_cut_texts, visible_length

# Logical pixels a maximised window gets: the screen less a task bar and a title bar.
SCREENS = {
    "1024x600": QSize(1024, 600 - 70),
    "1366x768": QSize(1366, 768 - 70),
    "1366x768@125": QSize(1093, 614 - 70),
}


def settle(qtbot) -> None:
    QApplication.processEvents()
    qtbot.wait(30)
    QApplication.processEvents()


def show_at(qtbot, window: QWidget, size: QSize) -> None:
    window.showNormal()
    window.resize(size)
    settle(qtbot)


def fits(widget: QWidget, size: QSize) -> list[str]:
    """What is wrong with ``widget`` at ``size``: larger than it, or a text cut off."""
    problems = [str(cut) for cut in find_cut_texts(widget)]
    if widget.width() > size.width() or widget.height() > size.height():
        problems.append(f"{widget.objectName()} is {widget.width()}×{widget.height()}")
    return problems


def select_first_step(page) -> None:
    model = page.tree.model()
    page.tree.setCurrentIndex(model.index(0, 0, model.index(0, 0)))


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_page_fits_the_screen_with_nothing_cut_off(
    qtbot, make_window, demo_services, screen
) -> None:
    size = SCREENS[screen]
    window = make_window(demo_services)
    show_at(qtbot, window, size)
    problems = {}
    for row, page in enumerate(window.pages):
        window.nav_list.setCurrentRow(row)
        if page is window.tracking_page:
            select_first_step(page)
        settle(qtbot)
        found = fits(window, size)
        if page.widget.horizontalScrollBar().isVisible():
            found.append("the page scrolls sideways")
        if found:
            problems[page.title] = found
    # The items page with a published list (2566): codes, scores and long questions.
    window.select_cycle(2566)
    window.nav_list.setCurrentRow(window.pages.index(window.items_page))
    settle(qtbot)
    assert window.items_page.tree.topLevelItemCount() == 3
    found = fits(window, size)
    if found:
        problems["items 2566"] = found
    assert not problems, problems


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_main_dialogs_fit_the_screen_with_nothing_cut_off(
    qtbot, make_window, demo_services, screen
) -> None:
    from itadesk.ui.dialogs import DoneDateDialog
    from itadesk.ui.export_dialog import ExportDialog
    from itadesk.ui.import_dialog import ImportDialog
    from itadesk.ui.pages.measures_page import CatalogueDialog

    size = SCREENS[screen]
    window = make_window(demo_services)
    show_at(qtbot, window, size)
    largest = QSize(int(size.width() * 0.9), int(size.height() * 0.9))
    catalogue = CatalogueDialog(demo_services, [6, 8], window)
    catalogue.entries_list.setCurrentRow(0)
    done_date = DoneDateDialog(
        window, "วันที่ดำเนินการแล้วเสร็จ", "รอบรายงานปิดแล้ว ระบุวันที่", date(2569, 1, 5), list
    )
    dialogs: dict[str, QDialog] = {
        "catalogue": catalogue.dialog,
        "export": ExportDialog(demo_services, 2568, window).dialog,
        "import": ImportDialog(demo_services, window.undo_stack, 2568, lambda: None, window).dialog,
        "done date": done_date,
    }
    problems = {}
    for name, dialog in dialogs.items():
        assert dialog.minimumSizeHint().width() <= largest.width(), name
        assert dialog.minimumSizeHint().height() <= largest.height(), name
        dialog.resize(dialog.size().boundedTo(largest))
        dialog.show()
        settle(qtbot)
        found = fits(dialog, largest)
        if found:
            problems[name] = found
        dialog.close()
    assert not problems, problems


def test_the_window_shrinks_to_a_small_screen(qtbot, make_window, demo_services) -> None:
    window = make_window(demo_services)
    window.showNormal()
    window.resize(900, 520)
    settle(qtbot)
    assert window.width() <= 900 and window.height() <= 520
    assert window.minimumSizeHint().width() <= 900


def test_a_long_status_message_ends_in_an_ellipsis_and_is_whole_in_the_tooltip(
    qtbot, make_window, demo_services
) -> None:
    window = make_window(demo_services)
    show_at(qtbot, window, SCREENS["1024x600"])
    message = "กู้คืนข้อมูลจาก สำรอง.zip แล้ว — ข้อมูลเดิมเก็บสำรองไว้ที่ " + "/โฟลเดอร์ยาวมาก" * 12
    window.statusBar().showMessage(message)
    bar = window.statusBar()
    assert bar.message_rect().right() < window.database_label.x()
    assert "".join(bar.toolTip().split()) == "".join(message.split())
    assert all(visible_length(line) <= 60 for line in bar.toolTip().split("\n"))


def test_a_label_wider_than_its_place_is_found(qtbot) -> None:
    """The check itself: a label cut off is reported, unless its tooltip holds the text."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    label = QLabel("ความคืบหน้ารายประเด็น ประเด็นที่ 1 40% ประเด็นที่ 2 44% ประเด็นที่ 3")
    label.setMinimumWidth(10)
    layout.addWidget(label)
    root.resize(120, 60)
    root.show()
    settle(qtbot)
    assert label.width() < 200
    assert [cut.text for cut in find_cut_texts(root)] == [label.text()]
    label.setToolTip(label.text())
    assert find_cut_texts(root) == []
    label.setWordWrap(True)
    label.setToolTip("")
    root.resize(120, 300)
    settle(qtbot)
    assert find_cut_texts(root) == []


def test_tooltips_are_wrapped_between_words() -> None:
    from itadesk.ui.text_fit import shorten, wrap_tooltip

    text = "มาตรการจัดทำคู่มือการให้บริการประชาชนและแผนผังแสดงขั้นตอนและระยะเวลาการให้บริการ " * 2
    wrapped = wrap_tooltip(text.strip(), 40)
    lines = wrapped.split("\n")
    assert len(lines) >= 3
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(line and line[0] not in "ัิีึืุู่้๊๋็์" for line in lines)  # no line starts with a mark
    short = shorten("แก้มาตรการ มาตรการจัดทำคู่มือการให้บริการประชาชนและแผนผัง", 30)
    assert short.endswith("…")
    assert short[:-1] in "แก้มาตรการ มาตรการจัดทำคู่มือการให้บริการประชาชนและแผนผัง"


def test_the_window_comes_back_as_it_was_left_but_inside_the_screen(
    qtbot, make_window, demo_services, session
) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QSplitter

    from itadesk.ui.geometry import available_rect, window_settings

    window = make_window(demo_services)
    window.showNormal()
    window.setGeometry(QRect(40, 30, 700, 500))
    tracking = window.tracking_page.widget.findChild(QSplitter, "splitter")
    window.nav_list.setCurrentRow(window.pages.index(window.tracking_page))
    settle(qtbot)
    tracking.moveSplitter(420, 1)  # as the clerk drags the handle
    wanted = tracking.sizes()
    window.close()
    from itadesk.ui.main_window import MainWindow

    again = MainWindow(session)
    qtbot.addWidget(again)
    assert again.size() == QSize(700, 500)
    again.nav_list.setCurrentRow(again.pages.index(again.tracking_page))
    again.show()
    settle(qtbot)
    assert again.tracking_page.widget.findChild(QSplitter, "splitter").sizes() == wanted
    again.close()
    # Saved on a larger screen: it comes back inside this one.
    huge = MainWindow(session)
    qtbot.addWidget(huge)
    huge.setGeometry(QRect(3000, 2000, 2400, 1600))
    window_settings().setValue("main_window/geometry", huge.saveGeometry())
    huge.deleteLater()
    small = MainWindow(session)
    qtbot.addWidget(small)
    screen = available_rect(small)
    assert screen.contains(small.geometry()), (screen, small.geometry())
