"""Plain records of a periodic report, handed to the screen, the files and tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tiepdan_desktop.domain.records import UnitInfo
from tiepdan_desktop.domain.report_figures import Cell, CellChange, CheckFailure, Ratio
from tiepdan_desktop.domain.report_periods import ReportPeriod
from tiepdan_desktop.domain.report_spec import FormSpec


@dataclass(frozen=True)
class FormInfo:
    code: str
    title: str
    regime: str


@dataclass(frozen=True)
class SnapshotInfo:
    frozen_at: dt.datetime
    frozen_by: str
    note: str | None
    # The form's spec changed since (a new circular, a corrected column): the frozen
    # figures can no longer be set against today's cell by cell.
    form_changed: bool = False


@dataclass(frozen=True)
class AnnexRow:
    """A line of the letter list annexed to the report (no denouncer identity)."""

    number: str
    received_on: dt.date
    filer: str
    address: str
    content: str
    letter_type: str
    processing: str
    resolution: str


@dataclass(frozen=True)
class ReportCharts:
    """The summary page: visits by month and type, letters by outcome, on time vs late."""

    # (month label, [(series label, count)]) oldest first.
    visits_by_month: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
    letters_by_outcome: tuple[tuple[str, int], ...]
    # Resolved matters of the period: on time, late, not recorded.
    on_time: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class ReportRun:
    """A form computed for a period: figures, failed checks, and what changed since
    the report was frozen.  With `frozen_figures` the values are the ones sent."""

    spec: FormSpec
    period: ReportPeriod
    unit: UnitInfo
    cells: dict[int, Cell]
    failures: tuple[CheckFailure, ...]
    ratios: tuple[Ratio, ...]
    snapshot: SnapshotInfo | None
    changes: tuple[CellChange, ...]
    frozen_figures: bool
    prepared_by: str
    made_on: dt.date
    annex: tuple[AnnexRow, ...] | None = None
    charts: ReportCharts | None = None

    @property
    def values(self) -> dict[int, float]:
        return {number: cell.value for number, cell in self.cells.items()}

    @property
    def ok(self) -> bool:
        return not self.failures

    def figures_json(self) -> dict[str, object]:
        """The figures keyed by the form's column numbers (the CLI's --json)."""
        return {
            "form": self.spec.code,
            "title": self.spec.title,
            "regime": self.spec.regime,
            "period": self.period.code,
            "from": self.period.first.isoformat(),
            "to": self.period.last.isoformat(),
            "unit": self.unit.name,
            "frozen_figures": self.frozen_figures,
            "figures": {
                str(number): int(cell.value) if cell.value == int(cell.value) else cell.value
                for number, cell in sorted(self.cells.items())
            },
            "ratios": {ratio.label: ratio.percent for ratio in self.ratios},
            "checks": [failure.text() for failure in self.failures],
            "changes_since_frozen": [
                {
                    "column": change.number,
                    "frozen": change.frozen,
                    "current": change.current,
                    "added": list(change.added),
                    "removed": list(change.removed),
                }
                for change in self.changes
            ],
        }
