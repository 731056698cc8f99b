from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import (
    ADMIN_USERNAME,
    FAST_HASHER,
    PASSWORD,
    chairman_creates_vault,
    setup_request,
)
from tiepdan_desktop.db.base import VNMultiline, VNText
from tiepdan_desktop.db.integrity import check_database
from tiepdan_desktop.db.models import (
    Case,
    CaseEvent,
    Deadline,
    Letter,
    LetterPerson,
    Person,
    ReceptionSession,
    SealedPerson,
    User,
    Visit,
    VisitPerson,
)
from tiepdan_desktop.db.repositories.calendar import work_calendar
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.case_records import CaseFilter, CaseView
from tiepdan_desktop.domain.deadlines import DeadlineRequest, compute_deadline
from tiepdan_desktop.domain.enums import (
    CaseState,
    CaseType,
    DeadlineStatus,
    LetterState,
    LetterType,
    Role,
    VisitorRole,
)
from tiepdan_desktop.domain.errors import ConflictError, ValidationError
from tiepdan_desktop.domain.letter_classification import FilerIdentity
from tiepdan_desktop.domain.letter_intake import INTAKE_RULES
from tiepdan_desktop.domain.text import normalize_multiline, normalize_text
from tiepdan_desktop.paths import DataPaths
from tiepdan_desktop.services import accounts, cases, setup
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.demo_data import DemoSummary, generate_demo_data
from tiepdan_desktop.services.due_dates import deadline_settings
from tiepdan_desktop.storage import open_storage

NOW = dt.datetime(2026, 11, 25, 10, 30)


def _fresh_services(root: Path) -> ServiceContext:
    storage = open_storage(DataPaths(root).ensure())
    services = storage.context()
    services.password_hasher = FAST_HASHER
    services.clock = lambda: NOW
    setup.initialize(services, setup_request())
    # As in the program: the vault exists before the demo register is written.
    chairman_creates_vault(services, accounts.authenticate(services, ADMIN_USERNAME, PASSWORD))
    return services


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[ServiceContext, DemoSummary]:
    services = _fresh_services(tmp_path_factory.mktemp("demo"))
    summary = generate_demo_data(services, Actor.command_line(), visits=6000, letters=3000, seed=42)
    return services, summary


def test_counts_are_exactly_what_was_asked(demo: tuple[ServiceContext, DemoSummary]) -> None:
    services, summary = demo
    assert (summary.visits, summary.letters) == (6000, 3000)
    with services.sessions.reading() as session:
        assert session.scalar(select(func.count()).select_from(Visit)) == 6000
        assert session.scalar(select(func.count()).select_from(Letter)) == 3000
    assert check_database(services.engine).ok


def test_three_years_up_to_now_with_every_month_of_this_year(
    demo: tuple[ServiceContext, DemoSummary],
) -> None:
    services, _ = demo
    with services.sessions.reading() as session:
        first, last = session.execute(
            select(func.min(Visit.visited_at), func.max(Visit.visited_at))
        ).one()
        months = set(
            session.scalars(
                select(func.strftime("%m", Visit.visited_at)).where(
                    Visit.visited_at >= dt.datetime(NOW.year, 1, 1)
                )
            )
        )
        letters_last = session.scalar(select(func.max(Letter.received_on)))
    assert first >= NOW - dt.timedelta(days=3 * 366) and first < NOW - dt.timedelta(days=3 * 360)
    assert last < NOW and letters_last <= NOW.date()
    assert months == {f"{m:02d}" for m in range(1, NOW.month + 1)}


def test_matters_are_in_every_state_and_some_are_overdue(
    demo: tuple[ServiceContext, DemoSummary],
) -> None:
    services, _ = demo
    with services.sessions.reading() as session:
        states = set(session.scalars(select(Case.state).distinct()))
        stalled = session.scalar(
            select(func.count())
            .select_from(Case)
            .where(
                Case.state == CaseState.VERIFYING,
                Case.accepted_on < NOW.date() - dt.timedelta(days=90),
            )
        )
        late = session.scalar(
            select(func.count())
            .select_from(Case)
            .where(Case.decided_on > Case.accepted_on + dt.timedelta(days=45))
        )
    assert states == set(CaseState)
    assert stalled and late  # overdue open matters, and matters resolved late


