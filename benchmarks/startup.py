"""Time from process start to the main window shown, offscreen (median of several runs).

Usage: python benchmarks/startup.py [runs]   — target ≤ 1.5 s on a 2-core machine.
The app is started as a clerk would start it (python -m itadesk --db …) on the demo office;
it prints a marker once the window is shown and the event loop has run, then exits.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.sqlite3"
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            ITADESK_DATA_DIR=folder,
            PYTHAINLP_READ_ONLY="1",
        )
        subprocess.run(
            [sys.executable, "-m", "itadesk", "demo", "--db", str(db)],
            check=True,
            env=env,
            capture_output=True,
        )
        env["ITADESK_EXIT_WHEN_SHOWN"] = "1"
        timings = []
        for _ in range(runs + 1):  # the first run warms the OS file cache and is dropped
            start = time.perf_counter()
            process = subprocess.Popen(
                [sys.executable, "-m", "itadesk", "--db", str(db)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
                text=True,
            )
            assert process.stdout is not None
            for line in process.stdout:
                if "ITADESK_WINDOW_SHOWN" in line:
                    timings.append(time.perf_counter() - start)
                    break
            process.wait(timeout=60)
            if process.returncode != 0:
                raise SystemExit(process.stderr.read() if process.stderr else "failed")
        timings = timings[1:]
    print(
        f"startup to main window shown (offscreen, {runs} runs): "
        f"median {statistics.median(timings):.3f} s, min {min(timings):.3f} s, "
        f"max {max(timings):.3f} s"
    )


if __name__ == "__main__":
    main()
