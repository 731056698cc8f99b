"""Pages of a PDF as images, for the print preview and the printer.

The PDF the program writes is the one layout of a printed register; the screen
and the printer show its pages (rendered by PDFium) rather than a second
drawing of the same thing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

POINTS_PER_INCH = 72


class PdfPages:
    def __init__(self, path: Path) -> None:
        import pypdfium2 as pdfium  # loaded for the first preview, not at start-up

        self.path = path
        self._document = pdfium.PdfDocument(str(path))

    def __len__(self) -> int:
        return len(self._document)

    def size_in_points(self, index: int) -> tuple[float, float]:
        width, height = self._document[index].get_size()
        return float(width), float(height)

    def image(self, index: int, dots_per_inch: float) -> QImage:
        """Page `index` (from 0) at the given resolution, white background."""
        page = self._document[index]
        bitmap = page.render(scale=dots_per_inch / POINTS_PER_INCH)
        image_format = (
            QImage.Format.Format_RGB32 if bitmap.n_channels == 4 else QImage.Format.Format_BGR888
        )
        image = QImage(
            bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, image_format
        )
        return image.copy()  # the bitmap's memory goes with it

    def close(self) -> None:
        self._document.close()
