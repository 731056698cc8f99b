"""Ghi bước giải quyết: the next step of a matter, with what that step needs.

The steps offered are those the workflow table opens for this matter and this
account (services give them); choosing one shows its legal basis, the document
it records and only the fields it uses.  The document is either issued here
from the office's template (numbered, .docx and PDF) or one made elsewhere,
given by number, date and signer, with its scanned pages attached.  What the
service refuses comes back under the field concerned.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.case_records import CaseDetail, StepOption
from tiepdan_desktop.domain.case_workflow import (
    COMPLAINT_TYPES,
    ComplexityCriterion,
    DocumentRef,
    EscalationResult,
    OutcomeFigures,
    StepField,
    StepInput,
    StepKind,
    TerminationGround,
    Workflow,
    template_for,
)
from tiepdan_desktop.domain.enums import CaseType, Complexity, ResolutionVerdict
from tiepdan_desktop.services import cases
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.service_dialog import ServiceFormDialog
from tiepdan_desktop.ui.widgets.buttons import action_button
from tiepdan_desktop.ui.widgets.choices import enum_combo, enum_value
from tiepdan_desktop.ui.widgets.dates import date_edit, to_date

F = StepField
# Đ33.3 Luật Tố cáo: a whole withdrawal that does not end the denunciation.
CONTINUE_GROUNDS = (
    "Hành vi bị tố cáo có dấu hiệu vi phạm pháp luật",
    "Việc rút tố cáo do bị đe dọa, mua chuộc hoặc ép buộc",
)
# (field, label, decimals): money in million đồng, land in m², the rest counts.
FIGURES = (
    ("money_to_recover", "Thu hồi cho Nhà nước: tiền (triệu đồng)", 1),
    ("land_to_recover", "Thu hồi cho Nhà nước: đất (m²)", 1),
    ("money_to_return", "Trả lại tổ chức, cá nhân: tiền (triệu đồng)", 1),
    ("land_to_return", "Trả lại tổ chức, cá nhân: đất (m²)", 1),
    ("orgs_restored", "Số tổ chức được khôi phục quyền lợi", 0),
    ("persons_restored", "Số cá nhân được khôi phục quyền lợi", 0),
    ("sanction_persons", "Số người bị (kiến nghị) xử lý hành chính", 0),
    ("sanction_officials", "  trong đó cán bộ, công chức", 0),
    ("police_cases", "Chuyển cơ quan điều tra: số vụ", 0),
    ("police_persons", "Chuyển cơ quan điều tra: số người", 0),
)


class StepDialog(ServiceFormDialog):
    def __init__(self, app: AppContext, case: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self.setObjectName("stepDialog")
        self.setWindowTitle(self.tr("Ghi bước giải quyết – vụ việc số {0}").format(case.label))
        self.resize(720, 760)
        self.case = case
        self.files: list[Path] = []
        self._shown: dict[str, bool] = {}
        self.kind = QComboBox()
        self.kind.setObjectName("stepKindCombo")
        for option in case.steps:
            self.kind.addItem(option.label + (" (Chủ tịch)" if option.leader_only else ""), option)
        self.basis = QLabel()
        self.basis.setObjectName("hint")
        self.basis.setWordWrap(True)
        self.on = date_edit("stepDate", app.services.today())
        self.note = QPlainTextEdit()
        self.note.setObjectName("stepNote")
        self.note.setFixedHeight(80)
        self.verifier = QLineEdit()
        self.verifier.setObjectName("stepVerifier")
        self.verifier.setPlaceholderText(
            self.tr("Ví dụ: Tổ xác minh do ông Trần Văn Minh làm tổ trưởng")
        )
        self.complexity = enum_combo(
            "stepComplexity", (Complexity.COMPLEX, Complexity.ESPECIALLY_COMPLEX)
        )
        self.criteria = {c: QCheckBox(c.label) for c in ComplexityCriterion}
        criteria_box = QWidget()
        criteria_column = QVBoxLayout(criteria_box)
        criteria_column.setContentsMargins(0, 0, 0, 0)
        for criterion, box in self.criteria.items():
            box.setObjectName(f"criterion_{criterion.value}")
            criteria_column.addWidget(box)
        self.remote = QCheckBox(self.tr("Vụ việc ở vùng sâu, vùng xa đi lại khó khăn"))
        self.remote.setObjectName("stepRemote")
        self.whole = QRadioButton(self.tr("Rút toàn bộ nội dung"))
        self.whole.setObjectName("withdrawWhole")
        self.partly = QRadioButton(self.tr("Rút một phần"))
        self.partly.setObjectName("withdrawPart")
        withdrawal = QWidget()
        withdrawal_row = QHBoxLayout(withdrawal)
        withdrawal_row.setContentsMargins(0, 0, 0, 0)
        withdrawal_row.addWidget(self.whole)
        withdrawal_row.addWidget(self.partly)
        withdrawal_row.addStretch(1)
        self.ground = QComboBox()
        self.ground.setObjectName("stepGround")
        self.ground.setEditable(True)
        self.verdict = enum_combo("stepVerdict", ResolutionVerdict, self.tr("— Chọn —"))
        self.figures = {name: self._figure(name, decimals) for name, _label, decimals in FIGURES}
        self.fully_enforced = QCheckBox(self.tr("Đã thi hành xong quyết định, kết luận"))
        self.fully_enforced.setObjectName("fullyEnforced")
        figures_box = QWidget()
        grid = QGridLayout(figures_box)
        grid.setContentsMargins(0, 0, 0, 0)
        for row, (name, label, _decimals) in enumerate(FIGURES):
            grid.addWidget(QLabel(self.tr(label)), row, 0)
            grid.addWidget(self.figures[name], row, 1)
        grid.addWidget(self.fully_enforced, len(FIGURES), 0, 1, 2)
        self.body = QLineEdit()
        self.body.setObjectName("stepBody")
        self.escalation = enum_combo("stepEscalation", EscalationResult, self.tr("— Chọn —"))
        self.case_type = enum_combo(
            "stepCaseType", sorted(COMPLAINT_TYPES, key=lambda t: t.label), self.tr("— Chọn —")
        )
        self.document = self._document_box()
        self.file_list = QListWidget()
        self.file_list.setObjectName("stepFiles")
        self.file_list.setFixedHeight(60)
        files_box = QWidget()
        files_row = QHBoxLayout(files_box)
        files_row.setContentsMargins(0, 0, 0, 0)
        files_row.addWidget(self.file_list, 1)
        files_row.addWidget(action_button("addStepFiles", self.tr("Thêm tệp…"), self.add_files))

        form = self.form
        form.add_field("kind", self.tr("Bước *"), self.kind)
        form.addRow("", self.basis)
        form.add_field("on", self.tr("Ngày thực hiện *"), self.on)
        form.add_field("verifier", self.tr("Người, tổ xác minh"), self.verifier)
        form.add_field("case_type", self.tr("Loại khiếu nại"), self.case_type)
        form.add_field("complexity", self.tr("Mức độ phức tạp"), self.complexity)
        form.add_field(
            "complexity_basis",
            self.tr("Căn cứ (NĐ 31/2019 Điều 3)"),
            criteria_box,
            self.tr("Phức tạp: 1 tiêu chí; đặc biệt phức tạp: từ 2 tiêu chí."),
        )
        form.add_field("remote", "", self.remote)
        form.add_field("withdrawal", self.tr("Rút đơn"), withdrawal)
        form.add_field("ground", self.tr("Lý do"), self.ground)
        form.add_field("verdict", self.tr("Kết quả"), self.verdict)
        form.add_field("figures", self.tr("Số liệu kết quả"), figures_box)
        form.add_field("body", self.tr("Cơ quan, người nhận"), self.body)
        form.add_field("escalation_result", self.tr("Kết quả của cấp trên"), self.escalation)
        form.add_field("note", self.tr("Nội dung, ghi chú"), self.note)
        form.add_field("document", self.tr("Văn bản"), self.document)
        form.add_field("files", self.tr("Tệp quét kèm theo"), files_box)

        self.buttons.setStandardButtons(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Ghi bước"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        holder = QWidget()
        holder.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        column = QVBoxLayout(self)
        column.addWidget(scroll, 1)
        column.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._step_chosen())
        self.issue.toggled.connect(lambda _on: self._document_mode())
        for signal in (self.whole.toggled, self.partly.toggled):
            signal.connect(lambda _on: self._withdrawal_changed())
        self.ground.currentIndexChanged.connect(lambda _i: self._withdrawal_changed())
        self._step_chosen()

    # --- construction ------------------------------------------------------------------

    def _figure(self, name: str, decimals: int) -> QDoubleSpinBox | QSpinBox:
        box: QDoubleSpinBox | QSpinBox
        if decimals:
            box = QDoubleSpinBox()
            box.setDecimals(decimals)
            box.setMaximum(10_000_000)
        else:
            box = QSpinBox()
            box.setMaximum(100_000)
        box.setObjectName(f"figure_{name}")
        return box

    def _document_box(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.issue = QRadioButton(
            self.tr("Lập văn bản từ mẫu của đơn vị (tự đánh số, Word và PDF)")
        )
        self.issue.setObjectName("issueFromTemplate")
        self.existing = QRadioButton(self.tr("Văn bản đã có (ban hành ở nơi khác hoặc đã ký):"))
        self.existing.setObjectName("existingDocument")
        group = QButtonGroup(box)
        group.addButton(self.issue)
        group.addButton(self.existing)
        self.doc_number = QLineEdit()
        self.doc_number.setObjectName("docNumber")
        self.doc_number.setPlaceholderText(self.tr("Số, ký hiệu, ví dụ 15/QĐ-UBND"))
        self.doc_date = date_edit("docDate", self._app.services.today())
        self.doc_signer = QLineEdit()
        self.doc_signer.setObjectName("docSigner")
        self.doc_signer.setPlaceholderText(self.tr("Người ký"))
        self.signer = QLineEdit()
        self.signer.setObjectName("issueSigner")
        self.signer.setPlaceholderText(
            self.tr("Người ký văn bản lập từ mẫu (để trống: Chủ tịch UBND)")
        )
        existing_row = QHBoxLayout()
        existing_row.addWidget(self.doc_number, 2)
        existing_row.addWidget(self.doc_date, 1)
        existing_row.addWidget(self.doc_signer, 2)
        column.addWidget(self.issue)
        column.addWidget(self.signer)
        column.addWidget(self.existing)
        column.addLayout(existing_row)
        return box

    # --- the chosen step ---------------------------------------------------------------

    def option(self) -> StepOption | None:
        data = self.kind.currentData()
        return data if isinstance(data, StepOption) else None

    def _step_chosen(self) -> None:
        option = self.option()
        if option is None:
            return
        used = set(option.required) | set(option.optional)
        denunciation = self.case.workflow is Workflow.DENUNCIATION
        kind = option.kind
        basis = self.tr("Căn cứ: {0}.").format(option.basis)
        if option.document:
            basis += " " + self.tr("Văn bản: {0}.").format(option.document)
        self.basis.setText(basis)
        shown = {
            "verifier": F.VERIFIER.value in used,
            "case_type": F.CASE_TYPE.value in used,
            "complexity": F.COMPLEXITY.value in used,
            "complexity_basis": F.COMPLEXITY_BASIS.value in used,
            "remote": F.REMOTE.value in used,
            "withdrawal": F.WITHDRAWAL.value in used,
            "ground": F.GROUND.value in used or (kind is StepKind.WITHDRAW and denunciation),
            "verdict": F.VERDICT.value in used,
            "figures": F.FIGURES.value in used,
            "body": F.BODY.value in used,
            "escalation_result": F.ESCALATION_RESULT.value in used,
            "note": True,
            "document": F.DOCUMENT.value in used,
            "files": True,
        }
        for name, visible in shown.items():
            self.form.set_field_visible(name, visible)
        self._shown = shown
        self.fully_enforced.setVisible(kind is StepKind.ENFORCEMENT_RESULT)
        self._fill_grounds(kind, denunciation)
        template = template_for(kind, self.case.workflow)
        self.issue.setEnabled(template is not None)
        self.issue.setChecked(template is not None)
        self.existing.setChecked(template is None)
        self.remote.setChecked(not self.case.remote if kind is StepKind.REMOTE_AREA else False)
        self._document_mode()
        self._withdrawal_changed()
        self.form.clear_errors()

    def _withdrawal_changed(self) -> None:
        """Rút đơn: a whole withdrawal ends the matter with its termination (issued
        here or recorded), unless a denunciation goes on (Điều 33.3, its ground)."""
        option = self.option()
        if option is None or option.kind is not StepKind.WITHDRAW:
            return
        whole = self.whole.isChecked()
        denunciation = self.case.workflow is Workflow.DENUNCIATION
        self._shown["ground"] = whole and denunciation
        self.form.set_field_visible("ground", self._shown["ground"])
        ends = whole and not (denunciation and self._ground())
        self.issue.setEnabled(ends)
        if ends != self.issue.isChecked():
            (self.issue if ends else self.existing).setChecked(True)

    def _fill_grounds(self, kind: StepKind, denunciation: bool) -> None:
        self.ground.clear()
        if kind is StepKind.TERMINATE:
            for ground in TerminationGround:
                self.ground.addItem(ground.label, ground.value)
        elif kind is StepKind.WITHDRAW and denunciation:
            self.ground.addItem(self.tr("— Không: đình chỉ giải quyết —"), "")
            for text in CONTINUE_GROUNDS:
                self.ground.addItem(text, text)
        self.ground.setCurrentIndex(0 if self.ground.count() else -1)
        if kind is StepKind.SUSPEND:
            self.ground.setEditText("")
            self.ground.lineEdit().setPlaceholderText(
                self.tr("Ví dụ: chờ kết quả giám định của cơ quan chuyên môn")
            )

    def _document_mode(self) -> None:
        existing = self.existing.isChecked()
        for widget in (self.doc_number, self.doc_date, self.doc_signer):
            widget.setEnabled(existing)
        self.signer.setEnabled(not existing)

    def add_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("Chọn tệp quét"),
            "",
            self.tr("Bản quét, văn bản (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.docx)"),
        )
        for name in names:
            self.files.append(Path(name))
            self.file_list.addItem(Path(name).name)

    # --- saving ------------------------------------------------------------------------

    def _ground(self) -> str | None:
        """A listed ground by its code (none for «Không»), or the words typed."""
        index = self.ground.findText(self.ground.currentText())
        if index >= 0:
            return str(self.ground.itemData(index) or "") or None
        return self.ground.currentText().strip() or None

    def _figures_input(self, option: StepOption) -> OutcomeFigures | None:
        if F.FIGURES.value not in set(option.required) | set(option.optional):
            return None
        values = {name: box.value() for name, box in self.figures.items()}
        return OutcomeFigures(
            money_to_recover=float(values["money_to_recover"]),
            land_to_recover=float(values["land_to_recover"]),
            money_to_return=float(values["money_to_return"]),
            land_to_return=float(values["land_to_return"]),
            orgs_restored=int(values["orgs_restored"]),
            persons_restored=int(values["persons_restored"]),
            sanction_persons=int(values["sanction_persons"]),
            sanction_officials=int(values["sanction_officials"]),
            police_cases=int(values["police_cases"]),
            police_persons=int(values["police_persons"]),
            fully_enforced=self.fully_enforced.isChecked(),
        )

    def step_input(self) -> StepInput | None:
        option = self.option()
        if option is None:
            return None
        used = set(option.required) | set(option.optional)
        kind = option.kind
        document = None
        if F.DOCUMENT.value in used and self.existing.isChecked():
            number, signer = self.doc_number.text().strip(), self.doc_signer.text().strip()
            if number or signer or F.DOCUMENT.value in option.required:
                document = DocumentRef(number, to_date(self.doc_date.date()), signer)
        whole = None
        if F.WITHDRAWAL.value in used and (self.whole.isChecked() or self.partly.isChecked()):
            whole = self.whole.isChecked()
        shown = self._shown
        verdict = enum_value(self.verdict, ResolutionVerdict) if shown["verdict"] else None
        return StepInput(
            kind=kind,
            on=to_date(self.on.date()),
            note=self.note.toPlainText().strip() or None,
            document=document,
            verifier=(self.verifier.text().strip() or None) if shown["verifier"] else None,
            complexity=enum_value(self.complexity, Complexity) if shown["complexity"] else None,
            complexity_basis=tuple(c for c, box in self.criteria.items() if box.isChecked())
            if shown["complexity_basis"]
            else (),
            remote=self.remote.isChecked() if shown["remote"] else None,
            whole=whole,
            ground=self._ground() if shown["ground"] else None,
            verdict=verdict.value if verdict else None,
            figures=self._figures_input(option),
            body=(self.body.text().strip() or None) if shown["body"] else None,
            escalation_result=enum_value(self.escalation, EscalationResult)
            if shown["escalation_result"]
            else None,
            case_type=enum_value(self.case_type, CaseType) if shown["case_type"] else None,
            issue=shown["document"] and self.issue.isChecked() and self.issue.isEnabled(),
            signer_name=self.signer.text().strip() or None,
        )

    def save(self) -> None:
        step = self.step_input()
        if step is None:
            return
        services, actor, case_id = self._app.services, self._app.actor, self.case.id
        files = tuple(self.files)
        self.run_write(
            lambda: cases.record_step(services, actor, case_id, step, files),
            changes={"cases", "letters"},
        )
