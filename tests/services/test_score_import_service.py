"""Reading score files, writing an import all or nothing, the template and ``itadesk import``."""

from __future__ import annotations

import codecs
import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from itadesk.domain.frameworks import Framework
from itadesk.domain.score_import import ImportPreview, ImportRow, parse_score_rows
from itadesk.errors import UserError, ValidationError
from itadesk.services.score_import import (
    apply_import,
    changes,
    read_import_file,
    save_template,
    template_path,
)

HEADER = "ตัวชี้วัดหรือรหัสข้อ,คะแนน,หมายเหตุ\r\n"
BODY = "1,86.92,การปฏิบัติหน้าที่\r\n2,,การใช้งบประมาณ\r\n๓,๘๘.๑๐,การใช้อำนาจ\r\n"


@pytest.fixture
def fy2566(services) -> Framework:
    return services.frameworks.get(2566)


@pytest.fixture
def fy2568(services) -> Framework:
    return services.frameworks.get(2568)


def scores(preview: ImportPreview) -> dict[str, Decimal]:
    return {row.target: row.value for row in preview.rows}


# --------------------------------------------------------------------------- CSV


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", codecs.BOM_UTF8),  # "CSV UTF-8" from Excel
        ("utf-8", b""),
        ("cp874", b""),  # "CSV (Comma delimited)" from Thai Excel
        ("utf-16-le", codecs.BOM_UTF16_LE),  # "Unicode Text"
    ],
)
def test_csv_encodings(tmp_path: Path, fy2568: Framework, encoding: str, prefix: bytes) -> None:
    path = tmp_path / "scores.csv"
    path.write_bytes(prefix + (HEADER + BODY).encode(encoding))
    preview = read_import_file(path, fy2568)
    assert preview.problems == ()
    assert scores(preview) == {"1": Decimal("86.92"), "3": Decimal("88.10")}
    assert preview.rows[0].line == 2
    assert preview.line_th == "บรรทัดที่"


def test_tis620_bytes_decode_to_thai(tmp_path: Path, fy2568: Framework) -> None:
    """The header must come back as Thai, or the file would fail as "wrong columns"."""
    path = tmp_path / "excel-thai.csv"
    path.write_bytes("ตัวชี้วัด,คะแนน\r\nตัวชี้วัดที่ ๑,๙๐\r\n".encode("tis-620"))
    assert scores(read_import_file(path, fy2568)) == {"1": Decimal("90")}


def test_tab_and_semicolon_separated(tmp_path: Path, fy2568: Framework) -> None:
    tab = tmp_path / "tab.csv"
    tab.write_text("ตัวชี้วัด\tคะแนน\n1\t80\n", encoding="utf-8")
    semicolon = tmp_path / "semicolon.csv"
    semicolon.write_text("indicator;score\n2;70.5\n", encoding="utf-8")
    assert scores(read_import_file(tab, fy2568)) == {"1": Decimal("80")}
    assert scores(read_import_file(semicolon, fy2568)) == {"2": Decimal("70.5")}


def test_csv_with_wrong_columns(tmp_path: Path, fy2568: Framework) -> None:
    path = tmp_path / "other.csv"
    path.write_text("ชื่อ,นามสกุล,โทรศัพท์\r\nสมชาย,ใจดี,0812345678\r\n", encoding="utf-8-sig")
    preview = read_import_file(path, fy2568)
    assert preview.rows == ()
    (problem,) = preview.problems
    assert problem.message_th.startswith("บรรทัดที่ 1: ไม่พบหัวคอลัมน์")
    assert "ตัวชี้วัดหรือรหัสข้อ,คะแนน" in problem.message_th


def test_csv_scores_out_of_range_are_listed_and_the_rest_read(
    tmp_path: Path, fy2568: Framework
) -> None:
    path = tmp_path / "scores.csv"
    path.write_text(HEADER + "1,101,\r\n2,-5,\r\n3,86.925,\r\n4,90,\r\n", encoding="utf-8-sig")
    preview = read_import_file(path, fy2568)
    assert scores(preview) == {"4": Decimal("90")}
    assert [problem.line for problem in preview.problems] == [2, 3, 4]
    assert "ตัวชี้วัดที่ 1: 101 อยู่นอกช่วง" in preview.problems[0].message_th
    assert "ตัวชี้วัดที่ 2" in preview.problems[1].message_th
    assert "ทศนิยม" in preview.problems[2].message_th


# --------------------------------------------------------------------------- XLSX


def test_xlsx_good_file(tmp_path: Path, fy2566: Framework) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "คะแนน"
    sheet.append(["ผลคะแนน ITA ปีงบประมาณ 2566"])
    sheet.merge_cells("A1:C1")  # a title above the table: harmless
    sheet.append(["ตัวชี้วัดหรือรหัสข้อ", "คะแนน", "หมายเหตุ"])
    sheet.append([1, 86.92, "การปฏิบัติหน้าที่"])
    sheet.append([2, 0.755, ""])
    sheet["B4"].number_format = "0.00%"  # shown as 75.50%
    sheet.append(["O11", 100])
    sheet.append(["i๑", "๙๒.๕๒"])
    sheet.append([3, None, "ยังไม่กรอก"])
    workbook.create_sheet("อื่น").append(["ตัวชี้วัด", "คะแนน"])
    path = tmp_path / "scores.xlsx"
    workbook.save(path)

    preview = read_import_file(path, fy2566)
    assert preview.problems == ()
    assert scores(preview) == {
        "1": Decimal("86.92"),
        "2": Decimal("75.5"),
        "i1": Decimal("92.52"),
        "O11": Decimal("100"),
    }
    assert preview.line_th == "แถวที่"
    assert preview.where_th(preview.rows[0]) == "แถวที่ 3"


