"""Where things live: bundled resources (source tree, installed wheel or PyInstaller bundle)
and the clerk's own data (platformdirs, overridable by --data-dir / ITADESK_DATA_DIR)."""

from __future__ import annotations

import importlib.util
import os
import sys
from functools import cache
from pathlib import Path

APP_NAME = "ITADesk"
DATABASE_FILE_NAME = "itadesk.sqlite3"
DATA_DIR_ENV = "ITADESK_DATA_DIR"


@cache
def resources_dir() -> Path:
    """The folder holding ``fonts/``, ``ui/`` and ``frameworks/``."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    source_tree = Path(__file__).resolve().parent.parent / "resources"
    if (source_tree / "frameworks").is_dir():
        return source_tree
    spec = importlib.util.find_spec("itadesk._resources")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    raise RuntimeError("ITADesk resources folder not found; the installation is incomplete")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def fonts_dir() -> Path:
    return resource_path("fonts")


def ui_dir() -> Path:
    return resource_path("ui")


def frameworks_dir() -> Path:
    return resource_path("frameworks")


def user_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The clerk's data folder; created on first use."""
    if override is None:
        override = os.environ.get(DATA_DIR_ENV) or None
    if override is not None:
        folder = Path(override)
    else:
        import platformdirs

        folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_database_path(data_dir: str | os.PathLike[str] | None = None) -> Path:
    return user_data_dir(data_dir) / DATABASE_FILE_NAME


def log_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    folder = user_data_dir(data_dir) / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def attachments_dir(database_path: Path) -> Path:
    """Evidence files of an office live beside its database, so copying the database folder
    (or a backup) keeps them together."""
    return database_path.parent / f"{database_path.stem}-attachments"


def backups_dir(database_path: Path) -> Path:
    return database_path.parent / "backups"
