"""Use cases called by the UI and the CLI. Every write goes through a service, in a transaction;
services return domain values and raise UserError subclasses with Thai messages."""

from __future__ import annotations

from dataclasses import dataclass

from itadesk.paths import frameworks_dir
from itadesk.services.frameworks import FrameworkService
from itadesk.services.office import OfficeService
from itadesk.services.scores import ScoreService
from itadesk.storage.database import Store
from itadesk.storage.repository import Repository


@dataclass
class Services:
    store: Store
    repository: Repository
    frameworks: FrameworkService
    office: OfficeService
    scores: ScoreService


def build_services(store: Store) -> Services:
    repository = Repository(store)
    frameworks = FrameworkService(store, repository, frameworks_dir())
    return Services(
        store=store,
        repository=repository,
        frameworks=frameworks,
        office=OfficeService(store, repository),
        scores=ScoreService(store, repository, frameworks),
    )
