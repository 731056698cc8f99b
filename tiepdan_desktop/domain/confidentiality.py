"""Whose identity may appear where.

Luật Tố cáo Đ8.3 forbids revealing a denouncer's name, address, handwriting or
anything else that identifies them.  A letter with several contents may hold a
denunciation, so it is protected too.  The open register's search and sort keys
are built here, once, for the demo data and the services alike.
"""

from __future__ import annotations

import re

from tiepdan_desktop.domain.enums import LetterType

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
    numbers and address only when their identity is not protected."""
    if identity_is_protected(letter_type):
        return content_key
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
        parts = [content]
    else:
        parts = [content, *names, *(n for n in id_numbers if n), address or ""]
    return " ".join(part.lower() for part in parts if part)


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


def _pattern(fragment: str) -> str:
    digits = fragment.replace(" ", "").replace(".", "").replace("-", "")
    if digits.isdigit():  # 0903 123 456 as well as 0903123456
        return _SEPARATOR.join(digits)
    return r"\s+".join(re.escape(word) for word in fragment.split())


def redact_identity(text: str, fragments: list[str]) -> str:
    """`text` with every fragment (any letter case, any spacing) replaced by REDACTED."""
    for fragment in sorted(fragments, key=len, reverse=True):
        text = re.sub(_pattern(fragment), REDACTED, text, flags=re.IGNORECASE)
    return text
