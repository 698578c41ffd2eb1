"""One QUndoCommand per clerk action. Each calls a service in redo() and undo(); values are
validated before the command is pushed, so redo and undo only replay known-good writes."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import partial
from typing import Any

from PySide6.QtGui import QUndoCommand

from itadesk.domain.analysis import Analysis
from itadesk.domain.measures import Measure
from itadesk.domain.memo import CommentStep, MemoSettings
from itadesk.domain.office import OfficeProfile
from itadesk.domain.tracking import CheckItem, Evidence, MeasureResult
from itadesk.errors import UserError
from itadesk.services import Services
from itadesk.services.measures import DeletedMeasure

Refresh = Callable[[], None]


_refusal_handler: weakref.WeakMethod | None = None


def set_refusal_handler(handler: Callable[[str], None] | None) -> None:
    """Where a refused write is told to the clerk (the main window sets one of its methods).
    Held weakly: a module global must not keep a closed window's wrapper alive until the
    interpreter shuts down, where PySide would free it in the wrong order."""
    global _refusal_handler
    _refusal_handler = weakref.WeakMethod(handler) if handler is not None else None  # type: ignore[arg-type]


class SafeCommand(QUndoCommand):
    """An undo step whose write may be refused (a disk error, a record gone): the step then
    marks itself obsolete, so Qt drops it from the stack instead of keeping a step that
    cannot be replayed, and the clerk gets the Thai message — never a crash."""

    def do_redo(self) -> None:
        raise NotImplementedError

    def do_undo(self) -> None:
        raise NotImplementedError

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except UserError as error:
            self.setObsolete(True)
            handler = _refusal_handler() if _refusal_handler is not None else None
            if handler is None:
                raise
            handler(error.message)

    def redo(self) -> None:
        self._guarded(self.do_redo)

    def undo(self) -> None:
        self._guarded(self.do_undo)


class ValueCommand(SafeCommand):
    """A clerk action that stores a value: redo stores the new one, undo the old one, and
    both refresh the page. Values are validated before the command is pushed."""

    def __init__(
        self,
        apply: Callable[[Any], object],
        new: object,
        old: object,
        refresh: Refresh,
        text: str,
    ) -> None:
        super().__init__(text)
        self._apply, self._refresh = apply, refresh
        self._new, self._old = new, old

    def do_redo(self) -> None:
        self._apply(self._new)
        self._refresh()

    def do_undo(self) -> None:
        self._apply(self._old)
        self._refresh()


class SetIndicatorScoresCommand(ValueCommand):
    def __init__(
        self,
        services: Services,
        fiscal_year: int,
        new: Mapping[int, Decimal | None],
        old: Mapping[int, Decimal | None],
        refresh: Refresh,
        text: str,
    ) -> None:
        apply = partial(services.scores.set_indicator_scores, fiscal_year)
        super().__init__(apply, dict(new), dict(old), refresh, text)


class SetItemScoresCommand(ValueCommand):
    def __init__(
        self,
        services: Services,
        fiscal_year: int,
        new: Mapping[str, Decimal | None],
        old: Mapping[str, Decimal | None],
        refresh: Refresh,
        text: str,
    ) -> None:
        apply = partial(services.scores.set_item_scores, fiscal_year)
        super().__init__(apply, dict(new), dict(old), refresh, text)


class SetOfficialTotalCommand(ValueCommand):
    def __init__(
        self,
        services: Services,
        fiscal_year: int,
        new: Decimal | None,
        old: Decimal | None,
        refresh: Refresh,
    ) -> None:
        apply = partial(services.scores.set_official_total, fiscal_year)
        super().__init__(apply, new, old, refresh, f"แก้คะแนนรวมที่ประกาศ ปี {fiscal_year}")


class SaveOfficeCommand(ValueCommand):
    def __init__(
        self,
        services: Services,
        new: OfficeProfile,
        old: OfficeProfile,
        refresh: Refresh,
        text: str = "แก้ข้อมูลหน่วยงาน",
    ) -> None:
        # The page validated the new profile before pushing; replay both as stored states.
        super().__init__(services.office.restore, new, old, refresh, text)


class ReplaceAnalysisCommand(ValueCommand):
    """Any change to a year's analysis (a section typed, a redraft, a reset to draft)."""

    def __init__(
        self, services: Services, new: Analysis, old: Analysis, refresh: Refresh, text: str
    ) -> None:
        super().__init__(services.analysis.restore, new, old, refresh, text)


