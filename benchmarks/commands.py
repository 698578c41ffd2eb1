"""Whole-process figures of the document commands, as a clerk's command line runs them
(Python's start-up, imports, fonts and the break dictionary included; prints figures, no
asserts on time).

* ``itadesk render memo`` and ``render report`` of the demo office (issue #13 targets:
  ≤ 0.45 s and ≤ 0.8 s);
* ``itadesk export`` of the demo office's web bundle (≤ 1.0 s), and of an office with 50
  measures whose 6- and 12-month rounds are saved (≤ 3 s), each in one process and with the
  render helper on a second core;
* ``itadesk --self-test``;

with the peak memory (maximum resident set) of each command's own process (target
≤ 200 MiB). Runs alternate between the commands so they all see the same machine load; the
figures are medians. Byte code must be allowed (unset ``PYTHONDONTWRITEBYTECODE``), as in an
installed program.

    python benchmarks/commands.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MEASURES = 50


def make_offices(folder: Path, env: dict[str, str]) -> tuple[Path, Path]:
    """The demo office, and a copy with 50 measures of 2569 and both rounds saved."""
    demo = folder / "demo.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "itadesk", "demo", "--db", str(demo)],
        check=True,
        env=env,
        capture_output=True,
    )
    big = folder / "big.sqlite3"
    shutil.copyfile(demo, big)
    from itadesk.services.session import OfficeSession

    with OfficeSession.open(big) as session:
        measures = session.services.measures
        catalogue = measures.catalogue()
        n = 0
        while len(measures.measures(2569)) < MEASURES:
            measures.add_from_catalogue(2569, catalogue[n % len(catalogue)].key)
            n += 1
        tracking = session.services.tracking
        for months in (6, 12):  # the demo saved the 6-month round before these measures
            tracking.take_snapshot(2569, months, replace_existing=True)
    return demo, big


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak MiB of the command's own process)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("note: PYTHONDONTWRITEBYTECODE is set; imports are slower than in an installation")
    itadesk = [sys.executable, "-m", "itadesk"]
    with tempfile.TemporaryDirectory(prefix="itadesk-bench-") as tmp:
        folder = Path(tmp)
        env = dict(os.environ, ITADESK_DATA_DIR=str(folder / "data"), QT_QPA_PLATFORM="offscreen")
        single = dict(env, ITADESK_RENDER_SINGLE_PROCESS="1")
        demo, big = make_offices(folder, env)
        out = folder / "out"
        out.mkdir()
        commands = {
            "render memo (demo)": (
                [*itadesk, "render", "memo", "--db", str(demo), "--fy", "2568"],
                env,
                "memo.pdf",
            ),
            "render report (demo)": (
                [*itadesk, "render", "report", "--db", str(demo), "--fy", "2568"],
                env,
                "report.pdf",
            ),
            "export demo, one process": (
                [*itadesk, "export", "--db", str(demo), "--fy", "2568"],
                single,
                "demo-1.zip",
            ),
            "export demo, with helper": (
                [*itadesk, "export", "--db", str(demo), "--fy", "2568"],
                env,
                "demo-2.zip",
            ),
            f"export {MEASURES} measures, one process": (
                [*itadesk, "export", "--db", str(big), "--fy", "2568"],
                single,
                "big-1.zip",
            ),
            f"export {MEASURES} measures, with helper": (
                [*itadesk, "export", "--db", str(big), "--fy", "2568"],
                env,
                "big-2.zip",
            ),
            "self-test": ([*itadesk, "--self-test"], env, None),
        }
        timings: dict[str, list[float]] = {name: [] for name in commands}
        memory: dict[str, float] = dict.fromkeys(commands, 0.0)
        for run_number in range(args.runs + 1):  # the first round warms the file cache
            for name, (command, command_env, output) in commands.items():
                full = command + (["-o", str(out / output)] if output else [])
                if output:
                    (out / output).unlink(missing_ok=True)
                seconds, peak = run(full, command_env)
                if run_number:  # the first round also builds the word-list cache
                    timings[name].append(seconds)
                    memory[name] = max(memory[name], peak)
    print(f"whole processes, median of {args.runs} runs (min–max), peak memory:")
    for name, values in timings.items():
        print(
            f"  {name:34s} {statistics.median(values):5.2f} s "
            f"({min(values):.2f}–{max(values):.2f})  {memory[name]:5.0f} MiB"
        )


if __name__ == "__main__":
    main()
