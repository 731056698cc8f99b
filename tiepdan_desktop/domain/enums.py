"""Code lists of the domain.

Values are stable ASCII codes stored in the database; `label` is the Vietnamese
wording shown to officials.  Adding a member is safe; renaming a value needs a
data migration.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self, cast


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry a Vietnamese label."""

    label: str

    def __new__(cls, value: str, label: str) -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def of(cls, value: str) -> Self:
        """The member stored as `value` (ValueError if there is none)."""
        member = cls._value2member_map_.get(value)
        if member is None:
            raise ValueError(f"{value!r} is not a {cls.__name__}")
        return cast(Self, member)


class Role(LabelledEnum):
    ADMIN = ("quan_tri", "Quản trị")
    LEADER = ("lanh_dao", "Lãnh đạo")
    OFFICER = ("can_bo", "Cán bộ")
    READ_ONLY = ("chi_xem", "Chỉ xem")


class UnitLevel(LabelledEnum):
    XA = ("xa", "Xã")
    PHUONG = ("phuong", "Phường")
    DAC_KHU = ("dac_khu", "Đặc khu")


class Gender(LabelledEnum):
    MALE = ("nam", "Nam")
    FEMALE = ("nu", "Nữ")
    OTHER = ("khac", "Khác")


class IdDocumentType(LabelledEnum):
    CCCD = ("cccd", "Căn cước / CCCD")
    CMND = ("cmnd", "CMND")
    PASSPORT = ("ho_chieu", "Hộ chiếu")
    OTHER = ("khac", "Giấy tờ khác")


class ReceptionType(LabelledEnum):
    """Luật Tiếp công dân Đ2: regular, periodic (by the chairman), ad hoc."""

    REGULAR = ("thuong_xuyen", "Thường xuyên")
    PERIODIC = ("dinh_ky", "Định kỳ")
    AD_HOC = ("dot_xuat", "Đột xuất")


class LetterType(LabelledEnum):
    """Classification by content (TT 05/2021 Đ6), not by the letter's title."""

    COMPLAINT = ("khieu_nai", "Khiếu nại")
    DENUNCIATION = ("to_cao", "Tố cáo")
    PETITION = ("kien_nghi_phan_anh", "Kiến nghị, phản ánh")
    MIXED = ("nhieu_noi_dung", "Nhiều nội dung")
    LAND_DISPUTE = ("tranh_chap_dat_dai", "Tranh chấp đất đai")


class VisitHandling(LabelledEnum):
    """Hướng xử lý at reception (Mẫu số 03 TT 04/2021 columns 8–10, plus the rest)."""

    ACCEPTED = ("thu_ly", "Thụ lý để giải quyết")
    RETURNED_GUIDED = ("tra_lai_huong_dan", "Trả lại đơn, hướng dẫn đến cơ quan có thẩm quyền")
    FORWARDED = ("chuyen_don", "Chuyển đơn đến cơ quan có thẩm quyền")
    LETTER_RECEIVED = ("nhan_don", "Tiếp nhận đơn để xử lý")
    REFUSED = ("tu_choi", "Từ chối tiếp")


class RefusalGround(LabelledEnum):
    """Luật Tiếp công dân Đ9."""

    INCAPACITATED = ("d9_1", "Say rượu, dùng chất kích thích, tâm thần, không làm chủ hành vi")
    DISORDERLY = ("d9_2", "Đe dọa, xúc phạm, vi phạm nội quy nơi tiếp công dân")
    ALREADY_RESOLVED = ("d9_3", "Vụ việc đã giải quyết đúng pháp luật, đã được hướng dẫn")
    OTHER_BY_LAW = ("d9_4", "Trường hợp khác theo quy định của pháp luật")


class VisitorRole(LabelledEnum):
    VISITOR = ("cong_dan", "Công dân")
    REPRESENTATIVE = ("dai_dien", "Người đại diện")
    MEMBER = ("thanh_vien", "Thành viên đoàn")


