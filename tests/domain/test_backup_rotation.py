"""Keeping 7 daily, 4 weekly and 12 monthly automatic backups."""

from __future__ import annotations

import datetime as dt

from tiepdan_desktop.domain.backup_rotation import backups_to_keep

NOW = dt.datetime(2026, 12, 3, 17, 0)


def test_a_year_of_daily_backups_keeps_the_newest_of_each_day_week_and_month() -> None:
    taken = [NOW - dt.timedelta(days=days, hours=hours) for days in range(400) for hours in (1, 5)]
    kept = backups_to_keep(taken, NOW)
    days = sorted({moment.date() for moment in kept}, reverse=True)
    # The last 7 days, then one per older week (4 weeks in all), one per month (12).
    assert days[:7] == [NOW.date() - dt.timedelta(days=d) for d in range(7)]
    assert len({(m.year, m.month) for m in kept}) == 12
    assert len(kept) <= 7 + 4 + 12
    for day in {moment.date() for moment in kept}:
        # Only the newest backup of a kept day stays.
        assert len([m for m in kept if m.date() == day]) == 1
        newest = max(m for m in taken if m.date() == day)
        assert newest in kept
    assert min(kept) > NOW - dt.timedelta(days=366)


def test_few_backups_are_all_kept_and_future_ones_are_never_deleted() -> None:
    taken = [NOW - dt.timedelta(days=40), NOW - dt.timedelta(days=2), NOW + dt.timedelta(days=3)]
    assert backups_to_keep(taken, NOW) == set(taken)
    assert backups_to_keep([], NOW) == set()
