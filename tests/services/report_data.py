"""A small register built by hand for the report tests: every figure of every
form for October 2026 (15/09/2026 → 14/10/2026 under the reporting cut-off) is
worked out in the comments and in EXPECTED.

Records just outside the period (14/09, 15/10, decided before it, accepted
after it) check the boundaries.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from tiepdan_desktop.db.models import (
    Case,
    CaseEvent,
    Letter,
    LetterPerson,
    Person,
    ReceptionSession,
    Visit,
)
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.enums import (
    CaseState,
    CaseType,
    LetterOutcome,
    LetterPartyRole,
    LetterSource,
    LetterType,
    ReceptionType,
    ResolutionVerdict,
    VisitHandling,
)
from tiepdan_desktop.domain.records import UnitInfo
from tiepdan_desktop.services.context import ServiceContext

D = dt.date
DENOUNCER = "Lê Thị Tố Giác"
DENOUNCER_ADDRESS = "Số 9 ngõ Kín, phường Bến Thành"


def _columns(*values: float) -> dict[int, float]:
    """Figures in column order: (1), (2), …"""
    return dict(enumerate(values, start=1))


# fmt: off
EXPECTED: dict[str, dict[int, float]] = {
    # Regular: V1, V2, V3 (group of 8), V4, V10 — matters C1 (twice), V2 (repeat),
    # C2 (group, first), V10.  Chair in person: session S1, V5 and V6 (group of 6,
    # repeat).  Delegated: session S2, V7 (2 people).
    "01/TCD": _columns(
        8, 21, 7,
        5, 12, 2, 2, 1, 8, 1, 0,
        1, 2, 7, 1, 1, 1, 6, 0, 1,
        1, 1, 2, 1, 0, 0, 0, 0, 0,
    ),
    # Carried over L1, L2; received L3–L7, L10–L14, L16, L17 (L8 is a land dispute,
    # left out; L9 was processed before the period, its reply came in it; L16 was
    # kept without processing, so not eligible).
    "02/XLD": _columns(
        14, 2, 12, 11, 3, 9, 8, 3, 2, 4,
        1, 2, 6, 2, 2, 3, 1, 1, 0, 2,
    ),
    # Eligible complaints processed: L2 (carried, land), L5 (policy, resolved once,
    # guided), L12 (no area, second instance).
    "02/XLD-KN": _columns(3, 1, 2, 1, 1, 0, 0, 0, 1, 1, 1, 0, 1, 2, 1, 0, 0),
    # L3 (corruption, first time), L11 (civil service, denounced again).
    "02/XLD-TC": _columns(2, 0, 2, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1, 0, 0, 2, 0, 0, 0),
    # L4 (policy, forwarded), L13 (land, answered: C2 closed), L14 (justice, open),
    # L17 (no area, open).
    "02/XLD-PA": _columns(4, 0, 4, 1, 1, 1, 1, 1, 2, 0, 1, 0),
    # C1 (carried, decided, partly right; L15 came after the period), C5 (withdrawn),
    # C6 (second instance, wrong → upheld, late), C7 (carried, open), C9 (accepted
    # in the period).
    "03/GQKN": _columns(
        1, 5, 2, 3, 3, 2, 1, 2, 0, 1, 1,
        1, 0, 0, 0, 12.5, 100, 0, 2,
        1, 1, 0, 0, 2, 1,
    ),
    # C4 (concluded, right, to the police), C11 (terminated).
    "04/GQTC": _columns(
        2, 2, 1, 1, 2, 1, 1, 0, 1, 0, 0,
        50, 0, 0, 0, 0, 0, 1, 2, 2, 0,
    ),
    # To carry out: C1 (5 returned by the period's end), C6, C8 (decided in August,
    # carried out fully on 01/10), C4; not C12 (complained about further).
    "05/KQTH": _columns(4, 3, 1, 1, 53, 0, 3, 0, 12.5, 100, 5, 0, 0, 0),
}
# fmt: on


def _at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def build_register(services: ServiceContext, actor: Actor, unit: UnitInfo) -> dict[str, Any]:
    """Writes the register; returns the ids tests refer to."""
    ids: dict[str, Any] = {}
    with services.sessions.writing(actor, "du_lieu_kiem_thu") as session:
        counter = {"visit": 0, "letter": 0, "case": 0}

        def number(kind: str) -> int:
            counter[kind] += 1
            return counter[kind]

        def keep(name: str, row: Any) -> Any:
            """Writes a record and remembers its id under the name the comments use."""
            session.add(row)
            session.flush()
            ids[name] = row.id
            return row

        def case(name: str, case_type: CaseType, **fields: Any) -> Case:
            row = Case(
                unit_id=unit.id,
                year=2026,
                number=number("case"),
                case_type=case_type,
                summary=f"Vụ việc {name}",
                received_on=fields.pop("received_on", D(2026, 9, 1)),
                **fields,
            )
            return keep(name, row)

        case(
            "C1",
            CaseType.COMPLAINT_FIRST,
            accepted_on=D(2026, 9, 5),
            decided_on=D(2026, 10, 10),
            verdict=ResolutionVerdict.PARTLY_CORRECT,
            on_time=True,
            money_to_return=12.5,
            land_to_return=100,
            persons_restored=2,
            # As reported on 20/10, after the period: on 12/10 only 5 had been returned.
            money_returned=12.5,
            fully_enforced=True,
            state=CaseState.ENFORCING,
        )
        case("C2", CaseType.PETITION, closed_on=D(2026, 10, 10), state=CaseState.CLOSED)
        case("C3", CaseType.PETITION)
        case(
            "C4",
            CaseType.DENUNCIATION,
            accepted_on=D(2026, 9, 26),
            decided_on=D(2026, 10, 13),
            verdict=ResolutionVerdict.CORRECT,
            on_time=True,
            police_cases=1,
            police_persons=2,
            money_to_recover=50,
            state=CaseState.DECIDED,
        )
        case(
            "C5",
            CaseType.COMPLAINT_FIRST,
            accepted_on=D(2026, 9, 20),
            closed_on=D(2026, 9, 30),
            on_time=True,
            state=CaseState.WITHDRAWN,
        )
        case(
            "C6",
            CaseType.COMPLAINT_SECOND,
            accepted_on=D(2026, 10, 1),
            decided_on=D(2026, 10, 12),
            verdict=ResolutionVerdict.WRONG,
            on_time=False,
            sanction_persons=1,
            sanction_officials=1,
            state=CaseState.DECIDED,
        )
        case("C7", CaseType.COMPLAINT_FIRST, accepted_on=D(2026, 8, 1), state=CaseState.VERIFYING)
        case(
            "C8",
            CaseType.COMPLAINT_FIRST,
            accepted_on=D(2026, 7, 1),
            decided_on=D(2026, 8, 1),
            verdict=ResolutionVerdict.CORRECT,
            on_time=True,
            money_to_recover=3,
            money_recovered=3,
            fully_enforced=True,
            state=CaseState.ENFORCING,
        )
        case("C9", CaseType.COMPLAINT_FIRST, accepted_on=D(2026, 10, 10), state=CaseState.ACCEPTED)
        case("C10", CaseType.COMPLAINT_FIRST, accepted_on=D(2026, 10, 20), state=CaseState.ACCEPTED)
        case(
            "C11",
            CaseType.DENUNCIATION,
            accepted_on=D(2026, 9, 1),
            closed_on=D(2026, 9, 20),
            on_time=True,
            state=CaseState.TERMINATED,
        )
        # Decided before the period, complained about further in it: not in force.
        case(
            "C12",
            CaseType.COMPLAINT_FIRST,
            accepted_on=D(2026, 7, 1),
            decided_on=D(2026, 9, 1),
            verdict=ResolutionVerdict.WRONG,
            on_time=True,
            state=CaseState.ESCALATED,
        )

        def step(name: str, on: dt.date, kind: str, enforcement: dict[str, Any]) -> None:
            data = {"details": [], "enforcement": enforcement} if enforcement else {}
            session.add(
                CaseEvent(case_id=ids[name], occurred_on=on, kind=kind, data_json=json.dumps(data))
            )

        result = "ket_qua_thi_hanh"
        step("C1", D(2026, 10, 12), result, {"money_returned": 5, "fully_enforced": False})
        step("C1", D(2026, 10, 20), result, {"money_returned": 12.5, "fully_enforced": True})
        step("C8", D(2026, 10, 1), result, {"money_recovered": 3, "fully_enforced": True})
        step("C12", D(2026, 9, 20), "khieu_nai_tiep", {})

        sessions = {}
        for name, held_on, kind, in_person in (
            ("S1", D(2026, 10, 2), ReceptionType.PERIODIC, True),
            ("S2", D(2026, 10, 5), ReceptionType.AD_HOC, False),
            ("S3", D(2026, 9, 10), ReceptionType.PERIODIC, True),
        ):
            reception = ReceptionSession(
                unit_id=unit.id,
                held_on=held_on,
                reception_type=kind,
                chair_in_person=in_person,
                presided_by="Nguyễn Văn Thành",
            )
            session.add(reception)
            session.flush()
            sessions[name] = reception

        def visit(name: str, when: dt.datetime, kind: ReceptionType, **fields: Any) -> None:
            reception = sessions.get(fields.pop("session", ""))
            row = Visit(
                unit_id=unit.id,
                year=2026,
                number=number("visit"),
                visited_at=when,
                reception_type=kind,
                session_id=reception.id if reception else None,
                chair_in_person=reception.chair_in_person if reception else None,
                officer_name="Cán bộ tiếp",
                content=f"Nội dung {name}",
                handling=VisitHandling.LETTER_RECEIVED,
                case_id=ids.get(fields.pop("case", "")),
                **fields,
            )
            keep(name, row)

        regular, periodic, ad_hoc = (
            ReceptionType.REGULAR,
            ReceptionType.PERIODIC,
            ReceptionType.AD_HOC,
        )
        visit("V1", _at(D(2026, 9, 20)), regular, case="C1")
        visit("V2", _at(D(2026, 9, 21)), regular, is_repeat=True)
        visit("V3", _at(D(2026, 9, 22)), regular, is_group=True, head_count=8, case="C2")
        visit("V4", _at(D(2026, 10, 1)), regular, case="C1")
        visit("V5", _at(D(2026, 10, 2)), periodic, session="S1")
        visit(
            "V6",
            _at(D(2026, 10, 2), 10),
            periodic,
            session="S1",
            is_group=True,
            head_count=6,
            is_repeat=True,
            case="C3",
        )
        visit("V7", _at(D(2026, 10, 5)), ad_hoc, session="S2", head_count=2)
        visit("V8", _at(D(2026, 9, 14), 16, 59), regular)
        visit("V9", _at(D(2026, 10, 15), 0, 30), regular)
        visit("V10", _at(D(2026, 10, 14), 23, 59), regular)

        def letter(name: str, kind: LetterType, received: dt.date, **fields: Any) -> Letter:
            row = Letter(
                unit_id=unit.id,
                year=2026,
                number=number("letter"),
                received_on=received,
                source=LetterSource.POST,
                letter_type=kind,
                content=fields.pop("content", f"Nội dung đơn {name}"),
                case_id=ids.get(fields.pop("case", "")),
                **fields,
            )
            return keep(name, row)

        kn, tc, pa = LetterType.COMPLAINT, LetterType.DENUNCIATION, LetterType.PETITION
        land = LetterType.LAND_DISPUTE
        o = LetterOutcome
        # fmt: off
        # name, type, received, processed, eligible, competent, outcome, other fields
        letter("L1", kn, D(2026, 9, 10))
        letter("L2", kn, D(2026, 9, 1), outcome_on=D(2026, 9, 20), eligible=True, competent=True,
               outcome=o.PROPOSE_ACCEPTANCE, case="C1", area_code="HC.DDNC")
        denunciation = letter(
            "L3", tc, D(2026, 9, 20), outcome_on=D(2026, 9, 25), eligible=True, competent=True,
            outcome=o.ACCEPTED, status_elsewhere="tc_lan_dau", case="C4", area_code="TN",
            content=f"Tôi là {DENOUNCER}, ở {DENOUNCER_ADDRESS}, tố cáo cán bộ địa chính.",
        )
        letter("L4", pa, D(2026, 9, 22), outcome_on=D(2026, 9, 23), eligible=True, competent=False,
               outcome=o.FORWARDED, reply_on=D(2026, 10, 5), area_code="HC.CDCS")
        letter("L5", kn, D(2026, 9, 25), outcome_on=D(2026, 9, 26), eligible=True, competent=False,
               outcome=o.GUIDED, status_elsewhere="kn_lan_dau", area_code="HC.CDCS")
        letter("L6", pa, D(2026, 10, 1))
        letter("L7", kn, D(2026, 10, 2), outcome_on=D(2026, 10, 3), eligible=False, competent=True,
               outcome=o.ARCHIVED)
        letter("L8", land, D(2026, 10, 3), outcome_on=D(2026, 10, 4), eligible=True,
               competent=True, outcome=o.MEDIATION)
        letter("L9", pa, D(2026, 8, 1), outcome_on=D(2026, 8, 10), eligible=True, competent=False,
               outcome=o.FORWARDED, reply_on=D(2026, 10, 1))
        letter("L10", kn, D(2026, 10, 5), outcome_on=D(2026, 10, 20), eligible=True,
               competent=True, outcome=o.NOT_ACCEPTED)
        letter("L11", tc, D(2026, 10, 10), outcome_on=D(2026, 10, 12), eligible=True,
               competent=True, outcome=o.ACCEPTED, status_elsewhere="tc_tiep", case="C4",
               duplicate_of_id=denunciation.id, area_code="HC.CCCV")
        letter("L12", kn, D(2026, 10, 14), outcome_on=D(2026, 10, 14), eligible=True,
               competent=True, outcome=o.NOT_ACCEPTED, status_elsewhere="kn_lan_hai")
        letter("L13", pa, D(2026, 9, 20), outcome_on=D(2026, 9, 21), eligible=True,
               competent=True, outcome=o.ASSIGNED, case="C2", area_code="HC.DDNC")
        letter("L14", pa, D(2026, 10, 1), outcome_on=D(2026, 10, 2), eligible=True,
               competent=True, outcome=o.ASSIGNED, area_code="TP")
        # Received after the period, in a matter of it: not one of its letters.
        letter("L15", kn, D(2026, 10, 20), case="C1")
        # Outside competence and kept (lưu đơn): not a letter to process further.
        letter("L16", kn, D(2026, 10, 5), outcome_on=D(2026, 10, 6), eligible=True,
               competent=False, outcome=o.ARCHIVED)
        # Its processing date typed before its receipt: still a letter of the period.
        letter("L17", pa, D(2026, 10, 8), outcome_on=D(2026, 9, 1), eligible=True,
               competent=True, outcome=o.ASSIGNED)
        # fmt: on

        person = Person(
            unit_id=unit.id,
            full_name=DENOUNCER,
            address=DENOUNCER_ADDRESS,
            id_number="079190000123",
        )
        session.add(person)
        session.flush()
        session.add(
            LetterPerson(letter_id=denunciation.id, person_id=person.id, role=LetterPartyRole.FILER)
        )
    ids["unit"] = unit.id
    return ids


def late_visit(services: ServiceContext, actor: Actor, unit_id: uuid.UUID) -> None:
    """A visit of 03/10/2026 entered after the October report was sent."""
    with services.sessions.writing(actor, "ghi_muon") as session:
        session.add(
            Visit(
                unit_id=unit_id,
                year=2026,
                number=99,
                visited_at=_at(D(2026, 10, 3)),
                reception_type=ReceptionType.REGULAR,
                officer_name="Cán bộ tiếp",
                content="Ghi muộn",
                handling=VisitHandling.LETTER_RECEIVED,
            )
        )
