"""The official two-tier list of provinces and communes (from vietnam-provinces,
loaded when first asked for: a tenth of a second not spent at every start)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tiepdan_desktop.domain.enums import UnitLevel
from tiepdan_desktop.domain.text import normalize_text, sort_key


@cache
def _levels() -> dict[object, UnitLevel]:
    from vietnam_provinces import VietNamDivisionType

    return {
        VietNamDivisionType.XA: UnitLevel.XA,
        VietNamDivisionType.PHUONG: UnitLevel.PHUONG,
        VietNamDivisionType.DAC_KHU: UnitLevel.DAC_KHU,
    }


_TYPE_PREFIXES = ("Thành phố ", "Tỉnh ", "Đặc khu ", "Phường ", "Xã ")


def bare_name(name: str) -> str:
    """The proper name without its type ("Phường Bến Thành" → "Bến Thành"), for sorting."""
    for prefix in _TYPE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


@dataclass(frozen=True)
class ProvinceEntry:
    code: int
    name: str


@dataclass(frozen=True)
class WardEntry:
    code: int
    name: str
    level: UnitLevel
    province_code: int


@cache
def provinces() -> tuple[ProvinceEntry, ...]:
    from vietnam_provinces import Province

    entries = (ProvinceEntry(int(p.code), normalize_text(p.name)) for p in Province.iter_all())
    return tuple(sorted(entries, key=lambda entry: sort_key(bare_name(entry.name))))


@cache
def _wards_by_province() -> dict[int, tuple[WardEntry, ...]]:
    from vietnam_provinces import Ward

    levels = _levels()
    grouped: dict[int, list[WardEntry]] = {}
    for ward in Ward.iter_all():
        entry = WardEntry(
            int(ward.code),
            normalize_text(ward.name),
            levels[ward.division_type],
            int(ward.province_code),
        )
        grouped.setdefault(entry.province_code, []).append(entry)
    return {
        code: tuple(sorted(entries, key=lambda entry: sort_key(bare_name(entry.name))))
        for code, entries in grouped.items()
    }


def wards_of(province_code: int) -> tuple[WardEntry, ...]:
    return _wards_by_province().get(province_code, ())


def find_province(code: int) -> ProvinceEntry | None:
    from vietnam_provinces import Province, ProvinceCode

    try:
        province = Province.from_code(ProvinceCode(code))
    except ValueError:
        return None
    return ProvinceEntry(int(province.code), normalize_text(province.name))


def find_ward(code: int) -> WardEntry | None:
    from vietnam_provinces import Ward, WardCode

    try:
        ward = Ward.from_code(WardCode(code))
    except ValueError:
        return None
    return WardEntry(
        int(ward.code),
        normalize_text(ward.name),
        _levels()[ward.division_type],
        int(ward.province_code),
    )
