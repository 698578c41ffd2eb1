"""Logging: a rotating file in the clerk's data folder plus warnings on stderr."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE_NAME = "itadesk.log"


def init_logging(log_folder: Path, level: int = logging.INFO) -> Path:
    log_path = log_folder / LOG_FILE_NAME
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_itadesk", False):
            root.removeHandler(handler)
    file_handler = logging.handlers.RotatingFileHandler(
        log_path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    file_handler._itadesk = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    return log_path
