"""What an office decides about time limits the law leaves open (LEGAL.md §3).

- the length and unit of the configurable rules (K2/K7: "10 ngày" in the law,
  "10 ngày làm việc" in the guidance; X1, P2, K13 unconfirmed);
- whether a calendar-day period that ends on a day off moves to the next
  working day (Bộ luật Dân sự Đ148.5; default on);
- how many working days before a due date the warning starts (default 3).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tiepdan_desktop.domain.deadlines.rules import RULES, RULES_BY_ID, PeriodUnit, Rule
from tiepdan_desktop.domain.errors import ValidationError

# The longest length an office may set, by unit: the law's own periods are at
# most 90 days or a year; anything longer is a typing slip.
MAX_LENGTH = {PeriodUnit.DAYS: 365, PeriodUnit.WORKING_DAYS: 250, PeriodUnit.YEARS: 5}


def allowed_units(rule: Rule) -> tuple[PeriodUnit, ...]:
    """A period the law gives in years stays in years; one in days may be counted
    in calendar or in working days (the K2/K7 question)."""
    if rule.unit is PeriodUnit.YEARS:
        return (PeriodUnit.YEARS,)
    return (PeriodUnit.DAYS, PeriodUnit.WORKING_DAYS)


@dataclass(frozen=True)
class RuleLength:
    days: int
    unit: PeriodUnit


def _defaults() -> dict[str, RuleLength]:
    return {rule.id: RuleLength(rule.days, rule.unit) for rule in RULES if rule.configurable}


@dataclass(frozen=True)
class DeadlineSettings:
    roll_forward: bool = True
    warning_working_days: int = 3
    lengths: Mapping[str, RuleLength] = field(default_factory=_defaults)

    def length_of(self, rule: Rule) -> RuleLength:
        if rule.configurable and rule.id in self.lengths:
            return self.lengths[rule.id]
        return RuleLength(rule.days, rule.unit)

    def to_json(self) -> str:
        return json.dumps(
            {
                "roll_forward": self.roll_forward,
                "warning_working_days": self.warning_working_days,
                "lengths": {
                    rule_id: {"days": length.days, "unit": length.unit.value}
                    for rule_id, length in sorted(self.lengths.items())
                },
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> DeadlineSettings:
        """Settings as stored; anything missing or unreadable falls back to the default."""
        try:
            raw: Any = json.loads(text)
        except json.JSONDecodeError:
            return cls()
        if not isinstance(raw, dict):
            return cls()
        lengths = _defaults()
        for rule_id, value in (raw.get("lengths") or {}).items():
            try:
                lengths[rule_id] = RuleLength(int(value["days"]), PeriodUnit(value["unit"]))
            except (KeyError, TypeError, ValueError):
                continue
        candidate = cls(
            roll_forward=bool(raw.get("roll_forward", True)),
            warning_working_days=int(raw.get("warning_working_days", 3)),
            lengths=lengths,
        )
        return candidate if not settings_problems(candidate) else cls()


def settings_problems(settings: DeadlineSettings) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not 0 <= settings.warning_working_days <= 30:
        problems["warning_working_days"] = "Số ngày cảnh báo trước hạn phải từ 0 đến 30."
    for rule_id, length in settings.lengths.items():
        rule = RULES_BY_ID.get(rule_id)
        if rule is None or not rule.configurable:
            problems[rule_id] = f"Quy tắc {rule_id} không cho phép đặt độ dài."
        elif length.unit not in allowed_units(rule):
            problems[rule_id] = f"{rule_id} không tính theo đơn vị «{length.unit.label}»."
        elif not 1 <= length.days <= MAX_LENGTH[length.unit]:
            most = MAX_LENGTH[length.unit]
            problems[rule_id] = f"Độ dài của {rule_id} phải từ 1 đến {most} {length.unit.label}."
    return problems


def validated(settings: DeadlineSettings) -> DeadlineSettings:
    if problems := settings_problems(settings):
        raise ValidationError(problems)
    return settings
