"""Text broken into lines that fit a width, measured in the PDF's own font.

A table cell holding these lines joined by newlines is drawn line by line by
reportlab without the cost of a Paragraph (markup parsing, a flowable per
cell): a register of thousands of rows prints several times faster.  Words
wrap whole; a word wider than the cell is cut where it must, as a Paragraph
would cut it.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

# Words repeat through a register («của», «đề nghị», names of streets): each is
# measured once.
_measured = lru_cache(maxsize=200_000)(stringWidth)


def wrapped_lines(text: str, width: float, font: str, size: float) -> list[str]:
    """The lines of `text` (its own line breaks kept) within `width` points."""
    lines: list[str] = []
    space = _measured(" ", font, size)
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in paragraph.split():
            measured = _measured(word, font, size)
            if line and used + space + measured <= width:
                line.append(word)
                used += space + measured
                continue
            if line:
                lines.append(" ".join(line))
            if measured > width:
                *whole, word = _cut(word, width, font, size)
                lines.extend(whole)
                measured = _measured(word, font, size)
            line, used = [word], measured
        lines.append(" ".join(line))
    return lines


def _cut(word: str, width: float, font: str, size: float) -> list[str]:
    """A word too wide for one line, in pieces that each fit (the last may be short)."""
    pieces: list[str] = []
    start = 0
    while start < len(word):
        end = start + 1
        while end < len(word) and stringWidth(word[start : end + 1], font, size) <= width:
            end += 1
        pieces.append(word[start:end])
        start = end
    return pieces
