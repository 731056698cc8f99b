"""The `tiepdan` command: the GUI without a subcommand, otherwise scripted tasks.

Every subcommand calls the same services as the GUI.  A user error prints one
clear Vietnamese line and exits non-zero; tracebacks go to the log file only.

Exit codes: 0 done, 1 refused or found problems, 2 wrong usage, 3 unexpected error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from tiepdan_desktop import __version__
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.deadlines import DeadlineRequest, Pause, compute_deadline
from tiepdan_desktop.domain.enums import Complexity
from tiepdan_desktop.domain.errors import DomainError, ValidationError
from tiepdan_desktop.domain.records import SetupRequest
from tiepdan_desktop.logs import configure_logging
from tiepdan_desktop.paths import DataPaths
from tiepdan_desktop.services.default_calendar import default_calendar
from tiepdan_desktop.storage import Storage, open_storage, resolve_paths

log = logging.getLogger(__name__)

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_UNEXPECTED = 0, 1, 2, 3


class CommandError(Exception):
    """A problem with what the user typed or with their files, before any service runs."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Lỗi cú pháp lệnh (usage error): {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tiepdan",
        description="Tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo (UBND cấp xã). "
        "Không có lệnh con: mở giao diện.",
    )
    parser.add_argument("--version", action="version", version=f"tiepdan {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help="thư mục dữ liệu (CSDL, tệp đính kèm, sao lưu, nhật ký)"
    )
    parser.add_argument("--db", metavar="URL", help="địa chỉ cơ sở dữ liệu khác (SQLAlchemy URL)")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="tự kiểm tra: tạo CSDL tạm, dựng cửa sổ chính (không hiển thị), rồi thoát",
    )
    # Test-only, for the benchmark (tiepdan_desktop.bench): sign in without the
    # dialog (the password is checked as usual, read from TIEPDAN_PASSWORD) and
    # report when the window is ready.  Not shown in --help.
    parser.add_argument("--sign-in", metavar="USER", help=argparse.SUPPRESS)
    parser.add_argument("--bench-probe", choices=("startup", "memory"), help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="LỆNH")

    init = commands.add_parser("init", help="cài đặt đơn vị và tài khoản quản trị đầu tiên")
    init.add_argument("--unit-name", required=True, metavar="TÊN", help="tên đơn vị")
    init.add_argument("--province-code", required=True, type=int, metavar="P", help="mã tỉnh")
    init.add_argument("--ward-code", required=True, type=int, metavar="W", help="mã xã/phường")
    init.add_argument("--admin", required=True, metavar="USER", help="tên đăng nhập quản trị")
    init.add_argument(
        "--password-file", required=True, metavar="FILE", help="tệp chứa mật khẩu (dòng đầu)"
    )
    init.add_argument("--admin-name", metavar="HỌ_TÊN", help="họ tên người quản trị")
    init.add_argument("--chairman", metavar="HỌ_TÊN", default="", help="họ tên Chủ tịch UBND")
    init.add_argument("--remote-area", action="store_true", help="đơn vị vùng sâu, vùng xa")

    demo = commands.add_parser("demo-data", help="thêm dữ liệu mẫu (để dùng thử, đào tạo)")
    demo.add_argument("--visits", type=int, default=2_000, metavar="N", help="số lượt tiếp")
    demo.add_argument("--letters", type=int, metavar="M", help="số đơn (mặc định: N/2)")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="hạt giống ngẫu nhiên")

    commands.add_parser("check", help="kiểm tra tính toàn vẹn của cơ sở dữ liệu")

    deadline = commands.add_parser(
        "deadline", help="tính thời hạn theo quy tắc của LEGAL.md §3.1, kèm giải thích"
    )
    deadline.add_argument("rule", metavar="RULE", help="mã quy tắc, ví dụ K3, T1, R1")
    deadline.add_argument(
        "start", metavar="START", help="ngày xảy ra sự kiện bắt đầu (YYYY-MM-DD), không tính"
    )
    level = deadline.add_mutually_exclusive_group()
    level.add_argument("--complex", action="store_true", help="vụ việc phức tạp")
    level.add_argument(
        "--especially-complex", action="store_true", help="vụ việc đặc biệt phức tạp"
    )
    deadline.add_argument("--remote", action="store_true", help="vùng sâu, vùng xa")
    deadline.add_argument("--dismissal", action="store_true", help="kỷ luật buộc thôi việc (KD2)")
    deadline.add_argument(
        "--extensions", type=int, default=0, metavar="N", help="số lần gia hạn tối đa (T4)"
    )
    deadline.add_argument(
        "--pause",
        action="append",
        default=[],
        metavar="FROM:TO",
        help="khoảng tạm dừng, hai ngày YYYY-MM-DD, tính cả hai đầu (lặp lại được)",
    )
    deadline.add_argument("--json", action="store_true", help="kết quả dạng JSON")

    export = commands.add_parser("export", help="xuất sổ sách ra tệp Excel, PDF")
    export.add_argument(
        "register",
        choices=["visits", "letters"],
        help="visits: sổ tiếp công dân; letters: sổ theo dõi xử lý đơn",
    )
    export.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD")
    export.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD")
    export.add_argument("--xlsx", metavar="FILE", help="tệp Excel cần ghi")
    export.add_argument("--pdf", metavar="FILE", help="tệp PDF cần ghi")
    export.add_argument(
        "--account",
        metavar="USER",
        help="xuất với quyền của tài khoản này (người tố cáo chỉ hiện nếu tài khoản được xem)",
    )
    export.add_argument(
        "--password-file", metavar="FILE", help="tệp chứa mật khẩu của --account (dòng đầu)"
    )
    backup = commands.add_parser(
        "backup", help="sao lưu cơ sở dữ liệu và tệp đính kèm (có kiểm tra lại bản sao)"
    )
    backup.add_argument(
        "--to", metavar="DIR", help="chép thêm bản sao lưu sang thư mục này (ổ USB …)"
    )
    backup.add_argument("--list", action="store_true", help="liệt kê các bản sao lưu đã có")

    restore = commands.add_parser(
        "restore", help="khôi phục từ một bản sao lưu (hãy đóng chương trình trước)"
    )
    restore.add_argument("backup", metavar="FILE", help="thư mục bản sao lưu hoặc tệp trong đó")

    report = commands.add_parser(
        "report", help="lập báo cáo định kỳ (biểu 01/TCD, 02/XLD …) ra Excel, PDF hoặc JSON"
    )
    report.add_argument("--form", metavar="FORM", help="số biểu, ví dụ 01/TCD")
    report.add_argument(
        "--period",
        required=True,
        metavar="PERIOD",
        help="kỳ báo cáo: 2026-10, 2026-Q3, 2026-H1, 2026-9M, 2026 hoặc YYYY-MM-DD:YYYY-MM-DD",
    )
    report.add_argument("--xlsx", metavar="FILE", help="tệp Excel cần ghi")
    report.add_argument("--pdf", metavar="FILE", help="tệp PDF cần ghi")
    report.add_argument("--json", action="store_true", help="in số liệu theo số cột (JSON)")
    report.add_argument(
        "--annex", action="store_true", help="kèm danh sách đơn (không có người tố cáo)"
    )
    report.add_argument(
        "--frozen", action="store_true", help="dùng số liệu đã chốt (bản đã gửi) của kỳ này"
    )
    report.add_argument(
        "--outline",
        metavar="FILE",
        help="đề cương báo cáo (lời văn, số liệu, tỷ lệ) ra tệp Word .docx hoặc .pdf",
    )
    report.add_argument(
        "--freeze",
        metavar="GHI_CHU",
        nargs="?",
        const="",
        help="chốt số liệu kỳ này (sau khi gửi báo cáo), kèm ghi chú nơi nhận nếu có",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _make_output_safe()
    options = build_parser().parse_args(argv)
    if options.self_test:
        return _guarded(run_self_test, None)
    paths = resolve_paths(options.data_dir)
    if options.command is None:
        return _guarded(lambda: _gui(options, paths), paths)
    handlers: dict[str, Callable[[argparse.Namespace, DataPaths], int]] = {
        "init": _init,
        "demo-data": _demo_data,
        "check": _check,
        "deadline": _deadline,
        "export": _export,
        "report": _report,
        "backup": _backup,
        "restore": _restore,
    }
    handler = handlers[options.command]
    return _guarded(lambda: handler(options, paths), paths)


def _guarded(run: Callable[[], int], paths: DataPaths | None) -> int:
    # Until the log file exists (or when there is no data folder, as in the
    # self-test), tracebacks are kept off the console all the same.
    logging.getLogger().addHandler(logging.NullHandler())
    log_file: Path | None = None
    try:
        if paths is not None:
            log_file = configure_logging(paths)
        return run()
    except CommandError as error:
        _say(f"Lỗi: {error}")
    except ValidationError as error:
        _say("Lỗi: " + " ".join(error.fields.values()))
    except DomainError as error:
        _say(f"Lỗi: {error.message}")
    except OperationalError as error:
        log.exception("Database error")
        _say(f"Lỗi: không mở hoặc ghi được cơ sở dữ liệu (database error): {error.orig}")
    except OSError as error:
        log.exception("File error")
        _say(f"Lỗi: không đọc/ghi được tệp (file error): {error}")
    except KeyboardInterrupt:
        _say("Đã dừng theo yêu cầu.")
    except Exception as error:
        log.exception("Unexpected error")
        where = f" Chi tiết trong {log_file}." if log_file else ""
        _say(f"Lỗi không mong đợi (unexpected error): {error}.{where}")
        return EXIT_UNEXPECTED
    return EXIT_REFUSED


def _storage(options: argparse.Namespace, paths: DataPaths, migrate: bool = True) -> Storage:
    return open_storage(paths, options.db, migrate=migrate)


def _gui(options: argparse.Namespace, paths: DataPaths) -> int:
    from tiepdan_desktop.app import Automation, run_gui  # Qt is imported only for the GUI

    automation = None
    if options.sign_in:
        # Taken out of the environment: programs the application opens never see it.
        password = os.environ.pop("TIEPDAN_PASSWORD", "")
        automation = Automation(options.sign_in, password, options.bench_probe)
    return run_gui(paths, options.db, automation)


def _existing_sqlite_file(options: argparse.Namespace, paths: DataPaths) -> Path | None:
    """The SQLite file a command would open, or None for another kind of database."""
    if options.db is None:
        return paths.database
    try:
        url = make_url(options.db)
    except ArgumentError as error:
        raise CommandError(f"địa chỉ cơ sở dữ liệu không hợp lệ (database URL): {error}") from error
    if url.get_backend_name() != "sqlite":
        return None
    return Path(url.database or "")


def _init(options: argparse.Namespace, paths: DataPaths) -> int:
    from tiepdan_desktop.services import setup

    password = _read_password(Path(options.password_file))
    storage = _storage(options, paths)
    try:
        unit = setup.initialize(
            storage.context(),
            SetupRequest(
                unit_name=options.unit_name,
                province_code=options.province_code,
                ward_code=options.ward_code,
                chairman_name=options.chairman,
                admin_username=options.admin,
                admin_full_name=options.admin_name or options.admin,
                admin_password=password,
                remote_area=options.remote_area,
            ),
        )
    finally:
        storage.close()
    print(f"Đã cài đặt {unit.name} ({unit.ward_name}, {unit.province_name}).")
    print(f"Tài khoản quản trị: {options.admin}. Dữ liệu tại: {paths.root}")
    print(
        "Tiếp theo: tạo tài khoản Lãnh đạo cho Chủ tịch UBND; lần đăng nhập đầu, Chủ tịch "
        "thiết lập két bảo mật danh tính người tố cáo."
    )
    return EXIT_OK


def _read_password(path: Path) -> str:
    try:
        # utf-8-sig: Notepad and PowerShell 5 start their files with a byte-order mark.
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise CommandError(f"không đọc được tệp mật khẩu {path}: {error.strerror}") from error
    lines = text.splitlines()
    if not lines or not lines[0]:
        raise CommandError(f"tệp mật khẩu {path} trống.")
    return lines[0]


def _demo_data(options: argparse.Namespace, paths: DataPaths) -> int:
    from tiepdan_desktop.services.demo_data import generate_demo_data

    storage = _storage(options, paths)
    interactive = sys.stdout.isatty()

    def progress(message: str, fraction: float) -> None:
        if interactive:
            print(f"\r{message} {fraction:6.1%}", end="", flush=True)

    try:
        summary = generate_demo_data(
            storage.context(),
            Actor.command_line(),
            visits=options.visits,
            letters=options.letters,
            seed=options.seed,
            progress=progress,
        )
    finally:
        storage.close()
    if interactive:
        print()
    print(
        f"Đã thêm {summary.visits} lượt tiếp, {summary.letters} đơn, {summary.cases} vụ việc, "
        f"{summary.persons} công dân trong {summary.seconds:.1f} giây."
    )
    return EXIT_OK


def _check(options: argparse.Namespace, paths: DataPaths) -> int:
    from tiepdan_desktop.services.maintenance import check_integrity

    database = _existing_sqlite_file(options, paths)
    if database is not None and not database.is_file():
        raise CommandError(f"chưa có cơ sở dữ liệu tại {database}.")
    storage = _storage(options, paths, migrate=False)
    try:
        report = check_integrity(storage.context(), Actor.command_line())
    finally:
        storage.close()
    for check in report.checks:
        print(f"  đã kiểm tra: {check}")
    if report.ok:
        print("Cơ sở dữ liệu toàn vẹn (OK).")
        return EXIT_OK
    print(f"Phát hiện {len(report.problems)} vấn đề:")
    for problem in report.problems:
        print(f"  - {problem}")
    return EXIT_REFUSED


def _date_argument(text: str, what: str) -> dt.date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise CommandError(f"{what} «{text}» không hợp lệ (YYYY-MM-DD).")


def _deadline_request(options: argparse.Namespace) -> DeadlineRequest:
    pauses = []
    for text in options.pause:
        first, separator, last = text.partition(":")
        if not separator:
            raise CommandError(f"khoảng tạm dừng «{text}» phải có dạng FROM:TO.")
        pauses.append(Pause(_date_argument(first, "ngày"), _date_argument(last, "ngày")))
    complexity = (
        Complexity.ESPECIALLY_COMPLEX
        if options.especially_complex
        else Complexity.COMPLEX
        if options.complex
        else Complexity.NORMAL
    )
    return DeadlineRequest(
        rule_id=options.rule,
        start=_date_argument(options.start, "ngày bắt đầu"),
        complexity=complexity,
        remote=options.remote,
        extensions=options.extensions,
        dismissal=options.dismissal,
        pauses=tuple(pauses),
    )


def _deadline(options: argparse.Namespace, paths: DataPaths) -> int:
    request = _deadline_request(options)
    database = _existing_sqlite_file(options, paths)
    if database is not None and not database.is_file():
        # No database here: the default calendar, computed in memory; none is created.
        today = dt.date.today()
        first = min(today.year, request.start.year) - 3
        last = max(today.year, request.start.year) + 3
        calendar = default_calendar(range(first, last + 1), today)
        result = compute_deadline(request, calendar)
    else:
        from tiepdan_desktop.services import calendar as calendar_service
        from tiepdan_desktop.services import deadlines

        storage = _storage(options, paths)
        try:
            context = storage.context()
            calendar_service.ensure_calendar(context)
            result = deadlines.compute_deadline(context, Actor.command_line(), request)
        finally:
            storage.close()
    if options.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        print(f"{result.due:%d/%m/%Y}")
        for line in result.explanation:
            print(f"  {line}")
    return EXIT_OK


def _export(options: argparse.Namespace, paths: DataPaths) -> int:
    from tiepdan_desktop.services import accounts
    from tiepdan_desktop.services.letter_exports import export_letters
    from tiepdan_desktop.services.visit_exports import export_register

    date_from = _date_argument(options.date_from, "ngày bắt đầu (--from)")
    date_to = _date_argument(options.date_to, "ngày kết thúc (--to)")
    if not options.xlsx and not options.pdf:
        raise CommandError("hãy cho --xlsx FILE hoặc --pdf FILE.")
    if options.account and not options.password_file:
        raise CommandError("--account cần --password-file.")
    storage = _storage(options, paths)
    try:
        context = storage.context()
        actor = Actor.command_line()
        if options.account:
            password = _read_password(Path(options.password_file))
            actor = accounts.authenticate(context, options.account, password)
        export = export_letters if options.register == "letters" else export_register
        summary = export(
            context,
            actor,
            date_from,
            date_to,
            xlsx=Path(options.xlsx) if options.xlsx else None,
            pdf=Path(options.pdf) if options.pdf else None,
        )
    finally:
        storage.close()
    files = ", ".join(str(path) for path in summary.files)
    what = "đơn" if options.register == "letters" else "lượt tiếp"
    period = f"{date_from:%d/%m/%Y}–{date_to:%d/%m/%Y}"
    print(f"Đã ghi {summary.rows} {what} ({period}) vào {files}.")
    return EXIT_OK


def _report(options: argparse.Namespace, paths: DataPaths) -> int:
    from tiepdan_desktop.services import report_outlines, reports

    if not options.form and not options.outline:
        raise CommandError("hãy cho --form FORM (một biểu) hoặc --outline FILE (đề cương).")
    storage = _storage(options, paths)
    try:
        context, actor = storage.context(), Actor.command_line()
        period = reports.resolve_period(context, actor, options.period)
        if options.outline:
            outline = Path(options.outline)
            word = outline.suffix.lower() != ".pdf"
            report_outlines.export_outline(
                context,
                actor,
                period,
                docx=outline if word else None,
                pdf=None if word else outline,
            )
            print(f"Đề cương báo cáo {period.title} vào {outline}.")
            if not options.form:
                return EXIT_OK
        xlsx = Path(options.xlsx) if options.xlsx else None
        pdf = Path(options.pdf) if options.pdf else None
        if xlsx or pdf:
            written = reports.export_report(
                context,
                actor,
                options.form,
                period,
                xlsx=xlsx,
                pdf=pdf,
                frozen_figures=options.frozen,
                with_annex=options.annex,
            )
            run = written.run
        else:
            run = reports.build_report(
                context, actor, options.form, period, frozen_figures=options.frozen
            )
        if options.freeze is not None:
            if run.failures:
                raise reports.ReportCheckError(run)
            reports.freeze_report(context, actor, options.form, period, options.freeze)
    finally:
        storage.close()
    if options.json:
        # Escaped where the output cannot hold Vietnamese (a file on an older Windows).
        plain = (sys.stdout.encoding or "").lower().replace("-", "") != "utf8"
        print(json.dumps(run.figures_json(), ensure_ascii=plain, indent=2))
    for change in run.changes:
        _say(
            f"Thay đổi sau khi chốt: cột ({change.number}) {change.frozen:g} → "
            f"{change.current:g}" + (f"; thêm {', '.join(change.added)}" if change.added else "")
        )
    for failure in run.failures:
        _say(f"Không khớp: {failure.text()}")
    if not options.json:
        files = ", ".join(str(path) for path in (xlsx, pdf) if path)
        where = f" vào {files}" if files else ""
        print(f"Biểu {run.spec.code}, {run.period.title} ({run.period.data_range.lower()}){where}.")
        if options.freeze is not None:
            print("Đã chốt số liệu.")
    return EXIT_REFUSED if run.failures else EXIT_OK


def _backup(options: argparse.Namespace, paths: DataPaths) -> int:
    from tiepdan_desktop.services import backups

    if options.list:
        for info in backups.list_backups(paths):
            print(f"{info.folder.name}: {info.describe()}")
        return EXIT_OK
    # The schema is brought up to date first, as whenever the program opens it.
    _storage(options, paths).close()
    info = backups.make_backup(paths, also_to=Path(options.to) if options.to else None)
    print(f"Đã sao lưu và kiểm tra: {info.folder}")
    print(f"  {info.describe()}")
    if options.to:
        print(f"  Bản chép: {Path(options.to) / info.folder.name}")
    return EXIT_OK


def _restore(options: argparse.Namespace, paths: DataPaths) -> int:
    from tiepdan_desktop.instance_lock import InstanceLock
    from tiepdan_desktop.services import backups

    lock = InstanceLock(paths.root)
    if not lock.acquire():
        raise CommandError("chương trình đang mở dữ liệu này; hãy đóng chương trình rồi khôi phục.")
    try:
        result = backups.restore_backup(paths, Path(options.backup))
    finally:
        lock.release()
    print(f"Đã khôi phục bản sao lưu {result.restored.folder.name}.")
    print(f"  {result.restored.describe()}")
    if result.previous is not None:
        print(f"  Dữ liệu trước khi khôi phục được giữ tại: {result.previous}")
    return EXIT_OK


def run_self_test() -> int:
    """The self-test of this build (tiepdan_desktop/self_test.py)."""
    from tiepdan_desktop.self_test import PASSED
    from tiepdan_desktop.self_test import run_self_test as run

    run()
    print(PASSED)
    return EXIT_OK


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _make_output_safe() -> None:
    """Never crash on a console that cannot show Vietnamese, nor without one:
    the frozen window program (TiepDan.exe) has no standard output at all."""
    # Opened for the process's whole life, never closed.
    if sys.stdout is None:
        sys.stdout = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


if __name__ == "__main__":
    sys.exit(main())
