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
