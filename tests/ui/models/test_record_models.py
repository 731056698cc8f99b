from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QApplication

from tiepdan_desktop.domain.calendar import SpecialDay
from tiepdan_desktop.domain.enums import CalendarDayKind, Role
from tiepdan_desktop.domain.records import AuditRecord, CalendarDayRecord, UserInfo
from tiepdan_desktop.ui.models.audit_model import AuditModel, describe_changes
from tiepdan_desktop.ui.models.calendar_days_model import PROVISIONAL_BACKGROUND, CalendarDaysModel
from tiepdan_desktop.ui.models.record_table import RECORD_ROLE, SORT_ROLE
from tiepdan_desktop.ui.models.users_model import UsersModel


def _user(
    name: str, username: str, last_login: dt.datetime | None, active: bool = True
) -> UserInfo:
    return UserInfo(
        uuid.uuid4(),
        username,
        name,
        Role.OFFICER,
        active,
        False,
        last_login,
        dt.datetime(2026, 1, 1),
    )


USERS = [
    _user("Đỗ Văn Bình", "binh", dt.datetime(2026, 11, 24, 8, 5)),
    _user("Ân Thị Ba", "ba", None),
    _user("Lê Văn Cường", "cuong", dt.datetime(2026, 3, 2, 14, 30), active=False),
]


def test_users_model_follows_the_model_contract(gui: QApplication, qtmodeltester: object) -> None:
    model = UsersModel()
    model.set_records(USERS)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 3 and model.columnCount() == 5


def test_users_model_shows_what_an_admin_needs(gui: QApplication) -> None:
    model = UsersModel()
    model.set_records(USERS)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Họ và tên", "Tên đăng nhập", "Vai trò", "Trạng thái", "Đăng nhập lần cuối"]
    assert model.index(0, 4).data() == "24/11/2026 08:05"
    assert model.index(2, 3).data() == "Đã khóa"
    assert model.index(1, 0).data(RECORD_ROLE) == USERS[1].id


def test_sorting_uses_raw_values_not_display_text(gui: QApplication) -> None:
    model = UsersModel()
    model.set_records(USERS)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(4, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 1).data() for r in range(3)] == ["binh", "cuong", "ba"]


AUDIT = [
    AuditRecord(
        3,
        dt.datetime(2026, 11, 25, 1, 0),
        "quantri",
        "sua_tai_khoan",
        "app_user",
        "x",
        "update",
        {"role": ["can_bo", "lanh_dao"], "active": [True, False]},
    ),
    AuditRecord(
        2,
        dt.datetime(2026, 11, 25, 0, 59),
        "quantri",
        "tao_tai_khoan",
        "app_user",
        "x",
        "insert",
        {"full_name": [None, "Lê Thị Mới"], "password_hash": ["***", "***"]},
    ),
    AuditRecord(
        1,
        dt.datetime(2026, 11, 25, 0, 50),
        "dong-lenh",
        "du_lieu_mau",
        "*",
        "*",
        "bulk",
        {"visits": 200, "letters": 100},
    ),
]


def test_audit_model_follows_the_model_contract(gui: QApplication, qtmodeltester: object) -> None:
    model = AuditModel()
    model.set_records(AUDIT)
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_audit_entries_read_as_plain_vietnamese(gui: QApplication) -> None:
    assert describe_changes(AUDIT[0]) == "Vai trò: Cán bộ → Lãnh đạo; Hoạt động: có → không"
    assert describe_changes(AUDIT[1]) == "Họ và tên: Lê Thị Mới; Mật khẩu: ***"
    assert describe_changes(AUDIT[2]) == "lượt tiếp: 200, đơn: 100"
    model = AuditModel()
    model.set_records(AUDIT)
    assert model.index(0, 2).data() == "Sửa tài khoản"
    assert model.index(0, 3).data() == "Sửa tài khoản"
    assert model.index(2, 3).data() == "Thêm hàng loạt nhiều bảng"


def test_long_change_lists_are_cut_with_a_count(gui: QApplication) -> None:
    many = AuditRecord(
        9,
        dt.datetime(2026, 1, 1),
        "a",
        "x",
        "unit",
        "1",
        "insert",
        {f"f{i}": [None, i] for i in range(7)},
    )
    assert describe_changes(many).endswith("; … (+3)")
    assert "f6: 6" in describe_changes(many, limit=None)


CALENDAR_DAYS = [
    CalendarDayRecord(
        SpecialDay(
            dt.date(2026, 1, 10), CalendarDayKind.MAKEUP_WORKDAY, "Làm bù", "VB 12729", False
        ),
        "shipped",
    ),
    CalendarDayRecord(
        SpecialDay(
            dt.date(2026, 11, 24), CalendarDayKind.PUBLIC_HOLIDAY, "Ngày Văn hóa", None, True
        ),
        "seed",
    ),
]


def test_calendar_model_follows_the_model_contract(
    gui: QApplication, qtmodeltester: object
) -> None:
    model = CalendarDaysModel()
    model.set_records(CALENDAR_DAYS)
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_calendar_model_shows_each_day_and_marks_the_unconfirmed(gui: QApplication) -> None:
    model = CalendarDaysModel()
    model.set_records(CALENDAR_DAYS)
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(2)]
    assert rows == [
        ["10/01/2026 (Thứ Bảy)", "Làm bù", "Làm bù", "Chính thức", "VB 12729", "Lịch kèm phần mềm"],
        [
            "24/11/2026 (Thứ Ba)",
            "Nghỉ lễ, Tết",
            "Ngày Văn hóa",
            "Dự kiến",
            "",
            "Mặc định (thư viện holidays)",
        ],
    ]
    background = Qt.ItemDataRole.BackgroundRole
    assert model.index(0, 2).data(background) is None
    assert model.index(1, 2).data(background) == PROVISIONAL_BACKGROUND
    assert model.index(1, 0).data(SORT_ROLE) == "2026-11-24"
    assert model.index(1, 0).data(RECORD_ROLE) == dt.date(2026, 11, 24)