def test_xlsx_merged_cells_are_named_not_guessed(tmp_path: Path, fy2566: Framework) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ตัวชี้วัด", "คะแนน"])
    sheet.append([1, 80])
    sheet.append([2, 70])
    sheet.merge_cells("A3:B3")
    sheet.append([4, 60])
    sheet["B5"] = "=B4+1"  # saved by openpyxl: a formula with no computed value
    sheet["A5"] = 5
    path = tmp_path / "merged.xlsx"
    workbook.save(path)

    preview = read_import_file(path, fy2566)
    assert scores(preview) == {"1": Decimal("80"), "4": Decimal("60")}
    messages = {problem.line: problem.message_th for problem in preview.problems}
    assert messages[3].startswith("แถวที่ 3: เซลล์ที่ผสานกัน A3:B3")
    assert "เซลล์ B5" in messages[5] and "สูตร" in messages[5]


def test_text_file_renamed_xlsx_is_a_user_error(tmp_path: Path, fy2566: Framework) -> None:
    path = tmp_path / "scores.xlsx"
    path.write_text("ตัวชี้วัด,คะแนน\n1,80\n", encoding="utf-8")
    with pytest.raises(UserError, match="ไม่ใช่ไฟล์ Excel"):
        read_import_file(path, fy2566)


def test_damaged_xlsx_is_a_user_error(tmp_path: Path, fy2566: Framework) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(UserError, match="เสียหาย"):
        read_import_file(path, fy2566)


def test_xlsx_saved_with_a_csv_name_is_read_as_xlsx(tmp_path: Path, fy2566: Framework) -> None:
    workbook = Workbook()
    workbook.active.append(["code", "score"])
    workbook.active.append(["e5", 81.25])
    path = tmp_path / "really-excel.csv"
    workbook.save(path)
    assert scores(read_import_file(path, fy2566)) == {"e5": Decimal("81.25")}


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("scores.txt", b"1,80", "ไม่ใช่ไฟล์ CSV หรือ Excel"),
        ("scores.pdf", b"%PDF-1.7", "ไม่ใช่ไฟล์ CSV หรือ Excel"),
        ("empty.csv", b"", "ว่าง"),
        ("bom-only.csv", codecs.BOM_UTF8 + b"\r\n", "ว่าง"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "รุ่นเก่า"),
        ("old-named.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "รุ่นเก่า"),
        ("binary.csv", b"\x01\x00\x02\x00abc", "ไม่ใช่ไฟล์ข้อความ"),
    ],
)
def test_files_that_cannot_be_read(
    tmp_path: Path, fy2566: Framework, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError, match=expected):
        read_import_file(path, fy2566)


