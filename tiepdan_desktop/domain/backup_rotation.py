"""Which automatic backups to keep: the newest of each of the last 7 days, of
each of the last 4 weeks and of each of the last 12 months (grandfather–father–
son).  Backups taken by hand or before an upgrade or a restore are not rotated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

DAILY, WEEKLY, MONTHLY = 7, 4, 12


def backups_to_keep(taken: Iterable[dt.datetime], now: dt.datetime) -> set[dt.datetime]:
    newest_first = sorted(set(taken), reverse=True)
    kept: set[dt.datetime] = set()
    for count, bucket in (
        (DAILY, lambda moment: moment.date()),
        (WEEKLY, lambda moment: moment.isocalendar()[:2]),
        (MONTHLY, lambda moment: (moment.year, moment.month)),
    ):
        seen: list[object] = []
        for moment in newest_first:
            if moment > now:
                kept.add(moment)  # a clock set back: never delete what we cannot place
                continue
            key = bucket(moment)
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.append(key)
            kept.add(moment)
    return kept
