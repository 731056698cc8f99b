"""Đề cương báo cáo: the narrative report of a period, every form's figures and
ratios told in sentences (resources/reports/outline/), as an official document
the office completes and signs."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.divisions import bare_name
from tiepdan_desktop.domain.errors import ValidationError
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.report_periods import ReportPeriod
from tiepdan_desktop.exports.official_document import OfficialDocument, vietnamese_date
from tiepdan_desktop.services.access import requires
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.export_audit import record_export, write_files
from tiepdan_desktop.services.report_specs import outline_template
from tiepdan_desktop.services.reports import ReportCheckError, build_report


@requires(Permission.VIEW_REPORTS)
def build_outline(context: ServiceContext, actor: Actor, period: ReportPeriod) -> OfficialDocument:
    """Đề cương báo cáo: the narrative with every form's figures and ratios filled
    in, as an official document the office completes (assessment, next steps) and
    signs.  Refused while any of the forms it quotes fails a check."""
    template = outline_template()
    runs = [build_report(context, actor, code, period) for code in template.forms]
    failed = [run for run in runs if run.failures]
    if failed:
        raise ReportCheckError(failed[0])
    unit = runs[0].unit
    values = {run.spec.code: run.values for run in runs}
    ratios = {run.spec.code: run.ratios for run in runs}
    period_name = period.title[0].lower() + period.title[1:]
    return OfficialDocument(
        office_lines=("ỦY BAN NHÂN DÂN", unit.name.removeprefix("UBND ").upper()),
        number_line="Số:       /BC-UBND",
        place_date=vietnamese_date(bare_name(unit.ward_name), context.today()),
        title=template.title,
        subtitle=f"{template.subtitle} {period_name}",
        addressee=(),
        paragraphs=(f"({period.data_range}.)", *template.fill(values, ratios)),
        recipients=template.recipients,
        signer_authority="TM. ỦY BAN NHÂN DÂN",
        signer_title="CHỦ TỊCH",
        signer_name=unit.chairman_name,
        form="Đề cương báo cáo định kỳ",
    )


@requires(Permission.VIEW_REPORTS)
def export_outline(
    context: ServiceContext,
    actor: Actor,
    period: ReportPeriod,
    *,
    docx: Path | None = None,
    pdf: Path | None = None,
) -> tuple[Path, ...]:
    """The narrative report as Word (to complete) and/or PDF."""
    from tiepdan_desktop.exports.official_docx import write_official_docx
    from tiepdan_desktop.exports.official_pdf import write_official_pdf

    if docx is None and pdf is None:
        raise ValidationError({"file": "Hãy chọn tệp Word hoặc PDF để ghi."})
    document = build_outline(context, actor, period)
    writers = ((docx, write_official_docx), (pdf, write_official_pdf))
    written = write_files([(path, partial(write, document)) for path, write in writers if path])
    summary = {"period": period.code, "files": ", ".join(path.name for path in written)}
    record_export(context, actor, "xuat_de_cuong_bao_cao", "report", summary)
    return tuple(written)
