"""The Windows version resource of the executable (Explorer's Properties ›
Details), as PyInstaller's `version=` file reads it."""

from __future__ import annotations

import re

PUBLISHER = "Nhóm phát triển tiepdan_desktop"


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """The four numbers Windows shows for `version`: its release part only, so
    that «0.2.0rc1» is 0.2.0.0 and never looks newer than the final 0.2.0."""
    release = re.match(r"\d+(?:\.\d+)*", version)
    numbers = [int(part) for part in release[0].split(".")] if release else []
    first, second, third, fourth = [*numbers, 0, 0, 0, 0][:4]
    return first, second, third, fourth


def version_resource(product: str, description: str, executable: str, version: str) -> str:
    numbers = numeric_version(version)
    strings = {
        "CompanyName": PUBLISHER,
        "FileDescription": description,
        "FileVersion": version,
        "InternalName": executable,
        "OriginalFilename": f"{executable}.exe",
        "ProductName": product,
        "ProductVersion": version,
        "LegalCopyright": PUBLISHER,
    }
    table = ",\n".join(
        f"          StringStruct({key!r}, {value!r})" for key, value in strings.items()
    )
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('042a04b0', [
{table}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x042a, 1200])])
  ]
)
"""
