"""Who may do what.  Services check these; the UI only hides what a role cannot use."""

from __future__ import annotations

from enum import StrEnum

from tiepdan_desktop.domain.enums import Role


class Permission(StrEnum):
    VIEW_REGISTERS = "view_registers"  # read visits, letters, cases, catalogues
    EDIT_REGISTERS = "edit_registers"  # record visits and letters, step cases
    DECIDE = "decide"  # acceptance, decisions, conclusions: the chairman's acts
    VIEW_REPORTS = "view_reports"
    MANAGE_USERS = "manage_users"
    MANAGE_UNIT = "manage_unit"  # unit details, catalogues, settings, calendar
    VIEW_AUDIT = "view_audit"
    MAINTAIN = "maintain"  # integrity check, backups, demo data
    # Who denounced (Luật Tố cáo Đ8.3, Đ47): the chairman, who resolves denunciations.
    VIEW_DENOUNCERS = "view_denouncers"


# Completes "Vai trò … không được phép …" in refusal messages.
PERMISSION_LABELS: dict[Permission, str] = {
    Permission.VIEW_REGISTERS: "xem sổ sách, hồ sơ",
    Permission.EDIT_REGISTERS: "ghi sổ tiếp công dân, sổ đơn và hồ sơ",
    Permission.DECIDE: "ban hành quyết định, kết luận",
    Permission.VIEW_REPORTS: "xem và in báo cáo",
    Permission.MANAGE_USERS: "quản lý tài khoản người dùng",
    Permission.MANAGE_UNIT: "sửa thông tin đơn vị, danh mục và cài đặt",
    Permission.VIEW_AUDIT: "xem nhật ký thao tác",
    Permission.MAINTAIN: "bảo trì dữ liệu (kiểm tra, sao lưu, dữ liệu mẫu)",
    Permission.VIEW_DENOUNCERS: "xem danh tính người tố cáo",
}

_ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    # The admin of a small commune office is usually one of its officers too.
    Role.ADMIN: frozenset(
        {
            Permission.VIEW_REGISTERS,
            Permission.EDIT_REGISTERS,
            Permission.VIEW_REPORTS,
            Permission.MANAGE_USERS,
            Permission.MANAGE_UNIT,
            Permission.VIEW_AUDIT,
            Permission.MAINTAIN,
        }
    ),
    Role.LEADER: frozenset(
        {
            Permission.VIEW_REGISTERS,
            Permission.EDIT_REGISTERS,
            Permission.DECIDE,
            Permission.VIEW_REPORTS,
            Permission.VIEW_AUDIT,
            Permission.VIEW_DENOUNCERS,
        }
    ),
    Role.OFFICER: frozenset(
        {Permission.VIEW_REGISTERS, Permission.EDIT_REGISTERS, Permission.VIEW_REPORTS}
    ),
    Role.READ_ONLY: frozenset({Permission.VIEW_REGISTERS, Permission.VIEW_REPORTS}),
}


def permissions_of(role: Role) -> frozenset[Permission]:
    return _ROLE_PERMISSIONS[role]


def role_can(role: Role, permission: Permission) -> bool:
    return permission in _ROLE_PERMISSIONS[role]
