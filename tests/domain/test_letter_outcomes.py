"""Classification (TT 05/2021 Đ6) and the outcomes open to a letter (LEGAL.md §2.4)."""

from __future__ import annotations

import pytest

from tiepdan_desktop.domain.enums import LetterOutcome, LetterState, LetterType
from tiepdan_desktop.domain.letter_classification import (
    CONDITIONS_BY_TYPE,
    Classification,
    Condition,
    FilerIdentity,
    PriorStatus,
    SpecialSituation,
    classification_problems,
)
from tiepdan_desktop.domain.letter_outcomes import MatterPast, OutcomeOption, outcome_options


def _classified(letter_type: LetterType, **changes: object) -> Classification:
    values: dict[str, object] = {
        "letter_type": letter_type,
        "conditions_met": frozenset(CONDITIONS_BY_TYPE[letter_type]),
        "competent": True,
    }
    values.update(changes)
    return Classification(**values)  # type: ignore[arg-type]


def _outcomes(options: list[OutcomeOption]) -> list[LetterOutcome]:
    return [option.outcome for option in options]


def _open(options: list[OutcomeOption]) -> list[LetterOutcome]:
    return [option.outcome for option in options if option.blocked is None]


class TestConditions:
    def test_each_type_has_its_own_conditions_besides_the_common_ones(self) -> None:
        assert Condition.SIGNED in CONDITIONS_BY_TYPE[LetterType.COMPLAINT]
        assert Condition.COMPLAINT_CONTENT in CONDITIONS_BY_TYPE[LetterType.COMPLAINT]
        assert Condition.DENOUNCED_CONDUCT in CONDITIONS_BY_TYPE[LetterType.DENUNCIATION]
        assert Condition.CONTACT not in CONDITIONS_BY_TYPE[LetterType.PETITION]

    def test_a_letter_missing_a_condition_is_not_eligible_and_says_which(self) -> None:
        unsigned = _classified(
            LetterType.COMPLAINT,
            conditions_met=frozenset(CONDITIONS_BY_TYPE[LetterType.COMPLAINT]) - {Condition.SIGNED},
            note="Đơn photo, không có chữ ký gốc.",
        )
        assert not unsigned.eligible
        reason = unsigned.ineligible_reason()
        assert reason is not None
        assert "Có chữ ký hoặc điểm chỉ" in reason and reason.endswith("không có chữ ký gốc.")
        assert _classified(LetterType.COMPLAINT).ineligible_reason() is None
        undated = _classified(LetterType.PETITION, conditions_met=frozenset())
        assert undated.ineligible_reason() == "\n".join(
            ["Không đáp ứng điều kiện xử lý (Thông tư 05/2021/TT-TTCP Điều 6):"]
            + [f"- {c.label}" for c in CONDITIONS_BY_TYPE[LetterType.PETITION]]
        )

    def test_contradictory_answers_are_named_field_by_field(self) -> None:
        problems = classification_problems(
            _classified(
                LetterType.PETITION,
                competent=False,
                prior_status=PriorStatus.COMPLAINT_SECOND,
                situations=frozenset({SpecialSituation.CONCRETE_EVIDENCE}),
            )
        )
        assert set(problems) == {"competent_body", "prior_status", "situations"}
        assert classification_problems(_classified(LetterType.COMPLAINT, competent=None)) == {
            "competent": "Hãy chọn đơn có thuộc thẩm quyền giải quyết hay không."
        }
        assert not classification_problems(
            _classified(
                LetterType.DENUNCIATION,
                prior_status=PriorStatus.DENUNCIATION_AGAIN,
                identity=FilerIdentity.ANONYMOUS,
                situations=frozenset({SpecialSituation.CONCRETE_EVIDENCE}),
            )
        )


class TestComplaints:
    def test_within_competence_it_is_proposed_then_accepted_or_not(self) -> None:
        options = outcome_options(_classified(LetterType.COMPLAINT), False, False)
        assert _outcomes(options) == [
            LetterOutcome.PROPOSE_ACCEPTANCE,
            LetterOutcome.ACCEPTED,
            LetterOutcome.NOT_ACCEPTED,
        ]
        propose, accept, refuse = options
        assert propose.documents == ("tt05-mau-01",) and propose.next_state is LetterState.PROPOSED
        assert accept.documents == ("nd124-mau-03",) and accept.leader_only
        assert refuse.documents == ("nd124-mau-04",) and refuse.needs_ground

    def test_not_eligible_it_is_not_accepted_or_kept(self) -> None:
        unsigned = _classified(LetterType.COMPLAINT, conditions_met=frozenset())
        assert _outcomes(outcome_options(unsigned, False, False)) == [
            LetterOutcome.NOT_ACCEPTED,
            LetterOutcome.ARCHIVED,
        ]

    def test_outside_competence_the_filer_is_guided_once(self) -> None:
        elsewhere = _classified(LetterType.COMPLAINT, competent=False, competent_body="UBND tỉnh")
        first = outcome_options(elsewhere, False, True)
        assert _open(first)[0] is LetterOutcome.GUIDED and first[0].documents == ("tt05-mau-02",)
        again = outcome_options(elsewhere, False, True, MatterPast(guided=1))
        assert _open(again) == [LetterOutcome.ARCHIVED]
        guided = next(o for o in again if o.outcome is LetterOutcome.GUIDED)
        assert guided.blocked is not None and "một lần" in guided.blocked

    def test_a_forwarded_complaint_outside_competence_goes_back_to_the_sender(self) -> None:
        elsewhere = _classified(LetterType.COMPLAINT, competent=False, competent_body="Sở Y tế")
        options = outcome_options(elsewhere, True, False)
        assert _outcomes(options) == [LetterOutcome.RETURNED, LetterOutcome.ARCHIVED]
        assert options[0].documents == ("tra-lai-don",)

    def test_settled_or_resent_after_guidance_it_is_kept(self) -> None:
        settled = _classified(
            LetterType.COMPLAINT, situations=frozenset({SpecialSituation.ALREADY_RESOLVED})
        )
        assert _outcomes(outcome_options(settled, False, False)) == [LetterOutcome.ARCHIVED]
        resent = _classified(
            LetterType.COMPLAINT,
            competent=False,
            competent_body="UBND tỉnh",
            situations=frozenset({SpecialSituation.RESENT_AFTER_GUIDANCE}),
        )
        past = MatterPast(guided=1)
        assert _outcomes(outcome_options(resent, False, False, past)) == [LetterOutcome.ARCHIVED]


