"""Market prices and the contingent exposure of price floors (engine.md, v2).

A scenario takes, for each material, its own Prices row, else its nearest
ancestor's, else the row with no Scenario. A year without a price takes the
nearest earlier year's; a year before the first given takes the first.
A floor present in the scenario costs its agency, in year ``y`` with
``From year <= y <= To year``,
``max(0, floor - price[m, y]) x share x out[f, m, y] x 1000 / 1e6`` USD
million, ``out`` being the facility's domestic output. The stress view does
the same with prices 25% and 50% lower.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from reeplanner.engine.facility_output import material_output
from reeplanner.model.ids import id_key
from reeplanner.model.price_rules import price_row_for
from reeplanner.model.records import PriceRow

if TYPE_CHECKING:
    import pandas as pd

    from reeplanner.engine.results import ScenarioArrays

#: Tonnes to kg, then USD to USD million.
USD_MILLION_PER_USD_KG_TONNE = 1000 / 1e6
#: The stress view: prices this much of the scenario's.
STRESS_FACTORS = (0.75, 0.5)

FLOOR_COLUMNS = [
    "floor",
    "facility",
    "material",
    "agency",
    "year",
    "floor_price",
    "price",
    "share",
    "covered_output",
    "exposure",
    "exposure_prices_25_lower",
    "exposure_prices_50_lower",
]


@dataclass(frozen=True)
class FloorExposure:
    floors: tuple[int, ...]  # plan rows of the floors present in the scenario
    price: np.ndarray  # (n, Y) market price of each floor's material, USD/kg
    output: np.ndarray  # (n, Y) the facility's domestic output of that material, t/yr
    active: np.ndarray  # (n, Y) bool: From year <= y <= To year
    exposure: np.ndarray  # (3, n, Y) USD million at the scenario's prices, 25% and 50% lower

    @property
    def by_year(self) -> np.ndarray:
        """(Y,) every floor's exposure at the scenario's prices."""
        return self.exposure[0].sum(axis=0)

    @property
    def stress_by_year(self) -> np.ndarray:
        """(3, Y) every floor's exposure by year at the scenario's prices, 25% lower and 50% lower."""
        return self.exposure.sum(axis=1)

    @property
    def total(self) -> float:
        return float(self.exposure[0].sum())

    def stress_totals(self) -> tuple[float, float, float]:
        """Total over the horizon at the scenario's prices, 25% lower and 50% lower."""
        return tuple(float(e.sum()) for e in self.exposure)  # type: ignore[return-value]


def price_path(row: PriceRow, years: np.ndarray) -> np.ndarray:
    """(Y,) the row's price in each year: the nearest earlier year given, or the first given."""
    given = sorted(row.values)
    known = np.array([row.values[y] for y in given], dtype=float)
    at = np.searchsorted(np.array(given), years, side="right") - 1
    return known[np.maximum(at, 0)]


def scenario_lineage(a: ScenarioArrays) -> list[str]:
    """The scenario's ``id_key`` and its ancestors', nearest first."""
    prep = a.prep
    position = prep.scenario_index[id_key(a.inputs.scenario.id)]
    return [id_key(prep.scenarios[p].id) for p in reversed(prep.ancestry[position])]


def material_prices(a: ScenarioArrays, material: str) -> np.ndarray | None:
    """(Y,) the scenario's market price of ``material`` in USD/kg, or None without a Prices row."""
    row = price_row_for(a.prep.plan, material, scenario_lineage(a))
    return None if row is None else price_path(row, a.prep.years)


def floor_exposure(a: ScenarioArrays) -> FloorExposure:
    prep = a.prep
    plan = prep.plan
    n_years = len(prep.years)
    lineage = set(scenario_lineage(a))
    present = tuple(
        i
        for i, floor in enumerate(plan.price_floors)
        if (not floor.scenarios or lineage & {id_key(s) for s in floor.scenarios})
        and a.inputs.present[prep.facility_index[id_key(floor.facility)]]
    )
    floors = [plan.price_floors[i] for i in present]
    n = len(present)
    paths: dict[str, np.ndarray] = {}
    for floor in floors:
        key = id_key(floor.material)
        if key not in paths:
            prices = material_prices(a, floor.material)
            if prices is None:
                raise KeyError(f"no price for {floor.material}")  # validation reports it; prepare maps it
            paths[key] = prices
    price = np.array([paths[id_key(fl.material)] for fl in floors]).reshape(n, n_years)
    facilities = np.array([prep.facility_index[id_key(fl.facility)] for fl in floors], dtype=int)
    materials = np.array([prep.chain.material_index[id_key(fl.material)] for fl in floors], dtype=int)
    output = material_output(a, facilities, materials)
    first = np.array([fl.from_year for fl in floors], dtype=int)[:, None]
    last = np.array([fl.to_year for fl in floors], dtype=int)[:, None]
    active = (prep.years[None, :] >= first) & (prep.years[None, :] <= last)
    floor_price = np.array([fl.floor_price for fl in floors], dtype=float).reshape(n, 1)
    share = np.array([fl.share for fl in floors], dtype=float).reshape(n, 1)
    factors = np.array((1.0, *STRESS_FACTORS))[:, None, None]
    shortfall = np.maximum(0.0, floor_price[None] - price[None] * factors)
    exposure = shortfall * share[None] * output[None] * USD_MILLION_PER_USD_KG_TONNE * active[None]
    return FloorExposure(present, price, output, active, exposure)


def floor_frame(a: ScenarioArrays) -> pd.DataFrame:
    """One row per floor present and year of its term."""
    import pandas as pd  # on first use: the engine computes without it

    fe = a.floor_exposure
    plan = a.prep.plan
    rows = []
    for row, i in enumerate(fe.floors):
        floor = plan.price_floors[i]
        for y in np.flatnonzero(fe.active[row]):
            rows.append(
                (
                    floor.id,
                    floor.facility,
                    floor.material,
                    floor.agency,
                    int(a.prep.years[y]),
                    float(floor.floor_price),
                    float(fe.price[row, y]),
                    float(floor.share),
                    float(floor.share * fe.output[row, y]),
                    *(float(fe.exposure[k, row, y]) for k in range(3)),
                )
            )
    return pd.DataFrame(rows, columns=FLOOR_COLUMNS)
