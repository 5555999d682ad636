"""One scenario's view of the plan: which rows are present and what the overrides change.

Overrides apply ancestor first, then the scenario's own, each scenario's in
row order; for the same kind and target the last one applied wins (an
override replaces the value, it does not compound).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reeplanner.engine.overrides import STATUS_CODE, STATUSES, ResolvedOverride
from reeplanner.engine.prepared_plan import PreparedPlan
from reeplanner.model.enums import RISK_FACTORS, OverrideKind, RiskView, Status
from reeplanner.model.records import Scenario


@dataclass(frozen=True)
class ScenarioInputs:
    scenario: Scenario
    risk_view: RiskView
    present: np.ndarray  # (F,) bool: the facility exists in this scenario
    status: np.ndarray  # (F,) status code after status and cancel overrides
    cancelled: np.ndarray  # (F,) bool
    capacity_factor: np.ndarray  # (F,)
    delay_months: np.ndarray  # (F,)
    permitting_factor: np.ndarray  # (F,)
    risk_by_status: np.ndarray  # (len(STATUSES),)
    demand_factor: np.ndarray  # (D,)
    supply_factor: np.ndarray  # (S,)
    funding_present: np.ndarray  # (N,) bool

    @property
    def risk_factor(self) -> np.ndarray:
        """(F,) each facility's risk factor."""
        return self.risk_by_status[self.status]


def scenario_inputs(prep: PreparedPlan, position: int, forced_view: RiskView | None = None) -> ScenarioInputs:
    """The inputs of the scenario at ``position`` in ``prep.scenarios``."""
    lineage = prep.ancestry[position]
    scenario = prep.scenarios[position]
    plan = prep.plan
    n_fac = prep.n_facilities
    present = prep.everywhere | prep.listed_in[:, list(lineage)].any(axis=1)
    funding_present = prep.funding_everywhere | prep.funding_listed_in[:, list(lineage)].any(axis=1)
    tied = prep.funding_facility >= 0
    funding_present[tied] &= present[prep.funding_facility[tied]]

    view = forced_view or _risk_view(prep, lineage)
    risk = np.array([_base_risk(s, view) for s in STATUSES])
    status = prep.status.copy()
    cf = np.ones(n_fac)
    delay = np.zeros(n_fac)
    pf = np.ones(n_fac)
    demand_factor = np.ones(len(plan.demand))
    supply_factor = np.ones(len(plan.supply))
    for ov in _overrides_in_order(prep, lineage):
        kind, f = ov.kind, ov.facility
        if kind is OverrideKind.DELAY:
            delay[f] = ov.value
        elif kind is OverrideKind.CAPACITY_FACTOR:
            cf[f] = ov.value
        elif kind is OverrideKind.CANCEL:
            status[f] = STATUS_CODE[Status.CANCELLED]
        elif kind is OverrideKind.STATUS:
            status[f] = int(ov.value)
        elif kind is OverrideKind.PERMITTING_FACTOR:
            if f >= 0:
                pf[f] = ov.value
            else:
                pf[:] = ov.value
        elif kind is OverrideKind.DEMAND_FACTOR:
            demand_factor[list(ov.rows)] = ov.value
        elif kind is OverrideKind.SUPPLY_FACTOR:
            supply_factor[list(ov.rows)] = ov.value
        elif kind is OverrideKind.RISK_FACTOR:
            risk[ov.status] = ov.value
    cancelled = status == STATUS_CODE[Status.CANCELLED]
    return ScenarioInputs(
        scenario=scenario,
        risk_view=view,
        present=present,
        status=status,
        cancelled=cancelled,
        capacity_factor=cf,
        delay_months=delay,
        permitting_factor=pf,
        risk_by_status=risk,
        demand_factor=demand_factor,
        supply_factor=supply_factor,
        funding_present=funding_present,
    )


def _risk_view(prep: PreparedPlan, lineage: tuple[int, ...]) -> RiskView:
    """The nearest risk view set on the scenario or an ancestor; risk-adjusted by default."""
    for position in reversed(lineage):
        view = prep.scenarios[position].risk_view
        if view is not None:
            return view
    return RiskView.RISK_ADJUSTED


def _base_risk(status: Status, view: RiskView) -> float:
    if status is Status.CANCELLED:
        return 0.0
    return 1.0 if view is RiskView.NAMEPLATE else RISK_FACTORS[status]


def _overrides_in_order(prep: PreparedPlan, lineage: tuple[int, ...]) -> list[ResolvedOverride]:
    """Ancestor first, then the scenario's own; each scenario's in row order."""
    return [ov for position in lineage for ov in prep.overrides if ov.scenario == position]
