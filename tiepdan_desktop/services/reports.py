"""Periodic reports (Báo cáo): compute a form for a period, check it, freeze
it when sent, and write it as Excel and PDF (the narrative report is in
report_outlines.py, what freezing keeps in report_snapshots.py).

A report is computed from the registers every time; once frozen (chốt số
liệu), later runs of the same form and period show what changed since — the
late entries — and can print the figures exactly as sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import ReportSnapshot
from tiepdan_desktop.db.repositories.report_extras import letter_annex, report_charts
from tiepdan_desktop.db.repositories.report_facts import READERS
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.errors import ConflictError, DomainError, ValidationError
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.report_figures import (
    FactSet,
    check_figures,
    compute_cells,
    ratios_of,
)
from tiepdan_desktop.domain.report_periods import ReportPeriod, ReportSettings, parse_period
from tiepdan_desktop.domain.report_records import FormInfo, ReportRun, SnapshotInfo
from tiepdan_desktop.domain.report_spec import FormSpec
from tiepdan_desktop.services import setup
from tiepdan_desktop.services.access import requires
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.export_audit import record_export, write_files
from tiepdan_desktop.services.report_snapshots import (
    as_sent,
    changes_against,
    facts_blob,
    sent_report,
    snapshot_info,
)
from tiepdan_desktop.services.report_specs import (
    form_spec,
    form_specs,
    report_settings,
    store_report_settings,
)

# Told the step and how far it is (0–1); raises CancelledError to stop.
ReportProgress = Callable[[str, float], None]


class ReportCheckError(DomainError):
    """The figures failed a cross-check: nothing is written or frozen."""

    def __init__(self, run: ReportRun) -> None:
        lines = [failure.text() for failure in run.failures]
        super().__init__(
            f"Biểu {run.spec.code} chưa xuất được vì số liệu không khớp:\n" + "\n".join(lines)
        )
        self.run = run


@dataclass(frozen=True)
class ReportFiles:
    run: ReportRun
    files: tuple[Path, ...]


def _quiet(_step: str, _fraction: float) -> None:
    return None


@requires(Permission.VIEW_REPORTS)
def list_forms(context: ServiceContext, actor: Actor) -> list[FormInfo]:
    return [FormInfo(spec.code, spec.title, spec.regime) for spec in form_specs().values()]


@requires(Permission.VIEW_REPORTS)
def get_report_settings(context: ServiceContext, actor: Actor) -> ReportSettings:
    with context.sessions.reading() as session:
        return report_settings(session)


@requires(Permission.MANAGE_UNIT)
def update_report_settings(
    context: ServiceContext, actor: Actor, settings: ReportSettings
) -> ReportSettings:
    if problems := settings.problems():
        raise ValidationError(problems)
    with context.sessions.writing(actor, "cai_dat_bao_cao") as session:
        store_report_settings(session, settings)
    return settings


@requires(Permission.VIEW_REPORTS)
def resolve_period(context: ServiceContext, actor: Actor, text: str) -> ReportPeriod:
    """A period typed as on the command line, under the office's cut-off setting."""
    with context.sessions.reading() as session:
        return parse_period(text, report_settings(session))


# --- computing ---------------------------------------------------------------------


def _read_facts(session: Session, spec: FormSpec, period: ReportPeriod) -> dict[str, FactSet]:
    return {source: READERS[source](session, period) for source in sorted(spec.sources)}


def _prepared_by(actor: Actor) -> str:
    """Who signs as NGƯỜI LẬP BIỂU: the signed-in official (blank from the command line)."""
    return actor.full_name if actor.user_id else ""


@requires(Permission.VIEW_REPORTS)
def build_report(
    context: ServiceContext,
    actor: Actor,
    form_code: str,
    period: ReportPeriod,
    *,
    frozen_figures: bool = False,
    with_annex: bool = False,
    with_charts: bool = False,
) -> ReportRun:
    """The form's figures for the period, the failed checks, and the changes since
    it was frozen.  `frozen_figures` gives the values as they were sent."""
    spec = form_spec(form_code)
    unit = setup.get_unit(context)
    if unit is None:
        raise ConflictError("Chưa cài đặt đơn vị.")
    with context.sessions.reading() as session:
        facts = _read_facts(session, spec, period)
        sent = sent_report(session, spec, period)
        charts = report_charts(session, period, report_settings(session)) if with_charts else None
        cells = compute_cells(spec, facts)
        annex = None
        if with_annex and spec.annex_column:
            annex = letter_annex(session, list(cells[spec.annex_column].records))
    failures = tuple(check_figures(spec, facts, cells))
    changes = changes_against(spec, sent, facts, cells) if sent is not None else ()
    if frozen_figures:
        if sent is None:
            raise ConflictError(f"Biểu {spec.code} kỳ {period.title} chưa được chốt số liệu.")
        cells, failures = as_sent(spec, sent, period), ()
    return ReportRun(
        spec=spec,
        period=period,
        unit=unit,
        cells=cells,
        failures=failures,
        ratios=ratios_of(spec, {number: cell.value for number, cell in cells.items()}),
        snapshot=sent.info if sent is not None else None,
        changes=changes,
        frozen_figures=frozen_figures,
        prepared_by=_prepared_by(actor),
        made_on=context.today(),
        annex=annex,
        charts=charts,
    )


