"""Frozen reports (chốt số liệu): what is kept when a report is sent — its values,
the records behind them (register numbers, no names) and the version of the form
— and how a later run is set against it.  Support for services/reports.py."""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import ReportSnapshot
from tiepdan_desktop.domain.errors import ConflictError
from tiepdan_desktop.domain.report_figures import (
    Cell,
    CellChange,
    Fact,
    FactSet,
    RegisterCount,
    changes_since,
    compute_cells,
)
from tiepdan_desktop.domain.report_periods import ReportPeriod
from tiepdan_desktop.domain.report_records import SnapshotInfo
from tiepdan_desktop.domain.report_spec import FormSpec


def facts_blob(spec: FormSpec, facts: Mapping[str, FactSet]) -> bytes:
    """The records behind a frozen report (register numbers, no names) and the
    version of the form they were counted with."""
    data = {
        "form": spec.fingerprint(),
        "sources": {
            source: {
                "counts": [
                    [count.what, count.count, count.attribute, count.value]
                    for count in fact_set.register_counts
                ],
                "facts": [
                    [fact.key, fact.label, dict(fact.values), dict(fact.numbers), fact.matter]
                    for fact in fact_set.facts
                ],
            }
            for source, fact_set in facts.items()
        },
    }
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 6)


def _facts_from_blob(blob: bytes) -> tuple[str, dict[str, FactSet]]:
    """The form version and the records of a frozen report."""
    data = json.loads(zlib.decompress(blob).decode("utf-8"))
    sources = {
        source: FactSet(
            tuple(
                Fact(source, key, label, values, numbers, matter)
                for key, label, values, numbers, matter in stored["facts"]
            ),
            tuple(
                RegisterCount(what, count, attribute, value)
                for what, count, attribute, value in stored["counts"]
            ),
        )
        for source, stored in data["sources"].items()
    }
    return str(data["form"]), sources


def _latest_snapshot(
    session: Session, spec: FormSpec, period: ReportPeriod
) -> ReportSnapshot | None:
    return session.scalars(
        select(ReportSnapshot)
        .where(
            ReportSnapshot.form_code == spec.code,
            ReportSnapshot.period_first == period.first,
            ReportSnapshot.period_last == period.last,
        )
        .order_by(ReportSnapshot.frozen_at.desc())
        .limit(1)
    ).first()


def snapshot_info(row: ReportSnapshot, form_changed: bool = False) -> SnapshotInfo:
    # Stored in UTC like every time stamp; shown and printed in the office's time.
    local = row.frozen_at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
    return SnapshotInfo(local, row.frozen_by_name, row.note, form_changed)


@dataclass(frozen=True)
class SentReport:
    """A frozen report as stored: the values sent and the records behind them."""

    info: SnapshotInfo
    values: dict[int, float]
    facts: dict[str, FactSet]


def sent_report(session: Session, spec: FormSpec, period: ReportPeriod) -> SentReport | None:
    stored = _latest_snapshot(session, spec, period)
    if stored is None:
        return None
    version, facts = _facts_from_blob(stored.facts_blob)
    values = {int(k): float(v) for k, v in json.loads(stored.values_json).items()}
    return SentReport(snapshot_info(stored, version != spec.fingerprint()), values, facts)


def changes_against(
    spec: FormSpec, sent: SentReport, facts: Mapping[str, FactSet], cells: Mapping[int, Cell]
) -> tuple[CellChange, ...]:
    """Each cell that differs from what was sent, with the records that came or went
    (none when the form itself changed: its cells are no longer the same)."""
    if sent.info.form_changed:
        return ()
    sent_cells = compute_cells(spec, sent.facts)
    records = {number: cell.records for number, cell in sent_cells.items()}
    labels: dict[str, str] = {}
    for fact_sets in (sent.facts, facts):
        for fact_set in fact_sets.values():
            labels.update({fact.key: fact.label for fact in fact_set.facts})
    return changes_since(spec, sent.values, records, cells, labels)


def as_sent(spec: FormSpec, sent: SentReport, period: ReportPeriod) -> dict[int, Cell]:
    """The cells as they were sent: the stored values, with the records behind them."""
    if sent.info.form_changed:
        raise ConflictError(
            f"Mẫu biểu {spec.code} đã thay đổi sau khi chốt số liệu kỳ {period.title} "
            f"(ngày {sent.info.frozen_at:%d/%m/%Y}): không in lại được số liệu đã gửi theo "
            "mẫu mới. Hãy dùng bản đã gửi đi lưu trong hồ sơ."
        )
    return {
        number: Cell(number, sent.values.get(number, 0.0), cell.records)
        for number, cell in compute_cells(spec, sent.facts).items()
    }
