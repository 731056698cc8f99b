"""Vietnamese text: normalisation on input, search keys and sort keys.

Everything stored is NFC with lookalike characters repaired.  Search keys fold
diacritics (including đ → d) so "nguyen van an" finds "Nguyễn Văn An"; they are
computed here, at write time, because SQLite's own folding does not know đ.
Sort keys follow the Vietnamese alphabet (a ă â b c d đ e ê …) with tones as a
second level, which neither Python's sorted() nor SQLite's binary order does.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that look like Vietnamese ones but are not, and invisible ones that
# arrive by copy-paste from Word, web pages and old input methods.
_LOOKALIKES = str.maketrans(
    {
        "\u00d0": "\u0110",  # Ð Latin capital eth → Đ
        "\u00f0": "\u0111",  # ð Latin small eth → đ
        "\u0189": "\u0110",  # Ɖ African D → Đ
        "\u0256": "\u0111",  # ɖ → đ
        "\u200b": None,  # zero-width space
        "\u200c": None,  # zero-width non-joiner
        "\u200d": None,  # zero-width joiner
        "\u2060": None,  # word joiner
        "\ufeff": None,  # byte-order mark
        "\u00ad": None,  # soft hyphen
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
    }
)
_REPAIRABLE = re.compile("[\u00d0\u00f0\u0189\u0256\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_INLINE_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def _repaired(value: str) -> str:
    """NFC with lookalikes and invisible characters repaired (cheap when clean)."""
    if _REPAIRABLE.search(value):
        value = value.translate(_LOOKALIKES)
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    return value


def normalize_text(value: str) -> str:
    """One-line text as it is stored: NFC, lookalikes repaired, spaces folded."""
    return " ".join(_repaired(value).split())


def normalize_multiline(value: str) -> str:
    """Like normalize_text, but keeps line breaks (content summaries, notes)."""
    if "\n" not in value and "\r" not in value:
        return normalize_text(value)
    repaired = _repaired(value).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_INLINE_SPACES.sub(" ", line).strip() for line in repaired.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


# --- search keys ---------------------------------------------------------------

_COMBINING_MARKS = re.compile("[\u0300-\u036f]+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_FOLD_D = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d", "Ɖ": "d", "ɖ": "d"})


def search_key(value: str) -> str:
    """Diacritic-free, lower-case, space-folded key used for searching."""
    if not value.isascii():
        decomposed = unicodedata.normalize("NFD", value)
        value = _INVISIBLE.sub("", _COMBINING_MARKS.sub("", decomposed)).translate(_FOLD_D)
    return " ".join(value.lower().split())


def search_keys(*values: str | None) -> str:
    """One key over several fields (name, ID number, address …), for one index."""
    return " ".join(search_key(v) for v in values if v)


# --- sort keys -----------------------------------------------------------------

# The Vietnamese alphabet; f, j, w, z (foreign words) take their Latin places.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Tones in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_MARKS = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_PRIMARY_SEPARATOR = "\x01"  # below every primary character, so "an" < "an b" < "anh"
_NAME_SEPARATOR = "\x02"


def _letter_table() -> dict[str, tuple[str, str]]:
    """Map each lower-case letter form (with or without tone) to (primary, tone)."""
    table: dict[str, tuple[str, str]] = {}
    for index, letter in enumerate(_ALPHABET):
        primary = chr(0x41 + index)  # 'A'.. : letters sort after digits and spaces
        table[letter] = (primary, "0")
        for mark, tone in _TONE_MARKS.items():
            toned = unicodedata.normalize("NFC", unicodedata.normalize("NFD", letter) + mark)
            if len(toned) == 1:
                table[toned] = (primary, tone)
    return table


_LETTERS = _letter_table()


def _collation_parts(text: str) -> tuple[str, str]:
    primary: list[str] = []
    tones: list[str] = []
    for char in unicodedata.normalize("NFC", text.translate(_LOOKALIKES)).lower():
        known = _LETTERS.get(char)
        if known is not None:
            primary.append(known[0])
            tones.append(known[1])
        elif char.isdigit():
            primary.append(char)
            tones.append("0")
        elif char.isalpha():
            # A letter outside Vietnamese (ç, ñ …): sort by its base letter if it has one.
            mapped = _LETTERS.get(unicodedata.normalize("NFD", char)[0])
            primary.append(mapped[0] if mapped else char)
            tones.append("0")
        elif not primary or primary[-1] != " ":
            primary.append(" ")  # spaces and punctuation separate words, nothing more
            tones.append("0")
    while primary and primary[-1] == " ":
        primary.pop()
        tones.pop()
    return "".join(primary), "".join(tones)


def sort_key(value: str) -> str:
    """Binary-comparable key: Vietnamese letter order first, tones second."""
    primary, tones = _collation_parts(value.strip())
    return primary + _PRIMARY_SEPARATOR + tones


def name_sort_key(full_name: str) -> str:
    """Sort key for a person's name: given name (last word) first, then the full name."""
    words = normalize_text(full_name).split(" ")
    return sort_key(words[-1]) + _NAME_SEPARATOR + sort_key(" ".join(words))


# --- search ranking --------------------------------------------------------------

EXACT_MATCH, FOLDED_MATCH = 0, 1


def match_rank(query: str, text: str) -> int | None:
    """How well `text` matches what was typed: EXACT_MATCH when the query appears
    with its diacritics as typed ("Đào" in "Lê Thị Đào"), FOLDED_MATCH when it
    appears only once diacritics are folded ("dao"), None when it does not."""
    typed = normalize_text(query).lower()
    if not typed:
        return None
    if typed in normalize_text(text).lower():
        return EXACT_MATCH
    if search_key(typed) in search_key(text):
        return FOLDED_MATCH
    return None
