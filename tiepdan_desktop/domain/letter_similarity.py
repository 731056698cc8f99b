"""How alike two letters' contents are, after normalisation (no diacritics, no
case, no filler words): the share of the shorter text's words found in the
other, so a re-sent letter that was shortened or reworded around the same facts
still scores high.
"""

from __future__ import annotations

import re

from tiepdan_desktop.domain.text import search_key

# Letters at or above this similarity are shown as likely duplicates.
SIMILAR_CONTENT = 0.5
_WORD = re.compile(r"\w+")
# Words every letter uses: they say nothing about the matter.
_FILLER = frozenset(
    """
    va cua cho la co khong da duoc nguoi don toi chung ong ba anh chi em viec
    ve theo tai den voi trong nay nhung cac mot nhu de thi ma tu khi neu vi
    ubnd uy ban nhan dan xa phuong yeu cau kinh gui de nghi giai quyet noi dung
    """.split()
)
MIN_WORD = 2


def content_words(text: str) -> frozenset[str]:
    """The words that carry a letter's matter, folded."""
    return frozenset(
        word
        for word in _WORD.findall(search_key(text))
        if len(word) >= MIN_WORD and word not in _FILLER
    )


def similarity(first: str, second: str) -> float:
    """0 (nothing shared) … 1 (the shorter text's words all in the other)."""
    a, b = content_words(first), content_words(second)
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def distinctive_words(text: str, limit: int = 12) -> list[str]:
    """The words to look a letter's content up by: the longest first (long words
    are the rare ones: names of places, of papers, of officials)."""
    return sorted(content_words(text), key=lambda word: (-len(word), word))[:limit]
