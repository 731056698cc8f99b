"""What the home page (Tổng quan) shows: the office's work lists with their
counts, the chairman's reception days and the letters of the last 12 months."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from enum import StrEnum

from tiepdan_desktop.domain.enums import LetterType


class WorkList(StrEnum):
    TO_PROCESS = "can_xu_ly"  # letters not yet given an outcome
    DUE_TODAY = "den_han_hom_nay"  # a running legal clock ends today
    DUE_THIS_WEEK = "den_han_tuan_nay"  # … ends between today and Sunday
    OVERDUE = "qua_han"  # … ended before today
    AWAITING_REPLY = "cho_phuc_dap"  # forwarded letters without a reply
    NEEDS_URGING = "can_don_doc"  # … for longer than the office waits before urging

    @property
    def label(self) -> str:
        return {
            "can_xu_ly": "Cần xử lý",
            "den_han_hom_nay": "Đến hạn hôm nay",
            "den_han_tuan_nay": "Đến hạn tuần này",
            "qua_han": "Quá hạn",
            "cho_phuc_dap": "Chờ phúc đáp",
            "can_don_doc": "Cần đôn đốc",
        }[self.value]


@dataclass(frozen=True)
class WorkItem:
    """One letter or matter of a work list, identities masked where protected."""

    kind: str  # "letter" or "case"
    record_id: uuid.UUID
    label: str  # "Đơn số 12/2026", "Vụ việc số 5/2026"
    type_label: str
    people: str
    summary: str
    what: str  # the clock that is due, or what the letter waits for
    due_on: dt.date | None
    identity_hidden: bool


@dataclass(frozen=True)
class WorkListPage:
    which: WorkList
    total: int
    items: tuple[WorkItem, ...]  # the first of them (the list is capped)


@dataclass(frozen=True)
class MonthLetters:
    first_day: dt.date  # the month
    by_type: tuple[tuple[LetterType, int], ...]

    @property
    def total(self) -> int:
        return sum(count for _kind, count in self.by_type)


@dataclass(frozen=True)
class TodaySummary:
    today: dt.date
    week_ends: dt.date  # the Sunday "this week" runs to
    counts: tuple[tuple[WorkList, int], ...]
    reception_rule: str
    reception_days: tuple[dt.date, ...]  # the chairman's next ones
    receptions_held: int  # periodic reception days held this week or month
    receptions_required: int
    months: tuple[MonthLetters, ...]  # the last 12, oldest first

    def count(self, which: WorkList) -> int:
        return dict(self.counts)[which]
