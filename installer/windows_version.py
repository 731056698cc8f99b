"""The Windows version resource of the executable (Explorer's Properties ›
Details), as PyInstaller's `version=` file reads it."""

from __future__ import annotations

PUBLISHER = "Nhóm phát triển tiepdan_desktop"


def _numbers(version: str) -> tuple[int, int, int, int]:
    parts = [int("".join(c for c in part if c.isdigit()) or 0) for part in version.split(".")]
    first, second, third, fourth = [*parts, 0, 0, 0, 0][:4]
    return first, second, third, fourth


def version_resource(product: str, executable: str, version: str) -> str:
    numbers = _numbers(version)
    strings = {
        "CompanyName": PUBLISHER,
        "FileDescription": product,
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
