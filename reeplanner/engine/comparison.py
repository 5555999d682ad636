"""Scenarios side by side: each one's headline figures by year, and which scenarios give the same
figures as another, with the reason read from what they change (``scenario_changes``).

Headlines are the figures ``reeplanner-cli summary --json`` prints (magnet output domestic, allied
and with imports, self-sufficiency, unmet demand, the bottleneck and its material, price-floor
exposure, targets, public funding), plus public money by year: read from the engine's arrays,
without pandas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from reeplanner.engine.results import PlanResult, ScenarioResult
from reeplanner.engine.scenario_changes import ABROAD, PRICES, Change, differing, scenario_changes
from reeplanner.engine.targets import evaluate

#: Figures this close (relative) are the same figure.
SAME = 1e-9
EVERY_FIGURE, DOMESTIC_FIGURES = "every figure", "domestic figures"
REACH_WORDS = {
    ABROAD: "supply from abroad (the allied and with-imports figures)",
    PRICES: "the price-floor exposure",
}


@dataclass(frozen=True)
class Headlines:
    """One scenario's headline figures, per horizon year and over the whole horizon."""

    scenario_id: str
    scenario_name: str
    years: list[int]
    magnet_demand: np.ndarray  # (Y,) t/yr
    domestic: np.ndarray  # (Y,) domestic magnet output, t/yr
    allied: np.ndarray  # (Y,) magnet output of the allied view
    with_imports: np.ndarray  # (Y,) magnet output with every import
    self_sufficiency: np.ndarray  # (Y,) fraction; NaN without demand
    unmet_demand: np.ndarray  # (Y,) t/yr
    bottleneck: list[tuple[str, str]]  # per year (stage ID, material), ("", "") for none
    public_funding: np.ndarray  # (Y,) public money of the lines of each year
    price_floor_exposure: np.ndarray  # (Y,) what the price floors cost their agencies, plan currency
    public_funding_total: float
    funding_total: float
    targets: list[dict[str, object]]  # the engine's targets rows (``targets.evaluate``)

    def targets_due(self, year: int) -> tuple[int, int]:
        """(met, due): the targets whose year is ``year``, and how many of them are met."""
        due = [t for t in self.targets if t["year"] == year]
        return sum(bool(t["met"]) for t in due), len(due)

    def domestic_key(self) -> tuple:
        """What must agree for two scenarios' domestic figures to be the same."""
        targets = tuple((t["target"], t["met"], t["year_met"], _rounded(t["value"])) for t in self.targets)
        return (tuple(self.bottleneck), targets, _rounded(self.public_funding_total))


def headlines(result: ScenarioResult) -> Headlines:
    a = result.arrays
    prep = a.prep
    chain = prep.chain
    bottleneck = [
        (chain.stages[k].id if k >= 0 else "", chain.materials[m] if k >= 0 and m >= 0 else "")
        for k, m in zip(a.bottleneck.tolist(), a.bottleneck_material.tolist(), strict=True)
    ]
    public = a.inputs.funding_present & prep.funding_public
    years = np.array([line.year for line in prep.plan.funding], dtype=int) - int(prep.years[0])
    inside = public & (years >= 0) & (years < len(prep.years))
    by_year = np.bincount(years[inside], prep.funding_amount[inside], minlength=len(prep.years))
    return Headlines(
        scenario_id=result.scenario_id,
        scenario_name=result.scenario_name or result.scenario_id,
        years=list(result.years),
        magnet_demand=a.magnet_demand,
        domestic=a.magnet_output,
        allied=a.magnet_output_allied,
        with_imports=a.magnet_output_with_imports,
        self_sufficiency=a.self_sufficiency,
        unmet_demand=a.unmet_demand,
        bottleneck=bottleneck,
        public_funding=by_year,
        price_floor_exposure=a.floor_exposure.by_year,
        public_funding_total=result.funding_public_total,
        funding_total=result.funding_total,
        targets=[evaluate(a, t) for t in prep.plan.targets],
    )


@dataclass(frozen=True)
class Sameness:
    """``scenario_id`` gives the same ``scope`` as ``same_as``, because of ``reason``."""

    scenario_id: str
    same_as: str
    scope: str  # EVERY_FIGURE or DOMESTIC_FIGURES
    reason: str

    @property
    def gist(self) -> str:
        """The reason without the list of what differs: the same for every export-ban scenario."""
        return re.sub(r" \([^()]*\)", "", self.reason, count=1)


def sameness(
    results: PlanResult, ids: list[str], figures: dict[str, Headlines] | None = None
) -> list[Sameness]:
    """For each scenario of ``ids`` after the first, the earliest one before it with the same
    figures (every figure, else the domestic ones), and why: what differs between them reaches
    only supply from abroad, or moves nothing inside the horizon."""
    figures = figures or {sid: headlines(results.scenario(sid)) for sid in ids}
    found = []
    for i, sid in enumerate(ids):
        for scope in (EVERY_FIGURE, DOMESTIC_FIGURES):
            other = next((o for o in ids[:i] if _same(figures[sid], figures[o], scope)), None)
            if other is not None:
                result, earlier = results.scenario(sid), results.scenario(other)
                found.append(Sameness(sid, other, scope, _reason(result, earlier, scope)))
                break
    return found


def _same(a: Headlines, b: Headlines, scope: str) -> bool:
    series = [
        (a.domestic, b.domestic),
        (a.self_sufficiency, b.self_sufficiency),
        (a.public_funding, b.public_funding),
    ]
    if scope == EVERY_FIGURE:
        series += [(a.allied, b.allied), (a.with_imports, b.with_imports), (a.unmet_demand, b.unmet_demand)]
        series.append((a.price_floor_exposure, b.price_floor_exposure))
    return a.domestic_key() == b.domestic_key() and all(
        np.allclose(x, y, rtol=SAME, atol=SAME, equal_nan=True) for x, y in series
    )


def _reason(result: ScenarioResult, other: ScenarioResult, scope: str) -> str:
    prep = result.arrays.prep
    changes = differing(scenario_changes(prep, result.scenario_id), scenario_changes(prep, other.scenario_id))
    years = f"{prep.years[0]}-{prep.years[-1]}"
    if not changes:
        return "it changes nothing the other does not"
    what = _listed(changes)
    reaches = {c.reach for c in changes}
    if reaches <= {ABROAD, PRICES}:
        where = " and ".join(REACH_WORDS[r] for r in (ABROAD, PRICES) if r in reaches)
        if scope == DOMESTIC_FIGURES:
            return f"no override touches the domestic chain: what differs ({what}) reaches only {where}"
        return f"no override touches the domestic chain, and what differs ({what}) moves no figure inside {years}"
    return f"what differs ({what}) moves no figure inside {years}"


def _listed(changes: list[Change]) -> str:
    texts = list(dict.fromkeys(c.short for c in changes))
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]


def _rounded(value: object) -> object:
    if value is None:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if np.isnan(number) else round(number, 6)
