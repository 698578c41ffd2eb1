"""Use cases called by the UI and the CLI. Every write goes through a service, in a transaction;
services return domain values and raise UserError subclasses with Thai messages."""

from __future__ import annotations

from dataclasses import dataclass

from itadesk.paths import frameworks_dir
from itadesk.services.analysis import AnalysisService
from itadesk.services.cycles import CycleService
from itadesk.services.documents import DocumentService
from itadesk.services.frameworks import FrameworkService
from itadesk.services.measures import MeasureService
from itadesk.services.memos import MemoService
from itadesk.services.office import OfficeService
from itadesk.services.scores import ScoreService
from itadesk.services.settings import SettingsService
from itadesk.services.tracking import TrackingService
from itadesk.storage.database import Store
from itadesk.storage.repository import Repository


@dataclass
class Services:
    store: Store
    repository: Repository
    frameworks: FrameworkService
    cycles: CycleService
    office: OfficeService
    scores: ScoreService
    analysis: AnalysisService
    measures: MeasureService
    memos: MemoService
    documents: DocumentService
    settings: SettingsService
    tracking: TrackingService


def build_services(store: Store) -> Services:
    repository = Repository(store)
    frameworks = FrameworkService(store, repository, frameworks_dir())
    settings = SettingsService(store, repository)
    analysis = AnalysisService(store, repository, frameworks, settings)
    measures = MeasureService(store, repository, frameworks)
    memos = MemoService(store, repository, frameworks, settings)
    tracking = TrackingService(store, repository, frameworks, measures)
    return Services(
        store=store,
        repository=repository,
        frameworks=frameworks,
        cycles=CycleService(repository, frameworks),
        office=OfficeService(store, repository),
        scores=ScoreService(store, repository, frameworks),
        analysis=analysis,
        measures=measures,
        memos=memos,
        documents=DocumentService(
            repository, frameworks, analysis, measures, memos, tracking, settings
        ),
        settings=settings,
        tracking=tracking,
    )
