"""Load the bundled Noto Sans so screens and PDFs use the same Vietnamese font,
whatever fonts the office PC happens to have."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from tiepdan_desktop.resources import FONT_FAMILY, FONT_FILES, font_file

log = logging.getLogger(__name__)
BASE_POINT_SIZE = 10.5


def load_bundled_fonts() -> str:
    """Register the bundled font files; return the family name to use."""
    families: set[str] = set()
    for style in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(font_file(style)))
        if font_id < 0:
            log.warning("Could not load bundled font %s", font_file(style))
            continue
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    return FONT_FAMILY if FONT_FAMILY in families else QApplication.font().family()


def apply_application_font(app: QApplication) -> QFont:
    font = QFont(load_bundled_fonts())
    font.setPointSizeF(BASE_POINT_SIZE)
    app.setFont(font)
    return font