def test_open_matters_carry_the_deadline_the_engine_gives(
    demo: tuple[ServiceContext, DemoSummary],
) -> None:
    services, summary = demo
    with services.sessions.reading() as session:
        calendar = work_calendar(session)
        settings = deadline_settings(session)
        rows = session.execute(select(Deadline, Case).join(Case)).all()
        letter_clocks = session.scalar(
            select(func.count()).select_from(Deadline).where(Deadline.letter_id.is_not(None))
        )
    assert len(rows) + (letter_clocks or 0) == summary.deadlines and len(rows) > 50
    rules = Counter(deadline.rule_id for deadline, _ in rows)
    assert {"K3", "T4", "P2"} <= set(rules)
    overdue = late = 0
    for deadline, case in rows:
        request = DeadlineRequest.from_json(deadline.request_json)
        result = compute_deadline(request, calendar, settings)
        assert (deadline.due_on, deadline.rule_id) == (result.due, result.rule.id)
        assert case.accepted_on is not None  # only matters under resolution have clocks
        assert (deadline.paused_since is not None) == (case.state is CaseState.SUSPENDED)
        if deadline.status is DeadlineStatus.OPEN:
            assert json.loads(deadline.explanation_json) == result.as_json()
            assert case.state.is_open and case.on_time is None
            paused = deadline.paused_since is not None
            assert case.next_due_on == (None if paused else deadline.due_on)
            overdue += deadline.due_on < NOW.date()
        else:  # stopped by the decision, answer, withdrawal or termination: a fact
            assert deadline.met_on is not None
            met = deadline.met_on <= deadline.due_on
            assert deadline.status is (DeadlineStatus.MET if met else DeadlineStatus.MISSED)
            assert case.on_time is met
            assert deadline.explanation_json == "{}"  # worked out again when shown
            late += not met
    running = sum(1 for deadline, _ in rows if deadline.status is DeadlineStatus.OPEN)
    assert 0 < overdue < running  # some matters overdue, not all
    assert late  # and some resolved late, which stays a fact


def test_names_look_vietnamese_with_real_surname_frequencies(
    demo: tuple[ServiceContext, DemoSummary],
) -> None:
    services, _ = demo
    with services.sessions.reading() as session:
        people = session.execute(  # the open register's people (denouncers are sealed)
            select(Person.full_name, Person.id_number, Person.phone)
            .outerjoin(SealedPerson, SealedPerson.person_id == Person.id)
            .where(SealedPerson.person_id.is_(None))
        ).all()
    surnames = Counter(name.split()[0] for name, _, _ in people)
    share = surnames["Nguyễn"] / len(people)
    assert surnames.most_common(1)[0][0] == "Nguyễn" and 0.3 < share < 0.47
    assert surnames["Trần"] > surnames["Đặng"] > 0
    cccd = [number for _, number, _ in people if number and len(number) == 12]
    assert len(cccd) / len(people) > 0.75 and all(number.isdigit() for number in cccd)
    assert all(phone is None or (len(phone) == 10 and phone[0] == "0") for _, _, phone in people)


def test_group_visits_name_their_representatives(demo: tuple[ServiceContext, DemoSummary]) -> None:
    services, _ = demo
    with services.sessions.reading() as session:
        groups = session.execute(
            select(Visit.head_count, func.count())
            .join(VisitPerson, VisitPerson.visit_id == Visit.id)
            .where(Visit.is_group, VisitPerson.role == VisitorRole.REPRESENTATIVE)
            .group_by(Visit.id)
        ).all()
    assert len(groups) > 50
    assert all(head_count >= 5 for head_count, _ in groups)
    following_the_law = [
        (head <= 10 and reps <= 2) or (head > 10 and reps <= 5) for head, reps in groups
    ]
    assert 0.8 < sum(following_the_law) / len(groups) < 1.0  # a few groups break Đ29


