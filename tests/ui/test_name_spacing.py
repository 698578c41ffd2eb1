"""The office page: a person's prefix joined to the name as Thai writes it (นาย/นาง/นางสาว),
and the clerk's override per person, saved and undone like any change of the profile."""

from __future__ import annotations

from itadesk.domain.office import NameSpacing
from itadesk.ui.pages.office_page import COLUMN_SPACING


def test_prefix_is_joined_and_the_clerk_can_override(
    qtbot, make_window, demo_services, type_in_cell, choose_by_typing
) -> None:
    window = make_window(demo_services)
    page = window.office_page
    window.nav_list.setCurrentRow(window.pages.index(page))
    type_in_cell(page.people_table, 0, 0, "นางสาว")
    author = demo_services.office.profile().people[0]
    assert author.rank_prefix == "นางสาว"
    assert author.display_name == "นางสาวสมหญิง ตั้งใจงาน"

    combo = page.people_table.cellWidget(0, COLUMN_SPACING)
    assert combo.currentData() == NameSpacing.AUTO
    choose_by_typing(combo, "เว้นวรรคหนึ่งครั้ง")
    author = demo_services.office.profile().people[0]
    assert author.name_spacing == NameSpacing.SPACED
    assert author.display_name == "นางสาว สมหญิง ตั้งใจงาน"
    # the memo prints the name as chosen
    memo = demo_services.memos.build(2568, "analysis")
    assert memo.signer.display_name == "นางสาว สมหญิง ตั้งใจงาน"

    window.undo_action.trigger()
    assert demo_services.office.profile().people[0].name_spacing == NameSpacing.AUTO
    assert page.people_table.cellWidget(0, COLUMN_SPACING).currentData() == NameSpacing.AUTO
    # a rank keeps its space under the rule
    assert demo_services.office.profile().people[1].display_name == "พ.จ.อ. สมชาย ใจดี"
