"""The periods officials pick a register or a report by.

Calendar periods (this month, last month, this quarter, this year) and the
reporting periods of LEGAL.md §6.3, which run from the 15th of the previous
month to the 14th (◐: a setting later, when reports come).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

REPORT_START_DAY = 15  # a reporting month runs 15 → 14


class PeriodChoice(StrEnum):
    ALL = "tat_ca"
    THIS_MONTH = "thang_nay"
    LAST_MONTH = "thang_truoc"
    REPORT_MONTH = "ky_bao_cao_thang"
    THIS_QUARTER = "quy_nay"
    REPORT_QUARTER = "ky_bao_cao_quy"
    THIS_YEAR = "nam_nay"
    REPORT_YEAR = "ky_bao_cao_nam"
    CUSTOM = "tuy_chon"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    PeriodChoice.ALL: "Tất cả",
    PeriodChoice.THIS_MONTH: "Tháng này",
    PeriodChoice.LAST_MONTH: "Tháng trước",
    PeriodChoice.REPORT_MONTH: "Kỳ báo cáo tháng (15 → 14)",
    PeriodChoice.THIS_QUARTER: "Quý này",
    PeriodChoice.REPORT_QUARTER: "Kỳ báo cáo quý (15 → 14)",
    PeriodChoice.THIS_YEAR: "Năm nay",
    PeriodChoice.REPORT_YEAR: "Kỳ báo cáo năm (15/12 → 14/12)",
    PeriodChoice.CUSTOM: "Tùy chọn…",
}


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date

    def describe(self) -> str:
        return f"{self.first:%d/%m/%Y} – {self.last:%d/%m/%Y}"


def _month_start(year: int, month: int) -> dt.date:
    """The first day of a month counted from January of `year` (month may overflow)."""
    year += (month - 1) // 12
    return dt.date(year, (month - 1) % 12 + 1, 1)


def _report_end(year: int, month: int) -> dt.date:
    """The 14th of a month (month may be out of 1–12)."""
    return _month_start(year, month).replace(day=REPORT_START_DAY - 1)


def _report_span(today: dt.date, months: int) -> Period:
    """The reporting period of `months` months (1, 3 or 12) that contains today.
    It ends on the 14th of a month that is a multiple of `months` (March, June,
    September, December for quarters); from the 15th a day belongs to the next
    month's report."""
    month = today.month + (1 if today.day >= REPORT_START_DAY else 0)
    last_month = month + (-month % months)
    first = _month_start(today.year, last_month - months).replace(day=REPORT_START_DAY)
    return Period(first, _report_end(today.year, last_month))


def period_of(choice: PeriodChoice, today: dt.date) -> Period | None:
    """The dates a choice stands for today; None for all dates or a custom choice."""
    if choice is PeriodChoice.THIS_MONTH:
        start = today.replace(day=1)
        return Period(start, _month_start(today.year, today.month + 1) - dt.timedelta(days=1))
    if choice is PeriodChoice.LAST_MONTH:
        start = _month_start(today.year, today.month - 1)
        return Period(start, today.replace(day=1) - dt.timedelta(days=1))
    if choice is PeriodChoice.THIS_QUARTER:
        first_month = (today.month - 1) // 3 * 3 + 1
        start = dt.date(today.year, first_month, 1)
        return Period(start, _month_start(today.year, first_month + 3) - dt.timedelta(days=1))
    if choice is PeriodChoice.THIS_YEAR:
        return Period(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))
    if choice is PeriodChoice.REPORT_MONTH:
        return _report_span(today, 1)
    if choice is PeriodChoice.REPORT_QUARTER:
        return _report_span(today, 3)
    if choice is PeriodChoice.REPORT_YEAR:
        return _report_span(today, 12)
    return None
