from __future__ import annotations

from tiepdan_desktop.domain.labels import action_label, entity_label, field_label, value_label


def test_codes_have_vietnamese_labels_and_unknown_codes_pass_through() -> None:
    assert action_label("tao_tai_khoan") == "Tạo tài khoản"
    assert entity_label("app_user") == "Tài khoản"
    assert field_label("full_name") == "Họ và tên"
    assert action_label("chua_co") == "chua_co"


def test_values_read_as_an_official_would() -> None:
    assert value_label("role", "can_bo") == "Cán bộ"
    assert value_label("active", True) == "có"
    assert value_label("address", None) == "∅"
    assert value_label("last_login_at", "2026-11-25T08:30:15") == "25/11/2026 08:30"
    assert value_label("received_on", "2026-01-10") == "10/01/2026"
    assert value_label("name", "Phường Bến Thành") == "Phường Bến Thành"
