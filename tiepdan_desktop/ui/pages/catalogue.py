"""What each screen of the navigation is, in the order officials use them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Screen:
    key: str
    title: str
    icon: str
    subtitle: str


SCREENS: tuple[Screen, ...] = (
    Screen(
        "overview",
        "Tổng quan",
        "home.svg",
        "Việc cần làm hôm nay: nhấn vào một ô để xem danh sách, nhấn đúp để mở hồ sơ.",
    ),
    Screen(
        "reception",
        "Tiếp công dân",
        "reception.svg",
        "Sổ tiếp công dân (Mẫu số 03, Thông tư 04/2021/TT-TTCP).",
    ),
    Screen(
        "letters",
        "Xử lý đơn",
        "letters.svg",
        "Vào sổ, phân loại và xử lý đơn (Thông tư 05/2021/TT-TTCP).",
    ),
    Screen(
        "resolution",
        "Giải quyết",
        "resolution.svg",
        "Vụ việc đã thụ lý hoặc giao xem xét: từng bước theo trình tự luật định, thời hạn "
        "tự tính lại khi gia hạn, tạm đình chỉ.",
    ),
    Screen(
        "reports",
        "Báo cáo",
        "reports.svg",
        "Báo cáo định kỳ (Thông tư 06/2025/TT-TTCP): chọn biểu và kỳ, xem, xuất Excel, PDF, "
        "in; chốt số liệu khi đã gửi.",
    ),
    Screen(
        "settings",
        "Danh mục & Cài đặt",
        "settings.svg",
        "Thông tin đơn vị, tài khoản người dùng, danh mục và nhật ký thao tác.",
    ),
)
