"""Due dates as the law counts them, each with the reasons behind it.

Counting conventions (LEGAL.md §3.0):
- the day of the start event is not counted (Bộ luật Dân sự 2015, Điều 147);
- working days skip Saturdays, Sundays and the calendar's days off, and count
  make-up Saturdays;
- a pause FROM..TO (both days included) lengthens the period by the paused
  days counted in the rule's own unit;
- extensions lengthen the period itself;
- a calendar-day period ending on a day off ends on the next working day
  (Điều 148.5; a setting, default on) — once, at the end of the whole period.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from tiepdan_desktop.domain.calendar import ONE_DAY, SpecialDay, WorkCalendar, format_day
from tiepdan_desktop.domain.deadlines.rules import (
    NOT_DEADLINES,
    RULES_BY_ID,
    PeriodUnit,
    Rule,
)
from tiepdan_desktop.domain.deadlines.settings import DeadlineSettings
from tiepdan_desktop.domain.enums import CalendarDayKind, Complexity
from tiepdan_desktop.domain.errors import DomainError

CIVIL_CODE_START = "Bộ luật Dân sự 2015, Điều 147"
CIVIL_CODE_END = "Bộ luật Dân sự 2015, Điều 148.5"


class DeadlineError(DomainError):
    """An unknown rule, a variant the rule does not have, or an impossible pause."""


@dataclass(frozen=True)
class Pause:
    """A suspension (tạm đình chỉ) or an excluded obstacle: both days included."""

    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class DeadlineRequest:
    rule_id: str
    start: dt.date
    complexity: Complexity = Complexity.NORMAL
    remote: bool = False
    extensions: int = 0
    dismissal: bool = False
    pauses: tuple[Pause, ...] = ()

    def to_json(self) -> str:
        return json.dumps(
            {
                "rule": self.rule_id,
                "start": self.start.isoformat(),
                "complexity": self.complexity.value,
                "remote": self.remote,
                "extensions": self.extensions,
                "dismissal": self.dismissal,
                "pauses": [[p.first.isoformat(), p.last.isoformat()] for p in self.pauses],
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> DeadlineRequest:
        raw = json.loads(text)
        return cls(
            rule_id=raw["rule"],
            start=dt.date.fromisoformat(raw["start"]),
            complexity=next(c for c in Complexity if c.value == raw["complexity"]),
            remote=raw["remote"],
            extensions=raw["extensions"],
            dismissal=raw["dismissal"],
            pauses=tuple(
                Pause(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in raw["pauses"]
            ),
        )


@dataclass(frozen=True)
class SkippedDay:
    day: dt.date
    reason: str


@dataclass(frozen=True)
class DeadlineResult:
    request: DeadlineRequest
    rule: Rule
    due: dt.date
    unit: PeriodUnit
    # The period after variants, extensions and pauses, in `unit`.
    total: int
    skipped: tuple[SkippedDay, ...]
    provisional_days: tuple[SpecialDay, ...]
    explanation: tuple[str, ...] = field(default=())
    # Years in the counted range whose days off the calendar does not hold.
    missing_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_days or self.missing_years)

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule.id,
            "title": self.rule.title,
            "start": self.request.start.isoformat(),
            "due": self.due.isoformat(),
            # A period in years runs in calendar time, like one in days.
            "unit": "working_days" if self.unit is PeriodUnit.WORKING_DAYS else "days",
            "period": f"{self.total} {self.unit.label}",
            "basis": self.rule.basis,
            "skipped": [{"date": s.day.isoformat(), "name": s.reason} for s in self.skipped],
            "provisional": self.provisional,
            "provisional_days": [
                {"date": s.day.isoformat(), "name": s.name} for s in self.provisional_days
            ],
            "missing_years": list(self.missing_years),
            "explanation": list(self.explanation),
        }


def find_rule(rule_id: str) -> Rule:
    key = rule_id.strip().upper()
    if key in NOT_DEADLINES:
        raise DeadlineError(NOT_DEADLINES[key])
    rule = RULES_BY_ID.get(key)
    if rule is None:
        known = ", ".join(RULES_BY_ID)
        raise DeadlineError(f"Không có quy tắc thời hạn «{rule_id}». Các quy tắc: {known}.")
    return rule


def _period(rule: Rule, request: DeadlineRequest, base: int) -> tuple[int, str | None]:
    """The rule's length for this request's variants, and the line that says so."""
    complex_case = request.complexity is not Complexity.NORMAL
    if request.complexity is Complexity.ESPECIALLY_COMPLEX and not rule.allows_especially_complex:
        raise DeadlineError(f"Quy tắc {rule.id} không có mức «đặc biệt phức tạp».")
    if complex_case and not rule.has_complexity:
        raise DeadlineError(f"Quy tắc {rule.id} không có biến thể vụ việc phức tạp.")
    if request.remote and not rule.has_remote_variant:
        raise DeadlineError(f"Quy tắc {rule.id} không có biến thể vùng sâu, vùng xa.")
    if request.dismissal and rule.dismissal_days is None:
        raise DeadlineError(f"Quy tắc {rule.id} không có biến thể kỷ luật buộc thôi việc.")
    if request.dismissal and rule.dismissal_days is not None:
        return rule.dismissal_days, f"Kỷ luật buộc thôi việc: {rule.dismissal_days} ngày."
    if request.remote and complex_case and rule.remote_complex_days is not None:
        days = rule.remote_complex_days
        return days, f"Vùng sâu, vùng xa và vụ việc phức tạp: {days} ngày."
    if request.remote and rule.remote_days is not None:
        return rule.remote_days, f"Vùng sâu, vùng xa: {rule.remote_days} ngày."
    if complex_case and rule.complex_days is not None:
        return rule.complex_days, f"Vụ việc phức tạp: {rule.complex_days} {rule.unit.label}."
    if complex_case:
        allowed = rule.extensions_allowed_for(request.complexity)
        return base, (
            f"Vụ việc {request.complexity.label.lower()}: được gia hạn tối đa {allowed} lần, "
            f"mỗi lần không quá {rule.extension_days} ngày."
        )
    return base, None


def _extension_days(rule: Rule, request: DeadlineRequest) -> tuple[int, str | None]:
    if request.extensions == 0:
        return 0, None
    if request.extensions < 0 or rule.extension_days == 0:
        raise DeadlineError(f"Quy tắc {rule.id} không cho phép gia hạn.")
    allowed = rule.extensions_allowed_for(request.complexity)
    if request.extensions > allowed:
        raise DeadlineError(
            f"Quy tắc {rule.id}: vụ việc «{request.complexity.label.lower()}» được gia hạn tối đa "
            f"{allowed} lần (vụ việc phức tạp 1 lần, đặc biệt phức tạp 2 lần)."
        )
    days = request.extensions * rule.extension_days
    return days, (
        f"Gia hạn {request.extensions} lần, mỗi lần {rule.extension_days} ngày: "
        f"thêm {days} ngày ({rule.basis.split(';')[0]})."
    )


def _paused_days(
    request: DeadlineRequest, unit: PeriodUnit, calendar: WorkCalendar
) -> tuple[int, list[str]]:
    if unit is PeriodUnit.YEARS and request.pauses:
        raise DeadlineError("Thời hạn tính theo năm không có khoảng tạm dừng.")
    total, lines = 0, []
    previous_last: dt.date | None = None
    for pause in sorted(request.pauses, key=lambda p: p.first):
        if pause.last < pause.first:
            raise DeadlineError(
                f"Khoảng tạm dừng {pause.first:%d/%m/%Y}–{pause.last:%d/%m/%Y}: ngày kết thúc "
                "trước ngày bắt đầu."
            )
        if pause.first <= request.start:
            raise DeadlineError(
                f"Khoảng tạm dừng phải bắt đầu sau ngày {request.start:%d/%m/%Y} (ngày bắt đầu "
                "tính thời hạn)."
            )
        if previous_last is not None and pause.first <= previous_last:
            raise DeadlineError("Các khoảng tạm dừng chồng lên nhau.")
        previous_last = pause.last
        if unit is PeriodUnit.WORKING_DAYS:
            count = calendar.count_working_days(pause.first, pause.last)
        else:
            count = (pause.last - pause.first).days + 1
        total += count
        lines.append(
            f"Tạm dừng từ {pause.first:%d/%m/%Y} đến {pause.last:%d/%m/%Y}: "
            f"không tính {count} {unit.label}."
        )
    return total, lines


def _add_working_days(
    start: dt.date, count: int, calendar: WorkCalendar
) -> tuple[dt.date, list[SkippedDay], list[dt.date]]:
    """The `count`-th working day after `start`; the days off and make-up days passed."""
    skipped: list[SkippedDay] = []
    makeup: list[dt.date] = []
    counted = 0
    day = start
    while counted < count:
        day += ONE_DAY
        if calendar.is_working_day(day):
            counted += 1
            special = calendar.special(day)
            if special is not None and special.kind is CalendarDayKind.MAKEUP_WORKDAY:
                makeup.append(day)
        else:
            skipped.append(SkippedDay(day, calendar.why_not_working(day)))
    return day, skipped, makeup


def _add_years(start: dt.date, years: int) -> dt.date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February in a year without one
        return start.replace(year=start.year + years, day=28)


def compute_deadline(
    request: DeadlineRequest,
    calendar: WorkCalendar,
    settings: DeadlineSettings | None = None,
) -> DeadlineResult:
    settings = settings or DeadlineSettings()
    rule = find_rule(request.rule_id)
    length = settings.length_of(rule)
    unit = length.unit
    lines = [
        f"{rule.id} – {rule.title}: {rule.days} {rule.unit.label} kể từ {rule.start_event} "
        f"({rule.basis})."
    ]
    if rule.configurable:
        lines.append(
            f"Quy định chưa thống nhất: đơn vị đang tính {length.days} {unit.label} theo cài đặt."
        )
    period, variant_line = _period(rule, request, length.days)
    extension, extension_line = _extension_days(rule, request)
    paused, pause_lines = _paused_days(request, unit, calendar)
    lines += [line for line in (variant_line, extension_line) if line]
    lines.append(
        f"Ngày {format_day(request.start)} không tính ({CIVIL_CODE_START}); "
        f"bắt đầu đếm từ {format_day(request.start + ONE_DAY)}."
    )
    lines += pause_lines
    total = period + extension + paused

    skipped: list[SkippedDay] = []
    # The days whose status decided the result: every day counted for working
    # days; for calendar time only the last day and any it rolled over, and none
    # at all when the end does not roll over (the calendar cannot move it then).
    decisive_from = request.start + ONE_DAY
    if unit is PeriodUnit.WORKING_DAYS:
        due, skipped, makeup = _add_working_days(request.start, total, calendar)
        lines.append(
            f"Đếm {total} ngày làm việc, bỏ qua {len(skipped)} ngày nghỉ (thứ Bảy, Chủ nhật, "
            "ngày lễ, nghỉ bù, nghỉ hoán đổi)."
        )
        if makeup:
            shown = ", ".join(f"{day:%d/%m/%Y}" for day in makeup)
            lines.append(f"Thứ Bảy làm bù được tính là ngày làm việc: {shown}.")
    else:
        if unit is PeriodUnit.YEARS:
            end = _add_years(request.start, total)
            lines.append(f"Cộng {total} năm: ngày cuối cùng {format_day(end)}.")
        else:
            end = request.start + total * ONE_DAY
            lines.append(f"Cộng {total} ngày: ngày cuối cùng {format_day(end)}.")
        due = end
        decisive_from = end if settings.roll_forward else end + ONE_DAY
        if not calendar.is_working_day(end):
            if settings.roll_forward:
                due = calendar.next_working_day(end)
                skipped = [
                    SkippedDay(end + n * ONE_DAY, calendar.why_not_working(end + n * ONE_DAY))
                    for n in range((due - end).days)
                ]
                lines.append(
                    f"Ngày {end:%d/%m/%Y} là ngày nghỉ ({calendar.why_not_working(end)}): thời "
                    f"hạn kết thúc vào ngày làm việc tiếp theo ({CIVIL_CODE_END})."
                )
            else:
                lines.append(
                    f"Ngày {end:%d/%m/%Y} là ngày nghỉ; theo cài đặt, hạn không chuyển sang "
                    "ngày làm việc tiếp theo."
                )
    if skipped:
        lines.append(
            "Ngày nghỉ đã bỏ qua: "
            + "; ".join(f"{s.day:%d/%m/%Y} ({s.reason})" for s in skipped)
            + "."
        )
    lines.append(f"Hạn cuối: {format_day(due)}.")
    provisional_days = tuple(
        special
        for n in range((due - decisive_from).days + 1)
        if (special := calendar.special(decisive_from + n * ONE_DAY)) is not None
        and special.provisional
    )
    if provisional_days:
        shown = ", ".join(f"{s.day:%d/%m/%Y} ({s.name})" for s in provisional_days)
        lines.append(
            f"Lưu ý: khoảng tính có ngày chưa được xác nhận chính thức: {shown}; "
            "hạn có thể thay đổi khi có thông báo."
        )
    missing_years = calendar.missing_years(decisive_from, due)
    if missing_years:
        shown = ", ".join(map(str, missing_years))
        lines.append(
            f"Lưu ý: phần mềm chưa có lịch nghỉ lễ năm {shown}; năm đó chỉ trừ thứ Bảy, "
            "Chủ nhật. Hãy bổ sung lịch (Danh mục & Cài đặt → Lịch làm việc) để có hạn chính xác."
        )
    if rule.note:
        lines.append(rule.note)
    return DeadlineResult(
        request,
        rule,
        due,
        unit,
        total,
        tuple(skipped),
        provisional_days,
        tuple(lines),
        missing_years,
    )
