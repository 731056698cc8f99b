"""Xem danh tính người tố cáo: a custodian opens the vault for one visit or letter,
with their password and a reason; both go into the audit trail.  What was shown
is cleared from the window when it closes."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.errors import DomainError
from tiepdan_desktop.services import vault
from tiepdan_desktop.services.vault import RevealedPerson
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.files import open_in_system_viewer
from tiepdan_desktop.ui.widgets.buttons import action_button


def describe(person: RevealedPerson) -> str:
    """One revealed person as the custodian reads it."""
    identity = person.identity
    lines = [f"{person.code}: {identity.full_name}"]
    if identity.birth_year:
        lines.append(f"   Năm sinh: {identity.birth_year}")
    if identity.id_number:
        lines.append(f"   Số giấy tờ: {identity.id_number}")
    if identity.address:
        lines.append(f"   Địa chỉ: {identity.address}")
    if identity.phone:
        lines.append(f"   Điện thoại: {identity.phone}")
    return "\n".join(lines)


class RevealDialog(QDialog):
    def __init__(
        self,
        app: AppContext,
        entity: str,
        record_id: uuid.UUID,
        label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("revealDialog")
        self.setWindowTitle(self.tr("Xem danh tính người tố cáo"))
        self._app, self._entity, self._record_id = app, entity, record_id
        warning = QLabel(
            self.tr(
                "<b>{0}</b><br>Danh tính người tố cáo là bí mật (Luật Tố cáo Điều 8, 47, 56). "
                "Chỉ xem khi công việc cần; lần xem này được ghi vào nhật ký cùng lý do, "
                "tên người xem và thời điểm."
            ).format(label)
        )
        warning.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("revealReason")
        self.reason.setPlaceholderText(self.tr("Ví dụ: gửi thông báo thụ lý cho người tố cáo"))
        self.password = QLineEdit()
        self.password.setObjectName("revealPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Lý do xem:"), self.reason)
        form.addRow(self.tr("Mật khẩu của bạn:"), self.password)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.shown = QPlainTextEdit()
        self.shown.setObjectName("revealedIdentity")
        self.shown.setReadOnly(True)
        self.shown.setVisible(False)
        self.open_button = action_button("primaryButton", self.tr("Mở két và xem"), self.reveal)
        self.open_button.setDefault(True)
        close = action_button("closeButton", self.tr("Đóng"), self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.open_button)
        column = QVBoxLayout(self)
        column.addWidget(warning)
        column.addLayout(form)
        column.addWidget(self.error)
        column.addWidget(self.shown, 1)
        column.addLayout(buttons)
        self.resize(520, 300)

    def reveal(self) -> None:
        reason, password = self.reason.text(), self.password.text()
        self.open_button.setEnabled(False)
        self.error.clear()
        self._app.tasks.write(
            lambda: self._open_vault(password, reason), self._revealed, self._refused, owner=self
        )

    def _open_vault(self, password: str, reason: str) -> object:
        """In the background: what the vault gives for this record."""
        services, actor = self._app.services, self._app.actor
        return vault.reveal_people(services, actor, self._entity, self._record_id, password, reason)

    def _revealed(self, people: Any) -> None:
        self.password.clear()
        self.shown.setPlainText("\n\n".join(describe(person) for person in people))
        self.shown.setVisible(True)
        self.resize(self.width(), 420)

    def _refused(self, error: BaseException) -> None:
        self.open_button.setEnabled(True)
        self.password.clear()
        if isinstance(error, DomainError):
            self.error.setText(error.message)
        else:
            show_failure(self, error, self.tr("Không mở được két"))

    def done(self, result: int) -> None:
        self.shown.clear()  # nothing of the identity stays in the window's memory
        super().done(result)


class OpenSealedFileDialog(RevealDialog):
    """The same request for a sealed file (pages a denouncer wrote): opened with the
    system's viewer from a private folder the program empties when it ends."""

    def __init__(
        self,
        app: AppContext,
        attachment_id: uuid.UUID,
        parent: QWidget | None = None,
        label: str = "Tệp đính kèm được niêm phong (có thể có bút tích người tố cáo)",
    ) -> None:
        super().__init__(app, "attachment", attachment_id, label, parent)
        self.setWindowTitle(self.tr("Mở tệp niêm phong"))
        self.open_button.setText(self.tr("Mở két và mở tệp"))

    def _open_vault(self, password: str, reason: str) -> object:
        services, actor = self._app.services, self._app.actor
        return vault.open_sealed_attachment(services, actor, self._record_id, password, reason)

    def _revealed(self, path: Any) -> None:
        if not open_in_system_viewer(path):
            self.error.setText(
                self.tr("Máy này chưa có chương trình mở được tệp {0}.").format(path.suffix)
            )
            return
        self.accept()


class AddressedCopyDialog(OpenSealedFileDialog):
    """The notice to the denouncer with their name and address, for a custodian to
    print and send; opened from the private folder like a sealed page."""

    def __init__(
        self, app: AppContext, document_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        label = "Thông báo gửi người tố cáo, có họ tên và địa chỉ của người nhận"
        super().__init__(app, document_id, parent, label)
        self.setWindowTitle(self.tr("Bản gửi người tố cáo"))
        self.open_button.setText(self.tr("Mở két và lập bản gửi"))

    def _open_vault(self, password: str, reason: str) -> object:
        services, actor = self._app.services, self._app.actor
        return vault.addressed_copy(services, actor, self._record_id, password, reason)