class TestDenunciations:
    def test_within_competence_acceptance_issues_the_decision_and_both_notices(self) -> None:
        options = outcome_options(_classified(LetterType.DENUNCIATION), False, False)
        assert _outcomes(options) == [LetterOutcome.PROPOSE_ACCEPTANCE, LetterOutcome.ACCEPTED]
        assert options[1].documents == ("nd31-mau-04", "nd31-mau-05", "nd31-mau-06")

    def test_conditions_not_met_the_denouncer_is_told_why(self) -> None:
        vague = _classified(LetterType.DENUNCIATION, conditions_met=frozenset())
        options = outcome_options(vague, False, False)
        assert options[0].outcome is LetterOutcome.NOT_ACCEPTED
        assert options[0].documents == ("tc-khong-thu-ly",)

    def test_outside_competence_it_is_forwarded_once_and_waits_for_the_reply(self) -> None:
        elsewhere = _classified(
            LetterType.DENUNCIATION, competent=False, competent_body="Thanh tra tỉnh"
        )
        options = outcome_options(elsewhere, False, False)
        assert options[0].outcome is LetterOutcome.FORWARDED
        assert options[0].documents == ("tt05-mau-03",)
        assert options[0].next_state is LetterState.AWAITING_REPLY
        again = outcome_options(elsewhere, False, False, MatterPast(forwarded=1))
        assert LetterOutcome.FORWARDED not in _open(again)

    def test_in_person_outside_competence_the_denouncer_is_guided_first(self) -> None:
        elsewhere = _classified(LetterType.DENUNCIATION, competent=False, competent_body="CA")
        assert _outcomes(outcome_options(elsewhere, False, True))[0] is LetterOutcome.GUIDED

    @pytest.mark.parametrize(
        "situation", [SpecialSituation.SENT_TO_MANY, SpecialSituation.RESENT_AFTER_GUIDANCE]
    )
    def test_sent_to_many_or_again_after_guidance_it_is_not_processed(
        self, situation: SpecialSituation
    ) -> None:
        letter = _classified(LetterType.DENUNCIATION, situations=frozenset({situation}))
        options = outcome_options(letter, False, False)
        assert _outcomes(options) == [LetterOutcome.NOT_PROCESSED]
        assert options[0].next_state is LetterState.ARCHIVED

    def test_an_anonymous_letter_is_checked_only_with_concrete_evidence(self) -> None:
        anonymous = _classified(LetterType.DENUNCIATION, identity=FilerIdentity.ANONYMOUS)
        assert _outcomes(outcome_options(anonymous, False, False))[0] is (
            LetterOutcome.NOT_PROCESSED
        )
        concrete = _classified(
            LetterType.DENUNCIATION,
            identity=FilerIdentity.PSEUDONYMOUS,
            situations=frozenset({SpecialSituation.CONCRETE_EVIDENCE}),
        )
        assert _outcomes(outcome_options(concrete, False, False))[0] is LetterOutcome.INSPECTION

    def test_a_concluded_denunciation_without_new_facts_is_kept(self) -> None:
        settled = _classified(
            LetterType.DENUNCIATION, situations=frozenset({SpecialSituation.ALREADY_RESOLVED})
        )
        assert _outcomes(outcome_options(settled, False, False))[0] is LetterOutcome.ARCHIVED


class TestOtherTypes:
    def test_a_petition_is_assigned_here_or_forwarded(self) -> None:
        here = outcome_options(_classified(LetterType.PETITION), False, False)
        assert _outcomes(here) == [LetterOutcome.ASSIGNED, LetterOutcome.ARCHIVED]
        elsewhere = _classified(LetterType.PETITION, competent=False, competent_body="Điện lực")
        options = outcome_options(elsewhere, True, False)
        assert _outcomes(options) == [
            LetterOutcome.FORWARDED,
            LetterOutcome.RETURNED,
            LetterOutcome.ARCHIVED,
        ]
        assert options[0].documents == ("chuyen-don-knpa",)
        direct = outcome_options(elsewhere, False, False)
        assert _outcomes(direct) == [LetterOutcome.FORWARDED, LetterOutcome.ARCHIVED]

    def test_several_contents_are_split_by_guidance_even_after_an_earlier_guidance(
        self,
    ) -> None:
        mixed = _classified(LetterType.MIXED)
        options = outcome_options(mixed, False, False, MatterPast(guided=1))
        assert _open(options)[0] is LetterOutcome.GUIDED

    def test_a_land_dispute_is_mediated_here_or_guided_elsewhere(self) -> None:
        here = outcome_options(_classified(LetterType.LAND_DISPUTE), False, False)
        assert _outcomes(here)[0] is LetterOutcome.MEDIATION
        elsewhere = _classified(
            LetterType.LAND_DISPUTE, competent=False, competent_body="UBND tỉnh"
        )
        assert _outcomes(outcome_options(elsewhere, False, False))[0] is LetterOutcome.GUIDED
