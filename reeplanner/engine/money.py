"""Who pays for what: a scenario's public money by department, instrument kind, stage, facility
status and year, split by funding status; private money apart; price-floor exposure per floor.

The figures a leadership brief and a money view need beyond ``funding_summary``:
- a department sums its agencies (the Agencies table's Department: DOD-IBP, DOD-OSC and DLA are
  all "Department of Defense"); an agency without a Department is a department of its own;
- the instrument's Kind tells grants from loans (at face value), equity, tax credits, price
  floors and offtake; the line's Status tells committed money from announced (conditional
  commitments, letters of intent) and proposed (letters of interest, proposals);
- the facility's status in the scenario (after overrides) tells money on plants that exist from
  money on plants that are planned, proposed or cancelled.

"Public" follows engine.md: a line is private when its agency or its instrument is ``PRIVATE``;
every table here is public money only, and ``private_total`` is the rest. Sums are over the
scenario's funding lines (``ScenarioResult.funding``), so every total agrees with
``funding_public_total``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from reeplanner.engine.overrides import STATUSES
from reeplanner.model.enums import FundingStatus, Status
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan

if TYPE_CHECKING:
    import pandas as pd

    from reeplanner.engine.results import ScenarioResult

#: Money columns of every table, in this order: one per funding status, then their total.
STATUS_COLUMNS = [str(s) for s in FundingStatus]
MONEY_COLUMNS = [*STATUS_COLUMNS, "total"]
#: An instrument without a Kind.
UNCLASSIFIED = "unclassified"
#: Facility statuses whose plants may not be built: the money on them is at risk.
AT_RISK_STATUSES = (str(Status.PLANNED), str(Status.PROPOSED), str(Status.CANCELLED))
FLOOR_COLUMNS = [
    "floor",
    "facility",
    "material",
    "agency",
    "department",
    "first_year",
    "last_year",
    "exposure",
    "exposure_prices_25_lower",
    "exposure_prices_50_lower",
]


@dataclass(frozen=True)
class MoneyBreakdown:
    """One scenario's public money, each table with the columns ``MONEY_COLUMNS`` after its keys."""

    scenario_id: str
    public_total: float  # = ScenarioResult.funding_public_total
    private_total: float  # every present line that is not public
    by_department: pd.DataFrame  # department, agencies (IDs, largest first); largest total first
    by_agency: pd.DataFrame  # agency, department; largest total first
    by_kind: pd.DataFrame  # kind (instrument kind, or "unclassified"); largest total first
    by_stage: pd.DataFrame  # stage ("" for lines with no facility); chain order
    by_facility_status: pd.DataFrame  # status (the facility's, in the scenario), facilities; status order
    by_facility: pd.DataFrame  # facility, name, stage, status; largest total first
    by_year: pd.DataFrame  # year; ascending
    floors: pd.DataFrame  # FLOOR_COLUMNS: each price floor's exposure over its term (USD million)
    floor_by_year: pd.DataFrame  # year, exposure, exposure_prices_25_lower, exposure_prices_50_lower

    def status_totals(self) -> dict[str, float]:
        """Public money by funding status (committed, announced, proposed), and ``total``."""
        return _column_totals(self.by_department)

    def at_risk(self) -> pd.DataFrame:
        """``by_facility_status`` rows of plants planned, proposed or cancelled in the scenario."""
        return self.by_facility_status[self.by_facility_status["status"].isin(AT_RISK_STATUSES)]

    def at_risk_totals(self) -> dict[str, float]:
        """Public money on plants planned, proposed or cancelled, by funding status and ``total``."""
        return _column_totals(self.at_risk())

    def public_on(self, facility_ids) -> float:
        """Public money on the facilities ``facility_ids`` (IDs compared as everywhere)."""
        wanted = {id_key(f) for f in facility_ids}
        rows = self.by_facility[[id_key(f) in wanted for f in self.by_facility["facility"]]]
        return float(rows["total"].sum())

    def after(self, year: int) -> pd.DataFrame:
        """``by_year`` rows after ``year`` (the out-years of a plan current to ``year``)."""
        return self.by_year[self.by_year["year"] > year]

    def out_year_totals(self, year: int) -> dict[str, float]:
        """Public money of the lines dated after ``year``, by funding status and ``total``."""
        return _column_totals(self.after(year))

    def floor_totals_after(self, year: int) -> tuple[float, float, float]:
        """Every floor's exposure in the years after ``year``, at the plan's prices, 25% and 50% lower."""
        later = self.floor_by_year[self.floor_by_year["year"] > year]
        return tuple(float(later[c].sum()) for c in FLOOR_COLUMNS[-3:])  # type: ignore[return-value]

    def floor_stress_totals(self) -> tuple[float, float, float]:
        """Exposure of every floor over the horizon at the plan's prices, 25% and 50% lower."""
        columns = FLOOR_COLUMNS[-3:]
        return tuple(float(self.floors[c].sum()) for c in columns)  # type: ignore[return-value]


def _column_totals(frame: pd.DataFrame) -> dict[str, float]:
    return {c: float(frame[c].sum()) for c in MONEY_COLUMNS}


def department_of(plan: Plan, agency_id: str) -> str:
    """The agency's Department, else its name, else its ID (an agency the plan does not list)."""
    wanted = id_key(agency_id)
    for agency in plan.agencies:
        if id_key(agency.id) == wanted:
            return agency.department.strip() or agency.name.strip() or agency.id
    return agency_id


