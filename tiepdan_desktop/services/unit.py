"""The unit's own details and its catalogues."""

from __future__ import annotations

from tiepdan_desktop.db.repositories import organisation as repo
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.errors import ConflictError, ValidationError
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.records import SubjectAreaInfo, UnitChanges, UnitInfo
from tiepdan_desktop.domain.text import normalize_text
from tiepdan_desktop.services.access import requires
from tiepdan_desktop.services.context import ServiceContext


@requires(Permission.MANAGE_UNIT)
def update_unit(context: ServiceContext, actor: Actor, changes: UnitChanges) -> UnitInfo:
    problems = {}
    if not normalize_text(changes.name):
        problems["name"] = "Hãy nhập tên đơn vị."
    if not normalize_text(changes.chairman_name):
        problems["chairman_name"] = "Hãy nhập họ tên Chủ tịch UBND."
    if problems:
        raise ValidationError(problems)
    with context.sessions.writing(actor, "sua_thong_tin_don_vi") as session:
        unit = repo.the_unit(session)
        if unit is None:
            raise ConflictError("Chưa cài đặt đơn vị.")
        unit.name = changes.name
        unit.chairman_name = changes.chairman_name
        unit.remote_area = changes.remote_area
        unit.address = normalize_text(changes.address or "") or None
        session.flush()
        return repo.unit_info(unit)


@requires(Permission.VIEW_REGISTERS)
def list_subject_areas(context: ServiceContext, actor: Actor) -> list[SubjectAreaInfo]:
    with context.sessions.reading() as session:
        return repo.list_subject_areas(session)
