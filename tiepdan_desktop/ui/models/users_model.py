"""User accounts as a table."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QObject

from tiepdan_desktop.domain.records import UserInfo
from tiepdan_desktop.domain.text import name_sort_key
from tiepdan_desktop.ui.formatting import format_datetime, utc_to_local
from tiepdan_desktop.ui.models.record_table import Column, RecordTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("UsersModel", text)


def _status(user: UserInfo) -> str:
    if not user.active:
        return _tr("Đã khóa")
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)  # stored in UTC
    if user.locked_until is not None and user.locked_until > now:
        until = utc_to_local(user.locked_until)
        return _tr("Tạm khóa đến {0} (nhập sai mật khẩu)").format(f"{until:%H:%M %d/%m}")
    if user.must_change_password:
        return _tr("Hoạt động – chờ đổi mật khẩu")
    return _tr("Hoạt động")


class UsersModel(RecordTableModel[UserInfo]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    _tr("Họ và tên"),
                    lambda u: u.full_name,
                    sort_value=lambda u: name_sort_key(u.full_name),
                ),
                Column(_tr("Tên đăng nhập"), lambda u: u.username),
                Column(_tr("Vai trò"), lambda u: u.role.label),
                Column(_tr("Trạng thái"), _status),
                Column(
                    _tr("Đăng nhập lần cuối"),
                    lambda u: format_datetime(
                        utc_to_local(u.last_login_at) if u.last_login_at else None
                    ),
                    sort_value=lambda u: u.last_login_at.isoformat() if u.last_login_at else "",
                ),
            ],
            record_id=lambda u: u.id,
            parent=parent,
        )
