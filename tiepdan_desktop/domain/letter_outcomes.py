"""What may be done with a classified letter (LEGAL.md §2.4, §4.1–4.5) and the
official documents each outcome issues.

`outcome_options` turns a classification and the matter's past (guided or
forwarded before?) into the outcomes the officer can choose, the recommended
one first, each with its documents, the letter's next state and its legal basis.
A blocked option stays in the list with the reason, so the screen can explain
why it cannot be chosen ("hướng dẫn một lần", "chuyển đơn một lần").
"""

from __future__ import annotations

from dataclasses import dataclass

from tiepdan_desktop.domain.enums import LabelledEnum, LetterOutcome, LetterState, LetterType
from tiepdan_desktop.domain.letter_classification import (
    Classification,
    FilerIdentity,
    SpecialSituation,
)


class ComplaintRejectionGround(LabelledEnum):
    """Luật Khiếu nại Điều 11: the grounds for not accepting a complaint."""

    INTERNAL_DECISION = (
        "k1",
        "Quyết định, hành vi hành chính trong nội bộ cơ quan nhà nước, chỉ đạo, điều hành "
        "hoặc có chứa quy phạm pháp luật (khoản 1)",
    )
    NO_DIRECT_INTEREST = (
        "k2",
        "Quyết định, hành vi bị khiếu nại không liên quan trực tiếp đến quyền, lợi ích hợp "
        "pháp của người khiếu nại (khoản 2)",
    )
    NO_CAPACITY = (
        "k3",
        "Người khiếu nại không có năng lực hành vi dân sự đầy đủ mà không có người đại diện "
        "hợp pháp (khoản 3)",
    )
    UNLAWFUL_REPRESENTATIVE = ("k4", "Người đại diện không hợp pháp thực hiện khiếu nại (khoản 4)")
    UNSIGNED = ("k5", "Đơn khiếu nại không có chữ ký hoặc điểm chỉ của người khiếu nại (khoản 5)")
    TIME_BAR = (
        "k6",
        "Thời hiệu, thời hạn khiếu nại đã hết mà không có lý do chính đáng (khoản 6)",
    )
    SECOND_DECISION_EXISTS = ("k7", "Khiếu nại đã có quyết định giải quyết lần hai (khoản 7)")
    TERMINATED_NOT_CONTINUED = (
        "k8",
        "Có văn bản thông báo đình chỉ việc giải quyết khiếu nại mà sau 30 ngày người khiếu "
        "nại không tiếp tục khiếu nại (khoản 8)",
    )
    IN_COURT = (
        "k9",
        "Việc khiếu nại đã được Tòa án thụ lý hoặc đã được giải quyết bằng bản án, quyết định "
        "của Tòa án (khoản 9)",
    )


@dataclass(frozen=True)
class MatterPast:
    """What was already done for the same matter, here or before."""

    guided: int = 0
    forwarded: int = 0


@dataclass(frozen=True)
class OutcomeOption:
    outcome: LetterOutcome
    documents: tuple[str, ...]  # template codes under resources/templates/
    next_state: LetterState
    basis: str
    needs_body: bool = False  # the body the letter goes, or the filer is guided, to
    needs_ground: bool = False  # a Luật Khiếu nại Đ11 ground
    leader_only: bool = False  # an act of the chairman (Permission.DECIDE)
    blocked: str | None = None


def _option(
    outcome: LetterOutcome,
    state: LetterState,
    basis: str,
    *documents: str,
    **flags: bool | str | None,
) -> OutcomeOption:
    return OutcomeOption(outcome, documents, state, basis, **flags)  # type: ignore[arg-type]


_ARCHIVE = _option(
    LetterOutcome.ARCHIVED, LetterState.ARCHIVED, "Thông tư 05/2021/TT-TTCP (lưu đơn)"
)
# A letter another body sent here, outside this office's competence, goes back to it.
_RETURN = _option(
    LetterOutcome.RETURNED,
    LetterState.PROCESSED,
    "Thông tư 05/2021/TT-TTCP (trả lại đơn cho cơ quan đã chuyển đến)",
    "tra-lai-don",
    needs_body=True,
)
_PROPOSE = _option(
    LetterOutcome.PROPOSE_ACCEPTANCE,
    LetterState.PROPOSED,
    "Thông tư 05/2021/TT-TTCP Mẫu số 01",
    "tt05-mau-01",
)


def _guide(past: MatterPast, basis: str, *documents: str) -> OutcomeOption:
    blocked = (
        "Đã hướng dẫn cho việc này trước đây; chỉ hướng dẫn một lần, đơn gửi lại thì lưu đơn."
        if past.guided
        else None
    )
    return _option(
        LetterOutcome.GUIDED,
        LetterState.PROCESSED,
        basis,
        *documents,
        needs_body=True,
        blocked=blocked,
    )


