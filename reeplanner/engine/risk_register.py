"""The risk register: facilities whose slip or cancellation moves a target, from schedule risk.

A facility is on the register when, for some target, securing its delivery (neither cancelled
nor late, engine.md "Schedule risk", drivers) raises ``P(met)`` by at least ``MIN_GAIN``. Each
row says which targets it moves and by how much, the odds it is cancelled or late under its
status, its dates and the public money on it: what a leadership brief lists with owners and
dates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reeplanner.engine.facility_tables import to_date
from reeplanner.engine.overrides import STATUSES
from reeplanner.engine.risk_draws import status_risks
from reeplanner.model.enums import FundingStatus, Status
from reeplanner.model.ids import id_key

if TYPE_CHECKING:
    import pandas as pd

    from reeplanner.engine.results import ScenarioResult
    from reeplanner.engine.risk import ScenarioRisk

#: A gain in P(met) below one percentage point does not put a facility on the register.
MIN_GAIN = 0.01
REGISTER_COLUMNS = [
    "facility",
    "name",
    "stage",
    "status",
    "lead_agency",
    "online",
    "cancel_probability",
    "slip_likely_months",
    "targets",
    "gains",
    "p_met",
    "top_gain",
    "public_money",
    "committed_money",
]


def risk_register(result: ScenarioResult, risk: ScenarioRisk, min_gain: float = MIN_GAIN) -> pd.DataFrame:
    """One row per facility that moves a target of ``risk`` (the scenario of ``result``) by at least
    ``min_gain``, largest gain first: ``targets`` (IDs, largest gain first), ``gains`` (the gain in
    P(met) for each), ``p_met`` (each target's P(met)), ``top_gain``; ``online`` a date (after the
    scenario's overrides) or None; money in the plan's currency."""
    import pandas as pd  # on first use

    a = result.arrays
    prep = a.prep
    plan = prep.plan
    moves: dict[str, list[tuple[str, float, float]]] = {}
    for target in risk.targets:
        drivers = target.drivers[target.drivers.gain >= min_gain]
        for facility, gain in zip(drivers.facility, drivers.gain.astype(float), strict=True):
            moves.setdefault(id_key(facility), []).append((target.target, gain, target.p_met))
    table = status_risks(plan)
    money, committed = _public_money(result)
    online = a.facility_capacity.online  # after the scenario's delays and permitting changes
    rows = []
    for key, found in moves.items():
        f = prep.facility_index[key]
        facility = plan.facilities[f]
        found.sort(key=lambda m: -m[1])
        code = int(a.inputs.status[f])
        status = Status.CANCELLED if a.inputs.cancelled[f] else STATUSES[code]
        rows.append(
            (
                facility.id,
                facility.name,
                facility.stage,
                str(status),
                facility.lead_agency,
                to_date(float(online[f])),
                float(table[code, 0]),
                float(table[code, 2]),
                tuple(m[0] for m in found),
                tuple(m[1] for m in found),
                tuple(m[2] for m in found),
                found[0][1],
                money.get(key, 0.0),
                committed.get(key, 0.0),
            )
        )
    frame = pd.DataFrame(rows, columns=REGISTER_COLUMNS)
    return frame.sort_values("top_gain", ascending=False, kind="stable").reset_index(drop=True)


def _public_money(result: ScenarioResult) -> tuple[dict[str, float], dict[str, float]]:
    """Public money per facility (``id_key``), all of it and the committed part."""
    lines = result.funding
    public = lines[lines["public"].astype(bool) & (lines["facility"] != "")]
    total: dict[str, float] = {}
    committed: dict[str, float] = {}
    for facility, amount, status in zip(public.facility, public.amount, public.status, strict=True):
        key = id_key(facility)
        total[key] = total.get(key, 0.0) + float(amount)
        if status == str(FundingStatus.COMMITTED):
            committed[key] = committed.get(key, 0.0) + float(amount)
    return total, committed
