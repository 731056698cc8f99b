"""Calendar files: how the province, the vendor or an office distributes the
yearly days off, swaps and make-up Saturdays (LEGAL.md §7.4.3).

JSON, for vendors:
    {"title": "...", "days": [{"date": "2026-01-02", "kind": "nghi_hoan_doi",
      "name": "...", "legal_basis": "...", "provisional": false}, ...]}

CSV, for offices editing in Excel (comma or semicolon, UTF-8):
    ngay;loai;ten;can_cu;tam_tinh
    02/01/2026;Nghỉ do hoán đổi;Nghỉ Tết Dương lịch;VB 12729/VPCP-KGVX ngày 25/12/2025;không

The kind is a code (nghi_le, nghi_bu, nghi_hoan_doi, lam_bu, nghi_dia_phuong) or
its Vietnamese label; "ngay_thuong" (ngày thường) removes a wrongly seeded day.
A confirmed day (not provisional) must name its legal basis.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from typing import Any

from tiepdan_desktop.domain.calendar import SpecialDay
from tiepdan_desktop.domain.enums import CalendarDayKind
from tiepdan_desktop.domain.errors import ValidationError
from tiepdan_desktop.domain.text import normalize_text, search_key

ORDINARY_DAY = "ngay_thuong"
_KINDS: dict[str, CalendarDayKind | None] = {ORDINARY_DAY: None, search_key("Ngày thường"): None}
for _kind in CalendarDayKind:
    _KINDS[_kind.value] = _kind
    _KINDS[search_key(_kind.label)] = _kind
_YES = {"co", "x", "1", "yes", "true", "tam tinh"}
_NO = {"", "khong", "0", "no", "false"}
CSV_COLUMNS = ("ngay", "loai", "ten", "can_cu", "tam_tinh")


@dataclass(frozen=True)
class CalendarEntry:
    day: dt.date
    kind: CalendarDayKind | None  # None: an ordinary day again
    name: str
    legal_basis: str | None
    provisional: bool


class _LineProblems:
    def __init__(self) -> None:
        self.problems: dict[str, str] = {}

    def add(self, line: str, message: str) -> None:
        self.problems.setdefault(line, f"{line}: {message}")

    def raise_if_any(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)


def _parse_date(text: str) -> dt.date | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def _entry(where: str, raw: dict[str, Any], problems: _LineProblems) -> CalendarEntry | None:
    day = _parse_date(str(raw.get("date") or ""))
    kind_text = str(raw.get("kind") or "")
    kind_key = kind_text if kind_text in _KINDS else search_key(kind_text)
    name = normalize_text(str(raw.get("name") or ""))
    basis = normalize_text(str(raw.get("legal_basis") or "")) or None
    provisional = raw.get("provisional")
    if day is None:
        problems.add(where, f"ngày «{raw.get('date')}» không hợp lệ (dd/mm/yyyy).")
    if kind_key not in _KINDS:
        problems.add(where, f"loại ngày «{kind_text}» không có trong danh mục.")
    if not isinstance(provisional, bool):
        problems.add(where, f"cột tạm tính «{provisional}» phải là có hoặc không.")
    kind = _KINDS.get(kind_key)
    if kind is not None and not name:
        problems.add(where, "thiếu tên ngày.")
    if kind is not None and provisional is False and not basis:
        problems.add(where, "ngày đã chính thức phải ghi căn cứ pháp lý (số, ngày văn bản).")
    if where in problems.problems or day is None or not isinstance(provisional, bool):
        return None
    return CalendarEntry(day, kind, name, basis, provisional)


def _checked(entries: list[CalendarEntry | None], problems: _LineProblems) -> list[CalendarEntry]:
    problems.raise_if_any()
    found = [entry for entry in entries if entry is not None]
    if not found:
        raise ValidationError({"file": "Tệp lịch không có ngày nào."})
    return found


def parse_calendar_json(text: str) -> list[CalendarEntry]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError({"file": f"Tệp JSON không đọc được (dòng {error.lineno})."}) from None
    days = document.get("days") if isinstance(document, dict) else None
    if not isinstance(days, list):
        raise ValidationError({"file": "Tệp JSON phải có danh sách «days»."})
    problems = _LineProblems()
    entries = []
    for number, raw in enumerate(days, start=1):
        if not isinstance(raw, dict):
            problems.add(f"Mục {number}", "không phải một ngày.")
            continue
        entries.append(_entry(f"Mục {number}", raw, problems))
    return _checked(entries, problems)


def parse_calendar_csv(text: str) -> list[CalendarEntry]:
    lines = text.lstrip("\ufeff").splitlines()
    header = lines[0] if lines else ""
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    rows = list(reader)
    columns = [search_key(cell).replace(" ", "_") for cell in rows[0]] if rows else []
    if columns[: len(CSV_COLUMNS)] != list(CSV_COLUMNS):
        raise ValidationError(
            {"file": "Dòng đầu của tệp CSV phải là: " + delimiter.join(CSV_COLUMNS)}
        )
    problems = _LineProblems()
    entries = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = dict(zip(CSV_COLUMNS, [*row, "", "", "", "", ""], strict=False))
        flag = search_key(cells["tam_tinh"])
        raw = {
            "date": cells["ngay"],
            "kind": cells["loai"],
            "name": cells["ten"],
            "legal_basis": cells["can_cu"],
            "provisional": True if flag in _YES else False if flag in _NO else cells["tam_tinh"],
        }
        entries.append(_entry(f"Dòng {number}", raw, problems))
    return _checked(entries, problems)


def to_calendar_json(title: str, entries: list[CalendarEntry]) -> str:
    """The JSON form of a calendar (export, and the format the program ships)."""
    days = [
        {
            "date": entry.day.isoformat(),
            "kind": entry.kind.value if entry.kind else ORDINARY_DAY,
            "name": entry.name,
            "legal_basis": entry.legal_basis,
            "provisional": entry.provisional,
        }
        for entry in entries
    ]
    return json.dumps({"title": title, "days": days}, ensure_ascii=False, indent=2) + "\n"


def apply_entries(days: list[SpecialDay], entries: list[CalendarEntry]) -> list[SpecialDay]:
    """`days` with each entry applied: added or replaced, or removed for an ordinary day."""
    by_day = {special.day: special for special in days}
    for entry in entries:
        if entry.kind is None:
            by_day.pop(entry.day, None)
        else:
            by_day[entry.day] = SpecialDay(
                entry.day, entry.kind, entry.name, entry.legal_basis, entry.provisional
            )
    return sorted(by_day.values(), key=lambda special: special.day)
