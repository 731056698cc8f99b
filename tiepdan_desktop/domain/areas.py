"""Default two-level taxonomy of subject areas (lĩnh vực), LEGAL.md §2.3.4.

The report forms of TT 01/2024 (Biểu 02–04/XLD) group letters by these areas.
Offices may add or rename areas; these defaults seed a new database.
"""

from __future__ import annotations

from dataclasses import dataclass

from tiepdan_desktop.domain.enums import LetterType

_KN = LetterType.COMPLAINT
_TC = LetterType.DENUNCIATION
_PA = LetterType.PETITION
_ALL = frozenset(LetterType)


@dataclass(frozen=True)
class SubjectArea:
    code: str
    name: str
    parent_code: str | None
    applies_to: frozenset[LetterType]


DEFAULT_SUBJECT_AREAS: tuple[SubjectArea, ...] = (
    SubjectArea("HC", "Lĩnh vực hành chính", None, _ALL),
    SubjectArea("HC.CDCS", "Chế độ, chính sách", "HC", _ALL),
    SubjectArea("HC.DDNC", "Đất đai, nhà cửa", "HC", _ALL),
    SubjectArea("HC.CCCV", "Công chức, công vụ", "HC", frozenset({_TC})),
    SubjectArea("HC.KHAC", "Khác (hành chính)", "HC", _ALL),
    SubjectArea("TN", "Tham nhũng", None, frozenset({_TC})),
    SubjectArea("TP", "Lĩnh vực tư pháp", None, _ALL),
    SubjectArea("DDT", "Lĩnh vực Đảng, đoàn thể", None, frozenset({_KN, _TC})),
    SubjectArea("KHAC", "Lĩnh vực khác", None, _ALL),
)
