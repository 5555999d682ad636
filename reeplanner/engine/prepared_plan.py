"""The plan turned into numpy arrays once, shared by every scenario's computation.

Nothing here depends on a scenario: scenario presence and overrides are
applied to these arrays in ``scenario_inputs``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter

import numpy as np

from reeplanner.engine.chain import ALLIED, DOMESTIC, OTHER, Chain, LaneMap, build_chain
from reeplanner.engine.overrides import STATUS_CODE, ResolvedOverride, resolve_override
from reeplanner.model.countries import country_code
from reeplanner.model.enums import CapacityBasis, Metric
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan
from reeplanner.model.price_rules import lineage, price_row_for, scenarios_with
from reeplanner.model.problems import PlanError, Problem
from reeplanner.model.records import Scenario
from reeplanner.model.schema import PLAN_FIELDS, TABLES, TABLES_BY_ATTR, Kind
from reeplanner.model.validation import RECYCLE_STAGE, errors

#: The agency or instrument ID whose money is not public (engine.md, public and private money).
PRIVATE = "private"


def to_time(date: dt.date | None) -> float:
    """A date as fractional years counted to the month: ``Y + (M - 1) / 12``; NaN when missing."""
    return np.nan if date is None else date.year + (date.month - 1) / 12


@dataclass(frozen=True)
class PreparedPlan:
    plan: Plan
    chain: Chain
    years: np.ndarray  # (Y,) int
    scenarios: tuple[Scenario, ...]
    scenario_index: dict[str, int]  # id_key -> position
    ancestry: tuple[tuple[int, ...], ...]  # per scenario: its ancestors root first, then itself
    # facilities (F = every facility of the plan, in plan order)
    facility_index: dict[str, int]
    online: np.ndarray  # (F,) time or NaN
    permitting_start: np.ndarray  # (F,) time or NaN
    permitting_months: np.ndarray  # (F,) 0 when missing
    construction_months: np.ndarray  # (F,) 0 when missing
    ramp_years: np.ndarray  # (F,)
    nameplate: np.ndarray  # (F,)
    status: np.ndarray  # (F,) status code
    participant: np.ndarray  # (F,) DOMESTIC, ALLIED or OTHER (engine.md, supply views)
    facility_stage: np.ndarray  # (F,) chain stage k, or -1 for recycling facilities
    everywhere: np.ndarray  # (F,) bool: empty Scenarios list
    listed_in: np.ndarray  # (F, NS) bool: the facility's Scenarios list names that scenario
    shares: np.ndarray  # (F, L) share of the facility's capacity in each lane
    recycle_shares: np.ndarray  # (F, K*M) recycled material by fed stage and material
    lane_map: LaneMap  # sparse ``shares``
    recycle_map: LaneMap  # sparse ``recycle_shares``
    # supply sources (S)
    supply_lane: np.ndarray  # (S,) lane
    supply_allied: np.ndarray  # (S,) bool: Allied and not from a covered country
    supply_tonnes: np.ndarray  # (S, Y) tonnes within From/To years, else 0
    # demand rows (D)
    demand_lane: np.ndarray  # (D,) lane, or -1 for magnet demand on a material-only chain
    demand_values: np.ndarray  # (D, Y)
    # funding lines (N)
    funding_amount: np.ndarray
    funding_facility: np.ndarray  # (N,) facility index or -1
    funding_everywhere: np.ndarray  # (N,) bool
    funding_listed_in: np.ndarray  # (N, NS) bool
    funding_public: np.ndarray  # (N,) bool
    funding_agency: np.ndarray  # (N,) code of the line's agency (``id_key`` order of first use)
    overrides: tuple[ResolvedOverride, ...]  # plan order

    @property
    def n_facilities(self) -> int:
        return len(self.nameplate)

    @property
    def domestic(self) -> np.ndarray:
        """(F,) bool: the facility is in the plan's Home country."""
        return self.participant == DOMESTIC


def prepare(plan: Plan) -> PreparedPlan:
    """The arrays of ``plan``; ``PlanError`` with every problem that makes figures impossible.

    The full validation is slow next to the computation, so it runs only when
    a lookup here fails: every reference is looked up strictly, and a failed
    lookup raises ``PlanError`` with the validation's problems.
    """
    try:
        return _prepare(plan)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        # A value no table check catches (a record built in code with text for a number...):
        # still the plan's fault, still a PlanError, with the failure as its sentence.
        problems = errors(plan) or [Problem(f"The figures cannot be computed from this plan: {exc}.", "Plan")]
        raise PlanError(problems) from exc


