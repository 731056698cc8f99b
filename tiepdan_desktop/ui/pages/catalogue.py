"""What each screen of the navigation is, in the order officials use them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Screen:
    key: str
    title: str
    icon: str
    subtitle: str
    features: tuple[str, ...] = ()


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
        (
            "Ghi lượt tiếp thường xuyên, định kỳ, đột xuất; tiếp đoàn đông người",
            "Tra cứu công dân đã đến, gắn lượt tiếp với vụ việc cũ",
            "Sổ theo đúng các cột của Mẫu số 03, lọc và tìm kiếm không dấu",
            "In sổ ra PDF và Excel đúng mẫu",
        ),
    ),
    Screen(
        "letters",
        "Xử lý đơn",
        "letters.svg",
        "Vào sổ, phân loại và xử lý đơn (Thông tư 05/2021/TT-TTCP).",
        (
            "Vào sổ đơn: nguồn đơn, người đứng đơn, nội dung, tệp quét",
            "Phân loại theo nội dung, điều kiện xử lý, thẩm quyền; phát hiện đơn trùng",
            "Văn bản hướng dẫn, phiếu chuyển đơn, thông báo thụ lý tự đánh số",
            "Theo dõi văn bản phúc đáp, đôn đốc",
        ),
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
        "Báo cáo định kỳ theo Thông tư 06/2025/TT-TTCP.",
        (
            "Biểu 01/TCD, 02/XLD, 03/GQKN, 04/GQTC; kỳ báo cáo từ ngày 15 đến ngày 14",
            "Xuất Excel và PDF, kiểm tra công thức giữa các cột",
            "Khóa số liệu của báo cáo đã gửi",
        ),
    ),
    Screen(
        "settings",
        "Danh mục & Cài đặt",
        "settings.svg",
        "Thông tin đơn vị, tài khoản người dùng, danh mục và nhật ký thao tác.",
    ),
)
