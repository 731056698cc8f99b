"""Két bảo mật danh tính người tố cáo: whether it exists, who keeps it, creating it
(the administrator, once, with the recovery key to print), taking its key (a
leader or a designated user, with a custodian present or the recovery key), and
designating custodians (the administrator)."""

from __future__ import annotations

import html
import uuid

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.enums import Role
from tiepdan_desktop.domain.errors import DomainError
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.records import UserInfo
from tiepdan_desktop.services import accounts, vault
from tiepdan_desktop.services.vault import VaultCreated, VaultStatus
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.messages import show_info
from tiepdan_desktop.ui.widgets.buttons import action_button


class VaultDialog(QDialog):
    def __init__(self, app: AppContext, unit_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vaultDialog")
        self._unit_name = unit_name
        self.setWindowTitle(self.tr("Két bảo mật danh tính người tố cáo"))
        self._app = app
        self.summary = QLabel(self.tr("Đang đọc…"))
        self.summary.setObjectName("vaultSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("custodianTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Người giữ két"), self.tr("Tên đăng nhập"), self.tr("Khóa két")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.create_button = action_button(
            "createVaultButton", self.tr("Thiết lập két…"), self.create_vault
        )
        self.take_button = action_button(
            "takeCustodyButton", self.tr("Nhận khóa két…"), self.take_custody
        )
        self.designate_button = action_button(
            "designateButton", self.tr("Chỉ định người giữ két…"), self.designate
        )
        self.undesignate_button = action_button(
            "undesignateButton", self.tr("Thôi giữ két"), self.undesignate
        )
        close = action_button("closeButton", self.tr("Đóng"), self.accept)
        buttons = QHBoxLayout()
        for button in (
            self.create_button,
            self.take_button,
            self.designate_button,
            self.undesignate_button,
        ):
            button.setVisible(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)
        self.resize(640, 380)
        self.status: VaultStatus | None = None
        self.reload()

    # --- reading ------------------------------------------------------------------------

    def reload(self) -> None:
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: vault.vault_status(services, actor),
            self._show,
            lambda error: show_failure(self, error, self.tr("Không đọc được két bảo mật")),
            owner=self,
        )

    def _show(self, status: VaultStatus) -> None:
        self.status = status
        admin = self._app.can(Permission.MANAGE_USERS)
        chairman = self._app.can(Permission.DECIDE)
        if not status.exists:
            self.summary.setText(
                self.tr(
                    "Chưa thiết lập két. Danh tính người tố cáo đang được lưu như dữ liệu thường. "
                    "Chủ tịch UBND (tài khoản Lãnh đạo) cần thiết lập két: khi đó mọi người tố "
                    "cáo đã có trong sổ được niêm phong, và chỉ người giữ két mới xem được họ là "
                    "ai. Quản trị viên không thiết lập và không giữ két."
                )
            )
        else:
            self.summary.setText(
                self.tr(
                    "Két được lập ngày {0}; đang niêm phong danh tính {1} người. Danh tính chỉ "
                    "mở được bằng mật khẩu của người giữ két (lãnh đạo UBND, người được quản "
                    "trị viên chỉ định) hoặc khóa dự phòng đã in; mỗi lần xem đều ghi nhật ký."
                ).format(status.created_at, status.sealed_people)
            )
        self.table.setRowCount(len(status.custodians))
        for row, custodian in enumerate(status.custodians):
            held = self.tr("Đang giữ") if custodian.holds_key else self.tr("Chưa nhận khóa")
            for column, value in enumerate((custodian.full_name, custodian.username, held)):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.create_button.setVisible(chairman and not status.exists)
        self.take_button.setVisible(status.exists and status.i_may_hold and not status.i_hold)
        self.designate_button.setVisible(admin and status.exists)
        self.undesignate_button.setVisible(admin and status.exists and bool(status.custodians))

    # --- creating ---------------------------------------------------------------------------

    def create_vault(self) -> None:
        password, ok = QInputDialog.getText(
            self,
            self.tr("Thiết lập két bảo mật"),
            self.tr("Mật khẩu của bạn (két sẽ mở bằng mật khẩu này):"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        services, actor = self._app.services, self._app.actor
        self.create_button.setEnabled(False)
        self._app.tasks.write(
            lambda: vault.create_vault(services, actor, password),
            self._created,
            self._failed,
            owner=self,
        )

    def _created(self, created: VaultCreated) -> None:
        RecoveryKeyDialog(created, self._unit_name, self).exec()
        self.create_button.setEnabled(True)
        self.reload()

    # --- custody ------------------------------------------------------------------------

    def take_custody(self) -> None:
        if TakeCustodyDialog(self._app, self).exec():
            show_info(
                self,
                self.tr("Đã nhận khóa két"),
                self.tr("Từ nay bạn mở két bằng mật khẩu của mình."),
            )
            self.reload()

    def designate(self) -> None:
        services, actor = self._app.services, self._app.actor
        self._app.tasks.read(
            lambda: accounts.list_users(services, actor),
            self._choose_user,
            lambda error: show_failure(self, error, self.tr("Không đọc được danh sách")),
            owner=self,
        )

    def _choose_user(self, users: list[UserInfo]) -> None:
        chooser = ChooseUserDialog(users, self)
        if chooser.exec() and chooser.user_id is not None:
            self._designation(chooser.user_id, True)

    def undesignate(self) -> None:
        row = self.table.currentRow()
        if self.status is None or not 0 <= row < len(self.status.custodians):
            show_info(self, self.tr("Chọn người"), self.tr("Hãy chọn một người trong danh sách."))
            return
        self._designation(self.status.custodians[row].user_id, False)

    def _designation(self, user_id: uuid.UUID, designated: bool) -> None:
        services, actor = self._app.services, self._app.actor
        self._app.tasks.write(
            lambda: vault.designate_custodian(services, actor, user_id, designated),
            lambda _none: self.reload(),
            self._failed,
            owner=self,
        )

    def _failed(self, error: BaseException) -> None:
        self.create_button.setEnabled(True)
        show_failure(self, error, self.tr("Không thực hiện được"))


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown this once: print it, seal it, hand it to the chairman."""

    def __init__(self, created: VaultCreated, unit_name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle(self.tr("Khóa dự phòng của két bảo mật"))
        self._key, self._unit = created.recovery_key, unit_name
        sealed = (
            self.tr("Đã thiết lập két và niêm phong {0} người tố cáo có sẵn trong sổ.").format(
                created.sealed_now
            )
            if created.sealed_now
            else self.tr("Đã thiết lập két.")
        )
        text = QLabel(
            sealed
            + self.tr(
                "<br><br>"
                "Dưới đây là <b>khóa dự phòng</b>: chỉ hiện <b>một lần này</b>. Hãy in ra, cho "
                "vào phong bì dán kín, ghi «MẬT» và cất vào tủ hồ sơ mật. Khóa này mở được "
                "két khi người giữ két quên mật khẩu; mất nó thì không ai khôi phục được."
            )
        )
        text.setWordWrap(True)
        self.key_label = QLabel(self._key)
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setStyleSheet("font-family: monospace; font-size: 15pt; padding: 8px;")
        self.key_label.setWordWrap(True)
        self.done_box = QCheckBox(self.tr("Tôi đã in khóa dự phòng và sẽ niêm phong, cất giữ"))
        self.done_box.setObjectName("recoveryKeyPrinted")
        print_button = action_button("printKeyButton", self.tr("In khóa dự phòng…"), self.print_key)
        self.close_button = action_button("primaryButton", self.tr("Xong"), self.accept)
        self.close_button.setEnabled(False)
        self.done_box.toggled.connect(self.close_button.setEnabled)
        buttons = QHBoxLayout()
        buttons.addWidget(print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        column = QVBoxLayout(self)
        column.addWidget(text)
        column.addWidget(self.key_label)
        column.addWidget(self.done_box)
        column.addLayout(buttons)
        self.resize(560, 300)

    def reject(self) -> None:
        """Escape does not close before the key is printed."""
        if self.done_box.isChecked():
            super().reject()

    def page(self) -> QTextDocument:
        document = QTextDocument()
        document.setHtml(
            f"<h2>{html.escape(self._unit.upper())}</h2><h3>KHÓA DỰ PHÒNG KÉT BẢO MẬT — MẬT</h3>"
            "<p>Danh tính người tố cáo (Luật Tố cáo Điều 8, 47, 56). Giữ trong phong bì dán "
            "kín; chỉ mở khi người giữ két quên mật khẩu.</p>"
            f"<p style='font-family: monospace; font-size: 16pt'>{self._key}</p>"
        )
        return document

    def print_key(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec():
            self.page().print_(printer)
            self.done_box.setChecked(True)

    def done(self, result: int) -> None:
        self.key_label.clear()
        super().done(result)


class TakeCustodyDialog(QDialog):
    """The signed-in user takes the vault key: with a custodian who is present, or
    with the printed recovery key."""

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("takeCustodyDialog")
        self.setWindowTitle(self.tr("Nhận khóa két bảo mật"))
        self._app = app
        intro = QLabel(
            self.tr(
                "Người đang giữ két nhập tên đăng nhập và mật khẩu của họ ngay tại máy này, "
                "hoặc nhập khóa dự phòng đã in. Khóa két của bạn sẽ gắn với mật khẩu của bạn."
            )
        )
        intro.setWordWrap(True)
        self.my_password = self._secret("myPassword")
        self.opener_username = QLineEdit()
        self.opener_username.setObjectName("openerUsername")
        self.opener_password = self._secret("openerPassword")
        self.recovery_key = QLineEdit()
        self.recovery_key.setObjectName("recoveryKeyInput")
        self.recovery_key.setPlaceholderText("XXXX-XXXX-…")
        form = QFormLayout()
        form.addRow(self.tr("Mật khẩu của bạn:"), self.my_password)
        form.addRow(self.tr("Người đang giữ két (tên đăng nhập):"), self.opener_username)
        form.addRow(self.tr("Mật khẩu người đang giữ két:"), self.opener_password)
        form.addRow(self.tr("hoặc khóa dự phòng:"), self.recovery_key)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.ok_button = action_button("primaryButton", self.tr("Nhận khóa"), self.take)
        cancel = action_button("cancelButton", self.tr("Hủy"), self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok_button)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.error)
        column.addLayout(buttons)
        self.setMinimumWidth(560)  # the recovery key is 64 characters typed in one field

    @staticmethod
    def _secret(name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def take(self) -> None:
        services, actor = self._app.services, self._app.actor
        mine, user = self.my_password.text(), self.opener_username.text().strip() or None
        theirs, recovery = self.opener_password.text() or None, self.recovery_key.text() or None
        self.ok_button.setEnabled(False)
        self.error.clear()
        self._app.tasks.write(
            lambda: vault.take_custody(services, actor, mine, user, theirs, recovery),
            lambda _none: self.accept(),
            self._refused,
            owner=self,
        )

    def _refused(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        for field in (self.my_password, self.opener_password):
            field.clear()
        if isinstance(error, DomainError):
            self.error.setText(error.message)
        else:
            show_failure(self, error, self.tr("Không nhận được khóa két"))


class ChooseUserDialog(QDialog):
    """Which user the administrator designates to keep the vault."""

    def __init__(self, users: list[UserInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chooseCustodianDialog")
        self.setWindowTitle(self.tr("Chỉ định người giữ két"))
        self.user_id: uuid.UUID | None = None
        self.users = QComboBox()
        self.users.setObjectName("custodianChoice")
        for user in users:  # leaders keep it by their role; administrators never do
            if user.active and user.role not in (Role.ADMIN, Role.LEADER):
                self.users.addItem(f"{user.full_name} ({user.username})", user.id)
        note = QLabel(
            self.tr(
                "Người được chỉ định còn phải nhận khóa két từ người đang giữ két (hoặc bằng "
                "khóa dự phòng). Quản trị viên không được giữ két."
            )
        )
        note.setWordWrap(True)
        ok = action_button("primaryButton", self.tr("Chỉ định"), self._chosen)
        cancel = action_button("cancelButton", self.tr("Hủy"), self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(ok)
        column = QVBoxLayout(self)
        column.addWidget(self.users)
        column.addWidget(note)
        column.addLayout(buttons)

    def _chosen(self) -> None:
        self.user_id = self.users.currentData()
        self.accept()
