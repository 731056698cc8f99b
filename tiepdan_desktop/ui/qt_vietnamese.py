"""Vietnamese for the texts Qt draws itself (standard buttons, wizard buttons,
the right-click menu of text fields), since Qt ships no Vietnamese translation.

Installed as a QTranslator: Qt asks it for (context, source text) and falls back
to English for anything not listed here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTranslator

_BUTTONS = {
    "OK": "Đồng ý",
    "&OK": "Đồng ý",
    "Save": "Lưu",
    "&Save": "&Lưu",
    "Save All": "Lưu tất cả",
    "Open": "Mở",
    "&Yes": "&Có",
    "Yes to &All": "Có với tất &cả",
    "&No": "&Không",
    "N&o to All": "Không với tất cả",
    "Abort": "Hủy bỏ",
    "Retry": "Thử lại",
    "Ignore": "Bỏ qua",
    "Close": "Đóng",
    "&Close": "Đó&ng",
    "Cancel": "Hủy",
    "&Cancel": "&Hủy",
    "Discard": "Bỏ thay đổi",
    "Help": "Trợ giúp",
    "Apply": "Áp dụng",
    "Reset": "Đặt lại",
    "Restore Defaults": "Khôi phục mặc định",
}
_EDIT_MENU = {
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "&Cắt",
    "&Copy": "&Sao chép",
    "Copy &Link Location": "Sao chép địa chỉ liên kết",
    "&Paste": "&Dán",
    "Delete": "Xóa",
    "Select All": "Chọn tất cả",
    "&Select All": "Chọn tất &cả",
    "Step &up": "Tăng",
    "Step &down": "Giảm",
}
_TEXTS: dict[str, dict[str, str]] = {
    "QPlatformTheme": _BUTTONS,
    "QDialogButtonBox": _BUTTONS,
    "QMessageBox": {
        **_BUTTONS,
        "Show Details...": "Xem chi tiết…",
        "Hide Details...": "Ẩn chi tiết…",
    },
    "QWizard": {
        "< &Back": "< &Quay lại",
        "&Next >": "&Tiếp theo >",
        "&Next": "&Tiếp theo",
        "Commit": "Xác nhận",
        "&Finish": "&Hoàn tất",
        "Cancel": "Hủy",
        "&Help": "&Trợ giúp",
        "Go Back": "Quay lại",
        "Continue": "Tiếp tục",
        "Done": "Xong",
    },
    "QLineEdit": _EDIT_MENU,
    "QWidgetTextControl": _EDIT_MENU,
    "QAbstractSpinBox": _EDIT_MENU,
}


class QtVietnameseTranslator(QTranslator):
    def translate(  # type: ignore[override]
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None becomes a null QString: "not translated here", so Qt keeps the source
        # text.  An empty string would be taken as the translation and blank it out.
        return _TEXTS.get(context, {}).get(source_text)

    def isEmpty(self) -> bool:
        return False


def install_qt_vietnamese(app: QObject) -> QtVietnameseTranslator:
    """Install once per application (the translator is the application's child)."""
    existing = app.findChild(QtVietnameseTranslator)
    if existing is not None:
        return existing
    translator = QtVietnameseTranslator(app)
    QCoreApplication.installTranslator(translator)
    return translator
