"""Combo boxes of the enums (labels shown, members kept).

Qt keeps a StrEnum member given as item data as a plain string; `enum_value`
turns it back into the member, so code compares members, not strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import QComboBox

from tiepdan_desktop.domain.enums import LabelledEnum, LetterType
from tiepdan_desktop.domain.records import SubjectAreaInfo


def enum_combo[E: LabelledEnum](
    object_name: str, members: Iterable[E], first: str | None = None
) -> QComboBox:
    """The members' labels; `first` (no choice, or «every» in a filter) heads the list."""
    combo = QComboBox()
    combo.setObjectName(object_name)
    if first is not None:
        combo.addItem(first, None)
    for member in members:
        combo.addItem(member.label, member)
    return combo


def enum_value[E: LabelledEnum](combo: QComboBox, enum_class: type[E]) -> E | None:
    data = combo.currentData()
    return None if data is None else enum_class(data)


def select_member(combo: QComboBox, member: LabelledEnum | None) -> None:
    combo.setCurrentIndex(max(combo.findData(member), 0))


def area_items(
    areas: list[SubjectAreaInfo], letter_type: LetterType | None
) -> list[tuple[str, object]]:
    """Two-level subject areas, those that apply to `letter_type`, as «Area › Sub-area»."""
    names = {area.code: area.name for area in areas}
    items: list[tuple[str, object]] = [("— Chưa chọn —", None)]
    for area in areas:
        if not area.active or (letter_type and letter_type.value not in area.applies_to):
            continue
        parent = names.get(area.parent_code or "")
        items.append((f"{parent} › {area.name}" if parent else area.name, area.code))
    return items


def area_label(areas: list[SubjectAreaInfo], code: str | None) -> str:
    """An area's name even when it is no longer offered (inactive, another type)."""
    return next((area.name for area in areas if area.code == code), code or "")


def select_or_add(combo: QComboBox, data: Any, label: str) -> None:
    """Select `data`; a stored value the list no longer offers is added, not lost."""
    index = combo.findData(data)
    if index < 0 and data is not None:
        combo.addItem(label, data)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))
