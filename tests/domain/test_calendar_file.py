from __future__ import annotations

import datetime as dt

import pytest

from tiepdan_desktop.domain.calendar import SpecialDay
from tiepdan_desktop.domain.calendar_file import (
    CalendarEntry,
    apply_entries,
    parse_calendar_csv,
    parse_calendar_json,
    to_calendar_json,
)
from tiepdan_desktop.domain.enums import CalendarDayKind as K
from tiepdan_desktop.domain.errors import ValidationError

CSV = (
    "\ufeffNgày;Loại;Tên;Căn cứ;Tạm tính\n"
    "02/01/2026;Nghỉ do hoán đổi;Nghỉ Tết Dương lịch;VB 12729/VPCP-KGVX ngày 25/12/2025;không\n"
    "2026-01-10;lam_bu;Làm bù;VB 12729/VPCP-KGVX ngày 25/12/2025;\n"
    ";;;;\n"
    "09/03/2026;Nghỉ theo quyết định địa phương;Lễ hội;;có\n"
    "24/11/2026;ngày thường;;;không\n"
)


def test_a_csv_from_excel_is_read() -> None:
    entries = parse_calendar_csv(CSV)
    assert [(e.day, e.kind, e.provisional) for e in entries] == [
        (dt.date(2026, 1, 2), K.SWAP_OFF, False),
        (dt.date(2026, 1, 10), K.MAKEUP_WORKDAY, False),
        (dt.date(2026, 3, 9), K.LOCAL_OFF, True),
        (dt.date(2026, 11, 24), None, False),
    ]
    assert entries[0].legal_basis == "VB 12729/VPCP-KGVX ngày 25/12/2025"


def test_a_comma_separated_file_works_too() -> None:
    entries = parse_calendar_csv(
        "ngay,loai,ten,can_cu,tam_tinh\n05/09/2026,nghi_bu,Nghỉ bù,QĐ 1,x\n"
    )
    assert entries == [
        CalendarEntry(dt.date(2026, 9, 5), K.COMPENSATORY_OFF, "Nghỉ bù", "QĐ 1", True)
    ]


def test_json_round_trip() -> None:
    entries = parse_calendar_csv(CSV)
    assert parse_calendar_json(to_calendar_json("Lịch 2026", entries)) == entries


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ngay;loai\n01/01/2026;nghi_le\n", "Dòng đầu của tệp CSV phải là"),
        ("", "Dòng đầu của tệp CSV phải là"),
        (
            "ngay;loai;ten;can_cu;tam_tinh\n31/02/2026;nghi_le;X;Y;không\n",
            "Dòng 2: ngày «31/02/2026»",
        ),
        ("ngay;loai;ten;can_cu;tam_tinh\n01/03/2026;nghỉ mát;X;Y;không\n", "loại ngày «nghỉ mát»"),
        ("ngay;loai;ten;can_cu;tam_tinh\n01/03/2026;nghi_le;X;Y;có lẽ\n", "tạm tính «có lẽ»"),
        ("ngay;loai;ten;can_cu;tam_tinh\n01/03/2026;nghi_le;;Y;không\n", "thiếu tên ngày"),
        ("ngay;loai;ten;can_cu;tam_tinh\n01/03/2026;nghi_le;Lễ;;không\n", "căn cứ pháp lý"),
        ("ngay;loai;ten;can_cu;tam_tinh\n;;;;\n", "không có ngày nào"),
    ],
)
def test_csv_mistakes_are_reported_by_line(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_calendar_csv(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "không đọc được"),
        ("[]", "«days»"),
        ('{"days": [1]}', "Mục 1: không phải một ngày"),
        ('{"days": []}', "không có ngày nào"),
        ('{"days": [{"date": "2026-01-01", "kind": "nghi_le", "name": "Tết"}]}', "tạm tính"),
    ],
)
def test_json_mistakes_are_reported(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_calendar_json(text)


def test_entries_add_replace_and_remove_days() -> None:
    seeded = [
        SpecialDay(dt.date(2026, 11, 24), K.PUBLIC_HOLIDAY, "Ngày Văn hóa", None, True),
        SpecialDay(dt.date(2026, 9, 2), K.PUBLIC_HOLIDAY, "Quốc khánh"),
    ]
    entries = [
        CalendarEntry(dt.date(2026, 11, 24), None, "", None, False),
        CalendarEntry(dt.date(2026, 9, 2), K.PUBLIC_HOLIDAY, "Quốc khánh", "BLLĐ Đ112", False),
        CalendarEntry(dt.date(2026, 9, 3), K.PUBLIC_HOLIDAY, "Liền kề", "QĐ 9", False),
        CalendarEntry(dt.date(2026, 12, 1), None, "", None, False),
    ]
    result = apply_entries(seeded, entries)
    assert [(s.day, s.legal_basis) for s in result] == [
        (dt.date(2026, 9, 2), "BLLĐ Đ112"),
        (dt.date(2026, 9, 3), "QĐ 9"),
    ]
