"""Files kept with the records (scanned pages, issued documents): the bytes live
once in the data folder under their SHA-256, so the same scan added twice takes
no more room, and a stored file is never overwritten (its name is its content).
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import uuid
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tiepdan_desktop.db.models import Attachment
from tiepdan_desktop.domain.errors import (
    ConflictError,
    NotFoundError,
    StorageError,
    ValidationError,
)
from tiepdan_desktop.domain.identity_vault import open_sealed, seal
from tiepdan_desktop.services.context import ServiceContext

log = logging.getLogger(__name__)
MAX_BYTES = 50 * 1024 * 1024
MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _folder(context: ServiceContext) -> Path:
    if context.paths is None:
        raise ConflictError("Chưa có thư mục dữ liệu để lưu tệp đính kèm.")
    return context.paths.attachments


def stored_path(context: ServiceContext, sha256: str, suffix: str) -> Path:
    return _folder(context) / sha256[:2] / f"{sha256}{suffix}"


def media_type(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in MEDIA_TYPES:
        kinds = ", ".join(sorted({s.lstrip(".").upper() for s in MEDIA_TYPES}))
        raise ValidationError({"file": f"Chỉ đính kèm được tệp {kinds}."})
    return MEDIA_TYPES[suffix]


def store_bytes(context: ServiceContext, data: bytes, name: str) -> tuple[str, Path]:
    """Keep `data` in the data folder; its SHA-256 and where it is."""
    media_type(name)
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": f"Tệp quá lớn (tối đa {MAX_BYTES // 1024 // 1024} MB)."})
    sha256 = hashlib.sha256(data).hexdigest()
    target = stored_path(context, sha256, Path(name).suffix.lower())
    if not target.exists():
        try:
            _write_whole(target, data)
        except OSError as error:
            raise StorageError(
                "Không ghi được tệp vào thư mục dữ liệu (ổ đĩa đầy hoặc không có quyền ghi); "
                "thao tác chưa được thực hiện."
            ) from error
    return sha256, target


def _write_whole(target: Path, data: bytes) -> None:
    """Written beside the target and renamed: a crash never leaves half a file under
    a content name."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    Path(temporary).replace(target)


def add_attachment(
    session: Session,
    context: ServiceContext,
    data: bytes,
    name: str,
    *,
    letter_id: uuid.UUID | None = None,
    case_id: uuid.UUID | None = None,
    case_event_id: uuid.UUID | None = None,
    confidential: bool = False,
    sealed_to: bytes | None = None,
    added_by: uuid.UUID | None = None,
) -> Attachment:
    """Keep a file with a record.  With `sealed_to` (the vault's public key: pages
    a denouncer wrote), the file is stored encrypted with its real name inside,
    under a name that says nothing."""
    name = Path(name).name
    kind, size, stored_name = media_type(name), len(data), name
    if sealed_to is not None:
        if size > MAX_BYTES:
            raise ValidationError({"file": f"Tệp quá lớn (tối đa {MAX_BYTES // 1024 // 1024} MB)."})
        data = seal_file(sealed_to, name, data)
        stored_name = f"tep-niem-phong{Path(name).suffix.lower()}"
    sha256, _path = store_bytes(context, data, stored_name)
    row = Attachment(
        sha256=sha256,
        original_name=stored_name,
        media_type=kind,
        size_bytes=size,
        sealed=sealed_to is not None,
        letter_id=letter_id,
        case_id=case_id,
        case_event_id=case_event_id,
        confidential=confidential,
        added_by=added_by,
    )
    session.add(row)
    session.flush()
    return row


_SEALED_FILE = b"sealed attachment"


def seal_file(vault_public: bytes, name: str, data: bytes) -> bytes:
    return seal(vault_public, name.encode() + b"\0" + data, _SEALED_FILE)


def open_sealed_file(vault_private: bytes, sealed: bytes) -> tuple[str, bytes]:
    """(real name, bytes) of a sealed file; VaultKeyError when it does not open."""
    name, _zero, data = open_sealed(vault_private, sealed, _SEALED_FILE).partition(b"\0")
    return name.decode(), data


def attachment_file(context: ServiceContext, row: Attachment) -> Path:
    """The stored file of `row`, checked against its SHA-256 name."""
    path = stored_path(context, row.sha256, Path(row.original_name).suffix.lower())
    if not path.exists():
        raise NotFoundError(
            f"Không tìm thấy tệp «{row.original_name}» trong thư mục dữ liệu "
            "(có thể đã bị xóa hoặc chép thiếu khi chuyển máy)."
        )
    return path


def seal_files(
    session: Session, context: ServiceContext, vault_public: bytes, rows: Sequence[Attachment]
) -> list[Path]:
    """Seal files kept in clear (before the vault, or while their letter was open):
    each row then points to its sealed copy.  Returns the plain files no row uses
    any more, for `remove_plain_copies` once the change is committed."""
    if context.paths is None:
        return []
    plain: list[Path] = []
    for row in rows:
        try:
            path = attachment_file(context, row)
            data = path.read_bytes()
        except (NotFoundError, OSError):
            continue  # a file missing from the folder: `tiepdan check` tells of it
        old_sha, real_name = row.sha256, row.original_name
        row.original_name = f"tep-niem-phong{Path(real_name).suffix.lower()}"
        row.sha256, _stored = store_bytes(
            context, seal_file(vault_public, real_name, data), row.original_name
        )
        row.sealed = row.confidential = True
        session.flush()
        shared = select(Attachment.id).where(Attachment.sha256 == old_sha).limit(1)
        if session.scalar(shared) is None:
            plain.append(path)
    return plain


def remove_plain_copies(paths: Sequence[Path]) -> None:
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:  # open in a viewer: `tiepdan check` lists files left in clear
            log.warning("could not remove a plain file after sealing: %s", path.name)
