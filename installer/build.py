"""Build what an office installs, for the platform this runs on:

    python installer/build.py [--installer] [--skip-self-test]

1. the one-folder bundle (PyInstaller, installer/tiepdan.spec) in dist/TiepDan/;
2. its self-test: the frozen program, offscreen, creates a database, migrates it,
   sets up a unit and a vault, writes every kind of document and report, signs in
   and builds its main window (tiepdan_desktop/self_test.py); then the frozen
   program upgrades the oldest released database (tests/fixtures/db), as an
   office's first start after an upgrade does, backup first;
3. the portable archive dist/TiepDan-<version>-<platform>-portable.zip, which
   keeps its data next to the executable (a USB drive);
4. on Windows (or with --installer where makensis exists), the installer
   dist/TiepDan-<version>-setup.exe from installer/tiepdan.nsi.

Needs the build extra: pip install -e ".[build]" (PyInstaller); NSIS for the installer.
Exits 1 when a step fails, with the step's output.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from installer.windows_version import numeric_version  # noqa: E402
from tiepdan_desktop import __version__  # noqa: E402
from tiepdan_desktop.db.migrate import SCHEMA_HEAD  # noqa: E402
from tiepdan_desktop.paths import DATABASE_FILE, PORTABLE_DATA, PORTABLE_MARKER  # noqa: E402

DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE = DIST / "TiepDan"
OLDEST_DATABASE = ROOT / "tests" / "fixtures" / "db" / "schema-0001.sqlite"
ICON = WORK / "tiepdan" / "TiepDan.ico"  # drawn by the spec (installer/windows_icon.py)
SIZE_LIMIT_MB = 300
WINDOWS = sys.platform == "win32"
SUFFIX = ".exe" if WINDOWS else ""

PORTABLE_NOTE = f"""Bản chạy di động (portable) của chương trình Tiếp công dân {__version__}.

