"""The figures of a form, computed record by record, and their cross-checks.

Each cell keeps the records it counted, so a check that fails can name them,
and a frozen report can later say which records arrived after it was sent.

Checks, run before anything is written (LEGAL.md §6.2, issue 7):
- every column declared as a sum of others equals that sum — both sides are
  counted from the records on their own, so a record that fits none of the
  parts (or two of them) shows up;
- every record set holds no record twice, and as many records of each kind
  (received in the period, carried over …) as a plain COUNT over the register
  finds — the records are sorted into kinds in Python, the COUNT in SQL;
- every count equals the number of records behind it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from tiepdan_desktop.domain.report_spec import ColumnSpec, FormSpec, MeasureKind
from tiepdan_desktop.domain.report_vocabulary import RECORD_NOUNS

# A message names at most this many records; the rest are counted.
NAMED_RECORDS = 10


@dataclass(frozen=True)
class Fact:
    """One record behind a report: its attributes, numbers and how to name it."""

    source: str
    key: str
    label: str
    values: Mapping[str, str]
    numbers: Mapping[str, float] = field(default_factory=dict)
    # The value a "distinct" measure counts (the matter key).
    matter: str = ""


@dataclass(frozen=True)
class Cell:
    number: int
    value: float
    # Keys of the records counted (or, for a sum, those with a non-zero amount).
    records: tuple[str, ...]


@dataclass(frozen=True)
class CheckFailure:
    # Which cell or record set, as the official reads it: «Ô (1) «Tổng số lượt tiếp»».
    cell: str
    message: str
    records: tuple[str, ...]

    def text(self) -> str:
        return f"{self.cell}: {self.message}"


@dataclass(frozen=True)
class RegisterCount:
    """How many records of a kind a plain COUNT over the register finds — e.g. the
    letters received in the period — to hold against the records read and sorted
    in Python (attribute "" means all of them)."""

    what: str
    count: int
    attribute: str = ""
    value: str = ""


@dataclass(frozen=True)
class FactSet:
    """The records of one source and the register's own counts of them."""

    facts: tuple[Fact, ...]
    register_counts: tuple[RegisterCount, ...]


def _cell(column: ColumnSpec, facts: Iterable[Fact]) -> Cell:
    chosen = [fact for fact in facts if column.matches(fact.values)]
    kind = column.measure.kind
    if kind is MeasureKind.RECORDS:
        return Cell(column.number, len(chosen), tuple(fact.key for fact in chosen))
    if kind is MeasureKind.DISTINCT:
        return Cell(column.number, len({fact.matter for fact in chosen}), _keys(chosen))
    name = column.measure.field
    amounts = [(fact.key, fact.numbers.get(name, 0.0)) for fact in chosen]
    total = round(sum(amount for _, amount in amounts), 4)
    return Cell(column.number, total, tuple(key for key, amount in amounts if amount))


def _keys(facts: Sequence[Fact]) -> tuple[str, ...]:
    return tuple(fact.key for fact in facts)


def compute_cells(spec: FormSpec, facts: Mapping[str, FactSet]) -> dict[int, Cell]:
    return {column.number: _cell(column, facts[column.source].facts) for column in spec.columns}


def format_number(value: float) -> str:
    """1.234,5 — the Vietnamese way, at most two decimals; whole numbers without."""
    value = round(value, 2)
    if value == int(value):
        return f"{int(value):,}".replace(",", ".")
    whole, _, decimals = f"{value:,.2f}".rstrip("0").partition(".")
    return whole.replace(",", ".") + "," + decimals


def _named(keys: Iterable[str], labels: Mapping[str, str]) -> str:
    names = sorted({labels.get(key, key) for key in keys})
    shown = ", ".join(names[:NAMED_RECORDS])
    more = len(names) - NAMED_RECORDS
    return shown + (f" và {more} bản ghi khác" if more > 0 else "")


def _cell_name(column: ColumnSpec) -> str:
    return f"Ô ({column.number}) «{column.label}»"


