"""Schedule risk computed the plain way, from engine.md, to check the engine against.

Loops over draws, facilities, stages, materials and years, with Python's own
random numbers; no engine code. Covers what the example plans use: the
default chain kinds (material stages, then product stages), composition
mixes, recycling, the overrides that move facilities or demand, and targets
on capacity, domestic output and magnet self-sufficiency.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from reeplanner.model import Metric, OverrideKind, Plan, Status
from reeplanner.model.defaults import schedule_risk

DOMESTIC = {"", "US", "USA", "UNITED STATES"}


@dataclass
class LoopFacility:
    stage: str  # chain stage ID, or the fed stage for recycling facilities
    recycling: bool
    capacity: float  # nameplate x capacity factor
    shares: dict[str, float]  # material -> share ("" for product stages)
    online: float | None  # None: never online; -inf: online before the horizon
    ramp: float
    cancel: float
    slip: tuple[float, float, float]  # min, likely, max months
    uncertain: bool


def key(text: str) -> str:
    return (text or "").strip().casefold()


def month_time(date) -> float | None:
    return None if date is None else date.year + (date.month - 1) / 12


def ramp_share(online: float | None, ramp: float, year: int) -> float:
    """Mean over [year, year + 1) of clamp((t - online) / ramp, 0, 1)."""
    if online is None:
        return 0.0
    if online == float("-inf"):
        return 1.0
    if ramp == 0:
        return min(1.0, max(0.0, year + 1 - online))

    def antiderivative(u: float) -> float:  # of clamp(u, 0, 1)
        if u <= 0:
            return 0.0
        return u * u / 2 if u <= 1 else u - 0.5

    return ramp * (antiderivative((year + 1 - online) / ramp) - antiderivative((year - online) / ramp))


def lineage(plan: Plan, scenario_id: str) -> list[str]:
    """The scenario and its ancestors, root first."""
    by_id = {key(s.id): s for s in plan.scenarios}
    chain = [by_id[key(scenario_id)]]
    while chain[-1].parent:
        chain.append(by_id[key(chain[-1].parent)])
    return [key(s.id) for s in reversed(chain)]


def facilities_of(plan: Plan, scenario_id: str) -> list[LoopFacility]:
    line = lineage(plan, scenario_id)
    risk = {row.status: row for row in schedule_risk()}
    risk.update({row.status: row for row in plan.schedule_risk})
    delay, factor, status, permitting = {}, {}, {}, {}
    everywhere_permitting = 1.0
    for sid in line:
        for ov in plan.overrides:
            if key(ov.scenario) != sid:
                continue
            target = key(ov.target)
            if ov.kind is OverrideKind.DELAY:
                delay[target] = ov.value
            elif ov.kind is OverrideKind.CAPACITY_FACTOR:
                factor[target] = ov.value
            elif ov.kind is OverrideKind.CANCEL:
                status[target] = Status.CANCELLED
            elif ov.kind is OverrideKind.STATUS:
                status[target] = ov.value
            elif ov.kind is OverrideKind.PERMITTING_FACTOR:
                if target:
                    permitting[target] = ov.value
                else:
                    everywhere_permitting = ov.value
                    permitting = {}
    shares: dict[str, dict[str, float]] = {}
    for row in plan.composition:
        shares.setdefault(key(row.facility), {})[row.material] = row.share
    product_stages = {key(s.id) for s in plan.stages if s.basis == "product"}
    result = []
    for f in plan.facilities:
        k = key(f.id)
        if f.scenarios and not any(key(s) in line for s in f.scenarios):
            continue
        if (f.country or "").strip().upper() not in DOMESTIC:
            continue  # every figure checked is domestic
        state = status.get(k, f.status)
        if state is Status.CANCELLED:
            continue
        online = month_time(f.online)
        if online is None and f.permitting_start is not None:
            online = (
                month_time(f.permitting_start)
                + (f.permitting_months or 0) * permitting.get(k, everywhere_permitting) / 12
                + (f.construction_months or 0) / 12
            )
        if online is not None:
            online += delay.get(k, 0.0) / 12
        elif state is Status.OPERATING:
            online = float("-inf")
        recycling = key(f.stage) == "recycle"
        stage = f.feeds_stage if recycling else f.stage
        mix = (
            {"": 1.0} if key(stage) in product_stages and not recycling else shares.get(k, {f.material: 1.0})
        )
        row = risk[state]
        slips = (row.slip_min, row.slip_likely, row.slip_max)
        result.append(
            LoopFacility(
                stage=key(stage),
                recycling=recycling,
                capacity=f.capacity * factor.get(k, 1.0),
                shares=mix,
                online=online,
                ramp=f.ramp_up_years,
                cancel=row.cancel_probability,
                slip=slips,
                uncertain=online is not None
                and online >= plan.start_year
                and (row.cancel_probability > 0 or row.slip_max > 0),
            )
        )
    return result


def magnet_demand(plan: Plan, scenario_id: str, year: int) -> float:
    line = lineage(plan, scenario_id)
    factor = [1.0] * len(plan.demand)
    for sid in line:
        for ov in plan.overrides:
            if key(ov.scenario) == sid and ov.kind is OverrideKind.DEMAND_FACTOR:
                for i, row in enumerate(plan.demand):
                    if not key(ov.target) or key(ov.target) == key(row.segment):
                        factor[i] = ov.value
    return sum(
        row.values.get(year, 0.0) * factor[i]
        for i, row in enumerate(plan.demand)
        if key(row.stage or "MAGNET") == "magnet"
    )


def forward(plan: Plan, capacity: dict, recycled: dict) -> dict:
    """Domestic output per (stage, material) of one year; ``capacity`` and ``recycled`` likewise keyed."""
    stages = sorted((s for s in plan.stages if key(s.id) != "recycle"), key=lambda s: s.order)
    content = {m.id: m.magnet_content for m in plan.materials}
    out: dict = {}
    previous = None
    for s in stages:
        k = key(s.id)
        if s.basis == "material":
            for m in content:
                rec = recycled.get((k, m), 0.0)
                cap = capacity.get((k, m), 0.0)
                if previous is None:
                    out[(k, m)] = cap + rec
                else:
                    out[(k, m)] = min(cap, s.process_yield * (out[(previous, m)] + rec))
        else:
            cap = capacity.get((k, ""), 0.0)
            limiting = [m for m, c in content.items() if c > 0]
            if previous is not None and (previous, "") not in out:  # first product stage
                limit = min(
                    s.process_yield * (out[(previous, m)] + recycled.get((k, m), 0.0)) / content[m]
                    for m in limiting
                )
            else:
                rec_product = min(recycled.get((k, m), 0.0) / content[m] for m in limiting)
                limit = s.process_yield * (out[(previous, "")] + rec_product)
            out[(k, "")] = min(cap, limit)
        previous = k
    return out


def year_figures(
    plan: Plan, facilities, states: list[tuple[float | None, bool]], year: int
) -> tuple[dict, dict]:
    """Domestic capacity and output by (stage, material) in ``year``, each facility online at
    ``states[i][0]`` unless ``states[i][1]`` (cancelled)."""
    capacity: dict = {}
    recycled: dict = {}
    for f, (online, cancelled) in zip(facilities, states, strict=True):
        if cancelled:
            continue
        effective = f.capacity * ramp_share(online, f.ramp, year)
        into = recycled if f.recycling else capacity
        for m, share in f.shares.items():
            into[(f.stage, m)] = into.get((f.stage, m), 0.0) + effective * share
    return capacity, forward(plan, capacity, recycled)


def target_value(target, capacity: dict, out: dict, demand: float) -> float:
    where = (key(target.stage), target.material)
    if target.metric is Metric.CAPACITY:
        return capacity.get(where, 0.0)
    if target.metric is Metric.DOMESTIC_OUTPUT:
        return out[where]
    assert key(target.stage) == "magnet", "only magnet self-sufficiency is checked"
    return 100 * out[("magnet", "")] / demand


def p_met(plan: Plan, scenario_id: str, draws: int, seed: int) -> dict[str, float]:
    """Per target, the share of ``draws`` draws meeting its threshold in its year."""
    rng = random.Random(seed)
    facilities = facilities_of(plan, scenario_id)
    years = sorted({t.year for t in plan.targets})
    demand = {year: magnet_demand(plan, scenario_id, year) for year in years}
    met = {t.id: 0 for t in plan.targets}
    for _ in range(draws):
        states = []
        for f in facilities:
            cancelled, slip = False, 0.0
            if f.uncertain:
                cancelled = rng.random() < f.cancel
                low, likely, high = f.slip
                slip = rng.triangular(low, high, likely)
            states.append((f.online + slip / 12 if f.online is not None else None, cancelled))
        for year in years:
            capacity, out = year_figures(plan, facilities, states, year)
            for t in plan.targets:
                if t.year == year and target_value(t, capacity, out, demand[year]) >= t.threshold * (
                    1 - 1e-9
                ):
                    met[t.id] += 1
    return {tid: count / draws for tid, count in met.items()}
