"""The pieces of the packaging that can be checked without building the bundle
(installer/build.py builds it; the Windows workflow installs it): the NSIS
script compiles, the portable archive carries its marker, the Windows icon and
version resource read back, a portable copy keeps its data beside itself."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from installer import build
from installer.windows_icon import SIZES, write_icon
from installer.windows_version import numeric_version, version_resource
from tests.tools import require_tools
from tiepdan_desktop import APP_NAME, __version__, paths

ROOT = Path(__file__).resolve().parents[2]


def _stand_in_bundle(folder: Path) -> Path:
    """The files the installer script names, in place of a Windows bundle."""
    (folder / "_internal").mkdir(parents=True)
    for name in ("TiepDan.exe", "TiepDanCLI.exe"):
        (folder / name).write_bytes(b"MZ stand-in")
    (folder / "_internal" / "base_library.zip").write_bytes(b"PK stand-in")
    return folder


def test_the_nsis_script_compiles(qapp: object, tmp_path: Path) -> None:
    require_tools("makensis")
    bundle = _stand_in_bundle(tmp_path / "TiepDan")
    icon = write_icon(ROOT / "resources" / "icons" / "app.svg", tmp_path / "TiepDan.ico")
    output = tmp_path / f"TiepDan-{__version__}-setup.exe"
    result = subprocess.run(
        [
            "makensis",
            "-V2",
            f"-DVERSION={__version__}",
            f"-DVERSION_NUM={'.'.join(map(str, numeric_version(__version__)))}",
            f"-DBUNDLE_DIR={bundle}",
            f"-DOUTFILE={output}",
            f"-DICON={icon}",
            "-DSIZE_KB=1",
            str(ROOT / "installer" / "tiepdan.nsi"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert output.read_bytes()[:2] == b"MZ"  # a Windows program


def test_the_nsis_script_refuses_to_compile_without_its_bundle(tmp_path: Path) -> None:
    require_tools("makensis")
    result = subprocess.run(
        ["makensis", "-V1", f"-DVERSION={__version__}", str(ROOT / "installer" / "tiepdan.nsi")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "BUNDLE_DIR" in result.stdout + result.stderr


def test_the_windows_icon_holds_every_size(qapp: object, tmp_path: Path) -> None:
    icon = write_icon(ROOT / "resources" / "icons" / "app.svg", tmp_path / "app.ico")
    with Image.open(icon) as image:
        assert image.info["sizes"] == {(size, size) for size in SIZES}
        image.size = (256, 256)
        # Drawn, not blank: the icon's dark square fills most of it.
        assert image.convert("RGBA").getpixel((128, 20))[3] == 255


def test_the_version_resource_reads_back() -> None:
    """PyInstaller evaluates the text with its version-info classes (on Windows
    only); here each class records what it was given."""
    classes = (
        "VSVersionInfo FixedFileInfo StringFileInfo StringTable StringStruct VarFileInfo VarStruct"
    )

    def recorder(name: str) -> object:
        return lambda *args, **kwargs: (name, args, kwargs)

    text = version_resource(APP_NAME, "Tiếp công dân – dòng lệnh", "TiepDanCLI", "1.2.3rc1")
    info = eval(text, {"__builtins__": {}}, {c: recorder(c) for c in classes.split()})
    fixed = info[2]["ffi"][2]
    assert fixed["filevers"] == fixed["prodvers"] == (1, 2, 3, 0)  # rc1: not above 1.2.3
    string_table = info[2]["kids"][0][1][0][0]
    assert string_table[1][0] == "042a04b0"  # Vietnamese, Unicode
    strings = dict(entry[1] for entry in string_table[1][1])
    assert strings["ProductName"] == APP_NAME and strings["OriginalFilename"] == "TiepDanCLI.exe"
    assert strings["FileDescription"] == "Tiếp công dân – dòng lệnh"
    assert strings["FileVersion"] == "1.2.3rc1"


def test_the_portable_archive_keeps_the_bundle_and_its_marker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = _stand_in_bundle(tmp_path / "bundle")
    (bundle / "_internal" / "libfoo.so.1").write_bytes(b"library")
    (bundle / "_internal" / "libfoo.so").symlink_to("libfoo.so.1")
    monkeypatch.setattr(build, "DIST", tmp_path)
    archive = build.portable_archive(bundle)
    with zipfile.ZipFile(archive) as packed:
        names = set(packed.namelist())
        assert {"TiepDan/TiepDan.exe", "TiepDan/_internal/base_library.zip"} <= names
        assert "TiepDan/DuLieu/" in names
        note = packed.read(f"TiepDan/{paths.PORTABLE_MARKER}").decode("utf-8")
        assert "DuLieu" in note and __version__ in note
        link = packed.getinfo("TiepDan/_internal/libfoo.so")
        assert link.external_attr >> 28 == 0o12  # kept as a link, not a copy
    assert build.folder_size_mb(bundle) < 0.001


def test_a_portable_copy_keeps_its_data_beside_the_executable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    executable = tmp_path / "TiepDan" / "TiepDan.exe"
    executable.parent.mkdir()
    executable.write_bytes(b"MZ")
    assert paths.portable_root(executable) is None  # installed: the user's folder
    (executable.parent / paths.PORTABLE_MARKER).write_text("portable", encoding="utf-8")
    assert paths.portable_root(executable) == executable.parent.resolve() / "DuLieu"
    # As the frozen program sees itself.
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))
    assert paths.default_data_root() == executable.parent.resolve() / "DuLieu"
    # Its marker lost, a copy whose data is beside it stays on that data.
    (executable.parent / paths.PORTABLE_MARKER).unlink()
    (executable.parent / "DuLieu").mkdir()
    assert paths.portable_root(executable) is None  # an empty DuLieu is nothing
    (executable.parent / "DuLieu" / paths.DATABASE_FILE).write_bytes(b"")
    assert paths.portable_root(executable) == executable.parent.resolve() / "DuLieu"


def test_from_source_the_data_stays_in_the_users_folder(tmp_path: Path) -> None:
    assert not getattr(sys, "frozen", False)
    assert paths.portable_root() is None
    assert paths.default_data_root().name == paths.APP_DIR_NAME
