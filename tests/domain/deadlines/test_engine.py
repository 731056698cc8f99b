"""Every rule of LEGAL.md §3.1 on real 2025–2027 dates, worked out by hand.

Calendar facts used (seed + shipped corrections, as on 25/11/2026):
Tết Ất Tỵ 27–31/01/2025 (+ Sat 01/02); Giỗ Tổ Mon 07/04/2025; 2025 swap: Sat 26/04
worked, Fri 02/05 off (unconfirmed); 01/01/2026 Thu + Fri 02/01 swapped, Sat 10/01
worked; Tết Bính Ngọ Mon 16 – Fri 20/02/2026; Giỗ Tổ Sun 26/04/2026, Mon 27/04 off;
Thu 30/04 and Fri 01/05/2026; Sat 22/08/2026 worked, Mon 31/08 off, 01–02/09
(unconfirmed swap and adjacent day); 24/11/2026 (unconfirmed); 2027 from the seed
(provisional, e.g. Tết 04–10/02/2027).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tiepdan_desktop.domain.calendar import WorkCalendar
from tiepdan_desktop.domain.deadlines import (
    RULES,
    DeadlineError,
    DeadlineRequest,
    DeadlineSettings,
    Pause,
    PeriodUnit,
    RuleLength,
    compute_deadline,
)
from tiepdan_desktop.domain.enums import Complexity

N, C, E = Complexity.NORMAL, Complexity.COMPLEX, Complexity.ESPECIALLY_COMPLEX


def d(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d/%m/%Y").date()


def request(rule: str, start: str, **variants: object) -> DeadlineRequest:
    return DeadlineRequest(rule, d(start), **variants)  # type: ignore[arg-type]


# (rule, start, variants, due, provisional, why)
CASES = [
    ("R1", "31/12/2025", {}, "15/01/2026", False, "New Year, swapped Friday, make-up Sat 10/01"),
    ("R2", "24/04/2026", {}, "08/05/2026", False, "Giỗ Tổ Sunday + Monday off, 30/4, 1/5"),
    ("X1", "10/02/2026", {}, "03/03/2026", False, "10 working days across Tết 2026"),
    ("X3", "15/03/2025", {}, "16/03/2026", False, "one year ends on a Sunday: next Monday"),
    ("K1", "05/01/2026", {}, "06/04/2026", False, "90 days end on Sunday 05/04"),
    (
        "K1",
        "05/01/2026",
        {"pauses": (Pause(d("01/02/2026"), d("10/02/2026")),)},
        "15/04/2026",
        False,
        "10 days of objective obstacle not counted",
    ),
    ("K2", "13/02/2026", {}, "23/02/2026", False, "10 calendar days by default"),
    ("K3", "02/03/2026", {}, "01/04/2026", False, "30 days"),
    ("K3", "27/03/2026", {}, "28/04/2026", False, "ends on Giỗ Tổ Sunday, Monday off too"),
    ("K3", "02/03/2026", {"complexity": C}, "16/04/2026", False, "complex: 45 days"),
    ("K3", "02/03/2026", {"remote": True}, "16/04/2026", False, "remote area: 45 days"),
    (
        "K3",
        "02/03/2026",
        {"remote": True, "complexity": C},
        "04/05/2026",
        False,
        "remote and complex: 60 days end on 1/5, a Friday holiday",
    ),
    ("K4", "29/04/2026", {}, "06/05/2026", False, "3 working days around 30/4 – 1/5"),
    ("K5", "01/08/2026", {}, "03/09/2026", True, "ends on the unconfirmed swapped Monday"),
    ("K5", "01/08/2026", {"remote": True}, "15/09/2026", False, "remote: 45 days"),
    ("K6", "25/10/2026", {}, "25/11/2026", True, "ends on 24/11, an unconfirmed holiday"),
    ("K7", "05/01/2026", {}, "15/01/2026", False, "10 calendar days by default"),
    ("K8", "01/06/2026", {}, "16/07/2026", False, "45 days"),
    ("K8", "01/06/2026", {"complexity": C}, "31/07/2026", False, "complex: 60 days"),
    ("K8", "01/06/2026", {"remote": True}, "31/07/2026", False, "remote: 60 days"),
    (
        "K8",
        "01/06/2026",
        {"remote": True, "complexity": C},
        "10/08/2026",
        False,
        "remote and complex: 70 days",
    ),
    ("K9", "25/12/2026", {}, "04/01/2027", False, "ends on New Year's Day 2027"),
    ("K10", "16/01/2026", {}, "02/02/2026", False, "15 days end on a Saturday"),
    ("K11", "02/03/2026", {}, "01/04/2026", False, "30 days"),
    ("K11", "02/03/2026", {"remote": True}, "16/04/2026", False, "remote: 45 days"),
    ("K12", "15/04/2026", {}, "15/05/2026", False, "30 days"),
    ("K13", "10/02/2026", {}, "11/02/2027", True, "one year ends in Tết 2027 (not yet known)"),
    ("KD1", "10/09/2026", {}, "25/09/2026", False, "15 days"),
    ("KD2", "10/09/2026", {}, "21/09/2026", False, "10 days end on a Sunday"),
    ("KD2", "10/09/2026", {"dismissal": True}, "12/10/2026", False, "dismissal: 30 days"),
    ("KD3", "20/11/2026", {}, "30/11/2026", False, "24/11 inside a calendar period: not used"),
    ("KD4", "02/03/2026", {}, "01/04/2026", False, "30 days"),
    ("KD4", "02/03/2026", {"complexity": C}, "16/04/2026", False, "complex: 45 days"),
    ("T1", "13/02/2026", {}, "03/03/2026", False, "7 working days across Tết 2026"),
    ("T1", "13/02/2026", {"complexity": C}, "06/03/2026", False, "checks at several places: 10"),
    ("T2", "24/01/2025", {}, "07/02/2025", False, "5 working days across Tết 2025"),
    ("T3", "23/04/2026", {}, "05/05/2026", False, "Giỗ Tổ, 30/4 and 1/5 skipped"),
    ("T4", "02/03/2026", {}, "01/04/2026", False, "30 days"),
    (
        "T4",
        "02/03/2026",
        {"complexity": C, "extensions": 1},
        "04/05/2026",
        False,
        "complex, one extension: 60 days end on 1/5",
    ),
    (
        "T4",
        "02/03/2026",
        {"complexity": E, "extensions": 2},
        "01/06/2026",
        False,
        "especially complex, two extensions: 90 days end on Sunday 31/05",
    ),
    (
        "T4",
        "02/03/2026",
        {"complexity": E, "extensions": 2, "pauses": (Pause(d("10/03/2026"), d("19/03/2026")),)},
        "10/06/2026",
        False,
        "two extensions and a 10-day suspension",
    ),
    ("T5", "28/08/2026", {}, "09/09/2026", True, "across the unconfirmed Quốc khánh days"),
    ("T6", "20/08/2026", {}, "26/08/2026", True, "counts the unconfirmed make-up Saturday"),
    ("T7", "19/11/2026", {}, "01/12/2026", True, "skips 24/11 (unconfirmed)"),
    ("T8", "12/01/2026", {}, "02/02/2026", False, "20 days end on a Sunday"),
    ("T9", "25/04/2025", {}, "06/05/2025", True, "the unconfirmed 2025 swap"),
    ("T10", "02/03/2026", {}, "01/04/2026", False, "as T4, with the sector cap noted"),
    ("P1", "13/02/2026", {}, "06/03/2026", False, "10 working days across Tết"),
    ("P2", "01/06/2026", {}, "01/07/2026", False, "30 days by default (local rule)"),
]


@pytest.mark.parametrize(
    ("rule", "start", "variants", "due", "provisional", "why"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{c[5]}" for c in CASES],
)
def test_due_dates_on_real_dates(
    calendar: WorkCalendar,
    rule: str,
    start: str,
    variants: dict[str, object],
    due: str,
    provisional: bool,
    why: str,
) -> None:
    result = compute_deadline(request(rule, start, **variants), calendar)
    assert result.due == d(due), "\n".join(result.explanation)
    assert result.provisional is provisional, why
    assert result.explanation[-1 if not result.rule.note else -2].startswith(("Hạn cuối", "Lưu ý"))


def test_every_rule_is_covered_by_the_table() -> None:
    assert {case[0] for case in CASES} == {rule.id for rule in RULES}


def test_the_explanation_names_each_skipped_day(calendar: WorkCalendar) -> None:
    result = compute_deadline(request("T2", "24/01/2025"), calendar)
    skipped = {s.day: s.reason for s in result.skipped}
    assert skipped[d("29/01/2025")] == "Tết Nguyên Đán"
    assert skipped[d("25/01/2025")] == "Thứ Bảy"
    assert len(skipped) == 9
    text = "\n".join(result.explanation)
    assert "Ngày 24/01/2025 (Thứ Sáu) không tính (Bộ luật Dân sự 2015, Điều 147)" in text
    assert "29/01/2025 (Tết Nguyên Đán)" in text
    assert "Hạn cuối: 07/02/2025 (Thứ Sáu)." in text


def test_make_up_saturdays_are_named_as_counted(calendar: WorkCalendar) -> None:
    result = compute_deadline(request("R1", "31/12/2025"), calendar)
    assert "Thứ Bảy làm bù được tính là ngày làm việc: 10/01/2026." in result.explanation


def test_rolling_forward_names_the_days_passed_over(calendar: WorkCalendar) -> None:
    result = compute_deadline(request("K3", "27/03/2026"), calendar)
    assert [(s.day, s.reason) for s in result.skipped] == [
        (d("26/04/2026"), "Ngày Giỗ Tổ Hùng Vương"),
        (d("27/04/2026"), "Nghỉ bù Giỗ Tổ Hùng Vương (26/04 là Chủ nhật)"),
    ]
    assert any("Bộ luật Dân sự 2015, Điều 148.5" in line for line in result.explanation)


def test_without_rolling_forward_a_period_may_end_on_a_day_off(calendar: WorkCalendar) -> None:
    settings = DeadlineSettings(roll_forward=False)
    result = compute_deadline(request("K3", "27/03/2026"), calendar, settings)
    assert result.due == d("26/04/2026") and result.skipped == ()
    assert any("không chuyển sang ngày làm việc tiếp theo" in line for line in result.explanation)


def test_extensions_and_pauses_are_explained(calendar: WorkCalendar) -> None:
    result = compute_deadline(
        request(
            "T4",
            "02/03/2026",
            complexity=E,
            extensions=2,
            pauses=(Pause(d("10/03/2026"), d("19/03/2026")),),
        ),
        calendar,
    )
    text = "\n".join(result.explanation)
    assert "Vụ việc đặc biệt phức tạp: được gia hạn tối đa 2 lần" in text
    assert "Gia hạn 2 lần, mỗi lần 30 ngày: thêm 60 ngày" in text
    assert "Tạm dừng từ 10/03/2026 đến 19/03/2026: không tính 10 ngày." in text
    assert result.total == 100


def test_a_pause_in_working_days_counts_only_working_days(calendar: WorkCalendar) -> None:
    plain = compute_deadline(request("T1", "02/02/2026"), calendar)
    paused = compute_deadline(
        request("T1", "02/02/2026", pauses=(Pause(d("05/02/2026"), d("09/02/2026")),)), calendar
    )
    # Thu 05 – Mon 09/02: three working days paused (5, 6, 9), the weekend is not counted.
    # The clock stops on the 5th and resumes on the 10th: 3, 4 | 10, 11, 12, 13 | Tết | 23.
    assert paused.total == plain.total + 3
    assert plain.due == d("11/02/2026") and paused.due == d("23/02/2026")


def test_settings_change_the_unit_of_an_ambiguous_rule(calendar: WorkCalendar) -> None:
    settings = DeadlineSettings(lengths={"K2": RuleLength(10, PeriodUnit.WORKING_DAYS)})
    result = compute_deadline(request("K2", "13/02/2026"), calendar, settings)
    assert result.due == d("06/03/2026") and result.unit is PeriodUnit.WORKING_DAYS
    assert any("theo cài đặt" in line for line in result.explanation)


def test_a_leap_day_plus_a_year(calendar: WorkCalendar) -> None:
    result = compute_deadline(DeadlineRequest("X3", dt.date(2028, 2, 29)), WorkCalendar())
    assert result.due == dt.date(2029, 2, 28)


def test_json_form(calendar: WorkCalendar) -> None:
    as_json = compute_deadline(request("T1", "13/02/2026"), calendar).as_json()
    assert as_json["rule"] == "T1" and as_json["due"] == "2026-03-03"
    assert as_json["unit"] == "working_days" and as_json["start"] == "2026-02-13"
    assert as_json["basis"] == "Luật Tố cáo 2018, Điều 24.1"
    assert {"date": "2026-02-17", "name": "Tết Nguyên Đán"} in as_json["skipped"]
    assert as_json["provisional"] is False
    yearly = compute_deadline(request("X3", "15/03/2025"), calendar).as_json()
    assert yearly["unit"] == "days" and yearly["period"] == "1 năm"


def test_requests_survive_storage() -> None:
    original = DeadlineRequest(
        "T4", d("02/03/2026"), E, True, 2, True, (Pause(d("10/03/2026"), d("19/03/2026")),)
    )
    assert DeadlineRequest.from_json(original.to_json()) == original


@pytest.mark.parametrize(
    ("req", "message"),
    [
        (request("K99", "02/03/2026"), "Không có quy tắc thời hạn «K99»"),
        (request("R3", "02/03/2026"), "tần suất tiếp công dân"),
        (request("T0", "02/03/2026"), "không quy định thời hiệu"),
        (request("K3", "02/03/2026", complexity=E), "không có mức «đặc biệt phức tạp»"),
        (request("K1", "02/03/2026", complexity=C), "không có biến thể vụ việc phức tạp"),
        (request("T4", "02/03/2026", remote=True), "không có biến thể vùng sâu"),
        (request("K3", "02/03/2026", dismissal=True), "buộc thôi việc"),
        (request("K3", "02/03/2026", extensions=1), "không cho phép gia hạn"),
        (request("T4", "02/03/2026", extensions=1), "gia hạn tối đa 0 lần"),
        (request("T4", "02/03/2026", complexity=C, extensions=2), "gia hạn tối đa 1 lần"),
        (request("T4", "02/03/2026", complexity=E, extensions=-1), "không cho phép gia hạn"),
        (
            request("K3", "02/03/2026", pauses=(Pause(d("10/03/2026"), d("05/03/2026")),)),
            "ngày kết thúc trước ngày bắt đầu",
        ),
        (
            request("K3", "02/03/2026", pauses=(Pause(d("02/03/2026"), d("05/03/2026")),)),
            "phải bắt đầu sau ngày 02/03/2026",
        ),
        (
            request(
                "K3",
                "02/03/2026",
                pauses=(
                    Pause(d("05/03/2026"), d("10/03/2026")),
                    Pause(d("10/03/2026"), d("12/03/2026")),
                ),
            ),
            "chồng lên nhau",
        ),
        (
            request("X3", "02/03/2026", pauses=(Pause(d("05/03/2026"), d("10/03/2026")),)),
            "tính theo năm",
        ),
    ],
)
def test_impossible_requests_are_refused_in_vietnamese(
    calendar: WorkCalendar, req: DeadlineRequest, message: str
) -> None:
    with pytest.raises(DeadlineError, match=message):
        compute_deadline(req, calendar)


def test_rule_ids_are_case_insensitive(calendar: WorkCalendar) -> None:
    assert compute_deadline(request("k3", "02/03/2026"), calendar).rule.id == "K3"


def test_a_period_reaching_a_year_without_days_off_is_provisional(
    calendar: WorkCalendar,
) -> None:
    known = WorkCalendar(calendar.special_days(), known_years=range(2025, 2028))
    inside = compute_deadline(request("K3", "02/03/2026"), known)
    assert not inside.provisional and inside.missing_years == ()
    # 10 working days from 24/12/2027 run into 2028, whose Tết the calendar lacks.
    across = compute_deadline(request("R1", "24/12/2027"), known)
    assert across.missing_years == (2028,) and across.provisional
    assert across.as_json()["missing_years"] == [2028]
    assert any("chưa có lịch nghỉ lễ năm 2028" in line for line in across.explanation)


def test_without_rolling_forward_the_calendar_cannot_make_a_date_uncertain(
    calendar: WorkCalendar,
) -> None:
    known = WorkCalendar(calendar.special_days(), known_years=range(2025, 2028))
    fixed = DeadlineSettings(roll_forward=False)
    # K3 from 10/12/2027 ends on Sunday 09/01/2028, a year the calendar lacks.
    rolled = compute_deadline(request("K3", "10/12/2027"), known)
    assert rolled.due == d("10/01/2028") and rolled.missing_years == (2028,)
    kept = compute_deadline(request("K3", "10/12/2027"), known, fixed)
    assert kept.due == d("09/01/2028") and not kept.provisional
    # 24/11/2026 (provisional) as the last day: decisive only when rolling forward.
    on_culture_day = compute_deadline(request("K3", "25/10/2026"), calendar, fixed)
    assert on_culture_day.due == d("24/11/2026") and not on_culture_day.provisional
    assert compute_deadline(request("K3", "25/10/2026"), calendar).provisional