def _prepare(plan: Plan) -> PreparedPlan:
    chain = build_chain(plan)
    _check_targets(plan, chain)
    years = np.arange(plan.start_year, plan.end_year + 1)
    scenarios = tuple(plan.scenarios) or (Scenario("BASE", "Base case"),)
    _check_references(plan, scenarios)
    scenario_index = {id_key(s.id): i for i, s in enumerate(scenarios)}
    facs = plan.facilities
    fac_index = {id_key(f.id): i for i, f in enumerate(facs)}
    if len(scenario_index) < len(scenarios) or len(fac_index) < len(facs):
        raise ValueError("two scenarios or two facilities share an ID")
    _check_floors(plan, chain)
    stage_keys = _keys(f.stage for f in facs)
    recycle = id_key(RECYCLE_STAGE)
    stage_of = [-1 if key == recycle else chain.stage_index[key] for key in stage_keys]
    shares, recycle_shares = _facility_shares(plan, chain, stage_of, fac_index)
    home, covered = _home_and_covered(plan)
    by_country = {c: _participant(c, home, covered) for c in {f.country for f in facs}}
    participant = np.array([by_country[f.country] for f in facs], dtype=int)
    f_listed, f_everywhere = _listed(plan.facilities, scenario_index)
    n_listed, n_everywhere = _listed(plan.funding, scenario_index)
    agency_keys = _keys(f.agency for f in plan.funding)
    agency_codes = _codes(agency_keys)
    private_agency = agency_codes[agency_keys.index(PRIVATE)] if PRIVATE in agency_keys else -1
    prep = PreparedPlan(
        plan=plan,
        chain=chain,
        years=years,
        scenarios=scenarios,
        scenario_index=scenario_index,
        ancestry=tuple(_ancestry(s, scenarios, scenario_index) for s in scenarios),
        facility_index=fac_index,
        online=np.array([to_time(f.online) for f in facs], dtype=float),
        permitting_start=np.array([to_time(f.permitting_start) for f in facs], dtype=float),
        permitting_months=np.array([f.permitting_months or 0.0 for f in facs], dtype=float),
        construction_months=np.array([f.construction_months or 0.0 for f in facs], dtype=float),
        ramp_years=np.array([f.ramp_up_years for f in facs], dtype=float),
        nameplate=np.array([f.capacity for f in facs], dtype=float),
        status=np.array([STATUS_CODE[f.status] for f in facs], dtype=int),
        participant=participant,
        facility_stage=np.array(stage_of, dtype=int),
        everywhere=f_everywhere,
        listed_in=f_listed,
        shares=shares,
        recycle_shares=recycle_shares,
        lane_map=LaneMap.from_dense(shares, participant),
        recycle_map=LaneMap.from_dense(recycle_shares, participant),
        **_supply(plan, chain, years, covered),
        **_demand(plan, chain, years),
        funding_amount=np.array([f.amount for f in plan.funding], dtype=float),
        funding_facility=np.array(
            [fac_index[key] if key else -1 for key in _keys(f.facility for f in plan.funding)], dtype=int
        ),
        funding_everywhere=n_everywhere,
        funding_listed_in=n_listed,
        funding_public=(agency_codes != private_agency)
        & np.array([key != PRIVATE for key in _keys(f.instrument for f in plan.funding)], dtype=bool),
        funding_agency=agency_codes,
        overrides=tuple(resolve_override(ov, fac_index, scenario_index, plan) for ov in plan.overrides),
    )
    _require_numbers(prep)
    return prep


def _check_targets(plan: Plan, chain: Chain) -> None:
    """Targets are evaluated when their table is first read: look their places up now."""
    for target in plan.targets:
        k = chain.stage_index[id_key(target.stage)]
        metric = Metric(target.metric)
        if target.material:
            if id_key(target.material) not in chain.material_index:
                raise KeyError(target.material)
            if not chain.is_material_stage(k):
                raise ValueError("a material on a product stage target")
        elif chain.is_material_stage(k) and metric is not Metric.SELF_SUFFICIENCY:
            raise ValueError("a material stage target without a material")
        if not isinstance(target.year, int) or not isinstance(target.threshold, (int, float)):
            raise TypeError("a target without a year or threshold")