def test_no_protected_filer_can_be_found_by_name_id_or_address(
    demo: tuple[ServiceContext, DemoSummary],
) -> None:
    services, _ = demo
    protected = [LetterType.DENUNCIATION, LetterType.MIXED]
    with services.sessions.reading() as session:
        visit_rows = session.execute(
            select(
                Visit.search_text,
                Visit.primary_name_sort,
                Person.name_key,
                Person.id_number,
                Person.address_key,
            )
            .join(VisitPerson, VisitPerson.visit_id == Visit.id)
            .join(Person, Person.id == VisitPerson.person_id)
            .where(Visit.letter_type.in_(protected))
        ).all()
        letter_rows = session.execute(
            select(
                Letter.search_text,
                Letter.primary_name_sort,
                Person.name_key,
                Person.id_number,
                Person.address_key,
            )
            .join(LetterPerson, LetterPerson.letter_id == Letter.id)
            .join(Person, Person.id == LetterPerson.person_id)
            .where(Letter.letter_type.in_(protected))
        ).all()
        anonymous = session.scalar(
            select(func.count())
            .select_from(Letter)
            .where(Letter.filer_identity == FilerIdentity.ANONYMOUS)
        )
        anonymous_with_filer = session.scalar(
            select(func.count())
            .select_from(Letter)
            .join(LetterPerson)
            .where(Letter.filer_identity == FilerIdentity.ANONYMOUS)
        )
        unlinked_people = session.scalar(
            select(func.count())
            .select_from(Person)
            .where(
                Person.id.notin_(select(VisitPerson.person_id)),
                Person.id.notin_(select(LetterPerson.person_id)),
            )
        )
    assert len(visit_rows) > 100 and len(letter_rows) > 50
    for search_text, name_sort, name_key, id_number, address_key in visit_rows + letter_rows:
        assert name_sort == ""
        # Sealed: the person row holds the pseudonym only, the identity is in the vault.
        assert name_key.startswith(("nguoi to cao tc-", "nguoi gui (bao mat) nd-"))
        assert id_number is None and address_key is None
        assert name_key not in search_text
    assert anonymous > 10 and anonymous_with_filer == 0
    assert unlinked_people == 0  # nobody is recorded for an anonymous letter


def test_other_filers_can_be_found_by_name(demo: tuple[ServiceContext, DemoSummary]) -> None:
    services, _ = demo
    with services.sessions.reading() as session:
        rows = session.execute(
            select(Visit.search_text, Person.name_key)
            .join(VisitPerson, VisitPerson.visit_id == Visit.id)
            .join(Person, Person.id == VisitPerson.person_id)
            .where(Visit.letter_type == LetterType.COMPLAINT)
            .limit(200)
        ).all()
    assert rows and all(name_key in search_text for search_text, name_key in rows)


def test_the_same_seed_gives_the_same_data(tmp_path: Path) -> None:
    def build(root: Path) -> list[tuple[object, ...]]:
        services = _fresh_services(root)
        generate_demo_data(services, Actor.command_line(), visits=300, seed=7)
        with services.sessions.reading() as session:
            return [
                tuple(row)
                for row in session.execute(
                    select(
                        Visit.id, Visit.number, Visit.visited_at, Visit.content, Person.full_name
                    )
                    .join(VisitPerson, VisitPerson.visit_id == Visit.id)
                    .join(Person, Person.id == VisitPerson.person_id)
                    .order_by(Visit.id, Person.id)
                )
            ]

    first, second = build(tmp_path / "a"), build(tmp_path / "b")
    assert first == second and len(first) >= 300
    services = _fresh_services(tmp_path / "c")
    generate_demo_data(services, Actor.command_line(), visits=300, seed=8)
    with services.sessions.reading() as session:
        other = session.scalars(select(Visit.content).order_by(Visit.visited_at)).all()
    assert other != [row[3] for row in sorted(first, key=lambda r: r[2])]


