"""Database health: SQLite's own checks, foreign keys, the schema revision, the
audit trail (still append-only, its hash chain unbroken) and the denouncer vault
(every protected filer sealed)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine

from tiepdan_desktop.db.audit import first_broken_entry
from tiepdan_desktop.db.engine import is_sqlite
from tiepdan_desktop.db.migrate import (
    MIGRATIONS_DIR,
    current_revision,
    head_revision,
    schema_differences,
)
from tiepdan_desktop.db.models.journal import APPEND_ONLY_TRIGGERS
from tiepdan_desktop.domain.confidentiality import IDENTITY_PROTECTED_TYPES
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
            report.checks.append("két bảo mật người tố cáo")
            report.problems.extend(_vault_problems(connection))
        connection.rollback()
    return report


def _vault_problems(connection: Connection) -> list[str]:
    """Denouncers left in clear: the vault is missing, or a protected visit or
    letter links a person without a seal (written outside the program)."""
    protected = ", ".join(f"'{kind.value}'" for kind in IDENTITY_PROTECTED_TYPES)
    unsealed = connection.exec_driver_sql(
        f"""SELECT COUNT(DISTINCT p.person_id) FROM (
            SELECT vp.person_id FROM visit_person vp JOIN visit v ON v.id = vp.visit_id
            WHERE v.letter_type IN ({protected})
            UNION SELECT lp.person_id FROM letter_person lp JOIN letter l ON l.id = lp.letter_id
            WHERE l.letter_type IN ({protected})
        ) p LEFT JOIN sealed_person s ON s.person_id = p.person_id WHERE s.person_id IS NULL"""
    ).scalar_one()
    has_vault = connection.exec_driver_sql("SELECT COUNT(*) FROM identity_vault").scalar_one()
    if not has_vault and unsealed:
        return [
            "Chưa thiết lập két bảo mật danh tính người tố cáo: "
            f"{unsealed} người tố cáo đang lưu không mã hóa."
        ]
    if unsealed:
        return [f"{unsealed} người tố cáo chưa được niêm phong trong két bảo mật."]
    return []
