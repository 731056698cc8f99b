"""Group rules (Luật Tiếp công dân Đ29) and the protected visitor's code."""

from __future__ import annotations

import pytest

from tiepdan_desktop.domain.enums import LetterType
from tiepdan_desktop.domain.reception import (
    group_warnings,
    identity_hidden,
    protected_visitor_label,
    representatives_allowed,
)


@pytest.mark.parametrize(("head_count", "allowed"), [(4, None), (5, 2), (10, 2), (11, 5), (200, 5)])
def test_how_many_representatives_a_group_sends(head_count: int, allowed: int | None) -> None:
    assert representatives_allowed(head_count) == allowed


@pytest.mark.parametrize(
    ("head_count", "representatives", "warning"),
    [
        (8, 2, None),
        (30, 5, None),
        (4, 1, "từ 5 người trở lên"),
        (8, 0, "phải cử người đại diện"),
        (8, 3, "Đoàn từ 5 đến 10 người cử không quá 2 người đại diện"),
        (30, 6, "Đoàn trên 10 người cử không quá 5 người đại diện"),
    ],
)
def test_group_warnings(head_count: int, representatives: int, warning: str | None) -> None:
    warnings = group_warnings(head_count, representatives)
    if warning is None:
        assert warnings == []
    else:
        assert len(warnings) == 1 and warning in warnings[0]


def test_a_protected_visitor_gets_a_code_not_a_name() -> None:
    assert protected_visitor_label(LetterType.DENUNCIATION, 2026, 12) == "Người tố cáo TC-2026-0012"
    assert protected_visitor_label(LetterType.MIXED, 2026, 7) == "Người gửi (bảo mật) ND-2026-0007"
    assert identity_hidden(LetterType.DENUNCIATION, may_see_denouncers=False)
    assert not identity_hidden(LetterType.DENUNCIATION, may_see_denouncers=True)
    assert not identity_hidden(LetterType.COMPLAINT, may_see_denouncers=False)
