"""The office's working-day calendar: seeded, corrected by hand or by a file.

Every change recomputes the running deadlines it can affect; each moved due
date is logged with the reason (old → new).  Closed deadlines never move.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy.orm import Session

from tiepdan_desktop.db.base import utc_now
from tiepdan_desktop.db.models import CalendarDay, Setting
from tiepdan_desktop.db.repositories import calendar as repo
from tiepdan_desktop.db.repositories.organisation import the_unit
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.calendar import SpecialDay, WorkCalendar
from tiepdan_desktop.domain.calendar_file import (
    CalendarEntry,
    parse_calendar_csv,
    parse_calendar_json,
    to_calendar_json,
)
from tiepdan_desktop.domain.deadlines import DeadlineSettings
from tiepdan_desktop.domain.enums import CalendarDayKind, Role
from tiepdan_desktop.domain.errors import NotFoundError, ValidationError
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.domain.records import CalendarChangeReport, CalendarDayRecord, DueDateChange
from tiepdan_desktop.domain.text import normalize_text
from tiepdan_desktop.services.access import public, requires
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.default_calendar import default_days, shipped_entries
from tiepdan_desktop.services.due_dates import deadline_settings, recompute_open_deadlines

YEARS_BACK, YEARS_AHEAD = 3, 1
MIN_YEAR, MAX_YEAR = 1990, 2100
_SEEDING_ACTOR = Actor(None, "lich-mac-dinh", "Lịch làm việc mặc định", Role.ADMIN)
# From this day of the year, next year's Tết and Quốc khánh days should be known.
WARNING_FROM = (12, 1)
MAX_FILE_BYTES = 2_000_000


@public
def ensure_calendar(context: ServiceContext) -> int:
    """Seed the years around today that were never seeded (never overwriting a
    day an office entered).  Returns how many days were added."""
    today = context.today()
    wanted = set(range(today.year - YEARS_BACK, today.year + YEARS_AHEAD + 1))
    with context.sessions.reading() as session:
        missing = sorted(wanted - repo.seeded_years(session))
    if not missing:
        return 0
    reason = "Bổ sung lịch nghỉ mặc định năm " + ", ".join(map(str, missing))
    with context.sessions.writing(_SEEDING_ACTOR, "tao_lich_mac_dinh", reason) as session:
        added, _moves = _seed_years(session, missing, today)
    return added


@requires(Permission.MANAGE_UNIT)
def add_default_year(context: ServiceContext, actor: Actor, year: int) -> CalendarChangeReport:
    """Give a year outside the seeded ones (an old case, a far deadline) its
    default days off, so deadlines counted across it are no longer uncertain."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({"year": f"Năm phải từ {MIN_YEAR} đến {MAX_YEAR}."})
    reason = f"Tạo lịch nghỉ mặc định năm {year}"
    with context.sessions.writing(actor, "tao_lich_mac_dinh", reason) as session:
        added, moves = _seed_years(session, [year], context.today())
    return CalendarChangeReport(added=added, moved_deadlines=moves)


def _seed_years(
    session: Session, years: list[int], today: dt.date
) -> tuple[int, tuple[DueDateChange, ...]]:
    """Add the default days of `years` that are not there yet, count the years
    as known, and move the running deadlines that reach them."""
    days = [
        special
        for special in default_days(range(years[0], years[-1] + 1), today)
        if special.day.year in years
    ]
    shipped_days = {entry.day for entry in shipped_entries()}
    added = 0
    for special in days:
        if repo.calendar_day(session, special.day) is None:
            source = "shipped" if special.day in shipped_days else "seed"
            session.add(_row(special, source))
            added += 1
    seeded = repo.seeded_years(session) | set(years)
    _store_setting(session, repo.SEEDED_YEARS_KEY, json.dumps(sorted(seeded)))
    window = (dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31))
    return added, tuple(recompute_open_deadlines(session, window))


@requires(Permission.VIEW_REGISTERS)
def known_years(context: ServiceContext, actor: Actor) -> list[int]:
    """The years whose days off the calendar holds in full."""
    with context.sessions.reading() as session:
        return sorted(repo.seeded_years(session))


def _row(special: SpecialDay, source: str) -> CalendarDay:
    return CalendarDay(
        day=special.day,
        kind=special.kind,
        name=special.name,
        legal_basis=special.legal_basis,
        provisional=special.provisional,
        source=source,
    )


