"""The reception register through its services, on 25/11/2026."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import select

from tiepdan_desktop.db.models import AuditEntry, Deadline, Letter, LetterPerson, Person
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import (
    DeadlineStatus,
    Gender,
    IdDocumentType,
    LetterType,
    ReceptionType,
    RefusalGround,
    Role,
    VisitHandling,
    VisitorRole,
)
from tiepdan_desktop.domain.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from tiepdan_desktop.domain.visit_records import (
    PersonInput,
    RegisterFilter,
    RegisterSort,
    VisitInput,
)
from tiepdan_desktop.services import visits
from tiepdan_desktop.services.context import ServiceContext

NOW = dt.datetime(2026, 11, 25, 10, 30)
AN = PersonInput(
    "Nguyễn Văn An",
    birth_year=1968,
    gender=Gender.MALE,
    id_type=IdDocumentType.CCCD,
    id_number="079068001234",
    address="12 Lê Lợi, phường Bến Thành",
    phone="0912 345 678",
)
DAO = PersonInput("Lê Thị Đào", birth_year=1975, gender=Gender.FEMALE, address="5 Pasteur")


def _visit(**changes: object) -> VisitInput:
    values: dict[str, object] = {
        "visited_at": dt.datetime(2026, 11, 24, 9, 15),
        "reception_type": ReceptionType.REGULAR,
        "content": "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất",
        "letter_type": LetterType.COMPLAINT,
        "handling": VisitHandling.LETTER_RECEIVED,
        "people": (AN,),
        "area_code": "HC.DDNC",
    }
    values.update(changes)
    return VisitInput(**values)  # type: ignore[arg-type]


@pytest.fixture
def clocked(services: ServiceContext, actors: dict[Role, Actor]) -> ServiceContext:
    services.clock = lambda: NOW
    return services


def _keys(services: ServiceContext, actor: Actor, **filters: object) -> list[int]:
    return visits.register_keys(services, actor, RegisterFilter(**filters))  # type: ignore[arg-type]


def _rows(services: ServiceContext, actor: Actor, **filters: object) -> list[object]:
    return visits.register_rows(services, actor, _keys(services, actor, **filters))


class TestRecording:
    def test_a_visit_is_numbered_recorded_and_owed_an_answer(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        first = visits.register_visit(clocked, officer, _visit())
        second = visits.register_visit(clocked, officer, _visit(people=(DAO,)))
        assert (first.year, first.number, second.number) == (2026, 1, 2)
        assert first.officer_name == "Người dùng Cán bộ" and not first.identity_hidden
        (person,) = first.people
        assert (person.full_name, person.id_number, person.phone) == (
            "Nguyễn Văn An",
            "079068001234",
            "0912345678",
        )
        with clocked.sessions.reading() as session:
            answer = session.scalars(select(Deadline).where(Deadline.visit_id == first.id)).one()
        # R1: 10 working days from Tue 24/11/2026 (not counted): Wed 25 … Tue 08/12.
        assert (answer.rule_id, answer.due_on) == ("R1", dt.date(2026, 12, 8))

    def test_a_refused_reception_keeps_its_ground_and_owes_no_answer(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        refused = visits.register_visit(
            clocked,
            officer,
            _visit(
                letter_type=None,
                handling=VisitHandling.REFUSED,
                refusal_ground=RefusalGround.DISORDERLY,
            ),
        )
        assert refused.refusal_ground is RefusalGround.DISORDERLY
        with clocked.sessions.reading() as session:
            assert session.scalars(select(Deadline)).all() == []

    def test_a_periodic_reception_day_is_shared_by_its_visits(
        self, clocked: ServiceContext, leader: Actor
    ) -> None:
        periodic = {
            "reception_type": ReceptionType.PERIODIC,
            "presided_by": "Nguyễn Văn Thành",
            "chair_in_person": True,
        }
        one = visits.register_visit(clocked, leader, _visit(**periodic))
        two = visits.register_visit(clocked, leader, _visit(people=(DAO,), **periodic))
        assert one.presided_by == two.presided_by == "Nguyễn Văn Thành"
        assert one.chair_in_person is True
        with clocked.sessions.reading() as session:
            from tiepdan_desktop.db.models import ReceptionSession, Visit

            sessions = session.scalars(select(ReceptionSession)).all()
            visit_sessions = set(session.scalars(select(Visit.session_id)))
        assert len(sessions) == 1 and visit_sessions == {sessions[0].id}

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"visited_at": dt.datetime(2026, 11, 26, 8, 0)}, "visited_at"),
            ({"content": "   "}, "content"),
            ({"letter_type": None}, "letter_type"),
            ({"handling": VisitHandling.REFUSED}, "refusal_ground"),
            ({"handling": VisitHandling.FORWARDED}, "forwarded_to"),
            ({"people": ()}, "people"),
            ({"people": (replace(AN, id_number="07906800123"),)}, "people.0.id_number"),
            ({"people": (replace(AN, phone="12345"),)}, "people.0.phone"),
            ({"people": (replace(AN, birth_year=1850),)}, "people.0.birth_year"),
            ({"people": (replace(AN, full_name=" "),)}, "people.0.full_name"),
            ({"reception_type": ReceptionType.AD_HOC}, "presided_by"),
            ({"is_group": True, "head_count": 1, "people": (AN, DAO)}, "head_count"),
            ({"head_count": 3}, "head_count"),
            ({"is_repeat": True}, "prior_handling"),
        ],
    )
    def test_mistakes_are_refused_field_by_field(
        self, clocked: ServiceContext, officer: Actor, changes: dict[str, object], field: str
    ) -> None:
        with pytest.raises(ValidationError) as refused:
            visits.register_visit(clocked, officer, _visit(**changes))
        assert field in refused.value.fields
        assert _keys(clocked, officer) == []  # nothing was saved

    def test_a_group_outside_the_representative_rule_is_saved_with_a_warning(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        representatives = tuple(
            PersonInput(f"Trần Văn {name}", role=VisitorRole.REPRESENTATIVE)
            for name in ("Bình", "Cường", "Dũng")
        )
        detail = visits.register_visit(
            clocked, officer, _visit(is_group=True, head_count=8, people=representatives)
        )
        assert detail.warnings == (
            "Đoàn từ 5 đến 10 người cử không quá 2 người đại diện (Luật Tiếp công dân Điều 29); "
            "đoàn này có 3.",
        )
        (row,) = _rows(clocked, officer)
        assert row.names_and_addresses.startswith("Đoàn 8 người, đại diện: Trần Văn Bình")  # type: ignore[attr-defined]
        assert row.head_count == 8  # type: ignore[attr-defined]


class TestRepeatVisitors:
    def test_a_returning_citizen_is_found_and_linked_not_duplicated(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        first = visits.register_visit(clocked, officer, _visit())
        by_name = visits.find_people(clocked, officer, "nguyen van a")
        by_id = visits.find_people(clocked, officer, "", id_number="0790 6800 1234")
        assert [m.full_name for m in by_name] == ["Nguyễn Văn An"]
        assert by_id[0].same_id_number and by_id[0].visits == 1
        assert by_id[0].last_visit == dt.date(2026, 11, 24)
        person_id = first.people[0].person_id
        again = visits.register_visit(
            clocked,
            officer,
            _visit(
                people=(replace(AN, person_id=person_id, address="14 Lê Lợi"),),
                is_repeat=True,
                prior_handling="UBND phường đã trả lời ngày 10/11/2026",
            ),
        )
        assert again.people[0].person_id == person_id
        with clocked.sessions.reading() as session:
            people = session.scalars(select(Person)).all()
        assert len(people) == 1 and people[0].address == "14 Lê Lợi"  # updated, not copied
        history = visits.person_history(clocked, officer, person_id)  # type: ignore[arg-type]
        assert [v.number for v in history.visits] == [2, 1]

    def test_a_correction_at_a_later_visit_reaches_the_earlier_ones_in_search(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        first = visits.register_visit(clocked, officer, _visit())
        person_id = first.people[0].person_id
        visits.register_visit(
            clocked,
            officer,
            _visit(people=(replace(AN, person_id=person_id, full_name="Trần Văn Bình"),)),
        )
        found = visits.register_keys(clocked, officer, RegisterFilter(search="tran van binh"))
        assert len(found) == 2  # both visits, the earlier one too
        rows = visits.register_rows(clocked, officer, found)
        assert all(r.names_and_addresses.startswith("Trần Văn Bình") for r in rows)

    def test_the_same_id_number_comes_before_namesakes(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        visits.register_visit(clocked, officer, _visit(people=(replace(AN, id_number=None),)))
        visits.register_visit(clocked, officer, _visit())
        matches = visits.find_people(clocked, officer, "Nguyễn Văn An", id_number="079068001234")
        assert [m.same_id_number for m in matches] == [True, False]

    def test_the_name_written_as_typed_comes_first(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        for name in ("Nguyễn Văn Ẩn", "Nguyễn Văn An", "Nguyễn Văn Ấn"):
            visits.register_visit(clocked, officer, _visit(people=(PersonInput(name),)))
        assert visits.find_people(clocked, officer, "Nguyễn Văn An")[0].full_name == "Nguyễn Văn An"
        assert visits.find_people(clocked, officer, "nguyễn văn ấn")[0].full_name == "Nguyễn Văn Ấn"
        assert len(visits.find_people(clocked, officer, "nguyen van an")) == 3

    def test_an_unknown_person_cannot_be_linked(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        import uuid

        with pytest.raises(NotFoundError):
            visits.register_visit(
                clocked, officer, _visit(people=(replace(AN, person_id=uuid.uuid4()),))
            )
        with pytest.raises(NotFoundError):
            visits.person_history(clocked, officer, uuid.uuid4())


class TestDenouncers:
    @pytest.fixture
    def denounced(self, clocked: ServiceContext, officer: Actor) -> object:
        visits.register_visit(clocked, officer, _visit(people=(DAO,)))
        return visits.register_visit(
            clocked,
            officer,
            _visit(
                content="Tố cáo cán bộ địa chính thu tiền sai quy định",
                letter_type=LetterType.DENUNCIATION,
                handling=VisitHandling.ACCEPTED,
            ),
        )

    def test_the_register_shows_a_code_to_whoever_may_not_know(
        self, clocked: ServiceContext, officer: Actor, leader: Actor, denounced: object
    ) -> None:
        masked = next(
            r for r in _rows(clocked, officer) if r.letter_type is LetterType.DENUNCIATION
        )  # type: ignore[attr-defined]
        assert masked.names_and_addresses == "Người tố cáo TC-2026-0002"
        assert masked.id_numbers == "" and masked.first_person_id is None
        # The chairman sees the same pseudonym: the name is in the vault only.
        shown = next(r for r in _rows(clocked, leader) if r.letter_type is LetterType.DENUNCIATION)  # type: ignore[attr-defined]
        assert shown.names_and_addresses == "Người tố cáo TC-2026-0002" and shown.id_numbers == ""
        detail = visits.get_visit(clocked, officer, denounced.id)  # type: ignore[attr-defined]
        assert detail.identity_hidden and detail.people[0].full_name == "Người tố cáo TC-2026-0002"
        assert detail.people[0].person_id is None and detail.people[0].id_number is None

    def test_a_denouncer_cannot_be_found_by_name_id_or_address(
        self, clocked: ServiceContext, officer: Actor, leader: Actor, denounced: object
    ) -> None:
        for words in ("nguyen van an", "079068001234", "le loi"):
            assert _keys(clocked, officer, search=words) == []
        assert len(_keys(clocked, officer, search="thu tien sai")) == 1  # the content is not secret
        assert visits.find_people(clocked, officer, "Nguyễn Văn An") == []
        assert visits.find_people(clocked, officer, "", id_number="079068001234") == []
        # Nor by the chairman: a sealed person is no longer a citizen to pick.
        assert visits.find_people(clocked, leader, "nguyen van an") == []
        assert len(_keys(clocked, leader, search="nguyen van an")) == 0  # the key has no name

    def test_whoever_may_not_see_cannot_change_the_people_either(
        self, clocked: ServiceContext, officer: Actor, denounced: object
    ) -> None:
        changed = _visit(
            content="Tố cáo cán bộ địa chính thu tiền sai quy định (bổ sung)",
            letter_type=LetterType.DENUNCIATION,
            handling=VisitHandling.ACCEPTED,
        )
        with pytest.raises(ValidationError):
            visits.update_visit(clocked, officer, denounced.id, changed)  # type: ignore[attr-defined]
        kept = visits.update_visit(clocked, officer, denounced.id, replace(changed, people=None))  # type: ignore[attr-defined]
        assert kept.content.endswith("(bổ sung)") and kept.identity_hidden

    def test_the_audit_trail_never_holds_a_citizens_identity(
        self, clocked: ServiceContext, denounced: object
    ) -> None:
        with clocked.sessions.reading() as session:
            entries = session.execute(select(AuditEntry.entity_id, AuditEntry.changes_json)).all()
            person_ids = [str(p) for p in session.scalars(select(Person.id))]
        written = " ".join(f"{key} {changes}" for key, changes in entries)
        assert "Nguyễn Văn An" not in written and "079068001234" not in written
        assert "Lê Lợi" not in written and "0912345678" not in written
        # Nor the citizen's id, which would link the denunciation to their open visits.
        assert person_ids and not any(person_id in written for person_id in person_ids)

    def test_only_a_leader_may_reclassify_away_from_a_denunciation(
        self, clocked: ServiceContext, officer: Actor, leader: Actor, denounced: object
    ) -> None:
        visit_id = denounced.id  # type: ignore[attr-defined]
        as_petition = replace(
            _visit(content="Kiến nghị về thu tiền", letter_type=LetterType.PETITION), people=None
        )
        with pytest.raises(ValidationError) as refused:
            visits.update_visit(clocked, officer, visit_id, as_petition)
        assert "Chỉ lãnh đạo" in refused.value.fields["letter_type"]
        assert visits.register_keys(clocked, officer, RegisterFilter(search="079068001234")) == []
        still = visits.get_visit(clocked, officer, visit_id)
        assert still.identity_hidden and still.letter_type is LetterType.DENUNCIATION
        leader_view = visits.get_visit(clocked, leader, visit_id)
        changed = visits.update_visit(
            clocked,
            leader,
            visit_id,
            replace(as_petition, people=tuple(PersonInput(**vars(p)) for p in leader_view.people)),
        )
        assert changed.letter_type is LetterType.PETITION


class TestRegister:
    @pytest.fixture
    def three(self, clocked: ServiceContext, officer: Actor, leader: Actor) -> None:
        visits.register_visit(clocked, officer, _visit(visited_at=dt.datetime(2026, 10, 5, 8, 0)))
        visits.register_visit(
            clocked,
            officer,
            _visit(
                people=(DAO,),
                content="Phản ánh việc đổ rác không đúng nơi quy định",
                letter_type=LetterType.PETITION,
                handling=VisitHandling.RETURNED_GUIDED,
                forwarded_to="Công an phường",
                area_code=None,
            ),
        )
        visits.register_visit(
            clocked,
            leader,
            _visit(
                people=(
                    PersonInput("Đặng Văn Bảy", role=VisitorRole.REPRESENTATIVE),
                    PersonInput("Dương Thị Hoa", role=VisitorRole.MEMBER),
                ),
                is_group=True,
                head_count=6,
                reception_type=ReceptionType.AD_HOC,
                presided_by="Nguyễn Văn Thành",
                chair_in_person=False,
            ),
        )

    def test_search_folds_diacritics_and_ranks_exact_matches_first(
        self, clocked: ServiceContext, officer: Actor, three: None
    ) -> None:
        def names(search: str) -> list[str]:
            keys = _keys(clocked, officer, search=search)
            rows = visits.register_rows(clocked, officer, keys)
            return [r.names_and_addresses.split(" – ")[0] for r in rows]

        assert names("nguyen van an") == ["Nguyễn Văn An"]
        assert names("NGUYỄN VĂN") == ["Nguyễn Văn An"]
        assert names("dao") == ["Lê Thị Đào"]
        assert names("đào") == ["Lê Thị Đào"]
        # "đ" and "d" both match; what was typed with its marks comes first.
        assert names("đặng") == ["Đoàn 6 người, đại diện: Đặng Văn Bảy"]
        assert names("dang") == ["Đoàn 6 người, đại diện: Đặng Văn Bảy"]
        # A known member of a group finds the group.
        assert names("Dương") == ["Đoàn 6 người, đại diện: Đặng Văn Bảy"]
        assert names("079068") == ["Nguyễn Văn An"]
        assert names("do rac") == ["Lê Thị Đào"]
        assert len(names("")) == 3

    def test_exact_diacritics_rank_first_among_folded_matches(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        visits.register_visit(clocked, officer, _visit(people=(PersonInput("Trần Văn Dao"),)))
        visits.register_visit(clocked, officer, _visit(people=(PersonInput("Trần Văn Đào"),)))
        visits.register_visit(clocked, officer, _visit(people=(PersonInput("Trần Văn Dáo"),)))

        def first(search: str) -> str:
            keys = _keys(clocked, officer, search=search)
            return visits.register_rows(clocked, officer, keys)[0].names_and_addresses

        assert len(_keys(clocked, officer, search="tran van dao")) == 3
        assert first("Trần Văn Đào") == "Trần Văn Đào"
        assert first("trần văn dáo") == "Trần Văn Dáo"

    def test_filters_and_orders(self, clocked: ServiceContext, officer: Actor, three: None) -> None:
        assert len(_keys(clocked, officer)) == 3
        assert len(_keys(clocked, officer, date_from=dt.date(2026, 11, 1))) == 2
        assert len(_keys(clocked, officer, date_to=dt.date(2026, 10, 31))) == 1
        assert len(_keys(clocked, officer, letter_type=LetterType.PETITION)) == 1
        assert len(_keys(clocked, officer, handling=VisitHandling.RETURNED_GUIDED)) == 1
        assert len(_keys(clocked, officer, reception_type=ReceptionType.AD_HOC)) == 1
        assert len(_keys(clocked, officer, groups_only=True)) == 1
        assert len(_keys(clocked, officer, officer_id=officer.user_id)) == 2
        by_name = _rows(clocked, officer, sort=RegisterSort.NAME, descending=False)
        # Given names first: An, Bảy, Đào (Vietnamese order: b < đ).
        assert [r.names_and_addresses.split(" – ")[0][-3:] for r in by_name] == [  # type: ignore[attr-defined]
            " An",
            "Bảy",
            "Đào",
        ]
        oldest_first = _rows(clocked, officer, descending=False)
        assert oldest_first[0].visited_at == dt.datetime(2026, 10, 5, 8, 0)  # type: ignore[attr-defined]
        by_count = _rows(clocked, officer, sort=RegisterSort.HEAD_COUNT)
        assert by_count[0].head_count == 6  # type: ignore[attr-defined]

    def test_a_period_comes_whole_and_in_register_order(
        self, clocked: ServiceContext, officer: Actor, three: None
    ) -> None:
        rows = visits.register_period(clocked, officer, dt.date(2026, 10, 1), dt.date(2026, 11, 30))
        assert [r.visited_at.date() for r in rows] == sorted(r.visited_at.date() for r in rows)
        with pytest.raises(ValidationError):
            visits.register_period(clocked, officer, dt.date(2026, 11, 30), dt.date(2026, 10, 1))
        with pytest.raises(ValidationError):
            visits.register_rows(clocked, officer, list(range(501)))

    def test_a_screen_starts_from_the_count_and_the_first_keys(
        self, clocked: ServiceContext, officer: Actor, three: None
    ) -> None:
        every = _keys(clocked, officer)
        start = visits.register_start(clocked, officer, RegisterFilter(), first=2)
        assert (start.total, start.keys) == (3, every[:2])
        # The first rows come along, as the register gives them (masked alike).
        assert start.first_rows == tuple(visits.register_rows(clocked, officer, every[:2]))
        searched = visits.register_start(clocked, officer, RegisterFilter(search="dao"), first=2)
        assert searched.total == 1 and len(searched.keys) == 1
        # A search and another filter: counted together (An came in October).
        dated = RegisterFilter(search="lê lợi", date_from=dt.date(2026, 11, 1))
        assert visits.register_start(clocked, officer, dated, first=1).total == 0
        autumn = RegisterFilter(search="lê lợi", date_to=dt.date(2026, 10, 31))
        assert visits.register_start(clocked, officer, autumn, first=1).total == 1

    def test_officers_are_listed_for_the_form(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        names = [name for _, name in visits.list_officers(clocked, officer)]
        assert "Người dùng Cán bộ" in names and names == sorted(names)


class TestCorrectionsAndLetters:
    def test_a_correction_keeps_the_number_and_settles_the_answer_clock(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        recorded = visits.register_visit(clocked, officer, _visit())
        guided = visits.update_visit(
            clocked,
            officer,
            recorded.id,
            _visit(handling=VisitHandling.RETURNED_GUIDED, forwarded_to="UBND tỉnh"),
        )
        assert guided.number == recorded.number and guided.forwarded_to == "UBND tỉnh"
        with clocked.sessions.reading() as session:
            statuses = session.scalars(select(Deadline.status)).all()
        assert statuses == [DeadlineStatus.CANCELLED]
        moved = visits.update_visit(
            clocked, officer, recorded.id, _visit(visited_at=dt.datetime(2026, 11, 23, 14, 0))
        )
        assert moved.visited_at == dt.datetime(2026, 11, 23, 14, 0)
        with clocked.sessions.reading() as session:
            running = session.scalars(
                select(Deadline).where(Deadline.status == DeadlineStatus.OPEN)
            ).one()
        assert running.start_on == dt.date(2026, 11, 23)
        with pytest.raises(ValidationError):
            visits.update_visit(
                clocked, officer, recorded.id, _visit(visited_at=dt.datetime(2025, 12, 1, 8, 0))
            )

    def test_the_handed_in_letter_enters_the_letter_register_once(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        group = visits.register_visit(
            clocked,
            officer,
            _visit(
                people=(replace(AN, role=VisitorRole.REPRESENTATIVE), DAO),
                is_group=True,
                head_count=7,
            ),
        )
        letter = visits.create_letter_from_visit(clocked, officer, group.id)
        assert letter.label == "Đơn số 1/2026"
        with clocked.sessions.reading() as session:
            row = session.get(Letter, letter.id)
            assert row is not None
            assert (row.signer_count, row.letter_type, row.content) == (
                7,
                LetterType.COMPLAINT,
                "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất",
            )
            filers = session.scalars(select(LetterPerson.role).order_by(LetterPerson.position))
            assert [r.value for r in filers] == ["dai_dien", "nguoi_dung_don"]
            clocks = session.scalars(
                select(Deadline.rule_id).where(Deadline.letter_id == letter.id)
            )
            # A complaint: processing (X1) and acceptance (K2) both run from the visit's day.
            assert sorted(clocks) == ["K2", "X1"]
        assert visits.get_visit(clocked, officer, group.id).letter_label == "Đơn số 1/2026"
        with pytest.raises(ConflictError):
            visits.create_letter_from_visit(clocked, officer, group.id)

    def test_a_visit_and_its_letter_are_saved_together_or_not_at_all(
        self, clocked: ServiceContext, officer: Actor
    ) -> None:
        saved = visits.register_visit(clocked, officer, _visit(), with_letter=True)
        assert saved.letter_label == "Đơn số 1/2026"
        unclassified = _visit(letter_type=None, handling=VisitHandling.REFUSED)
        unclassified = replace(unclassified, refusal_ground=RefusalGround.INCAPACITATED)
        with pytest.raises(ValidationError):
            visits.register_visit(clocked, officer, unclassified, with_letter=True)
        assert len(_keys(clocked, officer)) == 1  # the refused letter took its visit with it


def test_a_visits_history_shows_each_change(
    clocked: ServiceContext, officer: Actor, admin: Actor
) -> None:
    first = visits.register_visit(clocked, officer, _visit())
    visits.update_visit(clocked, officer, first.id, _visit(content="Khiếu nại việc cấp sổ đỏ"))
    history = visits.visit_history(clocked, admin, first.id)
    assert [record.operation for record in history][-1] == "insert"
    assert ["Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất", "Khiếu nại việc cấp sổ đỏ"] in [
        r.changes.get("content") for r in history
    ]
    assert all(record.username == officer.username for record in history)
    with pytest.raises(PermissionDeniedError):
        visits.visit_history(clocked, officer, first.id)
