"""The legal time limits of LEGAL.md §3.1, as data.

Each rule: its ID, length and unit as the law writes them, the event whose day
starts the clock (that day itself not counted), the variants the law gives
(complex, remote area, dismissal), the extensions it allows, and its basis with
the confidence mark of LEGAL.md (✔ read in the text, ◐ secondary source, ✖ not
confirmed).  Rules marked configurable take their length or unit from the
office's settings; their default here is the one LEGAL.md gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tiepdan_desktop.domain.enums import Complexity


class PeriodUnit(StrEnum):
    DAYS = "days"  # ngày: calendar days
    WORKING_DAYS = "working_days"  # ngày làm việc
    YEARS = "years"  # năm: counted in calendar time, to the same day

    @property
    def label(self) -> str:
        return {"days": "ngày", "working_days": "ngày làm việc", "years": "năm"}[self.value]


D, WD, Y = PeriodUnit.DAYS, PeriodUnit.WORKING_DAYS, PeriodUnit.YEARS

LAW_RECEPTION = "Luật Tiếp công dân 2013"
LAW_COMPLAINTS = "Luật Khiếu nại 2011"
LAW_DENUNCIATIONS = "Luật Tố cáo 2018"
_UNIT_AMBIGUITY = (
    "Luật ghi «10 ngày»; hướng dẫn (TT 07/2013, sửa đổi bởi TT 02/2016) và thủ tục hành chính "
    "ghi «10 ngày làm việc». Mặc định tính theo cách cho cảnh báo sớm hơn (ngày lịch); "
    "đổi trong Danh mục & Cài đặt → Thời hạn."
)


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    days: int
    unit: PeriodUnit
    start_event: str
    basis: str
    confidence: str
    complex_days: int | None = None
    remote_days: int | None = None
    remote_complex_days: int | None = None
    dismissal_days: int | None = None
    # Extensions of at most `extension_days` each: how many for a complex and an
    # especially complex matter (T4).
    extension_days: int = 0
    extensions_allowed: tuple[int, int] = (0, 0)
    # Fixed by the office (unconfirmed or ambiguous in law): length and unit are settings.
    configurable: bool = False
    note: str = ""

    @property
    def has_complexity(self) -> bool:
        return self.complex_days is not None or self.extension_days > 0

    @property
    def allows_especially_complex(self) -> bool:
        return self.extensions_allowed[1] > 0

    @property
    def has_remote_variant(self) -> bool:
        return self.remote_days is not None

    def extensions_allowed_for(self, complexity: Complexity) -> int:
        """How many extensions the law allows a matter of this complexity (T4: 1 or 2)."""
        if complexity is Complexity.ESPECIALLY_COMPLEX:
            return self.extensions_allowed[1]
        if complexity is Complexity.COMPLEX:
            return self.extensions_allowed[0]
        return 0


RULES: tuple[Rule, ...] = (
    # --- reception ---
    Rule(
        "R1",
        "Trả lời công dân về việc thụ lý, cần thêm thời gian, từ chối hoặc chuyển đơn",
        10,
        WD,
        "ngày tiếp nhận nội dung tại buổi tiếp",
        f"{LAW_RECEPTION}, Điều 28.1",
        "✔",
    ),
    Rule(
        "R2",
        "Thông báo kết quả giải quyết cho cơ quan, đại biểu đã chuyển đơn",
        7,
        WD,
        "ngày có kết quả giải quyết",
        f"{LAW_RECEPTION}, Điều 27.2",
        "✔",
    ),
    # --- letters ---
    Rule(
        "X1",
        "Phân loại, xử lý đơn (đề xuất thụ lý, hướng dẫn, chuyển, lưu)",
        10,
        WD,
        "ngày nhận đơn",
        "Thông tư 05/2021/TT-TTCP (điều khoản chưa xác định)",
        "✖",
        configurable=True,
    ),
    Rule(
        "X3",
        "Lưu đơn không đủ điều kiện xử lý",
        1,
        Y,
        "ngày lưu đơn",
        "Thông tư 05/2021/TT-TTCP (theo trang Sở LĐTBXH Đắk Nông)",
        "◐",
    ),
    # --- complaints ---
    Rule(
        "K1",
        "Thời hiệu khiếu nại",
        90,
        D,
        "ngày nhận quyết định hành chính hoặc biết hành vi hành chính",
        f"{LAW_COMPLAINTS}, Điều 9",
        "✔",
        note="Thời gian ốm đau, thiên tai, địch họa, đi công tác, học tập xa… không tính: "
        "nhập là khoảng tạm dừng.",
    ),
    Rule(
        "K2",
        "Thụ lý hoặc thông báo không thụ lý khiếu nại lần đầu",
        10,
        D,
        "ngày nhận được khiếu nại thuộc thẩm quyền",
        f"{LAW_COMPLAINTS}, Điều 27",
        "✔/◐",
        configurable=True,
        note=_UNIT_AMBIGUITY,
    ),
    Rule(
        "K3",
        "Giải quyết khiếu nại lần đầu",
        30,
        D,
        "ngày thụ lý",
        f"{LAW_COMPLAINTS}, Điều 28",
        "✔",
        complex_days=45,
        remote_days=45,
        remote_complex_days=60,
    ),
    Rule(
        "K4",
        "Gửi quyết định giải quyết khiếu nại lần đầu",
        3,
        WD,
        "ngày ban hành quyết định",
        f"{LAW_COMPLAINTS}, Điều 32",
        "✔",
    ),
    Rule(
        "K5",
        "Thời hạn khiếu nại lần hai",
        30,
        D,
        "ngày hết hạn giải quyết lần đầu mà chưa được giải quyết, hoặc ngày nhận quyết định "
        "giải quyết lần đầu",
        f"{LAW_COMPLAINTS}, Điều 33.1",
        "✔",
        remote_days=45,
    ),
    Rule(
        "K6",
        "Quyết định giải quyết lần đầu có hiệu lực (nếu không khiếu nại lần hai)",
        30,
        D,
        "ngày ban hành quyết định",
        f"{LAW_COMPLAINTS}, Điều 44.1",
        "✔",
        remote_days=45,
    ),
    Rule(
        "K7",
        "Thụ lý khiếu nại lần hai",
        10,
        D,
        "ngày nhận khiếu nại lần hai",
        f"{LAW_COMPLAINTS}, Điều 36",
        "✔/◐",
        configurable=True,
        note=_UNIT_AMBIGUITY,
    ),
    Rule(
        "K8",
        "Giải quyết khiếu nại lần hai",
        45,
        D,
        "ngày thụ lý",
        f"{LAW_COMPLAINTS}, Điều 37",
        "✔",
        complex_days=60,
        remote_days=60,
        remote_complex_days=70,
    ),
    Rule(
        "K9",
        "Gửi quyết định giải quyết khiếu nại lần hai",
        7,
        D,
        "ngày ban hành quyết định",
        f"{LAW_COMPLAINTS}, Điều 41.1",
        "✔",
    ),
    Rule(
        "K10",
        "Công khai quyết định giải quyết khiếu nại lần hai",
        15,
        D,
        "ngày ban hành quyết định",
        "Nghị định 75/2012/NĐ-CP, Điều 12 (đã được thay thế; quy định tương ứng của "
        "Nghị định 124/2020/NĐ-CP chưa xác định)",
        "◐",
        note="Niêm yết ít nhất 15 ngày; báo trước 03 ngày làm việc nếu công khai tại cuộc họp.",
    ),
    Rule(
        "K11",
        "Quyết định giải quyết lần hai có hiệu lực",
        30,
        D,
        "ngày ban hành quyết định",
        f"{LAW_COMPLAINTS}, Điều 44.2",
        "✔",
        remote_days=45,
    ),
    Rule(
        "K12",
        "Tiếp tục khiếu nại sau thông báo đình chỉ",
        30,
        D,
        "ngày nhận thông báo đình chỉ",
        f"{LAW_COMPLAINTS}, Điều 11.8",
        "✔",
    ),
    Rule(
        "K13",
        "Khởi kiện vụ án hành chính",
        1,
        Y,
        "ngày nhận hoặc biết quyết định, hành vi hành chính",
        "Luật Tố tụng hành chính 2015, Điều 116 (chưa đối chiếu)",
        "✖",
        configurable=True,
    ),
    # --- disciplinary complaints ---
    Rule(
        "KD1",
        "Thời hiệu khiếu nại quyết định kỷ luật lần đầu",
        15,
        D,
        "ngày nhận quyết định kỷ luật",
        f"{LAW_COMPLAINTS}, Điều 48",
        "✔",
    ),
    Rule(
        "KD2",
        "Thời hiệu khiếu nại quyết định kỷ luật lần hai",
        10,
        D,
        "ngày nhận quyết định giải quyết lần đầu",
        f"{LAW_COMPLAINTS}, Điều 48",
        "✔",
        dismissal_days=30,
    ),
    Rule(
        "KD3",
        "Thụ lý khiếu nại quyết định kỷ luật",
        10,
        D,
        "ngày nhận khiếu nại",
        f"{LAW_COMPLAINTS}, Điều 50",
        "✔",
    ),
    Rule(
        "KD4",
        "Giải quyết khiếu nại quyết định kỷ luật",
        30,
        D,
        "ngày thụ lý",
        f"{LAW_COMPLAINTS}, Điều 50",
        "✔",
        complex_days=45,
    ),
    # --- denunciations ---
    Rule(
        "T1",
        "Vào sổ, phân loại, xử lý ban đầu, kiểm tra điều kiện thụ lý tố cáo",
        7,
        WD,
        "ngày nhận tố cáo",
        f"{LAW_DENUNCIATIONS}, Điều 24.1",
        "✔",
        complex_days=10,
        note="Phải kiểm tra, xác minh ở nhiều nơi hoặc ủy quyền: tổng cộng không quá 10 ngày "
        "làm việc (chọn «phức tạp»).",
    ),
    Rule(
        "T2",
        "Chuyển tố cáo không thuộc thẩm quyền và thông báo cho người tố cáo",
        5,
        WD,
        "ngày nhận tố cáo",
        f"{LAW_DENUNCIATIONS}, Điều 24.2",
        "✔",
    ),
    Rule(
        "T3",
        "Thông báo thụ lý cho người tố cáo, nội dung tố cáo cho người bị tố cáo",
        5,
        WD,
        "ngày ra quyết định thụ lý",
        f"{LAW_DENUNCIATIONS}, Điều 29.3",
        "✔",
    ),
    Rule(
        "T4",
        "Giải quyết tố cáo",
        30,
        D,
        "ngày thụ lý",
        f"{LAW_DENUNCIATIONS}, Điều 30; Điều 34 (thời gian tạm đình chỉ không tính)",
        "✔",
        extension_days=30,
        extensions_allowed=(1, 2),
    ),
    Rule(
        "T5",
        "Gửi quyết định tạm đình chỉ, đình chỉ giải quyết tố cáo",
        5,
        WD,
        "ngày ra quyết định",
        f"{LAW_DENUNCIATIONS}, Điều 34",
        "◐",
    ),
    Rule(
        "T6",
        "Gửi kết luận nội dung tố cáo và thông báo cho người tố cáo",
        5,
        WD,
        "ngày ban hành kết luận",
        f"{LAW_DENUNCIATIONS}, Điều 35.3",
        "✔",
    ),
    Rule(
        "T7",
        "Công khai kết luận nội dung tố cáo, quyết định xử lý",
        7,
        WD,
        "ngày ban hành kết luận hoặc quyết định xử lý",
        f"{LAW_DENUNCIATIONS}, Điều 40",
        "✔",
        note="Không được tiết lộ thông tin về người tố cáo (Điều 40.3).",
    ),
    Rule(
        "T8",
        "Cấp trên xem xét tố cáo tiếp",
        20,
        D,
        "ngày nhận tố cáo tiếp",
        f"{LAW_DENUNCIATIONS}, Điều 37.2",
        "✔",
    ),
    Rule(
        "T9",
        "Tố cáo quá hạn: yêu cầu báo cáo, báo cáo",
        5,
        WD,
        "ngày nhận tố cáo tiếp hoặc ngày nhận yêu cầu báo cáo",
        f"{LAW_DENUNCIATIONS}, Điều 38.2–38.3",
        "✔",
    ),
    Rule(
        "T10",
        "Giải quyết tố cáo vi phạm quy định quản lý nhà nước trong lĩnh vực",
        30,
        D,
        "ngày thụ lý",
        f"{LAW_DENUNCIATIONS}, Điều 42.2, Điều 43",
        "✔",
        extension_days=30,
        extensions_allowed=(1, 2),
        note="Không được vượt quá thời hạn xử lý vi phạm hành chính của lĩnh vực đó "
        "(Điều 42.2): đối chiếu thời hạn ấy.",
    ),
    # --- petitions ---
    Rule(
        "P1",
        "Trả lời người kiến nghị, phản ánh về hướng xử lý",
        10,
        WD,
        "ngày tiếp nhận tại buổi tiếp",
        f"{LAW_RECEPTION}, Điều 28.1",
        "✔",
    ),
    Rule(
        "P2",
        "Giải quyết kiến nghị, phản ánh",
        30,
        D,
        "ngày giao xem xét",
        "Không có quy định chung; theo quy chế làm việc của địa phương",
        "✖",
        configurable=True,
    ),
)
RULES_BY_ID = {rule.id: rule for rule in RULES}

# IDs of LEGAL.md §3.1 that name no computable time limit, and why.
NOT_DEADLINES = {
    "R3": "R3 là tần suất tiếp công dân định kỳ của Chủ tịch UBND (ít nhất 1 ngày mỗi tuần; "
    "2 ngày mỗi tháng từ 01/7/2026), không phải thời hạn tính theo ngày.",
    "X2": "X2 (hướng dẫn một lần) không phải thời hạn tính theo ngày.",
    "T0": "Luật Tố cáo không quy định thời hiệu tố cáo (T0).",
    "P3": "Kiến nghị cử tri (P3) theo chế độ riêng, ngoài phạm vi phần mềm.",
    "B1": "B1 là kỳ báo cáo: xem phần Báo cáo.",
}
