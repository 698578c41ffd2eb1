"""The web bundle: one action turns a year's work into a folder or ZIP ready to upload to the
office website (index.html, the PDFs per OIT item, open data as JSON and CSV, manifest.json).

The package, by job:

* :mod:`.plan` — what goes in the bundle and where (:func:`prepare_bundle` reads the database
  and returns a :class:`BundleJob`; :func:`export_bundle` prepares and runs);
* :mod:`.open_data` — data.json and the CSV files, one record builder feeding both;
* :mod:`.publish` — the staged, all-or-nothing write (through ``itadesk.fileio``), the lock,
  the target checks.

``itadesk export`` itself is in ``itadesk/cli.py``.

Two phases, because the database belongs to the thread that opened it: prepare on that thread,
``BundleJob.run(progress)`` anywhere. The schema of data.json, the CSV files and manifest.json
is in docs/bundle-schema.md.
"""

from __future__ import annotations

from itadesk.services.export.open_data import DATA_FORMAT, GENERATOR, bundle_data, dump_json
from itadesk.services.export.plan import (
    DATA_JSON,
    EXTRA_SUFFIXES,
    FOLDER_KINDS,
    INDEX,
    KIND_MEASURES,
    KIND_RESULTS,
    BundleFile,
    BundleFolder,
    BundleJob,
    export_bundle,
    prepare_bundle,
)
from itadesk.services.export.publish import BUNDLE_FORMAT, MANIFEST

__all__ = [
    "BUNDLE_FORMAT",
    "DATA_FORMAT",
    "DATA_JSON",
    "EXTRA_SUFFIXES",
    "FOLDER_KINDS",
    "GENERATOR",
    "INDEX",
    "KIND_MEASURES",
    "KIND_RESULTS",
    "MANIFEST",
    "BundleFile",
    "BundleFolder",
    "BundleJob",
    "bundle_data",
    "dump_json",
    "export_bundle",
    "prepare_bundle",
]
