"""What a calendar or settings change did, in words an official reads once."""

from __future__ import annotations

from collections.abc import Sequence

from tiepdan_desktop.domain.records import CalendarChangeReport, DueDateChange

SHOWN_MOVES = 8


def describe_moves(moves: Sequence[DueDateChange]) -> str:
    if not moves:
        return "Không thời hạn đang chạy nào phải đổi."
    lines = [f"{len(moves)} thời hạn đang chạy được tính lại (đã ghi vào nhật ký):"]
    lines += [
        f"• {move.rule_id}: {move.old_due:%d/%m/%Y} → {move.new_due:%d/%m/%Y}"
        for move in moves[:SHOWN_MOVES]
    ]
    if len(moves) > SHOWN_MOVES:
        lines.append(f"• … và {len(moves) - SHOWN_MOVES} thời hạn khác.")
    return "\n".join(lines)


def describe_calendar_change(report: CalendarChangeReport) -> str:
    counts = [
        (report.added, "thêm"),
        (report.replaced, "cập nhật"),
        (report.removed, "bỏ"),
        (report.unchanged, "giữ nguyên"),
    ]
    done = ", ".join(f"{label} {count} ngày" for count, label in counts if count)
    first = f"Đã {done}." if done else "Lịch không thay đổi."
    return f"{first}\n{describe_moves(report.moved_deadlines)}"
