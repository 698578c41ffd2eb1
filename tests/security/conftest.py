"""The hostile-input battery (issue #14) and the office file's place (issue #16): a demo office
copied per test, the office's state (every row, every attachment's hash) to prove nothing
changed, and the command line run in this process."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from security_helpers import EVIDENCE_BYTES

from itadesk.paths import attachments_dir


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo office with one evidence file attached, made once."""
    from itadesk.services.demo import create_demo
    from itadesk.services.session import OfficeSession

    folder = tmp_path_factory.mktemp("demo-office")
    db = folder / "office.sqlite3"
    source = folder / "นโยบาย No Gift.pdf"
    source.write_bytes(EVIDENCE_BYTES)
    with OfficeSession.open(db) as session:
        services = session.services
        create_demo(services)
        item = next(iter(services.tracking.items(2569).values()))[0]
        services.tracking.add_evidence_file(item, source, 2569)
    source.unlink()
    return db


@pytest.fixture
def office(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo office (database and attachments) for this test."""
    folder = tmp_path / "office"
    folder.mkdir()
    db = folder / demo_template.name
    shutil.copyfile(demo_template, db)
    shutil.copytree(attachments_dir(demo_template), attachments_dir(db))
    return db


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``itadesk <args>`` in this process; its exit code, stdout and stderr."""
    from itadesk.app import main

    def run(*args: object) -> CliResult:
        capsys.readouterr()
        code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def dialogs_shown(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Window tests: message boxes are recorded instead of shown (they would block)."""
    from itadesk.ui import dialogs

    shown: dict[str, list[str]] = {"error": [], "info": [], "question": []}
    monkeypatch.setattr(dialogs, "show_error", lambda p, t, m: shown["error"].append(m))
    monkeypatch.setattr(dialogs, "show_info", lambda p, t, m: shown["info"].append(m))
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda p, t, m: shown["question"].append(m) or True)
    return shown
