"""The tracking tree as a model: checked by Qt's model tester through updates in place and
resets, filtered by the proxy, its progress bars drawn by the delegate, and a refresh that
keeps the clerk's row, the scroll position and the open measures."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from ui_helpers import click_page

from itadesk.domain.tracking import TrackingState
from itadesk.services.demo import DEMO_TODAY
from itadesk.ui.tracking_model import (
    COLUMN_STATE,
    COLUMN_TEXT,
    ITEM_ROLE,
    OVERDUE_ROLE,
    PROGRESS_ROLE,
    SHOW_ALL,
    SHOW_OPEN,
    SHOW_OVERDUE,
    ProgressDelegate,
    TrackingFilter,
    TrackingTreeModel,
)

PLAN_YEAR = 2569


def rows(model, parent: QModelIndex | None = None) -> list[QModelIndex]:
    parent = parent or QModelIndex()
    return [model.index(row, COLUMN_TEXT, parent) for row in range(model.rowCount(parent))]


def item_rows(model) -> list[QModelIndex]:
    return [item for top in rows(model) for item in rows(model, top)]


def is_ticked(index: QModelIndex) -> bool:
    return Qt.CheckState(index.data(Qt.ItemDataRole.CheckStateRole)) == Qt.CheckState.Checked


@pytest.fixture
def demo_model(qtbot, demo_services):
    model = TrackingTreeModel()
    model.set_year(
        demo_services.tracking.measures(PLAN_YEAR),
        demo_services.tracking.items(PLAN_YEAR),
        DEMO_TODAY,
    )
    return model


def test_the_model_and_its_filter_pass_the_model_tester(
    qtmodeltester, demo_services, demo_model
) -> None:
    qtmodeltester.check(demo_model)
    proxy = TrackingFilter()
    proxy.setSourceModel(demo_model)
    qtmodeltester.check(proxy)
    for show in (SHOW_OVERDUE, SHOW_OPEN, SHOW_ALL):
        proxy.set_filters(show, "", None)
    proxy.set_filters(SHOW_ALL, "สำนักปลัด", None)
    proxy.set_filters(SHOW_ALL, "", 1)
    # An update in place (a tick) and a reset (a measure added), watched by both testers.
    tracking = demo_services.tracking
    item = next(i for i in tracking.items(PLAN_YEAR)[tracking.measures(PLAN_YEAR)[0].id])
    tracking.set_progress(tracking.ticked(item, True, PLAN_YEAR, DEMO_TODAY), PLAN_YEAR, DEMO_TODAY)
    assert demo_model.set_year(
        tracking.measures(PLAN_YEAR), tracking.items(PLAN_YEAR), DEMO_TODAY
    )  # same rows: updated in place
    demo_services.measures.add_from_catalogue(PLAN_YEAR, demo_services.measures.catalogue()[-1].key)
    assert not demo_model.set_year(
        tracking.measures(PLAN_YEAR), tracking.items(PLAN_YEAR), DEMO_TODAY
    )  # a new measure: reset


def test_the_model_shows_the_saved_year(demo_services, demo_model) -> None:
    measures = demo_services.tracking.measures(PLAN_YEAR)
    items = demo_services.tracking.items(PLAN_YEAR)
    tops = rows(demo_model)
    assert [top.data() for top in tops] == [f"{n}. {m.title}" for n, m in enumerate(measures, 1)]
    assert [top.data(ITEM_ROLE) for top in tops] == [("measure", m.id) for m in measures]
    first = items[measures[0].id]
    progress = tops[0].data(PROGRESS_ROLE)
    assert progress.done == sum(item.state == TrackingState.DONE for item in first)
    assert tops[0].siblingAtColumn(COLUMN_STATE).data() == (
        f"{progress.done}/{progress.total - progress.cannot} ({progress.percent}%)"
    )
    shown = item_rows(demo_model)
    everything = [item for measure in measures for item in items[measure.id]]
    assert [row.data(ITEM_ROLE) for row in shown] == [("item", item.id) for item in everything]
    assert [is_ticked(row) for row in shown] == [
        item.state == TrackingState.DONE for item in everything
    ]
    assert not tops[0].flags() & Qt.ItemFlag.ItemIsUserCheckable  # measures have no box
    assert shown[0].flags() & Qt.ItemFlag.ItemIsUserCheckable


def test_a_tick_is_asked_for_not_written(qtbot, demo_services, demo_model) -> None:
    row = next(row for row in item_rows(demo_model) if not is_ticked(row))
    with qtbot.waitSignal(demo_model.tick_requested) as asked:
        assert demo_model.setData(row, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert asked.args == [row.data(ITEM_ROLE)[1], True]
    assert not is_ticked(row)  # until the page has saved it and shown the year again
    with qtbot.assertNotEmitted(demo_model.tick_requested):
        assert not demo_model.setData(row, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)


def test_the_filter_shows_what_the_clerk_asks_for(demo_services, demo_model) -> None:
    proxy = TrackingFilter()
    proxy.setSourceModel(demo_model)
    measures = demo_services.tracking.measures(PLAN_YEAR)
    proxy.set_filters(SHOW_ALL, "สำนักปลัด", None)
    finance = [m.title for m in measures if m.unit == "สำนักปลัด"]
    assert finance and len(finance) < len(measures)
    assert [top.data().split(". ", 1)[1] for top in rows(proxy)] == finance
    theme = measures[0].themes[0]
    proxy.set_filters(SHOW_ALL, "", theme)
    with_theme = [m.title for m in measures if theme in m.themes]
    assert [top.data().split(". ", 1)[1] for top in rows(proxy)] == with_theme
    proxy.set_filters(SHOW_OPEN, "", None)
    assert item_rows(proxy) and not any(is_ticked(row) for row in item_rows(proxy))
    assert all(rows(proxy, top) for top in rows(proxy))  # no measure without an open item
    proxy.set_filters(SHOW_OVERDUE, "", None)
    assert all(row.data(OVERDUE_ROLE) for row in item_rows(proxy))
    overdue = [row for row in item_rows(demo_model) if row.data(OVERDUE_ROLE)]
    assert len(item_rows(proxy)) == len(overdue) < len(item_rows(demo_model))


def open_demo_tracking(qtbot, make_window, demo_services):
    window = make_window(demo_services)
    page = window.tracking_page
    page._today = DEMO_TODAY
    click_page(qtbot, window, page)
    window.resize(1000, 600)  # the tree scrolls
    qtbot.wait(20)
    return window, page


def test_a_tick_keeps_the_clerks_row_the_scroll_and_the_open_measures(
    qtbot, make_window, demo_services
) -> None:
    window, page = open_demo_tracking(qtbot, make_window, demo_services)
    tree = page.tree
    last = item_rows(tree.model())[-1]
    key = last.data(ITEM_ROLE)
    tree.scrollTo(last)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(last).center())
    assert tree.currentIndex() == last
    scroll = tree.verticalScrollBar().value()
    assert scroll > 0
    was_ticked = is_ticked(last)
    tree.setFocus()
    with qtbot.assertNotEmitted(page.model.modelReset):
        qtbot.keyClick(tree, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: is_ticked(tree.currentIndex()) != was_ticked, timeout=2000)
    assert tree.currentIndex().data(ITEM_ROLE) == key
    assert tree.verticalScrollBar().value() == scroll
    assert all(tree.isExpanded(top) for top in rows(tree.model()))
    assert window.undo_stack.count() == 1


def test_a_new_measure_resets_the_tree_and_the_clerks_row_comes_back(
    qtbot, make_window, demo_services
) -> None:
    _window, page = open_demo_tracking(qtbot, make_window, demo_services)
    tree = page.tree
    row = item_rows(tree.model())[3]
    key = row.data(ITEM_ROLE)
    tree.scrollTo(row)  # the clerk scrolls to the row (wrapped step names make rows taller)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(row).center())
    demo_services.measures.add_from_catalogue(PLAN_YEAR, demo_services.measures.catalogue()[-1].key)
    with qtbot.waitSignal(page.model.modelReset):
        page.refresh()
    assert tree.model().rowCount() == 8
    assert tree.currentIndex().data(ITEM_ROLE) == key
    assert all(tree.isExpanded(top) for top in rows(tree.model()))


def test_filters_chosen_on_the_page_narrow_the_tree(qtbot, make_window, demo_services) -> None:
    _window, page = open_demo_tracking(qtbot, make_window, demo_services)
    everything = page.tree.model().rowCount()
    page.unit_filter.setFocus()
    qtbot.keyClick(page.unit_filter, Qt.Key.Key_Down)  # the first unit after ทุกส่วนงาน
    unit = page.unit_filter.currentText()
    shown = rows(page.tree.model())
    assert 0 < len(shown) < everything
    titles = {m.title: m.unit for m in demo_services.tracking.measures(PLAN_YEAR)}
    assert all(titles[top.data().split(". ", 1)[1]] == unit for top in shown)
    qtbot.keyClick(page.unit_filter, Qt.Key.Key_Up)
    assert page.tree.model().rowCount() == everything
    assert all(page.tree.isExpanded(top) for top in rows(page.tree.model()))


def test_each_measure_has_its_progress_bar(qtbot, make_window, demo_services) -> None:
    _window, page = open_demo_tracking(qtbot, make_window, demo_services)
    tree = page.tree
    assert isinstance(tree.itemDelegateForColumn(COLUMN_STATE), ProgressDelegate)
    top = next(top for top in rows(tree.model()) if top.data(PROGRESS_ROLE).percent > 0)
    tree.scrollTo(top)
    cell = tree.visualRect(top.siblingAtColumn(COLUMN_STATE))
    picture = tree.viewport().grab(cell).toImage()
    chunk = tree.palette().color(QPalette.ColorRole.Highlight)

    def like_the_chunk(x: int) -> bool:
        colour = QColor(picture.pixel(x, picture.height() // 2))
        return all(
            abs(a - b) < 40 for a, b in zip(colour.getRgb()[:3], chunk.getRgb()[:3], strict=True)
        )

    filled = sum(like_the_chunk(x) for x in range(picture.width()))
    # The bar's chunk, in the style's highlight colour, as long as the measure's progress.
    assert abs(100 * filled / picture.width() - top.data(PROGRESS_ROLE).percent) < 15


def test_ticking_is_refused_outside_the_year_and_the_box_stays(
    qtbot, make_window, scored_services, monkeypatch
) -> None:
    from itadesk.ui import dialogs

    for entry in scored_services.measures.catalogue()[:1]:
        scored_services.measures.add_from_catalogue(PLAN_YEAR, entry.key)
    window = make_window(scored_services)
    page = window.tracking_page
    page._today = date(2026, 4, 10)  # after the 6-month round: the date is asked
    window.select_cycle(PLAN_YEAR - 1)
    click_page(qtbot, window, page)
    monkeypatch.setattr(dialogs, "ask_done_date", lambda *args: date(2026, 4, 20))  # future
    first = item_rows(page.tree.model())[0]
    page.tree.setCurrentIndex(first)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "ยังมาไม่ถึง" in page.error_label.text(), timeout=2000)
    assert not is_ticked(page.tree.currentIndex())
    assert window.undo_stack.count() == 0
