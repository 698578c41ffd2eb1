"""The web bundle's documents rendered on two cores (services/export/parallel.py): the same
files as in one process, the helper really takes work, and a helper that dies or a document
that fails never loses a file or hides the error."""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from itadesk.documents.context import bundled_context
from itadesk.services.export import export_bundle, prepare_bundle
from itadesk.services.export.parallel import (
    SINGLE_PROCESS_ENV,
    RenderHelper,
    helper_worthwhile,
    render_documents,
)


@dataclass(frozen=True)
class _FakeJob:
    """A picklable stand-in for a DocumentJob: writes its text, or misbehaves in the helper."""

    data: str
    in_helper: str = "write"  # "write" | "die" | "fail"
    parent: int = field(default_factory=os.getpid)  # the test's process, pickled along

    def __call__(self, output: Path) -> None:
        here = os.getpid() == self.parent
        if not here and self.in_helper == "die":
            os._exit(3)
        if not here and self.in_helper == "fail":
            raise OSError(28, "No space left on device")
        output.write_text(f"{self.data} by {'main' if here else 'helper'}")


@pytest.fixture
def helper():
    started = RenderHelper(bundled_context())
    started.warm.result(timeout=120)
    yield started
    started.close()


def _bundle_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the helper needs a second core")
def test_a_bundle_rendered_with_the_helper_is_byte_for_byte_the_one_made_in_one_process(
    demo_services, tmp_path, monkeypatch
) -> None:
    job = prepare_bundle(demo_services, 2568, tmp_path / "two", invariant=True)
    assert job.helper is not None  # the demo has the report and a saved results round
    job.run()
    monkeypatch.setenv(SINGLE_PROCESS_ENV, "1")
    single = prepare_bundle(demo_services, 2568, tmp_path / "one", invariant=True)
    assert single.helper is None
    single.run()
    two, one = _bundle_files(tmp_path / "two"), _bundle_files(tmp_path / "one")
    assert sorted(two) == sorted(one)
    assert sum(name.endswith(".pdf") for name in two) == 5
    for name in one:
        assert two[name] == one[name], name


def test_a_helper_is_started_only_for_two_heavy_documents_on_two_cores(monkeypatch) -> None:
    monkeypatch.delenv(SINGLE_PROCESS_ENV, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert helper_worthwhile(2)
    assert not helper_worthwhile(1)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert not helper_worthwhile(4)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    monkeypatch.setenv(SINGLE_PROCESS_ENV, "1")
    assert not helper_worthwhile(4)


def test_a_bundle_without_a_saved_round_renders_in_one_process(scored_services, tmp_path) -> None:
    measures = scored_services.measures
    measures.add_from_catalogue(2569, measures.catalogue()[0].key)
    job = prepare_bundle(scored_services, 2568, tmp_path / "web")
    assert job.helper is None
    job.run()
    assert (tmp_path / "web" / "manifest.json").is_file()


def test_the_helper_takes_documents_and_every_file_is_written(helper, tmp_path) -> None:
    jobs = [(_FakeJob("x" * (100 - n)), tmp_path / f"{n}.txt") for n in range(6)]
    ticks: list[int] = []
    by_helper = render_documents(jobs, helper, lambda: ticks.append(1))
    texts = [out.read_text() for _job, out in jobs]
    assert len(ticks) == 6
    assert by_helper == sum(text.endswith("by helper") for text in texts) >= 1
    assert sum(text.endswith("by main") for text in texts) >= 1
    # each document's own text, whoever wrote it
    assert [text.split(" by ")[0] for text in texts] == [job.data for job, _out in jobs]


def test_what_a_dying_helper_held_is_rendered_here(helper, tmp_path) -> None:
    jobs = [(_FakeJob(str(n) * 50, in_helper="die"), tmp_path / f"{n}.txt") for n in range(4)]
    assert render_documents(jobs, helper) == 0
    assert all(out.read_text().endswith("by main") for _job, out in jobs)


def test_a_document_failing_in_the_helper_raises_here(helper, tmp_path) -> None:
    jobs = [(_FakeJob(str(n) * 50, in_helper="fail"), tmp_path / f"{n}.txt") for n in range(4)]
    with pytest.raises(OSError) as raised:
        render_documents(jobs, helper)
    assert raised.value.errno == 28


def test_a_prepared_document_pickles_and_renders_the_same_in_another_process(
    demo_services, tmp_path, helper
) -> None:
    prepared = demo_services.documents.prepare("memo", 2568, invariant=True)
    copy = pickle.loads(pickle.dumps(prepared.job))
    assert copy == prepared.job
    helper.submit(prepared.job, tmp_path / "there.pdf").result(timeout=120)
    prepared.job(tmp_path / "here.pdf")
    assert (tmp_path / "there.pdf").read_bytes() == (tmp_path / "here.pdf").read_bytes()


def test_an_export_the_clerk_stops_leaves_no_helper_running(demo_services, tmp_path) -> None:
    job = prepare_bundle(demo_services, 2568, tmp_path / "web")
    helper = job.helper

    def stop(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        job.run(stop)
    assert job.helper is None
    if helper is not None:
        with pytest.raises(RuntimeError):  # shut down: takes no more work
            helper.submit(_FakeJob("late"), tmp_path / "late.txt")
    assert not (tmp_path / "web").exists()
    export_bundle(demo_services, 2568, tmp_path / "web")  # and the next export works
    assert (tmp_path / "web" / "manifest.json").is_file()


_ORPHAN_SCRIPT = """
import sys
from itadesk.documents.context import bundled_context
from itadesk.services.export.parallel import RenderHelper

helper = RenderHelper(bundled_context())
print(helper.warm.result(timeout=120), flush=True)
sys.stdin.read()  # until killed
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with contextlib.suppress(OSError):  # a zombie is gone for our purpose
        status = Path(f"/proc/{pid}/status").read_text()
        if "\\nState:\\tZ" in status:
            return False
    return True


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_helper_leaves_when_the_program_is_killed_mid_export(tmp_path) -> None:
    """Task Manager or a crash mid-export: the helper must not wait for work forever."""
    program = subprocess.Popen(
        [sys.executable, "-c", _ORPHAN_SCRIPT],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert program.stdout is not None
    helper_pid = int(program.stdout.readline())
    assert _alive(helper_pid)
    program.kill()
    program.wait(timeout=30)
    deadline = time.monotonic() + 30
    while _alive(helper_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = _alive(helper_pid)
    if alive:
        os.kill(helper_pid, signal.SIGKILL)
    assert not alive
