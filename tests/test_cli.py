"""The `tiepdan` command as an installer script or an official would run it."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSWORD, PROVINCE_CODE, WARD_CODE
from tiepdan_desktop import __version__, resources
from tiepdan_desktop.cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main


@pytest.fixture
def password_file(tmp_path: Path) -> Path:
    path = tmp_path / "mat-khau.txt"
    path.write_text(PASSWORD + "\n", encoding="utf-8")
    return path


def _init(data_dir: Path, password_file: Path, *extra: str) -> list[str]:
    return [
        "--data-dir",
        str(data_dir),
        "init",
        "--unit-name",
        "UBND phường Bến Thành",
        "--province-code",
        str(PROVINCE_CODE),
        "--ward-code",
        str(WARD_CODE),
        "--admin",
        "quantri",
        "--password-file",
        str(password_file),
        *extra,
    ]


def test_init_demo_data_check(
    tmp_path: Path, password_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "x"
    assert main(_init(data_dir, password_file, "--chairman", "Nguyễn Văn Thành")) == EXIT_OK
    said = capsys.readouterr().out
    assert "Đã cài đặt UBND phường Bến Thành" in said
    assert "Chủ tịch thiết lập két bảo mật" in said  # not the administrator who set up
    assert main(["--data-dir", str(data_dir), "check"]) == EXIT_OK
    output = capsys.readouterr().out
    assert "Cơ sở dữ liệu toàn vẹn (OK)." in output and "PRAGMA foreign_key_check" in output
    assert (
        main(["--data-dir", str(data_dir), "demo-data", "--visits", "250", "--seed", "4"])
        == EXIT_OK
    )
    assert "Đã thêm 250 lượt tiếp, 125 đơn" in capsys.readouterr().out
    # Denouncers now in the register, and no chairman has created the vault yet.
    assert main(["--data-dir", str(data_dir), "check"]) == EXIT_REFUSED
    told = capsys.readouterr()
    assert "người tố cáo đang lưu không mã hóa" in told.out + told.err
    assert (data_dir / "tiepdan.sqlite").exists() and (data_dir / "logs" / "tiepdan.log").exists()


def _error_of(argv: list[str], capsys: pytest.CaptureFixture[str], code: int = EXIT_REFUSED) -> str:
    assert main(argv) == code
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return captured.err.strip()


def test_user_errors_are_one_clear_line(
    tmp_path: Path, password_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "x"
    missing = _error_of(_init(data_dir, tmp_path / "khong-co.txt"), capsys)
    assert missing.startswith("Lỗi: không đọc được tệp mật khẩu") and "\n" not in missing
    assert main(_init(data_dir, password_file)) == EXIT_OK
    capsys.readouterr()
    again = _error_of(_init(data_dir, password_file), capsys)
    assert "đã được cài đặt" in again
    no_db = _error_of(["--data-dir", str(tmp_path / "trong"), "check"], capsys)
    assert no_db.startswith("Lỗi: chưa có cơ sở dữ liệu")


def test_bad_codes_are_refused_with_the_reason(
    tmp_path: Path, password_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = _init(tmp_path / "x", password_file)
    argv[argv.index("--ward-code") + 1] = "1"
    message = _error_of(argv, capsys)
    assert "Mã xã/phường 1 không có trong danh mục" in message


def test_demo_data_before_init_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    message = _error_of(["--data-dir", str(tmp_path / "x"), "demo-data"], capsys)
    assert "Chưa cài đặt đơn vị" in message


def test_usage_errors_exit_2_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["init", "--unit-name", "X"])
    assert exited.value.code == EXIT_USAGE
    assert "Lỗi cú pháp lệnh (usage error)" in capsys.readouterr().err


def test_check_reports_damage_and_exits_non_zero(
    tmp_path: Path, password_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "x"
    main(_init(data_dir, password_file))
    with sqlite3.connect(data_dir / "tiepdan.sqlite") as raw:
        raw.execute("INSERT INTO visit_person VALUES ('aa', 'bb', 'cong_dan', 0)")
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "check"]) == EXIT_REFUSED
    output = capsys.readouterr().out
    assert "Phát hiện" in output and "visit_person" in output


def test_a_database_from_a_newer_version_is_refused(
    tmp_path: Path, password_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "x"
    main(_init(data_dir, password_file))
    with sqlite3.connect(data_dir / "tiepdan.sqlite") as raw:
        raw.execute("UPDATE alembic_version SET version_num = 'ffff'")
    message = _error_of(["--data-dir", str(data_dir), "demo-data", "--visits", "5"], capsys)
    assert "phiên bản phần mềm mới hơn" in message


def test_db_option_selects_another_database(
    tmp_path: Path, password_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "khac.sqlite"
    assert main(["--db", f"sqlite:///{other}", *_init(tmp_path / "x", password_file)]) == EXIT_OK
    assert other.exists() and not (tmp_path / "x" / "tiepdan.sqlite").exists()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tiepdan_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_program_without_a_console_does_not_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The frozen window program (TiepDan.exe) has no standard output or error."""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["--data-dir", str(tmp_path / "khong-co"), "deadline", "T1", "2026-02-13"]) == 0
    assert main(["--data-dir", str(tmp_path / "khong-co"), "check"]) == EXIT_REFUSED
    for stream in (sys.stdout, sys.stderr):  # the program's stand-ins, closed here
        assert stream is not None and stream.name == os.devnull
        stream.close()


