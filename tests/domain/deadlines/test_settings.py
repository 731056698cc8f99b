from __future__ import annotations

import pytest

from tiepdan_desktop.domain.deadlines import DeadlineSettings, PeriodUnit, RuleLength
from tiepdan_desktop.domain.deadlines.settings import settings_problems, validated
from tiepdan_desktop.domain.errors import ValidationError


def test_defaults_follow_legal_md() -> None:
    settings = DeadlineSettings()
    assert settings.roll_forward and settings.warning_working_days == 3
    assert settings.lengths == {
        "K2": RuleLength(10, PeriodUnit.DAYS),
        "K7": RuleLength(10, PeriodUnit.DAYS),
        "X1": RuleLength(10, PeriodUnit.WORKING_DAYS),
        "K13": RuleLength(1, PeriodUnit.YEARS),
        "P2": RuleLength(30, PeriodUnit.DAYS),
    }


def test_settings_survive_storage() -> None:
    changed = DeadlineSettings(
        roll_forward=False,
        warning_working_days=5,
        lengths={**DeadlineSettings().lengths, "K2": RuleLength(10, PeriodUnit.WORKING_DAYS)},
    )
    assert DeadlineSettings.from_json(changed.to_json()) == changed


@pytest.mark.parametrize(
    "stored",
    [
        "not json",
        "[1, 2]",
        '{"warning_working_days": 99}',
        '{"lengths": {"K3": {"days": 5, "unit": "days"}}}',
    ],
)
def test_damaged_or_invalid_settings_fall_back_to_the_defaults(stored: str) -> None:
    assert DeadlineSettings.from_json(stored) == DeadlineSettings()


def test_unreadable_lengths_are_ignored_one_by_one() -> None:
    stored = (
        '{"lengths": {"K2": {"days": 10, "unit": "working_days"}, "X1": {"unit": "weeks"},'
        ' "P2": 7}}'
    )
    settings = DeadlineSettings.from_json(stored)
    assert settings.lengths["K2"] == RuleLength(10, PeriodUnit.WORKING_DAYS)
    assert settings.lengths["X1"] == RuleLength(10, PeriodUnit.WORKING_DAYS)
    assert settings.lengths["P2"] == RuleLength(30, PeriodUnit.DAYS)


def test_only_configurable_rules_take_a_length_and_within_bounds() -> None:
    bad = DeadlineSettings(
        warning_working_days=-1,
        lengths={
            "K3": RuleLength(40, PeriodUnit.DAYS),
            "P2": RuleLength(0, PeriodUnit.DAYS),
            "X1": RuleLength(3, PeriodUnit.YEARS),
            "K13": RuleLength(365, PeriodUnit.DAYS),
            "K2": RuleLength(251, PeriodUnit.WORKING_DAYS),
        },
    )
    problems = settings_problems(bad)
    assert set(problems) == {"warning_working_days", "K3", "P2", "X1", "K13", "K2"}
    assert problems["X1"] == "X1 không tính theo đơn vị «năm»."
    assert problems["K2"] == "Độ dài của K2 phải từ 1 đến 250 ngày làm việc."
    fine = DeadlineSettings(
        lengths={**DeadlineSettings().lengths, "K13": RuleLength(5, PeriodUnit.YEARS)}
    )
    assert settings_problems(fine) == {}
    with pytest.raises(ValidationError):
        validated(bad)
    assert validated(DeadlineSettings()) == DeadlineSettings()
