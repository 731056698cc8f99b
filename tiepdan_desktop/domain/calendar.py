"""The civil-service working-day calendar (LEGAL.md §3.0.4, §7).

Monday to Friday are working days, except the days the calendar marks off
(public holidays, compensatory days, swapped days, local days off); a Saturday
marked as a make-up working day (làm bù) is a working day.  Every special day
carries its name and legal basis, so a deadline can say which days it skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from tiepdan_desktop.domain.enums import CalendarDayKind

DAYS_OFF = frozenset(
    {
        CalendarDayKind.PUBLIC_HOLIDAY,
        CalendarDayKind.COMPENSATORY_OFF,
        CalendarDayKind.SWAP_OFF,
        CalendarDayKind.LOCAL_OFF,
    }
)
WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class SpecialDay:
    day: dt.date
    kind: CalendarDayKind
    name: str
    legal_basis: str | None = None
    # Seeded or announced, but not yet confirmed by an official notice.
    provisional: bool = False

    @property
    def is_day_off(self) -> bool:
        return self.kind in DAYS_OFF


def weekday_name(day: dt.date) -> str:
    return WEEKDAY_NAMES[day.weekday()]


def format_day(day: dt.date) -> str:
    """25/11/2026 (Thứ Tư): dates the way officials write them."""
    return f"{day:%d/%m/%Y} ({weekday_name(day)})"


class WorkCalendar:
    def __init__(
        self, special_days: Iterable[SpecialDay] = (), known_years: Iterable[int] | None = None
    ) -> None:
        """`known_years`: the years whose days off the calendar holds in full.  Outside
        them only weekends are known, so a date computed there is uncertain.  None
        means the days given are the whole truth for every year (tests, examples)."""
        self._special = {special.day: special for special in special_days}
        self.known_years = None if known_years is None else frozenset(known_years)

    def missing_years(self, first: dt.date, last: dt.date) -> tuple[int, ...]:
        """The years from `first` to `last` (none if `last` is before `first`)
        whose days off are not in the calendar."""
        if self.known_years is None or last < first:
            return ()
        years = range(first.year, last.year + 1)
        return tuple(year for year in years if year not in self.known_years)

    def special(self, day: dt.date) -> SpecialDay | None:
        return self._special.get(day)

    def special_days(self) -> list[SpecialDay]:
        return sorted(self._special.values(), key=lambda s: s.day)

    def is_working_day(self, day: dt.date) -> bool:
        special = self._special.get(day)
        if special is not None:  # every special day is a day off or a make-up day
            return special.kind is CalendarDayKind.MAKEUP_WORKDAY
        return day.weekday() < 5

    def why_not_working(self, day: dt.date) -> str:
        """The name of a day off: the holiday's own name, or the weekday."""
        special = self._special.get(day)
        if special is not None and special.is_day_off:
            return special.name
        return weekday_name(day)

    def is_provisional(self, day: dt.date) -> bool:
        special = self._special.get(day)
        return special is not None and special.provisional

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself if it is a working day, otherwise the first one after it."""
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def count_working_days(self, first: dt.date, last: dt.date) -> int:
        """Working days from `first` to `last`, both included."""
        return sum(
            1 for n in range((last - first).days + 1) if self.is_working_day(first + n * ONE_DAY)
        )
