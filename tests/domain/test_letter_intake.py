"""Intake rules and content similarity of letters."""

from __future__ import annotations

import datetime as dt

from tiepdan_desktop.domain.enums import FilerKind, LetterPartyRole, LetterSource, LetterType
from tiepdan_desktop.domain.letter_classification import FilerIdentity
from tiepdan_desktop.domain.letter_intake import INTAKE_RULES, is_forwarded, letter_problems
from tiepdan_desktop.domain.letter_records import LetterFiler, LetterInput, LetterRefView
from tiepdan_desktop.domain.letter_similarity import (
    SIMILAR_CONTENT,
    content_words,
    distinctive_words,
    similarity,
)
from tiepdan_desktop.domain.visit_records import PersonInput

TODAY = dt.date(2026, 11, 25)
AN = LetterFiler(PersonInput("Trần Văn An"))


def _letter(**changes: object) -> LetterInput:
    values: dict[str, object] = {
        "received_on": dt.date(2026, 11, 20),
        "source": LetterSource.POST,
        "letter_type": LetterType.COMPLAINT,
        "content": "Khiếu nại quyết định thu hồi đất",
        "filers": (AN,),
    }
    values.update(changes)
    return LetterInput(**values)  # type: ignore[arg-type]


def test_a_complete_letter_has_no_problems() -> None:
    assert letter_problems(_letter(), TODAY) == {}
    assert letter_problems(_letter(filers=None), TODAY) == {}  # filers kept as they are


def test_each_problem_is_named_by_its_field() -> None:
    assert set(letter_problems(_letter(received_on=dt.date(1999, 1, 1)), TODAY)) == {"received_on"}
    future = _letter(received_on=TODAY + dt.timedelta(days=1), content=" ")
    assert set(letter_problems(future, TODAY)) == {"received_on", "content"}
    unnamed = _letter(source=LetterSource.LEADER)
    assert set(letter_problems(unnamed, TODAY)) == {"forwarded_by"}
    assert set(letter_problems(_letter(filers=()), TODAY)) == {"filers"}
    organisation = _letter(filers=(), filer_kind=FilerKind.ORGANISATION)
    assert set(letter_problems(organisation, TODAY)) == {"filer_org"}
    assert (
        letter_problems(
            _letter(filers=(), filer_kind=FilerKind.ORGANISATION, filer_org="HTX"), TODAY
        )
        == {}
    )
    anonymous = _letter(filer_identity=FilerIdentity.ANONYMOUS)
    assert set(letter_problems(anonymous, TODAY)) == {"filers"}
    assert set(letter_problems(_letter(filer_kind=FilerKind.MANY_SIGNERS), TODAY)) == {
        "signer_count"
    }
    assert set(letter_problems(_letter(signer_count=3), TODAY)) == {"signer_count"}
    two = (AN, LetterFiler(PersonInput("Lê Bình")))
    crowded = _letter(filers=two, filer_kind=FilerKind.MANY_SIGNERS, signer_count=2)
    assert letter_problems(crowded, TODAY) == {}
    few = _letter(filers=(*two, AN), filer_kind=FilerKind.MANY_SIGNERS, signer_count=2)
    assert set(letter_problems(few, TODAY)) == {"signer_count"}
    authorised = _letter(filers=(LetterFiler(PersonInput("Võ Cường"), LetterPartyRole.AUTHORISED),))
    assert set(letter_problems(authorised, TODAY)) == {"authorisation_doc"}
    # One filer and the person they authorised: one signature, not two.
    for_an = _letter(
        filers=(AN, LetterFiler(PersonInput("Võ Cường"), LetterPartyRole.AUTHORISED)),
        authorisation_doc="Giấy ủy quyền ngày 01/11/2026, UBND phường chứng thực",
    )
    assert letter_problems(for_an, TODAY) == {}
    forwarded = _letter(
        source=LetterSource.PRESS,
        forwarded_by="Báo Tuổi Trẻ",
        forward_doc_date=dt.date(2026, 11, 21),
    )
    assert set(letter_problems(forwarded, TODAY)) == {"forward_doc_date"}
    assert is_forwarded(LetterSource.PRESS) and not is_forwarded(LetterSource.ONLINE)


def test_every_type_starts_the_processing_clock() -> None:
    assert all(rules[0] == "X1" for rules in INTAKE_RULES.values())
    assert set(INTAKE_RULES) == set(LetterType)


def test_similar_content_survives_rewording_and_differs_from_other_matters() -> None:
    original = "Khiếu nại quyết định thu hồi đất thửa 123 tờ bản đồ 7 khu phố 3"
    resent = "Tôi tiếp tục khiếu nại: thửa đất 123, tờ bản đồ số 7, khu phố 3 bị thu hồi"
    other = "Kiến nghị lắp đèn chiếu sáng hẻm 12 đường Lê Lợi"
    assert similarity(original, resent) >= SIMILAR_CONTENT > similarity(original, other)
    assert similarity("", original) == 0.0
    assert "va" not in content_words("và thửa đất")
    assert distinctive_words(original, 2) == ["khieu", "dinh"]  # longest, then A→Z
    assert LetterRefView(letter_id=None, year=2026, number=5).label == "5/2026"  # type: ignore[arg-type]
