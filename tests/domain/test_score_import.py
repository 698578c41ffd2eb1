"""Reading scores from pasted text and from CSV/XLSX grids (itadesk.domain.score_import)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from itadesk.domain.frameworks import Framework, FrameworkCatalog
from itadesk.domain.score_import import (
    ImportPreview,
    ImportProblem,
    ImportRow,
    find_fiscal_year,
    parse_score_rows,
    parse_score_text,
)
from itadesk.paths import frameworks_dir


@pytest.fixture(scope="module")
def fy2566() -> Framework:
    """A year with the full item list (i1–i30, e1–e15, O1–O43)."""
    return FrameworkCatalog(frameworks_dir()).get(2566)


@pytest.fixture(scope="module")
def fy2568() -> Framework:
    """A year whose item list is not shipped."""
    return FrameworkCatalog(frameworks_dir()).get(2568)


def scores(preview: ImportPreview) -> dict[str, Decimal]:
    return {row.target: row.value for row in preview.rows}


def messages(preview: ImportPreview) -> list[str]:
    return [problem.message_th for problem in preview.problems]


# --------------------------------------------------------------------------- text: row shapes


@pytest.mark.parametrize(
    ("line", "target", "value"),
    [
        ("i๑ การปฏิบัติงานของเจ้าหน้าที่ … ๙๒.๕๒", "i1", "92.52"),
        ("O11 แผนดำเนินงานและการใช้งบประมาณประจำปี 100", "O11", "100"),
        ("๐๑๑ แผนดำเนินงานและการใช้งบประมาณประจำปี ๑๐๐", "O11", "100"),  # OCR: ๐ for O
        ("๐11 แผนดำเนินงาน 100", "O11", "100"),
        ("O ๑๒ รายงานการกำกับติดตาม 95", "O12", "95"),
        ("ข้อ O13 รายงานผลการดำเนินงาน 99.5", "O13", "99.5"),
        ("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ ๘๖.๙๒", "1", "86.92"),
        ("ตัวชี้วัดที่1 การปฏิบัติหน้าที่ 86.92", "1", "86.92"),
        ("1. การปฏิบัติหน้าที่ 86.92", "1", "86.92"),
        ("๒) การใช้งบประมาณ ๗๕.๕๐", "2", "75.50"),
        ("ตัวชี้วัดที่ 3\tการใช้อำนาจ\t88.10", "3", "88.10"),
        ("3\t88.10", "3", "88.10"),
        ("e5\tการรับฟังความคิดเห็น\t81.25", "e5", "81.25"),
        ("การใช้ทรัพย์สินของราชการ ............ 70.00 คะแนน", "4", "70.00"),
        ("• การแก้ไขปัญหาการทุจริต (IIT) 90%", "5", "90"),
        ("ตัวชี้วัดที่ 10 การป้องกันการทุจริต 0", "10", "0"),
    ],
)
def test_each_row_shape_is_read(fy2566: Framework, line: str, target: str, value: str) -> None:
    preview = parse_score_text(line, fy2566)
    assert preview.problems == ()
    assert scores(preview) == {target: Decimal(value)}
    assert preview.rows[0].line == 1
    assert preview.rows[0].source == line.strip()


def test_score_is_the_last_number_not_numbers_in_codes_or_the_indicator_number(
    fy2566: Framework,
) -> None:
    text = (
        "O11 แผนดำเนินงานประจำปี พ.ศ. 2568 ฉบับที่ 2 (ITA2568) 100\n"
        "ตัวชี้วัดที่ 10 การป้องกันการทุจริต 77.5\n"
        "i16 ข้อ 3/2567 เวลา 10:30 96.70\n"
    )
    preview = parse_score_text(text, fy2566)
    assert preview.problems == ()
    assert scores(preview) == {
        "10": Decimal("77.5"),
        "i16": Decimal("96.70"),
        "O11": Decimal("100"),
    }


def test_a_year_last_on_the_line_is_read_as_the_score_and_refused(fy2566: Framework) -> None:
    preview = parse_score_text("O11 คะแนน 100 แผนดำเนินงานประจำปี 2568", fy2566)
    assert preview.rows == ()
    (message,) = messages(preview)
    assert message.startswith("บรรทัดที่ 1: ")
    assert "2568" in message and "นอกช่วง" in message and "ตัวเลขตัวสุดท้าย" in message


def test_headings_blank_lines_and_dates_are_skipped_silently(fy2566: Framework) -> None:
    text = (
        "ผลการประเมินคุณธรรมและความโปร่งใส (ITA)\n"
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘\n"
        "\n"
        "ตัวชี้วัด\tคะแนน\n"
        "1. บทนำ\n"
        "1 ตุลาคม 2567\n"
        "   \n"
        "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 86.92\n"
    )
    preview = parse_score_text(text, fy2566)
    assert preview.problems == ()
    assert scores(preview) == {"1": Decimal("86.92")}
    assert preview.rows[0].line == 8
    assert preview.fiscal_year == 2568


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("ผลคะแนน ITA ปีงบประมาณ พ.ศ. ๒๕๖๘", 2568),
        ("ประจำปีงบประมาณ 2567", 2567),
        ("ปีงบ พ.ศ.2566", 2566),
        ("ITA 2568", None),
        ("ปีงบประมาณ 1999", None),
    ],
)
def test_fiscal_year_named_in_the_text(text: str, year: int | None) -> None:
    assert find_fiscal_year(text) == year


def test_cells_split_over_two_lines_are_joined(fy2566: Framework) -> None:
    """A PDF table copied cell by cell puts the score on the next line."""
    text = "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่\n\n86.92\ni1 การปฏิบัติงาน\n๙๒.๕๒ คะแนน\n"
    preview = parse_score_text(text, fy2566)
    assert preview.problems == ()
    assert scores(preview) == {"1": Decimal("86.92"), "i1": Decimal("92.52")}
    assert [row.line for row in preview.rows] == [1, 4]


# --------------------------------------------------------------------------- text: problems


def test_unreadable_lines_become_problems_with_their_line_numbers(fy2566: Framework) -> None:
    text = "\n".join(
        [
            "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่ 86.92",  # 1 readable
            "คะแนนรวม 87.45",  # 2 a score of nothing
            "O44 รายการที่ไม่มี 50",  # 3 code not in 2566
            "ตัวชี้วัดที่ 11 ไม่มีตัวนี้ 50",  # 4 indicator out of 1..10
            "i2 ไม่มีคะแนน",  # 5 no score
            "i3 ๑๒๐",  # 6 out of range
            "i4 88.123",  # 7 three decimals
            "i5 ภายใน 90 วัน",  # 8 words after the number
            "1. โครงสร้าง 100",  # 9 an O item list numbered 1., not indicator 1
            "e1 ดีมาก 91",  # 10 readable
        ]
    )
    preview = parse_score_text(text, fy2566)
    assert scores(preview) == {"1": Decimal("86.92"), "e1": Decimal("91")}
    by_line = {problem.line: problem.message_th for problem in preview.problems}
    assert sorted(by_line) == [2, 3, 4, 5, 6, 7, 8, 9]
    for line, message in by_line.items():
        assert message.startswith(f"บรรทัดที่ {line}: ")
    assert "87.45" in by_line[2] and "i1, e5, O11" in by_line[2]
    assert "O44" in by_line[3] and "i1–i30, e1–e15, O1–O43" in by_line[3]
    assert "ตัวชี้วัดที่ 11" in by_line[4] and "1 ถึง 10" in by_line[4]
    assert "ข้อ i2" in by_line[5] and "ไม่พบคะแนน" in by_line[5]
    assert "๑๒๐" in by_line[6] and "นอกช่วง" in by_line[6]  # shown as written
    assert "88.123" in by_line[7] and "ทศนิยม" in by_line[7]
    assert "วัน" in by_line[8]
    assert "การปฏิบัติหน้าที่" in by_line[9]
    problem = preview.problems[0]
    assert isinstance(problem, ImportProblem) and problem.source == "คะแนนรวม 87.45"


def test_same_target_twice_with_different_scores_imports_neither(fy2566: Framework) -> None:
    text = "i1 92.5\ni2 80\ni1 93\ni2 80.00\ni1 92.5\n"
    preview = parse_score_text(text, fy2566)
    assert scores(preview) == {"i2": Decimal("80")}  # the same value twice is harmless
    lines = [problem.line for problem in preview.problems]
    assert lines == [3, 5]
    assert "บรรทัดที่ 1 = 92.5" in preview.problems[0].message_th
    assert "93" in preview.problems[0].message_th


def test_item_codes_of_a_year_without_an_item_list(fy2568: Framework) -> None:
    preview = parse_score_text("ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล 100\nO11 แผนดำเนินงาน 100", fy2568)
    assert scores(preview) == {"9": Decimal("100")}
    (message,) = messages(preview)
    assert message.startswith("บรรทัดที่ 2: ") and "ยังไม่มีรายการข้อ" in message


def test_rows_are_ordered_indicators_first_then_items_by_framework(fy2566: Framework) -> None:
    text = "O1 100\ne2 70\n2 การใช้งบประมาณ 80\ni30 60\nตัวชี้วัดที่ 1 90"
    preview = parse_score_text(text, fy2566)
    assert [row.target for row in preview.rows] == ["1", "2", "i30", "e2", "O1"]
    assert preview.indicator_scores() == {1: Decimal("90"), 2: Decimal("80")}
    assert set(preview.item_scores()) == {"i30", "e2", "O1"}


# --------------------------------------------------------------------------- grids


def test_template_header_with_a_comment_column(fy2566: Framework) -> None:
    rows = [
        ["ตัวชี้วัดหรือรหัสข้อ", "คะแนน", "หมายเหตุ (ไม่นำเข้า)"],
        ["1", "86.92", "การปฏิบัติหน้าที่"],
        ["2", "", "การใช้งบประมาณ"],  # left blank: skipped, not a problem
        ["๓", "๘๘.๑๐", "การใช้อำนาจ"],
        ["O11", "100", ""],
        ["", "", ""],
    ]
    preview = parse_score_rows(rows, fy2566)
    assert preview.problems == ()
    assert scores(preview) == {"1": Decimal("86.92"), "3": Decimal("88.10"), "O11": Decimal("100")}
    assert [row.line for row in preview.rows] == [2, 4, 5]


@pytest.mark.parametrize(
    "header",
    [
        ["Indicator", "Score"],
        ["code", "score"],
        ["รหัสข้อ", "ข้อความ", "คะแนนเฉลี่ย"],
        ["ตัวชี้วัด", "ชื่อ", "คะแนน"],
    ],
)
def test_headers_in_thai_or_english(fy2566: Framework, header: list[str]) -> None:
    target_column = 0
    score_column = len(header) - 1
    row = [""] * len(header)
    row[target_column], row[score_column] = "i1", "92.5"
    preview = parse_score_rows([header, row], fy2566)
    assert preview.problems == ()
    assert scores(preview) == {"i1": Decimal("92.5")}


def test_titles_above_the_header_are_skipped(fy2566: Framework) -> None:
    rows = [
        ["ผลคะแนน ITA ปี 2566", "", ""],
        [],
        ["", "คะแนน", "ตัวชี้วัด"],
        ["", "75", "ตัวชี้วัดที่ 5"],
    ]
    preview = parse_score_rows(rows, fy2566, first_line=3)
    assert preview.problems == ()
    assert scores(preview) == {"5": Decimal("75")}
    assert preview.rows[0].line == 6


def test_two_columns_without_header(fy2566: Framework) -> None:
    rows = [["1", "86.92"], ["ตัวชี้วัดที่ 2", "75.5"], ["๐๑๑", "๑๐๐"], ["1.0", "86.92"]]
    preview = parse_score_rows(rows, fy2566)
    assert preview.problems == ()
    assert scores(preview) == {"1": Decimal("86.92"), "2": Decimal("75.5"), "O11": Decimal("100")}


def test_wrong_columns_are_one_clear_problem(fy2566: Framework) -> None:
    rows = [["ชื่อ", "ค่า", "อื่น ๆ"], ["การปฏิบัติหน้าที่", "86.92", ""], ["i1", "90", ""]]
    preview = parse_score_rows(rows, fy2566)
    assert preview.rows == ()
    (problem,) = preview.problems
    assert problem.line == 1
    assert "ตัวชี้วัดหรือรหัสข้อ,คะแนน" in problem.message_th
    assert "ชื่อ | ค่า | อื่น ๆ" in problem.message_th


def test_grid_cells_that_cannot_be_read(fy2566: Framework) -> None:
    rows = [
        ["ตัวชี้วัดหรือรหัสข้อ", "คะแนน"],
        ["1", "101"],
        ["2", "abc"],
        ["xyz", "50"],
        ["", "50"],
        ["11", "50"],
        ["1 การใช้อำนาจ", "50"],  # number and name disagree
        ["4", "-1"],
        ["5", "80.5%"],
    ]
    preview = parse_score_rows(rows, fy2566, line_th="แถวที่")
    assert scores(preview) == {"5": Decimal("80.5")}
    assert preview.line_th == "แถวที่"
    by_line = {problem.line: problem.message_th for problem in preview.problems}
    assert sorted(by_line) == [2, 3, 4, 5, 6, 7, 8]
    assert by_line[2].startswith("แถวที่ 2: ตัวชี้วัดที่ 1: 101") and "นอกช่วง" in by_line[2]
    assert "ไม่ใช่ตัวเลข" in by_line[3]
    assert "“xyz”" in by_line[4]
    assert "ว่าง" in by_line[5]
    assert "ตัวชี้วัดที่ 11" in by_line[6]
    assert "“1 การใช้อำนาจ”" in by_line[7]


def test_blocked_cells_are_problems_once_per_reason(fy2566: Framework) -> None:
    rows = [
        ["ชื่อตาราง", "", ""],
        ["ตัวชี้วัด", "คะแนน", "หมายเหตุ"],
        ["1", "", ""],
        ["", "", ""],
        ["2", "80", "ยาว"],
        ["3", "70", ""],
    ]
    merged_title = "เซลล์ที่ผสานกัน A1:C1"
    merged_score = "เซลล์ที่ผสานกัน B3:B4"
    blocked = {
        **{(1, column): merged_title for column in range(3)},
        (3, 1): merged_score,
        (4, 1): merged_score,
        (5, 2): "เซลล์ที่ผสานกัน C5:C6",  # a note column: harmless
        (6, 2): "เซลล์ที่ผสานกัน C5:C6",
    }
    preview = parse_score_rows(rows, fy2566, line_th="แถวที่", blocked=blocked)
    assert scores(preview) == {"2": Decimal("80"), "3": Decimal("70")}
    assert [problem.message_th for problem in preview.problems] == [f"แถวที่ 3: {merged_score}"]


def test_an_empty_grid(fy2566: Framework) -> None:
    preview = parse_score_rows([[], ["", " "]], fy2566)
    assert preview.rows == ()
    assert "ไม่มีข้อมูล" in preview.problems[0].message_th


def test_import_row_indicator_property() -> None:
    assert ImportRow(1, "", "10", Decimal(1)).indicator == 10
    assert ImportRow(1, "", "O11", Decimal(1)).indicator is None
