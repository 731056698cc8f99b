"""What a signed-in window passes down to its pages and dialogs."""

from __future__ import annotations

from dataclasses import dataclass

from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.ui.tasks import TaskRunner
from tiepdan_desktop.ui.ui_state import UiState


@dataclass
class AppContext:
    services: ServiceContext
    actor: Actor
    tasks: TaskRunner
    ui_state: UiState
    database_description: str

    def can(self, permission: Permission) -> bool:
        return self.actor.can(permission)
