"""The framework loader refuses bad input with a Thai message that names the problem."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from itadesk.domain.frameworks import (
    FORMAT,
    FrameworkCatalog,
    derive_framework,
    framework_to_data,
    load_framework_file,
    parse_framework,
    replace_items,
)
from itadesk.errors import FrameworkError, UserError

NAMES = [
    "การปฏิบัติหน้าที่",
    "การใช้งบประมาณ",
    "การใช้อำนาจ",
    "การใช้ทรัพย์สินของราชการ",
    "การแก้ไขปัญหาการทุจริต",
    "คุณภาพการดำเนินงาน",
    "ประสิทธิภาพการสื่อสาร",
    "การปรับปรุงระบบการทำงาน",
    "การเปิดเผยข้อมูล",
    "การป้องกันการทุจริต",
]


def valid(year: int = 2566) -> dict[str, Any]:
    """A small but complete framework document."""
    return {
        "format": FORMAT,
        "fiscal_year": year,
        "source": "builtin",
        "target": "85",
        "tools": [
            {"code": "IIT", "name_th": "ภายใน", "weight": "0.30", "indicators": [1, 2, 3, 4, 5]},
            {"code": "EIT", "name_th": "ภายนอก", "weight": "0.30", "indicators": [6, 7, 8]},
            {"code": "OIT", "name_th": "เปิดเผยข้อมูล", "weight": "0.40", "indicators": [9, 10]},
        ],
        "indicators": [
            {"number": n, "name_th": name, "tool": "IIT" if n <= 5 else "EIT" if n <= 8 else "OIT"}
            for n, name in enumerate(NAMES, start=1)
        ],
        "items": [
            {"code": "i1", "indicator": 1, "kind": "scale", "text_th": "ข้อหนึ่ง"},
            {"code": "i4", "indicator": 1, "kind": "yes_no", "reverse": True, "text_th": "สินบน"},
            {"code": "e1", "indicator": 6, "kind": "scale", "text_th": "ข้อภายนอก"},
            {"code": "O1", "indicator": 9, "kind": "oit", "group_th": "ข้อมูลพื้นฐาน"},
            {"code": "O42", "indicator": 10, "kind": "oit", "text_th": "มาตรการ"},
        ],
        "items_known": {"IIT": True, "EIT": True, "OIT": True},
        "themes": [
            {"name_th": "ประเด็นหนึ่ง", "indicators": [1, 6], "items": ["i1", "e1"]},
            {"name_th": "ประเด็นสอง", "indicators": [5], "items": []},
        ],
        "rating": {
            "scheme": "bands",
            "levels": [
                {"label": "AA", "min_total": "95", "passing": True},
                {"label": "A", "min_total": "85", "passing": True},
                {"label": "B", "min_total": "75"},
                {"label": "F", "min_total": "0"},
            ],
        },
        "document_items": {"measures": "O42"},
        "unconfirmed_th": ["ยังไม่ยืนยัน"],
        "notes_th": ["ที่มา"],
    }


def refused(data: Any) -> str:
    with pytest.raises(FrameworkError) as info:
        parse_framework(data, "ไฟล์ทดสอบ")
    return str(info.value)


def test_valid_document_parses() -> None:
    framework = parse_framework(valid())
    assert framework.fiscal_year == 2566
    assert framework.indicator_numbers == tuple(range(1, 11))
    assert [t.weight for t in framework.tools] == [
        Decimal("0.30"),
        Decimal("0.30"),
        Decimal("0.40"),
    ]
    assert framework.item("i4").reverse and not framework.item("i1").reverse
    assert framework.item("O1").group_th == "ข้อมูลพื้นฐาน"
    assert [i.code for i in framework.items_of_tool("OIT")] == ["O1", "O42"]
    assert [i.code for i in framework.items_of_indicator(1)] == ["i1", "i4"]
    assert framework.themes[0].number == 1 and framework.themes[1].items == ()
    assert framework.rating.kind == "bands"
    assert framework.unconfirmed_th == ("ยังไม่ยืนยัน",)


def test_round_trip_through_framework_to_data() -> None:
    framework = parse_framework(valid())
    assert parse_framework(framework_to_data(framework)) == framework


def test_framework_error_is_a_user_error() -> None:
    assert issubclass(FrameworkError, UserError)


# --------------------------------------------------------------------------- bad documents


def _drop_indicator_8(d: dict) -> None:
    d["indicators"] = [i for i in d["indicators"] if i["number"] != 8]


def _gap_in_numbering(d: dict) -> None:
    d["indicators"][9]["number"] = 11
    d["tools"][2]["indicators"] = [9, 11]


def _weights_030_each(d: dict) -> None:
    d["tools"][2]["weight"] = "0.30"


def _duplicate_item(d: dict) -> None:
    d["items"].append({"code": "i1", "indicator": 2, "kind": "scale"})


def _item_to_missing_indicator(d: dict) -> None:
    d["items"][0]["indicator"] = 12


def _oit_under_iit(d: dict) -> None:
    d["items"][3]["indicator"] = 2


def _question_under_oit(d: dict) -> None:
    d["items"][2]["indicator"] = 9


def _bad_code(d: dict) -> None:
    d["items"][0]["code"] = "x5"


def _levels_out_of_order(d: dict) -> None:
    levels = d["rating"]["levels"]
    levels[1], levels[2] = levels[2], levels[1]


def _last_level_not_zero(d: dict) -> None:
    d["rating"]["levels"][-1]["min_total"] = "10"


def _theme_unknown_item(d: dict) -> None:
    d["themes"][0]["items"].append("O99")


def _theme_unknown_indicator(d: dict) -> None:
    d["themes"][1]["indicators"] = [5, 13]


def _unknown_scheme(d: dict) -> None:
    d["rating"]["scheme"] = "stars"


def _float_weight(d: dict) -> None:
    d["tools"][0]["weight"] = 0.3


def _indicator_claims_other_tool(d: dict) -> None:
    d["indicators"][0]["tool"] = "EIT"


def _sentences_as_one_string(d: dict) -> None:
    d["unconfirmed_th"] = "ยังไม่ยืนยัน"


def _reverse_as_text(d: dict) -> None:
    d["items"][1]["reverse"] = "false"


def _confirmed_as_text(d: dict) -> None:
    d["rating"]["levels"][2]["confirmed"] = "no"


def _year_out_of_range(d: dict) -> None:
    d["fiscal_year"] = 1999


def _kind_unknown(d: dict) -> None:
    d["items"][0]["kind"] = "stars"


def _o_code_with_scale_kind(d: dict) -> None:
    d["items"][3]["kind"] = "scale"


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        pytest.param(
            _drop_indicator_8,
            ["ขาดตัวชี้วัดที่ 8", "เครื่องมือ EIT", "ตัวชี้วัดที่ 8 ซึ่งไม่มีในไฟล์"],
            id="indicator-8-removed",
        ),
        pytest.param(_gap_in_numbering, ["ขาดตัวชี้วัดที่ 10"], id="gap-in-numbering"),
        pytest.param(_weights_030_each, ["รวมกันได้ 0.90", "ต้องรวมได้ 1 พอดี"], id="weights-0.3-x3"),
        pytest.param(_duplicate_item, ["ข้อ i1", "รหัสซ้ำ"], id="duplicate-code"),
        pytest.param(
            _item_to_missing_indicator,
            ["ข้อ i1", "ตัวชี้วัดที่ 12 ซึ่งไม่มีในไฟล์"],
            id="item-missing-indicator",
        ),
        pytest.param(
            _oit_under_iit, ["ข้อ O1", "ต้องอยู่ในตัวชี้วัดของเครื่องมือ OIT", "IIT"], id="O-under-IIT"
        ),
        pytest.param(_question_under_oit, ["ข้อ e1", "เครื่องมือ EIT", "ตัวชี้วัดที่ 9"], id="e-under-OIT"),
        pytest.param(_bad_code, ["ข้อ x5", "รหัสต้องเป็น i"], id="bad-code-x5"),
        pytest.param(_levels_out_of_order, ["ต้องเรียงระดับจากสูงไปต่ำ"], id="levels-out-of-order"),
        pytest.param(_last_level_not_zero, ["ระดับสุดท้ายต้องเริ่มที่ 0"], id="last-level-not-0"),
        pytest.param(_theme_unknown_item, ["ประเด็นที่ 1", "ข้อ O99 ซึ่งไม่มี"], id="theme-unknown-item"),
        pytest.param(
            _theme_unknown_indicator,
            ["ประเด็นที่ 2", "ตัวชี้วัดที่ 13"],
            id="theme-unknown-indicator",
        ),
        pytest.param(_unknown_scheme, ["แบบ “stars” ไม่รู้จัก"], id="unknown-scheme"),
        pytest.param(_float_weight, ["weight", "ตัวเลขในรูปข้อความ"], id="float-weight"),
        pytest.param(
            _indicator_claims_other_tool,
            ["ตัวชี้วัดที่ 1 ระบุว่าเป็นของเครื่องมือ EIT"],
            id="indicator-tool-mismatch",
        ),
        pytest.param(_sentences_as_one_string, ["unconfirmed_th", "รายการข้อความ"], id="text"),
        pytest.param(_reverse_as_text, ["ข้อ i4", "reverse", "true หรือ false"], id="reverse"),
        pytest.param(_confirmed_as_text, ["confirmed", "true หรือ false"], id="confirmed"),
        pytest.param(_year_out_of_range, ["ปีงบประมาณ", "ต้องอยู่ระหว่าง"], id="year"),
        pytest.param(_kind_unknown, ["ชนิด “stars” ไม่รู้จัก"], id="kind"),
        pytest.param(_o_code_with_scale_kind, ["ข้อ O1", "ชนิด oit"], id="O-not-oit"),
    ],
)
def test_bad_document_is_refused_in_thai(
    mutate: Callable[[dict], None], expected: list[str]
) -> None:
    data = valid()
    mutate(data)
    message = refused(data)
    assert message.startswith("ไฟล์ทดสอบ มีข้อผิดพลาด")
    for fragment in expected:
        assert fragment in message, (fragment, message)


def test_every_problem_is_listed_not_just_the_first() -> None:
    data = valid()
    _weights_030_each(data)
    _bad_code(data)
    _last_level_not_zero(data)
    message = refused(data)
    assert message.count("•") >= 3
    assert "ต้องรวมได้ 1 พอดี" in message
    assert "ข้อ x5" in message
    assert "ระดับสุดท้ายต้องเริ่มที่ 0" in message


def test_bad_weight_does_not_make_the_tool_disappear() -> None:
    data = valid()
    _float_weight(data)
    message = refused(data)
    assert "เครื่องมือลำดับที่ 1: ช่อง “weight”" in message
    assert "ซึ่งไม่มีในไฟล์" not in message  # IIT's indicators still belong to IIT
    assert "รวมกันได้" not in message  # no sum of the weights that could be read
    assert message.count("•") == 1


@pytest.mark.parametrize("key", ["indicators", "tools", "rating", "fiscal_year"])
def test_missing_required_field_is_named(key: str) -> None:
    data = valid()
    del data[key]
    assert f"ไม่มีช่อง “{key}”" in refused(data)


def test_wrong_format_is_refused() -> None:
    data = valid()
    data["format"] = "itadesk-framework/2"
    message = refused(data)
    assert "ไม่ใช่ไฟล์กรอบการประเมินของ ITADesk" in message
    assert FORMAT in message


def test_not_an_object_is_refused() -> None:
    assert "กลุ่มข้อมูล JSON" in refused([1, 2, 3])


def test_pass_scheme_with_tool_floors_is_accepted() -> None:
    data = valid(2567)
    data["rating"] = {
        "scheme": "pass",
        "levels": [
            {"label": "ผ่านดีเยี่ยม", "min_total": "95", "min_each_tool": "95", "passing": True},
            {"label": "ผ่านดี", "min_total": "85", "min_each_tool": "85", "passing": True},
            {"label": "ผ่าน", "min_total": "85", "passing": True},
            {"label": "ต้องปรับปรุง", "min_total": "70", "confirmed": False},
            {"label": "ต้องปรับปรุงโดยด่วน", "min_total": "0", "confirmed": False},
        ],
    }
    rating = parse_framework(data).rating
    assert rating.kind == "pass"
    assert [level.min_each_tool for level in rating.levels][:3] == [
        Decimal("95"),
        Decimal("85"),
        None,
    ]
    assert [level.confirmed for level in rating.levels] == [True, True, True, False, False]


def test_pass_levels_out_of_order_are_refused() -> None:
    data = valid(2567)
    data["rating"] = {
        "scheme": "pass",
        "levels": [
            {"label": "ผ่าน", "min_total": "85"},
            {"label": "ผ่านดี", "min_total": "85", "min_each_tool": "85"},
            {"label": "ต้องปรับปรุง", "min_total": "0"},
        ],
    }
    assert "ต้องเรียงระดับจากสูงไปต่ำ" in refused(data)


# --------------------------------------------------------------------------- files


def write(path: Path, data: Any, *, encoding: str = "utf-8") -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding=encoding)
    return path


def test_load_file(tmp_path: Path) -> None:
    framework = load_framework_file(write(tmp_path / "fy2566.json", valid()))
    assert framework.fiscal_year == 2566


def test_load_file_saved_with_a_bom(tmp_path: Path) -> None:
    # Windows Notepad saves "UTF-8" with a byte-order mark; the clerk's file must still load.
    framework = load_framework_file(write(tmp_path / "fy2566.json", valid(), encoding="utf-8-sig"))
    assert framework.indicator(1).name_th == "การปฏิบัติหน้าที่"


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    text = json.dumps(valid(), ensure_ascii=False, indent=2)
    lines = text.splitlines()
    line_number = next(n for n, line in enumerate(lines, start=1) if '"target"' in line)
    lines[line_number - 1] = lines[line_number - 1].rstrip(",")  # drop a comma
    path = tmp_path / "fy2566.json"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(FrameworkError) as info:
        load_framework_file(path)
    message = str(info.value)
    assert "fy2566.json" in message
    assert "รูปแบบ JSON ผิด" in message
    assert f"บรรทัด {line_number + 1}" in message  # the parser notices at the next line


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError) as info:
        load_framework_file(tmp_path / "fy2570.json")
    assert "fy2570.json" in str(info.value)
    assert "ไม่พบไฟล์" in str(info.value)


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    data = valid()
    _bad_code(data)
    with pytest.raises(FrameworkError) as info:
        load_framework_file(write(tmp_path / "fy2566.json", data))
    assert "ไฟล์กรอบการประเมิน fy2566.json มีข้อผิดพลาด" in str(info.value)


# --------------------------------------------------------------------------- catalog


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for year in (2565, 2566):
        write(tmp_path / f"fy{year}.json", valid(year))
    (tmp_path / "README.md").write_text("not a framework", encoding="utf-8")
    (tmp_path / "fy25660.json").write_text("{}", encoding="utf-8")  # not fyNNNN.json
    return tmp_path


def test_catalog_years_and_get(folder: Path) -> None:
    catalog = FrameworkCatalog(folder)
    assert catalog.years() == [2565, 2566]
    assert catalog.builtin_years() == [2565, 2566]
    assert catalog.latest_year() == 2566
    assert catalog.get(2566).fiscal_year == 2566
    assert catalog.get(2566) is catalog.get(2566)  # cached


def test_catalog_year_without_framework(folder: Path) -> None:
    catalog = FrameworkCatalog(folder)
    assert not catalog.has(2599)
    with pytest.raises(FrameworkError) as info:
        catalog.get(2599)
    message = str(info.value)
    assert "ยังไม่มีกรอบการประเมินของปีงบประมาณ 2599" in message
    assert "2565, 2566" in message
    with pytest.raises(FrameworkError, match="2599"):
        catalog.builtin(2599)


def test_catalog_empty_folder(tmp_path: Path) -> None:
    catalog = FrameworkCatalog(tmp_path)
    assert catalog.years() == []
    with pytest.raises(FrameworkError, match="ไม่พบไฟล์กรอบการประเมิน"):
        catalog.latest_year()


def test_catalog_override_wins_and_can_be_removed(folder: Path) -> None:
    catalog = FrameworkCatalog(folder)
    assert catalog.get(2566).target == Decimal("85")
    own = valid(2566)
    own["target"] = "90"
    own["source"] = "user"
    catalog.set_override(2566, own)
    assert catalog.is_customised(2566)
    assert catalog.get(2566).target == Decimal("90")
    assert catalog.get(2566).source == "user"
    assert catalog.builtin(2566).target == Decimal("85")
    catalog.set_override(2566, None)
    assert catalog.get(2566).target == Decimal("85")


def test_catalog_override_adds_a_year(folder: Path) -> None:
    catalog = FrameworkCatalog(folder, overrides={2569: valid(2569)})
    assert catalog.years() == [2565, 2566, 2569]
    assert catalog.builtin_years() == [2565, 2566]
    assert catalog.get(2569).fiscal_year == 2569


def test_catalog_refuses_a_file_for_another_year(tmp_path: Path) -> None:
    write(tmp_path / "fy2567.json", valid(2566))
    with pytest.raises(FrameworkError) as info:
        FrameworkCatalog(tmp_path).get(2567)
    assert "ระบุปีงบประมาณเป็น 2566" in str(info.value)


def test_catalog_bad_override_names_the_year(folder: Path) -> None:
    own = valid(2566)
    _weights_030_each(own)
    catalog = FrameworkCatalog(folder, overrides={2566: own})
    with pytest.raises(FrameworkError) as info:
        catalog.get(2566)
    assert "กรอบการประเมินปี 2566 ของหน่วยงาน" in str(info.value)
    assert "ต้องรวมได้ 1 พอดี" in str(info.value)


# --------------------------------------------------------------------------- derived data


def test_derive_framework_flags_the_new_year() -> None:
    base = parse_framework(valid(2568))
    data = derive_framework(base, 2569)
    derived = parse_framework(data)
    assert derived.fiscal_year == 2569
    assert derived.source == "user"
    assert "2569" in derived.unconfirmed_th[0] and "2568" in derived.unconfirmed_th[0]
    assert derived.unconfirmed_th[1:] == base.unconfirmed_th
    assert derived.items == base.items
    assert base.fiscal_year == 2568  # the base is untouched


def test_derive_framework_refuses_a_silly_year() -> None:
    with pytest.raises(FrameworkError, match="ปีงบประมาณ"):
        derive_framework(parse_framework(valid()), 3000)


def test_replace_items_keeps_other_tools_and_prunes_themes() -> None:
    base = parse_framework(valid())
    imported = [{"code": "i2", "indicator": 1, "kind": "scale", "text_th": "ใหม่"}]
    data = replace_items(base, imported, ["IIT"])
    framework = parse_framework(data)
    assert [item.code for item in framework.items] == ["e1", "O1", "O42", "i2"]
    assert framework.themes[0].items == ("e1",)  # i1 no longer exists
    assert framework.items_known["IIT"] is True
    assert framework.source == "user"


def test_documents_are_not_shared_between_parses() -> None:
    data = valid()
    snapshot = copy.deepcopy(data)
    parse_framework(data)
    assert data == snapshot
