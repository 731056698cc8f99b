"""All tables; importing this package registers them on Base.metadata."""

from tiepdan_desktop.db.models.cases import Attachment, Case, CaseEvent, Deadline, IssuedDocument
from tiepdan_desktop.db.models.journal import AuditEntry, CalendarDay
from tiepdan_desktop.db.models.letters import Letter, LetterPerson
from tiepdan_desktop.db.models.organisation import Setting, SubjectAreaRow, Unit, User
from tiepdan_desktop.db.models.reception import Person, ReceptionSession, Visit, VisitPerson
from tiepdan_desktop.db.models.reports import ReportSnapshot
from tiepdan_desktop.db.models.vault import IdentityVault, SealedPerson, VaultCustodian

__all__ = [
    "Attachment",
    "AuditEntry",
    "CalendarDay",
    "Case",
    "CaseEvent",
    "Deadline",
    "IdentityVault",
    "IssuedDocument",
    "Letter",
    "LetterPerson",
    "Person",
    "ReceptionSession",
    "ReportSnapshot",
    "SealedPerson",
    "Setting",
    "SubjectAreaRow",
    "Unit",
    "User",
    "VaultCustodian",
    "Visit",
    "VisitPerson",
]
