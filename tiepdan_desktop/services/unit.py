"""The unit's own details and its catalogues."""

from __future__ import annotations

from sqlalchemy import func, select

from tiepdan_desktop.db.models import SubjectAreaRow
from tiepdan_desktop.db.repositories import organisation as repo
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import LetterType
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


def _area_problems(area: SubjectAreaInfo, is_new: bool) -> dict[str, str]:
    problems: dict[str, str] = {}
    code = area.code.strip()
    if is_new and not (code and code.replace("_", "").replace("-", "").replace(".", "").isalnum()):
        problems["code"] = "Mã lĩnh vực gồm chữ, số (có thể có . - _), không có dấu cách."
    elif len(code) > 20:
        problems["code"] = "Mã lĩnh vực tối đa 20 ký tự."
    if not normalize_text(area.name):
        problems["name"] = "Hãy nhập tên lĩnh vực."
    known = {t.value for t in LetterType}
    if not area.applies_to or not set(area.applies_to) <= known:
        problems["applies_to"] = "Hãy chọn ít nhất một loại đơn dùng lĩnh vực này."
    return problems


@requires(Permission.MANAGE_UNIT)
def save_subject_area(
    context: ServiceContext, actor: Actor, area: SubjectAreaInfo, is_new: bool
) -> list[SubjectAreaInfo]:
    """Add a subject area, or correct one.  Two levels only (area › sub-area); an
    area in use is never deleted, only set inactive so old letters keep it."""
    if problems := _area_problems(area, is_new):
        raise ValidationError(problems)
    code = area.code.strip()
    with context.sessions.writing(actor, "sua_danh_muc_linh_vuc", f"Lĩnh vực {code}") as session:
        row = session.get(SubjectAreaRow, code)
        if is_new and row is not None:
            raise ValidationError({"code": f"Mã «{code}» đã có trong danh mục."})
        if not is_new and row is None:
            raise ValidationError({"code": f"Không có lĩnh vực mã «{code}»."})
        if area.parent_code is not None:
            parent = session.get(SubjectAreaRow, area.parent_code)
            if parent is None or parent.parent_code is not None or parent.code == code:
                raise ValidationError({"parent_code": "Lĩnh vực cha phải là lĩnh vực cấp 1."})
            has_children = session.scalar(
                select(SubjectAreaRow.code).where(SubjectAreaRow.parent_code == code).limit(1)
            )
            if has_children:
                raise ValidationError(
                    {"parent_code": "Lĩnh vực này có lĩnh vực con: không đặt vào lĩnh vực khác."}
                )
        if row is None:
            last = session.scalar(select(func.max(SubjectAreaRow.sort_order))) or 0
            row = SubjectAreaRow(code=code, sort_order=last + 1)
            session.add(row)
        row.name = normalize_text(area.name)
        row.parent_code = area.parent_code
        row.applies_to = ",".join(t.value for t in LetterType if t.value in area.applies_to)
        row.active = area.active
        session.flush()
        return repo.list_subject_areas(session)
