"""The bundled Noto Sans for reportlab, whose built-in fonts cannot draw Vietnamese.

The same font files are loaded into Qt (ui/fonts.py), so a printed register
looks like the screen.  Fonts are embedded in every PDF (subset), so the file
prints the same on a PC without them.
"""

from __future__ import annotations

from functools import cache

from reportlab import rl_config
from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from tiepdan_desktop.resources import font_file, serif_font_file

PDF_FONT = "NotoSans"
PDF_FONT_BOLD = "NotoSans-Bold"
PDF_FONT_ITALIC = "NotoSans-Italic"
PDF_FONT_BOLD_ITALIC = "NotoSans-BoldItalic"


@cache
def register_pdf_fonts() -> str:
    """Register the four styles once; return the family name for reportlab styles."""
    for name, style in (
        (PDF_FONT, "regular"),
        (PDF_FONT_BOLD, "bold"),
        (PDF_FONT_ITALIC, "italic"),
        (PDF_FONT_BOLD_ITALIC, "bold_italic"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(font_file(style))))
    # So <b> and <i> in paragraphs pick the right face.
    addMapping(PDF_FONT, 0, 0, PDF_FONT)
    addMapping(PDF_FONT, 1, 0, PDF_FONT_BOLD)
    addMapping(PDF_FONT, 0, 1, PDF_FONT_ITALIC)
    addMapping(PDF_FONT, 1, 1, PDF_FONT_BOLD_ITALIC)
    # Canvases start in this font instead of Helvetica, which would otherwise be
    # referenced, unembedded, in every file.
    rl_config.canvas_basefontname = PDF_FONT
    # … and so do charts (reportlab.graphics), whose renderer sets its default font.
    STATE_DEFAULTS["fontName"] = PDF_FONT
    return PDF_FONT


SERIF_FONT = "LiberationSerif"


@cache
def register_serif_fonts() -> str:
    """The serif face of official documents, registered once; its family name."""
    register_pdf_fonts()  # the canvas default stays the embedded Noto Sans
    for suffix, style in (
        ("", "regular"),
        ("-Bold", "bold"),
        ("-Italic", "italic"),
        ("-BoldItalic", "bold_italic"),
    ):
        pdfmetrics.registerFont(TTFont(SERIF_FONT + suffix, str(serif_font_file(style))))
    addMapping(SERIF_FONT, 0, 0, SERIF_FONT)
    addMapping(SERIF_FONT, 1, 0, SERIF_FONT + "-Bold")
    addMapping(SERIF_FONT, 0, 1, SERIF_FONT + "-Italic")
    addMapping(SERIF_FONT, 1, 1, SERIF_FONT + "-BoldItalic")
    return SERIF_FONT
