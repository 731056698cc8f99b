"""What a report spec may count: the record sets and the attributes of each.

A form spec (resources/reports/*.toml) names a record set (`source`), filters
it by attributes (`where`) and counts records, sums a number or counts
distinct values.  The services turn the registers into records with exactly
these attributes (db/repositories/report_facts.py); the spec loader refuses a spec
that names anything else, so a typo in a new circular's spec fails at load,
not as a silent zero in a report sent to the province.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from tiepdan_desktop.domain.enums import LetterOutcome, LetterType, VisitHandling
from tiepdan_desktop.domain.letter_classification import PriorStatus

# An attribute whose value is unknown or does not apply holds "".
NONE: Final = ""

_YES_NO = frozenset({"co", "khong"})
_LETTER_TYPES = frozenset(kind.value for kind in LetterType) | {NONE}
_AREAS = frozenset({"HC.CDCS", "HC.DDNC", "HC.CCCV", "HC.KHAC", "TN", "TP", "DDT", "KHAC", NONE})
_INTAKE = frozenset({"ky_truoc", "trong_ky"})
_CASE_KINDS = frozenset({"khieu_nai", "to_cao", "kien_nghi_phan_anh", "khac"})


def _frozen(
    values: dict[str, frozenset[str]],
) -> MappingProxyType[str, frozenset[str]]:
    return MappingProxyType(values)


# Record set → attribute → the values it takes.
ATTRIBUTES: Final = MappingProxyType(
    {
        # Lượt tiếp in the period (Sổ tiếp công dân).
        "visit": _frozen(
            {
                # Thường xuyên; định kỳ/đột xuất by the chairman in person or delegated.
                "reception": frozenset({"thuong_xuyen", "thu_truong", "uy_quyen"}),
                "group": _YES_NO,
                # A matter seen in one kind of reception: first time or again.
                "matter_visits": frozenset({"lan_dau", "nhieu_lan"}),
                "letter_type": _LETTER_TYPES,
                "handling": frozenset(kind.value for kind in VisitHandling),
            }
        ),
        # Kỳ tiếp: the chairman's reception days held in the period.
        "session": _frozen(
            {
                "reception": frozenset({"thu_truong", "uy_quyen"}),
                "session_type": frozenset({"dinh_ky", "dot_xuat"}),
            }
        ),
        # Letters to process in the period (carried over or received), and the
        # forwarded letters whose reply came in it.
        "letter": _frozen(
            {
                "intake": _INTAKE | {NONE},
                "processed": _YES_NO | {NONE},
                "eligible": _YES_NO | {NONE},
                "letter_type": _LETTER_TYPES,
                "area": _AREAS,
                "prior_status": frozenset(kind.value for kind in PriorStatus) | {NONE},
                # Within competence, or where an outside matter went.
                "result": frozenset({"tham_quyen", "huong_dan", "chuyen_don", "don_doc", NONE}),
                "outcome": frozenset(kind.value for kind in LetterOutcome) | {NONE},
                "reply": _YES_NO,
                # Its matter was resolved (decided or closed) by the end of the period.
                "matter_resolved": _YES_NO | {NONE},
            }
        ),
        # Matters within competence to resolve in the period.
        "case": _frozen(
            {
                "kind": _CASE_KINDS,
                "instance": frozenset({"lan_dau", "lan_hai", "ky_luat", NONE}),
                "intake": _INTAKE,
                # How it was resolved in the period, or "chua".
                "resolution": frozenset({"quyet_dinh", "rut_don", "dinh_chi", "chua"}),
                "verdict": frozenset({"dung", "dung_mot_phan", "sai", NONE}),
                # A second-instance decision upheld the first one, or annulled/changed it.
                "second_instance": frozenset({"cong_nhan", "huy_sua", NONE}),
                "on_time": frozenset({"dung_han", "tre_han", NONE}),
            }
        ),
        # Decisions and conclusions to carry out in the period (05/KQTH, 02/KQGQ).
        "decision": _frozen(
            {
                "kind": _CASE_KINDS,
                # Not complained about further (nor taken to court) by the period's end.
                "in_force": _YES_NO,
                # Carried out in full by the period's end.
                "enforced": _YES_NO,
            }
        ),
    }
)

# A decision's figures (01/KQGQ): what it ordered …
DECISION_FIGURES: Final = (
    "money_to_recover",
    "land_to_recover",
    "money_to_return",
    "land_to_return",
    "orgs_restored",
    "persons_restored",
    "sanction_persons",
    "sanction_officials",
    "police_cases",
    "police_persons",
)
# … of which what is to be carried out, and what was (02/KQGQ).
TO_CARRY_OUT: Final = DECISION_FIGURES[:4]
CARRIED_OUT: Final = (
    "money_recovered",
    "land_recovered",
    "money_returned",
    "land_returned",
    "sanctioned_persons",
    "criminal_cases",
)

# Record set → the numbers a spec may sum.
NUMBERS: Final = MappingProxyType(
    {
        "visit": frozenset({"persons"}),
        "session": frozenset(),
        "letter": frozenset(),
        "case": frozenset({"letters", *DECISION_FIGURES}),
        "decision": frozenset({*TO_CARRY_OUT, *CARRIED_OUT}),
    }
)

# Record set → the values a spec may count distinct ("vụ việc": the matter key).
DISTINCT: Final = MappingProxyType(
    {
        "visit": frozenset({"matter"}),
        "session": frozenset(),
        "letter": frozenset({"matter"}),
        "case": frozenset(),
        "decision": frozenset(),
    }
)

# How one record of each set is named in a check's message.
RECORD_NOUNS: Final = MappingProxyType(
    {
        "visit": "lượt tiếp",
        "session": "kỳ tiếp",
        "letter": "đơn",
        "case": "vụ việc",
        "decision": "quyết định",
    }
)
