"""Printing and exporting the reception register (Mẫu số 03) for a period.

The rows come masked for whoever may not see denouncers, so a file never holds
more than its maker may see; every export is recorded in the audit trail (who,
which period, how many rows, whether identities were in it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.errors import ConflictError, ValidationError
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.exports.visit_register_layout import RegisterDocument
from tiepdan_desktop.services import setup, visits
from tiepdan_desktop.services.access import requires
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.export_audit import record_register_export

# Told the step, how far it is (0–1); raises CancelledError to stop.
ExportProgress = Callable[[str, float], None]


@dataclass(frozen=True)
class ExportSummary:
    rows: int
    files: tuple[Path, ...]


def _quiet(_step: str, _fraction: float) -> None:
    return None


@requires(Permission.VIEW_REGISTERS)
def export_register(
    context: ServiceContext,
    actor: Actor,
    date_from: dt.date,
    date_to: dt.date,
    *,
    xlsx: Path | None = None,
    pdf: Path | None = None,
    progress: ExportProgress = _quiet,
) -> ExportSummary:
    """Write the register of the period as Excel and/or PDF."""
    if xlsx is None and pdf is None:
        raise ValidationError({"file": "Hãy chọn tệp Excel hoặc PDF để ghi."})
    unit = setup.get_unit(context)
    if unit is None:
        raise ConflictError("Chưa cài đặt đơn vị.")
    from tiepdan_desktop.exports.visit_register_pdf import write_register_pdf
    from tiepdan_desktop.exports.visit_register_xlsx import write_register_xlsx

    progress("Đang đọc sổ…", 0.0)
    rows = visits.register_period(context, actor, date_from, date_to)
    document = RegisterDocument(unit, date_from, date_to, rows)
    steps = [(kind, path) for kind, path in (("xlsx", xlsx), ("pdf", pdf)) if path is not None]
    share = 1 / len(steps)
    written: list[Path] = []
    try:
        for index, (kind, path) in enumerate(steps):
            label = "Đang ghi tệp Excel…" if kind == "xlsx" else "Đang dựng bản in PDF…"

            def report(done: int, total: int, label: str = label, index: int = index) -> None:
                progress(label, (index + (done / total if total else 1)) * share)

            writer = write_register_xlsx if kind == "xlsx" else write_register_pdf
            written.append(writer(document, path, report))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    record_register_export(
        context, actor, "xuat_so_tiep_cong_dan", "visit", (date_from, date_to), len(rows), written
    )
    return ExportSummary(len(rows), tuple(written))
