"""One repository per aggregate of an office's data, mirroring the services. Each maps rows ↔
domain values for its own tables; :class:`Repositories` bundles them over one open store."""

from __future__ import annotations

from dataclasses import dataclass

from itadesk.storage.database import Store
from itadesk.storage.repositories.analysis import AnalysisRepository
from itadesk.storage.repositories.base import from_hundredths, to_hundredths
from itadesk.storage.repositories.frameworks import FrameworkRepository
from itadesk.storage.repositories.measures import MeasureRepository
from itadesk.storage.repositories.memos import MemoRepository
from itadesk.storage.repositories.office import OfficeRepository
from itadesk.storage.repositories.produced import ProducedRepository
from itadesk.storage.repositories.scores import ScoreRepository
from itadesk.storage.repositories.settings import SettingsRepository
from itadesk.storage.repositories.tracking import TrackingRepository
from itadesk.storage.repositories.years import YearRepository

__all__ = [
    "AnalysisRepository",
    "FrameworkRepository",
    "MeasureRepository",
    "MemoRepository",
    "OfficeRepository",
    "ProducedRepository",
    "Repositories",
    "ScoreRepository",
    "SettingsRepository",
    "TrackingRepository",
    "YearRepository",
    "from_hundredths",
    "to_hundredths",
]


@dataclass(frozen=True)
class Repositories:
    """The repositories of one open office file."""

    office: OfficeRepository
    scores: ScoreRepository
    frameworks: FrameworkRepository
    settings: SettingsRepository
    analysis: AnalysisRepository
    measures: MeasureRepository
    tracking: TrackingRepository
    memos: MemoRepository
    years: YearRepository
    produced: ProducedRepository

    @classmethod
    def of(cls, store: Store) -> Repositories:
        return cls(
            office=OfficeRepository(store),
            scores=ScoreRepository(store),
            frameworks=FrameworkRepository(store),
            settings=SettingsRepository(store),
            analysis=AnalysisRepository(store),
            measures=MeasureRepository(store),
            tracking=TrackingRepository(store),
            memos=MemoRepository(store),
            years=YearRepository(store),
            produced=ProducedRepository(store),
        )
