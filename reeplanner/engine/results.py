"""What the engine hands back: one ``ScenarioResult`` per scenario inside a ``PlanResult``.

Every number is computed by ``compute``; the flows and magnet tables and the
funding total are laid out at once. The other tables (targets, coordination,
facilities, capacity by facility, timeline, funding lines and summaries) are
laid out from the kept arrays the first time they are read, so a recompute
on every edit pays only for the tables a view reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from reeplanner.engine import facility_tables, flows
from reeplanner.engine.capacity import FacilityCapacity
from reeplanner.engine.coordination import coordination_frame
from reeplanner.engine.facility_output import FacilityOutput, facility_output, starved_of_feed
from reeplanner.engine.flows import ForwardPass
from reeplanner.engine.funding import funding_frame, funding_summary, public_by_facility
from reeplanner.engine.prepared_plan import PreparedPlan
from reeplanner.engine.prices import FloorExposure, floor_exposure, floor_frame
from reeplanner.engine.scenario_inputs import ScenarioInputs
from reeplanner.engine.targets import targets_frame
from reeplanner.model.enums import RiskView
from reeplanner.model.ids import id_key

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class EngineOptions:
    """``risk_view=None`` keeps each scenario's own view; a ``RiskView`` forces it everywhere."""

    risk_view: RiskView | None = None


@dataclass(frozen=True)
class ScenarioArrays:
    """The numbers behind one scenario's tables, kept for explanations and lazy tables."""

    prep: PreparedPlan
    inputs: ScenarioInputs
    facility_capacity: FacilityCapacity
    capacity: np.ndarray  # (L, Y) domestic effective capacity
    recycled: np.ndarray  # (K, M, Y) domestic recycled material by fed stage
    imports: np.ndarray  # (L, Y) supply sources x supply factor
    requirement: np.ndarray  # (L, Y)
    domestic: ForwardPass
    allied: ForwardPass  # domestic and allied facilities, and allied supply sources
    with_imports: ForwardPass  # every facility and supply source
    allied_imports: np.ndarray  # (L, Y) allied supply sources x supply factor
    stranded: np.ndarray  # (L, Y)
    magnet_demand: np.ndarray  # (Y,)
    magnet_output: np.ndarray  # (Y,) domestic
    magnet_output_allied: np.ndarray  # (Y,)
    magnet_output_with_imports: np.ndarray  # (Y,)
    bottleneck: np.ndarray  # (Y,) stage index or -1
    bottleneck_material: np.ndarray  # (Y,) material index on a material bottleneck stage, else -1

    @property
    def unmet_demand(self) -> np.ndarray:
        """(Y,) magnet demand users here cannot get at all: demand minus output with imports, >= 0."""
        return np.maximum(0.0, self.magnet_demand - self.magnet_output_with_imports)

    @property
    def gap(self) -> np.ndarray:
        """(L, Y) requirement minus domestic output (positive: shortfall; negative: surplus)."""
        return self.requirement - self.domestic.output

    @property
    def import_dependency(self) -> np.ndarray:
        """(L, Y) output with imports minus domestic output (engine.md: the import dependency)."""
        return self.with_imports.output - self.domestic.output

    @cached_property
    def output_coverage(self) -> np.ndarray:
        """(3, L, Y) output / requirement of the domestic, allied and with-imports passes; NaN where
        the requirement is 0."""
        passes = (self.domestic, self.allied, self.with_imports)
        return np.stack([flows.share_of(p.output, self.requirement) for p in passes])

    @property
    def self_sufficiency(self) -> np.ndarray:
        """(Y,) domestic magnet output / magnet demand; NaN when demand is 0."""
        return flows.share_of(self.magnet_output, self.magnet_demand)

    @property
    def allied_coverage(self) -> np.ndarray:
        """(Y,) allied magnet output / magnet demand; NaN when demand is 0."""
        return flows.share_of(self.magnet_output_allied, self.magnet_demand)

    @cached_property
    def recycled_by_lane(self) -> np.ndarray:
        """(L, Y) recycled material entering each lane: per material on material stages, as
        tonnes of material on the first product stage, as product after it (engine.md, edge rules)."""
        chain = self.prep.chain
        recycled = np.zeros_like(self.capacity)
        for k in range(chain.n_stages):
            here = chain.lane_slices[k]
            rec = self.recycled[k]
            if chain.is_material_stage(k):
                recycled[here] = rec
            elif k == chain.n_material_stages and k > 0:
                recycled[here] = rec.sum(axis=0)  # enters per material: tonnes of material
            else:
                recycled[here] = flows.product_tonnes(chain, rec)
        return recycled

    @cached_property
    def demand_cover(self) -> np.ndarray:
        """(4, Y) magnet demand met by domestic output, met with allied supply on top of it, met by
        the other imports on top of that, and unmet: the four add up to magnet demand."""
        demand = self.magnet_demand
        domestic = np.minimum(self.magnet_output, demand)
        allied = np.maximum(0.0, np.minimum(self.magnet_output_allied, demand) - domestic)
        everyone = np.minimum(np.maximum(self.magnet_output_with_imports, domestic + allied), demand)
        other = np.maximum(0.0, everyone - domestic - allied)
        return np.stack([domestic, allied, other, self.unmet_demand])

    @property
    def other_imports(self) -> np.ndarray:
        """(L, Y) supply sources that are not allied (a covered country, or Allied = no)."""
        return self.imports - self.allied_imports

    @cached_property
    def public_funding(self) -> np.ndarray:
        """(F,) public money of the present funding lines tied to each facility."""
        return public_by_facility(self)

    @cached_property
    def starved_of_feed(self) -> np.ndarray:
        """(F, Y) bool: a funded domestic plant starved of feed that year (engine.md, facility output)."""
        return starved_of_feed(self)

    def facility_year(self, y: int) -> tuple[FacilityOutput, np.ndarray]:
        """Facility output and 'starved of feed' in year position ``y`` alone, as (F, 1) arrays:
        from the whole horizon's when already laid out, else for that year only (cheap)."""
        if "facility_output" in self.__dict__ and "starved_of_feed" in self.__dict__:
            whole = self.facility_output
            here = slice(y, y + 1)
            return (
                FacilityOutput(
                    whole.output[:, here],
                    whole.capacity[:, here],
                    whole.input_bound[:, here],
                    whole.utilisation[:, here],
                ),
                self.starved_of_feed[:, here],
            )
        here = slice(y, y + 1)
        figures = facility_output(self, here)
        return figures, starved_of_feed(self, here, figures)

    @cached_property
    def facility_output(self) -> FacilityOutput:
        """Each facility's share of its stage's domestic output, and its utilisation."""
        return facility_output(self)

    @cached_property
    def floor_exposure(self) -> FloorExposure:
        """What each price floor costs its agency per year, at the plan's prices and lower ones."""
        return floor_exposure(self)


