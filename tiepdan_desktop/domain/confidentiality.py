"""Whose identity may appear where.

Luật Tố cáo Đ8.3 forbids revealing a denouncer's name, address, handwriting or
anything else that identifies them.  A letter with several contents may hold a
denunciation, so it is protected too.  The open register's search and sort keys
are built here, once, for the demo data and the services alike.
"""

from __future__ import annotations

import re

from tiepdan_desktop.domain.enums import LetterType
from tiepdan_desktop.domain.text import search_key

IDENTITY_PROTECTED_TYPES = frozenset({LetterType.DENUNCIATION, LetterType.MIXED})


def identity_is_protected(letter_type: LetterType | None) -> bool:
    return letter_type in IDENTITY_PROTECTED_TYPES


def register_search_text(
    letter_type: LetterType | None,
    content_key: str,
    name_keys: list[str],
    id_numbers: list[str | None],
    address_key: str | None,
) -> str:
    """A register row's search key: always its content; the people's names, ID
    numbers and address only when their identity is not protected — and then not
    even where the content repeats them."""
    if identity_is_protected(letter_type):
        return _without(content_key, _identity_parts(name_keys, id_numbers, address_key))
    parts = [content_key, *name_keys, *(n for n in id_numbers if n), address_key or ""]
    return " ".join(part for part in parts if part)


def register_search_exact(
    letter_type: LetterType | None,
    content: str,
    names: list[str],
    id_numbers: list[str | None],
    address: str | None,
) -> str:
    """The same parts with their diacritics, lower-cased (texts as stored, NFC): lets
    a search rank rows that match what was typed, marks and all, first."""
    if identity_is_protected(letter_type):
        hidden = _identity_parts(names, id_numbers, address)
        parts = [_without(content.lower(), [p.lower() for p in hidden])]
    else:
        parts = [content, *names, *(n for n in id_numbers if n), address or ""]
    return " ".join(part.lower() for part in parts if part)


def _identity_parts(
    names: list[str], id_numbers: list[str | None], address: str | None
) -> list[str]:
    """Everything of the people a text may repeat (identity_fragments, for several)."""
    parts = [*names, *(number for number in id_numbers if number)]
    return parts + identity_fragments(None, None, None, address)


def _without(text: str, parts: list[str]) -> str:
    """`text` with each of `parts` taken out where it stands as whole words."""
    text = " ".join(text.split())
    for part in sorted((p for p in parts if p and p.strip()), key=len, reverse=True):
        if " ".join(part.split()) not in text:  # most texts never name the filer: no regex
            continue
        words = r"\s+".join(re.escape(word) for word in part.split())
        text = re.sub(rf"(?<!\w){words}(?!\w)", " ", text)
    return " ".join(text.split())


def register_name_sort(letter_type: LetterType | None, name_sort: str) -> str:
    """Sorting by name must not reveal who a protected filer is either."""
    return "" if identity_is_protected(letter_type) else name_sort


# What stands in a text where a protected person's identity was (Luật Tố cáo Đ56:
# «lược bỏ» name, address and personal data before others read it).
REDACTED = "[đã lược bỏ]"
_SEPARATOR = r"[\s.\-]?"


def identity_fragments(
    name: str | None, id_number: str | None, phone: str | None, address: str | None
) -> list[str]:
    """The pieces of a person's identity a free text may repeat: the name, the ID
    and phone numbers, the address and its first part (house and street)."""
    fragments = [part for part in (name, id_number, phone, address) if part and part.strip()]
    if address and "," in address and len(street := address.split(",")[0].strip()) >= 6:
        fragments.append(street)
    return fragments


def _folded(text: str) -> str:
    """`text` letter for letter without marks, lower-case: «Phạm» → «pham», same
    length, so a match in it is a match at the same place in `text` (NFC)."""
    return "".join(_folded_letter(char) for char in text)


def _folded_letter(char: str) -> str:
    folded = search_key(char)
    return folded if len(folded) == 1 else char.lower()  # one letter for one


def _clue(fragment: str) -> str:
    """A piece any text holding the fragment holds (spaces folded): the whole of
    it folded, or the first digits of a number (written with spaces further on)."""
    if fragment.replace(" ", "").replace(".", "").replace("-", "").isdigit():
        return fragment.strip()[:3]
    return " ".join(_folded(fragment).split())


def _pattern(fragment: str) -> str:
    digits = fragment.replace(" ", "").replace(".", "").replace("-", "")
    if digits.isdigit():  # 0903 123 456 as well as 0903123456
        body = _SEPARATOR.join(digits)
    else:  # any spacing, with or without diacritics, any letter case
        body = r"\s+".join(re.escape(_folded(word)) for word in fragment.split())
    return rf"(?<!\w){body}(?!\w)"  # whole words and numbers only


def redact_identity(text: str, fragments: list[str]) -> str:
    """`text` with every fragment replaced by REDACTED: whole words, in any letter
    case or spacing, typed with or without diacritics.  Only what the register
    holds can be found; a nickname or a different spelling in a free text is not,
    so a copy for others is still read by an official before it leaves."""
    for fragment in sorted(fragments, key=len, reverse=True):
        folded = _folded(text)
        if _clue(fragment) not in " ".join(folded.split()):  # most texts: no regex
            continue
        spans = [match.span() for match in re.finditer(_pattern(fragment), folded)]
        for first, last in reversed(spans):
            text = text[:first] + REDACTED + text[last:]
    return text
