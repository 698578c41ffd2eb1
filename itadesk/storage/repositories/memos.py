"""Memo settings per year and kind, and the office's comment chain."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from itadesk.domain.memo import CommentStep, MemoSettings
from itadesk.storage.repositories.base import (
    RepositoryBase,
    match_ids,
    stored_year,
    to_json,
    utc_now,
)

_MEMO_COLUMNS = (
    "running_number",
    "memo_date",
    "signer_person_id",
    "subject",
    "salutation",
    "paragraphs",
)


class MemoRepository(RepositoryBase):
    """Memo settings per year and kind, and the office's comment chain."""

    def comment_chain(self) -> list[CommentStep]:
        """The office's comment chain in order ([] if never saved)."""
        return [
            CommentStep(heading=heading, person_id=person_id, comment=comment, id=step_id)
            for step_id, heading, person_id, comment in self._rows(
                "SELECT id, heading, person_id, comment FROM comment_chain ORDER BY position, id"
            )
        ]

    def save_comment_chain(self, steps: Sequence[CommentStep]) -> None:
        """Replace the comment chain; a step keeps its row when its id (else its heading)
        matches a saved one."""
        with self.store.transaction() as db:
            saved = dict(self._rows("SELECT id, heading FROM comment_chain ORDER BY id"))
            ids = match_ids([(step.id, step.heading) for step in steps], saved)
            keep = {step_id for step_id in ids if step_id is not None}
            for step_id in saved.keys() - keep:
                db.execute("DELETE FROM comment_chain WHERE id = ?", [step_id])
            for position, (step, step_id) in enumerate(zip(steps, ids, strict=True)):
                values = [position, step.heading, step.person_id, step.comment]
                if step_id is None:
                    db.execute(
                        "INSERT INTO comment_chain (position, heading, person_id, comment)"
                        " VALUES (?, ?, ?, ?)",
                        values,
                    )
                else:
                    db.execute(
                        "UPDATE comment_chain SET position = ?, heading = ?, person_id = ?,"
                        " comment = ? WHERE id = ?",
                        [*values, step_id],
                    )

    def memo_settings(self, fiscal_year: int, kind: str) -> MemoSettings:
        """What the clerk chose for this memo; all defaults when nothing was saved."""
        rows = self._rows(
            f"SELECT {', '.join(_MEMO_COLUMNS)} FROM memos WHERE fiscal_year = ? AND kind = ?",
            [fiscal_year, kind],
        )
        if not rows:
            return MemoSettings(fiscal_year=fiscal_year, kind=kind)
        number, memo_date, signer, subject, salutation, paragraphs = rows[0]
        return MemoSettings(
            fiscal_year=fiscal_year,
            kind=kind,
            running_number=number,
            memo_date=date.fromisoformat(memo_date) if memo_date else None,
            signer_person_id=signer,
            subject=subject,
            salutation=salutation,
            paragraphs=tuple(str(p) for p in json.loads(paragraphs)),
        )

    def save_memo_settings(self, settings: MemoSettings) -> None:
        """Insert or replace the settings of one memo (year and kind)."""
        stored_year(settings.fiscal_year)
        values = [
            settings.running_number,
            settings.memo_date.isoformat() if settings.memo_date else None,
            settings.signer_person_id,
            settings.subject,
            settings.salutation,
            to_json(list(settings.paragraphs)),
        ]
        columns = ("fiscal_year", "kind", *_MEMO_COLUMNS, "updated_at")
        with self.store.transaction() as db:
            db.execute(
                f"INSERT INTO memos ({', '.join(columns)})"
                f" VALUES ({', '.join('?' for _ in columns)}) ON CONFLICT (fiscal_year, kind)"
                " DO UPDATE SET "
                + ", ".join(f"{c} = excluded.{c}" for c in (*_MEMO_COLUMNS, "updated_at")),
                [settings.fiscal_year, settings.kind, *values, utc_now()],
            )
