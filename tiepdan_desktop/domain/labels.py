"""Vietnamese names for the codes the audit trail records."""

from __future__ import annotations

import datetime as dt
import json

from tiepdan_desktop.domain.case_workflow import ComplexityCriterion, step_label
from tiepdan_desktop.domain.enums import (
    CalendarDayKind,
    CaseState,
    CaseType,
    Complexity,
    DeadlineStatus,
    Gender,
    IdDocumentType,
    LabelledEnum,
    LetterState,
    LetterType,
    ReceptionType,
    RefusalGround,
    ResolutionVerdict,
    Role,
    UnitLevel,
    VisitHandling,
)

STEP_ACTION_PREFIX = "buoc_"
ACTION_LABELS = {
    "cai_dat_lan_dau": "Cài đặt lần đầu",
    "dang_nhap": "Đăng nhập",
    "tao_tai_khoan": "Tạo tài khoản",
    "sua_tai_khoan": "Sửa tài khoản",
    "dat_lai_mat_khau": "Đặt lại mật khẩu",
    "doi_mat_khau": "Đổi mật khẩu",
    "sua_thong_tin_don_vi": "Sửa thông tin đơn vị",
    "du_lieu_mau": "Thêm dữ liệu mẫu",
    "tao_lich_mac_dinh": "Tạo lịch nghỉ mặc định",
    "sua_lich": "Sửa lịch làm việc",
    "xoa_ngay_lich": "Bỏ ngày khỏi lịch",
    "xac_nhan_lich": "Xác nhận lịch nghỉ",
    "nhap_tep_lich": "Nhập tệp lịch",
    "sua_cai_dat_thoi_han": "Sửa cài đặt thời hạn",
    "ghi_luot_tiep": "Ghi sổ tiếp công dân",
    "sua_luot_tiep": "Sửa lượt tiếp công dân",
    "tao_don_tu_luot_tiep": "Vào sổ đơn từ lượt tiếp",
    "xuat_so_tiep_cong_dan": "Xuất, in sổ tiếp công dân",
    "vao_so_don": "Vào sổ đơn",
    "sua_don": "Sửa đơn",
    "phan_loai_don": "Phân loại đơn",
    "lien_ket_don_trung": "Liên kết đơn trùng",
    "xac_nhan_don_moi": "Xác nhận vụ việc mới",
    "xu_ly_don": "Xử lý đơn",
    "nhan_phuc_dap": "Nhận văn bản phúc đáp",
    "don_doc": "Đôn đốc giải quyết",
    "dinh_kem_don": "Đính kèm tệp vào đơn",
    "sua_cai_dat_so_van_ban": "Sửa cách đánh số văn bản",
    "sua_danh_muc_linh_vuc": "Sửa danh mục lĩnh vực",
    "cai_dat_giai_quyet": "Sửa cài đặt giải quyết",
    "ban_sao_to_xac_minh": "Lập bản sao hồ sơ cho tổ xác minh",
}

ENTITY_LABELS = {
    "unit": "Đơn vị",
    "app_user": "Tài khoản",
    "person": "Công dân",
    "reception_session": "Kỳ tiếp",
    "visit": "Lượt tiếp",
    "visit_person": "Người được tiếp",
    "letter": "Đơn",
    "letter_person": "Người đứng đơn",
    "legal_case": "Vụ việc",
    "case_event": "Bước xử lý",
    "deadline": "Thời hạn",
    "issued_document": "Văn bản",
    "attachment": "Tệp đính kèm",
    "calendar_day": "Lịch làm việc",
    "setting": "Cài đặt",
    "subject_area": "Lĩnh vực",
    "*": "Nhiều bảng",
}

OPERATION_LABELS = {
    "insert": "Thêm",
    "update": "Sửa",
    "delete": "Xóa",
    "bulk": "Thêm hàng loạt",
    "export": "Xuất, in",
}


def action_label(code: str) -> str:
    """An action's name; a resolution step (buoc_…) is named by its step."""
    if code.startswith(STEP_ACTION_PREFIX):
        return "Giải quyết: " + step_label(code.removeprefix(STEP_ACTION_PREFIX))
    return ACTION_LABELS.get(code, code)


def entity_label(code: str) -> str:
    return ENTITY_LABELS.get(code, code)