def test_version() -> None:
    result = _run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"tiepdan {__version__}"


def test_self_test_builds_the_main_window_offscreen() -> None:
    result = _run("--self-test")
    assert result.returncode == 0, result.stderr
    assert "Tự kiểm tra: đạt" in result.stdout


def test_the_self_test_fails_when_a_bundled_file_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a build that left resources/templates out would do: a clear error,
    at build time."""
    shutil.copytree(resources.resources_root(), tmp_path / "resources")
    shutil.rmtree(tmp_path / "resources" / "templates")
    (tmp_path / "resources" / "templates").mkdir()
    monkeypatch.setattr(resources, "resources_root", lambda: tmp_path / "resources")
    assert main(["--self-test"]) == EXIT_REFUSED
    output = capsys.readouterr()
    assert "Không có mẫu văn bản nào" in output.err and "đạt" not in output.out


class TestDeadlineCommand:
    def test_json_has_what_scripts_need(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        argv = ["--data-dir", str(tmp_path / "khong-co"), "deadline", "T1", "2026-02-13", "--json"]
        assert main(argv) == EXIT_OK
        result = json.loads(capsys.readouterr().out)
        assert (result["rule"], result["start"], result["due"]) == (
            "T1",
            "2026-02-13",
            "2026-03-03",
        )
        assert result["unit"] == "working_days" and result["provisional"] is False
        assert result["basis"] == "Luật Tố cáo 2018, Điều 24.1"
        assert {"date": "2026-02-17", "name": "Tết Nguyên Đán"} in result["skipped"]
        assert not (tmp_path / "khong-co" / "tiepdan.sqlite").exists()

    def test_plain_output_is_the_date_then_the_reasons(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        argv = [
            "--data-dir",
            str(tmp_path),
            "deadline",
            "t4",
            "2026-03-02",
            "--especially-complex",
            "--extensions",
            "2",
            "--pause",
            "2026-03-10:2026-03-19",
        ]
        assert main(argv) == EXIT_OK
        lines = capsys.readouterr().out.splitlines()
        assert lines[0] == "10/06/2026"
        assert "  Tạm dừng từ 10/03/2026 đến 19/03/2026: không tính 10 ngày." in lines

    def test_without_a_database_any_year_gets_its_default_holidays(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        argv = ["--data-dir", str(tmp_path), "deadline", "R1", "2035-04-20", "--json"]
        assert main(argv) == EXIT_OK
        result = json.loads(capsys.readouterr().out)
        assert result["missing_years"] == []
        assert {"date": "2035-04-30", "name": "Ngày Chiến thắng"} in result["skipped"]

    def test_the_databases_calendar_is_used_when_there_is_one(
        self, tmp_path: Path, password_file: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        data_dir = tmp_path / "x"
        assert main(_init(data_dir, password_file)) == EXIT_OK
        with sqlite3.connect(data_dir / "tiepdan.sqlite") as raw:
            raw.execute(
                "INSERT INTO calendar_day (day, kind, name, legal_basis, provisional, source, "
                "updated_at) VALUES ('2026-03-04', 'nghi_dia_phuong', 'Lễ hội', 'QĐ 2', 0, "
                "'admin', '2026-03-01 00:00:00')"
            )
        capsys.readouterr()
        assert main(["--data-dir", str(data_dir), "deadline", "T1", "2026-03-02", "--json"]) == 0
        result = json.loads(capsys.readouterr().out)
        assert result["due"] == "2026-03-12"
        assert {"date": "2026-03-04", "name": "Lễ hội"} in result["skipped"]

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["K99", "2026-03-02"], "Không có quy tắc thời hạn «K99»"),
            (["K3", "02-03-2026x"], "ngày bắt đầu «02-03-2026x» không hợp lệ"),
            (["K3", "2026-03-02", "--especially-complex"], "không có mức «đặc biệt phức tạp»"),
            (["K1", "2026-03-02", "--remote"], "không có biến thể vùng sâu"),
            (["T4", "2026-03-02", "--complex", "--extensions", "2"], "tối đa 1 lần"),
            (["K3", "2026-03-02", "--pause", "2026-03-10"], "phải có dạng FROM:TO"),
            (["K3", "2026-03-02", "--pause", "2026-03-10:hôm nay"], "ngày «hôm nay»"),
            (["R3", "2026-03-02"], "không phải thời hạn"),
        ],
    )
    def test_mistakes_give_one_line_and_a_non_zero_exit(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
    ) -> None:
        error = _error_of(["--data-dir", str(tmp_path), "deadline", *args], capsys)
        assert message in error and "\n" not in error
