"""Database health: SQLite's own checks, foreign keys, the schema revision, and the
audit trail (still append-only, its hash chain unbroken)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from tiepdan_desktop.db.audit import first_broken_entry
from tiepdan_desktop.db.engine import is_sqlite
from tiepdan_desktop.db.migrate import (
    MIGRATIONS_DIR,
    current_revision,
    head_revision,
    schema_differences,
)
from tiepdan_desktop.db.models.journal import APPEND_ONLY_TRIGGERS
from tiepdan_desktop.domain.records import IntegrityReport

_MAX_LISTED = 20


def check_database(engine: Engine, script_location: Path = MIGRATIONS_DIR) -> IntegrityReport:
    report = IntegrityReport()
    with engine.connect() as connection:
        if is_sqlite(connection):
            report.checks.append("PRAGMA integrity_check")
            results = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
            if results != ["ok"]:
                report.problems.extend(f"Tệp dữ liệu hỏng: {r}" for r in results[:_MAX_LISTED])

            report.checks.append("PRAGMA foreign_key_check")
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
            for table, rowid, parent, _fk in broken[:_MAX_LISTED]:
                report.problems.append(
                    f"Liên kết hỏng: bảng {table}, dòng {rowid} trỏ tới {parent} không tồn tại."
                )
            if len(broken) > _MAX_LISTED:
                report.problems.append(f"… và {len(broken) - _MAX_LISTED} liên kết hỏng khác.")

            report.checks.append("nhật ký thao tác chỉ được ghi thêm")
            triggers = set(
                connection.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                ).scalars()
            )
            for name in APPEND_ONLY_TRIGGERS:
                if name not in triggers:
                    report.problems.append(
                        f"Nhật ký thao tác không còn được khóa (thiếu {name}): có thể đã bị sửa."
                    )

        report.checks.append("lược đồ ở phiên bản mới nhất")
        current, head = current_revision(connection), head_revision(script_location)
        if current != head:
            report.problems.append(
                f"Lược đồ cơ sở dữ liệu ở phiên bản {current or 'không rõ'}, "
                f"chương trình cần {head}."
            )
        else:
            report.checks.append("lược đồ khớp với mô hình dữ liệu")
            differences = schema_differences(connection)
            report.problems.extend(f"Lược đồ lệch: {d}" for d in differences[:_MAX_LISTED])
            report.checks.append("chuỗi băm của nhật ký thao tác")
            if tampered := first_broken_entry(connection):
                report.problems.append(
                    f"Nhật ký thao tác bị sửa, xóa hoặc chèn từ bên ngoài chương trình: {tampered} "
                    "không khớp chuỗi băm."
                )
        connection.rollback()
    return report