@dataclass(eq=False)
class ScenarioResult:
    scenario_id: str
    scenario_name: str
    risk_view: RiskView
    years: list[int]
    funding_total: float
    funding_public_total: float
    arrays: ScenarioArrays = field(repr=False)

    @cached_property
    def flows(self) -> pd.DataFrame:
        """One row per (year, stage, material); see docs/architecture.md."""
        from reeplanner.engine.frames import flows_frame

        return flows_frame(self.arrays)

    @cached_property
    def magnet(self) -> pd.DataFrame:
        """Index year: magnet demand, outputs, self-sufficiency, allied coverage, unmet demand,
        the bottleneck and its material, price-floor exposure."""
        from reeplanner.engine.frames import magnet_frame

        return magnet_frame(self.arrays)

    @cached_property
    def targets(self) -> pd.DataFrame:
        return targets_frame(self.arrays)

    @cached_property
    def coordination(self) -> pd.DataFrame:
        return coordination_frame(self.arrays)

    @cached_property
    def facilities(self) -> pd.DataFrame:

        return facility_tables.facilities_frame(self.arrays)

    @cached_property
    def capacity_by_facility(self) -> pd.DataFrame:

        return facility_tables.capacity_by_facility_frame(self.arrays)

    @cached_property
    def timeline(self) -> pd.DataFrame:

        return facility_tables.timeline_frame(self.arrays)

    @cached_property
    def funding(self) -> pd.DataFrame:

        return funding_frame(self.arrays)

    @cached_property
    def funding_summary(self) -> dict[str, pd.DataFrame | float]:

        return funding_summary(self.arrays, self.funding)

    @cached_property
    def price_floors(self) -> pd.DataFrame:
        """Per floor present and year of its term: prices, covered output and exposure (USD million)."""
        return floor_frame(self.arrays)


@dataclass(eq=False)
class PlanResult:
    """Every scenario's result, in plan order, keyed by scenario ID as written."""

    plan_name: str
    scenarios: dict[str, ScenarioResult]

    def scenario(self, scenario_id: str) -> ScenarioResult:
        """The result of ``scenario_id``, ignoring case and surrounding spaces; ``KeyError`` if none."""
        wanted = id_key(scenario_id)
        for sid, result in self.scenarios.items():
            if id_key(sid) == wanted:
                return result
        raise KeyError(scenario_id)
