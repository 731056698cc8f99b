#!/bin/sh
# Set up and run tiepdan_desktop from a source checkout on Debian/Ubuntu.
#
#   installer/dev.sh run [--demo]   set up, then open the application
#                                   (--demo: a separate data folder with sample data)
#   installer/dev.sh test           set up, then run every check: ruff, mypy, pytest
#   installer/dev.sh build          set up, then build the bundle and the portable zip
#                                   (installer/build.py; --installer adds the NSIS setup)
#
# Needs only Python 3.12+ (on the PATH or installed by pyenv); installs the rest itself: the Debian libraries Qt and
# the PDF tests need (when missing, with sudo when not root) and the Python
# packages, in .venv.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VENV="$ROOT/.venv"
DEMO_DIR="$ROOT/.demo-data"
DEMO_VISITS=20000

# Debian packages: Qt's runtime (xcb for a window, EGL/GL, fonts), and poppler
# for reading PDFs back in tests.
QT_PACKAGES="libgl1 libegl1 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 \
libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 \
libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 \
libxcb-randr0 libxcb-xkb1 libxcb-xfixes0 libxcb-sync1 libxcb-shm0 libxcb-render0"
# NSIS: the tests compile the Windows installer script (makensis runs on Linux).
TEST_PACKAGES="poppler-utils nsis"
# LibreOffice proves the Excel files open; the headless build is enough, and any
# LibreOffice already on the machine will do.
OFFICE_PACKAGE="libreoffice-calc-nogui"
# Modules that must keep 100 % branch coverage: the deadline engine, the vault's
# cryptography, the letter classification and outcome rules, and the text core.
CORE_MODULES="*/domain/deadlines/*,*/domain/identity_vault.py,*/domain/case_*.py,*/domain/confidentiality.py,*/domain/reception_schedule.py,*/domain/calendar*.py,*/domain/letter_*.py,*/domain/report_*.py,*/domain/text.py,*/domain/validators.py"

say() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nLỗi: %s\n' "$*" >&2; exit 1; }

# Python 3.12+: PySide6 6.12.0 drops a reference to None each time it hands an
# empty QVariant to Python; from 3.12 None is immortal and that is harmless, on
# 3.11 the program would crash once None's count reached zero.
is_recent_python() {
    "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null
}

find_python() {
    for candidate in python3.13 python3.12 python3; do
        if command -v "$candidate" >/dev/null 2>&1 && is_recent_python "$candidate"; then
            command -v "$candidate"
            return 0
        fi
    done
    # pyenv keeps versions that are not the selected one off the PATH.
    for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3; do
        if [ -x "$candidate" ] && is_recent_python "$candidate"; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    return 1
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        return 1
    fi
}

install_debian_packages() {
    command -v dpkg-query >/dev/null 2>&1 || return 0  # not Debian/Ubuntu: nothing to do
    missing=""
    for package in "$@"; do
        status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
        case "$status" in
            *"ok installed"*) ;;
            *) missing="$missing $package" ;;
        esac
    done
    [ -z "$missing" ] && return 0
    say "Installing system packages:$missing"
    apt() { as_root env DEBIAN_FRONTEND=noninteractive apt-get "$@"; }
    apt update -qq || true
    if ! apt install -y -qq $missing; then
        # Names differ between releases (libglib2.0-0t64 …): try one by one.
        for package in $missing; do
            apt install -y -qq "$package" ||
                printf 'Could not install %s; please install it yourself.\n' "$package" >&2
        done
    fi
}

setup_python() {
    PYTHON=$(find_python) || {
        install_debian_packages python3 python3-venv
        PYTHON=$(find_python) || fail "Cần Python 3.12 trở lên (Python 3.12+ is required)."
    }
    if [ -x "$VENV/bin/python" ] && ! is_recent_python "$VENV/bin/python"; then
        say "Replacing .venv, made with a Python older than 3.12"
        rm -rf "$VENV"
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        say "Creating the virtual environment in .venv"
        if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
            rm -rf "$VENV"
            version=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
            install_debian_packages "python$version-venv"
            "$PYTHON" -m venv "$VENV" || fail "Không tạo được môi trường ảo (venv)."
        fi
    fi
    # Reinstall only when the dependencies changed.
    stamp="$VENV/.installed-$(cksum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
    if [ ! -f "$stamp" ]; then
        say "Installing Python packages (pyproject.toml)"
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
        "$VENV/bin/python" -m pip install --quiet -e "$ROOT[test]"
        rm -f "$VENV"/.installed-*
        touch "$stamp"
    fi
}

run_tests() {
    install_debian_packages $QT_PACKAGES $TEST_PACKAGES
    command -v soffice >/dev/null 2>&1 || install_debian_packages "$OFFICE_PACKAGE"
    setup_python
    cd "$ROOT"
    say "ruff (style)"
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    say "mypy --strict (domain, db, services, exports, bench, self-test, installer)"
    "$VENV/bin/mypy"
    say "pytest"
    if [ "$#" -gt 0 ]; then
        "$VENV/bin/python" -m pytest "$@"
        return
    fi
    # Tests that drive poppler or LibreOffice fail here if those are missing.
    TIEPDAN_REQUIRE_TOOLS=1 "$VENV/bin/python" -m pytest --cov --cov-report=
    say "coverage: the legal core and the text core stay fully tested"
    "$VENV/bin/python" -m coverage report --fail-under=100 --show-missing \
        --include="$CORE_MODULES"
}

prepare_demo() {
    if [ -f "$DEMO_DIR/tiepdan.sqlite" ]; then
        return 0
    fi
    say "Creating demo data in .demo-data ($DEMO_VISITS visits)"
    mkdir -p "$DEMO_DIR"
    password=$("$VENV/bin/python" -c 'import secrets; print("Demo-" + secrets.token_urlsafe(9))')
    umask 077
    printf '%s\n' "$password" > "$DEMO_DIR/mat-khau-quan-tri.txt"
    "$VENV/bin/tiepdan" --data-dir "$DEMO_DIR" init \
        --unit-name "UBND phường Bến Thành" --province-code 79 --ward-code 26743 \
        --chairman "Nguyễn Văn Thành" --admin quantri --admin-name "Trần Thị Quản Trị" \
        --password-file "$DEMO_DIR/mat-khau-quan-tri.txt"
    "$VENV/bin/tiepdan" --data-dir "$DEMO_DIR" demo-data --visits "$DEMO_VISITS" --seed 1
}

run_app() {
    install_debian_packages $QT_PACKAGES
    setup_python
    if [ "${1:-}" = "--demo" ]; then
        prepare_demo
        say "Demo account: quantri / $(cat "$DEMO_DIR/mat-khau-quan-tri.txt") (in .demo-data/mat-khau-quan-tri.txt)"
        set -- --data-dir "$DEMO_DIR"
    else
        set --
    fi
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        fail "Không có màn hình (no DISPLAY): hãy chạy trong phiên làm việc có giao diện, hoặc dùng xvfb-run."
    fi
    exec "$VENV/bin/tiepdan" "$@"
}

build_bundle() {
    install_debian_packages $QT_PACKAGES
    setup_python
    "$VENV/bin/python" -m pip install --quiet -e "$ROOT[build]"
    exec "$VENV/bin/python" "$ROOT/installer/build.py" "$@"
}

case "${1:-}" in
    run) shift; run_app "$@" ;;
    test) shift; run_tests "$@" ;;
    build) shift; build_bundle "$@" ;;
    *)
        printf 'Usage: %s run [--demo] | test [pytest options] | build [--installer]\n' "$0" >&2
        exit 2
        ;;
esac
