"""The command line: plain Thai on stderr and exit code 2 for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from itadesk.app import main

TRAT_2564 = [
    "93.55",
    "87.72",
    "91.01",
    "87.93",
    "89.52",
    "90.55",
    "88.68",
    "88.58",
    "72.89",
    "65.56",
]


def test_score_prints_tools_total_rating_and_explanation(capsys) -> None:
    assert main(["score", "--fy", "2564", *TRAT_2564]) == 0
    out = capsys.readouterr().out
    assert "81.45" in out
    assert "ระดับผล   B" in out
    assert "IIT  89.95" in out


def test_score_json(capsys) -> None:
    thai = ["๙๖", "๙๖", "๙๖", "๙๖", "๙๖", "๙๔.๙๙", "๙๖", "๙๖", "๙๙", "๙๙"]
    assert main(["score", "--fy", "2568", *thai, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["rating"] == "ผ่านดีเยี่ยม"
    assert payload["tools"]["EIT"] == pytest.approx(95.66)
    assert payload["total"] == pytest.approx(97.10)


def test_score_json_names_the_tool_below_95(capsys) -> None:
    scores = ["99"] * 5 + ["94.99"] * 3 + ["99", "99"]
    assert main(["score", "--fy", "2567", *scores, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["total"] > 95
    assert payload["rating"] == "ผ่านดี"
    assert "EIT" in payload["explanation"] and "94.99" in payload["explanation"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["score", "--fy", "2568", *["90"] * 9], "ครบ 10"),
        (["score", "--fy", "2568", *["90"] * 9, "abc"], "ตัวชี้วัดที่ 10"),
        (["score", "--fy", "2568", "101", *["90"] * 9], "ตัวชี้วัดที่ 1"),
        (["score", "--fy", "2568", "90.123", *["90"] * 9], "ทศนิยม"),
        (["score", "--fy", "2599", *["90"] * 10], "2599"),
    ],
)
def test_score_bad_input_exits_2_with_a_thai_message(capsys, args, expected) -> None:
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert expected in captured.err


def test_usage_mistake_exits_2(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["score", *TRAT_2564])  # --fy missing
    assert caught.value.code == 2
    assert "คำสั่งไม่ถูกต้อง" in capsys.readouterr().err


def test_demo_creates_a_database_and_refuses_to_overwrite(tmp_path: Path, capsys) -> None:
    target = tmp_path / "demo.sqlite3"
    assert main(["demo", "--db", str(target)]) == 0
    size = target.stat().st_size
    assert size > 0
    assert main(["demo", "--db", str(target)]) == 2
    assert "มีไฟล์" in capsys.readouterr().err
    assert target.stat().st_size == size


def test_score_with_a_db_that_is_not_sqlite(tmp_path: Path, capsys) -> None:
    bogus = tmp_path / "scores.xlsx"
    bogus.write_bytes(b"PK\x03\x04 not a database")
    assert main(["--db", str(bogus), "score", "--fy", "2568", *["90"] * 10]) == 2
    assert "ไม่ใช่ฐานข้อมูล" in capsys.readouterr().err
    assert bogus.read_bytes() == b"PK\x03\x04 not a database"


def test_module_entry_point_runs_without_qt(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "itadesk", "score", "--fy", "2564", *TRAT_2564],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "81.45" in completed.stdout


def test_self_test_renders_and_builds_the_window(tmp_path: Path) -> None:
    import os

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ITADESK_DATA_DIR=str(tmp_path))
    completed = subprocess.run(
        [sys.executable, "-m", "itadesk", "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert completed.returncode == 0, completed.stderr
    assert "memo.pdf" in completed.stdout and "self-test: OK" in completed.stdout
    assert "self-test: user guide" in completed.stdout  # found, with every picture


@pytest.mark.parametrize("months", [6, 12])
@pytest.mark.parametrize("document", ["results", "results-memo"])
def test_render_results_documents_follow_the_round(
    tmp_path: Path, capsys, document: str, months: int
) -> None:
    """``--round 6`` used to be ignored and print the 12-month document."""
    import pypdfium2 as pdfium

    from itadesk.services import build_services
    from itadesk.services.demo import create_demo
    from itadesk.storage.database import open_store

    db = tmp_path / "office.sqlite3"
    with open_store(db) as store:
        services = build_services(store)
        create_demo(services)
        if not services.measures.measures(2569):
            for entry in services.measures.catalogue()[:2]:
                services.measures.add_from_catalogue(2569, entry.key)
    output = tmp_path / f"{document}-{months}.pdf"
    args = ["--db", str(db), "render", document, "--fy", "2569", "--round", str(months)]
    assert main([*args, "-o", str(output)]) == 0, capsys.readouterr().err
    pdf = pdfium.PdfDocument(str(output))
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    pdf.close()
    text = " ".join(text.split())
    thai_months = {6: "๖", 12: "๑๒"}[months]
    assert f"{thai_months} เดือน" in text
    other = {6: "๑๒", 12: "๖"}[months]
    assert f"รอบ {other} เดือน" not in text
    # The period: the 6-month round ends on 31 March, the 12-month round on 30 September.
    end = {6: "๓๑ มีนาคม ๒๕๖๙", 12: "๓๐ กันยายน ๒๕๖๙"}[months]
    assert end in text


@pytest.mark.parametrize("where", ["before", "after"])
def test_db_is_accepted_before_or_after_the_command(tmp_path: Path, where: str) -> None:
    """One shared parent parser: ``--db`` given before the subcommand is not overwritten."""
    from itadesk import cli

    db = tmp_path / "office.sqlite3"
    command = ["render", "memo", "--fy", "2568", "-o", "x.pdf"]
    argv = ["--db", str(db), *command] if where == "before" else [*command, "--db", str(db)]
    assert cli.database_path(cli.parse(argv)) == db.absolute()


def test_data_dir_decides_the_default_database(tmp_path: Path) -> None:
    from itadesk import cli

    args = cli.parse(["backup", "--data-dir", str(tmp_path / "ข้อมูล")])
    assert cli.database_path(args).parent == (tmp_path / "ข้อมูล").absolute()


def test_below_the_command_line_nothing_reads_argparse_or_prints() -> None:
    """Services (and the layers under them) take plain values and return results; only
    itadesk/cli.py talks to the terminal."""
    import ast

    root = Path(__file__).resolve().parents[1] / "itadesk"
    offenders = []
    for layer in ("services", "storage", "documents", "domain"):
        for path in (root / layer).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                    offenders.append(f"{path.name}:{node.lineno} print")
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    names = [node.module or ""]
                if "argparse" in names:
                    offenders.append(f"{path.name}:{node.lineno} argparse")
    assert offenders == []


def test_a_bundle_exported_from_the_command_line_counts_on_the_road(tmp_path: Path, capsys) -> None:
    """The start page's road shows a bundle exported by ``itadesk export`` as published, as
    it does for the window's; ``render`` stays read-only (tests/security check the data)."""
    from itadesk.domain.road import BUNDLE_KIND, ProducedHow
    from itadesk.services.session import OfficeSession

    db = tmp_path / "office.sqlite3"
    assert main(["demo", "--db", str(db)]) == 0
    memo = tmp_path / "memo.docx"
    assert main(["render", "memo", "--db", str(db), "--fy", "2568", "-o", str(memo)]) == 0
    bundle = tmp_path / "web.zip"
    assert main(["export", "--db", str(db), "--fy", "2568", "-o", str(bundle)]) == 0
    capsys.readouterr()
    with OfficeSession.open(db) as session:
        history = session.services.road.history(2568)
    made = {(entry.kind, entry.how, Path(entry.target)) for entry in history}
    assert (BUNDLE_KIND, ProducedHow.ZIP, bundle.absolute()) in made
    assert not any(Path(entry.target) == memo.absolute() for entry in history)