def _update_row(row: CalendarDay, special: SpecialDay, source: str) -> None:
    row.kind = special.kind
    row.name = special.name
    row.legal_basis = special.legal_basis
    row.provisional = special.provisional
    row.source = source


def _store_setting(session: Session, key: str, value_json: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value_json=value_json, updated_at=utc_now()))
    else:
        row.value_json = value_json
        row.updated_at = utc_now()


@requires(Permission.VIEW_REGISTERS)
def list_calendar_days(context: ServiceContext, actor: Actor, year: int) -> list[CalendarDayRecord]:
    with context.sessions.reading() as session:
        return repo.days_of_year(session, year)


@requires(Permission.VIEW_REGISTERS)
def load_calendar(context: ServiceContext, actor: Actor) -> tuple[WorkCalendar, DeadlineSettings]:
    """The calendar and the settings, for computing deadlines on screen."""
    with context.sessions.reading() as session:
        return repo.work_calendar(session), deadline_settings(session)


def _check(special: SpecialDay) -> SpecialDay:
    problems = {}
    name = normalize_text(special.name)
    basis = normalize_text(special.legal_basis or "") or None
    if not name:
        problems["name"] = "Hãy nhập tên ngày (ví dụ: Nghỉ bù Quốc khánh)."
    if not special.provisional and not basis:
        problems["legal_basis"] = "Ngày đã chính thức phải ghi căn cứ (số, ngày văn bản)."
    if special.kind is CalendarDayKind.MAKEUP_WORKDAY and special.day.weekday() < 5:
        problems["kind"] = "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật."
    if problems:
        raise ValidationError(problems)
    return SpecialDay(special.day, special.kind, name, basis, special.provisional)


def _moved(session: Session, days: list[dt.date]) -> tuple[DueDateChange, ...]:
    return tuple(recompute_open_deadlines(session, (min(days), max(days))))


@requires(Permission.MANAGE_UNIT)
def save_calendar_day(
    context: ServiceContext, actor: Actor, special: SpecialDay, replacing: dt.date | None = None
) -> CalendarChangeReport:
    """Add a day (`replacing` None), or change the day that was on `replacing`.

    A day is never overwritten by adding or moving another onto its date: the
    office changes that day itself, so a confirmed holiday is not lost by a slip."""
    special = _check(special)
    reason = f"Sửa lịch làm việc: {special.day:%d/%m/%Y} – {special.name}"
    with context.sessions.writing(actor, "sua_lich", reason) as session:
        row = repo.calendar_day(session, special.day)
        if row is not None and replacing != special.day:
            raise ValidationError(
                {
                    "day": f"Ngày {special.day:%d/%m/%Y} đã có trong lịch ({row.name}); "
                    "hãy chọn ngày đó trong danh sách để sửa."
                }
            )
        touched = [special.day]
        if replacing is not None and replacing != special.day:
            old = repo.calendar_day(session, replacing)
            if old is None:
                raise NotFoundError(f"Không có ngày {replacing:%d/%m/%Y} trong lịch.")
            session.delete(old)
            touched.append(replacing)
        if row is None:
            session.add(_row(special, "admin"))
            added, replaced = 1, 0
        else:
            _update_row(row, special, "admin")
            added, replaced = 0, 1
        return CalendarChangeReport(
            added=added, replaced=replaced, moved_deadlines=_moved(session, touched)
        )


@requires(Permission.MANAGE_UNIT)
def remove_calendar_day(
    context: ServiceContext, actor: Actor, day: dt.date
) -> CalendarChangeReport:
    """Make a day ordinary again (a wrongly seeded holiday, say)."""
    with context.sessions.writing(
        actor, "xoa_ngay_lich", f"Bỏ ngày {day:%d/%m/%Y} khỏi lịch"
    ) as session:
        row = repo.calendar_day(session, day)
        if row is None:
            raise NotFoundError(f"Không có ngày {day:%d/%m/%Y} trong lịch.")
        session.delete(row)
        return CalendarChangeReport(removed=1, moved_deadlines=_moved(session, [day]))


