"""Starting the window on a file it must not use: the clerk is told why, in Thai, and the file
is left as it was."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from itadesk.app import main


def test_window_refuses_a_file_that_is_not_a_database(tmp_path: Path, no_modal_dialogs) -> None:
    bogus = tmp_path / "คะแนน ITA.docx"
    bogus.write_bytes(b"PK\x03\x04 word document")
    assert main(["--db", str(bogus)]) == 2
    assert "ไม่ใช่ฐานข้อมูล" in no_modal_dialogs["error"][0]
    assert bogus.read_bytes() == b"PK\x03\x04 word document"


def test_second_copy_on_the_same_file_is_told(tmp_path: Path, no_modal_dialogs) -> None:
    database = tmp_path / "office.sqlite3"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from pathlib import Path
            from itadesk.storage.database import open_store
            store = open_store(Path({str(database)!r}))
            print("open", flush=True)
            sys.stdin.readline()
            store.close()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        assert main(["--db", str(database)]) == 2
        assert "อีกหน้าต่างหนึ่ง" in no_modal_dialogs["error"][0]
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
