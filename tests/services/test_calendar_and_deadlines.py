from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import FAST_HASHER, PASSWORD, setup_request
from tests.deadline_rows import add_running_deadline
from tiepdan_desktop.db.models import AuditEntry, CalendarDay, Deadline
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.calendar import SpecialDay
from tiepdan_desktop.domain.deadlines import (
    DeadlineRequest,
    DeadlineSettings,
    PeriodUnit,
    RuleLength,
)
from tiepdan_desktop.domain.enums import CalendarDayKind, DeadlineStatus
from tiepdan_desktop.domain.errors import NotFoundError, ValidationError
from tiepdan_desktop.paths import DataPaths
from tiepdan_desktop.services import accounts, calendar, deadlines, setup
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.storage import open_storage

K = CalendarDayKind


def _calendar_rows(services: ServiceContext) -> dict[dt.date, CalendarDay]:
    with services.sessions.reading() as session:
        return {row.day: row for row in session.scalars(select(CalendarDay))}


def _due(services: ServiceContext, deadline: Deadline) -> dt.date:
    with services.sessions.reading() as session:
        row = session.get(Deadline, deadline.id)
        assert row is not None
        return row.due_on


class TestSeeding:
    def test_setup_seeds_the_years_around_today(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        rows = _calendar_rows(services)
        years = {day.year for day in rows}
        today = dt.date.today()
        assert years == set(range(today.year - 3, today.year + 2))
        swap = rows[dt.date(2026, 1, 2)]
        assert (swap.kind, swap.source, swap.provisional) == (K.SWAP_OFF, "shipped", False)
        assert swap.legal_basis == "Văn bản 12729/VPCP-KGVX ngày 25/12/2025"
        assert rows[dt.date(2026, 1, 10)].kind is K.MAKEUP_WORKDAY

    def test_seeding_is_done_once_and_never_undoes_an_offices_choice(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        calendar.remove_calendar_day(services, admin, dt.date(2026, 11, 24))
        assert calendar.ensure_calendar(services) == 0
        assert dt.date(2026, 11, 24) not in _calendar_rows(services)

    def test_new_years_are_seeded_as_time_passes(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        services.clock = lambda: dt.datetime(dt.date.today().year + 1, 6, 1, 9, 0)
        assert calendar.ensure_calendar(services) > 0
        assert dt.date.today().year + 2 in {d.year for d in _calendar_rows(services)}

    def test_a_year_counts_as_known_only_once_its_default_days_are_added(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        later = dt.date.today().year + 4
        # 10 working days from 28/01: across Tết, which the calendar does not know yet.
        running = add_running_deadline(services, DeadlineRequest("R1", dt.date(later, 1, 28)))
        request = DeadlineRequest("R1", dt.date(later, 1, 28))
        unknown = deadlines.compute_deadline(services, admin, request)
        assert unknown.missing_years == (later,) and unknown.provisional
        # A holiday entered by hand says nothing about the rest of that year.
        calendar.save_calendar_day(
            services,
            admin,
            SpecialDay(dt.date(later, 9, 2), K.PUBLIC_HOLIDAY, "Quốc khánh", "BLLĐ", False),
        )
        assert deadlines.compute_deadline(services, admin, request).missing_years == (later,)
        assert later not in calendar.known_years(services, admin)
        report = calendar.add_default_year(services, admin, later)
        assert report.added > 5 and later in calendar.known_years(services, admin)
        known = deadlines.compute_deadline(services, admin, request)
        assert known.missing_years == () and known.due > unknown.due  # Tết now skipped
        assert [(m.rule_id, m.new_due) for m in report.moved_deadlines] == [("R1", known.due)]
        assert _due(services, running) == known.due
        with pytest.raises(ValidationError):
            calendar.add_default_year(services, admin, 3000)


class TestEditingTheCalendar:
    def test_a_new_day_off_moves_the_open_deadlines_it_falls_in(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        affected = add_running_deadline(services, DeadlineRequest("T1", dt.date(2026, 3, 2)))
        later = add_running_deadline(services, DeadlineRequest("T1", dt.date(2026, 3, 20)))
        closed = add_running_deadline(
            services, DeadlineRequest("T1", dt.date(2026, 3, 2)), DeadlineStatus.MET
        )
        assert _due(services, affected) == dt.date(2026, 3, 11)
        report = calendar.save_calendar_day(
            services,
            admin,
            SpecialDay(dt.date(2026, 3, 9), K.LOCAL_OFF, "  Lễ hội   đền ", "QĐ 15/QĐ-UBND", False),
        )
        assert report.added == 1
        assert [(c.old_due, c.new_due) for c in report.moved_deadlines] == [
            (dt.date(2026, 3, 11), dt.date(2026, 3, 12))
        ]
        assert _due(services, affected) == dt.date(2026, 3, 12)
        assert _due(services, later) == dt.date(2026, 3, 31)  # starts after the new day off
        assert _due(services, closed) == dt.date(2026, 3, 11)  # closed deadlines never move
        with services.sessions.reading() as session:
            entry = session.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity == "deadline")
                .order_by(AuditEntry.id.desc())
            ).first()
        assert entry is not None and entry.action == "sua_lich"
        assert json.loads(entry.changes_json)["due_on"] == ["2026-03-11", "2026-03-12"]
        assert entry.reason == "Sửa lịch làm việc: 09/03/2026 – Lễ hội đền"

    def test_removing_a_day_off_brings_a_deadline_back(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        deadline = add_running_deadline(services, DeadlineRequest("T7", dt.date(2026, 11, 19)))
        assert _due(services, deadline) == dt.date(2026, 12, 1)
        report = calendar.remove_calendar_day(services, admin, dt.date(2026, 11, 24))
        assert report.removed == 1 and _due(services, deadline) == dt.date(2026, 11, 30)
        with pytest.raises(NotFoundError):
            calendar.remove_calendar_day(services, admin, dt.date(2026, 11, 24))

    def test_moving_a_day_to_another_date(self, services: ServiceContext, admin: Actor) -> None:
        report = calendar.save_calendar_day(
            services,
            admin,
            SpecialDay(dt.date(2026, 9, 3), K.PUBLIC_HOLIDAY, "Quốc khánh (liền kề)", None, True),
            replacing=dt.date(2026, 9, 1),
        )
        rows = _calendar_rows(services)
        assert report.added == 1 and dt.date(2026, 9, 1) not in rows
        assert rows[dt.date(2026, 9, 3)].source == "admin"
        changed = calendar.save_calendar_day(
            services,
            admin,
            SpecialDay(dt.date(2026, 9, 3), K.PUBLIC_HOLIDAY, "Quốc khánh", "QĐ 9/QĐ-TTg", False),
            replacing=dt.date(2026, 9, 3),
        )
        assert (
            changed.replaced == 1 and not _calendar_rows(services)[dt.date(2026, 9, 3)].provisional
        )
        with pytest.raises(NotFoundError):
            calendar.save_calendar_day(
                services,
                admin,
                SpecialDay(dt.date(2026, 9, 4), K.LOCAL_OFF, "X", None, True),
                replacing=dt.date(2026, 6, 6),
            )

    def test_no_day_is_overwritten_by_adding_or_moving_another_onto_it(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        slip = SpecialDay(dt.date(2026, 2, 17), K.LOCAL_OFF, "gõ nhầm", "QĐ 1", False)
        with pytest.raises(ValidationError) as added:
            calendar.save_calendar_day(services, admin, slip)
        assert added.value.fields["day"].startswith("Ngày 17/02/2026 đã có trong lịch (Tết")
        with pytest.raises(ValidationError):
            calendar.save_calendar_day(services, admin, slip, replacing=dt.date(2026, 4, 27))
        rows = _calendar_rows(services)
        assert rows[dt.date(2026, 2, 17)].name == "Tết Nguyên Đán"
        assert rows[dt.date(2026, 4, 27)].kind is K.COMPENSATORY_OFF

    @pytest.mark.parametrize(
        ("special", "field"),
        [
            (SpecialDay(dt.date(2026, 3, 9), K.LOCAL_OFF, "  ", "QĐ 1", False), "name"),
            (SpecialDay(dt.date(2026, 3, 9), K.LOCAL_OFF, "Lễ", None, False), "legal_basis"),
            (SpecialDay(dt.date(2026, 3, 9), K.MAKEUP_WORKDAY, "Làm bù", None, True), "kind"),
        ],
    )
    def test_a_day_needs_a_name_a_basis_when_confirmed_and_a_weekend_to_make_up(
        self, services: ServiceContext, admin: Actor, special: SpecialDay, field: str
    ) -> None:
        with pytest.raises(ValidationError) as refused:
            calendar.save_calendar_day(services, admin, special)
        assert field in refused.value.fields

    def test_confirming_days_clears_the_provisional_mark_of_deadlines(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        deadline = add_running_deadline(services, DeadlineRequest("T7", dt.date(2026, 11, 19)))
        with services.sessions.reading() as session:
            assert session.get(Deadline, deadline.id).provisional  # type: ignore[union-attr]
        report = calendar.confirm_calendar_days(
            services, admin, [dt.date(2026, 11, 24)], "NQ 28/2026/QH16 ngày 15/5/2026"
        )
        assert report.replaced == 1 and len(report.moved_deadlines) == 1
        with services.sessions.reading() as session:
            assert not session.get(Deadline, deadline.id).provisional  # type: ignore[union-attr]
        row = _calendar_rows(services)[dt.date(2026, 11, 24)]
        assert not row.provisional and row.legal_basis == "NQ 28/2026/QH16 ngày 15/5/2026"
        for days, basis in (([dt.date(2026, 11, 24)], " "), ([], "QĐ 1")):
            with pytest.raises(ValidationError):
                calendar.confirm_calendar_days(services, admin, days, basis)
        with pytest.raises(NotFoundError):
            calendar.confirm_calendar_days(services, admin, [dt.date(2026, 6, 6)], "QĐ 1")


CSV = (
    "ngay;loai;ten;can_cu;tam_tinh\n"
    "09/03/2026;Nghỉ theo quyết định địa phương;Lễ hội đền Hùng;QĐ 15/QĐ-UBND;không\n"
    "02/01/2026;nghi_hoan_doi;Nghỉ hoán đổi dịp Tết Dương lịch;"
    "Văn bản 12729/VPCP-KGVX ngày 25/12/2025;không\n"
    "24/11/2026;ngày thường;;;không\n"
    "25/12/2026;ngày thường;;;không\n"
    "31/08/2026;nghi_hoan_doi;Nghỉ hoán đổi Quốc khánh;QĐ 9/QĐ-TTg;không\n"
)


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _as_windows_1258(text: str) -> bytes:
    """Code page 1258 as Windows writes it: letters like â, ơ, ư precomposed,
    the five tone marks as separate combining characters."""
    out = []
    for char in text:
        base, *marks = unicodedata.normalize("NFD", char)
        letter = unicodedata.normalize(
            "NFC", base + "".join(m for m in marks if m not in _TONE_MARKS)
        )
        out.append(letter + "".join(m for m in marks if m in _TONE_MARKS))
    return "".join(out).encode("cp1258")


class TestCalendarFiles:
    def test_a_csv_adds_replaces_removes_and_leaves_unchanged(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        report = calendar.import_calendar(services, admin, "lich-2026.csv", CSV.encode("utf-8"))
        assert (report.added, report.replaced, report.removed, report.unchanged) == (1, 1, 1, 1)
        rows = _calendar_rows(services)
        assert rows[dt.date(2026, 3, 9)].source == "import"
        assert dt.date(2026, 11, 24) not in rows
        assert not rows[dt.date(2026, 8, 31)].provisional

    def test_a_file_saved_in_the_windows_vietnamese_code_page_is_read(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        content = _as_windows_1258(CSV)
        assert content != CSV.encode("utf-8")
        report = calendar.import_calendar(services, admin, "LICH.CSV", content)
        assert _calendar_rows(services)[dt.date(2026, 3, 9)].name == "Lễ hội đền Hùng"
        assert report.added == 1

    def test_json_files_too(self, services: ServiceContext, admin: Actor) -> None:
        text = json.dumps(
            {
                "days": [
                    {
                        "date": "2027-02-09",
                        "kind": "nghi_le",
                        "name": "Tết",
                        "legal_basis": "TB 5/TB-VPCP",
                        "provisional": False,
                    }
                ]
            }
        )
        report = calendar.import_calendar(services, admin, "tet-2027.json", text.encode())
        assert (
            report.replaced == 1 and not _calendar_rows(services)[dt.date(2027, 2, 9)].provisional
        )

    def test_an_exported_calendar_imports_elsewhere_unchanged(
        self, services: ServiceContext, admin: Actor, tmp_path: Path
    ) -> None:
        calendar.save_calendar_day(
            services, admin, SpecialDay(dt.date(2026, 3, 9), K.LOCAL_OFF, "Lễ hội", "QĐ 1", False)
        )
        text = calendar.export_calendar(services, admin, [2026])
        exported = json.loads(text)
        assert exported["title"] == "Lịch nghỉ năm 2026 – UBND phường Bến Thành"
        assert {d["date"][:4] for d in exported["days"]} == {"2026"}
        other = open_storage(DataPaths(tmp_path / "xa-khac").ensure())
        try:
            elsewhere = other.context()
            elsewhere.password_hasher = FAST_HASHER
            setup.initialize(elsewhere, setup_request(admin_username="quantri2"))
            other_admin = accounts.authenticate(elsewhere, "quantri2", PASSWORD)
            report = calendar.import_calendar(elsewhere, other_admin, "lich.json", text.encode())
            assert report.added == 1 and report.replaced == 0  # only the local festival is new
            theirs = calendar.list_calendar_days(elsewhere, other_admin, 2026)
        finally:
            other.close()
        assert theirs == [
            type(r)(r.special, "import" if r.special.day == dt.date(2026, 3, 9) else r.source)
            for r in calendar.list_calendar_days(services, admin, 2026)
        ]

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("lich.xlsx", b"PK...", "Chỉ nhận tệp lịch .csv hoặc .json"),
            ("lich.csv", b"x" * 2_000_001, "quá lớn"),
            ("lich.csv", b"\x81\x8d\x90", "bảng mã"),
            ("lich.csv", b"ngay;loai\n", "Dòng đầu"),
        ],
    )
    def test_unreadable_files_are_refused_and_nothing_changes(
        self, services: ServiceContext, admin: Actor, name: str, content: bytes, message: str
    ) -> None:
        before = _calendar_rows(services).keys()
        with pytest.raises(ValidationError, match=message):
            calendar.import_calendar(services, admin, name, content)
        assert _calendar_rows(services).keys() == before


class TestWarningsAndSettings:
    def test_next_years_unconfirmed_days_are_pointed_out_from_december(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        services.clock = lambda: dt.datetime(2026, 11, 30, 9, 0)
        assert calendar.calendar_warnings(services, admin) == []
        services.clock = lambda: dt.datetime(2026, 12, 1, 9, 0)
        warning = calendar.calendar_warnings(services, admin)
        assert len(warning) == 1 and "Lịch nghỉ năm 2027 còn" in warning[0]
        services.clock = lambda: dt.datetime(2040, 12, 1, 9, 0)
        assert "chưa có trong phần mềm" in calendar.calendar_warnings(services, admin)[0]

    def test_confirmed_years_raise_no_warning(self, services: ServiceContext, admin: Actor) -> None:
        services.clock = lambda: dt.datetime(2026, 12, 1, 9, 0)
        days = [
            r.special.day
            for r in calendar.list_calendar_days(services, admin, 2027)
            if r.special.provisional
        ]
        calendar.confirm_calendar_days(services, admin, days, "TB 5/TB-VPCP")
        assert calendar.calendar_warnings(services, admin) == []

    def test_deadlines_are_computed_on_the_offices_own_calendar(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        request = DeadlineRequest("T1", dt.date(2026, 3, 2))
        assert deadlines.compute_deadline(services, admin, request).due == dt.date(2026, 3, 11)
        calendar.save_calendar_day(
            services, admin, SpecialDay(dt.date(2026, 3, 4), K.LOCAL_OFF, "Lễ", "QĐ 2", False)
        )
        assert deadlines.compute_deadline(services, admin, request).due == dt.date(2026, 3, 12)
        loaded, settings = calendar.load_calendar(services, admin)
        assert not loaded.is_working_day(dt.date(2026, 3, 4)) and settings == DeadlineSettings()

    def test_changing_a_setting_moves_the_deadlines_it_governs(
        self, services: ServiceContext, admin: Actor
    ) -> None:
        k2 = add_running_deadline(services, DeadlineRequest("K2", dt.date(2026, 2, 13)))
        t1 = add_running_deadline(services, DeadlineRequest("T1", dt.date(2026, 3, 2)))
        assert _due(services, k2) == dt.date(2026, 2, 23)
        settings = DeadlineSettings(
            lengths={**DeadlineSettings().lengths, "K2": RuleLength(10, PeriodUnit.WORKING_DAYS)}
        )
        moved = deadlines.update_deadline_settings(services, admin, settings)
        assert [(c.rule_id, c.new_due) for c in moved] == [("K2", dt.date(2026, 3, 6))]
        assert _due(services, t1) == dt.date(2026, 3, 11)
        assert deadlines.get_deadline_settings(services, admin) == settings
        with pytest.raises(ValidationError):
            deadlines.update_deadline_settings(
                services, admin, DeadlineSettings(warning_working_days=99)
            )
