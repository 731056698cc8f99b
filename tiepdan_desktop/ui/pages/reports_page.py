"""Báo cáo: choose a form and a period, see the table as it will print, then
export it to Excel or PDF, print it, and freeze it once it has been sent.

Figures are computed in the background whenever the choice changes; the
checks' findings, the ratios and what changed since the report was frozen are
listed under the table.  An export that fails a check writes nothing.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.errors import ConflictError, ValidationError
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.report_figures import format_number
from tiepdan_desktop.domain.report_periods import ReportPeriod
from tiepdan_desktop.domain.report_records import ReportRun, SnapshotInfo
from tiepdan_desktop.domain.report_spec import SpecError
from tiepdan_desktop.services import report_outlines, reports
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.print_preview import PrintPreviewDialog
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.export_runner import ExportRunner
from tiepdan_desktop.ui.formatting import format_datetime
from tiepdan_desktop.ui.messages import show_info
from tiepdan_desktop.ui.pages.catalogue import Screen
from tiepdan_desktop.ui.widgets.buttons import action_button
from tiepdan_desktop.ui.widgets.page_header import page_header
from tiepdan_desktop.ui.widgets.report_period_picker import ReportPeriodPicker
from tiepdan_desktop.ui.widgets.report_table import ReportTable

REFRESH_PAUSE_MS = 150


class FreezeDialog(QDialog):
    """Chốt số liệu: confirms the freeze and asks where the report went."""

    def __init__(self, what: str, earlier: SnapshotInfo | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("freezeDialog")
        self.setWindowTitle(self.tr("Chốt số liệu báo cáo"))
        explanation = self.tr(
            "Chốt số liệu {0}: giữ lại số liệu như đã gửi. Về sau, nếu sổ sách thay đổi "
            "(ghi muộn, sửa), chương trình sẽ chỉ rõ những thay đổi đó thay vì in ra số "
            "liệu khác mà không báo."
        ).format(what)
        if earlier is not None:
            explanation += "\n\n" + self.tr(
                "Kỳ này đã chốt lúc {0} ({1}). Chốt lại: số liệu hôm nay sẽ thay cho số liệu "
                "đã chốt khi so sánh và in lại."
            ).format(format_datetime(earlier.frozen_at), earlier.frozen_by)
        text = QLabel(explanation)
        text.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setObjectName("freezeNote")
        self.note.setAccessibleName(self.tr("Số văn bản, nơi nhận"))
        self.note.setPlaceholderText(self.tr("Số văn bản gửi, nơi nhận (không bắt buộc)"))
        self.note.setMaxLength(300)
        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("Chốt số liệu"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("confirmFreezeButton")
        buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(text)
        column.addWidget(self.note)
        column.addWidget(buttons)
        self.resize(520, 180)


class ReportsPage(QWidget):
    def __init__(self, app: AppContext, screen: Screen) -> None:
        super().__init__()
        self.setObjectName("reportsPage")
        self._app = app
        self._number = 0
        self.run: ReportRun | None = None
        # Computed when the screen is first shown, not at every start of the program.
        self._stale = True
        services, actor = app.services, app.actor
        try:
            forms = reports.list_forms(services, actor)
            self.load_problem = ""
        except SpecError as error:  # a broken spec file must not keep the program away
            forms, self.load_problem = [], error.message
        settings = reports.get_report_settings(services, actor)
        self.form = QComboBox()
        self.form.setObjectName("reportForm")
        self.form.setAccessibleName(self.tr("Biểu báo cáo"))
        for form in forms:
            self.form.addItem(f"{form.code} — {form.title.capitalize()}", form.code)
        self.picker = ReportPeriodPicker(services.today(), settings)
        self.annex = QCheckBox(self.tr("Kèm danh sách đơn"))
        self.annex.setObjectName("reportAnnex")
        self.annex.setToolTip(self.tr("Phụ lục danh sách đơn trong kỳ, không có người tố cáo"))
        self.frozen = QCheckBox(self.tr("Dùng số liệu đã chốt"))
        self.frozen.setObjectName("reportFrozen")
        self.frozen.setToolTip(self.tr("In lại đúng số liệu đã gửi"))
        self.status = QLabel()
        self.status.setObjectName("reportStatus")
        self.status.setWordWrap(True)
        self.table = ReportTable()
        self.notes = QTextBrowser()
        self.notes.setObjectName("reportNotes")
        self.notes.setAccessibleName(self.tr("Kiểm tra, tỷ lệ, thay đổi sau khi chốt"))
        self.preview_button = action_button(
            "previewReportButton", self.tr("Xem trước bản in…"), self.preview
        )
        self.preview_button.setToolTip(self.tr("Bản PDF như khi in, in ra máy in (Ctrl+P)"))
        self.excel_button = action_button(
            "reportExcelButton", self.tr("Xuất Excel…"), self.to_excel
        )
        self.pdf_button = action_button("reportPdfButton", self.tr("Xuất PDF…"), self.to_pdf)
        self.outline_button = action_button(
            "reportOutlineButton", self.tr("Đề cương (Word)…"), self.to_outline
        )
        self.outline_button.setToolTip(
            self.tr("Báo cáo bằng lời văn với số liệu, tỷ lệ của mọi biểu trong kỳ, để hoàn thiện")
        )
        self.freeze_button = action_button(
            "freezeReportButton", self.tr("Chốt số liệu…"), self.freeze
        )
        self.freeze_button.setEnabled(app.can(Permission.EDIT_REGISTERS))
        self.preview_button.setObjectName("primaryButton")
        self.exports = ExportRunner(app, self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_PAUSE_MS)
        self._timer.timeout.connect(self.refresh)
        self._layout(screen)
        self.form.currentIndexChanged.connect(lambda _i: self._choice_changed())
        self.picker.changed.connect(self._choice_changed)
        self.frozen.toggled.connect(lambda _on: self._choice_changed())
        app.tasks.changed.connect(self._records_changed)

    def _actions(self) -> tuple[QPushButton, ...]:
        return (
            self.preview_button,
            self.excel_button,
            self.pdf_button,
            self.outline_button,
            self.freeze_button,
        )

    def _enable_actions(self, run: ReportRun | None) -> None:
        """Files and freezing only for figures on screen that passed their checks."""
        ready = run is not None and run.ok
        for button in self._actions():
            button.setEnabled(ready)
        if not self._app.can(Permission.EDIT_REGISTERS):
            self.freeze_button.setEnabled(False)

    def _choice_changed(self) -> None:
        # The figures on screen are no longer the chosen ones: nothing to export,
        # print or freeze until the new ones arrive.
        self._enable_actions(None)
        self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._timer.start()

    def _layout(self, screen: Screen) -> None:
        choice = QHBoxLayout()
        choice.addWidget(QLabel(self.tr("Biểu:")))
        choice.addWidget(self.form, 1)
        period = QHBoxLayout()
        period.addWidget(QLabel(self.tr("Kỳ:")))
        period.addWidget(self.picker, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.annex)
        actions.addWidget(self.frozen)
        actions.addStretch(1)
        for button in self._actions():
            actions.addWidget(button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.notes)
        splitter.setStretchFactor(0, 3)
        splitter.setSizes([500, 110])
        column = QVBoxLayout(self)
        column.setContentsMargins(28, 22, 28, 16)
        column.addWidget(page_header(screen.title, screen.subtitle))
        column.addLayout(choice)
        column.addLayout(period)
        column.addLayout(actions)
        column.addWidget(self.status)
        column.addWidget(splitter, 1)

    # --- computing ---------------------------------------------------------------------

    def _records_changed(self, kinds: frozenset[str]) -> None:
        if "reports" in kinds:  # the cut-off setting may have changed
            services, actor = self._app.services, self._app.actor
            self._app.tasks.read(
                lambda: reports.get_report_settings(services, actor),
                self.picker.set_settings,
                owner=self,
            )
        if self.isVisible():
            self._timer.start()
        else:  # recomputed when the screen is next shown, not for nobody
            self._stale = True

    def form_code(self) -> str:
        return str(self.form.currentData())

    def _period(self) -> ReportPeriod | None:
        try:
            return self.picker.period()
        except ValidationError:
            return None

    def refresh(self) -> None:
        period = self._period()
        self._number += 1  # whatever is still being computed is no longer wanted
        self._enable_actions(None)
        if self.load_problem:
            self.status.setText(self.load_problem)
            return
        if period is None:
            return
        number, code, frozen = self._number, self.form_code(), self.frozen.isChecked()
        services, actor = self._app.services, self._app.actor
        self.status.setText(self.tr("Đang tính số liệu…"))

        def work() -> ReportRun:
            try:
                return reports.build_report(services, actor, code, period, frozen_figures=frozen)
            except ConflictError:
                if not frozen:
                    raise
                # This form and period were never frozen: the current figures.
                return reports.build_report(services, actor, code, period)

        self._app.tasks.read(
            work,
            lambda run: self._arrived(number, run),
            lambda error: self._failed(number, error),
            owner=self,
        )

    def _failed(self, number: int, error: BaseException) -> None:
        if number == self._number:
            self.status.setText("")
            show_failure(self, error, self.tr("Không lập được báo cáo"))

    def _arrived(self, number: int, run: ReportRun) -> None:
        if number != self._number:
            return  # an older choice's answer
        self.run = run
        self.table.show_run(run)
        self.annex.setEnabled(run.spec.annex_column > 0)
        self.frozen.setEnabled(run.snapshot is not None)
        if run.snapshot is None and self.frozen.isChecked():
            self.frozen.setChecked(False)
        self.status.setText(self._status_text(run))
        self.status.setStyleSheet(
            "color: #b3261e; font-weight: 600;"
            if run.failures
            else ("color: #8a5a00;" if run.changes and not run.frozen_figures else "")
        )
        self.notes.setHtml(self._notes_html(run))
        self._enable_actions(run)

    def _status_text(self, run: ReportRun) -> str:
        head = f"{run.spec.code} — {run.period.title}. {run.period.data_range}."
        if run.failures:
            return (
                head
                + " "
                + self.tr(
                    "Số liệu không khớp ở {0} chỗ: chưa xuất, chưa chốt được (xem bên dưới)."
                ).format(len(run.failures))
            )
        snapshot = run.snapshot
        if snapshot is None:
            return head + " " + self.tr("Các phép kiểm tra đều đạt. Chưa chốt số liệu.")
        when = format_datetime(snapshot.frozen_at)
        if snapshot.form_changed:
            return (
                head
                + " "
                + self.tr(
                    "Đã chốt lúc {0}, nhưng mẫu biểu đã thay đổi từ đó: không so sánh được từng ô."
                ).format(when)
            )
        if run.frozen_figures:
            return (
                head
                + " "
                + self.tr("Đang xem số liệu đã chốt lúc {0} ({1}).").format(
                    when, snapshot.frozen_by
                )
            )
        if run.changes:
            return (
                head
                + " "
                + self.tr("Đã chốt lúc {0}; từ đó {1} chỉ tiêu thay đổi (ô tô màu vàng).").format(
                    when, len(run.changes)
                )
            )
        return head + " " + self.tr("Đã chốt lúc {0}; không có thay đổi.").format(when)

    def _notes_html(self, run: ReportRun) -> str:
        parts = []
        if run.failures:
            parts.append(f"<h3 style='color:#b3261e'>{self.tr('Số liệu không khớp')}</h3><ul>")
            parts += [f"<li>{escape(failure.text())}</li>" for failure in run.failures]
            parts.append("</ul>")
        if run.changes and not run.frozen_figures:
            parts.append(f"<h3>{self.tr('Thay đổi sau khi chốt')}</h3><ul>")
            for change in run.changes:
                added = ", ".join(change.added[:20])
                removed = ", ".join(change.removed[:20])
                parts.append(
                    f"<li>({change.number}) {escape(change.label)}: "
                    f"{format_number(change.frozen)} → {format_number(change.current)}"
                    + (f"; {self.tr('thêm')}: {escape(added)}" if added else "")
                    + (f"; {self.tr('bớt')}: {escape(removed)}" if removed else "")
                    + "</li>"
                )
            parts.append("</ul>")
        if run.ratios:
            parts.append(f"<h3>{self.tr('Tỷ lệ')}</h3><ul>")
            parts += [f"<li>{escape(ratio.text())}</li>" for ratio in run.ratios]
            parts.append("</ul>")
        if run.spec.note:
            parts.append(f"<p><i>{escape(run.spec.note)}</i></p>")
        parts.append(
            f"<p style='color:#5f6b7a'>{escape(run.spec.regime)}. "
            f"{escape(run.spec.columns_follow)}.</p>"
        )
        return "".join(parts)

    # --- files -------------------------------------------------------------------------

    # Files and freezing act on the report on screen (self.run), never on a choice
    # whose figures have not arrived yet: the buttons are off until they do.

    def _file_stem(self, run: ReportRun) -> str:
        code = run.spec.code.replace("/", "-")
        return f"bao-cao-{code}-{run.period.code.replace(':', '_')}"

    def _export(
        self,
        xlsx: Path | None,
        pdf: Path | None,
        done: Callable[[object], None],
        failed_cleanup: Path | None = None,
    ) -> None:
        run = self.run
        if run is None:
            return
        annex = self.annex.isChecked() and self.annex.isEnabled()
        services, actor = self._app.services, self._app.actor

        def work(progress: Callable[[str, float], None]) -> object:
            try:
                return reports.export_report(
                    services,
                    actor,
                    run.spec.code,
                    run.period,
                    xlsx=xlsx,
                    pdf=pdf,
                    frozen_figures=run.frozen_figures,
                    with_annex=annex,
                    progress=progress,
                )
            except BaseException:
                if failed_cleanup is not None:
                    shutil.rmtree(failed_cleanup, ignore_errors=True)
                raise

        self.exports.run(self.tr("Đang lập báo cáo {0}…").format(run.spec.code), work, done)

    def _save_name(self, title: str, suggested: str, suffix: str, kind: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(self, title, suggested + suffix, kind)
        if not name:
            return None
        return Path(name if name.lower().endswith(suffix) else name + suffix)

    def to_excel(self) -> None:
        if self.run is None:
            return
        target = self._save_name(
            self.tr("Lưu báo cáo ra Excel"),
            self._file_stem(self.run),
            ".xlsx",
            self.tr("Bảng tính Excel (*.xlsx)"),
        )
        if target is not None:
            self._export(target, None, lambda _files: self._saved(target))

    def to_pdf(self) -> None:
        if self.run is None:
            return
        target = self._save_name(
            self.tr("Lưu báo cáo ra PDF"),
            self._file_stem(self.run),
            ".pdf",
            self.tr("Tệp PDF (*.pdf)"),
        )
        if target is not None:
            self._export(None, target, lambda _files: self._saved(target))

    def to_outline(self) -> None:
        if self.run is None:
            return
        period = self.run.period
        target = self._save_name(
            self.tr("Lưu đề cương báo cáo"),
            f"de-cuong-bao-cao-{period.code.replace(':', '_')}",
            ".docx",
            self.tr("Văn bản Word (*.docx)"),
        )
        if target is None:
            return
        services, actor = self._app.services, self._app.actor
        self.exports.run(
            self.tr("Đang lập đề cương báo cáo…"),
            lambda _progress: report_outlines.export_outline(services, actor, period, docx=target),
            lambda _files: self._saved(target),
        )

    def _saved(self, path: Path) -> None:
        show_info(self, self.tr("Đã lưu báo cáo"), self.tr("Đã ghi {0}.").format(path))

    def preview(self) -> None:
        if self.run is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="tiepdan-bao-cao-"))
        target = folder / f"{self._file_stem(self.run)}.pdf"
        self._export(None, target, lambda _files: self._show_preview(target), folder)

    def _show_preview(self, pdf: Path) -> None:
        try:
            title = self.tr("Xem trước: báo cáo {0}").format(pdf.stem)
            PrintPreviewDialog(pdf, title, pdf.name, self).exec()
        finally:
            shutil.rmtree(pdf.parent, ignore_errors=True)

    # --- freezing ----------------------------------------------------------------------

    def freeze(self) -> None:
        run = self.run
        if run is None:
            return
        dialog = FreezeDialog(f"{run.spec.code} — {run.period.title}", run.snapshot, self)
        if not dialog.exec():
            return
        services, actor, code, period = (
            self._app.services,
            self._app.actor,
            run.spec.code,
            run.period,
        )
        note = dialog.note.text()
        self._app.tasks.write(
            lambda: reports.freeze_report(services, actor, code, period, note),
            lambda _snapshot: show_info(
                self,
                self.tr("Đã chốt số liệu"),
                self.tr("Đã chốt số liệu {0}, {1}.").format(code, period.title),
            ),
            lambda error: show_failure(self, error, self.tr("Không chốt được số liệu")),
            changes={"reports"},
            owner=self,
        )
