"""Builds the rows of a realistic demo database, deterministically for a seed.

Everything is generated in memory as plain dicts (fast bulk inserts follow):
citizens with real surname frequencies, reception sessions of the chairman,
visits (with repeat visitors and group visits) spread over the three years up
to today, letters from visits and by post or forwarded, and matters in every
state of their workflow.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import holidays

from tiepdan_desktop.domain.calendar import WorkCalendar
from tiepdan_desktop.domain.confidentiality import (
    register_name_sort,
    register_search_exact,
    register_search_text,
)
from tiepdan_desktop.domain.deadlines import (
    DeadlineRequest,
    DeadlineResult,
    DeadlineSettings,
    compute_deadline,
)
from tiepdan_desktop.domain.divisions import WardEntry, provinces, wards_of
from tiepdan_desktop.domain.enums import (
    CaseState,
    CaseType,
    DeadlineStatus,
    FilerKind,
    Gender,
    IdDocumentType,
    LetterOutcome,
    LetterPartyRole,
    LetterSource,
    LetterState,
    LetterType,
    ReceptionType,
    RefusalGround,
    UnitLevel,
    VisitHandling,
    VisitorRole,
)
from tiepdan_desktop.domain.ids import uuid7_at
from tiepdan_desktop.domain.letter_classification import CONDITIONS_BY_TYPE, FilerIdentity
from tiepdan_desktop.domain.letter_intake import INTAKE_RULES
from tiepdan_desktop.domain.records import UnitInfo
from tiepdan_desktop.domain.text import name_sort_key, search_key
from tiepdan_desktop.services.demo import vocabulary as words
from tiepdan_desktop.services.demo.case_details import resolution_columns, step_document
from tiepdan_desktop.services.demo.fast_random import FastRandom
from tiepdan_desktop.services.demo.running_deadlines import resolution_clock
from tiepdan_desktop.services.demo.trajectories import TRAJECTORIES, Trajectory, WorkingDays, as_of

Row = dict[str, Any]
T = TypeVar("T")
YEARS_OF_DATA = 3
_UTC_OFFSET = dt.timedelta(hours=7)
_EPOCH_OFFICE_TIME = dt.datetime(1970, 1, 1) + _UTC_OFFSET

_CASE_TYPE_WEIGHTS = (
    (CaseType.COMPLAINT_FIRST, 30.0),
    (CaseType.COMPLAINT_SECOND, 1.5),
    (CaseType.DISCIPLINARY_COMPLAINT, 0.5),
    (CaseType.DENUNCIATION, 10.0),
    (CaseType.PETITION, 48.0),
    (CaseType.MIXED, 4.0),
    (CaseType.LAND_DISPUTE, 6.0),
)
_STEP_TIME = dt.time(10)
_OFFICE_CLOSES = dt.time(16, 45)


def _weighted[T](pairs: tuple[tuple[T, float], ...]) -> tuple[list[T], list[float]]:
    """Values and cumulative weights, for random.choices(cum_weights=...)."""
    values, cumulative, total = [], [], 0.0
    for value, weight in pairs:
        total += weight
        values.append(value)
        cumulative.append(total)
    return values, cumulative


_CASE_TYPES, _CASE_TYPE_CUMULATIVE = _weighted(_CASE_TYPE_WEIGHTS)
_FILER_KINDS, _FILER_KIND_CUMULATIVE = _weighted(
    ((FilerKind.INDIVIDUAL, 88), (FilerKind.ORGANISATION, 4), (FilerKind.MANY_SIGNERS, 8))
)
_LETTER_TYPE_OF = {
    CaseType.COMPLAINT_FIRST: LetterType.COMPLAINT,
    CaseType.COMPLAINT_SECOND: LetterType.COMPLAINT,
    CaseType.DISCIPLINARY_COMPLAINT: LetterType.COMPLAINT,
    CaseType.DENUNCIATION: LetterType.DENUNCIATION,
    CaseType.PETITION: LetterType.PETITION,
    CaseType.MIXED: LetterType.MIXED,
    CaseType.LAND_DISPUTE: LetterType.LAND_DISPUTE,
}
_MATTERS = {
    LetterType.COMPLAINT: words.COMPLAINT_MATTERS,
    LetterType.DENUNCIATION: words.DENUNCIATION_MATTERS,
    LetterType.PETITION: words.PETITION_MATTERS,
    LetterType.MIXED: words.MIXED_MATTERS,
    LetterType.LAND_DISPUTE: words.LAND_DISPUTE_MATTERS,
}
# What the first decisive step of a matter means for the visit and the letter.
_VISIT_HANDLING_OF_STEP = {
    "huong_dan": VisitHandling.RETURNED_GUIDED,
    "chuyen_don": VisitHandling.FORWARDED,
    "thu_ly": VisitHandling.ACCEPTED,
    "de_xuat_thu_ly": VisitHandling.ACCEPTED,
    "giao_xem_xet": VisitHandling.ACCEPTED,
    "hoa_giai": VisitHandling.ACCEPTED,
}
_LETTER_OUTCOME_OF_STEP = {
    "huong_dan": LetterOutcome.GUIDED,
    "chuyen_don": LetterOutcome.FORWARDED,
    "khong_thu_ly": LetterOutcome.NOT_ACCEPTED,
    "luu_don": LetterOutcome.ARCHIVED,
    "de_xuat_thu_ly": LetterOutcome.PROPOSE_ACCEPTANCE,
    "thu_ly": LetterOutcome.ACCEPTED,
    "giao_xem_xet": LetterOutcome.ACCEPTED,
    "hoa_giai": LetterOutcome.ACCEPTED,
}
_FORWARDED_SOURCES = (
    LetterSource.LEADER,
    LetterSource.NATIONAL_ASSEMBLY,
    LetterSource.PEOPLES_COUNCIL,
    LetterSource.FATHERLAND_FRONT,
    LetterSource.PRESS,
    LetterSource.OTHER_BODY,
)
# Letters that did not come through the reception desk.
_POSTED_SOURCES, _POSTED_SOURCE_CUMULATIVE = _weighted(
    (
        (LetterSource.POST, 40),
        (LetterSource.MAILBOX, 6),
        (LetterSource.ONE_STOP, 8),
        (LetterSource.ONLINE, 8),
        *((source, 6) for source in _FORWARDED_SOURCES),
    )
)


@dataclass(frozen=True)
class Officer:
    id: uuid.UUID | None
    name: str


@dataclass
class DemoRows:
    persons: list[Row] = field(default_factory=list)
    sessions: list[Row] = field(default_factory=list)
    cases: list[Row] = field(default_factory=list)
    case_events: list[Row] = field(default_factory=list)
    visits: list[Row] = field(default_factory=list)
    visit_persons: list[Row] = field(default_factory=list)
    letters: list[Row] = field(default_factory=list)
    letter_persons: list[Row] = field(default_factory=list)
    deadlines: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class _MatterText:
    content: str
    area: str
    subject_name: str | None = None  # the person complained about or denounced
    subject_position: str | None = None


@dataclass
class _Matter:
    """A matter as the generator tracks it while visits and letters refer to it."""

    case: Row
    trajectory: Trajectory
    person_ids: list[uuid.UUID]
    letter_type: LetterType
    text: _MatterText
    content_key: str
    letter_ids: list[uuid.UUID] = field(default_factory=list)

    @property
    def content(self) -> str:
        return self.text.content

    @property
    def area_code(self) -> str:
        return self.text.area


class DemoGenerator:
    def __init__(
        self,
        seed: int,
        unit: UnitInfo,
        now: dt.datetime,
        next_numbers: dict[tuple[str, int], int],
        calendar: WorkCalendar | None = None,
        settings: DeadlineSettings | None = None,
    ) -> None:
        """Without a calendar no deadlines are made (the legal clocks need one)."""
        self.rng = FastRandom(seed)
        self.calendar = calendar
        self.deadline_settings = settings or DeadlineSettings()
        self._clock_cache: dict[DeadlineRequest, tuple[DeadlineResult, str, str]] = {}
        # Stopped clocks kept as rows from here on (see _resolution_clock).
        self.kept_clocks_from = dt.date(now.year - 1, 1, 1)
        self.unit = unit
        self.today = today = now.date()
        self.next_numbers = next_numbers
        # Receiving officers: set with use_officers() before build().
        self.officers: list[Officer] = []
        self.rows = DemoRows()
        self.start = today.replace(year=today.year - YEARS_OF_DATA) + dt.timedelta(days=1)
        off_days = holidays.country_holidays("VN", years=range(self.start.year, today.year + 2))
        every_day = (
            self.start + dt.timedelta(days=n) for n in range((today - self.start).days + 400)
        )
        self.working = WorkingDays([d for d in every_day if d.weekday() < 5 and d not in off_days])
        # Visits and letters happen on working days up to now: today counts once
        # the office day is over.
        last_day = today if now.time() >= _OFFICE_CLOSES else today - dt.timedelta(days=1)
        self.past_working_days = [d for d in self.working.days if d <= last_day]
        self.home_wards = wards_of(unit.province_code) or (
            WardEntry(unit.ward_code, unit.ward_name, unit.level, unit.province_code),
        )
        self.other_province_codes = [p.code for p in provinces()]
        self.used_ids: set[str] = set()
        self.persons_by_id: dict[uuid.UUID, Row] = {}
        # Names repeat a lot; their search and sort keys are computed once each.
        self._name_keys: dict[str, tuple[str, str]] = {}
        self._keys: dict[str, str] = {}
        self._surnames, self._surname_weights = _weighted(words.SURNAMES)
        self._male_middle, self._male_middle_weights = _weighted(words.MALE_MIDDLE)
        self._female_middle, self._female_middle_weights = _weighted(words.FEMALE_MIDDLE)
        # Presides the chairman's reception days when they are delegated.
        self.vice_chairman = self.person_name(Gender.MALE)

    def use_officers(self, officers: list[Officer]) -> None:
        """The receiving officers (accounts that exist in the database)."""
        if not officers:
            raise ValueError("demo data needs at least one receiving officer")
        self.officers = officers

    # --- small pieces ---------------------------------------------------------------

    def new_id(self, at: dt.datetime) -> uuid.UUID:
        """A time-ordered id for a row created at `at` (office time)."""
        unix_ms = int((at - _EPOCH_OFFICE_TIME).total_seconds() * 1000)
        return uuid7_at(unix_ms, self.rng.getrandbits(74))

    def person_name(self, gender: Gender) -> str:
        rng = self.rng
        surname = rng.choices(self._surnames, cum_weights=self._surname_weights)[0]
        if gender == Gender.FEMALE:
            middle = rng.choices(self._female_middle, cum_weights=self._female_middle_weights)[0]
            given = rng.choice(words.FEMALE_GIVEN)
        else:
            middle = rng.choices(self._male_middle, cum_weights=self._male_middle_weights)[0]
            given = rng.choice(words.MALE_GIVEN)
        return f"{surname} {middle} {given}"

    def address(self) -> tuple[str, str]:
        """An address inside the unit's province, and its search key."""
        rng = self.rng
        ward = self.unit_ward() if rng.random() < 0.7 else rng.choice(self.home_wards)
        place = self.place(ward.level)
        tail = f", {ward.name}, {self.unit.province_name}"
        return place + tail, search_key(place) + self.key(tail)

    def key(self, text: str) -> str:
        """search_key, remembered for texts that recur (templates, place names)."""
        known = self._keys.get(text)
        if known is None:
            known = self._keys[text] = search_key(text)
        return known

    def place(self, level: UnitLevel | None = None) -> str:
        """The part of an address below the commune: a street number or a village."""
        rng = self.rng
        if (level or self.unit.level) == UnitLevel.XA:
            return rng.choice((f"Thôn {rng.choice(words.VILLAGES)}", f"Ấp {rng.randint(1, 12)}"))
        return (
            f"Số {rng.randint(1, 450)} đường {rng.choice(words.STREETS)}, "
            f"{rng.choice(('khu phố', 'tổ dân phố'))} {rng.randint(1, 25)}"
        )

    def unit_ward(self) -> WardEntry:
        return WardEntry(
            self.unit.ward_code, self.unit.ward_name, self.unit.level, self.unit.province_code
        )

    def id_document(
        self, gender: Gender, birth_year: int
    ) -> tuple[IdDocumentType | None, str | None]:
        rng = self.rng
        draw = rng.random()
        if draw < 0.05:
            return None, None
        while True:
            if draw < 0.90:
                province = (
                    self.unit.province_code
                    if rng.random() < 0.7
                    else rng.choice(self.other_province_codes)
                )
                century = 0 if birth_year < 2000 else 2
                gender_digit = century + (1 if gender == Gender.FEMALE else 0)
                number = (
                    f"{province:03d}{gender_digit}{birth_year % 100:02d}{rng.randrange(10**6):06d}"
                )
                kind = IdDocumentType.CCCD
            else:
                number, kind = f"{rng.randrange(10**8, 10**9)}", IdDocumentType.CMND
            if number not in self.used_ids:
                self.used_ids.add(number)
                return kind, number

    def phone(self) -> str | None:
        if self.rng.random() < 0.2:
            return None
        return self.rng.choice(words.MOBILE_PREFIXES) + f"{self.rng.randrange(10**7):07d}"

    def new_person(self, when: dt.datetime, *, not_named: str | None = None) -> Row:
        """A citizen; `not_named` keeps a filer from sharing the name of the person accused."""
        rng = self.rng
        gender = Gender.FEMALE if rng.random() < 0.45 else Gender.MALE
        birth_year = rng.randint(1940, 2005)
        full_name = self.person_name(gender)
        while full_name == not_named:
            full_name = self.person_name(gender)
        id_type, id_number = self.id_document(gender, birth_year)
        address, address_key = self.address()
        created = when - _UTC_OFFSET
        keys = self._name_keys.get(full_name)
        if keys is None:
            keys = self._name_keys[full_name] = (search_key(full_name), name_sort_key(full_name))
        row: Row = {
            "id": self.new_id(when),
            "unit_id": self.unit.id,
            "full_name": full_name,
            "name_key": keys[0],
            "name_sort": keys[1],
            "birth_year": birth_year,
            "gender": gender,
            "id_type": id_type,
            "id_number": id_number,
            "address": address,
            "address_key": address_key,
            "phone": self.phone(),
            "created_at": created,
            "updated_at": created,
        }
        self.rows.persons.append(row)
        self.persons_by_id[row["id"]] = row
        return row

    def matter_text(self, letter_type: LetterType, filer_names: set[str]) -> _MatterText:
        rng = self.rng
        template, area = rng.choice(_MATTERS[letter_type])
        fields: dict[str, object] = {}
        if "{name}" in template:
            gender = Gender.MALE if rng.random() < 0.6 else Gender.FEMALE
            name = self.person_name(gender)
            # Nobody denounces himself; a namesake would also make a protected
            # denouncer findable by name through the summary.
            while name in filer_names:
                name = self.person_name(gender)
            fields["name"] = f"{'ông' if gender == Gender.MALE else 'bà'} {name}"
            fields["position"] = rng.choice(words.POSITIONS)
        lazy: dict[str, Callable[[], object]] = {
            "project": lambda: rng.choice(words.PROJECTS),
            "place": self.landmark,
            "number": lambda: rng.randint(10, 990),
            "year": lambda: rng.randint(self.start.year, self.today.year),
        }
        # Only the fields the template uses are drawn.
        fields |= {key: draw() for key, draw in lazy.items() if f"{{{key}}}" in template}
        return _MatterText(
            template.format_map(fields),
            area,
            subject_name=name if "{name}" in template else None,
            subject_position=str(fields["position"]) if "position" in fields else None,
        )

    def landmark(self) -> str:
        """Where something happened, as a letter would say it."""
        rng = self.rng
        if self.unit.level == UnitLevel.XA:
            return f"thôn {rng.choice(words.VILLAGES)}"
        return f"đường {rng.choice(words.STREETS)}, khu phố {rng.randint(1, 25)}"

    def next_number(self, register: str, year: int) -> int:
        key = (register, year)
        number = self.next_numbers.get(key, 1)
        self.next_numbers[key] = number + 1
        return number

    # --- matters -------------------------------------------------------------------

    def new_matter(self, received: dt.date, person_ids: list[uuid.UUID]) -> _Matter:
        rng = self.rng
        case_type = rng.choices(_CASE_TYPES, cum_weights=_CASE_TYPE_CUMULATIVE)[0]
        letter_type = _LETTER_TYPE_OF[case_type]
        filer_names = {self.persons_by_id[pid]["full_name"] for pid in person_ids}
        text = self.matter_text(letter_type, filer_names)
        content, area = text.content, text.area
        full = TRAJECTORIES[case_type](rng, received, self.working)
        now = as_of(full, self.today)
        state = now.steps[-1].state
        created = dt.datetime.combine(received, dt.time(9)) - _UTC_OFFSET
        case = {
            "id": self.new_id(created + _UTC_OFFSET),
            "unit_id": self.unit.id,
            "year": received.year,
            "number": 0,  # numbered in date order at the end
            "case_type": case_type,
            "state": state,
            "summary": content,
            "area_code": area,
            "complexity": now.complexity,
            "remote_area": self.unit.remote_area,
            "received_on": received,
            "accepted_on": now.accepted_on,
            "decided_on": now.decided_on,
            "closed_on": now.closed_on,
            "verdict": now.verdict,
            "officer_id": rng.choice(self.officers).id,
            "external_code": None,
            "created_at": created,
            "updated_at": dt.datetime.combine(now.steps[-1].on, dt.time(10)) - _UTC_OFFSET,
        }
        verifier = f"Tổ xác minh do {rng.choice(self.officers).name} làm tổ trưởng"
        case.update(resolution_columns(rng, case_type, now, verifier))
        self.rows.cases.append(case)
        self._add_steps(case, now)
        if self.calendar is not None:
            self._resolution_clock(case, now, self.calendar)
        return _Matter(case, full, person_ids, letter_type, text, self.key(content))

    def _resolution_clock(self, case: Row, now: Trajectory, calendar: WorkCalendar) -> None:
        """The matter's resolution clock: a row while it runs (its next due date on
        the matter), and, once stopped, on time or late; stopped clocks of this year
        and last are kept as rows too, for the reports and the recent case views."""
        clock = resolution_clock(case["case_type"], now, self.unit.remote_area)
        if clock is None:
            return
        if clock.stopped_on is None:
            due = self._add_deadline(case, clock.request, calendar, None, clock.paused_since)
            if clock.paused_since is None:
                case["next_due_on"] = due
        elif clock.stopped_on >= self.kept_clocks_from:
            due = self._add_deadline(case, clock.request, calendar, None, None, clock.stopped_on)
            case["on_time"] = clock.stopped_on <= due
        else:
            due = self._computed(clock.request, calendar)[0].due
            case["on_time"] = clock.stopped_on <= due

    def _add_steps(self, case: Row, now: Trajectory) -> None:
        previous: CaseState | None = None
        for step in now.steps:
            at = dt.datetime.combine(step.on, _STEP_TIME)
            event = {
                "id": self.new_id(at),
                "case_id": case["id"],
                "occurred_on": step.on,
                "kind": step.kind,
                "from_state": previous,
                "to_state": step.state,
                "user_id": case["officer_id"],
                "created_at": at - _UTC_OFFSET,
            }
            number = step_document(step.kind, case["case_type"], step.on.year, self.next_number)
            if number is not None:  # the step's document, signed by the chairman that day
                event |= {
                    "doc_number": number,
                    "doc_date": step.on,
                    "doc_signer": self.unit.chairman_name,
                }
            self.rows.case_events.append(event)
            previous = step.state

    def _computed(
        self, request: DeadlineRequest, calendar: WorkCalendar
    ) -> tuple[DeadlineResult, str, str]:
        """The engine's answer for a request with its stored texts, computed once: many
        matters were accepted the same day under the same rule."""
        known = self._clock_cache.get(request)
        if known is None:
            result = compute_deadline(request, calendar, self.deadline_settings)
            known = (result, request.to_json(), json.dumps(result.as_json(), ensure_ascii=False))
            self._clock_cache[request] = known
        return known

    def _add_deadline(
        self,
        case: Row | None,
        request: DeadlineRequest,
        calendar: WorkCalendar,
        letter_id: uuid.UUID | None = None,
        paused_since: dt.date | None = None,
        stopped_on: dt.date | None = None,
    ) -> dt.date:
        """A legal clock, running or stopped on `stopped_on` (met or late); its due date."""
        result, request_json, explanation_json = self._computed(request, calendar)
        computed = dt.datetime.combine(request.start, _STEP_TIME)
        met = None if stopped_on is None else stopped_on <= result.due
        status = {None: DeadlineStatus.OPEN, True: DeadlineStatus.MET}.get(
            met, DeadlineStatus.MISSED
        )
        self.rows.deadlines.append(
            {
                "id": self.new_id(computed),
                "case_id": case["id"] if case is not None else None,
                "letter_id": letter_id,
                "visit_id": None,
                "rule_id": result.rule.id,
                "start_on": request.start,
                "due_on": result.due,
                "unit": result.unit.value,
                "status": status,
                "met_on": stopped_on,
                "provisional": result.provisional,
                "request_json": request_json,
                # A clock of past history keeps its request, not its long explanation:
                # the case view works it out again when asked (services/case_support.py).
                "explanation_json": explanation_json if stopped_on is None else "{}",
                "computed_at": computed - _UTC_OFFSET,
                "paused_since": paused_since if stopped_on is None else None,
            }
        )
        return result.due

    def decisive_step(self, matter: _Matter) -> str | None:
        """The first step after intake, if it has happened by today."""
        steps = [s for s in matter.trajectory.steps if s.on <= self.today]
        return steps[1].kind if len(steps) > 1 else None

    # --- visits --------------------------------------------------------------------

    def reception_sessions(self) -> tuple[list[Row], list[Row]]:
        """The chairman's weekly periodic reception (Thursdays) and ad-hoc ones."""
        rng = self.rng
        periodic, ad_hoc = [], []
        for day in self.past_working_days:
            if day.weekday() == 3:
                periodic.append(self._session(day, ReceptionType.PERIODIC, rng.random() < 0.8))
            elif rng.random() < 0.025:
                ad_hoc.append(self._session(day, ReceptionType.AD_HOC, rng.random() < 0.9))
        return periodic, ad_hoc

    def _session(self, day: dt.date, kind: ReceptionType, in_person: bool) -> Row:
        created = dt.datetime.combine(day, dt.time(7, 30)) - _UTC_OFFSET
        row = {
            "id": self.new_id(created + _UTC_OFFSET),
            "unit_id": self.unit.id,
            "held_on": day,
            "reception_type": kind,
            "chair_in_person": in_person,
            "presided_by": self.unit.chairman_name if in_person else self.vice_chairman,
            "notes": None,
            "created_at": created,
            "updated_at": created,
        }
        self.rows.sessions.append(row)
        return row

    def visit_times(
        self, count: int, periodic: list[Row], ad_hoc: list[Row]
    ) -> list[tuple[dt.datetime, Row | None]]:
        rng = self.rng
        times = []
        for _ in range(count):
            draw = rng.random()
            session = None
            if draw < 0.15 and periodic:
                session = rng.choice(periodic)
            elif draw < 0.19 and ad_hoc:
                session = rng.choice(ad_hoc)
            day = session["held_on"] if session else rng.choice(self.past_working_days)
            morning = session is not None or rng.random() < 0.65
            minute = (
                rng.randrange(7 * 60 + 30, 11 * 60 + 30)
                if morning
                else rng.randrange(13 * 60 + 30, 16 * 60 + 45)
            )
            times.append((dt.datetime.combine(day, dt.time(minute // 60, minute % 60)), session))
        times.sort(key=lambda item: item[0])
        return times

    def build_visits(self, count: int) -> list[tuple[Row, _Matter]]:
        """Visits in date order; returns the visits that handed in a letter."""
        rng = self.rng
        periodic, ad_hoc = self.reception_sessions()
        recent: list[_Matter] = []
        with_letter: list[tuple[Row, _Matter]] = []
        for when, session in self.visit_times(count, periodic, ad_hoc):
            visit = self._visit_base(when, session)
            draw = rng.random()
            if draw < 0.015:
                self._refused_visit(visit, when)
            elif draw < 0.24 and recent:
                matter = recent[rng.randrange(max(0, len(recent) - 4000), len(recent))]
                self._repeat_visit(visit, matter, when)
                if visit["handling"] == VisitHandling.LETTER_RECEIVED:
                    with_letter.append((visit, matter))
            else:
                matter = self._first_visit(visit, when)
                recent.append(matter)
                if visit["handling"] in (VisitHandling.ACCEPTED, VisitHandling.LETTER_RECEIVED):
                    with_letter.append((visit, matter))
            self._finish_visit(visit)
        return with_letter

    def _visit_base(self, when: dt.datetime, session: Row | None) -> Row:
        officer = self.rng.choice(self.officers)
        created = when - _UTC_OFFSET
        return {
            "id": self.new_id(when),
            "unit_id": self.unit.id,
            "year": when.year,
            "number": self.next_number("visit", when.year),
            "visited_at": when,
            "reception_type": session["reception_type"] if session else ReceptionType.REGULAR,
            "session_id": session["id"] if session else None,
            "chair_in_person": session["chair_in_person"] if session else None,
            "officer_id": None if session else officer.id,
            "officer_name": session["presided_by"] if session else officer.name,
            "content": "",
            "letter_type": None,
            "area_code": None,
            "is_repeat": False,
            "prior_handling": None,
            "handling": VisitHandling.LETTER_RECEIVED,
            "refusal_ground": None,
            "forwarded_to": None,
            "result_followup": None,
            "notes": None,
            "is_group": False,
            "head_count": 1,
            "case_id": None,
            "primary_name_sort": "",
            "search_text": "",
            "search_exact": "",
            "created_by": officer.id,
            "created_at": created,
            "updated_at": created,
            "_people": [],  # (person row, role), removed before insert
        }

    def _refused_visit(self, visit: Row, when: dt.datetime) -> None:
        person = self.new_person(when)
        visit["_people"].append((person, VisitorRole.VISITOR))
        visit["handling"] = VisitHandling.REFUSED
        visit["refusal_ground"] = self.rng.choice(list(RefusalGround))
        text = self.matter_text(LetterType.PETITION, {person["full_name"]})
        visit["content"], visit["area_code"] = text.content, text.area
        visit["letter_type"] = LetterType.PETITION
        visit["notes"] = "Lập biên bản từ chối tiếp theo Điều 9 Luật Tiếp công dân."

    def _repeat_visit(self, visit: Row, matter: _Matter, when: dt.datetime) -> None:
        persons_by_id = self._persons_by_id(matter.person_ids)
        for person in persons_by_id:
            visit["_people"].append((person, VisitorRole.VISITOR))
        visit.update(
            is_repeat=True,
            case_id=matter.case["id"],
            content=matter.content,
            _content_key=matter.content_key,
            letter_type=matter.letter_type,
            area_code=matter.area_code,
            prior_handling=f"Đã tiếp ngày {matter.case['received_on']:%d/%m/%Y}; "
            f"tình trạng: {matter.case['state'].label.lower()}",
            handling=VisitHandling.LETTER_RECEIVED
            if self.rng.random() < 0.4
            else VisitHandling.RETURNED_GUIDED,
        )

    def _first_visit(self, visit: Row, when: dt.datetime) -> _Matter:
        rng = self.rng
        is_group = rng.random() < 0.025
        people: list[tuple[Row, VisitorRole]] = []
        if is_group:
            head_count = rng.choice((rng.randint(5, 10), rng.randint(11, 45)))
            representatives = 1 + (head_count > 7) if head_count <= 10 else rng.randint(2, 5)
            if rng.random() < 0.05:  # a group that did not appoint representatives as Đ29 asks
                representatives = 6 if head_count > 10 else 0
            for _ in range(representatives):
                people.append((self.new_person(when), VisitorRole.REPRESENTATIVE))
            for _ in range(rng.randint(0 if people else 1, min(6, head_count - len(people)))):
                people.append((self.new_person(when), VisitorRole.MEMBER))
            visit.update(is_group=True, head_count=head_count)
        elif rng.random() < 0.08 and self.rows.persons:
            people.append((rng.choice(self.rows.persons), VisitorRole.VISITOR))
        else:
            people.append((self.new_person(when), VisitorRole.VISITOR))
        visit["_people"].extend(people)
        matter = self.new_matter(when.date(), [p["id"] for p, _ in people])
        step = self.decisive_step(matter)
        handling = _VISIT_HANDLING_OF_STEP.get(step or "", VisitHandling.LETTER_RECEIVED)
        if handling == VisitHandling.ACCEPTED and rng.random() < 0.5:
            handling = VisitHandling.LETTER_RECEIVED
        visit.update(
            case_id=matter.case["id"],
            content=matter.content,
            _content_key=matter.content_key,
            letter_type=matter.letter_type,
            area_code=matter.area_code,
            handling=handling,
        )
        if handling in (VisitHandling.FORWARDED, VisitHandling.RETURNED_GUIDED):
            visit["forwarded_to"] = rng.choice(words.COMPETENT_BODIES)
        if rng.random() < 0.2:
            visit["prior_handling"] = rng.choice(words.PRIOR_BODIES)
        if matter.case["state"] == CaseState.CLOSED:
            visit["result_followup"] = (
                f"Đã giải quyết xong ngày {matter.case['closed_on']:%d/%m/%Y}"
            )
        return matter

    def _persons_by_id(self, ids: list[uuid.UUID]) -> list[Row]:
        return [self.persons_by_id[i] for i in ids]

    def _finish_visit(self, visit: Row) -> None:
        people = visit.pop("_people")
        for position, (person, role) in enumerate(people):
            self.rows.visit_persons.append(
                {
                    "visit_id": visit["id"],
                    "person_id": person["id"],
                    "role": role,
                    "position": position,
                }
            )
        first = people[0][0]
        content_key = visit.pop("_content_key", None) or search_key(visit["content"])
        letter_type = visit["letter_type"]
        visit["primary_name_sort"] = register_name_sort(letter_type, first["name_sort"])
        visit["search_text"] = register_search_text(
            letter_type,
            content_key,
            [p["name_key"] for p, _ in people],
            [p["id_number"] for p, _ in people],
            first["address_key"],
        )
        visit["search_exact"] = register_search_exact(
            letter_type,
            visit["content"],
            [p["full_name"] for p, _ in people],
            [p["id_number"] for p, _ in people],
            first["address"],
        )
        self.rows.visits.append(visit)

    # --- letters -------------------------------------------------------------------

    def build_letters(self, total: int, handed_in: list[tuple[Row, _Matter]]) -> None:
        rng = self.rng
        from_visits = min(len(handed_in), round(total * 0.45))
        chosen = rng.sample(handed_in, from_visits)
        letters: list[Row] = []
        for visit, matter in chosen:
            letters.append(
                self._letter(
                    visit["visited_at"].date(), matter, LetterSource.IN_PERSON, visit_id=visit["id"]
                )
            )
        matters: list[_Matter] = [m for _, m in chosen]
        for _ in range(total - from_visits):
            received = rng.choice(self.past_working_days)
            source = rng.choices(_POSTED_SOURCES, cum_weights=_POSTED_SOURCE_CUMULATIVE)[0]
            if matters and rng.random() < 0.10:
                original = rng.choice(matters)
                if original.case["received_on"] < received:
                    letters.append(self._letter(received, original, source, duplicate=True))
                    continue
            matter = self.new_matter(received, [])
            # An anonymous denunciation names nobody: no citizen is recorded for it.
            anonymous = matter.letter_type == LetterType.DENUNCIATION and rng.random() < 0.12
            if not anonymous:
                person = self.new_person(
                    dt.datetime.combine(received, dt.time(9)), not_named=matter.text.subject_name
                )
                matter.person_ids.append(person["id"])
            matters.append(matter)
            letters.append(self._letter(received, matter, source))
        letters.sort(key=lambda row: row["received_on"])
        for row in letters:
            row["number"] = self.next_number("letter", row["year"])
        # Originals before the duplicates that point at them.
        letters.sort(key=lambda row: row["duplicate_of_id"] is not None)
        self.rows.letters.extend(letters)

    def _letter(
        self,
        received: dt.date,
        matter: _Matter,
        source: LetterSource,
        *,
        visit_id: uuid.UUID | None = None,
        duplicate: bool = False,
    ) -> Row:
        rng = self.rng
        letter_id = self.new_id(dt.datetime.combine(received, dt.time(9)))
        anonymous = not matter.person_ids
        kind = rng.choices(_FILER_KINDS, cum_weights=_FILER_KIND_CUMULATIVE)[0]
        step = self.decisive_step(matter)
        outcome = _LETTER_OUTCOME_OF_STEP.get(step or "")
        state = LetterState.PROCESSED if outcome else LetterState.RECEIVED
        if duplicate:
            outcome, state = LetterOutcome.ARCHIVED, LetterState.ARCHIVED
        elif (
            outcome == LetterOutcome.FORWARDED and matter.case["state"] == CaseState.AWAITING_REPLY
        ):
            state = LetterState.AWAITING_REPLY
        elif outcome in (LetterOutcome.ARCHIVED,):
            state = LetterState.ARCHIVED
        forwarded = source in _FORWARDED_SOURCES
        body, symbol = rng.choice(words.FORWARDING_BODIES)
        row: Row = {
            "id": letter_id,
            "unit_id": self.unit.id,
            "year": received.year,
            "number": 0,
            "received_on": received,
            "source": source,
            "forwarded_by": f"{body} {self.unit.province_name}" if forwarded else None,
            "forward_doc_number": f"{rng.randint(10, 2500)}/{symbol}" if forwarded else None,
            "forward_doc_date": received - dt.timedelta(days=rng.randint(2, 12))
            if forwarded
            else None,
            "officer_id": rng.choice(self.officers).id,
            "visit_id": visit_id,
            "letter_type": matter.letter_type,
            "area_code": matter.area_code,
            "content": matter.content,
            "requests": None,
            "filer_kind": kind,
            "signer_count": rng.randint(2, 30) if kind == FilerKind.MANY_SIGNERS else 1,
            "filer_identity": FilerIdentity.ANONYMOUS if anonymous else FilerIdentity.NAMED,
            "subject_name": None,
            "subject_position": None,
            "subject_org": None,
            "eligible": None
            if state == LetterState.RECEIVED
            else outcome != LetterOutcome.ARCHIVED,
            "ineligible_reason": "Đơn trùng nội dung đã xử lý" if duplicate else None,
            "competent": None
            if outcome is None
            else outcome not in (LetterOutcome.GUIDED, LetterOutcome.FORWARDED),
            "competent_body": rng.choice(words.COMPETENT_BODIES)
            if outcome in (LetterOutcome.GUIDED, LetterOutcome.FORWARDED)
            else None,
            "status_elsewhere": None,
            # A letter past intake was classified: its checklist, all met unless archived.
            "conditions_json": None
            if state == LetterState.RECEIVED
            else json.dumps(
                []
                if duplicate or outcome == LetterOutcome.ARCHIVED
                else sorted(c.value for c in CONDITIONS_BY_TYPE[matter.letter_type])
            ),
            "situations_json": "[]",
            "classification_note": None,
            "checked_new": not duplicate and state != LetterState.RECEIVED,
            "filer_org": None,
            "authorisation_doc": None,
            "outcome_ground": None,
            "outcome_note": None,
            "reply_on": None,
            "reply_note": None,
            "duplicate_of_id": matter.letter_ids[0] if duplicate and matter.letter_ids else None,
            "case_id": matter.case["id"],
            "state": state,
            "outcome": outcome,
            "outcome_on": matter.trajectory.steps[1].on
            if outcome and not duplicate
            else (received if duplicate else None),
            "primary_name_sort": "",
            "search_text": "",
            "created_by": None,
            "created_at": dt.datetime.combine(received, dt.time(9)) - _UTC_OFFSET,
            "updated_at": dt.datetime.combine(received, dt.time(9)) - _UTC_OFFSET,
        }
        row["outcome_body"] = row["competent_body"]
        row["created_by"] = row["officer_id"]
        row["subject_name"] = matter.text.subject_name
        row["subject_position"] = matter.text.subject_position
        matter.letter_ids.append(letter_id)
        if state in (LetterState.RECEIVED, LetterState.PROPOSED) and self.calendar is not None:
            # Not handled yet: its intake clocks run, as for a letter typed in (a
            # proposal to accept ends letter processing, X1, not the acceptance).
            proposed = state == LetterState.PROPOSED
            for rule_id in INTAKE_RULES[matter.letter_type]:
                if proposed and rule_id == "X1":
                    continue
                self._add_deadline(
                    None, DeadlineRequest(rule_id, received), self.calendar, letter_id
                )
        people = self._persons_by_id(matter.person_ids)
        role = LetterPartyRole.REPRESENTATIVE if len(people) > 1 else LetterPartyRole.FILER
        for position, person in enumerate(people[:5]):
            self.rows.letter_persons.append(
                {
                    "letter_id": letter_id,
                    "person_id": person["id"],
                    "role": role,
                    "position": position,
                }
            )
        first = people[0] if people else None
        row["primary_name_sort"] = register_name_sort(
            matter.letter_type, first["name_sort"] if first else ""
        )
        row["search_text"] = register_search_text(
            matter.letter_type,
            matter.content_key,
            [first["name_key"]] if first else [],
            [first["id_number"]] if first else [],
            first["address_key"] if first else None,
        )
        return row

    # --- all -----------------------------------------------------------------------

    def build(self, visits: int, letters: int) -> DemoRows:
        handed_in = self.build_visits(visits)
        self.build_letters(letters, handed_in)
        self.rows.cases.sort(key=lambda row: row["received_on"])
        for case in self.rows.cases:
            case["number"] = self.next_number("case", case["year"])
        return self.rows
