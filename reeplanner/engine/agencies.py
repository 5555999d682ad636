"""Who owns what from mine to magnet: agencies against stages, in one scenario and year.

Per agency and stage: the money of its funding lines present in the scenario (public and all),
the facilities it leads, the targets it owns and whether it owns the stage; per stage, its owner
and its domestic gap in the year (what is short, summed over materials). A stage with a gap and no
owner is the fragmentation problem the coordination findings name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from reeplanner.engine.coordination import GAP_TOLERANCE
from reeplanner.model.ids import id_key

if TYPE_CHECKING:
    from reeplanner.engine.results import ScenarioResult

#: The column of funding lines tied to no facility.
NO_FACILITY = ""


@dataclass
class AgencyRole:
    """One agency at one stage."""

    money: float = 0.0  # every line of the agency at the stage, USD million (plan currency)
    public_money: float = 0.0
    facilities: list[str] = field(default_factory=list)  # IDs of facilities it leads
    targets: list[str] = field(default_factory=list)  # IDs of targets it owns
    owns_stage: bool = False

    @property
    def empty(self) -> bool:
        return not (self.money or self.facilities or self.targets or self.owns_stage)


@dataclass(frozen=True)
class AgencyMatrix:
    scenario_id: str
    year: int
    agencies: list[str]  # agency IDs, plan order
    stages: list[str]  # stage IDs in chain order, then other stages (Recycling), then NO_FACILITY if used
    roles: dict[tuple[str, str], AgencyRole]  # (id_key(agency), id_key(stage)) -> role; absent: none
    owners: dict[str, str]  # id_key(stage) -> owner agency ID ("" none)
    gaps: dict[str, float]  # id_key(stage) -> shortfall in t/yr in the year (0: none)

    def role(self, agency: str, stage: str) -> AgencyRole:
        return self.roles.get((id_key(agency), id_key(stage))) or AgencyRole()

    def gap_without_owner(self, stage: str) -> bool:
        """The stage falls short in the year and no agency owns it."""
        key = id_key(stage)
        return self.gaps.get(key, 0.0) > GAP_TOLERANCE and not self.owners.get(key, "")


def agency_matrix(result: ScenarioResult, year: int) -> AgencyMatrix:
    """The matrix of ``result``'s scenario; gaps are those of ``year`` (none outside the horizon)."""
    a = result.arrays
    prep, plan, chain = a.prep, a.prep.plan, a.prep.chain
    roles: dict[tuple[str, str], AgencyRole] = {}

    def role(agency: str, stage: str) -> AgencyRole:
        return roles.setdefault((id_key(agency), id_key(stage)), AgencyRole())

    for n in np.flatnonzero(a.inputs.funding_present):
        line = plan.funding[n]
        f = prep.funding_facility[n]
        cell = role(line.agency, plan.facilities[f].stage if f >= 0 else NO_FACILITY)
        cell.money += float(line.amount)
        cell.public_money += float(line.amount) if prep.funding_public[n] else 0.0
    for f in np.flatnonzero(a.inputs.present):
        fac = plan.facilities[f]
        if fac.lead_agency.strip():
            role(fac.lead_agency, fac.stage).facilities.append(fac.id)
    for target in plan.targets:
        if target.owner_agency.strip():
            role(target.owner_agency, target.stage).targets.append(target.id)
    for stage in plan.stages:
        if stage.owner_agency.strip():
            role(stage.owner_agency, stage.id).owns_stage = True
    stages = [s.id for s in chain.stages]
    stages += [s.id for s in plan.stages if chain.stage_key(s.id) is None]
    if any(stage == id_key(NO_FACILITY) for _agency, stage in roles):
        stages.append(NO_FACILITY)
    return AgencyMatrix(
        scenario_id=result.scenario_id,
        year=year,
        agencies=[ag.id for ag in plan.agencies],  # the engine refuses an agency not listed
        stages=stages,
        roles=roles,
        owners={id_key(s.id): s.owner_agency.strip() for s in plan.stages},
        gaps=_gaps(result, year),
    )


def _gaps(result: ScenarioResult, year: int) -> dict[str, float]:
    a = result.arrays
    chain = a.prep.chain
    y = year - int(a.prep.years[0])
    if not 0 <= y < len(a.prep.years):
        return {}
    short = np.maximum(0.0, a.requirement[:, y] - a.domestic.output[:, y])
    return {
        id_key(stage.id): float(short[chain.lane_slices[k]].sum()) for k, stage in enumerate(chain.stages)
    }
