"""What a demo matter's resolution recorded besides its states: the verifier,
the complexity basis of an extension, the documents of each step (number, date,
signer), the figures of the decision (01/KQGQ) and of its enforcement (02/KQGQ).

Plausible rather than exact: most complaints are found wrong, recoveries are
small sums, a correct denunciation leads to a disciplinary proposal.
"""

from __future__ import annotations

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


def _figures(rng: random.Random, case_type: CaseType, now: Trajectory) -> dict[str, object]:
    """The report figures that are not zero (the columns default to zero)."""
    verdict = now.verdict
    if verdict is None or verdict is ResolutionVerdict.WRONG:
        return {}
    figures: dict[str, object] = {}
    if case_type is CaseType.DENUNCIATION:
        persons = rng.choice((1, 1, 1, 2))
        figures |= {"sanction_persons": persons, "sanction_officials": persons}
        if rng.random() < 0.08:
            figures |= {"police_cases": 1, "police_persons": 1}
        if rng.random() < 0.3:
            figures["money_to_recover"] = round(rng.uniform(5, 200), 1)
    else:
        if rng.random() < 0.5:
            figures |= {"money_to_return": round(rng.uniform(2, 150), 1), "persons_restored": 1}
        if rng.random() < 0.3:
            figures |= {"land_to_return": round(rng.uniform(10, 400), 1), "persons_restored": 1}
    if now.steps[-1].state is CaseState.CLOSED:  # enforced in full
        for done, decided in _ENFORCED.items():
            if decided in figures:
                figures[done] = figures[decided]
        figures["fully_enforced"] = True
    return figures


# What was enforced, from what was decided (02/KQGQ from 01/KQGQ).
_ENFORCED = {
    "money_recovered": "money_to_recover",
    "money_returned": "money_to_return",
    "land_returned": "land_to_return",
    "sanctioned_persons": "sanction_persons",
    "criminal_cases": "police_cases",
}


def _basis(rng: random.Random, complexity: Complexity) -> list[str]:
    if complexity is Complexity.NORMAL:
        return []
    count = 1 if complexity is Complexity.COMPLEX else rng.choice((2, 2, 3))
    return [criterion.value for criterion in rng.sample(list(ComplexityCriterion), count)]


def resolution_columns(
    rng: random.Random, case_type: CaseType, now: Trajectory, verifier: str
) -> dict[str, object]:
    """The matter's columns beyond its state and dates that differ from their
    defaults (the bulk insert fills in the rest)."""
    if now.accepted_on is None:
        return {}
    kinds = [step.kind for step in now.steps]
    columns = _figures(rng, case_type, now)
    if now.steps[-1].state is CaseState.SUSPENDED and len(now.steps) > 1:
        columns["resume_state"] = now.steps[-2].state
    if extended := kinds.count("gia_han"):
        columns["extensions"] = extended
        columns["complexity_basis_json"] = json.dumps(_basis(rng, now.complexity))
    if "giao_xac_minh" in kinds:
        columns["verifier"] = verifier
    return columns


def step_document(
    kind: str, case_type: CaseType, year: int, number: Callable[[str, int], int]
) -> str | None:
    """The number of the document a step records (None: the step has none)."""
    symbol = _DOCUMENTS.get(kind)
    if kind == "ra_quyet_dinh" and case_type is CaseType.DENUNCIATION:
        symbol = "KL-UBND"  # a conclusion, not a decision
    if symbol is None:
        return None
    return f"{number(symbol, year)}/{symbol}"
