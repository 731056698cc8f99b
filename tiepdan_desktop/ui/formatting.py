"""Dates and numbers the Vietnamese way: 25/11/2026, 1.234.567."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale

VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def format_date(value: dt.date | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y")


def format_datetime(value: dt.datetime | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y %H:%M")


def format_number(value: int | float) -> str:
    return VIETNAMESE.toString(value)


def utc_to_local(value: dt.datetime) -> dt.datetime:
    """Audit times are stored in UTC; show them in the office's time."""
    return value.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