class LetterPartyRole(LabelledEnum):
    FILER = ("nguoi_dung_don", "Người đứng đơn")
    REPRESENTATIVE = ("dai_dien", "Người đại diện")
    AUTHORISED = ("duoc_uy_quyen", "Người được ủy quyền")


class LetterSource(LabelledEnum):
    """Nguồn đơn (TT 05/2021 Đ4), plus online filing (Luật 136/2025)."""

    IN_PERSON = ("truc_tiep", "Trực tiếp tại trụ sở, nơi tiếp công dân")
    POST = ("buu_chinh", "Qua dịch vụ bưu chính")
    MAILBOX = ("hop_thu", "Hộp thư góp ý")
    ONE_STOP = ("mot_cua", "Bộ phận một cửa")
    LEADER = ("lanh_dao_giao", "Lãnh đạo Đảng, Nhà nước chuyển")
    NATIONAL_ASSEMBLY = ("dbqh", "Đại biểu Quốc hội, cơ quan của Quốc hội chuyển")
    PEOPLES_COUNCIL = ("hdnd", "Đại biểu, Thường trực HĐND chuyển")
    FATHERLAND_FRONT = ("mttq", "Mặt trận Tổ quốc chuyển")
    PRESS = ("bao_chi", "Cơ quan báo chí chuyển")
    OTHER_BODY = ("co_quan_khac", "Cơ quan, tổ chức khác chuyển")
    ONLINE = ("truc_tuyen", "Trực tuyến (VNeID, Cổng dịch vụ công)")


class FilerKind(LabelledEnum):
    INDIVIDUAL = ("ca_nhan", "Cá nhân")
    ORGANISATION = ("co_quan_to_chuc", "Cơ quan, tổ chức")
    MANY_SIGNERS = ("nhieu_nguoi", "Nhiều người đứng tên")


class LetterState(LabelledEnum):
    RECEIVED = ("moi_nhan", "Mới tiếp nhận")
    CLASSIFIED = ("da_phan_loai", "Đã phân loại")
    PROPOSED = ("cho_quyet_dinh", "Đã đề xuất, chờ lãnh đạo quyết định")
    PROCESSED = ("da_xu_ly", "Đã xử lý")
    AWAITING_REPLY = ("cho_phuc_dap", "Chờ văn bản phúc đáp")
    ARCHIVED = ("luu_don", "Lưu đơn")


class LetterOutcome(LabelledEnum):
    """Hướng xử lý đơn (LEGAL.md §2.4)."""

    PROPOSE_ACCEPTANCE = ("de_xuat_thu_ly", "Đề xuất thụ lý")
    ACCEPTED = ("thu_ly", "Thụ lý")
    NOT_ACCEPTED = ("khong_thu_ly", "Không thụ lý")
    GUIDED = ("huong_dan", "Hướng dẫn")
    RETURNED = ("tra_lai_don", "Trả lại đơn")
    FORWARDED = ("chuyen_don", "Chuyển đơn")
    NOT_PROCESSED = ("khong_xu_ly", "Không xử lý")
    ARCHIVED = ("luu_don", "Lưu đơn")
    INSPECTION = ("thanh_tra_kiem_tra", "Chuyển thanh tra, kiểm tra")
    URGED = ("don_doc", "Đôn đốc giải quyết")
    ASSIGNED = ("giao_xem_xet", "Giao xem xét, trả lời")
    MEDIATION = ("hoa_giai", "Tổ chức hòa giải")


