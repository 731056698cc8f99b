"""Sign in.  Shows which unit this database belongs to."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.errors import AuthenticationError
from tiepdan_desktop.domain.records import UnitInfo
from tiepdan_desktop.resources import resource_path
from tiepdan_desktop.services import accounts
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.ui.errors import explain, show_failure
from tiepdan_desktop.ui.tasks import TaskRunner
from tiepdan_desktop.ui.widgets.form import password_field


class LoginDialog(QDialog):
    signed_in = Signal(object)

    def __init__(
        self,
        services: ServiceContext,
        tasks: TaskRunner,
        unit: UnitInfo | None,
        parent: QWidget | None = None,
        username: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle("Đăng nhập – Tiếp công dân")
        self.setWindowIcon(QIcon(str(resource_path("icons", "app.svg"))))
        self.setMinimumWidth(480)
        self._services, self._tasks = services, tasks
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(10)
        heading = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(QIcon(str(resource_path("icons", "app.svg"))).pixmap(QSize(56, 56)))
        heading.addWidget(logo)
        names = QVBoxLayout()
        title = QLabel("Phần mềm Tiếp công dân")
        title.setObjectName("pageTitle")
        names.addWidget(title)
        if unit is not None:
            unit_label = QLabel(f"{unit.name}, {unit.province_name}")
            unit_label.setObjectName("pageSubtitle")
            names.addWidget(unit_label)
        heading.addLayout(names, 1)
        column.addLayout(heading)
        form = QFormLayout()
        self.username = QLineEdit(username)
        self.username.setObjectName("usernameEdit")
        self.username.setAccessibleName("Tên đăng nhập")
        self.password = password_field("passwordEdit")
        self.password.setAccessibleName("Mật khẩu")
        form.addRow("Tên đăng nhập", self.username)
        form.addRow("Mật khẩu", self.password)
        column.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        column.addWidget(self.error)
        self.sign_in_button = QPushButton("Đăng nhập")
        self.sign_in_button.setObjectName("primaryButton")
        self.sign_in_button.setAccessibleName("Đăng nhập")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self._sign_in)
        quit_button = QPushButton("Thoát")
        quit_button.setObjectName("quitButton")
        quit_button.setAccessibleName("Thoát")
        quit_button.clicked.connect(self.reject)
        column.addWidget(self.sign_in_button)
        column.addWidget(quit_button)
        (self.password if username else self.username).setFocus(Qt.FocusReason.OtherFocusReason)

    def _sign_in(self) -> None:
        username, password = self.username.text(), self.password.text()
        if not username.strip() or not password:
            self._show_error("Hãy nhập tên đăng nhập và mật khẩu.")
            return
        self.sign_in_button.setEnabled(False)
        self.sign_in_button.setText("Đang kiểm tra…")
        self._tasks.write(
            lambda: accounts.authenticate(self._services, username, password),
            self._accepted,
            self._refused,
            owner=self,
        )

    def _accepted(self, actor: Actor) -> None:
        self.accept()
        self.signed_in.emit(actor)

    def _refused(self, error: BaseException) -> None:
        self.sign_in_button.setEnabled(True)
        self.sign_in_button.setText("Đăng nhập")
        self.password.clear()
        self.password.setFocus()
        if isinstance(error, AuthenticationError):
            self._show_error(explain(error))
        else:
            show_failure(self, error, "Không đăng nhập được")

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
