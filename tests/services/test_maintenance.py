from __future__ import annotations

from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.records import UnitChanges
from tiepdan_desktop.services import maintenance, unit
from tiepdan_desktop.services.context import ServiceContext


def test_integrity_check_of_a_sound_database(services: ServiceContext, admin: Actor) -> None:
    report = maintenance.check_integrity(services, admin)
    assert report.ok and len(report.checks) == 7
    assert "chuỗi băm của nhật ký thao tác" in report.checks
    assert "két bảo mật người tố cáo" in report.checks


def test_audit_entries_newest_first(services: ServiceContext, admin: Actor) -> None:
    changes = UnitChanges("UBND phường Sài Gòn", "Lê Thị Hoa", False, None)
    unit.update_unit(services, admin, changes)
    entries = maintenance.list_audit_entries(services, admin, limit=3)
    assert len(entries) == 3
    assert entries[0].action == "sua_thong_tin_don_vi"
    assert entries[0].changes["name"] == ["UBND phường Bến Thành", "UBND phường Sài Gòn"]
    assert [e.id for e in entries] == sorted((e.id for e in entries), reverse=True)