Dữ liệu (cơ sở dữ liệu, tệp đính kèm, bản sao lưu, nhật ký) được lưu trong thư mục
{PORTABLE_DATA} bên cạnh tệp này, không ghi vào máy tính. Chép cả thư mục TiepDan để
mang chương trình cùng dữ liệu sang máy khác; xóa tệp này thì chương trình dùng thư mục
dữ liệu của người dùng trên máy như bản cài đặt.
"""


class BuildError(Exception):
    pass


def _say(message: str) -> None:
    print(f"==> {message}", flush=True)


def _run(
    command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, check=False)
    if result.returncode != 0:
        raise BuildError(
            f"{' '.join(command[:3])}… thất bại (mã {result.returncode}):\n"
            f"{(result.stdout + result.stderr)[-4000:]}"
        )
    return result


def bundle() -> Path:
    _say("Đóng gói một thư mục (PyInstaller)")
    shutil.rmtree(BUNDLE, ignore_errors=True)
    _run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(ROOT / "installer" / "tiepdan.spec"),
        ],
        cwd=ROOT,
    )
    return BUNDLE


def folder_size_mb(folder: Path) -> float:
    """Megabytes unpacked (a symbolic link counts as the link, not its target)."""
    return sum(path.lstat().st_size for path in folder.rglob("*") if not path.is_dir()) / 1e6


def self_test(folder: Path) -> str:
    _say("Tự kiểm tra bản đóng gói (--self-test, không màn hình)")
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = _run([str(folder / f"TiepDanCLI{SUFFIX}"), "--self-test"], env=environment)
    if "self-test passed" not in result.stdout:
        raise BuildError(f"Tự kiểm tra không báo đạt:\n{result.stdout}{result.stderr}")
    return result.stdout.strip()


def upgrade_check(folder: Path) -> str:
    """The frozen program opens a database of the first release: it backs it up,
    then runs every migration from the bundled scripts."""
    _say("Nâng cấp CSDL của bản phát hành đầu tiên bằng bản đóng gói")
    with tempfile.TemporaryDirectory(prefix="tiepdan-build-") as data:
        shutil.copy2(OLDEST_DATABASE, Path(data) / DATABASE_FILE)
        environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        _run([str(folder / f"TiepDanCLI{SUFFIX}"), "--data-dir", data, "backup"], env=environment)
        with sqlite3.connect(Path(data) / DATABASE_FILE) as connection:
            (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        connection.close()
        saved = list((Path(data) / "backups").glob("*truoc-nang-cap*"))
        if revision != SCHEMA_HEAD or not saved:
            raise BuildError(
                f"Nâng cấp không đúng: lược đồ {revision} (cần {SCHEMA_HEAD}), "
                f"bản sao trước nâng cấp: {len(saved)}."
            )
        return f"Lược đồ 0001 → {revision}, bản sao trước nâng cấp: {saved[0].name}"


def platform_name() -> str:
    """The interpreter's platform (not the machine's): win-amd64, linux-x86_64."""
    return sysconfig.get_platform()


def portable_archive(folder: Path) -> Path:
    """The bundle zipped with its portable marker (data kept beside the program)."""
    _say("Tạo bản di động (zip)")
    archive = DIST / f"TiepDan-{__version__}-{platform_name()}-portable.zip"
    archive.unlink(missing_ok=True)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as packed:
        for path in sorted(folder.rglob("*")):
            name = Path("TiepDan") / path.relative_to(folder)
            if path.is_symlink():  # Linux bundles link some libraries: kept as links
                link = zipfile.ZipInfo(name.as_posix())
                link.external_attr = 0o120777 << 16
                packed.writestr(link, str(path.readlink()))
            elif path.is_file():
                packed.write(path, name.as_posix())
        packed.writestr(f"TiepDan/{PORTABLE_MARKER}", PORTABLE_NOTE.encode("utf-8"))
        packed.writestr(f"TiepDan/{PORTABLE_DATA}/", b"")
    return archive


def installer(folder: Path, makensis: str) -> Path:
    _say("Biên dịch bộ cài đặt (NSIS)")
    if WINDOWS and not ICON.is_file():
        raise BuildError(f"Không có biểu tượng {ICON} (tệp .spec vẽ nó khi đóng gói).")
    output = DIST / f"TiepDan-{__version__}-setup.exe"
    output.unlink(missing_ok=True)
    size_kb = int(folder_size_mb(folder) * 1e6 / 1024)  # Settings › Apps reads kilobytes
    _run(
        [
            makensis,
            "-V2",
            f"-DVERSION={__version__}",
            f"-DVERSION_NUM={'.'.join(map(str, numeric_version(__version__)))}",
            f"-DBUNDLE_DIR={folder}",
            f"-DOUTFILE={output}",
            f"-DSIZE_KB={size_kb}",
            *([f"-DICON={ICON}"] if ICON.is_file() else []),
            str(ROOT / "installer" / "tiepdan.nsi"),
        ]
    )
    return output


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # Vietnamese on any console or log file
        stream.reconfigure(errors="replace")  # type: ignore[union-attr]
    parser = argparse.ArgumentParser(description="Đóng gói chương trình Tiếp công dân.")
    parser.add_argument(
        "--installer",
        action="store_true",
        help="biên dịch bộ cài NSIS cả khi không chạy trên Windows",
    )
    parser.add_argument(
        "--skip-self-test", action="store_true", help="không chạy tự kiểm tra và thử nâng cấp"
    )
    options = parser.parse_args(argv)
    try:
        folder = bundle()
        size = folder_size_mb(folder)
        _say(f"Bản đóng gói: {folder} ({size:.0f} MB khi giải nén)")
        if size > SIZE_LIMIT_MB:
            raise BuildError(f"Bản đóng gói {size:.0f} MB, vượt giới hạn {SIZE_LIMIT_MB} MB.")
        if not options.skip_self_test:
            print(self_test(folder))
            print(upgrade_check(folder))
        archive = portable_archive(folder)
        _say(f"Bản di động: {archive} ({archive.stat().st_size / 1e6:.0f} MB)")
        if WINDOWS or options.installer:
            makensis = shutil.which("makensis")
            if makensis is None:
                raise BuildError("Không tìm thấy makensis (NSIS): cài NSIS 3 rồi chạy lại.")
            setup = installer(folder, makensis)
            _say(f"Bộ cài đặt: {setup} ({setup.stat().st_size / 1e6:.0f} MB)")
    except BuildError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
