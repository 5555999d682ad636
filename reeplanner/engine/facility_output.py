"""Facility output and utilisation (engine.md, v2): each domestic facility's share of its stage's output.

``out[f, m] = out[s, m] x cap[f, m] / cap[s, m]`` in the domestic pass, pro
rata to effective capacity (0 where the stage has no capacity); a recycling
facility's output is its effective capacity (recycled material is used
first). Utilisation is output over effective capacity, both summed over the
facility's materials, and undefined (NaN) at zero capacity. Facilities abroad
take no part in the domestic pass: their output and utilisation are NaN.

Worked out from the sparse (facility, lane) entries the engine already has,
so a plan of 10,000 facilities costs a few milliseconds, and only when read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from reeplanner.engine.chain import DOMESTIC

if TYPE_CHECKING:
    from reeplanner.engine.results import ScenarioArrays


#: Every year of the horizon.
ALL_YEARS = slice(None)


@dataclass(frozen=True)
class FacilityOutput:
    output: np.ndarray  # (F, Y) t/yr, summed over the facility's materials; NaN abroad
    capacity: np.ndarray  # (F, Y) effective capacity, summed over materials (every facility)
    input_bound: np.ndarray  # (F, Y) bool: a lane of the facility is held below capacity by its input

    @property
    def utilisation(self) -> np.ndarray:
        """(F, Y) output / effective capacity; NaN at zero capacity and abroad."""
        return _share(self.output, self.capacity)

    def utilisation_at(self, y: int) -> np.ndarray:
        """(F,) ``utilisation`` in year position ``y`` alone (the canvas reads one year)."""
        return _share(self.output[:, y], self.capacity[:, y])


def _share(output: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.where(capacity > 0, output / np.where(capacity > 0, capacity, 1), np.nan)


def _sum_by_facility(facility: np.ndarray, values: np.ndarray, n_facilities: int) -> np.ndarray:
    """(F, Y) ``values`` (n, Y) summed by ``facility`` (n,): one ``bincount`` per year, several times
    faster than ``np.add.at`` on 10,000 facilities."""
    by_year = np.ascontiguousarray(values.T)
    out = np.empty((values.shape[1], n_facilities))
    for y, column in enumerate(by_year):
        out[y] = np.bincount(facility, column, minlength=n_facilities)
    return out.T.copy()


def lane_ratio(a: ScenarioArrays) -> np.ndarray:
    """(L, Y) the share of each lane's domestic capacity that produces: output / capacity, 0 at none.

    On the first stage the output also holds recycled material fed to it, which
    the stage's own facilities do not make: there they produce their capacity.
    """
    chain = a.prep.chain
    with np.errstate(all="ignore"):
        ratio = np.where(a.capacity > 0, a.domestic.output / np.where(a.capacity > 0, a.capacity, 1.0), 0.0)
    first = chain.lane_slices[0]
    ratio[first] = np.where(a.capacity[first] > 0, 1.0, 0.0)
    return np.minimum(ratio, 1.0)


def entry_outputs(
    a: ScenarioArrays, years: slice = ALL_YEARS
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per domestic (facility, lane) entry of the chain: facility, lane, capacity (n, Y), output (n, Y)
    (``years``: only those year positions)."""
    prep = a.prep
    lanes = prep.lane_map
    home = prep.participant[lanes.facility] == DOMESTIC
    facility, lane, share = lanes.facility[home], lanes.lane[home], lanes.share[home]
    capacity = a.facility_capacity.effective[facility, years] * share[:, None]
    return facility, lane, capacity, capacity * lane_ratio(a)[lane, years]


def facility_output(a: ScenarioArrays, years: slice = ALL_YEARS) -> FacilityOutput:
    """Every facility's output, capacity and input bound (``years``: only those year positions;
    the canvas reads one year, ``slice(y, y + 1)``, a thirtieth of the work)."""
    prep = a.prep
    n_fac = prep.n_facilities
    facility, lane, capacity, output = entry_outputs(a, years)
    out = _sum_by_facility(facility, output, n_fac)
    cap = _sum_by_facility(facility, capacity, n_fac)
    held = (a.domestic.input_limit < a.capacity * (1 - 1e-9))[lane, years] & (capacity > 0)
    bound = _sum_by_facility(facility, held.astype(float), n_fac) > 0
    # Recycling facilities deliver their effective capacity as feed.
    recycling = prep.recycle_map
    rec_cap = a.facility_capacity.effective[recycling.facility, years] * recycling.share[:, None]
    cap += _sum_by_facility(recycling.facility, rec_cap, n_fac)
    home = prep.participant[recycling.facility] == DOMESTIC
    out += _sum_by_facility(recycling.facility[home], rec_cap[home], n_fac)
    # Facilities abroad have no share of the domestic pass.
    out[~prep.domestic] = np.nan
    # Capacity of the chain's facilities abroad counts too, for their cards.
    abroad = prep.lane_map
    away = prep.participant[abroad.facility] != DOMESTIC
    cap += _sum_by_facility(
        abroad.facility[away],
        a.facility_capacity.effective[abroad.facility[away], years] * abroad.share[away, None],
        n_fac,
    )
    return FacilityOutput(out, cap, bound)


#: A funded plant running below this share of its capacity for lack of feed is "starved of feed".
STARVED_UTILISATION = 0.5


def starved_of_feed(
    a: ScenarioArrays, years: slice = ALL_YEARS, figures: FacilityOutput | None = None
) -> np.ndarray:
    """(F, Y) bool: a domestic facility with public funding present in the scenario, online (ramp
    share > 0), below ``STARVED_UTILISATION`` of its capacity because its stage is bound by the
    input from the stage above (engine.md, facility output). Never a facility abroad.
    ``years``: only those year positions, with ``figures`` the facility output for them."""
    prep = a.prep
    funded = (a.public_funding > 0) & prep.domestic & a.inputs.present & (prep.facility_stage >= 0)
    ramp = a.facility_capacity.ramp_share[:, years]
    if not funded.any():
        return np.zeros(ramp.shape, dtype=bool)
    figures = figures if figures is not None else a.facility_output
    with np.errstate(invalid="ignore"):
        return (
            funded[:, None]
            & (ramp > 0)
            & (figures.capacity > 0)
            & (figures.utilisation < STARVED_UTILISATION)
            & figures.input_bound
        )


def material_output(a: ScenarioArrays, f: int, m: int) -> np.ndarray:
    """(Y,) facility ``f``'s domestic output of material ``m`` (0 abroad or when it makes none of it)."""
    prep = a.prep
    chain = prep.chain
    n_years = len(prep.years)
    if not prep.domestic[f]:
        return np.zeros(n_years)
    recycling = prep.recycle_map
    mine = recycling.facility == f
    if mine.any():
        lanes_m = (recycling.lane[mine] % chain.n_materials) == m
        share = recycling.share[mine][lanes_m].sum()
        return a.facility_capacity.effective[f] * share
    lanes = prep.lane_map
    mine = (lanes.facility == f) & (chain.lane_material[lanes.lane] == chain.materials[m])
    if not mine.any():
        return np.zeros(n_years)
    ratio = lane_ratio(a)
    total = np.zeros(n_years)
    for lane, share in zip(lanes.lane[mine], lanes.share[mine], strict=True):
        total += a.facility_capacity.effective[f] * share * ratio[lane]
    return total
