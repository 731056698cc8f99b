"""Text broken into lines that fit a width, measured in the PDF's own font.

A table cell holding these lines joined by newlines is drawn line by line by
reportlab without the cost of a Paragraph (markup parsing, a flowable per
cell): a register of thousands of rows prints several times faster.  Words
wrap whole; a word wider than the cell is cut where it must, as a Paragraph
would cut it.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth


class LineBreaker:
    """Breaks the texts of one document.  Words recur through a register («của»,
    «đề nghị», street names): each is measured once, for this document only
    (nothing an official printed is kept once the document is written)."""

    def __init__(self, font: str, size: float) -> None:
        self._font, self._size = font, size
        self._widths: dict[str, float] = {}
        self._space = self._width(" ")

    def _width(self, word: str) -> float:
        width = self._widths.get(word)
        if width is None:
            width = self._widths[word] = float(stringWidth(word, self._font, self._size))
        return width

    def _fits(self, text: str, width: float) -> bool:
        return bool(stringWidth(text, self._font, self._size) <= width)

    def lines(self, text: str, width: float) -> list[str]:
        """The lines of `text` (its own line breaks kept) within `width` points."""
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line: list[str] = []
            used = 0.0
            for word in paragraph.split():
                measured = self._width(word)
                if line and used + self._space + measured <= width:
                    line.append(word)
                    used += self._space + measured
                    continue
                if line:
                    lines.append(" ".join(line))
                if measured > width:
                    *whole, word = self._cut(word, width)
                    lines.extend(whole)
                    measured = self._width(word)
                line, used = [word], measured
            lines.append(" ".join(line))
        return lines

    def _cut(self, word: str, width: float) -> list[str]:
        """A word too wide for one line, in pieces that each fit (the last may be short)."""
        pieces: list[str] = []
        start = 0
        while start < len(word):
            end = start + 1
            while (
                end < len(word)
                and stringWidth(word[start : end + 1], self._font, self._size) <= width
            ):
                end += 1
            pieces.append(word[start:end])
            start = end
        return pieces