def _complaint(c: Classification, forwarded_in: bool, past: MatterPast) -> list[OutcomeOption]:
    not_accept = _option(
        LetterOutcome.NOT_ACCEPTED,
        LetterState.PROCESSED,
        "Luật Khiếu nại Điều 11, Điều 27; Nghị định 124/2020/NĐ-CP Mẫu số 04",
        "nd124-mau-04",
        needs_ground=True,
        leader_only=True,
    )
    if c.competent:
        accept = _option(
            LetterOutcome.ACCEPTED,
            LetterState.PROCESSED,
            "Luật Khiếu nại Điều 27; Nghị định 124/2020/NĐ-CP Mẫu số 03",
            "nd124-mau-03",
            leader_only=True,
        )
        return [_PROPOSE, accept, not_accept] if c.eligible else [not_accept, _ARCHIVE]
    guide = _guide(past, "Thông tư 05/2021/TT-TTCP Điều 8, Mẫu số 02", "tt05-mau-02")
    if forwarded_in:
        return [_RETURN, _ARCHIVE]
    return [guide, _ARCHIVE] if not guide.blocked else [_ARCHIVE, guide]


def _denunciation(
    c: Classification, forwarded_in: bool, in_person: bool, past: MatterPast
) -> list[OutcomeOption]:
    not_processed = _option(
        LetterOutcome.NOT_PROCESSED, LetterState.ARCHIVED, "Luật Tố cáo Điều 24 khoản 3, Điều 25"
    )
    if c.identity is not FilerIdentity.NAMED:
        inspection = _option(
            LetterOutcome.INSPECTION,
            LetterState.PROCESSED,
            "Luật Tố cáo Điều 25 khoản 2",
            needs_body=True,
        )
        if SpecialSituation.CONCRETE_EVIDENCE in c.situations:
            return [inspection, not_processed]
        return [not_processed, inspection]
    if c.situations & {SpecialSituation.SENT_TO_MANY, SpecialSituation.RESENT_AFTER_GUIDANCE}:
        return [not_processed]
    if c.competent:
        if not c.eligible:
            refuse = _option(
                LetterOutcome.NOT_ACCEPTED,
                LetterState.PROCESSED,
                "Luật Tố cáo Điều 24 khoản 1, Điều 29 khoản 1",
                "tc-khong-thu-ly",
                leader_only=True,
            )
            return [refuse, not_processed]
        accept = _option(
            LetterOutcome.ACCEPTED,
            LetterState.PROCESSED,
            "Luật Tố cáo Điều 29; Nghị định 31/2019/NĐ-CP Mẫu số 04, 05, 06",
            "nd31-mau-04",
            "nd31-mau-05",
            "nd31-mau-06",
            leader_only=True,
        )
        return [_PROPOSE, accept]
    forward = _option(
        LetterOutcome.FORWARDED,
        LetterState.AWAITING_REPLY,
        "Luật Tố cáo Điều 24 khoản 2; Thông tư 05/2021/TT-TTCP Mẫu số 03",
        "tt05-mau-03",
        needs_body=True,
        blocked=(
            "Đơn tố cáo này đã được chuyển một lần; không chuyển tiếp (Luật Tố cáo Điều 24)."
            if past.forwarded
            else None
        ),
    )
    guide = _guide(past, "Luật Tố cáo Điều 24 khoản 2 (hướng dẫn trực tiếp)")
    if in_person and not forwarded_in:
        return [guide, forward, not_processed]
    return [forward, not_processed] if not forward.blocked else [not_processed, forward]


def _petition(c: Classification, forwarded_in: bool) -> list[OutcomeOption]:
    if c.competent:
        assign = _option(
            LetterOutcome.ASSIGNED,
            LetterState.PROCESSED,
            "Luật Tiếp công dân Điều 26 khoản 2",
            needs_body=True,
        )
        return [assign, _ARCHIVE]
    forward = _option(
        LetterOutcome.FORWARDED,
        LetterState.AWAITING_REPLY,
        "Luật Tiếp công dân Điều 26 khoản 2 điểm b",
        "chuyen-don-knpa",
        needs_body=True,
    )
    return [forward, _RETURN, _ARCHIVE] if forwarded_in else [forward, _ARCHIVE]


def outcome_options(
    c: Classification, forwarded_in: bool, in_person: bool, past: MatterPast = MatterPast()
) -> list[OutcomeOption]:
    """The outcomes open to this letter, the recommended one first.

    `forwarded_in`: another body sent the letter here; `in_person`: the filer
    handed it in at reception.
    """
    settled = c.situations & {SpecialSituation.ALREADY_RESOLVED}
    if c.letter_type is LetterType.DENUNCIATION:
        options = _denunciation(c, forwarded_in, in_person, past)
    elif settled or (SpecialSituation.RESENT_AFTER_GUIDANCE in c.situations and past.guided):
        return [_ARCHIVE]
    elif c.letter_type is LetterType.COMPLAINT:
        options = _complaint(c, forwarded_in, past)
    elif c.letter_type is LetterType.PETITION:
        options = _petition(c, forwarded_in)
    elif c.letter_type is LetterType.MIXED:
        split = _guide(
            MatterPast(),  # guiding to split the letter is not the once-only guidance
            "Luật Tiếp công dân Điều 25 khoản 3 (hướng dẫn tách nội dung)",
            "tt05-mau-02",
        )
        options = [split, _ARCHIVE]
    else:  # land dispute: the commune's mediation, or guidance to the competent body
        mediation = _option(
            LetterOutcome.MEDIATION, LetterState.PROCESSED, "Luật Đất đai 2024 Điều 235"
        )
        guide = _guide(past, "Luật Đất đai 2024 Điều 236", "tt05-mau-02")
        options = [mediation, guide, _ARCHIVE] if c.competent else [guide, _ARCHIVE]
    if settled and c.letter_type is LetterType.DENUNCIATION:
        return [_ARCHIVE, *options]
    return options
