"""Xem trước bản in: the pages of a PDF the program made, page by page with
zoom, then printed on the office printer or saved where the official wants."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tiepdan_desktop.ui.errors import show_failure
from tiepdan_desktop.ui.messages import show_info
from tiepdan_desktop.ui.pdf_pages import PdfPages

SCREEN_DPI = 96
PRINT_DPI = 300
FIT_PAGE = 0.0  # zoom choices: the whole page in the window,
FIT_WIDTH = -1.0  # or the page as wide as the window


class PrintPreviewDialog(QDialog):
    def __init__(
        self, pdf: Path, title: str, suggested_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setWindowTitle(title)
        self.resize(1200, 760)
        self.pages = PdfPages(pdf)
        self._suggested_name = suggested_name
        self.page = QSpinBox()
        self.page.setObjectName("pageSpin")
        self.page.setAccessibleName(self.tr("Trang"))
        self.page.setRange(1, len(self.pages))
        self.count = QLabel(self.tr("/ {0} trang").format(len(self.pages)))
        self.previous_button = QPushButton(self.tr("◀ Trang trước"))
        self.previous_button.setObjectName("previousPageButton")
        self.next_button = QPushButton(self.tr("Trang sau ▶"))
        self.next_button.setObjectName("nextPageButton")
        self.zoom = QComboBox()
        self.zoom.setObjectName("zoomCombo")
        self.zoom.setAccessibleName(self.tr("Cỡ xem"))
        for label, value in (
            (self.tr("Cả trang"), FIT_PAGE),
            (self.tr("Vừa chiều rộng"), FIT_WIDTH),
            ("75%", 0.75),
            ("100%", 1.0),
            ("150%", 1.5),
        ):
            self.zoom.addItem(label, value)
        self.print_button = QPushButton(self.tr("In…"))
        self.print_button.setObjectName("primaryButton")
        self.print_button.setToolTip(self.tr("In (Ctrl+P)"))
        self.save_button = QPushButton(self.tr("Lưu tệp PDF…"))
        self.save_button.setObjectName("savePdfButton")
        close = QPushButton(self.tr("Đóng"))
        close.setObjectName("closePreviewButton")
        self.view = QLabel()
        self.view.setObjectName("previewPage")
        self.view.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.view)
        self.scroll.setStyleSheet("QScrollArea { background: #8a939f; }")
        # The fitted zooms follow the viewport's own size, known only once laid out.
        self.scroll.viewport().installEventFilter(self)
        bar = QHBoxLayout()
        for widget in (
            self.previous_button,
            QLabel(self.tr("Trang")),
            self.page,
            self.count,
            self.next_button,
            self.zoom,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        for button in (self.save_button, self.print_button, close):
            bar.addWidget(button)
        column = QVBoxLayout(self)
        column.addLayout(bar)
        column.addWidget(self.scroll, 1)
        self.page.valueChanged.connect(lambda _n: self.show_page())
        self.zoom.currentIndexChanged.connect(lambda _i: self.show_page())
        self.previous_button.clicked.connect(lambda: self.page.setValue(self.page.value() - 1))
        self.next_button.clicked.connect(lambda: self.page.setValue(self.page.value() + 1))
        self.print_button.clicked.connect(self.choose_printer)
        self.save_button.clicked.connect(self.save_copy)
        close.clicked.connect(self.accept)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.choose_printer)
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, activated=self.next_button.click)
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, activated=self.previous_button.click)
        self.show_page()

    def show_page(self) -> None:
        index = self.page.value() - 1
        zoom = self._zoom(index)
        image = self.pages.image(index, SCREEN_DPI * zoom)
        self.view.setPixmap(QPixmap.fromImage(image))
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.pages) - 1)

    def _zoom(self, index: int) -> float:
        chosen = float(self.zoom.currentData())
        if chosen not in (FIT_PAGE, FIT_WIDTH):
            return chosen
        width_points, height_points = self.pages.size_in_points(index)
        viewport = self.scroll.viewport()
        by_width = max(viewport.width() - 24, 200) / (width_points / 72 * SCREEN_DPI)
        if chosen == FIT_WIDTH:
            return by_width
        by_height = max(viewport.height() - 24, 150) / (height_points / 72 * SCREEN_DPI)
        return min(by_width, by_height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and float(self.zoom.currentData()) <= FIT_PAGE:
            self.show_page()
        return super().eventFilter(watched, event)

    def choose_printer(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        width, height = self.pages.size_in_points(0)
        printer.setPageOrientation(
            printer.pageLayout().orientation().Landscape
            if width > height
            else printer.pageLayout().orientation().Portrait
        )
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("In"))
        dialog.setMinMax(1, len(self.pages))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Print the pages the printer asks for; False if the official stopped it."""
        first = printer.fromPage() or 1
        last = printer.toPage() or len(self.pages)
        progress = QProgressDialog(self.tr("Đang in…"), self.tr("Dừng"), 0, last - first + 1, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        painter = QPainter()
        if not painter.begin(printer):
            show_failure(self, RuntimeError("printer"), self.tr("Không mở được máy in"))
            return False
        try:
            dpi = min(printer.resolution(), PRINT_DPI)
            for number in range(first, last + 1):
                if progress.wasCanceled():
                    printer.abort()
                    return False
                if number > first:
                    printer.newPage()
                image = self.pages.image(number - 1, dpi)
                target = QRectF(painter.viewport())
                scale = min(target.width() / image.width(), target.height() / image.height())
                size = image.size() * scale
                painter.drawImage(QRectF(0, 0, size.width(), size.height()), image)
                progress.setValue(number - first + 1)
                QApplication.processEvents()
        finally:
            painter.end()
        return True

    def save_copy(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Lưu tệp PDF"), self._suggested_name, self.tr("Tệp PDF (*.pdf)")
        )
        if not name:
            return
        try:
            shutil.copyfile(self.pages.path, name)
        except OSError as error:
            show_failure(self, error, self.tr("Không lưu được tệp PDF"))
            return
        show_info(self, self.tr("Đã lưu"), self.tr("Đã lưu bản in vào {0}.").format(name))

    def done(self, result: int) -> None:
        self.pages.close()
        super().done(result)
