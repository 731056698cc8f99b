"""A report form as data: the spec files under resources/reports/.

One TOML file per form holds its code, title, the regime it follows, and its
columns: the header path of each (top row first), what it counts and the
columns it is the sum of, e.g. (1) = (4)+(13)+(22).  The same spec drives the
figures, the cross-checks, the Excel and the PDF, so a new circular is a new
spec file, not new code.  `parse_form_spec` refuses anything it cannot use,
with the file and the column named.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tiepdan_desktop.domain.errors import DomainError
from tiepdan_desktop.domain.report_vocabulary import ATTRIBUTES, DISTINCT, NUMBERS


class SpecError(DomainError):
    """A spec file that cannot be used; the message names the file and the place."""


class MeasureKind(StrEnum):
    RECORDS = "records"  # how many records
    SUM = "sum"  # the sum of a number of the records
    DISTINCT = "distinct"  # how many different values (vụ việc)


@dataclass(frozen=True)
class Measure:
    kind: MeasureKind
    field: str = ""

    @classmethod
    def parse(cls, text: str) -> Measure:
        kind, _, field = text.partition(":")
        return cls(MeasureKind(kind), field)


@dataclass(frozen=True)
class ColumnSpec:
    number: int
    header: tuple[str, ...]
    source: str
    measure: Measure
    # Attribute → the values a record must have to count here.
    where: tuple[tuple[str, frozenset[str]], ...]
    # This column equals the sum of these columns (a live formula in Excel).
    parts: tuple[int, ...]
    unit: str
    decimals: int

    @property
    def label(self) -> str:
        return " › ".join(self.header)

    def matches(self, values: Mapping[str, str]) -> bool:
        return all(values.get(name, "") in allowed for name, allowed in self.where)


@dataclass(frozen=True)
class RatioSpec:
    """A share asked for in the narrative report: numerator / denominator columns."""

    label: str
    numerator: int
    denominator: int


@dataclass(frozen=True)
class FormSpec:
    code: str
    title: str
    regime: str
    # Which published structure the columns follow, with its confidence mark.
    columns_follow: str
    # A line under the table, e.g. which letters the form leaves out.
    note: str
    columns: tuple[ColumnSpec, ...]
    # Further sums that must hold: (total, parts), besides the columns' own.
    checks: tuple[tuple[int, tuple[int, ...]], ...]
    ratios: tuple[RatioSpec, ...]
    # The column whose letters the list of letters (phụ lục) shows; 0: no list.
    annex_column: int
    origin: str

    @property
    def depth(self) -> int:
        return max(len(column.header) for column in self.columns)

    @property
    def sources(self) -> frozenset[str]:
        return frozenset(column.source for column in self.columns)

    def column(self, number: int) -> ColumnSpec:
        return self.columns[number - 1]

    def fingerprint(self) -> str:
        """Changes when what any column counts changes (not its wording): a report
        frozen under another version of the form cannot be compared cell by cell."""
        canonical = [
            [
                column.number,
                column.source,
                column.measure.kind.value,
                column.measure.field,
                [[name, sorted(values)] for name, values in column.where],
                list(column.parts),
            ]
            for column in self.columns
        ]
        text = json.dumps([self.code, canonical], ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def sums(self) -> list[tuple[int, tuple[int, ...]]]:
        """Every relation total = Σ parts the figures must satisfy."""
        own = [(column.number, column.parts) for column in self.columns if column.parts]
        return own + list(self.checks)


def _where(raw: dict[str, Any], source: str, place: str) -> tuple[tuple[str, frozenset[str]], ...]:
    known = ATTRIBUTES[source]
    where = []
    for name, value in raw.items():
        if name not in known:
            raise SpecError(f"{place}: thuộc tính «{name}» không có ở «{source}».")
        values = frozenset(value if isinstance(value, list) else [value])
        unknown = sorted(str(item) for item in values - known[name])
        if unknown:
            raise SpecError(f"{place}: «{name}» không nhận giá trị {', '.join(unknown)}.")
        where.append((name, values))
    return tuple(sorted(where))


def _measure(raw: Any, source: str, place: str) -> Measure:
    try:
        measure = Measure.parse(str(raw))
    except ValueError:
        raise SpecError(f"{place}: cách đếm «{raw}» không có.") from None
    allowed = {
        MeasureKind.RECORDS: frozenset({""}),
        MeasureKind.SUM: NUMBERS[source],
        MeasureKind.DISTINCT: DISTINCT[source],
    }[measure.kind]
    if measure.field not in allowed:
        raise SpecError(f"{place}: «{raw}» không dùng được với «{source}».")
    return measure


def _column(raw: dict[str, Any], defaults: dict[str, Any], origin: str) -> ColumnSpec:
    number = raw.get("no")
    place = f"{origin}, cột ({number})"
    header = raw.get("header")
    if not isinstance(header, list) or not header or not all(isinstance(h, str) for h in header):
        raise SpecError(f"{place}: «header» phải là danh sách tiêu đề, từ trên xuống.")
    source = raw.get("source", defaults.get("source"))
    if source not in ATTRIBUTES:
        raise SpecError(f"{place}: nguồn số liệu «{source}» không có.")
    own_where = raw.get("where", {})
    if not isinstance(own_where, dict):
        raise SpecError(f"{place}: «where» phải là bảng thuộc tính.")
    where = dict(defaults.get("where", {}))
    where.update(own_where)
    parts = raw.get("parts", [])
    if not isinstance(parts, list) or not all(isinstance(part, int) for part in parts):
        raise SpecError(f"{place}: «parts» phải là danh sách số cột.")
    return ColumnSpec(
        number=int(number) if isinstance(number, int) else 0,
        header=tuple(header),
        source=str(source),
        measure=_measure(raw.get("count", "records"), str(source), place),
        where=_where(where, str(source), place),
        parts=tuple(parts),
        unit=str(raw.get("unit", "")),
        decimals=_whole(raw, "decimals", 0, place),
    )


def _check_columns(columns: tuple[ColumnSpec, ...], origin: str) -> None:
    for position, column in enumerate(columns, start=1):
        if column.number != position:
            raise SpecError(f"{origin}: cột thứ {position} phải có «no = {position}».")
    for column in columns:
        for part in column.parts:
            if not 1 <= part <= len(columns) or part == column.number:
                raise SpecError(f"{origin}, cột ({column.number}): cột thành phần ({part}) sai.")
    # A header group must be contiguous, or its merged cell would cover strangers.
    groups: dict[tuple[str, ...], list[int]] = {}
    for column in columns:
        for depth in range(1, len(column.header)):
            groups.setdefault(column.header[:depth], []).append(column.number)
    for prefix, numbers in groups.items():
        if numbers[-1] - numbers[0] + 1 != len(numbers):
            raise SpecError(f"{origin}: nhóm tiêu đề «{' › '.join(prefix)}» bị tách rời.")


# "01/TCD", "02/XLD-KN": also a file name and a sheet name, so nothing else.
CODE = re.compile(r"[0-9]{2}[A-Z]?/[A-Z]+(-[A-Z]+)?")


def _whole(raw: dict[str, Any], key: str, default: int, place: str) -> int:
    value = raw.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise SpecError(f"{place}: «{key}» phải là số nguyên không âm.")
    return value


def parse_form_spec(raw: dict[str, Any], origin: str) -> FormSpec:
    """The form of one spec file (already read from TOML)."""
    for key in ("code", "title", "regime", "columns_follow"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise SpecError(f"{origin}: thiếu «{key}».")
    if not CODE.fullmatch(raw["code"].strip()):
        raise SpecError(f"{origin}: số biểu «{raw['code']}» phải viết như 01/TCD, 02/XLD-KN.")
    defaults = {"source": raw.get("source"), "where": raw.get("where", {})}
    columns_raw = raw.get("column")
    if not isinstance(columns_raw, list) or not columns_raw:
        raise SpecError(f"{origin}: chưa có cột nào ([[column]]).")
    columns = tuple(_column(column, defaults, origin) for column in columns_raw)
    _check_columns(columns, origin)
    checks = []
    for item in raw.get("check", []):
        total, parts = item.get("total"), item.get("parts", [])
        numbers = [total, *parts] if isinstance(parts, list) else [None]
        if not parts or not all(isinstance(n, int) and 1 <= n <= len(columns) for n in numbers):
            raise SpecError(f"{origin}: phép kiểm tra ({total}) = {parts} sai cột.")
        checks.append((int(total), tuple(int(part) for part in parts)))
    ratios = []
    for item in raw.get("ratio", []):
        place = f"{origin}, tỷ lệ «{item.get('label', '')}»"
        ratio = RatioSpec(
            str(item.get("label", "")), _whole(item, "of", 0, place), _whole(item, "over", 0, place)
        )
        if not ratio.label or not all(
            1 <= number <= len(columns) for number in (ratio.numerator, ratio.denominator)
        ):
            raise SpecError(f"{origin}: tỷ lệ «{ratio.label}» sai cột.")
        ratios.append(ratio)
    annex_column = _whole(raw, "annex_column", 0, origin)
    if annex_column > len(columns) or (
        annex_column and columns[annex_column - 1].source != "letter"
    ):
        raise SpecError(f"{origin}: «annex_column» phải là một cột đếm đơn.")
    return FormSpec(
        code=raw["code"].strip(),
        title=raw["title"].strip(),
        regime=raw["regime"].strip(),
        columns_follow=raw["columns_follow"].strip(),
        note=str(raw.get("note", "")).strip(),
        columns=columns,
        checks=tuple(checks),
        ratios=tuple(ratios),
        annex_column=annex_column,
        origin=origin,
    )