def _check_floors(plan: Plan, chain: Chain) -> None:
    """Every floor has a market price for its material in every scenario where it is present."""
    for floor in plan.price_floors:
        if id_key(floor.material) not in chain.material_index:
            raise KeyError(floor.material)
        for scenario in scenarios_with(plan, floor.scenarios):
            if price_row_for(plan, floor.material, lineage(plan, scenario)) is None:
                raise KeyError(f"no price for {floor.material} in {scenario}")


def _check_references(plan: Plan, scenarios: Sequence[Scenario]) -> None:
    """Unknown IDs anywhere are errors (engine.md, edge rules), also in columns no figure is made
    from (agencies, instruments, links, the base scenario): every reference column is looked up."""
    known: dict[str, set[str]] = {"scenarios": {id_key(s.id) for s in scenarios}}  # no scenarios: BASE
    for columns, rows in [(t.columns, getattr(plan, t.attr)) for t in TABLES] + [(PLAN_FIELDS, [plan])]:
        for col in columns:
            if col.kind is Kind.REF:
                values = set(map(attrgetter(col.attr), rows))
            elif col.kind is Kind.REFS:
                values = set(itertools.chain.from_iterable(map(attrgetter(col.attr), rows)))
            else:
                continue
            if col.ref not in known:
                table = TABLES_BY_ATTR[col.ref]
                known[col.ref] = set(map(id_key, map(attrgetter(table.id_attr), getattr(plan, col.ref))))
            unknown = set(map(id_key, values)) - known[col.ref] - {""}
            if unknown:
                raise KeyError(f"unknown {col.header}: {', '.join(sorted(unknown))}")


def _require_numbers(prep: PreparedPlan) -> None:
    """A missing or non-numeric required number would turn figures into NaN silently."""
    chain = prep.chain
    checked = (chain.content, chain.yields, prep.nameplate, prep.ramp_years, prep.supply_tonnes)
    if not all(np.isfinite(a).all() for a in checked + (prep.demand_values, prep.funding_amount)):
        raise ValueError("a required number is missing")
    if (chain.yields <= 0).any():
        raise ValueError("a stage yield is not above 0")
    if any(s.basis is not CapacityBasis.MATERIAL for s in chain.stages[: chain.n_material_stages]):
        raise ValueError("a material stage comes after a product stage")


def _keys(values: Iterable[str]) -> list[str]:
    """``id_key`` of each value, computed once per distinct value (columns repeat a few values)."""
    values = list(values)
    keys = {v: id_key(v) for v in set(values)}
    return [keys[v] for v in values]


def _codes(keys: Iterable[str]) -> np.ndarray:
    seen: dict[str, int] = {}
    return np.array([seen.setdefault(key, len(seen)) for key in keys], dtype=int)


def _ancestry(scenario: Scenario, scenarios: Sequence[Scenario], index: dict[str, int]) -> tuple[int, ...]:
    lineage = [index[id_key(scenario.id)]]
    while parent := id_key(scenarios[lineage[-1]].parent):
        if index[parent] in lineage:
            raise ValueError(f"scenario cycle through {scenario.id}")
        lineage.append(index[parent])
    return tuple(reversed(lineage))


