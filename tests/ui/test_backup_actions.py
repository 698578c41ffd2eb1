"""Backing up and restoring from the window's menu."""

from __future__ import annotations

from pathlib import Path

from itadesk.ui.workers import wait_for_tasks


def test_backup_now_and_restore(
    qtbot, make_window, db_path, tmp_path: Path, monkeypatch, no_modal_dialogs
) -> None:
    from itadesk.services.demo import create_demo
    from itadesk.services.session import OfficeSession
    from itadesk.ui import application, dialogs

    session = OfficeSession.open(db_path)
    services = session.services
    create_demo(services)
    window = make_window(session)
    folder = tmp_path / "usb"
    folder.mkdir()
    monkeypatch.setattr(dialogs, "choose_folder", lambda *args: folder)
    window._on_backup()
    qtbot.waitUntil(lambda: bool(no_modal_dialogs["info"]), timeout=30_000)
    backups = list(folder.glob("*.itadesk-backup.zip"))
    assert len(backups) == 1

    services.scores.set_indicator_score(2568, 1, "10")  # a change the restore must undo
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *args: backups[0])
    left = []
    monkeypatch.setattr(window, "leave_event_loop", lambda: left.append(True))
    window._on_restore()
    assert left == [True]
    assert window.pending_restore == backups[0]
    wait_for_tasks()
    message = application.restore_message(window.session, backups[0])
    assert "กู้คืนข้อมูล" in message
    restored = window.session.services
    assert restored is not services  # the session reopened the restored file
    assert str(restored.scores.indicator_scores(2568)[1]) == "96.20"
    assert list((db_path.parent / "backups").glob("*.itadesk-backup.zip"))  # old data kept
    session.close()


def test_restore_of_a_damaged_file_is_refused(
    qtbot, make_window, services, tmp_path: Path, monkeypatch, no_modal_dialogs
) -> None:
    from itadesk.ui import dialogs

    bogus = tmp_path / "broken.itadesk-backup.zip"
    bogus.write_bytes(b"PK\x03\x04 truncated")
    window = make_window(services)
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *args: bogus)
    window._on_restore()
    assert window.pending_restore is None
    assert no_modal_dialogs["error"] and "broken" in no_modal_dialogs["error"][0]


def test_the_daily_backup_at_start_is_made_in_the_chosen_folder(
    qtbot, make_window, demo_services, tmp_path: Path
) -> None:
    """What run_application does after showing the window: the folder chosen on the settings
    page is read on the database's thread, the copy is made in the background."""
    chosen = tmp_path / "backups-on-the-share"
    chosen.mkdir()
    demo_services.settings.set_backup_folder(chosen)
    window = make_window(demo_services)
    window.start_daily_backup()
    assert wait_for_tasks(60_000)
    qtbot.waitUntil(lambda: "สำรองข้อมูลประจำวันแล้ว" in window.statusBar().currentMessage())
    assert len(list(chosen.glob("*.itadesk-backup.zip"))) == 1
    window.start_daily_backup()  # the second start of the day makes none
    assert wait_for_tasks(60_000)
    assert len(list(chosen.glob("*.itadesk-backup.zip"))) == 1
