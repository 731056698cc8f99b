"""The product's own operations outside the screens, through the services as the
screens and the command line call them: the monthly report, the register's
exports, and the letter register's budgets of issue 5."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from tiepdan_desktop.bench import floors
from tiepdan_desktop.bench.results import Budget, Result, median_of, sampled
from tiepdan_desktop.db.models import Letter, LetterPerson, Person, Visit
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.confidentiality import IDENTITY_PROTECTED_TYPES
from tiepdan_desktop.domain.letter_records import LetterFilter, LetterView
from tiepdan_desktop.domain.visit_records import PersonInput
from tiepdan_desktop.exports.visit_register_layout import cells
from tiepdan_desktop.services import letters, reports, visit_exports, visits
from tiepdan_desktop.services.context import ServiceContext

FIRST_BLOCK = 100


@dataclass(frozen=True)
class Period:
    date_from: dt.date
    date_to: dt.date
    rows: int


def period_of(context: ServiceContext, rows: int) -> Period:
    """The first days of the register holding at least `rows` visits."""
    with context.sessions.reading() as session:
        dates = session.scalars(
            select(func.date(Visit.visited_at)).order_by(Visit.visited_at).limit(rows)
        ).all()
        first = dt.date.fromisoformat(dates[0])
        last = dt.date.fromisoformat(dates[-1])
        count = session.scalar(
            select(func.count())
            .select_from(Visit)
            .where(func.date(Visit.visited_at).between(first.isoformat(), last.isoformat()))
        )
    return Period(first, last, int(count or 0))


def monthly_report(context: ServiceContext, actor: Actor, runs: int) -> Result:
    """01/TCD of the last complete month, Excel and PDF, registers to files."""
    today = context.today()
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    period = reports.resolve_period(context, actor, f"{year}-{month:02d}")
    with tempfile.TemporaryDirectory(prefix="tiepdan-bench-") as folder:
        xlsx, pdf = Path(folder) / "bc.xlsx", Path(folder) / "bc.pdf"

        def run() -> reports.ReportFiles:
            return reports.export_report(context, actor, "01/TCD", period, xlsx=xlsx, pdf=pdf)

        files = run()  # loads openpyxl and reportlab once, as a session would
        median, samples = median_of(run, runs)
    counted = int(files.run.values[1])
    return Result(
        f"Báo cáo tháng 01/TCD {period.index}/{period.year} (Excel + PDF)",
        median,
        samples,
        Budget(seconds=1.0),
        detail=f"{counted:,} lượt tiếp trong kỳ",
    )


def xlsx_export(context: ServiceContext, actor: Actor, rows: int, runs: int) -> Result:
    """The register of a period of `rows` visits to Excel, against F_xlsx."""
    period = period_of(context, rows)
    values = [
        cells(row)
        for row in visits.register_period(context, actor, period.date_from, period.date_to)
    ]
    with tempfile.TemporaryDirectory(prefix="tiepdan-bench-") as folder:
        target = Path(folder) / "so.xlsx"
        floor_file = Path(folder) / "floor.xlsx"
        floor_runs = max(runs, 1)
        # Once each on a few rows first, not timed: the libraries load, as in a session.
        floors.openpyxl_values(values[:1_000], floor_file)
        floors.xlsxwriter_values(values[:1_000], floor_file)
        visit_exports.export_register(
            context, actor, period.date_from, period.date_from, xlsx=target
        )
        candidates = {
            "openpyxl": median_of(lambda: floors.openpyxl_values(values, floor_file), floor_runs),
            "XlsxWriter": median_of(
                lambda: floors.xlsxwriter_values(values, floor_file), floor_runs
            ),
            "XlsxWriter (bộ nhớ)": median_of(
                lambda: floors.xlsxwriter_values(values, floor_file, False), floor_runs
            ),
        }
        fastest = min(candidates, key=lambda name: candidates[name][0])
        median, samples = median_of(
            lambda: visit_exports.export_register(
                context, actor, period.date_from, period.date_to, xlsx=target
            ),
            runs,
        )
    floors_text = ", ".join(f"{name} {figures[0]:.2f} s" for name, figures in candidates.items())
    return Result(
        f"Xuất Excel {len(values):,} dòng sổ tiếp",
        median,
        samples,
        Budget(ratio=1.2),
        floor=candidates[fastest][0],
        floor_name="F_xlsx",
        detail=f"từ {period.date_from:%d/%m/%Y} đến {period.date_to:%d/%m/%Y}; sàn: {floors_text}",
    )


def pdf_export(context: ServiceContext, actor: Actor, rows: int, runs: int) -> Result:
    """The register of a period of about `rows` visits to PDF, against F_pdf."""
    from tiepdan_desktop.exports.visit_register_pdf import ROWS_PER_TABLE, column_widths

    period = period_of(context, rows)
    strings = [
        [
            value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value)
            for value in cells(row)
        ]
        for row in visits.register_period(context, actor, period.date_from, period.date_to)
    ]
    with tempfile.TemporaryDirectory(prefix="tiepdan-bench-") as folder:
        target = Path(folder) / "so.pdf"
        floor_file = Path(folder) / "floor.pdf"
        widths = column_widths()
        floors.bare_pdf_table(strings, widths, floor_file)  # fonts loaded once for all
        whole = median_of(lambda: floors.bare_pdf_table(strings, widths, floor_file), runs)
        paged = median_of(
            lambda: floors.bare_pdf_table(strings, widths, floor_file, ROWS_PER_TABLE), runs
        )
        floor = min(whole[0], paged[0])
        median, samples = median_of(
            lambda: visit_exports.export_register(
                context, actor, period.date_from, period.date_to, pdf=target
            ),
            runs,
        )
    return Result(
        f"In PDF {len(strings):,} dòng sổ tiếp",
        median,
        samples,
        Budget(ratio=1.3),
        floor=floor,
        floor_name="F_pdf",
        detail=f"từ {period.date_from:%d/%m/%Y} đến {period.date_to:%d/%m/%Y}; sàn: một bảng "
        f"{whole[0]:.2f} s, bảng {ROWS_PER_TABLE} dòng {paged[0]:.2f} s",
    )


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


def letter_register(context: ServiceContext, actor: Actor, runs: int) -> list[Result]:
    """The letter register (issue 5): opening it, its overdue view, and the
    duplicate check of a re-sent letter (name in capitals and birth year, no ID
    number, the content reworded)."""

    def screenful(wanted: LetterFilter) -> None:
        start = letters.register_start(context, actor, wanted)
        letters.register_rows(context, actor, start.keys[:FIRST_BLOCK])

    opened = median_of(lambda: screenful(LetterFilter()), runs)
    overdue = median_of(lambda: screenful(LetterFilter(view=LetterView.OVERDUE)), runs)
    checks, found = [], 0
    for letter, person in _resent_letters(context, 20):
        typed = PersonInput(person.full_name.upper(), birth_year=person.birth_year)
        text = _reworded(letter.content)
        started = time.perf_counter()
        candidates = letters.find_duplicates(context, actor, text, [typed], letter.letter_type)
        checks.append(time.perf_counter() - started)
        found += any(candidate.letter_id == letter.id for candidate in candidates)
    return [
        Result("Sổ đơn: số dòng + 100 dòng đầu", *opened, Budget(seconds=0.3)),
        Result("Sổ đơn: xem «Quá hạn»", *overdue, Budget(seconds=0.3)),
        Result(
            "Tìm đơn trùng của đơn gửi lại",
            *sampled(checks),
            Budget(seconds=0.2),
            detail=f"chậm nhất {max(checks) * 1000:.0f} ms; tìm thấy {found}/{len(checks)}",
        ),
    ]
