"""One QUndoCommand per clerk action. Each calls a service in redo() and undo(); values are
validated before the command is pushed, so redo and undo only replay known-good writes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from PySide6.QtGui import QUndoCommand

from itadesk.domain.office import OfficeProfile
from itadesk.services import Services

Refresh = Callable[[], None]


class SetIndicatorScoresCommand(QUndoCommand):
    def __init__(
        self,
        services: Services,
        fiscal_year: int,
        new: Mapping[int, Decimal | None],
        old: Mapping[int, Decimal | None],
        refresh: Refresh,
        text: str,
    ) -> None:
        super().__init__(text)
        self._services, self._year, self._refresh = services, fiscal_year, refresh
        self._new, self._old = dict(new), dict(old)

    def redo(self) -> None:
        self._services.scores.set_indicator_scores(self._year, self._new)
        self._refresh()

    def undo(self) -> None:
        self._services.scores.set_indicator_scores(self._year, self._old)
        self._refresh()


class SetItemScoresCommand(QUndoCommand):
    def __init__(
        self,
        services: Services,
        fiscal_year: int,
        new: Mapping[str, Decimal | None],
        old: Mapping[str, Decimal | None],
        refresh: Refresh,
        text: str,
    ) -> None:
        super().__init__(text)
        self._services, self._year, self._refresh = services, fiscal_year, refresh
        self._new, self._old = dict(new), dict(old)

    def redo(self) -> None:
        self._services.scores.set_item_scores(self._year, self._new)
        self._refresh()

    def undo(self) -> None:
        self._services.scores.set_item_scores(self._year, self._old)
        self._refresh()


class SetOfficialTotalCommand(QUndoCommand):
    def __init__(
        self,
        services: Services,
        fiscal_year: int,
        new: Decimal | None,
        old: Decimal | None,
        refresh: Refresh,
    ) -> None:
        super().__init__(f"แก้คะแนนรวมที่ประกาศ ปี {fiscal_year}")
        self._services, self._year, self._refresh = services, fiscal_year, refresh
        self._new, self._old = new, old

    def redo(self) -> None:
        self._services.scores.set_official_total(self._year, self._new)
        self._refresh()

    def undo(self) -> None:
        self._services.scores.set_official_total(self._year, self._old)
        self._refresh()


class SaveOfficeCommand(QUndoCommand):
    def __init__(
        self,
        services: Services,
        new: OfficeProfile,
        old: OfficeProfile,
        refresh: Refresh,
        text: str = "แก้ข้อมูลหน่วยงาน",
    ) -> None:
        super().__init__(text)
        self._services, self._refresh = services, refresh
        self._new, self._old = new, old

    def redo(self) -> None:
        # The page validated the new profile before pushing; replay it as stored states.
        self._services.office.restore(self._new)
        self._refresh()

    def undo(self) -> None:
        self._services.office.restore(self._old)
        self._refresh()
