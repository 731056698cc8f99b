"""First run: the unit, its chairman and the first administrator account.

There is no default password: the person installing chooses it here.  An office
moving to a new PC restores its backup from the first page instead.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from tiepdan_desktop.domain.accounts import (
    MIN_PASSWORD_LENGTH,
    new_password_problems,
    username_problem,
)
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.divisions import WardEntry, provinces, wards_of
from tiepdan_desktop.domain.errors import DomainError, ValidationError
from tiepdan_desktop.domain.records import SetupRequest
from tiepdan_desktop.domain.text import normalize_text
from tiepdan_desktop.services import accounts, setup
from tiepdan_desktop.services.backups import BackupInfo
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.ui.backup_folder import choose_backup_folder
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.messages import confirm
from tiepdan_desktop.ui.tasks import TaskRunner
from tiepdan_desktop.ui.widgets.form import ValidatedForm, password_field
from tiepdan_desktop.ui.widgets.search_combo import SearchableComboBox


def default_unit_name(ward: WardEntry) -> str:
    """ "Phường Bến Thành" → "UBND phường Bến Thành", as the unit signs its papers."""
    return f"UBND {ward.name[:1].lower()}{ward.name[1:]}"


class _IntroPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Chào mừng đến với phần mềm Tiếp công dân")
        text = QLabel(
            "Đây là lần đầu chương trình chạy trên máy này. Hai bước ngắn:\n\n"
            "1. Thông tin đơn vị: tỉnh/thành phố, xã/phường/đặc khu, Chủ tịch UBND.\n"
            "2. Tài khoản quản trị đầu tiên: họ tên, tên đăng nhập và mật khẩu do anh/chị "
            "tự đặt (phần mềm không có mật khẩu mặc định).\n\n"
            "Dữ liệu được lưu trên máy này, không gửi đi đâu."
        )
        text.setWordWrap(True)
        moving = QLabel(
            "Chuyển sang máy mới? Nếu đơn vị đã dùng phần mềm trên máy khác và có bản sao lưu "
            "(ổ USB), hãy khôi phục bản sao lưu đó thay vì cài đặt lại: sổ sách, tài khoản và "
            "két bảo mật được giữ nguyên."
        )
        moving.setWordWrap(True)
        self.restore_button = QPushButton("Khôi phục từ bản sao lưu…")
        self.restore_button.setObjectName("restoreFromBackupButton")
        column = QVBoxLayout(self)
        column.addWidget(text)
        column.addSpacing(16)
        column.addWidget(moving)
        column.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)


class _UnitPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Thông tin đơn vị")
        self.setSubTitle("Chọn theo danh mục hành chính hai cấp (từ 01/7/2025).")
        self.form = ValidatedForm(self)
        self.province = SearchableComboBox()
        self.province.setObjectName("provinceCombo")
        self.province.lineEdit().setPlaceholderText("Gõ tên tỉnh, ví dụ: ho chi minh")
        self.province.set_items((p.name, p.code) for p in provinces())
        self.ward = SearchableComboBox()
        self.ward.setObjectName("wardCombo")
        self.ward.lineEdit().setPlaceholderText("Chọn tỉnh trước, rồi gõ tên xã/phường")
        self.unit_name = QLineEdit()
        self.unit_name.setObjectName("unitNameEdit")
        self.chairman = QLineEdit()
        self.chairman.setObjectName("chairmanEdit")
        self.remote = QCheckBox("Đơn vị thuộc vùng sâu, vùng xa, đi lại khó khăn")
        self.remote.setObjectName("remoteAreaCheck")
        self.form.add_field("province_code", "Tỉnh/thành phố *", self.province)
        self.form.add_field("ward_code", "Xã/phường/đặc khu *", self.ward)
        self.form.add_field(
            "unit_name", "Tên đơn vị *", self.unit_name, "Dùng trên tiêu đề văn bản, báo cáo."
        )
        self.form.add_field("chairman_name", "Chủ tịch UBND *", self.chairman)
        self.form.add_field(
            "remote_area", "", self.remote, "Thời hạn giải quyết khiếu nại dài hơn (Luật KN Đ28)."
        )
        self._wards: dict[int, WardEntry] = {}
        self._suggested_name = ""
        self.province.currentIndexChanged.connect(self._province_chosen)
        self.ward.currentIndexChanged.connect(self._ward_chosen)

    def _province_chosen(self) -> None:
        code = self.province.current_value()
        entries = wards_of(code) if isinstance(code, int) else ()
        self._wards = {ward.code: ward for ward in entries}
        self.ward.set_items((ward.name, ward.code) for ward in entries)

    def _ward_chosen(self) -> None:
        ward = self.selected_ward()
        if ward is None:
            return
        # Fill the unit name unless the official already typed their own.
        if not self.unit_name.text() or self.unit_name.text() == self._suggested_name:
            self._suggested_name = default_unit_name(ward)
            self.unit_name.setText(self._suggested_name)

    def selected_ward(self) -> WardEntry | None:
        code = self.ward.current_value()
        return self._wards.get(code) if isinstance(code, int) else None

    def validatePage(self) -> bool:
        problems = {}
        if not isinstance(self.province.current_value(), int):
            problems["province_code"] = "Hãy chọn tỉnh/thành phố trong danh sách."
        if self.selected_ward() is None:
            problems["ward_code"] = "Hãy chọn xã/phường/đặc khu trong danh sách."
        if not normalize_text(self.unit_name.text()):
            problems["unit_name"] = "Hãy nhập tên đơn vị."
        if not normalize_text(self.chairman.text()):
            problems["chairman_name"] = "Hãy nhập họ tên Chủ tịch UBND."
        self.form.show_errors(problems)
        return not problems


class _AdminPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Tài khoản quản trị")
        self.setSubTitle(
            "Người quản trị tạo tài khoản cho cán bộ, lãnh đạo và sửa thông tin đơn vị."
        )
        self.form = ValidatedForm(self)
        self.full_name = QLineEdit()
        self.full_name.setObjectName("adminFullNameEdit")
        self.username = QLineEdit()
        self.username.setObjectName("adminUsernameEdit")
        self.password = password_field("adminPasswordEdit")
        self.confirm = password_field("adminConfirmEdit")
        self.form.add_field("admin_full_name", "Họ và tên *", self.full_name)
        self.form.add_field(
            "admin_username", "Tên đăng nhập *", self.username, "Ví dụ: quantri, nguyenvanan"
        )
        self.form.add_field(
            "admin_password",
            "Mật khẩu *",
            self.password,
            f"Ít nhất {MIN_PASSWORD_LENGTH} ký tự. Hãy ghi nhớ: không ai khôi phục được nếu quên "
            "(trừ khi có tài khoản quản trị khác).",
        )
        self.form.add_field("confirm", "Nhập lại mật khẩu *", self.confirm)

    def validatePage(self) -> bool:
        problems = {}
        if not normalize_text(self.full_name.text()):
            problems["admin_full_name"] = "Hãy nhập họ và tên."
        if message := username_problem(self.username.text()):
            problems["admin_username"] = message
        problems |= new_password_problems(
            self.password.text(), self.confirm.text(), self.username.text(), "admin_password"
        )
        self.form.show_errors(problems)
        return not problems


class _SummaryPage(QWizardPage):
    def __init__(self, unit: _UnitPage, admin: _AdminPage) -> None:
        super().__init__()
        self.setTitle("Xác nhận")
        self.setSubTitle("Bấm «Hoàn tất» để lưu và bắt đầu làm việc.")
        self._unit, self._admin = unit, admin
        self.summary = QLabel()
        self.summary.setObjectName("setupSummary")
        self.summary.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.summary)

    def initializePage(self) -> None:
        ward = self._unit.selected_ward()
        self.summary.setText(
            f"Đơn vị: {normalize_text(self._unit.unit_name.text())}\n"
            f"Địa bàn: {ward.name if ward else ''}, {self._unit.province.currentText()}\n"
            f"Chủ tịch UBND: {normalize_text(self._unit.chairman.text())}\n"
            f"Vùng sâu, vùng xa: {'có' if self._unit.remote.isChecked() else 'không'}\n\n"
            f"Quản trị: {normalize_text(self._admin.full_name.text())} "
            f"(đăng nhập: {self._admin.username.text().strip().lower()})"
        )


class SetupWizard(QWizard):
    """Emits `completed` with the signed-in administrator once everything is saved,
    or `saved_without_sign_in` with the user name when saving worked but signing
    in did not (the login screen takes over; setup must not be repeated)."""

    completed = Signal(object)
    saved_without_sign_in = Signal(str)
    # A backup folder, checked and confirmed: the session controller restores it.
    restore_requested = Signal(Path)

    def __init__(
        self, services: ServiceContext, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.setWindowTitle("Cài đặt lần đầu – Tiếp công dân")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setMinimumSize(720, 560)
        self._services, self._tasks = services, tasks
        self.unit_page = _UnitPage()
        self.admin_page = _AdminPage()
        intro = _IntroPage()
        intro.restore_button.clicked.connect(self._choose_backup)
        self.addPage(intro)
        self.addPage(self.unit_page)
        self.addPage(self.admin_page)
        self.addPage(_SummaryPage(self.unit_page, self.admin_page))
        self._saving = False

    def _choose_backup(self) -> None:
        choose_backup_folder(self, self._tasks, self._confirm_restore)

    def _confirm_restore(self, checked: BackupInfo) -> None:
        question = (
            f"Khôi phục bản sao lưu {checked.describe()}?\n\nDữ liệu của đơn vị trong bản sao "
            "lưu được đặt vào máy này; sau đó đăng nhập bằng tài khoản đã có của đơn vị."
        )
        if confirm(self, "Khôi phục dữ liệu", question, yes="Khôi phục"):
            # Closed as done, not as cancelled (cancelling ends the program).
            self.done(QWizard.DialogCode.Accepted)
            self.restore_requested.emit(checked.folder)

    def request(self) -> SetupRequest:
        unit, admin = self.unit_page, self.admin_page
        ward = unit.selected_ward()
        province = unit.province.current_value()
        return SetupRequest(
            unit_name=unit.unit_name.text(),
            province_code=province if isinstance(province, int) else 0,
            ward_code=ward.code if ward else 0,
            chairman_name=unit.chairman.text(),
            admin_username=admin.username.text(),
            admin_full_name=admin.full_name.text(),
            admin_password=admin.password.text(),
            remote_area=unit.remote.isChecked(),
        )

    def accept(self) -> None:
        if self._saving:
            return
        self._saving = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        request = self.request()

        def save_and_sign_in() -> Actor | None:
            setup.initialize(self._services, request)
            try:
                return accounts.authenticate(
                    self._services, request.admin_username, request.admin_password
                )
            except DomainError:
                return None

        self._tasks.write(
            save_and_sign_in, self._saved, self._failed, changes={"unit", "users"}, owner=self
        )

    def _saved(self, actor: Actor | None) -> None:
        self._saving = False
        super().accept()
        if actor is None:
            self.saved_without_sign_in.emit(self.admin_page.username.text().strip().lower())
        else:
            self.completed.emit(actor)

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        if isinstance(error, ValidationError):
            unit_fields = {"province_code", "ward_code", "unit_name", "chairman_name"}
            page = self.unit_page if unit_fields & error.fields.keys() else self.admin_page
            while self.currentPage() is not page and self.currentId() > 0:
                self.back()
            page.form.show_errors(error.fields)
            return
        show_failure(self, error, "Chưa cài đặt được")
