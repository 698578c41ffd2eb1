"""Items entered by code for the years whose item lists are not published (2567, 2568)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from itadesk.domain.frameworks import ItemEntry, indicators_for_item_code, tool_of_item_code
from itadesk.errors import FrameworkError, UserError


def test_each_kind_of_code_belongs_to_its_tool(services) -> None:
    framework = services.frameworks.get(2568)
    assert tool_of_item_code("i7") == "IIT"
    assert indicators_for_item_code(framework, "i7") == (1, 2, 3, 4, 5)
    assert indicators_for_item_code(framework, "e2") == (6, 7, 8)
    assert indicators_for_item_code(framework, "O31") == (9, 10)
    with pytest.raises(FrameworkError, match="i, e หรือ O"):
        tool_of_item_code("x1")


def test_codes_are_added_without_wording_and_the_wording_comes_later(services) -> None:
    frameworks = services.frameworks
    assert frameworks.get(2568).items == ()
    data = frameworks.with_items(
        2568, [ItemEntry("i2", 1), ItemEntry("O1", 9, "โครงสร้าง"), ItemEntry("i1", 1)]
    )
    assert frameworks.get(2568).items == ()  # planned only: nothing written yet
    framework = frameworks.save_item_list(2568, data, {"i1": Decimal("91.5")})
    assert [item.code for item in framework.items] == ["i1", "i2", "O1"]
    assert framework.item("i1").text_th is None
    assert framework.item("O1").kind == "oit"
    assert services.scores.item_scores(2568) == {"i1": Decimal("91.5")}
    framework = frameworks.save_item_list(2568, frameworks.with_item_texts(2568, {"i1": "ข้อหนึ่ง"}))
    assert framework.item("i1").text_th == "ข้อหนึ่ง"
    # The 2566 list (published, built in) is untouched.
    assert len(frameworks.get(2566).items) == 88


def test_a_code_under_another_tools_indicator_is_refused(services) -> None:
    with pytest.raises(UserError, match="ข้อ e1: เป็นข้อของ EIT อยู่ได้เฉพาะตัวชี้วัดที่ 6, 7, 8"):
        services.frameworks.with_items(2568, [ItemEntry("e1", 2)])
    services.frameworks.save_item_list(
        2568, services.frameworks.with_items(2568, [ItemEntry("i1", 1)])
    )
    with pytest.raises(UserError, match="ข้อ i1 อยู่ในตัวชี้วัดที่ 1 แล้ว"):
        services.frameworks.with_items(2568, [ItemEntry("i1", 3)])


def test_removing_a_code_takes_its_score_and_both_come_back(services) -> None:
    frameworks = services.frameworks
    before = frameworks.saved_data(2568)
    assert before is None  # the built-in framework
    frameworks.save_item_list(
        2568, frameworks.with_items(2568, [ItemEntry("i1", 1), ItemEntry("i2", 1)])
    )
    services.scores.set_item_scores(2568, {"i1": "90", "i2": "80"})
    with_both = frameworks.saved_data(2568)
    frameworks.save_item_list(2568, frameworks.without_items(2568, ["i2"]), {"i2": None})
    assert [item.code for item in frameworks.get(2568).items] == ["i1"]
    assert services.scores.item_scores(2568) == {"i1": Decimal("90")}
    frameworks.save_item_list(2568, with_both, {"i2": Decimal("80")})  # the undo
    assert services.scores.item_scores(2568) == {"i1": Decimal("90"), "i2": Decimal("80")}
    frameworks.save_item_list(2568, before, {"i1": None, "i2": None})  # back to the start
    assert frameworks.get(2568).items == ()
    assert not frameworks.is_customised(2568)
