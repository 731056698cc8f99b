"""`tiepdan --self-test`: proves that this build of the program, from source or
frozen by installer/build.py, has everything an office will need.

In a temporary folder it creates a database and migrates it, sets up a unit,
an administrator and a chairman, creates the identity vault (the cryptography),
checks the database, then exercises what reads bundled files or libraries
loaded late: every official-document template, the 01/TCD report to Excel and
PDF (report specs, fonts), the narrative report to Word and PDF (serif fonts,
python-docx's template), the holidays' Vietnamese names, and finally the main
window offscreen, its SVG icons and the print preview's PDF renderer (PDFium).  A file left out
of the bundle shows here, at build time, not in an office.
"""

from __future__ import annotations

import datetime as dt
import secrets
import tempfile
from pathlib import Path

from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import Role
from tiepdan_desktop.domain.errors import DomainError
from tiepdan_desktop.domain.records import NewUser, SetupRequest
from tiepdan_desktop.paths import DataPaths
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.storage import Storage, open_storage

PASSED = "Tự kiểm tra: đạt (self-test passed)."


class SelfTestError(DomainError):
    pass


def run_self_test() -> None:
    """Raises SelfTestError (or the failing step's own error) when a step fails."""
    # On Windows a file the test just closed can stay locked for a moment: a
    # folder left in the temporary directory is not a failure of the build.
    with tempfile.TemporaryDirectory(
        prefix="tiepdan-self-test-", ignore_cleanup_errors=True
    ) as folder:
        storage = open_storage(DataPaths(Path(folder) / "du-lieu"))
        try:
            context = storage.context()
            password = secrets.token_urlsafe(18)
            admin = _set_up(context, password)
            chairman = _vault(context, admin, password)
            _check(context, admin)
            _templates()
            _holidays(context.today())
            pdf = _documents(context, chairman, Path(folder))
            _window_and_preview(storage, admin, pdf)
        finally:
            storage.close()


def _set_up(context: ServiceContext, password: str) -> Actor:
    from tiepdan_desktop.domain.divisions import provinces, wards_of
    from tiepdan_desktop.services import accounts, setup

    province = provinces()[0]
    ward = wards_of(province.code)[0]
    setup.initialize(
        context,
        SetupRequest(
            ward.name,
            province.code,
            ward.code,
            "Tự Kiểm Tra",
            "tu-kiem-tra",
            "Tự kiểm tra",
            password,
        ),
    )
    return accounts.authenticate(context, "tu-kiem-tra", password)


def _vault(context: ServiceContext, admin: Actor, password: str) -> Actor:
    """A chairman's account creates the vault: the cryptography works in this build."""
    from tiepdan_desktop.services import accounts, vault

    accounts.create_user(context, admin, NewUser("chu-tich", "Chủ tịch", Role.LEADER, password))
    chairman = accounts.authenticate(context, "chu-tich", password)
    accounts.change_own_password(context, chairman, password, password + "-2")
    vault.create_vault(context, chairman, password + "-2")
    return accounts.authenticate(context, "chu-tich", password + "-2")


def _check(context: ServiceContext, admin: Actor) -> None:
    from tiepdan_desktop.services.maintenance import check_integrity

    report = check_integrity(context, admin)
    if not report.ok:
        raise SelfTestError("; ".join(report.problems))


def _templates() -> None:
    """Every official-document template (resources/templates) reads."""
    from tiepdan_desktop.exports.official_document import load_template, template_codes

    codes = template_codes()
    if not codes:
        raise SelfTestError("Không có mẫu văn bản nào (resources/templates).")
    for code in codes:
        load_template(code)


def _holidays(today: dt.date) -> None:
    """The holidays package, with its Vietnamese names (.mo files)."""
    from tiepdan_desktop.domain.calendar_seed import seed_days

    days = seed_days(range(today.year, today.year + 2), today)
    if not any("Quốc khánh" in day.name for day in days):
        raise SelfTestError("Thư viện ngày lễ không có tên tiếng Việt (tệp .mo).")


def _documents(context: ServiceContext, chairman: Actor, folder: Path) -> Path:
    """The 01/TCD report (Excel, PDF) and the narrative report (Word, PDF)."""
    from tiepdan_desktop.services import report_outlines, reports

    period = reports.resolve_period(context, chairman, f"{context.today():%Y-%m}")
    written = reports.export_report(
        context,
        chairman,
        "01/TCD",
        period,
        xlsx=folder / "bao-cao.xlsx",
        pdf=folder / "bao-cao.pdf",
    )
    outline = report_outlines.export_outline(
        context, chairman, period, docx=folder / "de-cuong.docx", pdf=folder / "de-cuong.pdf"
    )
    files = [*written.files, *outline]
    if len(files) != 4 or not all(path.stat().st_size for path in files):
        raise SelfTestError(f"Không ghi được báo cáo: {', '.join(map(str, files))}")
    return folder / "bao-cao.pdf"


def _window_and_preview(storage: Storage, admin: Actor, pdf: Path) -> None:
    """The main window, its SVG icons (Qt's SVG plugins: a missing one leaves
    every icon silently blank) and the print preview's PDF renderer."""
    from PySide6.QtGui import QIcon, QImageReader

    from tiepdan_desktop.app import build_window_offscreen
    from tiepdan_desktop.resources import resource_path
    from tiepdan_desktop.ui.pdf_pages import PdfPages

    build_window_offscreen(storage, admin)
    icon = QIcon(str(resource_path("icons", "app.svg")))
    if b"svg" not in QImageReader.supportedImageFormats() or icon.pixmap(32, 32).isNull():
        raise SelfTestError("Không vẽ được biểu tượng SVG (thiếu phần bổ trợ SVG của Qt).")
    pages = PdfPages(pdf)
    try:
        if not len(pages) or pages.image(0, 40).isNull():
            raise SelfTestError("Không hiển thị được trang PDF (PDFium).")
    finally:
        pages.close()
