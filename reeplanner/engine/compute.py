"""``compute_all`` and ``compute``: from a plan to every scenario's figures."""

from __future__ import annotations

import numpy as np

from reeplanner.engine import flows
from reeplanner.engine.capacity import FacilityCapacity, facility_capacity
from reeplanner.engine.funding import funding_public_total, funding_total
from reeplanner.engine.prepared_plan import PreparedPlan, prepare
from reeplanner.engine.results import EngineOptions, PlanResult, ScenarioArrays, ScenarioResult
from reeplanner.engine.scenario_inputs import scenario_inputs
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan
from reeplanner.model.problems import PlanError, Problem


def compute_all(plan: Plan, options: EngineOptions | None = None) -> PlanResult:
    """Every scenario of ``plan``, in plan order. Raises ``PlanError`` when the plan has errors."""
    prep = prepare(plan)
    options = options or EngineOptions()
    results: dict[str, ScenarioResult] = {}
    done: dict[int, FacilityCapacity] = {}
    for position, scenario in enumerate(prep.scenarios):
        # A child changes few online dates: its parent's ramp shares fit best, else the first's.
        lineage = prep.ancestry[position]
        reuse = done.get(lineage[-2]) if len(lineage) > 1 else None
        reuse = reuse or next(iter(done.values()), None)
        result = _scenario_result(prep, position, options, reuse)
        done[position] = result.arrays.facility_capacity
        results[scenario.id] = result
    return PlanResult(plan.name, results)


def compute(plan: Plan, scenario_id: str, options: EngineOptions | None = None) -> ScenarioResult:
    """One scenario of ``plan`` (its ID compared ignoring case and spaces)."""
    prep = prepare(plan)
    position = prep.scenario_index.get(id_key(scenario_id))
    if position is None:
        known = ", ".join(s.id for s in prep.scenarios)
        raise PlanError([Problem(f"There is no scenario '{scenario_id}'. Known: {known}.", "Scenarios")])
    return _scenario_result(prep, position, options or EngineOptions())


def scenario_arrays(
    prep: PreparedPlan, position: int, options: EngineOptions, reuse: FacilityCapacity | None = None
) -> ScenarioArrays:
    """The numbers of one scenario, before they are laid out as tables."""
    chain = prep.chain
    inputs = scenario_inputs(prep, position, options.risk_view)
    fac = facility_capacity(prep, inputs, reuse)
    capacity, capacity_allied, capacity_all = prep.lane_map.totals(fac.effective)
    rec_shape = (chain.n_stages, chain.n_materials, len(prep.years))
    recycled, recycled_allied, recycled_all = (
        r.reshape(rec_shape) for r in prep.recycle_map.totals(fac.effective)
    )

    demand = prep.demand_values * inputs.demand_factor[:, None]
    direct = np.zeros_like(capacity)
    on_lane = prep.demand_lane >= 0
    np.add.at(direct, prep.demand_lane[on_lane], demand[on_lane])
    if chain.has_product_stage:
        magnet_demand = direct[chain.lane(chain.magnet_stage)].copy()
    else:
        magnet_demand = demand[~on_lane].sum(axis=0)
    req = flows.requirement(chain, direct, magnet_demand)

    supplied = prep.supply_tonnes * inputs.supply_factor[:, None]
    imports = np.zeros_like(capacity)
    np.add.at(imports, prep.supply_lane, supplied)
    allied_imports = np.zeros_like(capacity)
    np.add.at(allied_imports, prep.supply_lane[prep.supply_allied], supplied[prep.supply_allied])
    domestic = flows.forward(chain, capacity, recycled, np.zeros_like(capacity))
    allied = flows.forward(chain, capacity_allied, recycled_allied, allied_imports)
    with_imports = flows.forward(chain, capacity_all, recycled_all, imports)
    cover = flows.coverage(capacity, req)
    bottleneck = flows.bottleneck(chain, cover)
    return ScenarioArrays(
        prep=prep,
        inputs=inputs,
        facility_capacity=fac,
        capacity=capacity,
        recycled=recycled,
        imports=imports,
        requirement=req,
        domestic=domestic,
        allied=allied,
        with_imports=with_imports,
        allied_imports=allied_imports,
        stranded=flows.stranded(chain, domestic, req),
        magnet_demand=magnet_demand,
        magnet_output=flows.magnet_output(chain, domestic.output),
        magnet_output_allied=flows.magnet_output(chain, allied.output),
        magnet_output_with_imports=flows.magnet_output(chain, with_imports.output),
        bottleneck=bottleneck,
        bottleneck_material=flows.bottleneck_material(chain, cover, bottleneck),
    )


def _scenario_result(
    prep: PreparedPlan, position: int, options: EngineOptions, reuse: FacilityCapacity | None = None
) -> ScenarioResult:
    arrays = scenario_arrays(prep, position, options, reuse)
    scenario = arrays.inputs.scenario
    return ScenarioResult(
        scenario_id=scenario.id,
        scenario_name=scenario.name,
        risk_view=arrays.inputs.risk_view,
        years=[int(y) for y in prep.years],
        funding_total=funding_total(arrays),
        funding_public_total=funding_public_total(arrays),
        arrays=arrays,
    )
