"""Date fields the Vietnamese way (dd/MM/yyyy, with a calendar to pick from),
and the conversions between Qt's dates and Python's."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def date_edit(object_name: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit(to_qdate(day))
    edit.setObjectName(object_name)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setMinimumDate(QDate(1990, 1, 1))
    edit.setMaximumDate(QDate(2100, 12, 31))
    return edit


NO_DATE = QDate(1999, 12, 31)  # the minimum of an optional date field: shown blank


def optional_date_edit(object_name: str) -> QDateEdit:
    """A date that may be left out: its lowest value shows as blank («—»)."""
    edit = QDateEdit(NO_DATE)
    edit.setObjectName(object_name)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setMinimumDate(NO_DATE)
    edit.setMaximumDate(QDate(2100, 12, 31))
    edit.setSpecialValueText("—")
    return edit


def optional_date(edit: QDateEdit) -> dt.date | None:
    return None if edit.date() == NO_DATE else to_date(edit.date())


def set_optional_date(edit: QDateEdit, day: dt.date | None) -> None:
    edit.setDate(NO_DATE if day is None else to_qdate(day))