def test_adding_more_continues_the_register_numbers(services: ServiceContext, admin: Actor) -> None:
    services.clock = lambda: NOW
    generate_demo_data(services, admin, visits=200, seed=1)
    generate_demo_data(services, admin, visits=200, seed=2)
    with services.sessions.reading() as session:
        per_year = session.execute(
            select(Visit.year, func.count(), func.max(Visit.number)).group_by(Visit.year)
        ).all()
    assert all(count == highest for _, count, highest in per_year)
    assert sum(count for _, count, _ in per_year) == 400


def test_demo_officers_get_an_unknown_random_password(
    tmp_path: Path, actors: dict[Role, Actor]
) -> None:
    """Demo officer accounts exist but nobody knows their password: the same seed in
    two databases gives the same people but different password hashes."""
    hashes = []
    for name in ("a", "b"):
        services = _fresh_services(tmp_path / name)
        generate_demo_data(services, Actor.command_line(), visits=10, seed=3)
        with services.sessions.reading() as session:
            officer = session.scalars(select(User).where(User.username == "canbo1")).one()
        assert officer.must_change_password and officer.password_hash.startswith("$argon2id$")
        hashes.append((officer.full_name, officer.password_hash))
    assert hashes[0][0] == hashes[1][0] and hashes[0][1] != hashes[1][1]


def test_bad_requests_are_refused(services: ServiceContext, admin: Actor) -> None:
    with pytest.raises(ValidationError):
        generate_demo_data(services, admin, visits=-1)


def test_demo_data_needs_a_unit(services: ServiceContext) -> None:
    with pytest.raises(ConflictError, match="tiepdan init"):
        generate_demo_data(services, Actor.command_line(), visits=10)


def test_letters_not_yet_handled_have_their_intake_clocks(
    demo: tuple[ServiceContext, DemoSummary],
) -> None:
    services, _summary = demo
    with services.sessions.reading() as session:
        calendar = work_calendar(session)
        settings = deadline_settings(session)
        clocks: dict[object, set[str]] = {}
        for deadline in session.scalars(select(Deadline).where(Deadline.letter_id.is_not(None))):
            request = DeadlineRequest.from_json(deadline.request_json)
            assert deadline.due_on == compute_deadline(request, calendar, settings).due
            clocks.setdefault(deadline.letter_id, set()).add(deadline.rule_id)
        waiting = session.execute(
            select(Letter.id, Letter.letter_type).where(Letter.state == LetterState.RECEIVED)
        ).all()
        handled = session.scalar(
            select(func.count())
            .select_from(Deadline)
            .join(Letter, Letter.id == Deadline.letter_id)
            .where(Letter.state != LetterState.RECEIVED)
        )
    assert waiting and handled == 0
    for letter_id, letter_type in waiting:
        assert clocks[letter_id] == set(INTAKE_RULES[letter_type])


def test_every_matter_under_resolution_says_who_brought_it(
    demo: tuple[ServiceContext, DemoSummary],
) -> None:
    """Matters known only from the reception register name their visitors too."""
    services, _summary = demo
    machine = Actor.command_line()  # an administrator: denouncers are codes
    keys = cases.case_keys(services, machine, CaseFilter(view=CaseView.ALL))
    rows = [
        row
        for start in range(0, len(keys), 500)
        for row in cases.case_rows(services, machine, keys[start : start + 500])
    ]
    assert len(rows) > 100 and all(row.people for row in rows)
    hidden = [row for row in rows if row.case_type is CaseType.DENUNCIATION]
    assert hidden and all(row.identity_hidden for row in hidden)
    assert all(row.people.startswith("Người tố cáo TC-") for row in hidden)
    with services.sessions.reading() as session:
        visit_only = session.scalar(
            select(func.count())
            .select_from(Case)
            .where(
                Case.accepted_on.is_not(None),
                ~Case.id.in_(select(Letter.case_id).where(Letter.case_id.is_not(None))),
            )
        )
    assert visit_only  # the check above covered matters with no letter


