"""The denouncer identity vault (két bảo mật): creating it, its custodians, and
revealing a denouncer's identity (Luật Tố cáo Đ8.3, Đ56).

- The chairman (a leader) creates it once and holds its first key; the recovery
  key is shown to the chairman that one time, to be printed and sealed in an
  envelope.  Denouncers and confidential files kept before it are sealed then.
- Custodians are the unit's leaders and the users the administrator designates,
  never an administrator.  A custodian's key is the vault key wrapped under their
  own password: taking it needs a custodian who is present (their password) or
  the recovery key.  A password reset by the administrator, or a change of role,
  removes it; nothing the administrator can do opens the vault.
- Revealing an identity (or opening a sealed page) needs the custodian's password,
  checked as a sign-in, and a reason; each one is written in the audit trail.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tiepdan_desktop.db import fulltext
from tiepdan_desktop.db.audit import record_bulk_action
from tiepdan_desktop.db.base import utc_now
from tiepdan_desktop.db.models import (
    Attachment,
    Case,
    CaseEvent,
    IdentityVault,
    IssuedDocument,
    Letter,
    LetterPerson,
    Person,
    SealedPerson,
    Unit,
    User,
    VaultCustodian,
    Visit,
    VisitPerson,
)
from tiepdan_desktop.db.repositories.organisation import the_unit
from tiepdan_desktop.domain import identity_vault as crypto
from tiepdan_desktop.domain.accounts import normalize_username
from tiepdan_desktop.domain.actor import Actor
from tiepdan_desktop.domain.confidentiality import IDENTITY_PROTECTED_TYPES, identity_is_protected
from tiepdan_desktop.domain.enums import LetterPartyRole, Role
from tiepdan_desktop.domain.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from tiepdan_desktop.domain.identity_vault import SealedIdentity, VaultKeyError
from tiepdan_desktop.domain.permissions import Permission
from tiepdan_desktop.exports.official_document import load_template
from tiepdan_desktop.services import accounts
from tiepdan_desktop.services.access import requires, signed_in
from tiepdan_desktop.services.attachment_store import (
    attachment_file,
    open_sealed_file,
    remove_plain_copies,
    seal_files,
)
from tiepdan_desktop.services.context import ServiceContext
from tiepdan_desktop.services.identity_sealing import (
    LETTER_TEXTS,
    VISIT_TEXTS,
    RecordCodes,
    VaultWriter,
    cleaner_for,
    seal_label,
    seal_stored,
)
from tiepdan_desktop.services.letter_documents import (
    number_label,
    numbering_settings,
    rendered,
    title_of,
)
from tiepdan_desktop.services.letter_support import refresh_search_keys
from tiepdan_desktop.services.vault_keys import (
    RECOVERY_LABEL,
    may_hold,
    open_slot,
    private_from_custodian,
    private_from_recovery,
    wrap_for,
)
from tiepdan_desktop.services.visit_support import refresh_visit_keys

MIN_REASON_LENGTH = 10


@dataclass(frozen=True)
class CustodianInfo:
    user_id: uuid.UUID
    full_name: str
    username: str
    holds_key: bool  # False: designated, still to take the key


@dataclass(frozen=True)
class VaultStatus:
    exists: bool
    created_at: str | None
    custodians: tuple[CustodianInfo, ...]
    sealed_people: int
    # The signed-in user: may take the key (a leader or designated), holds it.
    i_may_hold: bool
    i_hold: bool


@dataclass(frozen=True)
class VaultCreated:
    recovery_key: str
    sealed_now: int  # denouncers entered before the vault, sealed on creation


@dataclass(frozen=True)
class RevealedPerson:
    code: str
    identity: SealedIdentity


# --- status -----------------------------------------------------------------------------


def _vault(session: Session) -> IdentityVault:
    vault = session.scalar(select(IdentityVault).limit(1))
    if vault is None:
        raise ConflictError("Chưa thiết lập két bảo mật danh tính người tố cáo.")
    return vault


@requires(Permission.VIEW_REGISTERS)
def vault_status(context: ServiceContext, actor: Actor) -> VaultStatus:
    with context.sessions.reading() as session:
        vault = session.scalar(select(IdentityVault).limit(1))
        rows = session.execute(
            select(User, VaultCustodian)
            .outerjoin(VaultCustodian, VaultCustodian.user_id == User.id)
            .where(
                User.active,
                User.role != Role.ADMIN,
                (User.role == Role.LEADER) | VaultCustodian.user_id.is_not(None),
            )
            .order_by(User.full_name)
        ).all()
        me = session.get(User, actor.user_id) if actor.user_id else None
        mine = session.get(VaultCustodian, actor.user_id) if actor.user_id else None
        return VaultStatus(
            exists=vault is not None,
            created_at=None if vault is None else vault.created_at.strftime("%d/%m/%Y"),
            custodians=tuple(
                CustodianInfo(
                    user.id,
                    user.full_name,
                    user.username,
                    custodian is not None and custodian.wrapped_key is not None,
                )
                for user, custodian in rows
            ),
            sealed_people=session.scalar(select(func.count()).select_from(SealedPerson)) or 0,
            i_may_hold=me is not None and may_hold(session, me),
            i_hold=mine is not None and mine.wrapped_key is not None,
        )


# --- creating it ------------------------------------------------------------------------


@requires(Permission.DECIDE)
def create_vault(context: ServiceContext, actor: Actor, password: str) -> VaultCreated:
    """The chairman (a leader) creates the unit's vault, holds its first key (under
    their password), and seals the denouncers already in the register.  The
    recovery key is returned this once, to the chairman, and kept nowhere in
    clear: the administrator, who manages the accounts, never sees it."""
    _password_again(context, actor.username, password)
    private, public = crypto.new_vault_keys()
    recovery = crypto.new_recovery_key()
    recovery_key = crypto.recovery_wrapping_key(crypto.recovery_key_bytes(recovery))
    with context.sessions.writing(actor, "tao_ket_bao_mat") as session:
        unit = the_unit(session)
        if unit is None:
            raise ConflictError("Chưa cài đặt đơn vị.")
        if session.scalar(select(IdentityVault).limit(1)) is not None:
            raise ConflictError("Két bảo mật đã được thiết lập; không thể tạo lại.")
        me = session.get(User, actor.user_id) if actor.user_id else None
        if me is None or not may_hold(session, me):
            raise PermissionDeniedError("Chỉ lãnh đạo UBND mới thiết lập két bảo mật.")
        first = VaultCustodian(user_id=me.id, granted_by_name=actor.full_name)
        wrap_for(first, private, password, context.vault_kdf)
        session.add(first)
        vault = IdentityVault(
            unit_id=unit.id,
            public_key=public,
            recovery_wrapped=crypto.wrap(recovery_key, private, RECOVERY_LABEL),
            index_key=crypto.new_secret(),
            created_by_name=actor.full_name,
        )
        session.add(vault)
        session.flush()
        sealed = _seal_older_entries(session, VaultWriter(public, vault.index_key))
        for table in fulltext.INDEXED_TABLES:  # no word of theirs left in the indexes
            fulltext.rebuild(session.connection(), table)
        plain_files = _seal_older_files(session, context, public)
        fingerprint = hashlib.sha256(public).hexdigest()[:16]
        session.info["reason"] = (
            f"Niêm phong {sealed} người tố cáo đã có trong sổ; khóa công khai {fingerprint}"
        )
    remove_plain_copies(plain_files)  # only once the sealed copies are committed
    return VaultCreated(recovery, sealed)


def _seal_older_files(session: Session, context: ServiceContext, public: bytes) -> list[Path]:
    """Seal the confidential files kept before the vault (scans, notices naming a
    denouncer); the plain files no other row uses, to delete after the commit."""
    rows = session.scalars(select(Attachment).where(Attachment.confidential, ~Attachment.sealed))
    return seal_files(session, context, public, rows.all())


def _seal_older_entries(session: Session, writer: VaultWriter) -> int:
    """Seal the filers of every protected visit and letter written before the vault."""
    before = session.scalar(select(func.count()).select_from(SealedPerson)) or 0
    visits = session.scalars(
        select(Visit).where(Visit.letter_type.in_(IDENTITY_PROTECTED_TYPES))
    ).all()
    for visit in visits:
        links = list(session.scalars(select(VisitPerson).where(VisitPerson.visit_id == visit.id)))
        assert visit.letter_type is not None  # protected
        codes = RecordCodes(visit.letter_type, visit.year, visit.number)
        if seal_stored(session, writer, codes, visit, links, VISIT_TEXTS):
            refresh_visit_keys(session, visit)  # keys made before: IDs typed with spaces
    letters = session.scalars(
        select(Letter).where(Letter.letter_type.in_(IDENTITY_PROTECTED_TYPES))
    ).all()
    for letter in letters:
        links = list(
            session.scalars(select(LetterPerson).where(LetterPerson.letter_id == letter.id))
        )
        codes = RecordCodes(letter.letter_type, letter.year, letter.number)
        if seal_stored(session, writer, codes, letter, links, LETTER_TEXTS):
            refresh_search_keys(session, letter)
        if letter.case_id is not None:
            _clean_matter(session, letter.case_id, [link.person_id for link in links])
    return (session.scalar(select(func.count()).select_from(SealedPerson)) or 0) - before


def _clean_matter(session: Session, case_id: uuid.UUID, person_ids: list[uuid.UUID]) -> None:
    """A matter written before the vault: its summary and its steps' notes lose
    the identity of the letter's (now sealed) filers."""
    cleaner = cleaner_for(session, person_ids)
    case = session.get(Case, case_id)
    if cleaner is None or case is None:
        return
    case.summary = cleaner.clean(case.summary) or case.summary
    case.verifier = cleaner.clean(case.verifier)
    for event in session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id)):
        if event.note:
            event.note = cleaner.clean(event.note)


