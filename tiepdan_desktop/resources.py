"""Find bundled resources (fonts, icons, templates) wherever the program runs:
from a source checkout, from an installed wheel, or from a frozen bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resources_root() -> Path:
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    candidates += [_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"]
    for candidate in candidates:
        if (candidate / "fonts").is_dir():
            return candidate
    raise FileNotFoundError("Không tìm thấy thư mục tài nguyên (resources) của chương trình.")


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)


FONT_FAMILY = "Noto Sans"
FONT_FILES = {
    "regular": "NotoSans-Regular.ttf",
    "bold": "NotoSans-Bold.ttf",
    "italic": "NotoSans-Italic.ttf",
    "bold_italic": "NotoSans-BoldItalic.ttf",
}


def font_file(style: str) -> Path:
    return resource_path("fonts", FONT_FILES[style])


# Official documents are set in a Times New Roman face (NĐ 30/2020); Liberation
# Serif has its metrics, so the PDF lays out as the .docx does in Word.
SERIF_FONT_FILES = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bold_italic": "LiberationSerif-BoldItalic.ttf",
}


def serif_font_file(style: str) -> Path:
    return resource_path("fonts", SERIF_FONT_FILES[style])
