"""Use cases called by the UI and the CLI. Every write goes through a service, in a transaction;
services return domain values and raise UserError subclasses with Thai messages."""

from __future__ import annotations

from dataclasses import dataclass

from itadesk.paths import frameworks_dir
from itadesk.services.analysis import AnalysisService
from itadesk.services.backup import BackupService
from itadesk.services.cycles import CycleService
from itadesk.services.documents import DocumentService
from itadesk.services.frameworks import FrameworkService
from itadesk.services.measures import MeasureService
from itadesk.services.memos import MemoService
from itadesk.services.office import OfficeService
from itadesk.services.road import RoadService
from itadesk.services.scores import ScoreService
from itadesk.services.settings import SettingsService
from itadesk.services.tracking import TrackingService
from itadesk.storage.database import Store
from itadesk.storage.repositories import Repositories


@dataclass
class Services:
    """The use cases of one open office. The store and the repositories stay inside: callers
    (the window, the command line) only ever go through these."""

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
    backups: BackupService
    road: RoadService


def build_services(store: Store) -> Services:
    """The services over ``store`` (:class:`~itadesk.services.session.OfficeSession` calls
    this; tests may too)."""
    repos = Repositories.of(store)
    frameworks = FrameworkService(store, repos, frameworks_dir())
    settings = SettingsService(store, repos)
    analysis = AnalysisService(store, repos, frameworks, settings)
    measures = MeasureService(store, repos, frameworks)
    memos = MemoService(store, repos, frameworks, settings)
    tracking = TrackingService(store, repos, frameworks, measures)
    scores = ScoreService(store, repos, frameworks)
    return Services(
        frameworks=frameworks,
        cycles=CycleService(repos, frameworks),
        office=OfficeService(store, repos),
        scores=scores,
        analysis=analysis,
        measures=measures,
        memos=memos,
        documents=DocumentService(repos, frameworks, analysis, measures, memos, tracking, settings),
        settings=settings,
        tracking=tracking,
        backups=BackupService(store, store.path, settings),
        road=RoadService(store, repos, frameworks, scores, analysis, measures, tracking),
    )
