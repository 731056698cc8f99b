"""One function per user action.  Each checks who may call it, validates, writes
in one transaction (the session records the audit trail) and returns a record
or raises a DomainError with a Vietnamese message."""
