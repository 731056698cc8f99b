"""The legal core: time limits as data (rules.py) and an explainable engine (engine.py)."""

from tiepdan_desktop.domain.deadlines.engine import (
    DeadlineError,
    DeadlineRequest,
    DeadlineResult,
    Pause,
    SkippedDay,
    compute_deadline,
    find_rule,
)
from tiepdan_desktop.domain.deadlines.rules import (
    NOT_DEADLINES,
    RULES,
    RULES_BY_ID,
    PeriodUnit,
    Rule,
)
from tiepdan_desktop.domain.deadlines.settings import DeadlineSettings, RuleLength

__all__ = [
    "NOT_DEADLINES",
    "RULES",
    "RULES_BY_ID",
    "DeadlineError",
    "DeadlineRequest",
    "DeadlineResult",
    "DeadlineSettings",
    "Pause",
    "PeriodUnit",
    "Rule",
    "RuleLength",
    "SkippedDay",
    "compute_deadline",
    "find_rule",
]
