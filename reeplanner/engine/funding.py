"""Funding present in a scenario: the lines, totals by agency/instrument/stage/year/status,
public money per tonne of capacity added, and the midstream share.

"Public" money is every line whose agency and instrument are both other than
``PRIVATE``. A line tied to a facility is present only when the facility is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from reeplanner.model.enums import FundingStatus
from reeplanner.model.ids import id_key

if TYPE_CHECKING:
    import pandas as pd

    from reeplanner.engine.results import ScenarioArrays

FUNDING_COLUMNS = [
    "funding",
    "facility",
    "stage",
    "instrument",
    "agency",
    "amount",
    "year",
    "status",
    "public",
]


def funding_total(a: ScenarioArrays) -> float:
    """Every present line's amount, whatever its status or year."""
    return float(a.prep.funding_amount[a.inputs.funding_present].sum())


def funding_public_total(a: ScenarioArrays) -> float:
    """Every present public line's amount: neither its agency nor its instrument is PRIVATE."""
    return float(a.prep.funding_amount[a.inputs.funding_present & a.prep.funding_public].sum())


def funding_frame(a: ScenarioArrays) -> pd.DataFrame:
    import pandas as pd  # on first use: the engine computes without it

    plan = a.prep.plan
    rows = []
    for n in np.flatnonzero(a.inputs.funding_present):
        line = plan.funding[n]
        f = a.prep.funding_facility[n]
        rows.append(
            (
                line.id,
                line.facility,
                plan.facilities[f].stage if f >= 0 else "",
                line.instrument,
                line.agency,
                float(line.amount),
                line.year,
                str(line.status),
                bool(a.prep.funding_public[n]),
            )
        )
    return pd.DataFrame(rows, columns=FUNDING_COLUMNS)


#: How ``funding_breakdown`` may split money (the bars' segments) and lay it out (the bars).
BREAKDOWN_SPLITS = ("agency", "instrument")
BREAKDOWN_ACROSS = ("year", "stage")


def funding_breakdown(
    lines: pd.DataFrame, split: str, across: str = "year", include_private: bool = False
) -> pd.DataFrame:
    """Money of the funding ``lines`` (``ScenarioResult.funding``) by ``across`` (``year`` or
    ``stage``), ``split`` (``agency`` or ``instrument``) and status: columns ``across, split,
    status, amount``.

    Public lines only unless ``include_private`` (engine.md, public and private money). Keys in
    the order they first appear in ``lines``, years ascending; a line tied to no facility has
    stage ``""``.
    """
    if split not in BREAKDOWN_SPLITS or across not in BREAKDOWN_ACROSS:
        raise ValueError(f"cannot split funding by {split!r} across {across!r}")
    chosen = lines if include_private else lines[lines["public"].astype(bool)]
    totals = chosen.groupby([across, split, "status"], sort=False)["amount"].sum().reset_index()
    if across == "year":
        totals = totals.sort_values("year", kind="stable").reset_index(drop=True)
    return totals


def funding_summary(a: ScenarioArrays, lines: pd.DataFrame) -> dict[str, pd.DataFrame | float]:
    """``by_agency``, ``by_instrument``, ``by_stage``, ``by_year``, ``by_status``, ``per_tonne``
    (DataFrames) and ``midstream_share`` (float, NaN when no public money reached those stages)."""
    stage_order = [s.id for s in a.prep.chain.stages]
    stage_rank = {id_key(s): i for i, s in enumerate(stage_order)}
    status_rank = {str(s): i for i, s in enumerate(FundingStatus)}
    summary: dict[str, pd.DataFrame | float] = {
        "by_agency": _totals(lines, "agency").sort_values("amount", ascending=False, kind="stable"),
        "by_instrument": _totals(lines, "instrument").sort_values("amount", ascending=False, kind="stable"),
        "by_stage": _sorted(_totals(lines, "stage"), "stage", lambda s: stage_rank.get(id_key(s), 99)),
        "by_year": _totals(lines, "year").sort_values("year", kind="stable"),
        "by_status": _sorted(_totals(lines, "status"), "status", lambda s: status_rank.get(s, 99)),
    }
    summary = {k: v.reset_index(drop=True) for k, v in summary.items()}
    summary["per_tonne"] = _per_tonne(a, stage_rank)
    summary["midstream_share"] = _midstream_share(a)
    return summary


def _totals(lines: pd.DataFrame, column: str) -> pd.DataFrame:
    """Amount by ``column``, in order of first appearance (a dict, cheaper than a groupby here)."""
    import pandas as pd  # on first use: the engine computes without it

    totals: dict[object, float] = {}
    for key, amount in zip(lines[column].tolist(), lines["amount"].tolist(), strict=True):
        totals[key] = totals.get(key, 0.0) + amount
    return pd.DataFrame({column: list(totals), "amount": list(totals.values())})


def _sorted(frame: pd.DataFrame, column: str, rank) -> pd.DataFrame:
    return frame.sort_values(column, key=lambda col: col.map(rank), kind="stable")


def public_by_facility(a: ScenarioArrays) -> np.ndarray:
    """(F,) public money of present lines tied to each facility (what a card's funding badge shows)."""
    prep = a.prep
    tied = a.inputs.funding_present & prep.funding_public & (prep.funding_facility >= 0)
    return np.bincount(prep.funding_facility[tied], prep.funding_amount[tied], minlength=prep.n_facilities)


def _per_tonne(a: ScenarioArrays, stage_rank: dict[str, int]) -> pd.DataFrame:
    """Per stage: public money tied to its facilities, the capacity those facilities add
    (nameplate x capacity factor, cancelled ones add nothing) and money per t/yr."""
    import pandas as pd  # on first use: the engine computes without it

    plan = a.prep.plan
    money = public_by_facility(a)
    funded = np.flatnonzero(money > 0)
    added = a.prep.nameplate * a.inputs.capacity_factor * ~a.inputs.cancelled
    by_stage: dict[str, list[float]] = {}
    for f in funded:
        entry = by_stage.setdefault(plan.facilities[f].stage, [0.0, 0.0])
        entry[0] += money[f]
        entry[1] += added[f]
    stages = sorted(by_stage, key=lambda s: stage_rank.get(id_key(s), 99))
    amounts = np.array([by_stage[s][0] for s in stages], dtype=float)
    capacity = np.array([by_stage[s][1] for s in stages], dtype=float)
    with np.errstate(all="ignore"):
        per_tonne = np.where(capacity > 0, amounts / np.where(capacity > 0, capacity, 1.0), np.nan)
    return pd.DataFrame(
        {"stage": stages, "amount": amounts, "capacity_added": capacity, "per_tonne": per_tonne}
    )


def _midstream_share(a: ScenarioArrays) -> float:
    """Public money to the midstream (material stages after the first) over that to all material stages."""
    chain = a.prep.chain
    money = public_by_facility(a)
    stage = a.prep.facility_stage
    material = (stage >= 0) & (stage < chain.n_material_stages)
    total = money[material].sum()
    midstream = money[material & (stage > 0)].sum()
    return float(midstream / total) if total > 0 else float("nan")