class CaseType(LabelledEnum):
    COMPLAINT_FIRST = ("khieu_nai_lan_dau", "Khiếu nại lần đầu")
    COMPLAINT_SECOND = ("khieu_nai_lan_hai", "Khiếu nại lần hai")
    DISCIPLINARY_COMPLAINT = ("khieu_nai_ky_luat", "Khiếu nại quyết định kỷ luật")
    DENUNCIATION = ("to_cao", "Tố cáo")
    PETITION = ("kien_nghi_phan_anh", "Kiến nghị, phản ánh")
    # Several contents in one letter: kept as one matter until the filer splits it.
    MIXED = ("nhieu_noi_dung", "Nhiều nội dung")
    LAND_DISPUTE = ("tranh_chap_dat_dai", "Tranh chấp đất đai")


class CaseState(LabelledEnum):
    """States of a matter (vụ việc) across the workflows of LEGAL.md §4."""

    NEW = ("moi", "Mới tiếp nhận")
    PROPOSED = ("de_xuat_thu_ly", "Đề xuất thụ lý")
    ACCEPTED = ("da_thu_ly", "Đã thụ lý")
    VERIFYING = ("dang_xac_minh", "Đang xác minh")
    VERIFIED = ("da_xac_minh", "Đã có báo cáo xác minh")
    DIALOGUE = ("doi_thoai", "Đối thoại")
    SUSPENDED = ("tam_dinh_chi", "Tạm đình chỉ")
    DECIDED = ("da_ban_hanh", "Đã ban hành quyết định, kết luận")
    ENFORCING = ("dang_thi_hanh", "Đang thi hành")
    ASSIGNED = ("da_giao", "Đã giao xem xét (kiến nghị, phản ánh)")
    AWAITING_REPLY = ("cho_phuc_dap", "Chờ phúc đáp")
    ESCALATED = ("chuyen_cap_tren", "Khiếu nại lần hai, khởi kiện")
    CLOSED = ("ket_thuc", "Đã kết thúc")
    WITHDRAWN = ("rut_don", "Rút đơn")
    TERMINATED = ("dinh_chi", "Đình chỉ")
    NOT_ACCEPTED = ("khong_thu_ly", "Không thụ lý")
    GUIDED = ("huong_dan", "Đã hướng dẫn")
    TRANSFERRED = ("da_chuyen", "Đã chuyển cơ quan có thẩm quyền")
    ARCHIVED = ("luu_don", "Lưu đơn")

    @property
    def is_open(self) -> bool:
        return self not in _FINAL_CASE_STATES


_FINAL_CASE_STATES = frozenset(
    {
        CaseState.CLOSED,
        CaseState.WITHDRAWN,
        CaseState.TERMINATED,
        CaseState.NOT_ACCEPTED,
        CaseState.GUIDED,
        CaseState.TRANSFERRED,
        CaseState.ARCHIVED,
    }
)


class Complexity(LabelledEnum):
    NORMAL = ("binh_thuong", "Bình thường")
    COMPLEX = ("phuc_tap", "Phức tạp")
    ESPECIALLY_COMPLEX = ("dac_biet_phuc_tap", "Đặc biệt phức tạp")


class ResolutionVerdict(LabelledEnum):
    """Đúng / đúng một phần / sai (Luật KN Đ31; Luật TC Đ35.2c)."""

    CORRECT = ("dung", "Đúng")
    PARTLY_CORRECT = ("dung_mot_phan", "Đúng một phần")
    WRONG = ("sai", "Sai")


class DeadlineStatus(LabelledEnum):
    OPEN = ("dang_chay", "Đang tính")
    MET = ("dung_han", "Đúng hạn")
    MISSED = ("tre_han", "Trễ hạn")
    CANCELLED = ("huy", "Không còn áp dụng")


class CalendarDayKind(LabelledEnum):
    PUBLIC_HOLIDAY = ("nghi_le", "Nghỉ lễ, Tết")
    COMPENSATORY_OFF = ("nghi_bu", "Nghỉ bù")
    SWAP_OFF = ("nghi_hoan_doi", "Nghỉ do hoán đổi")
    MAKEUP_WORKDAY = ("lam_bu", "Làm bù")
    LOCAL_OFF = ("nghi_dia_phuong", "Nghỉ theo quyết định địa phương")
