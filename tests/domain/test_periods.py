"""Quick period picks, including the 15 → 14 reporting periods (LEGAL.md §6.3)."""

from __future__ import annotations

import datetime as dt

import pytest

from tiepdan_desktop.domain.periods import Period, PeriodChoice, period_of

C = PeriodChoice


def d(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d/%m/%Y").date()


@pytest.mark.parametrize(
    ("choice", "today", "first", "last"),
    [
        (C.THIS_MONTH, "25/11/2026", "01/11/2026", "30/11/2026"),
        (C.THIS_MONTH, "10/02/2028", "01/02/2028", "29/02/2028"),
        (C.LAST_MONTH, "25/11/2026", "01/10/2026", "31/10/2026"),
        (C.LAST_MONTH, "05/01/2027", "01/12/2026", "31/12/2026"),
        (C.THIS_QUARTER, "25/11/2026", "01/10/2026", "31/12/2026"),
        (C.THIS_QUARTER, "01/02/2026", "01/01/2026", "31/03/2026"),
        (C.THIS_YEAR, "25/11/2026", "01/01/2026", "31/12/2026"),
        # Reporting month: 15th of the previous month → 14th.
        (C.REPORT_MONTH, "10/11/2026", "15/10/2026", "14/11/2026"),
        (C.REPORT_MONTH, "14/11/2026", "15/10/2026", "14/11/2026"),
        (C.REPORT_MONTH, "25/11/2026", "15/11/2026", "14/12/2026"),
        (C.REPORT_MONTH, "20/12/2026", "15/12/2026", "14/01/2027"),
        (C.REPORT_MONTH, "05/01/2027", "15/12/2026", "14/01/2027"),
        # Quarters: 15/12 → 14/3, 15/3 → 14/6, 15/6 → 14/9, 15/9 → 14/12.
        (C.REPORT_QUARTER, "25/11/2026", "15/09/2026", "14/12/2026"),
        (C.REPORT_QUARTER, "14/12/2026", "15/09/2026", "14/12/2026"),
        (C.REPORT_QUARTER, "15/12/2026", "15/12/2026", "14/03/2027"),
        (C.REPORT_QUARTER, "02/03/2027", "15/12/2026", "14/03/2027"),
        (C.REPORT_QUARTER, "20/04/2026", "15/03/2026", "14/06/2026"),
        # Year: 15/12 of the previous year → 14/12.
        (C.REPORT_YEAR, "25/11/2026", "15/12/2025", "14/12/2026"),
        (C.REPORT_YEAR, "16/12/2026", "15/12/2026", "14/12/2027"),
    ],
)
def test_periods(choice: PeriodChoice, today: str, first: str, last: str) -> None:
    assert period_of(choice, d(today)) == Period(d(first), d(last))


def test_all_and_custom_have_no_fixed_dates_and_every_choice_a_label() -> None:
    assert period_of(C.ALL, d("25/11/2026")) is None
    assert period_of(C.CUSTOM, d("25/11/2026")) is None
    assert C.REPORT_MONTH.label == "Kỳ báo cáo tháng (15 → 14)"
    assert all(choice.label for choice in C)
    assert Period(d("15/10/2026"), d("14/11/2026")).describe() == "15/10/2026 – 14/11/2026"