# --- custodians -------------------------------------------------------------------------


@requires(Permission.MANAGE_USERS)
def designate_custodian(
    context: ServiceContext, actor: Actor, user_id: uuid.UUID, designated: bool
) -> None:
    """The administrator names (or stops naming) a user as a custodian.  Leaders
    are custodians by their role.  Naming gives no key: the user still takes it
    with a custodian or the recovery key.  Stopping removes the key."""
    with context.sessions.writing(actor, "chi_dinh_nguoi_giu_ket") as session:
        user = session.get(User, user_id)
        if user is None:
            raise NotFoundError("Không tìm thấy người dùng này.")
        if designated and user.role is Role.ADMIN:
            raise ValidationError(
                {
                    "user": "Quản trị viên không giữ két: người quản lý tài khoản không được "
                    "đồng thời mở được danh tính người tố cáo."
                }
            )
        session.info["reason"] = f"{user.full_name}: {'giữ két' if designated else 'thôi giữ két'}"
        row = session.get(VaultCustodian, user_id)
        if designated and row is None:
            session.add(VaultCustodian(user_id=user_id, granted_by_name=actor.full_name))
        elif not designated and row is not None:
            session.delete(row)


@signed_in
def take_custody(
    context: ServiceContext,
    actor: Actor,
    my_password: str,
    opener_username: str | None = None,
    opener_password: str | None = None,
    recovery_key: str | None = None,
) -> None:
    """The signed-in leader or designated user takes the vault key, wrapped under
    their own password.  It is opened for them by a custodian who is present
    (username and password) or by the printed recovery key."""
    if actor.user_id is None:
        raise PermissionDeniedError("Tài khoản dòng lệnh không giữ két.")
    _password_again(context, actor.username, my_password)
    if not recovery_key and opener_username and opener_password:
        wrong = "Tên đăng nhập hoặc mật khẩu của người đang giữ két không đúng."
        _password_again(context, opener_username, opener_password, "opener", wrong)
    with context.sessions.writing(actor, "nhan_khoa_ket") as session:
        vault = _vault(session)
        me = session.get(User, actor.user_id)
        if me is None or not may_hold(session, me):
            raise PermissionDeniedError(
                "Chỉ lãnh đạo UBND và người được quản trị viên chỉ định mới giữ két."
            )
        if me.must_change_password:  # a password the administrator chose must not hold it
            raise PermissionDeniedError("Hãy đổi mật khẩu tạm thời trước khi nhận khóa két.")
        if recovery_key:
            private = private_from_recovery(vault, recovery_key)
            how = "bằng khóa dự phòng"
        elif opener_username and opener_password:
            private = private_from_custodian(session, context, opener_username, opener_password)
            how = f"do {normalize_username(opener_username)} mở"
        else:
            raise ValidationError(
                {"opener": "Cần người đang giữ két nhập mật khẩu, hoặc khóa dự phòng."}
            )
        if crypto.public_of(private) != vault.public_key:
            raise ValidationError({"opener": "Khóa này không phải của két của đơn vị."})
        custodian = session.get(VaultCustodian, me.id)
        if custodian is None:
            custodian = VaultCustodian(user_id=me.id, granted_by_name=actor.full_name)
            session.add(custodian)
        wrap_for(custodian, private, my_password, context.vault_kdf)
        custodian.granted_at = utc_now()
        session.info["reason"] = f"{me.full_name} nhận khóa két ({how})"


