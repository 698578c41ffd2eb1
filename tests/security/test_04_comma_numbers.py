"""#14.4: a comma in a score is never guessed. In a comma-separated file an unquoted 86,92 or
1,000 is reported on its line with the fix; a quoted "86,92" and a semicolon-separated file
with decimal commas (Excel in some locales) are read correctly."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from security_helpers import office_state

from itadesk.services.session import OfficeSession

HEADER = "ตัวชี้วัดหรือรหัสข้อ,คะแนน,หมายเหตุ (ไม่นำเข้า)\n"
FIX_TH = "ใส่เครื่องหมายคำพูดครอบ หรือใช้จุดทศนิยม"


def write(tmp_path: Path, text: str, name: str = "scores.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_comma_decimal_and_a_thousands_separator_are_refused_on_their_line(
    office: Path, tmp_path: Path, cli
) -> None:
    csv = write(tmp_path, HEADER + "1,86,92,การปฏิบัติหน้าที่\n9,1,000,การเปิดเผยข้อมูล\n")
    before = office_state(office)
    preview = cli("import", "--db", office, "--fy", "2568", csv)
    assert preview.code == 0
    assert "อ่านได้ 0 รายการ" in preview.out
    assert "บรรทัดที่ 2: คะแนน “86,92”" in preview.out and FIX_TH in preview.out
    assert "บรรทัดที่ 3: คะแนน “1,000”" in preview.out
    written = cli("import", "--db", office, "--fy", "2568", csv, "--yes")
    assert written.code == 2 and "ไม่มีคะแนนที่อ่านได้" in written.err
    assert office_state(office) == before  # 86.00 and 1.00 were never saved


def test_quoted_and_semicolon_decimal_commas_are_read(office: Path, tmp_path: Path, cli) -> None:
    quoted = write(tmp_path, HEADER + '1,"86,92",การปฏิบัติหน้าที่\n')
    assert cli("import", "--db", office, "--fy", "2568", quoted, "--yes").code == 0
    semicolons = write(tmp_path, "ตัวชี้วัดหรือรหัสข้อ;คะแนน\n2;91,5\n3;100\n", "excel-de.csv")
    assert cli("import", "--db", office, "--fy", "2568", semicolons, "--yes").code == 0
    with OfficeSession.open(office) as session:
        scores = session.services.scores.indicator_scores(2568)
    assert (scores[1], scores[2], scores[3]) == (Decimal("86.92"), Decimal("91.5"), Decimal(100))
