"""Tổng quan: the work lists (to process, due today and this week, overdue,
awaiting a reply, needing an urging letter), the chairman's reception days and
the 12-month trend, on a database built by hand where every figure is known, and
on demo data against counts made another way."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from tests.services.test_cases import _open, _step
from tiepdan_desktop.db.models import Case, Deadline, Letter, ReceptionSession
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.calendar import WorkCalendar
from tiepdan_desktop.domain.case_records import CaseSettings
from tiepdan_desktop.domain.case_workflow import StepKind
from tiepdan_desktop.domain.enums import (
    DeadlineStatus,
    LetterOutcome,
    LetterSource,
    LetterState,
    LetterType,
    ReceptionType,
    Role,
)
from tiepdan_desktop.domain.letter_classification import Classification
from tiepdan_desktop.domain.letter_records import LetterFiler, LetterInput, OutcomeChoice
from tiepdan_desktop.domain.overview_records import WorkList
from tiepdan_desktop.domain.reception_schedule import next_reception_days, reception_period
from tiepdan_desktop.domain.visit_records import PersonInput
from tiepdan_desktop.services import cases, letter_processing, letters, overview
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.demo_data import generate_demo_data

NOW = dt.datetime(2026, 11, 25, 9, 0)  # a Wednesday
TODAY = NOW.date()
W = WorkList


@pytest.fixture
def clocked(services: ServiceContext, actors: dict[Role, Actor]) -> ServiceContext:
    services.clock = lambda: NOW
    return services


def _petition(services: ServiceContext, actor: Actor, received: dt.date, text: str) -> uuid.UUID:
    letter = letters.register_letter(
        services,
        actor,
        LetterInput(
            received_on=received,
            source=LetterSource.POST,
            letter_type=LetterType.PETITION,
            content=text,
            filers=(LetterFiler(PersonInput("Lê Văn Kiến")),),
        ),
    )
    return letter.id


def _forward(services: ServiceContext, actor: Actor, letter_id: uuid.UUID, on: dt.date) -> None:
    letters.classify_letter(
        services,
        actor,
        letter_id,
        Classification(LetterType.PETITION, competent=False, competent_body="Công ty điện lực"),
    )
    letter_processing.decide_outcome(
        services,
        actor,
        letter_id,
        OutcomeChoice(LetterOutcome.FORWARDED, on, body="Công ty điện lực"),
    )


def test_each_list_holds_exactly_what_it_says(
    clocked: ServiceContext, actors: dict[Role, Actor]
) -> None:
    officer, leader = actors[Role.OFFICER], actors[Role.LEADER]
    # A letter received today and not handled: to process; its X1 clock runs 10 WD.
    fresh = _petition(clocked, officer, TODAY, "Kiến nghị lắp đèn đường tổ 3")
    # Received 06/11: X1 (10 working days) ended 20/11 — overdue.
    late = _petition(clocked, officer, dt.date(2026, 11, 6), "Kiến nghị sửa cống tổ 4")
    # Forwarded on 02/11 (23 days ago, no reply): awaiting, and needs urging (15 days).
    old = _petition(clocked, officer, dt.date(2026, 11, 2), "Phản ánh mất điện kéo dài")
    _forward(clocked, officer, old, dt.date(2026, 11, 2))
    # Forwarded on 20/11: awaiting, too early to urge.
    recent = _petition(clocked, officer, dt.date(2026, 11, 19), "Phản ánh cột điện nghiêng")
    _forward(clocked, officer, recent, dt.date(2026, 11, 20))
    # Forwarded long ago but urged on 16/11: waits again.
    urged = _petition(clocked, officer, dt.date(2026, 10, 1), "Phản ánh dây điện võng thấp")
    _forward(clocked, officer, urged, dt.date(2026, 10, 2))
    letter_processing.issue_urging(clocked, officer, urged, dt.date(2026, 11, 16))
    # A complaint accepted 10/08: K3 ended 09/09 — an overdue matter.
    overdue = _open(clocked, officer, leader)
    # A complaint accepted 26/10: K3 ends today — due today and this week.
    today_case = _open(
        clocked, officer, leader, accepted=dt.date(2026, 10, 26), content="Khiếu nại giấy phép"
    )
    # A suspended matter whose clock ended long ago: paused, neither due nor overdue.
    paused = _open(clocked, officer, leader, content="Khiếu nại bồi thường")
    cases.record_step(
        clocked,
        leader,
        paused.id,
        _step(StepKind.SUSPEND, dt.date(2026, 8, 20), ground="Chờ giám định", issue=True),
    )

    summary = overview.today_summary(clocked, officer)
    assert summary.week_ends == dt.date(2026, 11, 29)
    expected = {
        W.TO_PROCESS: 2,  # fresh, late
        W.DUE_TODAY: 1,  # today_case
        W.DUE_THIS_WEEK: 1,  # today_case; fresh's X1 ends 09/12
        W.OVERDUE: 2,  # late's X1, the overdue matter
        W.AWAITING_REPLY: 3,
        W.NEEDS_URGING: 1,  # old
    }
    assert dict(summary.counts) == expected
    labels = {
        which: [item.label for item in overview.work_list(clocked, officer, which).items]
        for which in W
    }
    assert labels[W.OVERDUE] == ["Vụ việc 1/2026", "Đơn 2/2026"]  # earliest due first
    assert labels[W.NEEDS_URGING] == ["Đơn 3/2026"]
    assert labels[W.DUE_TODAY] == ["Vụ việc 2/2026"]
    assert set(labels[W.TO_PROCESS]) == {"Đơn 1/2026", "Đơn 2/2026"}
    overdue_items = overview.work_list(clocked, officer, W.OVERDUE).items
    assert overdue_items[0].what.startswith("K3 – ") and overdue_items[0].due_on == dt.date(
        2026, 9, 9
    )
    assert overdue_items[0].record_id == overdue.id and overdue_items[1].record_id == late
    waiting = overview.work_list(clocked, officer, W.NEEDS_URGING).items[0]
    assert waiting.what == "Chờ phúc đáp của Công ty điện lực (chuyển ngày 02/11/2026)"
    capped = overview.work_list(clocked, officer, W.AWAITING_REPLY, limit=2)
    assert (capped.total, len(capped.items)) == (3, 2)
    assert today_case.id in {
        i.record_id for i in overview.work_list(clocked, officer, W.DUE_THIS_WEEK).items
    }
    assert fresh not in {i.record_id for i in overview.work_list(clocked, officer, W.OVERDUE).items}

    # Urging the old one takes it off the urging list; the office waits again.
    letter_processing.issue_urging(clocked, officer, old, TODAY)
    assert overview.today_summary(clocked, officer).count(W.NEEDS_URGING) == 0
    cases.update_case_settings(clocked, actors[Role.ADMIN], CaseSettings(urge_after_days=5))
    assert overview.today_summary(clocked, officer).count(W.NEEDS_URGING) == 2  # recent, urged


def test_a_protected_denouncer_is_masked_in_the_lists(
    clocked: ServiceContext, actors: dict[Role, Actor]
) -> None:
    officer, leader = actors[Role.OFFICER], actors[Role.LEADER]
    _open(clocked, officer, leader, LetterType.DENUNCIATION)  # T4 ended 09/09: overdue
    item = overview.work_list(clocked, officer, W.OVERDUE).items[0]
    assert item.identity_hidden and item.people == "Người tố cáo TC-2026-0001"
    assert "Phạm Thị Tố" not in repr(item) and "[đã lược bỏ]" in item.summary
    # The chairman's list shows the same pseudonym: the name is in the vault only.
    chairman = overview.work_list(clocked, leader, W.OVERDUE).items[0]
    assert chairman.people == "Người tố cáo TC-2026-0001" and "Phạm Thị Tố" not in repr(chairman)


def test_the_chairmans_reception_days_weekly_then_twice_a_month() -> None:
    settings = CaseSettings(reception_weekday=3, reception_month_days=(10, 25))
    calendar = WorkCalendar()
    weekly = reception_period(settings, dt.date(2026, 6, 24))
    assert (weekly.first, weekly.last, weekly.required) == (
        dt.date(2026, 6, 22),
        dt.date(2026, 6, 28),
        1,
    )
    assert weekly.rule == "ít nhất 01 ngày mỗi tuần (Thứ Năm)"
    # Thursdays until 30/6, then the 10th and 25th (25/7 is a Saturday: Monday 27/7).
    assert next_reception_days(settings, dt.date(2026, 6, 19), calendar, 4) == [
        dt.date(2026, 6, 25),
        dt.date(2026, 7, 10),
        dt.date(2026, 7, 27),
        dt.date(2026, 8, 10),
    ]
    monthly = reception_period(settings, TODAY)
    assert (monthly.first, monthly.last, monthly.required) == (
        dt.date(2026, 11, 1),
        dt.date(2026, 11, 30),
        2,
    )


def test_summary_counts_the_receptions_held_and_the_letters_by_month(
    clocked: ServiceContext, actors: dict[Role, Actor]
) -> None:
    officer = actors[Role.OFFICER]
    _petition(clocked, officer, dt.date(2026, 11, 3), "Kiến nghị A")
    _petition(clocked, officer, dt.date(2026, 11, 4), "Kiến nghị B")
    _petition(clocked, officer, dt.date(2026, 1, 5), "Kiến nghị C")
    _petition(clocked, officer, dt.date(2025, 11, 30), "Kiến nghị cũ hơn 12 tháng")
    with clocked.sessions.writing(officer, "test") as session:
        unit_id = session.scalar(select(Letter.unit_id))
        for day in (dt.date(2026, 11, 10), dt.date(2026, 10, 25)):
            session.add(
                ReceptionSession(
                    unit_id=unit_id,
                    held_on=day,
                    reception_type=ReceptionType.PERIODIC,
                    presided_by="Nguyễn Văn Thành",
                )
            )
    summary = overview.today_summary(clocked, officer)
    assert (summary.receptions_held, summary.receptions_required) == (1, 2)
    assert summary.reception_days == (
        TODAY,  # the 25th
        dt.date(2026, 12, 10),
        dt.date(2026, 12, 25),
        dt.date(2027, 1, 11),  # 10/01/2027 is a Sunday
    )
    assert summary.reception_rule == "ít nhất 02 ngày mỗi tháng (ngày 10 và ngày 25)"
    months = summary.months
    assert [m.first_day for m in (months[0], months[-1])] == [
        dt.date(2025, 12, 1),
        dt.date(2026, 11, 1),
    ]
    assert months[-1].total == 2 and dict(months[-1].by_type)[LetterType.PETITION] == 2
    assert months[1].total == 1 and sum(m.total for m in months) == 3


def test_on_demo_data_the_counts_agree_with_the_clocks_themselves(
    clocked: ServiceContext, actors: dict[Role, Actor]
) -> None:
    admin = actors[Role.ADMIN]
    generate_demo_data(clocked, admin, visits=600, letters=400, seed=11)
    summary = overview.today_summary(clocked, admin)
    with clocked.sessions.reading() as session:
        open_clocks = session.execute(
            select(
                Deadline.letter_id, Deadline.case_id, Deadline.due_on, Deadline.paused_since
            ).where(Deadline.status == DeadlineStatus.OPEN)
        ).all()
        registered = set(session.scalars(select(Case.id).where(Case.accepted_on.is_not(None))))
        states = list(session.scalars(select(Letter.state)))

    def owners(test: object) -> int:
        found = set()
        for letter_id, case_id, due_on, paused_since in open_clocks:
            if not test(due_on):  # type: ignore[operator]
                continue
            if letter_id is not None:
                found.add(("letter", letter_id))
            elif case_id in registered and paused_since is None:
                found.add(("case", case_id))
        return len(found)

    assert summary.count(W.OVERDUE) == owners(lambda due: due < TODAY) > 0
    assert summary.count(W.DUE_TODAY) == owners(lambda due: due == TODAY)
    assert summary.count(W.DUE_THIS_WEEK) == owners(lambda due: TODAY <= due <= summary.week_ends)
    undecided = {LetterState.RECEIVED, LetterState.CLASSIFIED, LetterState.PROPOSED}
    assert summary.count(W.TO_PROCESS) == sum(state in undecided for state in states)
    assert summary.count(W.AWAITING_REPLY) == states.count(LetterState.AWAITING_REPLY) > 0
    page = overview.work_list(clocked, admin, W.OVERDUE)
    assert page.total == summary.count(W.OVERDUE) and len(page.items) == min(page.total, 500)