# --- revealing --------------------------------------------------------------------------


@requires(Permission.VIEW_REGISTERS)
def reveal_people(
    context: ServiceContext,
    actor: Actor,
    entity: str,
    record_id: uuid.UUID,
    password: str,
    reason: str,
) -> list[RevealedPerson]:
    """The identities sealed for one visit («visit») or letter («letter»), for a
    custodian who gives their password and a reason; the reveal is audited."""
    reason = _checked_reason(reason)
    _password_again(context, actor.username, password)
    with context.sessions.writing(actor, "mo_ket_xem_danh_tinh") as session:
        private = _custodian_key(session, context, actor, password)
        sealed = _sealed_of(session, entity, record_id)
        revealed = [RevealedPerson(row.code, _opened(private, row)) for row in sealed]
        session.info["reason"] = reason
        record_bulk_action(
            session,
            actor,
            "mo_ket_xem_danh_tinh",
            entity,
            {"record": str(record_id), "codes": [row.code for row in sealed]},
            operation="view",
        )
        return revealed


@requires(Permission.VIEW_REGISTERS)
def addressed_copy(
    context: ServiceContext, actor: Actor, document_id: uuid.UUID, password: str, reason: str
) -> Path:
    """The copy of a notice addressed to the denouncer (thông báo thụ lý, không thụ
    lý…) with their name and address, for a custodian to print and send: the same
    document as issued, the pseudonym replaced; written to a private folder, never
    kept with the register; audited."""
    reason = _checked_reason(reason)
    _password_again(context, actor.username, password)
    with context.sessions.writing(actor, "ban_gui_nguoi_to_cao") as session:
        private = _custodian_key(session, context, actor, password)
        document = session.get(IssuedDocument, document_id)
        letter = None if document is None else _letter_of(session, document)
        if document is None or letter is None:
            raise NotFoundError("Không tìm thấy văn bản này.")
        template = load_template(document.form_code)
        if not (template.denouncer_identity and identity_is_protected(letter.letter_type)):
            raise ValidationError(
                {"document": f"{template.name} không gửi cho người tố cáo: không cần bản này."}
            )
        sealed = _addressee(session, letter)
        identity = _opened(private, sealed)
        person = session.get(Person, sealed.person_id)
        unit = session.get(Unit, letter.unit_id)
        assert unit is not None  # a letter always belongs to the unit
        label = number_label(numbering_settings(session), document.number, document.symbol)
        filer = {
            "title": title_of(person.gender if person else None),
            "name": identity.full_name,
            "address": identity.address or "",
            "id_number": identity.id_number or "",
        }
        official = rendered(
            session,
            unit,
            letter,
            template,
            document.issued_on,
            label,
            document.signer_name,
            filer=filer,
        )
        session.info["reason"] = reason
        record_bulk_action(
            session,
            actor,
            "ban_gui_nguoi_to_cao",
            "issued_document",
            {"record": str(document.id), "codes": [sealed.code]},
            operation="view",
        )
    name = f"{document.form_code}-{document.issued_on.year}-{document.number:04d}-ban-gui.pdf"
    from tiepdan_desktop.exports.official_pdf import write_official_pdf

    try:
        return write_official_pdf(official, _private_folder() / name)
    except OSError as error:
        raise ConflictError(f"Không ghi được tệp tạm: {error.strerror or error}.") from error


