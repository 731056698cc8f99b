"""Classifying a letter (TT 05/2021 Đ6, LEGAL.md §2.3.2): the four axes — type by
content, processing conditions, competence, number of filers — the status at other
bodies, and the special situations the office must flag.

Pure data and rules: the services store the officer's answers and these decide
what follows from them (eligible or not, with the reason kept).
"""

from __future__ import annotations

from dataclasses import dataclass

from tiepdan_desktop.domain.enums import LabelledEnum, LetterType


class Condition(LabelledEnum):
    """The conditions for processing a letter (TT 05/2021 Đ6.2)."""

    VIETNAMESE = ("tieng_viet", "Viết bằng tiếng Việt (hoặc có bản dịch công chứng)")
    DATED = ("ghi_ngay", "Ghi ngày, tháng, năm viết đơn")
    NAME_ADDRESS = ("ho_ten_dia_chi", "Ghi rõ họ tên, địa chỉ của người viết đơn")
    SIGNED = ("chu_ky", "Có chữ ký hoặc điểm chỉ của người viết đơn")
    COMPLAINT_CONTENT = (
        "noi_dung_khieu_nai",
        "Nêu rõ tên, địa chỉ người bị khiếu nại, nội dung, lý do, tài liệu và yêu cầu",
    )
    DENOUNCED_CONDUCT = (
        "nguoi_bi_to_cao",
        "Nêu rõ người bị tố cáo và hành vi vi phạm pháp luật bị tố cáo",
    )
    CONTACT = ("cach_lien_he", "Có cách thức liên hệ với người tố cáo")
    PETITION_CONTENT = ("noi_dung_ro_rang", "Nội dung kiến nghị, phản ánh rõ ràng")


_COMMON = (Condition.VIETNAMESE, Condition.DATED, Condition.NAME_ADDRESS, Condition.SIGNED)
CONDITIONS_BY_TYPE: dict[LetterType, tuple[Condition, ...]] = {
    LetterType.COMPLAINT: (*_COMMON, Condition.COMPLAINT_CONTENT),
    LetterType.DENUNCIATION: (*_COMMON, Condition.DENOUNCED_CONDUCT, Condition.CONTACT),
    LetterType.PETITION: (*_COMMON, Condition.PETITION_CONTENT),
    LetterType.MIXED: _COMMON,
    LetterType.LAND_DISPUTE: _COMMON,
}


class PriorStatus(LabelledEnum):
    """Where the matter stands at other bodies (LEGAL.md §2.3.3)."""

    COMPLAINT_FIRST = ("kn_lan_dau", "Khiếu nại lần đầu")
    COMPLAINT_SECOND = ("kn_lan_hai", "Khiếu nại lần hai")
    COURT_JUDGMENT = ("da_co_ban_an", "Đã có bản án của Tòa án")
    DENUNCIATION_FIRST = ("tc_lan_dau", "Tố cáo lần đầu")
    DENUNCIATION_AGAIN = ("tc_tiep", "Tố cáo tiếp")
    DENUNCIATION_OVERDUE = ("tc_qua_han", "Quá thời hạn chưa được giải quyết")
    DENUNCIATION_CONCLUDED = ("tc_da_ket_luan", "Đã có kết luận giải quyết")


PRIOR_STATUSES_BY_TYPE: dict[LetterType, tuple[PriorStatus, ...]] = {
    LetterType.COMPLAINT: (
        PriorStatus.COMPLAINT_FIRST,
        PriorStatus.COMPLAINT_SECOND,
        PriorStatus.COURT_JUDGMENT,
    ),
    LetterType.DENUNCIATION: (
        PriorStatus.DENUNCIATION_FIRST,
        PriorStatus.DENUNCIATION_AGAIN,
        PriorStatus.DENUNCIATION_OVERDUE,
        PriorStatus.DENUNCIATION_CONCLUDED,
    ),
}


class SpecialSituation(LabelledEnum):
    """Situations that change what may be done with a letter (LEGAL.md §2.3.2)."""

    SENT_TO_MANY = (
        "gui_nhieu_noi",
        "Gửi đồng thời nhiều cơ quan, trong đó có cơ quan có thẩm quyền",
    )
    RESENT_AFTER_GUIDANCE = ("gui_lai_sau_huong_dan", "Gửi lại sau khi đã được hướng dẫn")
    MIXED_COMPLAINT_DENUNCIATION = ("kn_tc_lan_lon", "Vừa khiếu nại vừa tố cáo")
    ALREADY_RESOLVED = (
        "da_giai_quyet",
        "Đã có quyết định, kết luận có hiệu lực và không có tình tiết mới",
    )
    CONCRETE_EVIDENCE = (
        "co_bang_chung_cu_the",
        "Nặc danh, mạo danh nhưng nội dung rõ ràng, có tài liệu, chứng cứ cụ thể",
    )


class FilerIdentity(LabelledEnum):
    NAMED = ("ro_ten", "Ghi rõ họ tên")
    ANONYMOUS = ("nac_danh", "Nặc danh (không ghi tên)")
    PSEUDONYMOUS = ("mao_danh", "Mạo danh (tên người khác)")


@dataclass(frozen=True)
class Classification:
    """The officer's answers on the four axes and the flags."""

    letter_type: LetterType
    conditions_met: frozenset[Condition] = frozenset()
    competent: bool | None = None
    competent_body: str | None = None
    prior_status: PriorStatus | None = None
    situations: frozenset[SpecialSituation] = frozenset()
    identity: FilerIdentity = FilerIdentity.NAMED
    many_filers: bool = False
    note: str | None = None  # the officer's own words on the reason
    area_code: str | None = None

    def unmet_conditions(self) -> tuple[Condition, ...]:
        return tuple(
            c for c in CONDITIONS_BY_TYPE[self.letter_type] if c not in self.conditions_met
        )

    @property
    def eligible(self) -> bool:
        return not self.unmet_conditions()

    def ineligible_reason(self) -> str | None:
        """Why the letter cannot be processed, kept with it: the unmet conditions
        in the law's words, then the officer's note."""
        unmet = self.unmet_conditions()
        if not unmet:
            return None
        lines = ["Không đáp ứng điều kiện xử lý (Thông tư 05/2021/TT-TTCP Điều 6):"]
        lines += [f"- {condition.label}" for condition in unmet]
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)


def classification_problems(classification: Classification) -> dict[str, str]:
    """Field → Vietnamese message for answers that contradict each other."""
    problems: dict[str, str] = {}
    if classification.competent is None:
        problems["competent"] = "Hãy chọn đơn có thuộc thẩm quyền giải quyết hay không."
    elif not classification.competent and not (classification.competent_body or "").strip():
        problems["competent_body"] = "Hãy ghi cơ quan có thẩm quyền giải quyết."
    allowed = PRIOR_STATUSES_BY_TYPE.get(classification.letter_type, ())
    if classification.prior_status is not None and classification.prior_status not in allowed:
        problems["prior_status"] = (
            f"Tình trạng «{classification.prior_status.label}» không dùng cho đơn "
            f"{classification.letter_type.label.lower()}."
        )
    if (
        SpecialSituation.CONCRETE_EVIDENCE in classification.situations
        and classification.identity is FilerIdentity.NAMED
    ):
        problems["situations"] = (
            "«Có bằng chứng cụ thể» chỉ dùng cho đơn nặc danh hoặc mạo danh (Luật Tố cáo Điều 25)."
        )
    return problems
