"""Giới thiệu: version, where the data is, and the licences of bundled parts."""

from __future__ import annotations

import platform
from importlib.metadata import version

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from tiepdan_desktop import __version__
from tiepdan_desktop.domain.records import UnitInfo


class AboutDialog(QDialog):
    def __init__(
        self, unit: UnitInfo | None, data_root: str, database: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("Giới thiệu")
        self.setMinimumWidth(560)
        column = QVBoxLayout(self)
        title = QLabel(f"Phần mềm Tiếp công dân – phiên bản {__version__}")
        title.setObjectName("pageTitle")
        column.addWidget(title)
        unit_line = f"<b>Đơn vị:</b> {unit.name}, {unit.province_name}<br>" if unit else ""
        body = QLabel(
            "Sổ tiếp công dân, xử lý đơn và giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh "
            "cho UBND xã, phường, đặc khu. Chạy hoàn toàn trên máy, không cần Internet.<br><br>"
            f"{unit_line}"
            f"<b>Thư mục dữ liệu:</b> {data_root}<br>"
            f"<b>Cơ sở dữ liệu:</b> {database}<br><br>"
            f"Python {platform.python_version()} · Qt {qVersion()} · "
            f"PySide6 {PySide6.__version__} · SQLAlchemy {version('SQLAlchemy')}<br>"
            "Phông chữ Noto Sans (Google), giấy phép SIL Open Font License 1.1."
        )
        body.setObjectName("aboutText")
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
