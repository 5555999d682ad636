"""The headline figures of one scenario, read from its engine result for the brief's sheets.

Everything the Summary and the findings say comes from here, so a sentence
and the table beside it can never disagree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from reeplanner.model import Metric, Plan, id_key
from reeplanner.model.validation import RECYCLE_STAGE


@dataclass(frozen=True)
class BottleneckRun:
    """Consecutive years in which the same stage limits magnet output."""

    stage: str
    first: int
    last: int

    @property
    def years_text(self) -> str:
        return str(self.first) if self.first == self.last else f"from {self.first} to {self.last}"


@dataclass(frozen=True)
class Stranded:
    """Domestic output no domestic stage downstream takes, in one year."""

    tonnes: float
    stage: str
    material: str
    year: int


@dataclass(frozen=True)
class TargetOutcome:
    target: str
    description: str
    metric: Metric
    threshold: float
    year: int
    value: float
    met: bool
    year_met: int | None
    shortfall: float

    @property
    def outcome_text(self) -> str:
        """``met (2027)``, ``missed (met 2031)`` or ``missed (never)`` (not within the horizon)."""
        if self.met:
            return f"met ({self.year_met})" if self.year_met is not None else "met"
        if self.year_met is not None:
            return f"missed (met {self.year_met})"
        return "missed (never)"


@dataclass(frozen=True)
class ScenarioFigures:
    scenario_id: str
    name: str
    risk_view: str
    years: list[int]
    magnet: pd.DataFrame  # the engine's magnet frame, index year
    bottlenecks: list[BottleneckRun]
    stranded: Stranded | None
    targets: list[TargetOutcome]
    public_funding: dict[str, float]  # agency ID -> USD million, largest first
    funding_total: float
    coordination: pd.DataFrame

    @property
    def public_funding_total(self) -> float:
        return sum(self.public_funding.values())

    def self_sufficiency(self, year: int) -> float:
        return float(self.magnet.at[year, "self_sufficiency"]) if year in self.magnet.index else math.nan

    def demand(self, year: int) -> float:
        return float(self.magnet.at[year, "magnet_demand"]) if year in self.magnet.index else math.nan

    def output(self, year: int) -> float:
        return (
            float(self.magnet.at[year, "domestic_magnet_output"]) if year in self.magnet.index else math.nan
        )

    def bottleneck(self, year: int) -> str:
        """The bottleneck stage's name in ``year``, or ``none``."""
        for run in self.bottlenecks:
            if run.first <= year <= run.last:
                return run.stage
        return "none"


def stage_name(plan: Plan, stage_id: object) -> str:
    """The stage's name as the plan writes it, or its ID when the plan has no such stage."""
    if not isinstance(stage_id, str) or not stage_id:
        return ""
    for stage in plan.stages:
        if id_key(stage.id) == id_key(stage_id):
            return stage.name or stage.id
    return stage_id


def agency_name(plan: Plan, agency_id: str) -> str:
    for agency in plan.agencies:
        if id_key(agency.id) == id_key(agency_id):
            return agency.name or agency.id
    return agency_id


def instrument_name(plan: Plan, instrument_id: str) -> str:
    for instrument in plan.instruments:
        if id_key(instrument.id) == id_key(instrument_id):
            return instrument.name or instrument.id
    return instrument_id


def magnet_stage_id(plan: Plan) -> str:
    """The last stage of the chain by Order (RECYCLE feeds the chain; it is not its end)."""
    chain = sorted((s for s in plan.stages if id_key(s.id) != id_key(RECYCLE_STAGE)), key=lambda s: s.order)
    return chain[-1].id if chain else ""


def instrument_kind(plan: Plan, instrument_id: str) -> str:
    """The instrument's kind (``grant``, ``loan``...), or ``unclassified`` when the plan gives none."""
    for instrument in plan.instruments:
        if id_key(instrument.id) == id_key(instrument_id):
            return str(instrument.kind) if instrument.kind else "unclassified"
    return "unclassified"


def brief_years(plan: Plan) -> list[int]:
    """The years the brief reports on: the plan's target years, else the middle and end of the horizon."""
    years = sorted({t.year for t in plan.targets if plan.start_year <= t.year <= plan.end_year})
    if years:
        return years
    middle = plan.start_year + (plan.end_year - plan.start_year) // 2
    return sorted({middle, plan.end_year})


def scenario_figures(plan: Plan, result) -> ScenarioFigures:
    """The headline figures of one ``ScenarioResult``."""
    magnet = result.magnet
    return ScenarioFigures(
        scenario_id=result.scenario_id,
        name=result.scenario_name or result.scenario_id,
        risk_view=str(result.risk_view or ""),
        years=list(result.years),
        magnet=magnet,
        bottlenecks=_bottleneck_runs(plan, magnet),
        stranded=_largest_stranded(plan, result.flows),
        targets=_target_outcomes(result.targets),
        public_funding=_public_funding(result.funding),
        funding_total=float(result.funding_total),
        coordination=result.coordination,
    )


def _bottleneck_runs(plan: Plan, magnet: pd.DataFrame) -> list[BottleneckRun]:
    """Runs of years with the same bottleneck, named with its material (``Mining (Tb)``, engine.md v2)."""
    runs: list[BottleneckRun] = []
    for year, stage, material in zip(
        magnet.index, magnet["bottleneck"], magnet["bottleneck_material"], strict=True
    ):
        name = stage_name(plan, stage)
        if not name:
            continue
        if isinstance(material, str) and material:
            name = f"{name} ({material})"
        if runs and runs[-1].stage == name and runs[-1].last == int(year) - 1:
            runs[-1] = BottleneckRun(name, runs[-1].first, int(year))
        else:
            runs.append(BottleneckRun(name, int(year), int(year)))
    return runs


def _largest_stranded(plan: Plan, flows: pd.DataFrame) -> Stranded | None:
    stranded = flows[flows["stranded"] > 0.5]
    if stranded.empty:
        return None
    row = stranded.loc[stranded["stranded"].idxmax()]
    return Stranded(
        float(row["stranded"]), stage_name(plan, row["stage"]), str(row["material"]), int(row["year"])
    )


def _target_outcomes(targets: pd.DataFrame) -> list[TargetOutcome]:
    outcomes = []
    for row in targets.itertuples(index=False):
        year_met = row.year_met
        year_met = (
            None
            if year_met is None or (isinstance(year_met, float) and math.isnan(year_met))
            else int(year_met)
        )
        outcomes.append(
            TargetOutcome(
                target=str(row.target),
                description=str(row.description or row.target),
                metric=Metric(str(row.metric)),
                threshold=float(row.threshold),
                year=int(row.year),
                value=float(row.value),
                met=bool(row.met),
                year_met=year_met,
                shortfall=float(row.shortfall),
            )
        )
    return outcomes


def _public_funding(funding: pd.DataFrame) -> dict[str, float]:
    """Public lines by agency: the engine's rule, a line is private when its agency or its
    instrument is PRIVATE (engine.md, public and private money)."""
    public = funding[funding["public"].astype(bool)]
    by_agency = (
        public.groupby("agency", sort=False)["amount"].sum().sort_values(ascending=False, kind="stable")
    )
    return {str(agency): float(amount) for agency, amount in by_agency.items()}
