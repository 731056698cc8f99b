"""Rules of the reception register (Luật Tiếp công dân 2013; TT 04/2021 Mẫu số 03).

- A group (đoàn đông người) is five or more people on one content; 5–10 people
  send 1 or 2 representatives, more than 10 up to 5 (Đ29).  The register warns
  when this is not met; it does not refuse, since the office records what happened.
- A visit is checked before it is saved: content, classification, handling and
  its details, the people and their papers, a date not in the future.
- Who visited about a denunciation is not shown to those who may not know it:
  the register shows a code instead of the name (Luật Tố cáo Đ8.3).
"""

from __future__ import annotations

import datetime as dt

from tiepdan_desktop.domain.confidentiality import identity_is_protected
from tiepdan_desktop.domain.enums import LetterType, ReceptionType, VisitHandling, VisitorRole
from tiepdan_desktop.domain.text import normalize_text
from tiepdan_desktop.domain.validators import id_problem, phone_problem
from tiepdan_desktop.domain.visit_records import PersonInput, VisitInput

GROUP_MIN_PEOPLE = 5
SMALL_GROUP_MAX, SMALL_GROUP_REPRESENTATIVES, LARGE_GROUP_REPRESENTATIVES = 10, 2, 5
OLDEST_BIRTH_YEAR = 1900
# Handlings after which the visitor is owed an answer within 10 working days (R1).
ANSWER_OWED = frozenset(
    {VisitHandling.ACCEPTED, VisitHandling.FORWARDED, VisitHandling.LETTER_RECEIVED}
)
# Handlings that name the body the visitor or the letter goes to.
NAMES_A_BODY = frozenset({VisitHandling.FORWARDED, VisitHandling.RETURNED_GUIDED})
_PROTECTED_CODES = {LetterType.DENUNCIATION: "TC", LetterType.MIXED: "ND"}


def representatives_allowed(head_count: int) -> int | None:
    """How many representatives a group of `head_count` may send (None: not a group)."""
    if head_count < GROUP_MIN_PEOPLE:
        return None
    if head_count <= SMALL_GROUP_MAX:
        return SMALL_GROUP_REPRESENTATIVES
    return LARGE_GROUP_REPRESENTATIVES


def group_warnings(head_count: int, representatives: int) -> list[str]:
    """What the form points out about a group visit against Luật TCD Điều 29."""
    allowed = representatives_allowed(head_count)
    if allowed is None:
        return [
            f"Đoàn đông người là từ {GROUP_MIN_PEOPLE} người trở lên cùng một nội dung "
            "(Luật Tiếp công dân Điều 29)."
        ]
    if representatives == 0:
        return ["Đoàn đông người phải cử người đại diện để trình bày (Luật Tiếp công dân Điều 29)."]
    if representatives > allowed:
        size = "từ 5 đến 10 người" if allowed == SMALL_GROUP_REPRESENTATIVES else "trên 10 người"
        return [
            f"Đoàn {size} cử không quá {allowed} người đại diện "
            f"(Luật Tiếp công dân Điều 29); đoàn này có {representatives}."
        ]
    return []


def protected_visitor_label(letter_type: LetterType | None, year: int, number: int) -> str:
    """What the register shows instead of a protected visitor's name."""
    code = _PROTECTED_CODES.get(letter_type or LetterType.MIXED, "ND")
    who = "Người tố cáo" if letter_type is LetterType.DENUNCIATION else "Người gửi (bảo mật)"
    return f"{who} {code}-{year}-{number:04d}"


def identity_hidden(letter_type: LetterType | None, may_see_denouncers: bool) -> bool:
    return identity_is_protected(letter_type) and not may_see_denouncers


def person_problems(index: int, person: PersonInput, today: dt.date) -> dict[str, str]:
    problems: dict[str, str] = {}
    prefix = f"people.{index}."
    if not normalize_text(person.full_name):
        problems[prefix + "full_name"] = "Hãy nhập họ và tên."
    if person.birth_year is not None and not OLDEST_BIRTH_YEAR <= person.birth_year <= today.year:
        problems[prefix + "birth_year"] = f"Năm sinh phải từ {OLDEST_BIRTH_YEAR} đến {today.year}."
    if person.id_number and person.id_number.strip():
        if person.id_type is None:
            problems[prefix + "id_type"] = "Hãy chọn loại giấy tờ."
        elif message := id_problem(
            person.id_type, person.id_number, person.gender, person.birth_year
        ):
            problems[prefix + "id_number"] = message
    if person.phone and person.phone.strip() and (message := phone_problem(person.phone)):
        problems[prefix + "phone"] = message
    return problems


def visit_problems(visit: VisitInput, now: dt.datetime) -> dict[str, str]:
    """Everything that stops a visit from being saved, by field."""
    problems: dict[str, str] = {}
    if visit.visited_at.date() > now.date():
        problems["visited_at"] = "Ngày tiếp không được sau hôm nay."
    if visit.reception_type is not ReceptionType.REGULAR:
        if not normalize_text(visit.presided_by or ""):
            problems["presided_by"] = (
                "Hãy ghi người chủ trì kỳ tiếp (Chủ tịch hoặc người được ủy quyền)."
            )
        if visit.chair_in_person is None:
            problems["chair_in_person"] = "Hãy chọn Chủ tịch tiếp trực tiếp hay ủy quyền."
    if visit.people is not None:
        if not visit.people:
            problems["people"] = "Hãy nhập người đến (hoặc người đại diện của đoàn)."
        for index, person in enumerate(visit.people):
            problems |= person_problems(index, person, now.date())
        if visit.is_group and visit.head_count < len(visit.people):
            problems["head_count"] = (
                f"Số người của đoàn ít hơn số người đã ghi tên ({len(visit.people)})."
            )
    if not visit.is_group and visit.head_count != 1:
        problems["head_count"] = (
            "Lượt tiếp một người có số người là 1; đoàn đông người hãy chọn «Đoàn»."
        )
    if not normalize_text(visit.content):
        problems["content"] = "Hãy ghi tóm tắt nội dung vụ việc."
    if visit.letter_type is None and visit.handling is not VisitHandling.REFUSED:
        problems["letter_type"] = "Hãy phân loại nội dung (khiếu nại, tố cáo, kiến nghị …)."
    if visit.handling is VisitHandling.REFUSED and visit.refusal_ground is None:
        problems["refusal_ground"] = "Hãy chọn lý do từ chối tiếp (Luật Tiếp công dân Điều 9)."
    if visit.handling in NAMES_A_BODY and not normalize_text(visit.forwarded_to or ""):
        problems["forwarded_to"] = "Hãy ghi cơ quan có thẩm quyền."
    if visit.is_repeat and visit.case_id is None and not normalize_text(visit.prior_handling or ""):
        problems["prior_handling"] = (
            "Lượt tiếp nhiều lần: hãy chọn vụ việc đã có hoặc ghi cơ quan đã giải quyết."
        )
    return problems


def visit_warnings(visit: VisitInput) -> list[str]:
    """What is worth a second look but may be saved as it is."""
    if not visit.is_group or visit.people is None:
        return []
    representatives = sum(1 for p in visit.people if p.role is VisitorRole.REPRESENTATIVE)
    return group_warnings(visit.head_count, representatives)
