"""Giải quyết and Tổng quan on screen: the list of matters (views, colours, the
masked denouncer, the model contract), the case view (header, timeline, clocks),
taking a step through the step form with its refusals under the fields, the
home page's counts against direct queries on a seeded database, the start-up
summary and the resolution settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.services.test_cases import _open, _step
from tests.ui.conftest import settle
from tiepdan_desktop.db.models import Case, Deadline, Letter
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.case_records import CaseDetail, CaseFilter, CaseView
from tiepdan_desktop.domain.case_workflow import StepInput, StepKind
from tiepdan_desktop.domain.enums import (
    CaseState,
    DeadlineStatus,
    LetterOutcome,
    LetterState,
    LetterType,
    ResolutionVerdict,
    Role,
)
from tiepdan_desktop.domain.overview_records import WorkList
from tiepdan_desktop.domain.records import UnitInfo
from tiepdan_desktop.services import cases, overview
from tiepdan_desktop.services.demo_data import generate_demo_data
from tiepdan_desktop.ui.app_context import AppContext
from tiepdan_desktop.ui.dialogs.case_dialog import CaseDialog
from tiepdan_desktop.ui.dialogs.step_dialog import StepDialog
from tiepdan_desktop.ui.main_window import MainWindow
from tiepdan_desktop.ui.models.letter_register_model import DUE_SOON_COLOUR, OVERDUE_COLOUR
from tiepdan_desktop.ui.pages.catalogue import SCREENS
from tiepdan_desktop.ui.pages.overview_page import OverviewPage
from tiepdan_desktop.ui.pages.resolution_page import ResolutionPage
from tiepdan_desktop.ui.pages.settings.resolution_tab import ResolutionSettingsTab
from tiepdan_desktop.ui.widgets.choices import select_member

NOW = dt.datetime(2026, 11, 25, 10, 30)
TODAY = NOW.date()
SCREENS_BY_KEY = {screen.key: screen for screen in SCREENS}


def _as(app: AppContext, actor: Actor) -> AppContext:
    return AppContext(app.services, actor, app.tasks, app.ui_state, app.database_description)


@pytest.fixture
def seeded(
    gui: QApplication, app_context: AppContext, actors: dict[Role, Actor]
) -> dict[str, CaseDetail]:
    """Four matters on 25/11/2026: a complaint overdue since 09/09, one due today,
    an overdue denunciation, and a petition already answered."""
    services = app_context.services
    services.clock = lambda: NOW
    officer, leader = actors[Role.OFFICER], actors[Role.LEADER]
    overdue = _open(services, officer, leader)
    due_today = _open(
        services, officer, leader, accepted=dt.date(2026, 10, 26), content="Khiếu nại giấy phép"
    )
    denunciation = _open(services, officer, leader, LetterType.DENUNCIATION)
    petition = _open(services, officer, leader, LetterType.PETITION, LetterOutcome.ASSIGNED)
    cases.record_step(
        services,
        officer,
        petition.id,
        _step(StepKind.ANSWER, dt.date(2026, 8, 20), note="Đã trả lời"),
    )
    return {
        "overdue": overdue,
        "due_today": due_today,
        "denunciation": denunciation,
        "petition": petition,
    }


def _page(qtbot: QtBot, app: AppContext) -> ResolutionPage:
    page = ResolutionPage(app, SCREENS_BY_KEY["resolution"])
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    settle(qtbot, app.tasks)
    return page


def _column(page: ResolutionPage, column: int) -> list[str]:
    model = page.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_the_list_of_matters(
    seeded: dict[str, CaseDetail], qtbot: QtBot, app_context: AppContext, qtmodeltester: object
) -> None:
    page = _page(qtbot, app_context)
    assert page.count.text() == "3 vụ việc"  # under resolution: the petition is answered
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    # Most urgent first; the admin may not know the denouncer: a code, in italics.
    assert _column(page, 0) == ["1/2026", "3/2026", "2/2026"]
    people = _column(page, 2)
    assert people[1] == "Người tố cáo TC-2026-0003" and "Phạm Thị Tố" not in " ".join(people)
    font = page.model.data(page.model.index(1, 2), Qt.ItemDataRole.FontRole)
    assert font is not None and font.italic()
    colours = [
        page.model.data(page.model.index(row, 0), Qt.ItemDataRole.BackgroundRole)
        for row in range(3)
    ]
    assert colours == [OVERDUE_COLOUR, OVERDUE_COLOUR, DUE_SOON_COLOUR]
    assert _column(page, 5)[0] == "09/09/2026 (K3)"
    for view, expected in (
        (CaseView.OVERDUE, ["1/2026", "3/2026"]),
        (CaseView.DUE_SOON, ["2/2026"]),
        (CaseView.FINISHED, ["4/2026"]),
    ):
        page.findChild(QPushButton, f"caseView_{view.value}").click()
        settle(qtbot, app_context.tasks)
        assert _column(page, 0) == expected
        total = cases.case_start(app_context.services, app_context.actor, CaseFilter(view=view))
        assert page.count.text() == f"{total.total} vụ việc"
    assert _column(page, 7) == ["Đúng hạn"]
    page.table.selectRow(0)
    settle(qtbot, app_context.tasks)
    summary = page.detail.toPlainText()
    assert "Vụ việc số 4/2026 – Kiến nghị, phản ánh" in summary and "đúng hạn" in summary


def test_the_case_view_shows_the_matter_and_its_clocks(
    seeded: dict[str, CaseDetail], qtbot: QtBot, app_context: AppContext
) -> None:
    case = cases.get_case(app_context.services, app_context.actor, seeded["denunciation"].id)
    dialog = CaseDialog(app_context, case)
    qtbot.addWidget(dialog)
    header = dialog.header.text()
    assert "Vụ việc số 3/2026 – Tố cáo" in header and "quá hạn 77 ngày" in header
    assert "Người tố cáo TC-2026-0003" in header and "Phạm Thị Tố" not in header
    assert "Thụ lý" in dialog.timeline.toPlainText()
    clocks = dialog.deadlines.toPlainText()
    assert "T4 – Giải quyết tố cáo: hạn 09/09/2026 (quá hạn 77 ngày)" in clocks
    assert "Điều 30" in clocks
    assert "Quyết định thụ lý tố cáo" in dialog.documents.toPlainText()
    assert dialog.history.rowCount() > 0
    # The admin can make the verification team's copy; no chairman's step is offered.
    assert not dialog.copy_button.isHidden()
    assert not any(step.leader_only for step in dialog.case.steps)


def _kinds(form: StepDialog) -> list[StepKind]:
    return [form.kind.itemData(i).kind for i in range(form.kind.count())]


def test_a_step_taken_in_the_form_and_a_refusal_under_its_field(
    seeded: dict[str, CaseDetail], qtbot: QtBot, app_context: AppContext, actors: dict[Role, Actor]
) -> None:
    chairman = _as(app_context, actors[Role.LEADER])
    case = cases.get_case(chairman.services, chairman.actor, seeded["overdue"].id)
    form = StepDialog(chairman, case)
    qtbot.addWidget(form)
    form.show()
    kinds = _kinds(form)
    # Accepted: verification comes before a decision; no extension for a complaint.
    assert StepKind.DECIDE not in kinds and StepKind.EXTEND not in kinds

    form.kind.setCurrentIndex(kinds.index(StepKind.ASSIGN_VERIFICATION))
    assert form.verifier.isVisible() and not form.verdict.isVisible()
    assert form.issue.isEnabled() and form.issue.isChecked()
    form.save()  # no verifier typed
    settle(qtbot, chairman.tasks)
    assert form.form.error_text("verifier") == "Còn thiếu: người hoặc tổ xác minh."
    assert form.isVisible() and form.saved is None
    form.on.setDate(form.on.date().addDays(-100))  # 17/08/2026
    form.verifier.setText("Công chức địa chính Lê Thị Minh")
    form.signer.setText("Lê Văn Phó")  # the vice-chairman signs for the chairman
    form.save()
    qtbot.waitUntil(lambda: form.saved is not None, timeout=10_000)
    saved = form.saved
    assert isinstance(saved, CaseDetail) and saved.state is CaseState.VERIFYING
    issued = saved.timeline[-1].issued[0]
    assert issued.form_code == "nd124-mau-05" and issued.signer_name == "Lê Văn Phó"

    decide = StepDialog(chairman, saved)
    qtbot.addWidget(decide)
    decide.show()
    decide.kind.setCurrentIndex(_kinds(decide).index(StepKind.DECIDE))
    assert decide.verdict.isVisible() and not decide.verifier.isVisible()
    decide.save()  # no verdict chosen
    settle(qtbot, chairman.tasks)
    assert decide.form.error_text("verdict") == "Còn thiếu: kết quả: đúng, đúng một phần, sai."

    # An officer is not offered the chairman's steps at all.
    officer = _as(app_context, actors[Role.OFFICER])
    officer_form = StepDialog(officer, cases.get_case(officer.services, officer.actor, saved.id))
    qtbot.addWidget(officer_form)
    offered = set(_kinds(officer_form))
    assert StepKind.DECIDE not in offered and StepKind.VERIFICATION_REPORT in offered


def test_the_withdrawal_form_asks_only_what_applies(
    seeded: dict[str, CaseDetail], qtbot: QtBot, app_context: AppContext, actors: dict[Role, Actor]
) -> None:
    chairman = _as(app_context, actors[Role.LEADER])
    case = cases.get_case(chairman.services, chairman.actor, seeded["denunciation"].id)
    form = StepDialog(chairman, case)
    qtbot.addWidget(form)
    form.show()
    form.kind.setCurrentIndex(_kinds(form).index(StepKind.WITHDRAW))
    form.partly.setChecked(True)
    assert not form.ground.isVisible() and not form.issue.isEnabled()  # nothing ends
    form.whole.setChecked(True)
    assert form.ground.isVisible() and form.issue.isEnabled() and form.issue.isChecked()
    form.ground.setCurrentIndex(1)  # Đ33.3: the denunciation goes on
    assert not form.issue.isEnabled() and form.existing.isChecked()
    form.note.setPlainText("Người tố cáo rút đơn do bị đe dọa")
    form.save()
    qtbot.waitUntil(lambda: form.saved is not None, timeout=10_000)
    assert form.saved.state is CaseState.ACCEPTED  # type: ignore[union-attr]


def test_the_case_view_shows_a_step_taken_from_it(
    seeded: dict[str, CaseDetail],
    qtbot: QtBot,
    app_context: AppContext,
    actors: dict[Role, Actor],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chairman = _as(app_context, actors[Role.LEADER])
    team = StepInput(
        StepKind.ASSIGN_VERIFICATION, dt.date(2026, 8, 12), verifier="Tổ 1", issue=True
    )
    case = cases.record_step(chairman.services, chairman.actor, seeded["overdue"].id, team)
    dialog = CaseDialog(chairman, case)
    qtbot.addWidget(dialog)

    def decide(form: StepDialog) -> int:
        kinds = [form.kind.itemData(i).kind for i in range(form.kind.count())]
        form.kind.setCurrentIndex(kinds.index(StepKind.DECIDE))
        select_member(form.verdict, ResolutionVerdict.WRONG)
        form.note.setPlainText("Quyết định thu hồi đất là đúng pháp luật")
        form.save()
        qtbot.waitUntil(lambda: form.saved is not None, timeout=10_000)
        return 1

    monkeypatch.setattr(StepDialog, "exec", decide)
    dialog.step_button.click()
    assert dialog.case.state is CaseState.DECIDED and dialog.case.on_time is False
    assert "trễ hạn" in dialog.header.text()
    timeline = dialog.timeline.toPlainText()
    assert "Ban hành quyết định giải quyết" in timeline and "Kết quả: Sai" in timeline
    assert "K4 – " in dialog.deadlines.toPlainText()  # sending the decision now runs


def _direct_counts(app: AppContext) -> dict[WorkList, int]:
    """The work lists counted another way: every open clock, owner by owner."""
    with app.services.sessions.reading() as session:
        clocks = session.execute(
            select(
                Deadline.letter_id, Deadline.case_id, Deadline.due_on, Deadline.paused_since
            ).where(Deadline.status == DeadlineStatus.OPEN)
        ).all()
        registered = set(session.scalars(select(Case.id).where(Case.accepted_on.is_not(None))))
        states = list(session.scalars(select(Letter.state)))
    week_end = TODAY + dt.timedelta(days=6 - TODAY.weekday())

    def owners(test: Callable[[dt.date], bool]) -> int:
        found = set()
        for letter_id, case_id, due_on, paused in clocks:
            if test(due_on):
                if letter_id is not None:
                    found.add(letter_id)
                elif case_id in registered and paused is None:
                    found.add(case_id)
        return len(found)

    undecided = {LetterState.RECEIVED, LetterState.CLASSIFIED, LetterState.PROPOSED}
    return {
        WorkList.TO_PROCESS: sum(state in undecided for state in states),
        WorkList.DUE_TODAY: owners(lambda due: due == TODAY),
        WorkList.DUE_THIS_WEEK: owners(lambda due: TODAY <= due <= week_end),
        WorkList.OVERDUE: owners(lambda due: due < TODAY),
        WorkList.AWAITING_REPLY: states.count(LetterState.AWAITING_REPLY),
    }


def test_the_home_page_counts_agree_with_the_database(
    gui: QApplication,
    qtbot: QtBot,
    app_context: AppContext,
    admin: Actor,
) -> None:
    app_context.services.clock = lambda: NOW
    generate_demo_data(app_context.services, admin, visits=600, letters=300, seed=4)
    page = OverviewPage(app_context, SCREENS_BY_KEY["overview"])
    qtbot.addWidget(page)
    page.resize(1300, 720)
    page.show()
    settle(qtbot, app_context.tasks)
    expected = _direct_counts(app_context)
    shown = {which: int(tile.count.text().replace(".", "")) for which, tile in page.tiles.items()}
    assert {which: shown[which] for which in expected} == expected
    assert expected[WorkList.OVERDUE] > 0 and expected[WorkList.AWAITING_REPLY] > 0
    assert page.tiles[WorkList.OVERDUE].count.styleSheet() == "color: #c1121f;"

    page.tiles[WorkList.OVERDUE].click()
    settle(qtbot, app_context.tasks)
    rows = page.model.rowCount()
    assert rows == min(expected[WorkList.OVERDUE], 500) and page.list_title.text() == "Quá hạn"
    dues = [page.model.record(row).due_on for row in range(rows)]
    assert dues == sorted(dues) and all(day is not None and day < TODAY for day in dues)
    first = page.model.record(0)
    with qtbot.waitSignal(page.open_record) as opened:
        page.table.doubleClicked.emit(page.model.index(0, 0))
    assert opened.args == [first.kind, first.record_id]

    with app_context.services.sessions.reading() as session:
        last_year = session.scalar(
            select(func.count())
            .select_from(Letter)
            .where(Letter.received_on >= dt.date(2025, 12, 1), Letter.received_on <= TODAY)
        )
    assert len(page.chart.months) == 12 and sum(m.total for m in page.chart.months) == last_year
    assert "ít nhất 02 ngày mỗi tháng" in page.reception.text()
    assert page.figures.text().startswith("Trong sổ: 600 lượt tiếp công dân, 300 đơn")


def _window(qtbot: QtBot, app: AppContext, unit: UnitInfo) -> MainWindow:
    window = MainWindow(app, unit, "/du-lieu")
    qtbot.addWidget(window)
    window.show()
    return window


def test_start_up_summary_leads_to_the_overdue_list(
    seeded: dict[str, CaseDetail],
    qtbot: QtBot,
    app_context: AppContext,
    unit: UnitInfo,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read: list[object] = []
    today_summary = overview.today_summary
    monkeypatch.setattr(
        overview, "today_summary", lambda *args: read.append(args) or today_summary(*args)
    )
    window = _window(qtbot, app_context, unit)
    window.show_start_summary()
    settle(qtbot, app_context.tasks)
    assert len(read) == 1  # the home page's reading serves the summary too
    summary = window.start_summary
    assert summary is not None and summary.isVisible()
    assert "2 việc đã quá hạn" in summary.text.text()  # the complaint and the denunciation
    summary.findChild(QPushButton, "showWorkListButton").click()
    settle(qtbot, app_context.tasks)
    assert window.current_screen() == "overview" and not summary.isVisible()
    assert window.overview_page is not None
    assert window.overview_page.chosen is WorkList.OVERDUE
    # A matter chosen on the home page opens on the Giải quyết screen.
    opened: list[CaseDialog] = []
    monkeypatch.setattr(CaseDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    window.open_record("case", seeded["due_today"].id)
    settle(qtbot, app_context.tasks)
    assert window.current_screen() == "resolution" and opened[0].case.label == "2/2026"


def test_the_resolution_settings_are_saved(
    gui: QApplication, qtbot: QtBot, app_context: AppContext, shown_messages: list[tuple[str, str]]
) -> None:
    tab = ResolutionSettingsTab(app_context)
    qtbot.addWidget(tab)
    settle(qtbot, app_context.tasks)
    assert tab.urge_after.value() == 15 and tab.weekday.currentText() == "Thứ Năm"
    tab.urge_after.setValue(20)
    tab.second_instance.setChecked(True)
    tab.first_day.setValue(25)
    tab.second_day.setValue(5)
    tab.save()
    assert "phải khác nhau" in tab.form.error_text("reception_month_days")
    tab.second_day.setValue(28)
    tab.save()
    settle(qtbot, app_context.tasks)
    saved = cases.get_case_settings(app_context.services, app_context.actor)
    assert (saved.urge_after_days, saved.second_instance_at_commune) == (20, True)
    assert saved.reception_month_days == (25, 28) and shown_messages[-1][0] == "Đã lưu"


def test_an_accepted_letter_leads_to_its_matter(
    seeded: dict[str, CaseDetail],
    qtbot: QtBot,
    app_context: AppContext,
    unit: UnitInfo,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _window(qtbot, app_context, unit)
    window.show_screen("letters")
    settle(qtbot, app_context.tasks)
    letters_page = window.letters_page
    assert letters_page is not None
    model = letters_page.model
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == "1/2026")
    letters_page.table.selectRow(row)
    settle(qtbot, app_context.tasks)
    assert "Vụ việc đang giải quyết: 1/2026 – Đã thụ lý" in letters_page.detail.toPlainText()
    assert letters_page.case_button.isEnabled()
    opened: list[CaseDialog] = []
    monkeypatch.setattr(CaseDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    letters_page.case_button.click()
    settle(qtbot, app_context.tasks)
    assert window.current_screen() == "resolution"
    assert opened[0].case.id == seeded["overdue"].id