@requires(Permission.EDIT_REGISTERS)
def freeze_report(
    context: ServiceContext,
    actor: Actor,
    form_code: str,
    period: ReportPeriod,
    note: str | None = None,
) -> SnapshotInfo:
    """Chốt số liệu: keep the figures as sent.  Refused while a check fails."""
    spec = form_spec(form_code)
    note = (note or "").strip() or None
    if note is not None and len(note) > 300:
        raise ValidationError({"note": "Ghi chú tối đa 300 ký tự."})
    unit = setup.get_unit(context)
    if unit is None:
        raise ConflictError("Chưa cài đặt đơn vị.")
    with context.sessions.writing(actor, "chot_so_lieu_bao_cao") as session:
        facts = _read_facts(session, spec, period)
        cells = compute_cells(spec, facts)
        failures = check_figures(spec, facts, cells)
        if failures:
            lines = "\n".join(failure.text() for failure in failures)
            raise DomainError(f"Chưa chốt được số liệu vì số liệu không khớp:\n{lines}")
        name = _prepared_by(actor) or actor.username
        row = ReportSnapshot(
            unit_id=unit.id,
            form_code=spec.code,
            period_code=period.code,
            period_first=period.first,
            period_last=period.last,
            frozen_by=actor.user_id,
            frozen_by_name=name,
            note=note,
            values_json=json.dumps({str(n): cell.value for n, cell in cells.items()}),
            facts_blob=facts_blob(spec, facts),
        )
        session.add(row)
        session.flush()
        return snapshot_info(row)


# --- files -------------------------------------------------------------------------


@requires(Permission.VIEW_REPORTS)
def export_report(
    context: ServiceContext,
    actor: Actor,
    form_code: str,
    period: ReportPeriod,
    *,
    xlsx: Path | None = None,
    pdf: Path | None = None,
    frozen_figures: bool = False,
    with_annex: bool = False,
    progress: ReportProgress = _quiet,
) -> ReportFiles:
    """Check, then write the form as Excel and/or PDF; nothing is written when a
    check fails (ReportCheckError lists the cells and the records)."""
    from tiepdan_desktop.exports.report_pdf import write_report_pdf
    from tiepdan_desktop.exports.report_xlsx import write_report_xlsx

    if xlsx is None and pdf is None:
        raise ValidationError({"file": "Hãy chọn tệp Excel hoặc PDF để ghi."})
    progress("Đang tính số liệu…", 0.0)
    run = build_report(
        context,
        actor,
        form_code,
        period,
        frozen_figures=frozen_figures,
        with_annex=with_annex,
        with_charts=pdf is not None,
    )
    if run.failures:
        raise ReportCheckError(run)

    def excel(path: Path) -> Path:
        progress("Đang ghi tệp Excel…", 0.3)
        return write_report_xlsx(run, path)

    def printout(path: Path) -> Path:
        progress("Đang dựng bản in PDF…", 0.6)
        return write_report_pdf(
            run, path, lambda done: progress("Đang dựng bản in PDF…", 0.6 + 0.4 * done)
        )

    steps = [(path, writer) for path, writer in ((xlsx, excel), (pdf, printout)) if path]
    written = write_files(steps)
    summary = {
        "form": run.spec.code,
        "period": period.code,
        "frozen_figures": run.frozen_figures,
        # The list of letters names complainants (never denouncers).
        "letter_list": run.annex is not None,
        "files": ", ".join(path.name for path in written),
    }
    record_export(context, actor, "xuat_bao_cao", "report", summary)
    # No progress call after the files are written: a «Dừng» pressed now would
    # raise after the fact and leave the files the official was told are gone.
    return ReportFiles(run, tuple(written))