def _addressee(session: Session, letter: Letter) -> SealedPerson:
    """Who a notice is sent to: the first filer, not an authorised representative,
    as the issued document names them."""
    links = session.scalars(
        select(LetterPerson)
        .where(LetterPerson.letter_id == letter.id)
        .order_by(LetterPerson.role == LetterPartyRole.AUTHORISED, LetterPerson.position)
    )
    for link in links:
        if (sealed := session.get(SealedPerson, link.person_id)) is not None:
            return sealed
    raise NotFoundError("Đơn này không có người đứng đơn nào được niêm phong.")


def _letter_of(session: Session, document: IssuedDocument) -> Letter | None:
    return None if document.letter_id is None else session.get(Letter, document.letter_id)


def _password_again(
    context: ServiceContext,
    username: str,
    password: str,
    field: str = "password",
    wrong: str | None = None,
) -> None:
    """The password typed to open the vault, checked as a sign-in: a wrong one is
    written in the audit trail and counts towards the account's lock."""
    try:
        accounts.authenticate(context, username, password)
    except AuthenticationError as error:
        raise ValidationError({field: wrong or error.message}) from error


def _custodian_key(session: Session, context: ServiceContext, actor: Actor, password: str) -> bytes:
    """The vault private key, for a custodian who typed their password."""
    if actor.user_id is None:
        raise PermissionDeniedError("Tài khoản dòng lệnh không mở két.")
    custodian = session.get(VaultCustodian, actor.user_id)
    me = session.get(User, actor.user_id)
    holds = custodian is not None and custodian.wrapped_key is not None
    if custodian is None or not holds or me is None or not may_hold(session, me):
        raise PermissionDeniedError(
            "Bạn không giữ khóa két bảo mật; chỉ người giữ két mới xem được danh tính."
        )
    return open_slot(custodian, password)


