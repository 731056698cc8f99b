"""`python -m tiepdan_desktop.bench [--quick] [--json FILE]`: measure every budget
of BENCHMARKS.md, print the table, exit 1 when one is missed."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import platform
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from tiepdan_desktop import __version__
from tiepdan_desktop.bench import database, floors, process, product, screen
from tiepdan_desktop.bench.results import Budget, Result, median_of, sampled, table, write_json
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.services.context import ServiceContext

EXIT_PASSED, EXIT_MISSED, EXIT_FAILED = 0, 1, 2
MEMORY_BUDGET_MB = 200


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tiepdan_desktop.bench",
        description="Đo hiệu năng so với sàn vật lý đo trong cùng lần chạy, và các hạn mức.",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="CSDL nhỏ (20.000 lượt tiếp, 10.000 đơn), ít lần đo: để kiểm tra mã đo, không để so",
    )
    parser.add_argument("--json", metavar="FILE", help="ghi kết quả dạng JSON")
    parser.add_argument("--seed", type=int, default=1, help="hạt giống của dữ liệu mẫu")
    parser.add_argument(
        "--cache",
        metavar="DIR",
        help=f"nơi giữ CSDL đo để dùng lại (mặc định {database.default_cache()})",
    )
    parser.add_argument("--runs", type=int, metavar="N", help="số lần đo mỗi thao tác")
    return parser


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _startup(bench: database.BenchDatabase, runs: int) -> Result:
    process.compile_application()
    floors.qt_startup()  # the first launch reads Qt's libraries from disk: not timed
    process.startup(bench)
    qt = median_of(floors.qt_startup, runs)
    return Result(
        "Khởi động đến cửa sổ chính đã vẽ, rảnh",
        *sampled([process.startup(bench) for _ in range(runs)]),
        Budget(ratio=3),
        floor=qt[0],
        floor_name="F_qt",
        detail="đã đăng nhập (Chủ tịch UBND) bằng tùy chọn chỉ dùng để đo",
    )


def _memory(bench: database.BenchDatabase) -> Result:
    peak, rows = process.peak_memory(bench)
    return Result(
        "Bộ nhớ đỉnh: sổ tiếp mở, cuộn hết",
        peak,
        (peak,),
        Budget(seconds=MEMORY_BUDGET_MB),
        unit="MB",
        detail=f"cuộn {rows:,} dòng từ đầu đến cuối",
    )


def run(options: argparse.Namespace) -> int:
    if importlib.util.find_spec("xlsxwriter") is None:
        _say('Thiếu XlsxWriter (sàn của phép xuất Excel): pip install -e ".[bench]"')
        return EXIT_FAILED
    size = database.QUICK if options.quick else database.FULL
    runs = options.runs or (3 if options.quick else 7)
    cache = Path(options.cache) if options.cache else database.default_cache()
    bench = database.prepare(cache, size, options.seed, _say)
    if bench.built_in:
        _say(f"Đã tạo CSDL đo trong {bench.built_in:.0f} giây: {bench.paths.root}")
    storage = bench.open()
    results: list[Result] = []
    try:
        context = storage.context()
        actor = bench.sign_in(storage)
        steps: Sequence[tuple[str, Callable[[], list[Result]]]] = (
            ("khởi động", lambda: [_startup(bench, runs)]),
            ("mở sổ, tìm, sắp xếp", lambda: screen_step(context, actor, bench, runs)),
            ("báo cáo tháng", lambda: [product.monthly_report(context, actor, runs)]),
            (
                "xuất Excel",
                lambda: [product.xlsx_export(context, actor, size.visits // 2, max(runs // 2, 1))],
            ),
            ("in PDF", lambda: [product.pdf_export(context, actor, 1_000, runs)]),
            ("sổ đơn", lambda: product.letter_register(context, actor, runs)),
            ("bộ nhớ", lambda: [_memory(bench)]),
        )
        for name, step in steps:
            _say(f"Đang đo: {name}…")
            results += step()
    finally:
        storage.close()
    print(table(results))
    if options.json:
        write_json(Path(options.json), results, _about(bench, runs))
    return EXIT_PASSED if all(result.passed for result in results) else EXIT_MISSED


def screen_step(
    context: ServiceContext, actor: Actor, bench: database.BenchDatabase, runs: int
) -> list[Result]:
    page_floor = floors.PageFloor(bench.paths.database)
    try:
        page_floor()
        floor = median_of(page_floor, max(runs, 5))[0]
    finally:
        page_floor.close()
    return screen.screen_results(context, actor, runs, floor)


def _about(bench: database.BenchDatabase, runs: int) -> dict[str, object]:
    return {
        "version": __version__,
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "system": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "cores": os.cpu_count(),
            "python": platform.python_version(),
        },
        "database": {
            "visits": bench.size.visits,
            "letters": bench.size.letters,
            "seed": bench.seed,
            "folder": str(bench.paths.root),
        },
        "runs": runs,
    }


def main(argv: Sequence[str] | None = None) -> int:
    options = _parser().parse_args(argv)
    try:
        return run(options)
    except KeyboardInterrupt:
        _say("Đã dừng theo yêu cầu.")
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