def test_demo_text_is_stored_as_any_insert_would_store_it(
    demo: tuple[ServiceContext, DemoSummary],
) -> None:
    """The bulk insert takes the generator's text as already normalised: it must be."""
    services, _summary = demo
    with services.sessions.reading() as session:
        for model in (Person, ReceptionSession, Case, CaseEvent, Visit, Letter):
            for column in model.__table__.columns:
                normalise = {VNText: normalize_text, VNMultiline: normalize_multiline}.get(
                    type(column.type)
                )
                if normalise is None:
                    continue
                values = session.execute(select(column).where(column.is_not(None))).scalars()
                for value in values:
                    assert normalise(value) == value, f"{model.__tablename__}.{column.name}"


def test_a_past_clock_is_explained_when_its_matter_is_shown(
    demo: tuple[ServiceContext, DemoSummary],
) -> None:
    services, _summary = demo
    with services.sessions.reading() as session:
        case_id = session.scalar(
            select(Deadline.case_id).where(Deadline.status == DeadlineStatus.MISSED).limit(1)
        )
    assert case_id is not None
    shown = cases.get_case(services, Actor.command_line(), case_id)
    late = next(v.deadline for v in shown.deadlines if v.deadline.status == "tre_han")
    explained = json.loads(late.explanation_json)
    assert explained["due"] == late.due_on.isoformat() and explained["explanation"]


def test_older_matters_say_whether_they_were_on_time_without_their_clock(
    demo: tuple[ServiceContext, DemoSummary],
) -> None:
    """Stopped clocks are rows for this year and last; older matters keep the fact."""
    services, _summary = demo
    kept_from = dt.date(NOW.year - 1, 1, 1)
    with services.sessions.reading() as session:
        with_rows = set(
            session.scalars(select(Deadline.case_id).where(Deadline.case_id.is_not(None)))
        )
        judged = session.execute(
            select(Case.id, Case.closed_on, Case.decided_on).where(Case.on_time.is_not(None))
        ).all()
    older = [row for row in judged if row.id not in with_rows]
    assert older and len(older) < len(judged)
    for _id, closed_on, decided_on in older:
        assert min(day for day in (closed_on, decided_on) if day is not None) < kept_from


def test_a_denouncer_sealed_twice_under_the_same_code_gets_two_rows() -> None:
    """Visit n and letter n of a year share their code (TC-2026-0012): the same
    person denouncing in both is sealed under two distinct rows, not one id twice
    (a 200,000-visit register failed on it)."""
    import uuid

    from tiepdan_desktop.domain.enums import LetterType
    from tiepdan_desktop.domain.identity_vault import new_secret, new_vault_keys
    from tiepdan_desktop.services.demo.sealing import _Sealer
    from tiepdan_desktop.services.identity_sealing import RecordCodes, VaultWriter

    _private, public = new_vault_keys()
    person = {
        "id": uuid.uuid4(),
        "full_name": "Hoàng Thị Bí Mật",
        "birth_year": 1980,
        "id_number": "079180004321",
        "id_type": None,
        "address": "12 Nguyễn Trãi",
        "phone": None,
        "created_at": dt.datetime(2026, 3, 2, 9, 0),
    }
    sealer = _Sealer(VaultWriter(public, new_secret()), {person["id"]: person})
    copies = [
        sealer.copy_of(person["id"], RecordCodes(LetterType.DENUNCIATION, 2026, 12))
        for _record in ("visit 12", "letter 12", "visit 12 again")
    ]
    assert len(set(copies)) == 3
    assert [row["full_name"] for row in sealer.new_persons] == ["Người tố cáo TC-2026-0012"] * 3
