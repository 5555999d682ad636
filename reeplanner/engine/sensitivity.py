"""Sensitivity (engine.md, "Sensitivity"): how far a headline figure moves with each assumption.

Each numeric assumption (every material's magnet content, every stage's
yield, each status's risk factor, each demand segment, each supply source)
is moved down and up by the same relative step, held within its allowed
range and applied after the scenario's overrides, everything else fixed. The
tornado ranks the assumptions by the swing ``|up - down|`` of the figure.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from reeplanner.engine.capacity import FacilityCapacity
from reeplanner.engine.compute import scenario_arrays
from reeplanner.engine.overrides import STATUS_CODE, ResolvedOverride
from reeplanner.engine.prepared_plan import PreparedPlan, prepare
from reeplanner.engine.results import EngineOptions, ScenarioArrays
from reeplanner.engine.targets import evaluate, find_target, metric_unit
from reeplanner.model.enums import Metric, OverrideKind, Status
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan
from reeplanner.model.problems import PlanError, Problem
from reeplanner.model.records import Target
from reeplanner.model.schema import MAX_TONNES

STEP = 0.2
FIGURE_KINDS = ("target", "magnet_output", "self_sufficiency")
TORNADO_COLUMNS = ["assumption", "kind", "subject", "base", "down", "up", "figure_down", "figure_up", "swing"]


class FigureError(ValueError):
    """A headline figure the plan does not have, in a sentence for the user."""


@dataclass(frozen=True)
class Figure:
    """A headline figure: a target's value, or magnet output or self-sufficiency in a year."""

    kind: str  # one of FIGURE_KINDS
    target: str = ""  # the target's ID, for kind "target"
    year: int = 0  # for magnet output and self-sufficiency

    @classmethod
    def parse(cls, text: str) -> Figure:
        """``target:ID``, ``magnet_output:YEAR`` or ``self_sufficiency:YEAR``."""
        kind, _, what = text.strip().partition(":")
        kind = kind.strip().lower().replace("-", "_")
        what = what.strip()
        if kind not in FIGURE_KINDS or not what:
            raise FigureError(
                f"'{text}' is not a figure: write target:ID, magnet_output:YEAR or self_sufficiency:YEAR."
            )
        if kind == "target":
            return cls(kind, target=what)
        if not what.isdigit():
            raise FigureError(f"'{what}' is not a year: write {kind}:YEAR, e.g. {kind}:2030.")
        return cls(kind, year=int(what))

    def __str__(self) -> str:
        return f"target:{self.target}" if self.kind == "target" else f"{self.kind}:{self.year}"


@dataclass(frozen=True)
class Tornado:
    scenario_id: str
    figure: Figure
    label: str  # the figure for people: "T-MAG-2028 (domestic output MAGNET)", "Magnet output 2030"
    unit: str  # "t/yr", "%" (a self-sufficiency target) or "share" (self-sufficiency as a fraction)
    step: float
    value: float  # the figure with every assumption as it is
    rows: pd.DataFrame  # TORNADO_COLUMNS, largest swing first


def sensitivity(plan: Plan, scenario_id: str, figure: Figure | str, step: float = STEP) -> Tornado:
    """The tornado of ``figure`` in ``scenario_id``; ``FigureError`` for a figure or step the plan cannot
    have, ``PlanError`` when the plan has errors or no such scenario."""
    figure = Figure.parse(figure) if isinstance(figure, str) else figure
    if not 0 < step < 1:
        raise FigureError(
            f"The step is a share between 0 and 1 (0.2 moves each assumption by 20%); it is {step}."
        )
    prep = prepare(plan)
    position = prep.scenario_index.get(id_key(scenario_id))
    if position is None:
        known = ", ".join(s.id for s in prep.scenarios)
        raise PlanError([Problem(f"There is no scenario '{scenario_id}'. Known: {known}.", "Scenarios")])
    base = scenario_arrays(prep, position, EngineOptions())
    read, label, unit = _reader(base, figure)
    reuse = base.facility_capacity
    rows = []
    for kind, subject, label_, value, low, high, moved in _assumptions(prep, base, figure, step):
        down = read(_arrays(moved(low), position, reuse))
        up = read(_arrays(moved(high), position, reuse))
        swing = abs(up - down) if not (math.isnan(up) or math.isnan(down)) else math.nan
        rows.append((label_, kind, subject, value, low, high, down, up, swing))
    frame = pd.DataFrame(rows, columns=TORNADO_COLUMNS)
    order = np.lexsort((np.arange(len(frame)), -frame.swing.fillna(-1.0).to_numpy()))
    frame = frame.iloc[order].reset_index(drop=True)
    return Tornado(base.inputs.scenario.id, figure, label, unit, step, read(base), frame)


def _arrays(prep: PreparedPlan, position: int, reuse: FacilityCapacity) -> ScenarioArrays:
    return scenario_arrays(prep, position, EngineOptions(), reuse)


