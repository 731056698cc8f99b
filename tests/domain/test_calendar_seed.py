from __future__ import annotations

import datetime as dt

from tiepdan_desktop.domain.calendar_seed import LABOUR_CODE, seed_days
from tiepdan_desktop.domain.enums import CalendarDayKind as K

TODAY = dt.date(2026, 11, 25)


def _by_day(years: range) -> dict[dt.date, object]:
    return {special.day: special for special in seed_days(years, TODAY)}


def test_holidays_are_classified_by_kind() -> None:
    days = _by_day(range(2026, 2027))
    assert days[dt.date(2026, 2, 17)].kind is K.PUBLIC_HOLIDAY  # type: ignore[attr-defined]
    assert days[dt.date(2026, 4, 27)].kind is K.COMPENSATORY_OFF  # type: ignore[attr-defined]
    assert days[dt.date(2026, 8, 31)].kind is K.SWAP_OFF  # type: ignore[attr-defined]
    made_up = days[dt.date(2026, 8, 22)]
    assert made_up.kind is K.MAKEUP_WORKDAY  # type: ignore[attr-defined]
    assert made_up.name == "Làm bù cho ngày nghỉ 31/08/2026"  # type: ignore[attr-defined]


def test_only_days_of_years_to_come_are_provisional_except_fixed_holidays() -> None:
    days = _by_day(range(2026, 2028))
    new_year = days[dt.date(2027, 1, 1)]
    tet = days[dt.date(2027, 2, 6)]
    assert not new_year.provisional and new_year.legal_basis == LABOUR_CODE  # type: ignore[attr-defined]
    assert tet.provisional and "cần đối chiếu" in tet.legal_basis  # type: ignore[attr-defined]
    assert not days[dt.date(2026, 2, 17)].provisional  # type: ignore[attr-defined]


def test_make_up_days_outside_the_years_are_left_out() -> None:
    # The package knows 2024's make-up Saturday (04/05) even when asked for 2025 only.
    assert dt.date(2024, 5, 4) not in _by_day(range(2025, 2026))
    assert _by_day(range(2024, 2025))[dt.date(2024, 5, 4)].name == (  # type: ignore[attr-defined]
        "Làm bù cho ngày nghỉ 29/04/2024"
    )
