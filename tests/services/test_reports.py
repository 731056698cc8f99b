"""Periodic reports on a register built by hand (report_data.py): every figure of
every form, the files read back, the cross-checks made to fail, freezing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.services.report_data import (
    DENOUNCER,
    EXPECTED,
    build_register,
    late_visit,
)
from tests.tools import require_tools
from tiepdan_desktop.db.repositories import report_facts
from tiepdan_desktop.db.repositories.report_extras import PROTECTED_CONTENT, PROTECTED_FILER
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.errors import ConflictError, DomainError, ValidationError
from tiepdan_desktop.domain.records import UnitInfo
from tiepdan_desktop.domain.report_figures import FactSet
from tiepdan_desktop.domain.report_periods import (
    CutoffMode,
    PeriodKind,
    ReportSettings,
    make_period,
)
from tiepdan_desktop.services import report_outlines, reports
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.report_specs import form_specs

OCTOBER = make_period(PeriodKind.MONTH, 2026, 10)


@pytest.fixture
def register(services: ServiceContext, admin: Actor, unit: UnitInfo) -> dict[str, Any]:
    return build_register(services, admin, unit)


def test_the_bundled_forms_are_the_ones_the_data_covers() -> None:
    assert sorted(form_specs()) == sorted(EXPECTED)


@pytest.mark.parametrize("form", sorted(EXPECTED))
def test_every_figure_of_every_form(
    services: ServiceContext, officer: Actor, register: dict[str, Any], form: str
) -> None:
    run = reports.build_report(services, officer, form, OCTOBER)
    assert run.failures == ()
    assert run.values == pytest.approx(EXPECTED[form])
    figures = run.figures_json()["figures"]
    assert figures == {str(k): v for k, v in EXPECTED[form].items()}


def test_the_period_counts_from_the_15th_to_the_14th(
    services: ServiceContext, officer: Actor, register: dict[str, Any]
) -> None:
    assert (OCTOBER.first, OCTOBER.last) == (dt.date(2026, 9, 15), dt.date(2026, 10, 14))
    run = reports.build_report(services, officer, "01/TCD", OCTOBER)
    visits = set(run.cells[1].records)
    assert register["V10"].hex in visits  # 14/10 23:59
    assert register["V8"].hex not in visits  # 14/09
    assert register["V9"].hex not in visits  # 15/10 00:30


def test_calendar_months_are_a_setting(
    services: ServiceContext, admin: Actor, officer: Actor, register: dict[str, Any]
) -> None:
    reports.update_report_settings(services, admin, ReportSettings(CutoffMode.CALENDAR))
    period = reports.resolve_period(services, officer, "2026-10")
    assert (period.first, period.last) == (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    run = reports.build_report(services, officer, "01/TCD", period)
    # V4–V7, V9 (15/10) and V10; not the September visits.
    assert run.values[1] == 6
    with pytest.raises(ValidationError):
        reports.update_report_settings(services, admin, ReportSettings(start_day=31))


def test_the_command_line_prints_the_figures(
    storage: Any, register: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from tiepdan_desktop.cli import main

    data_dir = str(storage.paths.root)
    assert (
        main(
            ["--data-dir", data_dir, "report", "--form", "03/gqkn", "--period", "2026-10", "--json"]
        )
        == 0
    )
    printed = json.loads(capsys.readouterr().out)
    assert printed["figures"] == {str(k): v for k, v in EXPECTED["03/GQKN"].items()}
    assert printed["from"] == "2026-09-15"
    for wrong in (
        ["--form", "09/XYZ", "--period", "2026-10"],
        ["--form", "01/TCD", "--period", "2026-Q5"],
    ):
        assert main(["--data-dir", data_dir, "report", *wrong]) == 1
        error = capsys.readouterr().err.strip()
        assert error.count("\n") == 0 and error.startswith("Lỗi:")


# --- the Excel file ----------------------------------------------------------------


def _export(
    services: ServiceContext, actor: Actor, form: str, folder: Path, **options: Any
) -> tuple[Path, Path]:
    xlsx, pdf = folder / "bao-cao.xlsx", folder / "bao-cao.pdf"
    reports.export_report(services, actor, form, OCTOBER, xlsx=xlsx, pdf=pdf, **options)
    return xlsx, pdf


def test_the_workbook_is_laid_out_like_the_form(
    services: ServiceContext, officer: Actor, register: dict[str, Any], tmp_path: Path
) -> None:
    xlsx, _ = _export(services, officer, "01/TCD", tmp_path)
    sheet = load_workbook(xlsx).active
    texts = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
    assert "UBND PHƯỜNG BẾN THÀNH" in texts
    assert "Biểu số: 01/TCD" in texts
    assert "TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN THƯỜNG XUYÊN, ĐỊNH KỲ VÀ ĐỘT XUẤT" in texts
    assert "Số liệu tính từ ngày 15/09/2026 đến ngày 14/10/2026" in texts
    assert {"NGƯỜI LẬP BIỂU", "CHỦ TỊCH", "Nguyễn Văn Thành"} <= set(texts)
    assert "Người dùng Cán bộ" in texts  # who prepared it
    assert any(text.startswith("Bến Thành, ngày") for text in texts)
    merged = {str(r) for r in sheet.merged_cells.ranges}
    # Header rows 8–11: "Tiếp thường xuyên" over form columns 4–11 (Excel F–M),
    # "Tổng số lượt tiếp" down all four rows, the chairman's group over 12–29.
    assert {"F8:M8", "C8:C11", "N8:AE8", "N9:V9", "W9:AE9"} <= merged
    assert sheet["F8"].value == "Tiếp thường xuyên"
    assert sheet["N9"].value == "Thủ trưởng tiếp"
    assert sheet["Q10"].value == "Số vụ việc" and sheet["Q11"].value == "Tiếp lần đầu"
    numbers = 12
    assert sheet.cell(numbers, 3).value == "1=4+13+22"
    assert [sheet.cell(numbers, c).value for c in (4, 5, 6)] == [
        "2=5+14+23",
        "3=6+7+15+16+24+25",
        "4",
    ]
    total, unit_row = numbers + 1, numbers + 2
    assert sheet.cell(total, 2).value == "Tổng cộng"
    assert sheet.cell(unit_row, 2).value == "UBND phường Bến Thành"
    assert sheet.cell(unit_row, 3).value == "=F14+O14+X14"  # (1) = (4)+(13)+(22), live
    assert sheet.cell(total, 3).value == "=SUM(C14:C14)"
    for number, value in EXPECTED["01/TCD"].items():
        if number > 3:
            assert sheet.cell(unit_row, number + 2).value == value, number
    assert sheet.cell(unit_row, 6).number_format == "#,##0"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.print_title_rows == "$8:$12"


def test_amounts_keep_their_decimals(
    services: ServiceContext, officer: Actor, register: dict[str, Any], tmp_path: Path
) -> None:
    xlsx, _ = _export(services, officer, "03/GQKN", tmp_path)
    sheet = load_workbook(xlsx).active
    unit_row = 8 + 2 + 1 + 1  # 2 header rows from row 8, the number row, the total
    assert sheet.cell(unit_row, 16 + 2).value == 12.5
    assert sheet.cell(unit_row, 16 + 2).number_format == "#,##0.0"
    assert sheet.cell(unit_row, 2 + 2).value == "=E12+F12"  # (2) = (3)+(4)


def test_libreoffice_opens_the_workbook_and_computes_the_same_totals(
    services: ServiceContext, officer: Actor, register: dict[str, Any], tmp_path: Path
) -> None:
    require_tools("soffice")
    xlsx, _ = _export(services, officer, "01/TCD", tmp_path)
    out = tmp_path / "lo"
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    sheet = load_workbook(out / xlsx.name, data_only=True).active
    for number, value in EXPECTED["01/TCD"].items():
        assert sheet.cell(14, number + 2).value == value, number  # formulas computed
        assert sheet.cell(13, number + 2).value == value, number  # the total row


# --- the PDF -----------------------------------------------------------------------


def _pdf_text(path: Path) -> str:
    require_tools("pdftotext")
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def test_the_pdf_has_the_table_the_summary_and_embedded_fonts(
    services: ServiceContext, officer: Actor, register: dict[str, Any], tmp_path: Path
) -> None:
    require_tools("pdffonts")
    _, pdf = _export(services, officer, "03/GQKN", tmp_path)
    text = _pdf_text(pdf)
    assert "TỔNG HỢP KẾT QUẢ GIẢI QUYẾT KHIẾU NẠI THUỘC THẨM QUYỀN" in text
    assert "Số liệu tính từ ngày 15/09/2026 đến ngày 14/10/2026" in text
    assert "NGƯỜI LẬP BIỂU" in text and "CHỦ TỊCH" in text
    assert "12,5" in text  # million đồng, the Vietnamese way
    assert "Tỷ lệ vụ việc khiếu nại đã giải quyết: 60% (3/5)" in text
    assert "Tỷ lệ giải quyết đúng thời hạn: 66,7% (2/3)" in text
    assert "Lượt tiếp công dân theo tháng và loại việc" in text
    assert "Vụ việc đã giải quyết trong kỳ: đúng hạn, trễ hạn" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(" yes yes " in row for row in rows), fonts.stdout


def test_the_letter_annex_never_names_the_denouncer(
    services: ServiceContext, leader: Actor, register: dict[str, Any], tmp_path: Path
) -> None:
    # Even the chairman, who may see who denounced, sends the province a list without.
    xlsx, pdf = _export(services, leader, "02/XLD", tmp_path, with_annex=True)
    workbook = load_workbook(xlsx)
    annex = workbook["Danh sách đơn"]
    cells = " ".join(str(c.value) for row in annex.iter_rows() for c in row if c.value)
    assert "Nội dung đơn L1" in cells
    # A denunciation (L3) and its repeat (L11) without their words or their writer.
    assert cells.count(PROTECTED_CONTENT) == 2 and cells.count(PROTECTED_FILER) == 2
    assert "tố cáo cán bộ địa chính" not in cells
    text = _pdf_text(pdf)
    assert "PHỤ LỤC: DANH SÁCH ĐƠN" in text
    for where in (cells, text):
        for secret in (DENOUNCER, "Tố Giác", "ngõ Kín", "079190000123"):
            assert secret not in where


# --- cross-checks ------------------------------------------------------------------


def test_a_record_that_fits_no_part_stops_the_export_and_is_named(
    services: ServiceContext,
    officer: Actor,
    register: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = form_specs()["01/TCD"]
    # A spec whose (1) forgets the delegated reception (22).
    broken = dataclasses.replace(
        spec,
        columns=tuple(
            dataclasses.replace(column, parts=(4, 13)) if column.number == 1 else column
            for column in spec.columns
        ),
    )
    monkeypatch.setitem(form_specs(), "01/TCD", broken)
    xlsx = tmp_path / "x.xlsx"
    with pytest.raises(reports.ReportCheckError) as refused:
        reports.export_report(services, officer, "01/TCD", OCTOBER, xlsx=xlsx)
    message = refused.value.message
    assert "Ô (1) «Tổng số lượt tiếp»: bằng 8 nhưng (4)+(13) = 7." in message
    assert "Có ở (1) mà không ở cột thành phần nào: lượt tiếp số 7/2026." in message
    assert not xlsx.exists()
    with pytest.raises(DomainError, match="Chưa chốt được"):
        reports.freeze_report(services, officer, "01/TCD", OCTOBER)


def test_a_record_read_twice_or_missing_is_caught(
    services: ServiceContext,
    officer: Actor,
    register: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = report_facts.READERS["letter"]

    def doubled(session: Any, period: Any) -> FactSet:
        facts = real(session, period)
        return FactSet(facts.facts + facts.facts[:1], facts.register_counts)

    monkeypatch.setitem(report_facts.READERS, "letter", doubled)
    run = reports.build_report(services, officer, "02/XLD", OCTOBER)
    texts = [failure.text() for failure in run.failures]
    assert any("có bản ghi bị đọc hai lần: đơn số 1/2026" in text for text in texts)
    assert any(
        text.startswith(
            "Ô (1) «Tổng số đơn phải xử lý › Tổng số»: bằng 15 nhưng có 14 đơn khác nhau"
        )
        for text in texts
    )

    def dropped(session: Any, period: Any) -> FactSet:
        facts = real(session, period)
        return FactSet(facts.facts[1:], facts.register_counts)

    monkeypatch.setitem(report_facts.READERS, "letter", dropped)
    run = reports.build_report(services, officer, "02/XLD", OCTOBER)
    assert [f.text() for f in run.failures] == [
        "Số liệu đơn: đọc được 1 đơn kỳ trước chuyển sang nhưng sổ có 2.",
        "Số liệu đơn: đọc được 15 đơn phải xử lý hoặc có phúc đáp trong kỳ nhưng sổ có 16.",
    ]


# --- freezing ----------------------------------------------------------------------


def test_a_frozen_report_shows_late_entries_instead_of_silently_changing(
    services: ServiceContext,
    officer: Actor,
    admin: Actor,
    register: dict[str, Any],
    tmp_path: Path,
) -> None:
    with pytest.raises(ConflictError, match="chưa được chốt"):
        reports.build_report(services, officer, "01/TCD", OCTOBER, frozen_figures=True)
    snapshot = reports.freeze_report(services, officer, "01/TCD", OCTOBER, "Số 12/BC-UBND")
    assert snapshot.frozen_by == "Người dùng Cán bộ"
    unchanged = reports.build_report(services, officer, "01/TCD", OCTOBER)
    assert unchanged.snapshot is not None and unchanged.changes == ()

    late_visit(services, admin, register["unit"])
    now = reports.build_report(services, officer, "01/TCD", OCTOBER)
    assert now.values[1] == 9
    changed = {change.number: change for change in now.changes}
    assert set(changed) == {1, 2, 3, 4, 5, 6}
    assert (changed[1].frozen, changed[1].current) == (8, 9)
    assert changed[1].added == ("lượt tiếp số 99/2026",)
    assert now.figures_json()["changes_since_frozen"][0]["added"] == ["lượt tiếp số 99/2026"]

    as_sent = reports.build_report(services, officer, "01/TCD", OCTOBER, frozen_figures=True)
    assert as_sent.values == pytest.approx(EXPECTED["01/TCD"])

    xlsx, pdf = _export(services, officer, "01/TCD", tmp_path)
    changes = load_workbook(xlsx)["Thay đổi sau khi chốt"]
    assert [c.value for c in changes[2]][:4] == [1, "Tổng số lượt tiếp", 8, 9]
    text = _pdf_text(pdf)
    assert "THAY ĐỔI SAU KHI CHỐT SỐ LIỆU NGÀY" in text
    assert "lượt tiếp số 99/2026" in text


# --- the narrative report ----------------------------------------------------------


def test_the_outline_tells_the_figures_and_ratios_in_words(
    services: ServiceContext, leader: Actor, register: dict[str, Any], tmp_path: Path
) -> None:
    from docx import Document

    docx, pdf = tmp_path / "de-cuong.docx", tmp_path / "de-cuong.pdf"
    written = report_outlines.export_outline(services, leader, OCTOBER, docx=docx, pdf=pdf)
    assert written == (docx, pdf)
    text = "\n".join(paragraph.text for paragraph in Document(str(docx)).paragraphs)
    assert (
        "Kết quả công tác tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo tháng 10/2026"
        in text
    )
    assert "(Số liệu tính từ ngày 15/09/2026 đến ngày 14/10/2026.)" in text
    assert "đã tiếp 8 lượt với 21 người được tiếp, 7 vụ việc" in text
    assert "đã xử lý 11 đơn (78,6%), chuyển kỳ sau 3 đơn" in text
    assert "đã giải quyết 3 vụ việc, đạt tỷ lệ 60%" in text
    assert "trả lại cho tổ chức, cá nhân 12,5 triệu đồng, 100 m² đất" in text
    assert "Giải quyết đúng thời hạn 2 vụ việc (66,7%)" in text
    assert "đã thực hiện xong 1, đạt tỷ lệ 25%" in text
    assert "II. ĐÁNH GIÁ, NHẬN XÉT" in text
    for secret in (DENOUNCER, "ngõ Kín", "079190000123"):
        assert secret not in text and secret not in _pdf_text(pdf)


def test_the_outline_is_refused_while_a_form_fails_its_checks(
    services: ServiceContext,
    officer: Actor,
    register: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = form_specs()["03/GQKN"]
    monkeypatch.setitem(form_specs(), "03/GQKN", dataclasses.replace(spec, checks=((2, (5,)),)))
    target = tmp_path / "de-cuong.docx"
    with pytest.raises(reports.ReportCheckError, match="Biểu 03/GQKN chưa xuất được"):
        report_outlines.export_outline(services, officer, OCTOBER, docx=target)
    assert not target.exists()
    with pytest.raises(ValidationError):
        report_outlines.export_outline(services, officer, OCTOBER)


def test_a_stopped_export_leaves_no_file(
    services: ServiceContext, officer: Actor, register: dict[str, Any], tmp_path: Path
) -> None:
    from tiepdan_desktop.domain.errors import CancelledError

    def stop_at_the_pdf(step: str, _fraction: float) -> None:
        if "PDF" in step:
            raise CancelledError()

    xlsx, pdf = tmp_path / "bc.xlsx", tmp_path / "bc.pdf"
    with pytest.raises(CancelledError):
        reports.export_report(
            services, officer, "01/TCD", OCTOBER, xlsx=xlsx, pdf=pdf, progress=stop_at_the_pdf
        )
    assert not xlsx.exists() and not pdf.exists()


def test_a_frozen_report_under_an_older_form_is_not_compared_cell_by_cell(
    services: ServiceContext,
    officer: Actor,
    register: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reports.freeze_report(services, officer, "01/TCD", OCTOBER)
    spec = form_specs()["01/TCD"]
    # A new circular: column (4) now counts only the visits of one person.
    revised = dataclasses.replace(
        spec,
        columns=tuple(
            dataclasses.replace(column, where=(*column.where, ("group", frozenset({"khong"}))))
            if column.number == 4
            else column
            for column in spec.columns
        ),
    )
    monkeypatch.setitem(form_specs(), "01/TCD", revised)
    run = reports.build_report(services, officer, "01/TCD", OCTOBER)
    assert run.snapshot is not None and run.snapshot.form_changed and run.changes == ()
    with pytest.raises(ConflictError, match="Mẫu biểu 01/TCD đã thay đổi sau khi chốt"):
        reports.build_report(services, officer, "01/TCD", OCTOBER, frozen_figures=True)


def test_a_letter_linked_to_a_denunciation_is_masked_in_the_annex_too(
    services: ServiceContext, admin: Actor, register: dict[str, Any], unit: UnitInfo
) -> None:
    from tiepdan_desktop.db.models import Letter
    from tiepdan_desktop.domain.enums import LetterSource, LetterType

    with services.sessions.writing(admin, "them_don") as session:
        session.add(
            Letter(
                unit_id=unit.id,
                year=2026,
                number=50,
                received_on=dt.date(2026, 10, 1),
                source=LetterSource.POST,
                letter_type=LetterType.PETITION,
                content=f"Tôi {DENOUNCER} gửi thêm",
                duplicate_of_id=register["L3"],
            )
        )
    run = reports.build_report(services, admin, "02/XLD", OCTOBER, with_annex=True)
    assert run.annex is not None
    (line,) = [row for row in run.annex if row.number == "50/2026"]
    assert (line.filer, line.content) == (PROTECTED_FILER, PROTECTED_CONTENT)
    assert all(DENOUNCER not in row.content and DENOUNCER not in row.filer for row in run.annex)


def test_the_command_line_writes_files_the_outline_and_freezes(
    storage: Any, register: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tiepdan_desktop.cli import main

    base = ["--data-dir", str(storage.paths.root), "report", "--period", "2026-10"]
    xlsx, outline = tmp_path / "bc.xlsx", tmp_path / "dc.docx"
    assert main([*base, "--form", "01/TCD", "--xlsx", str(xlsx), "--freeze", "Số 1/BC"]) == 0
    assert xlsx.exists()
    assert "Đã chốt số liệu." in capsys.readouterr().out
    assert main([*base, "--outline", str(outline)]) == 0 and outline.exists()
    assert main(base) == 1
    assert "hãy cho --form FORM" in capsys.readouterr().err
    late_visit(storage.context(), Actor.command_line(), register["unit"])
    assert main([*base, "--form", "01/TCD", "--json"]) == 0
    captured = capsys.readouterr()
    assert "Thay đổi sau khi chốt: cột (1) 8 → 9; thêm lượt tiếp số 99/2026" in captured.err
    assert main([*base, "--form", "01/TCD", "--frozen", "--json"]) == 0
    assert '"1": 8' in capsys.readouterr().out
