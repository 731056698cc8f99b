"""One measured operation: its median, its floor, its budget, and the table and
JSON the benchmark prints and writes."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Budget:
    """At most `seconds` (absolute), at most `ratio` × the floor, or both."""

    seconds: float | None = None
    ratio: float | None = None

    def describe(self) -> str:
        parts = []
        if self.seconds is not None:
            parts.append(
                _format_seconds(self.seconds) if self.seconds < 1 else f"{self.seconds:g} s"
            )
        if self.ratio is not None:
            parts.append(f"{self.ratio:g}× sàn")
        return " và ".join(parts) if parts else "—"


@dataclass(frozen=True)
class Result:
    operation: str
    median: float  # seconds, or megabytes when `unit` is "MB"
    samples: tuple[float, ...]
    budget: Budget
    floor: float | None = None
    floor_name: str = ""
    unit: str = "s"
    detail: str = ""

    @property
    def ratio(self) -> float | None:
        return self.median / self.floor if self.floor else None

    @property
    def passed(self) -> bool:
        if self.budget.seconds is not None and self.median > self.budget.seconds:
            return False
        ratio = self.ratio
        return not (
            self.budget.ratio is not None and ratio is not None and ratio > self.budget.ratio
        )

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["budget"] = {"seconds": self.budget.seconds, "ratio": self.budget.ratio}
        data["ratio"] = self.ratio
        data["passed"] = self.passed
        return data


def _format_seconds(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _format(value: float, unit: str) -> str:
    return f"{value:.0f} MB" if unit == "MB" else _format_seconds(value)


def _format_budget(result: Result) -> str:
    if result.unit == "MB" and result.budget.seconds is not None:
        return f"{result.budget.seconds:g} MB"
    return result.budget.describe()


def sampled(samples: Sequence[float]) -> tuple[float, tuple[float, ...]]:
    """The median of `samples`, and the samples (as a Result takes them)."""
    return statistics.median(samples), tuple(samples)


def median_of(run: Callable[[], object], runs: int) -> tuple[float, tuple[float, ...]]:
    """The median wall time of `runs` calls, and every sample."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return sampled(samples)


def table(results: Sequence[Result]) -> str:
    """The results as a plain-text table, one operation per line."""
    headers = ("Thao tác", "Trung vị", "Sàn", "Tỉ lệ", "Hạn mức", "Kết quả")
    lines = [
        (
            result.operation,
            _format(result.median, result.unit),
            f"{_format(result.floor, result.unit)} {result.floor_name}" if result.floor else "—",
            f"{result.ratio:.2f}×" if result.ratio is not None else "—",
            _format_budget(result),
            "đạt" if result.passed else "KHÔNG ĐẠT",
        )
        for result in results
    ]
    widths = [max(len(row[i]) for row in [headers, *lines]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(width) if i in (0, 2, 4, 5) else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    details = [f"  {r.operation}: {r.detail}" for r in results if r.detail]
    return "\n".join([line(headers), rule, *map(line, lines), "", *details])


def write_json(path: Path, results: Sequence[Result], about: dict[str, object]) -> None:
    payload = {
        **about,
        "passed": all(result.passed for result in results),
        "results": [result.as_json() for result in results],
    }
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