def _listed(rows: Iterable, scenario_index: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    rows = list(rows)
    listed = np.zeros((len(rows), len(scenario_index)), dtype=bool)
    everywhere = np.ones(len(rows), dtype=bool)
    for i, row in enumerate(rows):
        if row.scenarios:
            everywhere[i] = False
            for sid in row.scenarios:
                listed[i, scenario_index[id_key(sid)]] = True
    return listed, everywhere


def _facility_shares(
    plan: Plan, chain: Chain, stage_of: list[int], fac_index: dict[str, int]
) -> tuple[np.ndarray, np.ndarray]:
    n_mat = chain.n_materials
    composition: dict[int, list[tuple[int, float]]] = {}
    rows = plan.composition
    for row, fac_key, mat_key in zip(
        rows, _keys(r.facility for r in rows), _keys(r.material for r in rows), strict=True
    ):
        composition.setdefault(fac_index[fac_key], []).append((chain.material_index[mat_key], row.share))
    n_fac = len(plan.facilities)
    shares = np.zeros((n_fac, chain.n_lanes))
    recycle = np.zeros((n_fac, chain.n_stages * n_mat))
    stage = np.array(stage_of, dtype=int)
    product = (stage >= chain.n_material_stages) & (stage >= 0)
    first_lane = np.array([chain.lane_slices[k].start for k in range(chain.n_stages)] + [0])
    shares[np.flatnonzero(product), first_lane[stage[product]]] = 1.0
    # One material, share 1, for facilities of material stages and recycling without Composition rows.
    single = np.flatnonzero(~product & ~np.isin(np.arange(n_fac), list(composition)))
    material_keys = _keys(plan.facilities[f].material for f in single)
    material = np.array([chain.material_index[key] for key in material_keys], dtype=int)
    # Composition rows of a product-stage facility mean nothing: its capacity is tonnes of product.
    mixes = [(f, m, share) for f, rows in composition.items() if not product[f] for m, share in rows]
    f_mix = np.array([f for f, _, _ in mixes] + single.tolist(), dtype=int)
    m_mix = np.array([m for _, m, _ in mixes] + material.tolist(), dtype=int)
    share_mix = np.array([sh for _, _, sh in mixes] + [1.0] * len(single), dtype=float)
    fed = np.full(n_fac, -1)
    for f in np.flatnonzero(stage < 0):
        fed[f] = chain.stage_index[id_key(plan.facilities[f].feeds_stage)]
    in_chain = stage[f_mix] >= 0
    f_in, f_rec = f_mix[in_chain], f_mix[~in_chain]
    np.add.at(shares, (f_in, first_lane[stage[f_in]] + m_mix[in_chain]), share_mix[in_chain])
    np.add.at(recycle, (f_rec, fed[f_rec] * n_mat + m_mix[~in_chain]), share_mix[~in_chain])
    return shares, recycle


def _home_and_covered(plan: Plan) -> tuple[str, frozenset[str]]:
    """The Home country's code and the covered countries' codes; ``ValueError`` when one is unknown."""
    home = _code(plan.home_country or "US")
    return home, frozenset(_code(c) for c in plan.covered_countries)


def _code(text: str) -> str:
    code = country_code(text)
    if code is None:
        raise ValueError(f"unknown country {text!r}")
    return code


def _participant(country: str, home: str, covered: frozenset[str]) -> int:
    """DOMESTIC for the Home country (an empty Country is home), ALLIED abroad outside the covered
    countries, OTHER in a covered country."""
    code = _code(country) if country and country.strip() else home
    if code == home:
        return DOMESTIC
    return OTHER if code in covered else ALLIED


def _supply(plan: Plan, chain: Chain, years: np.ndarray, covered: frozenset[str]) -> dict[str, np.ndarray]:
    lanes, tonnes = [], np.zeros((len(plan.supply), len(years)))
    for i, src in enumerate(plan.supply):
        k = chain.stage_index[id_key(src.stage)]
        lanes.append(chain.lane(k, src.material))
        low = src.from_year if src.from_year is not None else years[0]
        high = src.to_year if src.to_year is not None else years[-1]
        tonnes[i] = np.where((years >= low) & (years <= high), src.tonnes_per_year, 0.0)
    # A covered country is never allied, whatever the Allied cell says (engine.md, supply views).
    allied = [bool(src.allied) and _code(src.country) not in covered for src in plan.supply]
    return {
        "supply_lane": np.array(lanes, dtype=int),
        "supply_tonnes": tonnes,
        "supply_allied": np.array(allied, dtype=bool),
    }


def _demand(plan: Plan, chain: Chain, years: np.ndarray) -> dict[str, np.ndarray]:
    lanes, values = [], np.zeros((len(plan.demand), len(years)))
    first = int(years[0])
    for i, row in enumerate(plan.demand):
        k = chain.stage_index[id_key(row.stage or "MAGNET")]
        magnet_without_product = k == chain.magnet_stage and chain.is_material_stage(k) and not row.material
        lanes.append(-1 if magnet_without_product else chain.lane(k, row.material))
        for year, tonnes in row.values.items():
            if 0 <= year - first < len(years):
                values[i, year - first] += tonnes
    return {"demand_lane": np.array(lanes, dtype=int), "demand_values": values}
