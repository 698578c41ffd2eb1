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


def _json_check(column: str, json_type: str) -> str:
    # Used by a released step: changing it would change that step's schema. Add a new helper.
    return f"CHECK (json_valid({column}) AND json_type({column}) = '{json_type}')"


@MIGRATIONS(name="0003_analysis_measures_memos")
def _m0003_analysis_measures_memos(db: Database) -> None:
    # indicator 0 holds the summary (SectionKey.indicator None): NULL cannot be part of a
    # primary key that is meant to be unique, so the summary gets a number no indicator uses.
    db.execute(
        """
        CREATE TABLE analysis_sections (
            fiscal_year INTEGER NOT NULL,
            indicator INTEGER NOT NULL CHECK (typeof(indicator) = 'integer' AND indicator >= 0),
            field TEXT NOT NULL CHECK (field <> ''),
            text TEXT NOT NULL,
            drafted_text TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (fiscal_year, indicator, field)
        )
        """
    )
    # AUTOINCREMENT: ids are never reused, so undo can put a deleted measure (and its steps)
    # back under its original ids, and a later row pointing at an old id can never meet a
    # different measure wearing it.
    db.execute(
        f"""
        CREATE TABLE measures (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            plan_year INTEGER NOT NULL CHECK (typeof(plan_year) = 'integer'),
            position INTEGER NOT NULL CHECK (typeof(position) = 'integer' AND position >= 0),
            title TEXT NOT NULL,
            indicators TEXT NOT NULL DEFAULT '[]' {_json_check("indicators", "array")},
            themes TEXT NOT NULL DEFAULT '[]' {_json_check("themes", "array")},
            oit_items TEXT NOT NULL DEFAULT '[]' {_json_check("oit_items", "array")},
            rationale TEXT NOT NULL DEFAULT '',
            timeline TEXT NOT NULL DEFAULT '{{}}' {_json_check("timeline", "object")},
            unit TEXT NOT NULL DEFAULT '',
            follow_up TEXT NOT NULL DEFAULT '',
            reporting TEXT NOT NULL DEFAULT '',
            catalogue_key TEXT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX measures_plan_year_position ON measures (plan_year, position)")
    # Steps have rows of their own because progress tracking ticks each one off during the
    # year; the repository keeps their ids across edits so tracking rows can refer to them.
    db.execute(
        """
        CREATE TABLE measure_steps (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            measure_id INTEGER NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (typeof(position) = 'integer' AND position >= 0),
            text TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX measure_steps_measure ON measure_steps (measure_id, position)")
    db.execute(
        """
        CREATE TABLE comment_chain (
            id INTEGER PRIMARY KEY,
            position INTEGER NOT NULL CHECK (typeof(position) = 'integer' AND position >= 0),
            heading TEXT NOT NULL,
            person_id INTEGER NULL REFERENCES people (id) ON DELETE SET NULL,
            comment TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute(
        f"""
        CREATE TABLE memos (
            fiscal_year INTEGER NOT NULL CHECK (typeof(fiscal_year) = 'integer'),
            kind TEXT NOT NULL CHECK (kind IN ('analysis', 'results', 'publish')),
            running_number TEXT NOT NULL DEFAULT '',
            -- '+0 days' makes SQLite normalise 2025-02-30 to 2025-03-02, so the CHECK sees
            -- a day that does not exist (plain date() lets any day up to 31 through).
            memo_date TEXT NULL
                CHECK (memo_date IS NULL OR date(memo_date, '+0 days') IS memo_date),
            signer_person_id INTEGER NULL REFERENCES people (id) ON DELETE SET NULL,
            subject TEXT NOT NULL DEFAULT '',
            salutation TEXT NOT NULL DEFAULT '',
            paragraphs TEXT NOT NULL DEFAULT '[]' {_json_check("paragraphs", "array")},
            updated_at TEXT NOT NULL,
            PRIMARY KEY (fiscal_year, kind)
        )
        """
    )
    # Indexes on the referencing columns keep a person's deletion from scanning both tables.
    db.execute("CREATE INDEX comment_chain_person ON comment_chain (person_id)")
    db.execute("CREATE INDEX memos_signer ON memos (signer_person_id)")


@MIGRATIONS(name="0004_tracking")
def _m0004_tracking(db: Database) -> None:
    # Nothing the clerk recorded is ever lost by an edit or an undo: measures and their
    # step/output rows are soft-deleted (deleted_at set) and their tracking rows stay. A
    # deleted measure keeps the position it had, frozen, while the live ones close the gap.
    db.execute("ALTER TABLE measures ADD COLUMN deleted_at TEXT NULL")
    # Expected outputs are ticked like steps, so they are rows of the same table.
    db.execute(
        "ALTER TABLE measure_steps ADD COLUMN kind TEXT NOT NULL DEFAULT 'step'"
        " CHECK (kind IN ('step', 'output'))"
    )
    db.execute("ALTER TABLE measure_steps ADD COLUMN deleted_at TEXT NULL")
    # The states are spelled out rather than taken from domain.tracking.STATES: a released
    # step must build the same table whatever the domain later grows. No row = not started.
    db.execute(
        """
        CREATE TABLE item_progress (
            item_id INTEGER PRIMARY KEY REFERENCES measure_steps (id) ON DELETE CASCADE,
            state TEXT NOT NULL
                CHECK (state IN ('not_started', 'in_progress', 'done', 'cannot')),
            done_date TEXT NULL
                CHECK (done_date IS NULL OR date(done_date, '+0 days') IS done_date),
            note TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        )
        """
    )
    # RESTRICT: a row pointing at a file in the attachments folder must never vanish with its
    # step, or the file would be orphaned; evidence is soft-deleted and purged explicitly.
    db.execute(
        """
        CREATE TABLE evidence (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            item_id INTEGER NOT NULL REFERENCES measure_steps (id) ON DELETE RESTRICT,
            kind TEXT NOT NULL CHECK (kind IN ('file', 'link')),
            value TEXT NOT NULL CHECK (value <> ''),
            label TEXT NOT NULL DEFAULT '',
            size INTEGER NULL CHECK (size IS NULL OR (typeof(size) = 'integer' AND size >= 0)),
            added_at TEXT NOT NULL,
            deleted_at TEXT NULL
        )
        """
    )
    db.execute("CREATE INDEX evidence_item ON evidence (item_id)")
    # evidence_in_use asks by file before the service may delete one.
    db.execute("CREATE INDEX evidence_value ON evidence (value)")
    db.execute(
        """
        CREATE TABLE measure_results (
            measure_id INTEGER PRIMARY KEY REFERENCES measures (id) ON DELETE CASCADE,
            outputs TEXT NOT NULL DEFAULT '',
            outcomes TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        )
        """
    )
    # Append-only history: a new snapshot of a round never replaces an older one.
    db.execute(
        f"""
        CREATE TABLE round_snapshots (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            plan_year INTEGER NOT NULL CHECK (typeof(plan_year) = 'integer'),
            months INTEGER NOT NULL CHECK (months IN (6, 12)),
            taken_at TEXT NOT NULL,
            content TEXT NOT NULL {_json_check("content", "object")}
        )
        """
    )
    db.execute("CREATE INDEX round_snapshots_round ON round_snapshots (plan_year, months)")


@MIGRATIONS(name="0005_person_roles")
def _m0005_person_roles(db: Database) -> None:
    # The roles are spelled out rather than taken from domain.office.Role, as in 0004.
    db.execute(
        "ALTER TABLE people ADD COLUMN role TEXT NOT NULL DEFAULT 'other'"
        " CHECK (role IN ('author', 'unit_head', 'palat', 'nayok', 'other'))"
    )
    # A role for the people already typed, from the position (domain.office.infer_role does
    # the same for new rows). GLOB, not LIKE: a prefix match with no wildcard surprises.
    db.execute(
        """
        UPDATE people SET role = CASE
            WHEN ltrim(position) GLOB 'นายก*' THEN 'nayok'
            WHEN ltrim(position) GLOB 'ปลัด*' THEN 'palat'
            WHEN ltrim(position) GLOB 'หัวหน้า*' OR ltrim(position) GLOB 'ผู้อำนวยการ*'
                THEN 'unit_head'
            ELSE 'other'
        END
        """
    )
    # Before roles, every memo was signed by the first person listed. When that person has no
    # role of their own they become the author, so an office's memos are signed as before.
    db.execute(
        """
        UPDATE people SET role = 'author'
        WHERE role = 'other'
          AND id = (SELECT id FROM people ORDER BY position_order, id LIMIT 1)
        """
    )


@MIGRATIONS(name="0006_person_name_spacing")
def _m0006_person_name_spacing(db: Database) -> None:
    # Whether a person's prefix is joined to the name (domain.office.NameSpacing, spelled out
    # as in 0004/0005): "auto" keeps the rule for everyone already typed.
    db.execute(
        "ALTER TABLE people ADD COLUMN name_spacing TEXT NOT NULL DEFAULT 'auto'"
        " CHECK (name_spacing IN ('auto', 'joined', 'spaced'))"
    )


@MIGRATIONS(name="0007_produced_documents")
def _m0007_produced_documents(db: Database) -> None:
    # When a document left the program (printed, saved as PDF or Word, or the website bundle
    # exported), so the start page's road can say "printed on …" from a fact, not a guess.
    # Append-only history, as round_snapshots; kinds and ways spelled out as in 0004.
    db.execute(
        """
        CREATE TABLE produced_documents (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            fiscal_year INTEGER NOT NULL CHECK (typeof(fiscal_year) = 'integer'),
            kind TEXT NOT NULL CHECK (kind IN
                ('memo', 'report', 'publish-memo', 'results', 'results-memo', 'bundle')),
            round_months INTEGER NULL CHECK (round_months IS NULL OR round_months IN (6, 12)),
            how TEXT NOT NULL CHECK (how IN ('printed', 'pdf', 'word', 'folder', 'zip')),
            target TEXT NOT NULL DEFAULT '',
            produced_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX produced_documents_year ON produced_documents (fiscal_year, kind)")


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
