"""Exporting the letter register (Sổ theo dõi xử lý đơn) of a period.

Rows come masked for whoever may not see denouncers, so a file never holds more
than its maker may see; the export is recorded in the audit trail.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.errors import ConflictError, ValidationError
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.services import letters, setup
from tiepdan_desktop.services.access import requires
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.export_audit import record_register_export, write_files
from tiepdan_desktop.services.visit_exports import ExportSummary


@requires(Permission.VIEW_REGISTERS)
def export_letters(
    context: ServiceContext,
    actor: Actor,
    date_from: dt.date,
    date_to: dt.date,
    *,
    xlsx: Path | None = None,
    pdf: Path | None = None,
) -> ExportSummary:
    """Write the letters received in the period as Excel and/or PDF."""
    if xlsx is None and pdf is None:
        raise ValidationError({"file": "Hãy chọn tệp Excel hoặc PDF để ghi."})
    unit = setup.get_unit(context)
    if unit is None:
        raise ConflictError("Chưa cài đặt đơn vị.")
    rows = letters.register_period(context, actor, date_from, date_to)
    from tiepdan_desktop.exports.letter_register import (
        LetterRegister,
        write_letter_register_pdf,
        write_letter_register_xlsx,
    )

    register = LetterRegister(unit, date_from, date_to, rows)
    writers = ((xlsx, write_letter_register_xlsx), (pdf, write_letter_register_pdf))
    written = write_files([(path, partial(write, register)) for path, write in writers if path])
    record_register_export(
        context, actor, "xuat_so_don", "letter", (date_from, date_to), len(rows), written
    )
    return ExportSummary(len(rows), tuple(written))
