"""Performance budgets measured on a real database (`tiepdan benchmark`).

Budgets of the reception register (issue 4), on `tiepdan demo-data --visits 200000`:
- the register opens and paints its first rows in under 0.3 s;
- a search keystroke updates the results in under 0.1 s;
- sorting by name takes under 0.5 s.

Each figure is the best of a few runs of the whole path a screen takes before
the official sees rows: the row count and the first keys of the filter and
order, then the first block of rows; taken through the services, and with
--gui through the real reception screen (offscreen).  The rest of the keys
are read after that, in the background; their time is shown for information.

Budget of the periodic reports (issue 7): the monthly 01/TCD report, Excel and
PDF, in under 2 s on the 200,000-visit database.

Budgets of the letter register (issue 5), on `--letters 100000`:
- the duplicate check finds a re-sent letter of the same person, its content
  reworded, in under 0.2 s;
- the register opens (count and first rows) in under 0.3 s.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from tiepdan_desktop.db.models import Letter, LetterPerson, Person
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.confidentiality import IDENTITY_PROTECTED_TYPES
from tiepdan_desktop.domain.letter_records import LetterFilter, LetterView
from tiepdan_desktop.domain.visit_records import PersonInput, RegisterFilter, RegisterSort
from tiepdan_desktop.services import letters, reports, visits
from tiepdan_desktop.services.context import ServiceContext

FIRST_BLOCK = 100
RUNS = 5
TYPED = "nguyen van an"
TYPED_WITH_MARKS = "nguyễn văn an"  # exact matches ranked first: two passes


@dataclass(frozen=True)
class Measure:
    name: str
    seconds: float
    budget: float
    detail: str = ""

    @property
    def met(self) -> bool:
        return self.seconds <= self.budget

    def line(self) -> str:
        verdict = "đạt" if self.met else "VƯỢT"
        extra = f" ({self.detail})" if self.detail else ""
        return (
            f"{self.name:<46} {self.seconds * 1000:8.1f} ms   hạn mức {self.budget * 1000:6.0f} ms"
            f"   {verdict}{extra}"
        )


def _best(run: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def _screenful(context: ServiceContext, actor: Actor, wanted: RegisterFilter) -> int:
    start = visits.register_start(context, actor, wanted)
    visits.register_rows(context, actor, start.keys[:FIRST_BLOCK])
    return start.total


def register_benchmarks(context: ServiceContext, actor: Actor) -> list[Measure]:
    total = _screenful(context, actor, RegisterFilter())
    opened = _best(lambda: _screenful(context, actor, RegisterFilter()))

    def typing(text: str) -> list[float]:
        """Each keystroke of `text`: the search as it stands after that key."""
        return [
            _best(lambda t=text[:end]: _screenful(context, actor, RegisterFilter(search=t)), 3)
            for end in range(1, len(text) + 1)
        ]

    keystrokes = typing(TYPED)
    marked = typing(TYPED_WITH_MARKS)
    by_name = _best(
        lambda: _screenful(context, actor, RegisterFilter(sort=RegisterSort.NAME, descending=False))
    )
    every_key = _best(lambda: visits.register_keys(context, actor, RegisterFilter()), 3)
    return [
        Measure("Mở sổ: số dòng + 100 dòng đầu", opened, 0.3, f"{total:,} lượt tiếp"),
        Measure(
            "Một phím khi tìm «nguyen van an» (chậm nhất)",
            max(keystrokes),
            0.1,
            f"trung vị {statistics.median(keystrokes) * 1000:.1f} ms",
        ),
        Measure(
            "Một phím khi tìm «nguyễn văn an» (chậm nhất)",
            max(marked),
            0.1,
            f"trung vị {statistics.median(marked) * 1000:.1f} ms",
        ),
        Measure("Sắp xếp theo tên (tên trước, kiểu Việt)", by_name, 0.5),
        Measure("(nền) khóa của mọi dòng, sau khi đã hiện", every_key, 1.0),
    ]


def _reworded(content: str) -> str:
    """The same matter told again: words reordered, a few dropped, new ones added."""
    words = content.split()
    kept = [word for index, word in enumerate(words) if index % 5 != 2]
    middle = len(kept) // 2
    return (
        "Tôi gửi lại đơn lần nữa vì "
        + " ".join(kept[middle:] + kept[:middle])
        + ", chưa được giải quyết"
    )


def _resent_letters(context: ServiceContext, count: int) -> list[tuple[Letter, Person]]:
    """Letters of named people spread over the register, to be "sent again"."""
    with context.sessions.reading() as session:
        rows = session.execute(
            select(Letter, Person)
            .join(LetterPerson, LetterPerson.letter_id == Letter.id)
            .join(Person, Person.id == LetterPerson.person_id)
            .where(
                Letter.letter_type.not_in(IDENTITY_PROTECTED_TYPES), Person.birth_year.is_not(None)
            )
            .order_by(Letter.id)
        ).all()
    step = max(len(rows) // count, 1)
    return [(letter, person) for letter, person in rows[::step][:count]]


def letter_benchmarks(context: ServiceContext, actor: Actor) -> list[Measure]:
    """The letter register: opening it, its overdue view, and the duplicate check
    of a re-sent letter (typed name and birth year, no ID number, reworded)."""
    with context.sessions.reading() as session:
        total = len(session.scalars(select(Letter.id)).all())
    if not total:
        return []

    def screenful(wanted: LetterFilter) -> None:
        start = letters.register_start(context, actor, wanted)
        letters.register_rows(context, actor, start.keys[:FIRST_BLOCK])

    opened = _best(lambda: screenful(LetterFilter()))
    overdue = _best(lambda: screenful(LetterFilter(view=LetterView.OVERDUE)))
    checks, found = [], 0
    for letter, person in _resent_letters(context, 20):
        typed = PersonInput(person.full_name.upper(), birth_year=person.birth_year)
        text = _reworded(letter.content)
        started = time.perf_counter()
        candidates = letters.find_duplicates(context, actor, text, [typed], letter.letter_type)
        checks.append(time.perf_counter() - started)
        found += any(c.letter_id == letter.id for c in candidates)
    return [
        Measure("Mở sổ đơn: số dòng + 100 dòng đầu", opened, 0.3, f"{total:,} đơn"),
        Measure("Sổ đơn: xem «Quá hạn»", overdue, 0.3),
        Measure(
            "Tìm đơn trùng của đơn gửi lại (chậm nhất)",
            max(checks),
            0.2,
            f"trung vị {statistics.median(checks) * 1000:.1f} ms; tìm thấy {found}/{len(checks)}",
        ),
    ]


def report_benchmarks(context: ServiceContext, actor: Actor) -> list[Measure]:
    """The monthly 01/TCD report of the last complete reporting month, Excel and
    PDF together, from the registers to the two files on disk (cold: a fresh
    period each run would be no different, the figures are always recomputed)."""
    today = context.today()
    current = reports.resolve_period(context, actor, f"{today.year}-{today.month:02d}")
    year, month = (current.year, current.index - 1) if current.index > 1 else (current.year - 1, 12)
    period = reports.resolve_period(context, actor, f"{year}-{month:02d}")
    with tempfile.TemporaryDirectory(prefix="tiepdan-bench-") as folder:
        xlsx, pdf = Path(folder) / "bc.xlsx", Path(folder) / "bc.pdf"
        files = reports.export_report(context, actor, "01/TCD", period, xlsx=xlsx, pdf=pdf)
        seconds = _best(
            lambda: reports.export_report(context, actor, "01/TCD", period, xlsx=xlsx, pdf=pdf)
        )
        figures = _best(lambda: reports.build_report(context, actor, "01/TCD", period))
    visits_counted = int(files.run.values[1])
    return [
        Measure(
            f"Báo cáo 01/TCD tháng {period.index}/{period.year}: Excel + PDF",
            seconds,
            2.0,
            f"{visits_counted:,} lượt tiếp trong kỳ",
        ),
        Measure("(trong đó) tính và kiểm tra số liệu", figures, 2.0),
    ]


def gui_benchmarks(context: ServiceContext, actor: Actor) -> list[Measure]:
    """The reception screen itself, offscreen: built, keys read, first rows shown."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from tiepdan_desktop.app import create_application
    from tiepdan_desktop.ui.app_context import AppContext
    from tiepdan_desktop.ui.pages.catalogue import SCREENS
    from tiepdan_desktop.ui.pages.reception_page import ReceptionPage
    from tiepdan_desktop.ui.tasks import TaskRunner
    from tiepdan_desktop.ui.ui_state import UiState

    application = create_application()
    screen = next(s for s in SCREENS if s.key == "reception")
    tasks = TaskRunner(lambda error: print(f"Lỗi: {error}"))
    # Column layouts of the benchmark's own, not the office's.
    state = UiState(Path(tempfile.mkdtemp(prefix="tiepdan-bench-")) / "ui-state.ini")
    app = AppContext(context, actor, tasks, state, "benchmark")

    def shown() -> None:
        page = ReceptionPage(app, screen)
        page.resize(1300, 700)
        page.show()
        deadline = time.perf_counter() + 10
        while page.model.record(0) is None and time.perf_counter() < deadline:
            application.processEvents()
            time.sleep(0.001)
        page.close()
        page.deleteLater()
        application.processEvents()

    shown()  # the first build loads Qt's styles and fonts: not what an official waits for
    return [Measure("Màn hình sổ: dựng, đọc khóa, hiện dòng đầu", _best(shown, 3), 0.3)]
