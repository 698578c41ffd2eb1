"""The database schema, as an append-only list of named migrations.

Rules for adding a step (never edit or reorder a released one): give it the next number and an
explicit ``name=`` (sqlite-utils would otherwise use the function name, and renaming a function
would then re-run the step); use one ``db.execute`` per statement — ``executescript`` commits
the migration's transaction halfway; keep it transactional so a failure leaves the file as it was.
``open_store`` backs the file up before the first pending step and then sets
``PRAGMA user_version`` to the number of steps applied.

Scores are integer hundredths (86.92 → 8692) so no float ever reaches the file; the CHECKs with
``typeof`` make SQLite refuse a REAL even if some code passed one by mistake.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

# "ITAD" in ASCII. Marks the file as ours so another program's SQLite file is not migrated.
APPLICATION_ID = 0x49544144

MIGRATIONS = Migrations("itadesk")


def _score_check(column: str, *, nullable: bool = False) -> str:
    check = f"(typeof({column}) = 'integer' AND {column} BETWEEN 0 AND 10000)"
    return f"CHECK ({column} IS NULL OR {check})" if nullable else f"CHECK {check}"


@MIGRATIONS(name="0001_initial")
def _m0001_initial(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE office (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'องค์การบริหารส่วนตำบล',
            district TEXT NOT NULL DEFAULT '',
            province TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            doc_prefix TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE units (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            position INTEGER NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            rank_prefix TEXT NOT NULL DEFAULT '',
            full_name TEXT NOT NULL,
            position TEXT NOT NULL,
            acting_position TEXT NOT NULL DEFAULT '',
            position_order INTEGER NOT NULL
        )
        """
    )
    db.execute(
        f"""
        CREATE TABLE assessments (
            fiscal_year INTEGER PRIMARY KEY,
            official_total_hundredths INTEGER NULL
                {_score_check("official_total_hundredths", nullable=True)},
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        f"""
        CREATE TABLE indicator_scores (
            fiscal_year INTEGER NOT NULL
                REFERENCES assessments (fiscal_year) ON DELETE CASCADE,
            indicator INTEGER NOT NULL CHECK (typeof(indicator) = 'integer' AND indicator >= 1),
            score_hundredths INTEGER NOT NULL {_score_check("score_hundredths")},
            PRIMARY KEY (fiscal_year, indicator)
        )
        """
    )


@MIGRATIONS(name="0002_items_frameworks_settings")
def _m0002_items_frameworks_settings(db: Database) -> None:
    db.execute(
        f"""
        CREATE TABLE item_scores (
            fiscal_year INTEGER NOT NULL
                REFERENCES assessments (fiscal_year) ON DELETE CASCADE,
            code TEXT NOT NULL CHECK (code <> ''),
            score_hundredths INTEGER NOT NULL {_score_check("score_hundredths")},
            PRIMARY KEY (fiscal_year, code)
        )
        """
    )
    # A framework the clerk edited, imported or created for a new year, as the same JSON
    # document the bundled files hold (validated by domain.frameworks when read back).
    db.execute(
        """
        CREATE TABLE frameworks (
            fiscal_year INTEGER PRIMARY KEY,
            definition TEXT NOT NULL CHECK (json_valid(definition)),
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL CHECK (json_valid(value))
        )
        """
    )


def migration_names(migrations: Migrations | None = None) -> list[str]:
    """Names of every step of ``migrations`` (default :data:`MIGRATIONS`), in order.

    Read through the public API (everything is pending on an empty in-memory database)."""
    migrations = MIGRATIONS if migrations is None else migrations
    empty = Database(memory=True, execute_plugins=False)
    try:
        return [migration.name for migration in migrations.pending(empty)]
    finally:
        empty.close()


SCHEMA_VERSION = len(migration_names())
