"""What a demo matter's resolution recorded besides its states: the verifier,
the complexity basis of an extension, the documents of each step (number, date,
signer), the figures of the decision (01/KQGQ) and of its enforcement (02/KQGQ).

Plausible rather than exact: most complaints are found wrong, recoveries are
small sums, a correct denunciation leads to a disciplinary proposal.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable

from tiepdan_desktop.domain.case_workflow import ComplexityCriterion
from tiepdan_desktop.domain.enums import CaseState, CaseType, Complexity, ResolutionVerdict
from tiepdan_desktop.services.demo.trajectories import Trajectory

# Steps whose document the office issues, with its symbol.
_DOCUMENTS = {
    "giao_xac_minh": "QĐ-UBND",
    "gia_han": "QĐ-UBND",
    "tam_dinh_chi": "QĐ-UBND",
    "tiep_tuc": "QĐ-UBND",
    "dinh_chi": "QĐ-UBND",
    "ra_quyet_dinh": "QĐ-UBND",
    "tra_loi": "CV-UBND",
}
_FIGURE_COLUMNS = (
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
    "money_recovered",
    "land_recovered",
    "money_returned",
    "land_returned",
    "sanctioned_persons",
    "criminal_cases",
)


def _figures(rng: random.Random, case_type: CaseType, now: Trajectory) -> dict[str, object]:
    figures: dict[str, object] = dict.fromkeys(_FIGURE_COLUMNS, 0)
    figures["fully_enforced"] = False
    verdict = now.verdict
    if verdict is None or verdict is ResolutionVerdict.WRONG:
        return figures
    if case_type is CaseType.DENUNCIATION:
        figures["sanction_persons"] = persons = rng.choice((1, 1, 1, 2))
        figures["sanction_officials"] = persons
        if rng.random() < 0.08:
            figures["police_cases"], figures["police_persons"] = 1, 1
        if rng.random() < 0.3:
            figures["money_to_recover"] = round(rng.uniform(5, 200), 1)
    else:
        if rng.random() < 0.5:
            figures["money_to_return"] = round(rng.uniform(2, 150), 1)
            figures["persons_restored"] = 1
        if rng.random() < 0.3:
            figures["land_to_return"] = round(rng.uniform(10, 400), 1)
            figures["persons_restored"] = 1
    if now.steps[-1].state is CaseState.CLOSED:
        figures["money_recovered"] = figures["money_to_recover"]
        figures["money_returned"] = figures["money_to_return"]
        figures["land_returned"] = figures["land_to_return"]
        figures["sanctioned_persons"] = figures["sanction_persons"]
        figures["criminal_cases"] = figures["police_cases"]
        figures["fully_enforced"] = True
    return figures


def _basis(rng: random.Random, complexity: Complexity) -> list[str]:
    if complexity is Complexity.NORMAL:
        return []
    count = 1 if complexity is Complexity.COMPLEX else rng.choice((2, 2, 3))
    return [criterion.value for criterion in rng.sample(list(ComplexityCriterion), count)]


def resolution_columns(
    rng: random.Random, case_type: CaseType, now: Trajectory, verifier: str
) -> dict[str, object]:
    """The matter's columns beyond its state and dates."""
    kinds = [step.kind for step in now.steps]
    states = [step.state for step in now.steps]
    suspended = states[-1] is CaseState.SUSPENDED
    extended = kinds.count("gia_han")
    columns: dict[str, object] = {
        "resume_state": states[-2] if suspended and len(states) > 1 else None,
        "extensions": extended,
        "complexity_basis_json": json.dumps(_basis(rng, now.complexity) if extended else []),
        "verifier": verifier if "giao_xac_minh" in kinds else None,
        "partly_withdrawn": False,
        "on_time": None,  # set from the resolution clock
        "escalation_result": None,
    }
    columns.update(_figures(rng, case_type, now))
    return columns


def step_document(
    kind: str,
    case_type: CaseType,
    on: dt.date,
    signer: str,
    number: Callable[[str, int], int],
) -> tuple[str | None, dt.date | None, str | None]:
    """The number, date and signer of the document a step records (or none)."""
    symbol = _DOCUMENTS.get(kind)
    if kind == "ra_quyet_dinh" and case_type is CaseType.DENUNCIATION:
        symbol = "KL-UBND"  # a conclusion, not a decision
    if symbol is None:
        return None, None, None
    return f"{number(symbol, on.year)}/{symbol}", on, signer
