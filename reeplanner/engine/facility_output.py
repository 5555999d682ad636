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

from reeplanner.model.ids import id_key

if TYPE_CHECKING:
    from reeplanner.engine.results import ScenarioArrays


#: Every year of the horizon.
ALL_YEARS = slice(None)
#: A funded plant running below this share of its capacity for lack of feed is "starved of feed".
STARVED_UTILISATION = 0.5


@dataclass(frozen=True)
class FacilityOutput:
    output: np.ndarray  # (F, Y) t/yr, summed over the facility's materials; NaN abroad
    capacity: np.ndarray  # (F, Y) effective capacity, summed over materials (every facility)
    input_bound: np.ndarray  # (F, Y) bool: a lane of the facility is held below capacity by its input
    utilisation: np.ndarray  # (F, Y) output / effective capacity; NaN at zero capacity and abroad


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


def _per_facility(facility: np.ndarray, values: np.ndarray, n_fac: int) -> np.ndarray:
    """(F, Y) the sum of ``values`` (n, Y) over entries of each facility (one bincount per year)."""
    if not len(facility):
        return np.zeros((n_fac, values.shape[1]))
    return np.stack([np.bincount(facility, values[:, y], minlength=n_fac) for y in range(values.shape[1])], 1)


def facility_output(a: ScenarioArrays, years: slice = ALL_YEARS) -> FacilityOutput:
    """Every facility's output, capacity, input bound and utilisation (``years``: only those year
    positions; the canvas reads one year, ``slice(y, y + 1)``, a thirtieth of the work)."""
    prep = a.prep
    n_fac = prep.n_facilities
    effective = a.facility_capacity.effective[:, years]
    lanes, recycling = prep.lane_map, prep.recycle_map
    # Chain facilities: capacity share x effective capacity, produced at the lane's ratio.
    ratio = lane_ratio(a)[:, years]
    per_unit_cap = np.bincount(lanes.facility, lanes.share, minlength=n_fac)[:, None]
    per_unit_out = _per_facility(lanes.facility, lanes.share[:, None] * ratio[lanes.lane], n_fac)
    held_lane = (a.domestic.input_limit < a.capacity * (1 - 1e-9))[:, years]
    held = _per_facility(lanes.facility, lanes.share[:, None] * held_lane[lanes.lane], n_fac) > 0
    # Recycling facilities deliver their effective capacity as feed: output = capacity.
    rec_share = np.bincount(recycling.facility, recycling.share, minlength=n_fac)[:, None]
    capacity = effective * (per_unit_cap + rec_share)
    output = effective * (per_unit_out + rec_share)
    output[~prep.domestic] = np.nan  # abroad: no share of the domestic pass
    with np.errstate(all="ignore"):
        utilisation = np.where(capacity > 0, output / np.where(capacity > 0, capacity, 1.0), np.nan)
    return FacilityOutput(output, capacity, held & (capacity > 0), utilisation)


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


def material_output(a: ScenarioArrays, facilities: np.ndarray, materials: np.ndarray) -> np.ndarray:
    """(n, Y) each facility's domestic output of the material beside it (0 abroad or when it makes none)."""
    prep = a.prep
    chain = prep.chain
    if not len(facilities):
        return np.zeros((0, len(prep.years)))
    lane_material = np.array([chain.material_index.get(id_key(m), -1) for m in chain.lane_material])
    in_lane = prep.shares[facilities] * (lane_material[None, :] == materials[:, None])  # (n, L)
    chain_part = (in_lane[:, :, None] * lane_ratio(a)[None]).sum(axis=1)  # (n, Y)
    slots = np.arange(prep.recycle_shares.shape[1]) % chain.n_materials
    recycled = (prep.recycle_shares[facilities] * (slots[None, :] == materials[:, None])).sum(axis=1)
    output = a.facility_capacity.effective[facilities] * (chain_part + recycled[:, None])
    output[~prep.domestic[facilities]] = 0.0
    return output