@requires(Permission.MANAGE_UNIT)
def confirm_calendar_days(
    context: ServiceContext, actor: Actor, days: list[dt.date], legal_basis: str
) -> CalendarChangeReport:
    """Mark provisional days as confirmed by an official notice."""
    basis = normalize_text(legal_basis)
    if not basis:
        raise ValidationError({"legal_basis": "Hãy ghi căn cứ xác nhận (số, ngày văn bản)."})
    if not days:
        raise ValidationError({"days": "Hãy chọn ngày cần xác nhận."})
    reason = f"Xác nhận lịch theo {basis}"
    with context.sessions.writing(actor, "xac_nhan_lich", reason) as session:
        for day in days:
            row = repo.calendar_day(session, day)
            if row is None:
                raise NotFoundError(f"Không có ngày {day:%d/%m/%Y} trong lịch.")
            row.provisional = False
            row.legal_basis = basis
        return CalendarChangeReport(replaced=len(days), moved_deadlines=_moved(session, days))


def _read_calendar_file(file_name: str, content: bytes) -> list[CalendarEntry]:
    """Entries of a calendar file (.json or .csv), UTF-8 or the Windows Vietnamese code page."""
    if len(content) > MAX_FILE_BYTES:
        raise ValidationError({"file": "Tệp lịch quá lớn (tối đa 2 MB)."})
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError({"file": "Không đọc được bảng mã của tệp; hãy lưu ở dạng UTF-8."})
    suffix = Path(file_name).suffix.lower()
    if suffix == ".json":
        return parse_calendar_json(text)
    if suffix == ".csv":
        return parse_calendar_csv(text)
    raise ValidationError({"file": "Chỉ nhận tệp lịch .csv hoặc .json."})


@requires(Permission.MANAGE_UNIT)
def import_calendar(
    context: ServiceContext, actor: Actor, file_name: str, content: bytes
) -> CalendarChangeReport:
    entries = _read_calendar_file(file_name, content)
    reason = f"Nhập tệp lịch {Path(file_name).name}"
    added = replaced = removed = unchanged = 0
    with context.sessions.writing(actor, "nhap_tep_lich", reason) as session:
        for entry in entries:
            row = repo.calendar_day(session, entry.day)
            if entry.kind is None:
                if row is not None:
                    session.delete(row)
                    removed += 1
                continue
            wanted = SpecialDay(
                entry.day, entry.kind, entry.name, entry.legal_basis, entry.provisional
            )
            if row is None:
                session.add(_row(wanted, "import"))
                added += 1
            elif repo.special_of(row) == wanted:
                unchanged += 1
            else:
                _update_row(row, wanted, "import")
                replaced += 1
        days = [entry.day for entry in entries]
        moved = _moved(session, days)
    return CalendarChangeReport(added, replaced, removed, unchanged, moved)


@requires(Permission.VIEW_REGISTERS)
def export_calendar(context: ServiceContext, actor: Actor, years: list[int]) -> str:
    """The office's calendar of `years` as a JSON calendar file (to share with
    other offices, or to keep), in the format import_calendar reads."""
    with context.sessions.reading() as session:
        records = [record for year in sorted(years) for record in repo.days_of_year(session, year)]
        unit = the_unit(session)
        office = unit.name if unit else ""
    entries = [
        CalendarEntry(s.day, s.kind, s.name, s.legal_basis, s.provisional)
        for s in (record.special for record in records)
    ]
    shown = ", ".join(map(str, sorted(years)))
    return to_calendar_json(f"Lịch nghỉ năm {shown} – {office}".rstrip(" –"), entries)


@requires(Permission.VIEW_REGISTERS)
def calendar_warnings(context: ServiceContext, actor: Actor) -> list[str]:
    """What the office should check: next year's days not confirmed by December."""
    today = context.today()
    if (today.month, today.day) < WARNING_FROM:
        return []
    year = today.year + 1
    with context.sessions.reading() as session:
        days = repo.days_of_year(session, year)
    unconfirmed = [r.special for r in days if r.special.provisional and r.special.is_day_off]
    if not days:
        return [f"Lịch nghỉ năm {year} chưa có trong phần mềm: hãy bổ sung hoặc nhập tệp lịch."]
    if unconfirmed:
        return [
            f"Lịch nghỉ năm {year} còn {len(unconfirmed)} ngày chưa được xác nhận chính thức "
            f"(ví dụ {unconfirmed[0].day:%d/%m/%Y} – {unconfirmed[0].name}): kiểm tra thông báo "
            "của Chính phủ và xác nhận trong Danh mục & Cài đặt → Lịch làm việc."
        ]
    return []