def _sum_failure(
    column: ColumnSpec,
    parts: tuple[int, ...],
    cells: Mapping[int, Cell],
    labels: Mapping[str, str],
) -> CheckFailure | None:
    total = cells[column.number].value
    parts_sum = round(sum(cells[part].value for part in parts), 4)
    if abs(total - parts_sum) < 1e-6:
        return None
    formula = "+".join(f"({part})" for part in parts)
    message = f"bằng {format_number(total)} nhưng {formula} = {format_number(parts_sum)}."
    whole = set(cells[column.number].records)
    in_parts = Counter(key for part in parts for key in cells[part].records)
    missing = whole - set(in_parts)
    twice = {key for key, times in in_parts.items() if times > 1}
    extra = set(in_parts) - whole
    involved: set[str] = set()
    if missing:
        message += (
            f" Có ở ({column.number}) mà không ở cột thành phần nào: {_named(missing, labels)}."
        )
        involved |= missing
    if twice:
        message += f" Bị tính hai lần ở các cột thành phần: {_named(twice, labels)}."
        involved |= twice
    if extra:
        message += f" Có ở cột thành phần mà không ở ({column.number}): {_named(extra, labels)}."
        involved |= extra
    return CheckFailure(_cell_name(column), message, tuple(sorted(involved)))


def check_figures(
    spec: FormSpec, facts: Mapping[str, FactSet], cells: Mapping[int, Cell]
) -> list[CheckFailure]:
    """Every failed check, each naming the cell and the records involved."""
    labels: dict[str, str] = {}
    for fact_set in facts.values():
        labels.update({fact.key: fact.label for fact in fact_set.facts})
    failures: list[CheckFailure] = []
    for source in sorted(spec.sources):
        fact_set = facts[source]
        keys = Counter(fact.key for fact in fact_set.facts)
        noun = RECORD_NOUNS[source]
        twice = {key for key, times in keys.items() if times > 1}
        if twice:
            failures.append(
                CheckFailure(
                    f"Số liệu {noun}",
                    f"có bản ghi bị đọc hai lần: {_named(twice, labels)}.",
                    tuple(sorted(twice)),
                )
            )
        for expected in fact_set.register_counts:
            found = {
                fact.key
                for fact in fact_set.facts
                if not expected.attribute or fact.values.get(expected.attribute) == expected.value
            }
            if len(found) != expected.count:
                failures.append(
                    CheckFailure(
                        f"Số liệu {noun}",
                        f"đọc được {len(found)} {noun} {expected.what} nhưng sổ có "
                        f"{expected.count}.",
                        (),
                    )
                )
    for column in spec.columns:
        cell = cells[column.number]
        if column.measure.kind is MeasureKind.RECORDS and cell.value != len(set(cell.records)):
            failures.append(
                CheckFailure(
                    _cell_name(column),
                    f"bằng {format_number(cell.value)} nhưng có {len(set(cell.records))} "
                    f"{RECORD_NOUNS[column.source]} khác nhau.",
                    tuple(sorted(set(cell.records))),
                )
            )
    for total, parts in spec.sums():
        if failure := _sum_failure(spec.column(total), parts, cells, labels):
            failures.append(failure)
    return failures


@dataclass(frozen=True)
class Ratio:
    label: str
    numerator: float
    denominator: float

    @property
    def percent(self) -> float | None:
        return None if not self.denominator else round(100 * self.numerator / self.denominator, 1)

    def text(self) -> str:
        percent = self.percent
        shown = "—" if percent is None else format_number(percent) + "%"
        return (
            f"{self.label}: {shown} "
            f"({format_number(self.numerator)}/{format_number(self.denominator)})"
        )


def ratios_of(spec: FormSpec, values: Mapping[int, float]) -> tuple[Ratio, ...]:
    return tuple(
        Ratio(ratio.label, values[ratio.numerator], values[ratio.denominator])
        for ratio in spec.ratios
    )


@dataclass(frozen=True)
class CellChange:
    """A cell that differs from the frozen report, and the records behind it."""

    number: int
    label: str
    frozen: float
    current: float
    added: tuple[str, ...]
    removed: tuple[str, ...]


def changes_since(
    spec: FormSpec,
    frozen_values: Mapping[int, float],
    frozen_records: Mapping[int, Sequence[str]],
    cells: Mapping[int, Cell],
    labels: Mapping[str, str],
) -> tuple[CellChange, ...]:
    """What the registers say now against what was sent (late entries, edits)."""
    changes = []
    for column in spec.columns:
        before = frozen_values.get(column.number, 0.0)
        now = cells[column.number]
        old_keys = set(frozen_records.get(column.number, ()))
        new_keys = set(now.records)
        if abs(before - now.value) < 1e-6 and old_keys == new_keys:
            continue
        changes.append(
            CellChange(
                column.number,
                column.label,
                before,
                now.value,
                tuple(sorted(labels.get(key, key) for key in new_keys - old_keys)),
                tuple(sorted(labels.get(key, key) for key in old_keys - new_keys)),
            )
        )
    return tuple(changes)
