"""Tracking through the service: ticks, validation, evidence files, snapshots, reminders."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from itadesk.domain.tracking import TrackingState
from itadesk.errors import ValidationError
from itadesk.services.tracking import LARGE_FILE_BYTES, SnapshotExistsError

TODAY = date(2026, 1, 15)  # inside FY 2569


@pytest.fixture
def year_2569(scored_services):
    for entry in scored_services.measures.catalogue()[:3]:
        scored_services.measures.add_from_catalogue(2569, entry.key)
    return scored_services


def first_item(services):
    items = services.tracking.items(2569)
    measure = services.tracking.measures(2569)[0]
    return items[measure.id][0]


def test_tick_and_untick(year_2569) -> None:
    item = first_item(year_2569)
    done = year_2569.tracking.ticked(item, True, 2569, TODAY)
    assert done.state == TrackingState.DONE and done.done_date == TODAY
    year_2569.tracking.set_progress(done, 2569, TODAY)
    assert first_item(year_2569).state == TrackingState.DONE
    year_2569.tracking.set_progress(
        year_2569.tracking.ticked(done, False, 2569, TODAY), 2569, TODAY
    )
    assert first_item(year_2569).done_date is None


def test_ticking_after_the_year_ended_dates_it_on_the_last_day(year_2569) -> None:
    item = first_item(year_2569)
    done = year_2569.tracking.ticked(item, True, 2569, date(2026, 11, 3))
    assert done.done_date == date(2026, 9, 30)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"state": TrackingState.DONE, "done_date": date(2025, 9, 30)}, "ปีงบประมาณ"),
        ({"state": TrackingState.CANNOT, "reason": ""}, "เหตุ"),
    ],
)
def test_bad_progress_is_refused_and_nothing_changes(year_2569, change, expected) -> None:
    item = first_item(year_2569)
    with pytest.raises(ValidationError) as caught:
        year_2569.tracking.set_progress(replace(item, **change), 2569, TODAY)
    assert expected in caught.value.message
    assert first_item(year_2569) == item


def test_evidence_file_with_a_thai_name_is_copied_never_moved(year_2569, tmp_path: Path) -> None:
    source = tmp_path / "ภาพถ่าย กิจกรรม No Gift.pdf"
    source.write_bytes(b"%PDF-1.4 evidence")
    item = first_item(year_2569)
    evidence = year_2569.tracking.add_evidence_file(item, source, 2569)
    stored = year_2569.tracking.evidence_path(evidence)
    assert stored.read_bytes() == source.read_bytes()
    assert source.exists()
    # Stored under a generated name, the clerk's own name kept as the label.
    assert stored.suffix == ".pdf" and stored.name != source.name
    assert evidence.label == source.name
    again = year_2569.tracking.add_evidence_file(item, source, 2569)
    assert year_2569.tracking.evidence_path(again) != stored  # never overwritten
    year_2569.tracking.remove_evidence(evidence.id)
    assert stored.exists()  # hidden, not deleted: undo can bring it back
    year_2569.tracking.restore_evidence(evidence.id)
    assert any(e.id == evidence.id for e in first_item(year_2569).evidence)


def test_missing_and_huge_evidence(year_2569, tmp_path: Path, monkeypatch) -> None:
    with pytest.raises(ValidationError, match="ไม่พบไฟล์"):
        year_2569.tracking.check_evidence_file(tmp_path / "ไม่มี.pdf")
    big = tmp_path / "big.mp4"
    big.write_bytes(b"0")
    original_stat = Path.stat

    def fake_stat(self, *args, **kwargs):
        result = original_stat(self, *args, **kwargs)
        if self == big:
            import os

            values = list(result)
            values[6] = LARGE_FILE_BYTES + 1
            return os.stat_result(values)
        return result

    monkeypatch.setattr(Path, "stat", fake_stat)
    check = year_2569.tracking.check_evidence_file(big)
    assert check.warnings_th and "50 MB" in check.warnings_th[0]


def test_links_must_be_urls(year_2569) -> None:
    item = first_item(year_2569)
    with pytest.raises(ValidationError, match="ลิงก์"):
        year_2569.tracking.add_evidence_link(item, "ดูในแฟ้ม")
    link = year_2569.tracking.add_evidence_link(item, "https://www.example.go.th/ita/2569")
    assert link.value == "https://www.example.go.th/ita/2569"


def test_snapshot_is_frozen_and_retaking_asks(year_2569) -> None:
    item = first_item(year_2569)
    year_2569.tracking.set_progress(year_2569.tracking.ticked(item, True, 2569, TODAY), 2569, TODAY)
    snapshot = year_2569.tracking.take_snapshot(2569, 6, today=date(2026, 4, 2))
    year_2569.tracking.set_progress(
        year_2569.tracking.ticked(item, False, 2569, TODAY), 2569, TODAY
    )
    report, saved = year_2569.tracking.round_report(2569, 6)
    assert saved is not None and saved.id == snapshot.id
    first = report.measures[0].items[0]
    assert first.state == TrackingState.DONE  # the later untick does not rewrite the report
    with pytest.raises(SnapshotExistsError):
        year_2569.tracking.take_snapshot(2569, 6, today=date(2026, 4, 3))
    newer = year_2569.tracking.take_snapshot(2569, 6, today=date(2026, 4, 3), replace_existing=True)
    assert newer.id != snapshot.id
    assert len(year_2569.tracking.snapshots(2569)) == 2  # the first is kept


def test_reminders_and_oit_window(year_2569) -> None:
    reminders = year_2569.tracking.reminders(date(2026, 3, 10), 2569)
    kinds = {r.kind for r in reminders}
    assert "round" in kinds  # the 6-month round closes on 31 March
    assert year_2569.tracking.oit_window_is_estimate(2569)
    year_2569.tracking.set_oit_window(2569, (date(2026, 2, 1), date(2026, 3, 31)))
    assert year_2569.tracking.oit_window(2569) == (date(2026, 2, 1), date(2026, 3, 31))
    with pytest.raises(ValidationError):
        year_2569.tracking.set_oit_window(2569, (date(2026, 4, 1), date(2026, 3, 31)))


def test_ticking_with_the_clerks_date(year_2569) -> None:
    item = first_item(year_2569)
    done = year_2569.tracking.ticked(item, True, 2569, date(2026, 4, 10), done_on=date(2026, 3, 5))
    assert done.state == TrackingState.DONE and done.done_date == date(2026, 3, 5)
    year_2569.tracking.set_progress(done, 2569, date(2026, 4, 10))
    assert first_item(year_2569).done_date == date(2026, 3, 5)


@pytest.mark.parametrize(
    ("done_on", "expected"),
    [
        (date(2025, 9, 30), "ปีงบประมาณ 2569 (1 ต.ค. 2568 – 30 ก.ย. 2569)"),
        (date(2026, 4, 11), "ยังมาไม่ถึง"),
    ],
)
def test_a_tick_date_outside_the_year_or_in_the_future_is_refused(
    year_2569, done_on: date, expected: str
) -> None:
    item = first_item(year_2569)
    done = year_2569.tracking.ticked(item, True, 2569, date(2026, 4, 10), done_on=done_on)
    with pytest.raises(ValidationError) as caught:
        year_2569.tracking.set_progress(done, 2569, date(2026, 4, 10))
    assert expected in caught.value.message
    assert first_item(year_2569) == item


def test_a_tick_asks_for_the_date_until_the_six_month_round_is_saved(year_2569) -> None:
    april = date(2026, 4, 10)
    assert year_2569.tracking.round_missed_by_tick(2569, date(2026, 3, 31)) is None
    assert year_2569.tracking.round_missed_by_tick(2569, april).months == 6
    assert year_2569.tracking.saved_rounds(2569) == frozenset()
    year_2569.tracking.take_snapshot(2569, 6, today=april)
    assert year_2569.tracking.saved_rounds(2569) == {6}
    assert year_2569.tracking.round_missed_by_tick(2569, april) is None
    assert year_2569.tracking.round_missed_by_tick(2569, date(2026, 10, 2)).months == 12


def test_late_items_are_listed_before_the_round_is_saved(year_2569) -> None:
    april = date(2026, 4, 10)
    measure = year_2569.tracking.measures(2569)[0]
    first, second = year_2569.tracking.items(2569)[measure.id][:2]
    for item, day in ((first, date(2026, 3, 20)), (second, date(2026, 4, 2))):
        ticked = year_2569.tracking.ticked(item, True, 2569, april, done_on=day)
        year_2569.tracking.set_progress(ticked, 2569, april)
    late = year_2569.tracking.late_items(2569, 6)
    assert [(entry.measure.id, entry.item.id) for entry in late] == [(measure.id, second.id)]
    assert late[0].item.done_date == date(2026, 4, 2)
    assert year_2569.tracking.late_items(2569, 12) == []
    with pytest.raises(ValidationError, match="6 หรือ 12"):
        year_2569.tracking.late_items(2569, 3)
    # Listing is a query: nothing was saved.
    assert year_2569.tracking.latest_snapshot(2569, 6) is None
    snapshot = year_2569.tracking.take_snapshot(2569, 6, today=april)
    assert snapshot.content["measures"][0]["progress"]["done"] == 1
