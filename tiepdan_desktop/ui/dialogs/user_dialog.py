"""Create or edit a user account (administrators only)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.accounts import (
    MIN_PASSWORD_LENGTH,
    new_password_problems,
    username_problem,
)
from tiepdan_desktop.domain.enums import Role
from tiepdan_desktop.domain.records import NewUser, UserChanges, UserInfo
from tiepdan_desktop.domain.text import normalize_text
from tiepdan_desktop.services import accounts
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.service_dialog import ServiceFormDialog
from tiepdan_desktop.ui.widgets.form import password_field

ROLE_HINTS = {
    Role.ADMIN: "Quản lý tài khoản, thông tin đơn vị, danh mục; ghi sổ.",
    Role.LEADER: "Chủ tịch, Phó Chủ tịch: ký quyết định, kết luận; xem mọi sổ sách.",
    Role.OFFICER: "Cán bộ tiếp dân, xử lý đơn: ghi sổ, theo dõi vụ việc.",
    Role.READ_ONLY: "Chỉ xem sổ sách và báo cáo.",
}


class UserDialog(ServiceFormDialog):
    def __init__(
        self, app: AppContext, user: UserInfo | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(app, parent)
        self.setObjectName("userDialog")
        self.setWindowTitle("Sửa tài khoản" if user else "Thêm tài khoản")
        self.setMinimumWidth(520)
        self._user = user
        column = QVBoxLayout(self)
        self.full_name = QLineEdit(user.full_name if user else "")
        self.full_name.setObjectName("fullNameEdit")
        self.form.add_field("full_name", "Họ và tên *", self.full_name)
        self.username = QLineEdit(user.username if user else "")
        self.username.setObjectName("usernameEdit")
        self.username.setReadOnly(user is not None)
        self.form.add_field("username", "Tên đăng nhập *", self.username)
        self.role = QComboBox()
        self.role.setObjectName("roleCombo")
        for role in Role:
            self.role.addItem(role.label, role)
            self.role.setItemData(
                self.role.count() - 1, ROLE_HINTS[role], Qt.ItemDataRole.ToolTipRole
            )
        self.role.setCurrentIndex(list(Role).index(user.role if user else Role.OFFICER))
        self.form.add_field("role", "Vai trò *", self.role)
        self.active = QCheckBox("Đang hoạt động (bỏ chọn để khóa tài khoản)")
        self.active.setObjectName("activeCheck")
        self.active.setChecked(user.active if user else True)
        self.password = password_field("passwordEdit")
        self.confirm = password_field("confirmEdit")
        if user is None:
            self.form.add_field(
                "password",
                "Mật khẩu tạm *",
                self.password,
                f"Ít nhất {MIN_PASSWORD_LENGTH} ký tự. Người dùng phải đổi ở lần đăng nhập đầu.",
            )
            self.form.add_field("confirm", "Nhập lại mật khẩu *", self.confirm)
        else:
            self.form.add_field("active", "", self.active)
        column.addLayout(self.form)
        self.buttons.setStandardButtons(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self.saved: UserInfo | None = None

    def _selected_role(self) -> Role:
        return Role(self.role.currentData())

    def _submit(self) -> None:
        problems = {}
        if not normalize_text(self.full_name.text()):
            problems["full_name"] = "Hãy nhập họ và tên."
        if self._user is None:
            if message := username_problem(self.username.text()):
                problems["username"] = message
            problems |= new_password_problems(
                self.password.text(), self.confirm.text(), self.username.text()
            )
        if problems:
            self.form.show_errors(problems)
            return
        self.run_write(self._save_action(), changes={"users"})

    def _save_action(self) -> Callable[[], UserInfo]:
        """The service call, with the form's values taken now, on the GUI thread."""
        services, actor = self._app.services, self._app.actor
        if self._user is None:
            new = NewUser(
                self.username.text(),
                self.full_name.text(),
                self._selected_role(),
                self.password.text(),
            )
            return lambda: accounts.create_user(services, actor, new)
        user_id = self._user.id
        changes = UserChanges(self.full_name.text(), self._selected_role(), self.active.isChecked())
        return lambda: accounts.update_user(services, actor, user_id, changes)