def _checked_reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError({"reason": "Hãy ghi lý do xem danh tính (ít nhất 10 ký tự)."})
    return reason


@requires(Permission.VIEW_REGISTERS)
def open_sealed_attachment(
    context: ServiceContext, actor: Actor, attachment_id: uuid.UUID, password: str, reason: str
) -> Path:
    """A sealed file (pages a denouncer wrote) decrypted for a custodian into a
    private temporary folder removed when the program ends; the opening is audited."""
    reason = _checked_reason(reason)
    _password_again(context, actor.username, password)
    with context.sessions.writing(actor, "mo_tep_niem_phong") as session:
        private = _custodian_key(session, context, actor, password)
        row = session.get(Attachment, attachment_id)
        if row is None or not row.sealed:
            raise NotFoundError("Không tìm thấy tệp niêm phong này.")
        try:
            name, data = open_sealed_file(private, attachment_file(context, row).read_bytes())
        except VaultKeyError as error:
            raise ConflictError(
                "Tệp niêm phong không mở được: đã bị sửa hoặc hỏng. Hãy khôi phục từ bản sao lưu."
            ) from error
        except OSError as error:
            raise ConflictError(f"Không đọc được tệp niêm phong: {error.strerror}.") from error
        session.info["reason"] = reason
        record_bulk_action(
            session, actor, "mo_tep_niem_phong", "attachment", {"record": str(row.id)}, "view"
        )
    try:
        target = _private_folder() / (Path(name).name or "tep" + Path(row.original_name).suffix)
        target.write_bytes(data)
    except OSError as error:
        raise ConflictError(
            f"Không ghi được tệp tạm để mở: {error.strerror or error}. Ổ đĩa có thể đã đầy."
        ) from error
    return target


_PRIVATE_PREFIX = "tiepdan-mat-"
_ours: set[Path] = set()


def _private_folder() -> Path:
    """A folder for one opened file, removed when the program ends; folders a
    crashed run left behind are removed now."""
    day_ago = time.time() - 24 * 3600  # another program open now keeps its own
    for stale in Path(tempfile.gettempdir()).glob(_PRIVATE_PREFIX + "*"):
        if stale not in _ours and stale.stat().st_mtime < day_ago:
            shutil.rmtree(stale, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=_PRIVATE_PREFIX))
    _ours.add(folder)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _opened(private: bytes, row: SealedPerson) -> SealedIdentity:
    try:
        plain = crypto.open_sealed(private, row.sealed, seal_label(row.seal_id))
    except VaultKeyError as error:
        raise ConflictError(
            f"Danh tính niêm phong của {row.code} không mở được: dữ liệu đã bị sửa hoặc hỏng. "
            "Hãy khôi phục từ bản sao lưu."
        ) from error
    return SealedIdentity.from_bytes(plain)


def _sealed_of(session: Session, entity: str, record_id: uuid.UUID) -> list[SealedPerson]:
    if entity == "visit":
        link = select(VisitPerson.person_id).where(VisitPerson.visit_id == record_id)
    elif entity == "letter":
        link = select(LetterPerson.person_id).where(LetterPerson.letter_id == record_id)
    else:
        raise ValidationError({"entity": "Chỉ mở két cho lượt tiếp hoặc đơn."})
    rows = list(
        session.scalars(
            select(SealedPerson)
            .join(Person, Person.id == SealedPerson.person_id)
            .where(SealedPerson.person_id.in_(link))
            .order_by(SealedPerson.code)
        )
    )
    if not rows:
        raise NotFoundError("Hồ sơ này không có danh tính nào được niêm phong.")
    return rows
