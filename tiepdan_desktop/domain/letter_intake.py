"""Entering a letter in the register (LEGAL.md §2.2): what must be filled in, and
the legal clocks that start on the day it is received.
"""

from __future__ import annotations

import datetime as dt

from tiepdan_desktop.domain.enums import FilerKind, LetterPartyRole, LetterSource, LetterType
from tiepdan_desktop.domain.letter_classification import FilerIdentity
from tiepdan_desktop.domain.letter_records import LetterInput
from tiepdan_desktop.domain.reception import person_problems
from tiepdan_desktop.domain.text import normalize_text

# Sources where another body sent the letter: its name and document are recorded,
# and a letter outside this office's competence goes back to it.
FORWARDED_SOURCES = frozenset(
    {
        LetterSource.LEADER,
        LetterSource.NATIONAL_ASSEMBLY,
        LetterSource.PEOPLES_COUNCIL,
        LetterSource.FATHERLAND_FRONT,
        LetterSource.PRESS,
        LetterSource.OTHER_BODY,
    }
)
OLDEST_LETTER = dt.date(2000, 1, 1)

# The clocks started on the day a letter is received (LEGAL.md §3.1): X1 for
# processing any letter, T1 for a denunciation's first handling, K2 for accepting
# a complaint.  T2 starts when a denunciation is found outside the competence.
INTAKE_RULES: dict[LetterType, tuple[str, ...]] = {
    LetterType.COMPLAINT: ("X1", "K2"),
    LetterType.DENUNCIATION: ("X1", "T1"),
    LetterType.PETITION: ("X1",),
    LetterType.MIXED: ("X1",),
    LetterType.LAND_DISPUTE: ("X1",),
}


def is_forwarded(source: LetterSource) -> bool:
    return source in FORWARDED_SOURCES


def _filer_problems(letter: LetterInput, today: dt.date) -> dict[str, str]:
    if letter.filers is None:
        return {}
    problems: dict[str, str] = {}
    named = letter.filer_identity is not FilerIdentity.ANONYMOUS
    if named and not letter.filers and letter.filer_kind is not FilerKind.ORGANISATION:
        problems["filers"] = "Hãy nhập người đứng đơn (hoặc chọn «Nặc danh»)."
    if not named and letter.filers:
        problems["filers"] = "Đơn nặc danh không ghi người đứng đơn."
    for index, filer in enumerate(letter.filers):
        problems |= person_problems(index, filer.person, today)
    authorised = any(f.role is LetterPartyRole.AUTHORISED for f in letter.filers)
    if authorised and not normalize_text(letter.authorisation_doc or ""):
        problems["authorisation_doc"] = (
            "Người được ủy quyền: hãy ghi văn bản ủy quyền (số, ngày, nơi chứng thực)."
        )
    return problems


def letter_problems(letter: LetterInput, today: dt.date) -> dict[str, str]:
    """Everything that stops a letter from being saved, by field."""
    problems = _filer_problems(letter, today)
    if letter.received_on > today:
        problems["received_on"] = "Ngày nhận đơn không được sau hôm nay."
    elif letter.received_on < OLDEST_LETTER:
        problems["received_on"] = f"Ngày nhận đơn phải từ {OLDEST_LETTER:%d/%m/%Y} trở đi."
    if not normalize_text(letter.content):
        problems["content"] = "Hãy ghi tóm tắt nội dung đơn."
    if letter.filer_kind is FilerKind.ORGANISATION and not normalize_text(letter.filer_org or ""):
        problems["filer_org"] = "Hãy ghi tên cơ quan, tổ chức đứng đơn."
    if letter.filer_kind is FilerKind.MANY_SIGNERS and letter.signer_count < 2:
        problems["signer_count"] = "Đơn nhiều người đứng tên có từ 2 người ký trở lên."
    if letter.filer_kind is not FilerKind.MANY_SIGNERS and letter.signer_count != 1:
        problems["signer_count"] = "Đơn một người hoặc một tổ chức có 1 người ký."
    # An authorised representative files for the signers; they do not sign themselves.
    signers = [f for f in letter.filers or () if f.role is not LetterPartyRole.AUTHORISED]
    if letter.signer_count < len(signers):
        problems["signer_count"] = f"Số người ký ít hơn số người đã ghi tên ({len(signers)})."
    if is_forwarded(letter.source):
        if not normalize_text(letter.forwarded_by or ""):
            problems["forwarded_by"] = "Hãy ghi cơ quan, người đã chuyển đơn đến."
        if letter.forward_doc_date is not None and letter.forward_doc_date > letter.received_on:
            problems["forward_doc_date"] = "Ngày văn bản chuyển đơn không được sau ngày nhận đơn."
    return problems