def instrument_kind(plan: Plan, instrument_id: str) -> str:
    """The instrument's Kind (``grant``, ``loan``...), or ``unclassified``."""
    wanted = id_key(instrument_id)
    for instrument in plan.instruments:
        if id_key(instrument.id) == wanted:
            return str(instrument.kind) if instrument.kind else UNCLASSIFIED
    return UNCLASSIFIED


def money_breakdown(result: ScenarioResult) -> MoneyBreakdown:
    """The public money of one scenario, broken down as the module says."""

    a = result.arrays
    plan = a.prep.plan
    lines = result.funding
    public = lines[lines["public"].astype(bool)].copy()
    departments = {key: department_of(plan, key) for key in public["agency"].unique()}
    kinds = {key: instrument_kind(plan, key) for key in public["instrument"].unique()}
    public["department"] = public["agency"].map(departments)
    public["kind"] = public["instrument"].map(kinds)
    facility_rows = [a.prep.facility_index.get(id_key(f), -1) if f else -1 for f in public["facility"]]
    status_of = _facility_statuses(result)
    public["facility_status"] = [status_of[f] if f >= 0 else "" for f in facility_rows]

    by_agency = _by(public, ["agency", "department"])
    by_department = _by(public, ["department"])
    by_department.insert(
        1,
        "agencies",
        [tuple(by_agency.loc[by_agency["department"] == d, "agency"]) for d in by_department["department"]],
    )
    stage_rank = {id_key(s.id): i for i, s in enumerate(a.prep.chain.stages)}
    by_stage = _by(public, ["stage"], largest_first=False)
    by_stage = by_stage.iloc[
        np.argsort([stage_rank.get(id_key(s), len(stage_rank)) for s in by_stage["stage"]], kind="stable")
    ].reset_index(drop=True)
    tied = public[public["facility_status"] != ""]
    by_status = _by(tied, ["facility_status"], largest_first=False).rename(
        columns={"facility_status": "status"}
    )
    counts = tied.groupby("facility_status")["facility"].nunique()
    by_status.insert(1, "facilities", [int(counts.get(s, 0)) for s in by_status["status"]])
    order = {str(s): i for i, s in enumerate(Status)}
    by_status = by_status.iloc[np.argsort([order[s] for s in by_status["status"]], kind="stable")]
    by_facility = _by(tied, ["facility"])
    names = {id_key(f.id): f for f in plan.facilities}
    by_facility.insert(1, "name", [names[id_key(f)].name for f in by_facility["facility"]])
    by_facility.insert(2, "stage", [names[id_key(f)].stage for f in by_facility["facility"]])
    by_facility.insert(
        3, "status", [status_of[a.prep.facility_index[id_key(f)]] for f in by_facility["facility"]]
    )
    by_year = _by(public, ["year"], largest_first=False).sort_values("year", kind="stable")
    floors, floor_by_year = _floors(result)
    return MoneyBreakdown(
        scenario_id=result.scenario_id,
        public_total=float(result.funding_public_total),
        private_total=float(lines.loc[~lines["public"].astype(bool), "amount"].sum()),
        by_department=by_department,
        by_agency=by_agency,
        by_kind=_by(public, ["kind"]),
        by_stage=by_stage,
        by_facility_status=by_status.reset_index(drop=True),
        by_facility=by_facility,
        by_year=by_year.reset_index(drop=True),
        floors=floors,
        floor_by_year=floor_by_year,
    )


def _facility_statuses(result: ScenarioResult) -> list[str]:
    """Each plan facility's status in the scenario, after status and cancel overrides."""
    inputs = result.arrays.inputs
    statuses = [str(STATUSES[code]) for code in inputs.status]
    return [str(Status.CANCELLED) if c else s for s, c in zip(statuses, inputs.cancelled, strict=True)]


def _by(lines: pd.DataFrame, keys: list[str], largest_first: bool = True) -> pd.DataFrame:
    """Amount by ``keys`` and funding status, one column per status and a total; keys in order of
    first appearance (or largest total first)."""
    import pandas as pd

    pivot = lines.pivot_table(
        index=keys, columns="status", values="amount", aggfunc="sum", fill_value=0.0, sort=False
    )
    pivot = pivot.reindex(columns=STATUS_COLUMNS, fill_value=0.0)
    pivot.columns = list(STATUS_COLUMNS)
    pivot["total"] = pivot[STATUS_COLUMNS].sum(axis=1)
    frame = pivot.reset_index() if len(pivot) else pd.DataFrame(columns=[*keys, *MONEY_COLUMNS])
    frame = frame.astype({c: float for c in MONEY_COLUMNS})
    if largest_first:
        frame = frame.sort_values("total", ascending=False, kind="stable")
    return frame.reset_index(drop=True)


def _floors(result: ScenarioResult) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each floor's exposure summed over its term, and every floor's by year (three price views)."""
    import pandas as pd

    a = result.arrays
    fe = a.floor_exposure
    plan = a.prep.plan
    rows = []
    for row, i in enumerate(fe.floors):
        floor = plan.price_floors[i]
        rows.append(
            (
                floor.id,
                floor.facility,
                floor.material,
                floor.agency,
                department_of(plan, floor.agency),
                int(floor.from_year),
                int(floor.to_year),
                *(float(fe.exposure[k, row].sum()) for k in range(3)),
            )
        )
    by_year = pd.DataFrame(
        {
            "year": [int(y) for y in a.prep.years],
            **{c: fe.exposure[k].sum(axis=0) for k, c in enumerate(FLOOR_COLUMNS[-3:])},
        }
    )
    return pd.DataFrame(rows, columns=FLOOR_COLUMNS), by_year
