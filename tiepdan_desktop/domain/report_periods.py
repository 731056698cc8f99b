"""Reporting periods (kỳ báo cáo), LEGAL.md §6.3.

A period is named the way the province asks for it — month, quarter, six
months, nine months, year — or given as a date range.  Under the reporting
regime (the default) a period ends on the 14th of its last month and starts on
the 15th of the month before its first: Quarter I is 15/12 → 14/3.  Whether
TT 06/2025 kept that cut-off is unconfirmed (✖), so the day is a setting, and
an office may count calendar months instead.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from tiepdan_desktop.domain.errors import ValidationError


class PeriodKind(StrEnum):
    MONTH = "thang"
    QUARTER = "quy"
    HALF_YEAR = "6_thang"
    NINE_MONTHS = "9_thang"
    YEAR = "nam"
    CUSTOM = "tuy_chon"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    PeriodKind.MONTH: "Tháng",
    PeriodKind.QUARTER: "Quý",
    PeriodKind.HALF_YEAR: "6 tháng",
    PeriodKind.NINE_MONTHS: "9 tháng",
    PeriodKind.YEAR: "Năm",
    PeriodKind.CUSTOM: "Khoảng ngày tùy chọn",
}

ROMAN = ("I", "II", "III", "IV")


class CutoffMode(StrEnum):
    REPORTING = "ky_bao_cao"  # 15th of the previous month → 14th
    CALENDAR = "lich"  # 1st → last day of the month

    @property
    def label(self) -> str:
        if self is CutoffMode.REPORTING:
            return "Theo chế độ báo cáo (từ ngày 15 tháng trước đến ngày 14)"
        return "Theo tháng dương lịch (từ ngày 1 đến cuối tháng)"


@dataclass(frozen=True)
class ReportSettings:
    """How the office counts its reporting periods (Cài đặt › Báo cáo)."""

    cutoff: CutoffMode = CutoffMode.REPORTING
    # The first day of a reporting month; the period ends the day before it.
    start_day: int = 15

    def problems(self) -> dict[str, str]:
        if not 2 <= self.start_day <= 28:
            return {"start_day": "Ngày bắt đầu kỳ báo cáo phải từ ngày 2 đến ngày 28."}
        return {}


@dataclass(frozen=True)
class ReportPeriod:
    kind: PeriodKind
    year: int
    # Month 1–12, quarter 1–4; 0 for the kinds that have no index.
    index: int
    first: dt.date
    last: dt.date

    @property
    def code(self) -> str:
        """The name the command line takes: 2026-10, 2026-Q3, 2026-H1, 2026-9M, 2026."""
        return {
            PeriodKind.MONTH: f"{self.year}-{self.index:02d}",
            PeriodKind.QUARTER: f"{self.year}-Q{self.index}",
            PeriodKind.HALF_YEAR: f"{self.year}-H1",
            PeriodKind.NINE_MONTHS: f"{self.year}-9M",
            PeriodKind.YEAR: f"{self.year}",
            PeriodKind.CUSTOM: f"{self.first.isoformat()}:{self.last.isoformat()}",
        }[self.kind]

    @property
    def title(self) -> str:
        """How the period is named on screen and in file names' captions."""
        return {
            PeriodKind.MONTH: f"Tháng {self.index}/{self.year}",
            PeriodKind.QUARTER: f"Quý {ROMAN[(self.index - 1) % 4]} năm {self.year}",
            PeriodKind.HALF_YEAR: f"6 tháng đầu năm {self.year}",
            PeriodKind.NINE_MONTHS: f"9 tháng năm {self.year}",
            PeriodKind.YEAR: f"Năm {self.year}",
            PeriodKind.CUSTOM: f"Từ {self.first:%d/%m/%Y} đến {self.last:%d/%m/%Y}",
        }[self.kind]

    @property
    def data_range(self) -> str:
        """The header line of every form (TT 01/2024)."""
        return f"Số liệu tính từ ngày {self.first:%d/%m/%Y} đến ngày {self.last:%d/%m/%Y}"

    def contains(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


def _month_start(year: int, month: int) -> dt.date:
    """The 1st of a month counted from January of `year` (month may be out of 1–12)."""
    year += (month - 1) // 12
    return dt.date(year, (month - 1) % 12 + 1, 1)


def _span(
    settings: ReportSettings, year: int, first_month: int, last_month: int
) -> tuple[dt.date, dt.date]:
    """The dates of the reporting months first_month … last_month of `year`."""
    if settings.cutoff is CutoffMode.CALENDAR:
        first = _month_start(year, first_month)
        last = _month_start(year, last_month + 1) - dt.timedelta(days=1)
        return first, last
    first = _month_start(year, first_month - 1).replace(day=settings.start_day)
    last = _month_start(year, last_month).replace(day=settings.start_day - 1)
    return first, last


_MONTHS_OF: dict[PeriodKind, tuple[int, int]] = {
    PeriodKind.HALF_YEAR: (1, 6),
    PeriodKind.NINE_MONTHS: (1, 9),
    PeriodKind.YEAR: (1, 12),
}


def make_period(
    kind: PeriodKind, year: int, index: int = 0, settings: ReportSettings | None = None
) -> ReportPeriod:
    """The period of a kind in a year (index: the month or the quarter)."""
    settings = settings or ReportSettings()
    if not 2000 <= year <= 2100:
        raise ValidationError({"period": f"Năm {year} nằm ngoài khoảng 2000–2100."})
    if kind is PeriodKind.MONTH:
        if not 1 <= index <= 12:
            raise ValidationError({"period": f"Tháng {index} không có (1–12)."})
        months = (index, index)
    elif kind is PeriodKind.QUARTER:
        if not 1 <= index <= 4:
            raise ValidationError({"period": f"Quý {index} không có (1–4)."})
        months = (index * 3 - 2, index * 3)
    elif kind in _MONTHS_OF:
        months, index = _MONTHS_OF[kind], 0
    else:
        raise ValidationError({"period": "Khoảng ngày tùy chọn cần ngày bắt đầu và kết thúc."})
    first, last = _span(settings, year, *months)
    return ReportPeriod(kind, year, index, first, last)


def custom_period(first: dt.date, last: dt.date) -> ReportPeriod:
    if last < first:
        raise ValidationError({"period": "Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu."})
    if (last - first).days > 366 * 5:
        raise ValidationError({"period": "Một báo cáo chỉ tính tối đa 5 năm."})
    return ReportPeriod(PeriodKind.CUSTOM, last.year, 0, first, last)


_PATTERNS: tuple[tuple[re.Pattern[str], PeriodKind], ...] = (
    (re.compile(r"(\d{4})-(\d{1,2})"), PeriodKind.MONTH),
    (re.compile(r"(\d{4})-[Qq]([1-4])"), PeriodKind.QUARTER),
    (re.compile(r"(\d{4})-[Hh]1"), PeriodKind.HALF_YEAR),
    (re.compile(r"(\d{4})-9[Mm]"), PeriodKind.NINE_MONTHS),
    (re.compile(r"(\d{4})"), PeriodKind.YEAR),
)

PERIOD_SYNTAX = "2026-10, 2026-Q3, 2026-H1, 2026-9M, 2026 hoặc 2026-01-01:2026-03-31"


def parse_period(text: str, settings: ReportSettings | None = None) -> ReportPeriod:
    """A period from its command-line name; ValidationError names the accepted forms."""
    text = text.strip()
    if ":" in text:
        start, _, end = text.partition(":")
        try:
            return custom_period(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
        except ValueError:
            pass
    else:
        for pattern, kind in _PATTERNS:
            match = pattern.fullmatch(text)
            if match:
                index = int(match.group(2)) if match.lastindex == 2 else 0
                return make_period(kind, int(match.group(1)), index, settings)
    raise ValidationError(
        {"period": f"Kỳ báo cáo «{text}» không hợp lệ; hãy viết {PERIOD_SYNTAX}."}
    )


def period_containing(
    kind: PeriodKind, day: dt.date, settings: ReportSettings | None = None
) -> ReportPeriod:
    """The period of a kind to offer for a day (the screen's default choice): the
    month or quarter it falls in; for 6 months, 9 months and a year, the one of
    its reporting year (which may have ended before the day)."""
    settings = settings or ReportSettings()
    year = day.year
    if settings.cutoff is CutoffMode.REPORTING and (day.month, day.day) >= (12, settings.start_day):
        year += 1  # from 15/12 a day belongs to next year's first reports
    if kind not in (PeriodKind.MONTH, PeriodKind.QUARTER):
        whole = PeriodKind.YEAR if kind is PeriodKind.CUSTOM else kind
        return make_period(whole, year, 0, settings)
    count = 12 if kind is PeriodKind.MONTH else 4
    periods = (make_period(kind, year, index, settings) for index in range(1, count + 1))
    # The year was chosen so that its last period ends on or after the day.
    return next(period for period in periods if period.last >= day)


def _months_back(period: ReportPeriod, count: int, settings: ReportSettings) -> list[ReportPeriod]:
    months = []
    year, month = period.year, period.index
    for _ in range(count):
        months.append(make_period(PeriodKind.MONTH, year, month, settings))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


_FIRST_LAST_MONTH: dict[PeriodKind, tuple[int, int]] = {
    PeriodKind.HALF_YEAR: (1, 6),
    PeriodKind.NINE_MONTHS: (1, 9),
    PeriodKind.YEAR: (1, 12),
}


def month_spans(period: ReportPeriod, settings: ReportSettings | None = None) -> list[ReportPeriod]:
    """The months a report's chart shows, counted as the report counts them: the
    period's reporting months, or for a monthly report the 12 ending with it; a
    custom range is cut into calendar months."""
    settings = settings or ReportSettings()
    if period.kind is PeriodKind.MONTH:
        return _months_back(period, 12, settings)
    if period.kind is PeriodKind.CUSTOM:
        spans = []
        start = period.first
        while start <= period.last:
            following = _month_start(start.year, start.month + 1)
            spans.append(custom_period(start, min(following - dt.timedelta(days=1), period.last)))
            start = following
        return spans
    first, last = (
        (period.index * 3 - 2, period.index * 3)
        if period.kind is PeriodKind.QUARTER
        else _FIRST_LAST_MONTH[period.kind]
    )
    last_month = make_period(PeriodKind.MONTH, period.year, last, settings)
    return _months_back(last_month, last - first + 1, settings)