FIELD_LABELS = {
    "id": "Mã",
    "unit_id": "Đơn vị",
    "name": "Tên",
    "level": "Cấp",
    "province_code": "Mã tỉnh",
    "province_name": "Tỉnh/thành phố",
    "ward_code": "Mã xã/phường",
    "ward_name": "Xã/phường",
    "chairman_name": "Chủ tịch UBND",
    "remote_area": "Vùng sâu, vùng xa",
    "address": "Địa chỉ",
    "username": "Tên đăng nhập",
    "full_name": "Họ và tên",
    "role": "Vai trò",
    "password_hash": "Mật khẩu",
    "active": "Hoạt động",
    "must_change_password": "Phải đổi mật khẩu",
    "failed_login_count": "Số lần đăng nhập sai",
    "locked_until": "Khóa đến",
    "last_login_at": "Đăng nhập lần cuối",
    "password_changed_at": "Đổi mật khẩu lúc",
    "day": "Ngày",
    "kind": "Loại ngày",
    "legal_basis": "Căn cứ",
    "provisional": "Tạm tính",
    "source": "Nguồn",
    "due_on": "Hạn",
    "rule_id": "Quy tắc",
    "value_json": "Giá trị",
    # The reception register.
    "visited_at": "Ngày tiếp",
    "reception_type": "Hình thức tiếp",
    "session_id": "Kỳ tiếp",
    "chair_in_person": "Chủ tịch tiếp trực tiếp",
    "officer_id": "Cán bộ tiếp",
    "officer_name": "Cán bộ tiếp",
    "content": "Nội dung",
    "letter_type": "Phân loại",
    "area_code": "Lĩnh vực",
    "is_repeat": "Tiếp nhiều lần",
    "prior_handling": "Cơ quan đã giải quyết",
    "handling": "Hướng xử lý",
    "refusal_ground": "Lý do từ chối",
    "forwarded_to": "Cơ quan có thẩm quyền",
    "result_followup": "Theo dõi kết quả",
    "notes": "Ghi chú",
    "is_group": "Đoàn đông người",
    "head_count": "Số người",
    "case_id": "Vụ việc",
    "number": "Số",
    "year": "Năm",
    "birth_year": "Năm sinh",
    "gender": "Giới tính",
    "id_type": "Loại giấy tờ",
    "id_number": "Số giấy tờ",
    "phone": "Điện thoại",
    "held_on": "Ngày tiếp",
    "presided_by": "Người chủ trì",
    "status": "Trạng thái",
    "start_on": "Bắt đầu tính",
    "date_from": "Từ ngày",
    "date_to": "Đến ngày",
    "rows": "số dòng",
    "identities_shown": "có danh tính người tố cáo",
    "files": "tệp",
    # Figures of a bulk action (demo data, imports).
    "visits": "lượt tiếp",
    "letters": "đơn",
    "cases": "vụ việc",
    "case_events": "bước xử lý",
    "persons": "công dân",
    "sessions": "kỳ tiếp",
    "deadlines": "thời hạn",
    "seed": "hạt giống ngẫu nhiên",
    "seconds": "giây",
    # Matters under resolution.
    "case_type": "Loại vụ việc",
    "state": "Tình trạng",
    "from_state": "Từ tình trạng",
    "to_state": "Sang tình trạng",
    "resume_state": "Tiếp tục từ tình trạng",
    "summary": "Nội dung",
    "received_on": "Ngày nhận",
    "accepted_on": "Ngày thụ lý",
    "decided_on": "Ngày quyết định, kết luận",
    "closed_on": "Ngày kết thúc",
    "occurred_on": "Ngày thực hiện",
    "verdict": "Kết quả",
    "complexity": "Mức độ phức tạp",
    "extensions": "Số lần gia hạn",
    "verifier": "Người, tổ xác minh",
    "on_time": "Đúng hạn",
    "escalation_result": "Kết quả của cấp trên",
    "note": "Ghi chú",
    "doc_number": "Số văn bản",
    "doc_date": "Ngày ký",
    "doc_signer": "Người ký",
    "met_on": "Ngày hoàn thành",
    "paused_since": "Tạm dừng từ",
    "next_due_on": "Hạn gần nhất",
    "partly_withdrawn": "Đã rút một phần",
    "complexity_basis_json": "Căn cứ xác định mức độ phức tạp",
    "title": "Văn bản",
    "issued_on": "Ngày ban hành",
    "signer_name": "Người ký",
    "symbol": "Ký hiệu",
    "form_code": "Mẫu",
    "fully_enforced": "Đã thi hành xong",
    "case": "vụ việc",
    "file": "tệp",
}

# Fields whose stored codes have a Vietnamese label.
_FIELD_ENUMS: dict[str, type[LabelledEnum]] = {
    "role": Role,
    "level": UnitLevel,
    "kind": CalendarDayKind,
    "reception_type": ReceptionType,
    "letter_type": LetterType,
    "handling": VisitHandling,
    "refusal_ground": RefusalGround,
    "gender": Gender,
    "id_type": IdDocumentType,
    "status": DeadlineStatus,
    "state": CaseState,
    "from_state": CaseState,
    "to_state": CaseState,
    "resume_state": CaseState,
    "case_type": CaseType,
    "verdict": ResolutionVerdict,
    "complexity": Complexity,
}


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


def value_label(field: str, value: object) -> str:
    """A stored value as an official reads it."""
    if value is None or value == "":
        return "∅"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, str) and (field.endswith("_at") or field.endswith("_on")):
        return _as_vietnamese_date(value)
    if field == "complexity_basis_json" and isinstance(value, str):
        codes = json.loads(value or "[]")
        return "; ".join(ComplexityCriterion.of(code).label for code in codes) or "∅"
    enum_class = _FIELD_ENUMS.get(field)
    members = [*enum_class] if enum_class is not None else []
    if field == "state":  # a letter's or a matter's
        members += [*LetterState]
    found = next((m.label for m in members if m.value == value), None)
    if found is None and field == "kind":  # a calendar day's, or a matter's step
        return step_label(str(value))
    return found or str(value)


def _as_vietnamese_date(text: str) -> str:
    """ "2026-11-25T08:30:00" → "25/11/2026 08:30"; other text unchanged."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if len(text) == len("2026-11-25"):
        return moment.strftime("%d/%m/%Y")
    return moment.strftime("%d/%m/%Y %H:%M")


def number_text(value: float) -> str:
    """A figure the Vietnamese way: 1.234.567,5 (no trailing zeros)."""
    whole, _dot, fraction = f"{value:,.4f}".rstrip("0").rstrip(".").partition(".")
    whole = whole.replace(",", ".")
    return f"{whole},{fraction}" if fraction else whole