class SaveMemoSettingsCommand(ValueCommand):
    def __init__(
        self, services: Services, new: MemoSettings, old: MemoSettings, refresh: Refresh
    ) -> None:
        text = f"แก้บันทึกข้อความ ปี {new.fiscal_year}"
        super().__init__(services.memos.save_settings, new, old, refresh, text)


class SaveCommentChainCommand(ValueCommand):
    def __init__(
        self,
        services: Services,
        new: list[CommentStep],
        old: list[CommentStep],
        refresh: Refresh,
        signer_person_id: int | None = None,
    ) -> None:
        # The signer of the memo on the page when the clerk acted, who may not comment.
        apply = partial(services.memos.save_comment_chain, signer_person_id=signer_person_id)
        super().__init__(apply, new, old, refresh, "แก้ลำดับผู้ให้ความเห็น")


class AddMeasuresCommand(SafeCommand):
    """Adding one or more measures (from the catalogue, blank, or carried forward). The first
    redo creates them; later redos put back the same ids so other commands stay valid."""

    def __init__(
        self,
        services: Services,
        create: Callable[[], list[Measure]],
        refresh: Refresh,
        text: str,
    ) -> None:
        super().__init__(text)
        self._services, self._create, self._refresh = services, create, refresh
        self._deleted: list[DeletedMeasure] = []
        self.created: list[Measure] = []

    def do_redo(self) -> None:
        if not self._deleted:
            self.created = self._create()
        else:
            for deleted in self._deleted:
                self._services.measures.restore(deleted)
            self._deleted = []
        self._refresh()

    def do_undo(self) -> None:
        self._deleted = [
            self._services.measures.delete(measure.id)
            for measure in reversed(self.created)
            if measure.id is not None
        ][::-1]
        self._refresh()


class UpdateMeasureCommand(ValueCommand):
    def __init__(
        self, services: Services, new: Measure, old: Measure, refresh: Refresh, text: str
    ) -> None:
        super().__init__(services.measures.update, new, old, refresh, text)


class DeleteMeasureCommand(SafeCommand):
    def __init__(self, services: Services, measure_id: int, refresh: Refresh, text: str) -> None:
        super().__init__(text)
        self._services, self._refresh = services, refresh
        self._measure_id = measure_id
        self._deleted: DeletedMeasure | None = None

    def do_redo(self) -> None:
        self._deleted = self._services.measures.delete(self._measure_id)
        self._refresh()

    def do_undo(self) -> None:
        if self._deleted is not None:
            self._services.measures.restore(self._deleted)
        self._refresh()


class MoveMeasureCommand(ValueCommand):
    def __init__(
        self, services: Services, measure_id: int, old: int, new: int, refresh: Refresh
    ) -> None:
        apply = partial(services.measures.move, measure_id)
        super().__init__(apply, new, old, refresh, "เรียงลำดับมาตรการ")


class SetProgressCommand(ValueCommand):
    """A tick, a state change, a date, a note or a reason on one check item."""

    def __init__(
        self, services: Services, new: CheckItem, old: CheckItem, refresh: Refresh, text: str
    ) -> None:
        super().__init__(services.tracking.restore_progress, new, old, refresh, text)


class EvidenceCommand(SafeCommand):
    """Adding (the first redo does the copy) or removing evidence; removal only hides the
    record and keeps the file, so both directions are always possible."""

    def __init__(
        self,
        services: Services,
        refresh: Refresh,
        text: str,
        *,
        add: Callable[[], Evidence] | None = None,
        remove_id: int | None = None,
    ) -> None:
        super().__init__(text)
        self._services, self._refresh = services, refresh
        self._add, self._evidence_id = add, remove_id
        self._adding = add is not None
        self._done_once = False

    def do_redo(self) -> None:
        if self._adding and not self._done_once:
            assert self._add is not None
            self._evidence_id = self._add().id
        elif self._adding:
            assert self._evidence_id is not None
            self._services.tracking.restore_evidence(self._evidence_id)
        else:
            assert self._evidence_id is not None
            self._services.tracking.remove_evidence(self._evidence_id)
        self._done_once = True
        self._refresh()

    def do_undo(self) -> None:
        assert self._evidence_id is not None
        if self._adding:
            self._services.tracking.remove_evidence(self._evidence_id)
        else:
            self._services.tracking.restore_evidence(self._evidence_id)
        self._refresh()


class SaveResultCommand(ValueCommand):
    def __init__(
        self, services: Services, new: MeasureResult, old: MeasureResult, refresh: Refresh
    ) -> None:
        text = "แก้ผลการดำเนินการ/ผลลัพธ์"
        super().__init__(services.tracking.save_result, new, old, refresh, text)
