"""A small register built by hand for the report tests: every figure of every
form for October 2026 (15/09/2026 → 14/10/2026 under the reporting cut-off) is
worked out in the comments and in EXPECTED.

Records just outside the period (14/09, 15/10, decided before it, accepted
after it) check the boundaries.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from tiepdan_desktop.db.models import (
    Case,
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

EXPECTED: dict[str, dict[int, float]] = {
    # Regular: V1, V2, V3 (group of 8), V4, V10 — matters C1 (twice), V2 (repeat),
    # C2 (group, first), V10.  Chair in person: session S1, V5 and V6 (group of 6,
    # repeat).  Delegated: session S2, V7 (2 people).
    "01/TCD": {
        1: 8,
        2: 21,
        3: 7,
        4: 5,
        5: 12,
        6: 2,
        7: 2,
        8: 1,
        9: 8,
        10: 1,
        11: 0,
        12: 1,
        13: 2,
        14: 7,
        15: 1,
        16: 1,
        17: 1,
        18: 6,
        19: 0,
        20: 1,
        21: 1,
        22: 1,
        23: 2,
        24: 1,
        25: 0,
        26: 0,
        27: 0,
        28: 0,
        29: 0,
    },
    # Carried over L1, L2; received L3–L7, L10–L14 (L8 is a land dispute, left
    # out; L9 was processed before the period, its reply came in it).
    "02/XLD": {
        1: 12,
        2: 2,
        3: 10,
        4: 9,
        5: 3,
        6: 8,
        7: 7,
        8: 3,
        9: 2,
        10: 3,
        11: 1,
        12: 2,
        13: 5,
        14: 2,
        15: 2,
        16: 2,
        17: 1,
        18: 1,
        19: 0,
        20: 2,
    },
    # Eligible complaints processed: L2 (carried, land), L5 (policy, resolved once,
    # guided), L12 (no area, second instance).
    "02/XLD-KN": {
        1: 3,
        2: 1,
        3: 2,
        4: 1,
        5: 1,
        6: 0,
        7: 0,
        8: 0,
        9: 1,
        10: 1,
        11: 1,
        12: 0,
        13: 1,
        14: 2,
        15: 1,
        16: 0,
        17: 0,
    },
    # L3 (corruption, first time), L11 (civil service, denounced again).
    "02/XLD-TC": {
        1: 2,
        2: 0,
        3: 2,
        4: 0,
        5: 0,
        6: 1,
        7: 0,
        8: 1,
        9: 0,
        10: 0,
        11: 0,
        12: 1,
        13: 1,
        14: 0,
        15: 0,
        16: 2,
        17: 0,
        18: 0,
        19: 0,
    },
    # L4 (policy, forwarded), L13 (land, answered: C2 closed), L14 (justice, open).
    "02/XLD-PA": {
        1: 3,
        2: 0,
        3: 3,
        4: 1,
        5: 1,
        6: 1,
        7: 0,
        8: 1,
        9: 1,
        10: 0,
        11: 1,
        12: 0,
    },
    # C1 (carried, decided, partly right), C5 (withdrawn), C6 (second instance,
    # wrong → upheld, late), C7 (carried, open), C9 (accepted in the period).
    "03/GQKN": {
        1: 1,
        2: 5,
        3: 2,
        4: 3,
        5: 3,
        6: 2,
        7: 1,
        8: 2,
        9: 0,
        10: 1,
        11: 1,
        12: 1,
        13: 0,
        14: 0,
        15: 0,
        16: 12.5,
        17: 100,
        18: 0,
        19: 2,
        20: 1,
        21: 1,
        22: 0,
        23: 0,
        24: 2,
        25: 1,
    },
    # C4 (concluded, right, to the police), C11 (terminated).
    "04/GQTC": {
        1: 2,
        2: 2,
        3: 1,
        4: 1,
        5: 2,
        6: 1,
        7: 1,
        8: 0,
        9: 1,
        10: 0,
        11: 0,
        12: 50,
        13: 0,
        14: 0,
        15: 0,
        16: 0,
        17: 0,
        18: 1,
        19: 2,
        20: 2,
        21: 0,
    },
    # To carry out: C1, C6, C8 (decided in August, carried out fully), C4.
    "05/KQTH": {
        1: 4,
        2: 3,
        3: 1,
        4: 1,
        5: 53,
        6: 0,
        7: 3,
        8: 0,
        9: 12.5,
        10: 100,
        11: 5,
        12: 0,
        13: 0,
        14: 0,
    },
}


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
            session.add(row)
            session.flush()
            ids[name] = row.id
            return row

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
            money_returned=5,
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
            session.add(row)
            session.flush()
            ids[name] = row.id

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
            session.add(row)
            session.flush()
            ids[name] = row.id
            return row

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
