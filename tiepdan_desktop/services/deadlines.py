"""Computing deadlines on the office's calendar, and the office's deadline settings."""

from __future__ import annotations

from tiepdan_desktop.db.repositories.calendar import work_calendar
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.deadlines import DeadlineRequest, DeadlineResult, DeadlineSettings
from tiepdan_desktop.domain.deadlines import compute_deadline as compute_on
from tiepdan_desktop.domain.deadlines.settings import validated
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.records import DueDateChange
from tiepdan_desktop.services.access import requires
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.due_dates import (
    deadline_settings,
    recompute_open_deadlines,
    store_deadline_settings,
)


@requires(Permission.VIEW_REGISTERS)
def compute_deadline(
    context: ServiceContext, actor: Actor, request: DeadlineRequest
) -> DeadlineResult:
    with context.sessions.reading() as session:
        calendar, settings = work_calendar(session), deadline_settings(session)
    return compute_on(request, calendar, settings)


@requires(Permission.VIEW_REGISTERS)
def get_deadline_settings(context: ServiceContext, actor: Actor) -> DeadlineSettings:
    with context.sessions.reading() as session:
        return deadline_settings(session)


@requires(Permission.MANAGE_UNIT)
def update_deadline_settings(
    context: ServiceContext, actor: Actor, settings: DeadlineSettings
) -> tuple[DueDateChange, ...]:
    """Store the settings and move every running deadline they change."""
    settings = validated(settings)
    reason = "Đổi cài đặt cách tính thời hạn"
    with context.sessions.writing(actor, "sua_cai_dat_thoi_han", reason) as session:
        store_deadline_settings(session, settings)
        return tuple(recompute_open_deadlines(session))