def test_missing_and_locked_files(
    tmp_path: Path, fy2566: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(UserError, match="ไม่พบไฟล์"):
        read_import_file(tmp_path / "nowhere.csv", fy2566)
    path = tmp_path / "locked.csv"
    path.write_text(HEADER + BODY, encoding="utf-8")

    def locked(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", locked)
    with pytest.raises(UserError, match="ล็อก"):
        read_import_file(path, fy2566)


# --------------------------------------------------------------------------- writing


def preview_of(*rows: tuple[str, str]) -> ImportPreview:
    return ImportPreview(
        tuple(
            ImportRow(line, f"{target} {value}", target, Decimal(value))
            for line, (target, value) in enumerate(rows, start=1)
        ),
        (),
    )


def test_apply_import_writes_indicators_and_items(services) -> None:
    services.scores.set_indicator_scores(2566, {1: Decimal("50")})
    apply_import(services, 2566, preview_of(("1", "86.92"), ("2", "75"), ("O11", "100")))
    assert services.scores.indicator_scores(2566) == {1: Decimal("86.92"), 2: Decimal("75")}
    assert services.scores.item_scores(2566) == {"O11": Decimal("100")}


def test_one_bad_item_value_writes_nothing(services) -> None:
    services.scores.set_indicator_scores(2566, {1: Decimal("50")})
    services.scores.set_item_scores(2566, {"i1": Decimal("40")})
    bad = preview_of(("1", "86.92"), ("2", "75"), ("i1", "90"), ("i2", "101"))
    with pytest.raises(ValidationError, match="ข้อ i2"):
        apply_import(services, 2566, bad)
    assert services.scores.indicator_scores(2566) == {1: Decimal("50")}
    assert services.scores.item_scores(2566) == {"i1": Decimal("40")}


def test_an_item_the_year_does_not_have_writes_nothing(services) -> None:
    with pytest.raises(ValidationError, match="O11"):
        apply_import(services, 2568, preview_of(("1", "86.92"), ("O11", "100")))
    assert services.scores.indicator_scores(2568) == {}


def test_apply_import_without_rows_is_a_user_error(services) -> None:
    with pytest.raises(UserError, match="ไม่มีคะแนน"):
        apply_import(services, 2568, ImportPreview((), ()))


def test_changes_carry_the_old_scores(services) -> None:
    services.scores.set_indicator_scores(2566, {1: Decimal("86.92"), 2: Decimal("70")})
    found = changes(services, 2566, preview_of(("1", "86.92"), ("2", "75"), ("O1", "100")))
    assert [(c.row.target, c.old, c.changed) for c in found] == [
        ("1", Decimal("86.92"), False),
        ("2", Decimal("70"), True),
        ("O1", None, True),
    ]


# --------------------------------------------------------------------------- template


def test_template_is_utf8_with_bom_and_lists_the_ten_indicators(services) -> None:
    data = template_path().read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:2] == ["ตัวชี้วัดหรือรหัสข้อ", "คะแนน"]
    latest = services.frameworks.get(services.frameworks.catalog.latest_year())
    assert [(row[0], row[2]) for row in rows[1:]] == [
        (str(indicator.number), indicator.name_th) for indicator in latest.indicators
    ]
    # The blank template reads cleanly: no rows, no problems.
    assert parse_score_rows(rows, latest) == ImportPreview((), ())


def test_filled_template_imports(tmp_path: Path, services) -> None:
    target = save_template(tmp_path / "mine.csv")
    assert target.read_bytes() == template_path().read_bytes()
    text = target.read_text(encoding="utf-8-sig").replace("1,,", "1,86.92,")
    target.write_text(text, encoding="utf-8-sig")
    assert scores(read_import_file(target, services.frameworks.get(2568))) == {
        "1": Decimal("86.92")
    }


def test_save_template_into_a_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="บันทึกไฟล์ตัวอย่าง"):
        save_template(tmp_path / "no-such-folder" / "template.csv")


# --------------------------------------------------------------------------- command line


@pytest.fixture
def cli_db(tmp_path: Path) -> Path:
    from itadesk.services import build_services
    from itadesk.storage.database import open_store

    path = tmp_path / "cli.sqlite3"
    with open_store(path) as store:
        build_services(store).scores.set_indicator_scores(2568, {1: Decimal("50")})
    return path


def read_scores(path: Path) -> dict[int, Decimal]:
    from itadesk.services import build_services
    from itadesk.storage.database import open_store

    with open_store(path) as store:
        return build_services(store).scores.indicator_scores(2568)


def cmd_import(db: Path, file: Path, yes: bool) -> int:
    """``itadesk import --db DB --fy 2568 FILE [--yes]`` (raises UserError like cli.run)."""
    from itadesk import cli

    argv = ["import", "--db", str(db), "--fy", "2568", str(file)] + (["--yes"] if yes else [])
    return cli.run(cli.parse(argv))


def test_cli_preview_without_yes_writes_nothing(tmp_path: Path, cli_db: Path, capsys) -> None:
    file = tmp_path / "scores.csv"
    file.write_text(HEADER + "1,86.92,\r\n2,75,\r\nO11,100,\r\n", encoding="utf-8-sig")
    assert cmd_import(cli_db, file, yes=False) == 0
    out = capsys.readouterr().out
    assert "บรรทัดที่ 2  ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่  86.92  (เดิม 50.00)" in out
    assert "ตัวชี้วัดที่ 2 การใช้งบประมาณ  75.00  (เดิม ยังไม่มี)" in out
    assert "บรรทัดที่ 4: " in out and "O11" in out
    assert "ยังไม่ได้บันทึก" in out and "--yes" in out
    assert read_scores(cli_db) == {1: Decimal("50")}


def test_cli_with_yes_writes(tmp_path: Path, cli_db: Path, capsys) -> None:
    file = tmp_path / "scores.csv"
    file.write_text(HEADER + "1,86.92,\r\n2,75,\r\n", encoding="utf-8-sig")
    assert cmd_import(cli_db, file, yes=True) == 0
    assert "บันทึกคะแนน 2 รายการ" in capsys.readouterr().out
    assert read_scores(cli_db) == {1: Decimal("86.92"), 2: Decimal("75")}


def test_cli_errors_are_user_errors(tmp_path: Path, cli_db: Path) -> None:
    with pytest.raises(UserError, match="ไม่พบไฟล์"):
        cmd_import(cli_db, tmp_path / "missing.csv", yes=True)
    file = tmp_path / "scores.csv"
    file.write_text(HEADER + "O11,100,\r\n", encoding="utf-8-sig")
    with pytest.raises(UserError, match="ไม่มีคะแนนที่อ่านได้"):
        cmd_import(cli_db, file, yes=True)
    with pytest.raises(UserError, match="ไม่พบไฟล์ฐานข้อมูล"):
        cmd_import(tmp_path / "no.sqlite3", file, yes=False)
    assert read_scores(cli_db) == {1: Decimal("50")}
