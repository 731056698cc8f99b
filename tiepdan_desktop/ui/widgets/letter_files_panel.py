"""The files kept with a letter: the official documents issued for it (each as
PDF and as an editable .docx) and the scanned pages attached to it."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.domain.letter_records import AttachmentView, IssuedDocumentView
from tiepdan_desktop.ui.formatting import format_number
from tiepdan_desktop.ui.widgets.buttons import action_button


def _table(object_name: str, headers: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(object_name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    if rows:
        table.selectRow(0)


class LetterFilesPanel(QWidget):
    open_document = Signal(object, bool)  # document id, editable (.docx)
    addressed_copy = Signal(object)  # document id: the copy naming the denouncer
    open_attachment = Signal(object)  # attachment id
    add_scan = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._documents: list[IssuedDocumentView] = []
        self._attachments: list[AttachmentView] = []
        self.documents = _table(
            "documentTable", ("Số, ký hiệu", "Ngày", "Văn bản", "Nơi nhận", "Người ký")
        )
        self.attachments = _table("attachmentTable", ("Tệp", "Loại", "Ghi chú", "Dung lượng"))
        self.open_pdf_button = action_button(
            "openPdfButton", self.tr("Mở bản PDF"), lambda: self._document(False)
        )
        self.open_docx_button = action_button(
            "openDocxButton", self.tr("Mở bản Word (.docx) để sửa"), lambda: self._document(True)
        )
        self.addressed_button = action_button(
            "addressedCopyButton", self.tr("Bản gửi người tố cáo…"), self._addressed
        )
        self.addressed_button.setToolTip(
            self.tr("Người giữ két in thông báo có tên, địa chỉ người tố cáo (ghi nhật ký)")
        )
        self.addressed_button.setVisible(False)
        self.add_scan_button = action_button(
            "addScanButton", self.tr("Thêm bản quét…"), self.add_scan.emit
        )
        self.open_attachment_button = action_button(
            "openAttachmentButton", self.tr("Mở tệp"), self._attachment
        )
        documents = QGroupBox(self.tr("Văn bản đã ban hành"))
        document_column = QVBoxLayout(documents)
        document_column.addWidget(self.documents)
        document_buttons = QHBoxLayout()
        document_buttons.addWidget(self.open_pdf_button)
        document_buttons.addWidget(self.open_docx_button)
        document_buttons.addWidget(self.addressed_button)
        document_buttons.addStretch(1)
        document_column.addLayout(document_buttons)
        attachments = QGroupBox(self.tr("Bản quét đơn, tài liệu kèm theo"))
        attachment_column = QVBoxLayout(attachments)
        attachment_column.addWidget(self.attachments)
        attachment_buttons = QHBoxLayout()
        attachment_buttons.addWidget(self.add_scan_button)
        attachment_buttons.addWidget(self.open_attachment_button)
        attachment_buttons.addStretch(1)
        attachment_column.addLayout(attachment_buttons)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(documents, 3)
        column.addWidget(attachments, 2)
        self.documents.doubleClicked.connect(lambda _i: self._document(False))
        self.attachments.doubleClicked.connect(lambda _i: self._attachment())

    def show_files(
        self, documents: tuple[IssuedDocumentView, ...], attachments: tuple[AttachmentView, ...]
    ) -> None:
        self._documents, self._attachments = list(documents), list(attachments)
        _fill(
            self.documents,
            [
                (
                    d.number_label,
                    f"{d.issued_on:%d/%m/%Y}",
                    d.title,
                    d.recipient or "",
                    d.signer_name,
                )
                for d in documents
            ],
        )
        _fill(
            self.attachments,
            [
                (
                    a.original_name,
                    a.media_type,
                    self.tr("Mật: mở qua két bảo mật") if a.confidential else "",
                    f"{format_number(max(a.size_bytes // 1024, 1))} KB",
                )
                for a in attachments
            ],
        )
        self.open_pdf_button.setEnabled(bool(documents))
        self.open_docx_button.setEnabled(bool(documents))
        self.open_attachment_button.setEnabled(bool(attachments))

    def _selected(self, table: QTableWidget) -> int | None:
        rows = table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _document(self, editable: bool) -> None:
        if (row := self._selected(self.documents)) is not None:
            chosen: uuid.UUID = self._documents[row].document_id
            self.open_document.emit(chosen, editable)

    def show_denouncer_copies(self, protected: bool) -> None:
        """The letter may hold a denunciation: its notices have a copy to address."""
        self.addressed_button.setVisible(protected)

    def _addressed(self) -> None:
        if (row := self._selected(self.documents)) is not None:
            self.addressed_copy.emit(self._documents[row].document_id)

    def _attachment(self) -> None:
        if (row := self._selected(self.attachments)) is not None:
            self.open_attachment.emit(self._attachments[row].attachment_id)