def _reader(base: ScenarioArrays, figure: Figure):
    """The function reading the figure from a scenario's arrays, its label and its unit."""
    years = base.prep.years
    if figure.kind == "target":
        target = find_target(base, figure.target)
        if target is None:
            known = ", ".join(t.id for t in base.prep.plan.targets) or "none"
            raise FigureError(f"There is no target '{figure.target}'. Known: {known}.")
        what = f"{target.metric} {target.stage}{' ' + target.material if target.material else ''}"
        unit = metric_unit(Metric(target.metric))
        return (lambda a: float(evaluate(a, target)["value"])), f"{target.id} ({what}, {target.year})", unit
    position = figure.year - int(years[0])
    if not 0 <= position < len(years):
        raise FigureError(f"{figure.year} is outside the plan's horizon ({years[0]}-{years[-1]}).")
    if figure.kind == "magnet_output":
        return (lambda a: float(a.magnet_output[position])), f"Domestic magnet output {figure.year}", "t/yr"

    def sufficiency(a: ScenarioArrays) -> float:
        demand = a.magnet_demand[position]
        return float(a.magnet_output[position] / demand) if demand > 0 else math.nan

    return sufficiency, f"Self-sufficiency {figure.year}", "share"


def _year_position(base: ScenarioArrays, figure: Figure) -> int:
    """The year the figure is read in (a target's year), for the demand and supply values shown."""
    first, last = int(base.prep.years[0]), len(base.prep.years) - 1
    if figure.kind == "target":
        target: Target | None = find_target(base, figure.target)
        return min(max((target.year if target else first) - first, 0), last)
    return figure.year - first


def _assumptions(prep: PreparedPlan, base: ScenarioArrays, figure: Figure, step: float) -> Iterator[tuple]:
    """(kind, subject, label, value, moved down, moved up, prep with a value) for every assumption."""
    chain, plan = prep.chain, prep.plan
    low, high = 1 - step, 1 + step
    for m, material in enumerate(chain.materials):
        c = chain.content[m]

        def content(value: float, m: int = m) -> PreparedPlan:
            return replace(prep, chain=replace(chain, content=_with(chain.content, m, value)))

        yield (
            "magnet content",
            material,
            f"Magnet content of {material}",
            c,
            c * low,
            min(1.0, c * high),
            content,
        )
    for k, stage in enumerate(chain.stages):
        y = chain.yields[k]

        def stage_yield(value: float, k: int = k) -> PreparedPlan:
            return replace(prep, chain=replace(chain, yields=_with(chain.yields, k, value)))

        yield "yield", stage.id, f"Yield of {stage.name}", y, y * low, min(1.0, y * high), stage_yield
    for status in Status:
        if status is Status.CANCELLED:
            continue
        code = STATUS_CODE[status]
        r = float(base.inputs.risk_by_status[code])

        def risk(value: float, code: int = code) -> PreparedPlan:
            last = ResolvedOverride(
                prep.scenario_index[id_key(base.inputs.scenario.id)],
                OverrideKind.RISK_FACTOR,
                value,
                status=code,
            )
            return replace(prep, overrides=prep.overrides + (last,))

        yield (
            "risk factor",
            str(status),
            f"Risk factor of {status} projects",
            r,
            r * low,
            min(1.0, r * high),
            risk,
        )
    y = _year_position(base, figure)
    segments: dict[str, list[int]] = {}
    for i, row in enumerate(plan.demand):
        segments.setdefault(id_key(row.segment), []).append(i)
    demand = prep.demand_values * base.inputs.demand_factor[:, None]
    for rows in segments.values():
        name = plan.demand[rows[0]].segment

        def segment(factor: float, rows: list[int] = rows) -> PreparedPlan:
            values = prep.demand_values.copy()
            values[rows] = np.minimum(values[rows] * factor, MAX_TONNES)
            return replace(prep, demand_values=values)

        value = float(demand[rows, y].sum())
        yield (
            "demand",
            name,
            f"Demand: {name}",
            value,
            value * low,
            min(MAX_TONNES, value * high),
            _relative(segment, value),
        )
    supply = prep.supply_tonnes * base.inputs.supply_factor[:, None]
    for i, source in enumerate(plan.supply):

        def source_tonnes(factor: float, i: int = i) -> PreparedPlan:
            values = prep.supply_tonnes.copy()
            values[i] = np.minimum(values[i] * factor, MAX_TONNES)
            return replace(prep, supply_tonnes=values)

        value = float(supply[i, y])
        yield (
            "supply",
            source.id,
            f"Supply: {source.name}",
            value,
            value * low,
            min(MAX_TONNES, value * high),
            _relative(source_tonnes, value),
        )


def _relative(scale, value: float):
    """Rows of tonnes move by the factor the shown value moves by (every year alike)."""
    return lambda moved: scale(moved / value if value else 1.0)


def _with(values: np.ndarray, index: int, value: float) -> np.ndarray:
    changed = values.copy()
    changed[index] = value
    return changed
