"""Frozen reports (chốt số liệu): what was sent to the province, kept as sent."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tiepdan_desktop.db.base import AUDIT_SKIP, Base, UUIDKey, VNText, utc_now


class ReportSnapshot(UUIDKey, Base):
    """The figures of a form for a period on the day it was sent, with the
    records behind them (register numbers only), so a later run can say which
    entries changed since."""

    __tablename__ = "report_snapshot"
    __table_args__ = (Index(None, "form_code", "period_first", "period_last"),)

    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit.id"))
    form_code: Mapped[str] = mapped_column(String(20))
    period_code: Mapped[str] = mapped_column(String(30))
    period_first: Mapped[dt.date]
    period_last: Mapped[dt.date]
    frozen_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    frozen_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    frozen_by_name: Mapped[str] = mapped_column(VNText(120))
    # Where it went (số công văn, nơi nhận), as the official typed it.
    note: Mapped[str | None] = mapped_column(VNText(300))
    # JSON {column number: value}.
    values_json: Mapped[str] = mapped_column(Text, info=AUDIT_SKIP)
    # zlib-compressed JSON of the records behind the figures (report_figures.Fact).
    # (Kept out of the audit entry: the form, period and author say what was frozen.)
    facts_blob: Mapped[bytes] = mapped_column(LargeBinary, info=AUDIT_SKIP)
