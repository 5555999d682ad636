"""The figures the canvas shows for one scenario and year, read from the engine's arrays.

Qt-free so it can be tested on its own. Reading is a few array slices for the year (a plan of
10,000 facilities reads in a few milliseconds); a card's figures are made when the card asks for
them. Every figure is the engine's: lanes show each material's requirement, domestic output and
gap and the bottleneck's material; cards show effective capacity, output, utilisation, public
funding, the "starved of feed" finding and what the scenario does to the facility. ``tonnes``
(from ``reeplanner.gui.tonnage``) writes figures in the units the planner chose.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reeplanner.gui.tonnage import tonnes
from reeplanner.model.enums import Status
from reeplanner.model.ids import id_key
from reeplanner.model.validation import RECYCLE_STAGE

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "CanvasFigures",
    "FacilityFigures",
    "LaneFigures",
    "LaneRow",
    "canvas_figures",
    "money",
    "tonnes",
]


@dataclass(frozen=True, slots=True)
class LaneRow:
    """One material of a lane (``material`` "" on a product stage): requirement, domestic output, gap."""

    material: str
    requirement: float
    output: float
    gap: float  # requirement - output: positive is a shortfall


@dataclass(frozen=True, slots=True)
class LaneFigures:
    """A stage in the year: effective capacity (None: no figures) and its split by material, each
    material's requirement, output and gap, and whether it is the bottleneck (and on which material)."""

    capacity: float | None = 0.0
    by_material: tuple[tuple[str, float], ...] = ()
    rows: tuple[LaneRow, ...] = ()
    bottleneck: bool = False
    bottleneck_material: str = ""


@dataclass(frozen=True, slots=True)
class FacilityFigures:
    """What the scenario makes of one facility in the year (``effective`` None: no figures)."""

    effective: float | None = 0.0
    funding: float = 0.0  # public money of its funding lines present in the scenario
    status: Status | None = None  # after status overrides
    cancelled: bool = False  # a cancel override (or status cancelled)
    output: float | None = None  # its share of the domestic pass; None abroad
    utilisation: float | None = None  # output / effective capacity; None when undefined
    starved: bool = False  # a funded domestic plant starved of feed this year
    marker: str = ""  # what the scenario does to it: "Delayed 24 months", "Scaled x0.5"...


NO_LANE_FIGURES = LaneFigures(capacity=None)
NO_FACILITY_FIGURES = FacilityFigures(effective=None)
NO_FUNDING_OR_CAPACITY = FacilityFigures()
STATUSES = list(Status)


@dataclass(slots=True)
class CanvasFigures:
    """Lane figures by stage ID key, facility figures by facility ID key; no results: dashes."""

    year: int
    lanes: dict[str, LaneFigures] = field(default_factory=dict)
    index: dict[str, int] | None = None  # facility ID key -> row of the arrays below; None: no results
    columns: tuple[list, ...] = ()  # per facility row: effective, funding, status, cancelled, output,
    # utilisation, starved, present
    markers: dict[int, str] = field(default_factory=dict)
    arrays: tuple[np.ndarray, ...] = ()  # ``columns`` as arrays (to find the rows that changed)
    _made: dict[str, FacilityFigures] = field(default_factory=dict)

    @property
    def has_results(self) -> bool:
        return self.index is not None

    def lane(self, stage_id: str) -> LaneFigures:
        if self.index is None:
            return NO_LANE_FIGURES  # a dash, not 0 t/yr: nothing is computed (the plan has errors)
        return self.lanes.get(id_key(stage_id), LaneFigures())

    def facility(self, facility_id: str) -> FacilityFigures:
        return self.facility_by_key(id_key(facility_id))

    def facility_by_key(self, key: str) -> FacilityFigures:
        """As ``facility``, for a key already made with ``id_key`` (10,000 cards ask at a time)."""
        if self.index is None:
            return NO_FACILITY_FIGURES
        made = self._made.get(key)
        if made is not None:
            return made
        row = self.index.get(key)
        if row is None:
            return NO_FUNDING_OR_CAPACITY
        effective, funding, status, cancelled, output, utilisation, starved, _present = (
            c[row] for c in self.columns
        )
        made = self._made[key] = FacilityFigures(
            effective,
            funding,
            STATUSES[status],
            cancelled,
            None if output != output else output,  # NaN: abroad
            None if utilisation != utilisation else utilisation,
            starved,
            self.markers.get(row, ""),
        )
        return made

    def is_present(self, facility_id: str) -> bool:
        return self.is_present_key(id_key(facility_id))

    def is_present_key(self, key: str) -> bool:
        if self.index is None:
            return True
        row = self.index.get(key)
        return row is not None and self.columns[7][row]


def canvas_figures(result, year: int, material_order: Sequence[str] = ()) -> CanvasFigures:
    """Read ``result`` (a ScenarioResult, or None before the first run) for ``year``."""
    figures = CanvasFigures(year)
    if result is None:
        return figures
    import numpy as np  # with the results: not needed for the first paint

    a = result.arrays
    prep, inputs = a.prep, a.inputs
    y = year - int(prep.years[0])
    figures.index = prep.facility_index
    if not 0 <= y < len(prep.years):
        figures.columns = _absent(prep.n_facilities, inputs)
        figures.arrays = tuple(np.array(column) for column in figures.columns)
        return figures
    figures.lanes = _lanes(a, y)
    fac, starved = a.facility_year(y)
    figures.arrays = (
        fac.capacity[:, 0],
        a.public_funding,
        inputs.status,
        inputs.cancelled,
        fac.output[:, 0],
        fac.utilisation[:, 0],
        starved[:, 0],
        inputs.present,
    )
    figures.columns = tuple(column.tolist() for column in figures.arrays)
    figures.markers = scenario_markers(a)
    return figures


def changed_keys(old: CanvasFigures, new: CanvasFigures) -> list[str] | None:
    """Facility ID keys whose figures differ between two readings of the same plan's facilities, or
    None when they cannot be compared row by row (other facilities, no results)."""
    rows = changed_rows(old, new)
    if rows is None:
        return None
    keys = _keys_by_row(new.index)
    return [keys[row] for row in rows.tolist()]


_ROW_KEYS: list = [None, []]  # the last index seen and its keys by row (kept while facilities stay)


def _keys_by_row(index: dict[str, int]) -> list[str]:
    if _ROW_KEYS[0] is not index:
        keys = [""] * len(index)
        for key, row in index.items():
            keys[row] = key
        _ROW_KEYS[:] = [index, keys]
    return _ROW_KEYS[1]


def changed_rows(old: CanvasFigures, new: CanvasFigures) -> np.ndarray | None:
    """Facility rows whose figures differ between two readings of the same plan's facilities, or
    None when they cannot be compared row by row (other facilities, no results)."""
    if not old.arrays or not new.arrays or old.index is None or new.index is None:
        return None
    if old.index is not new.index and old.index != new.index:
        return None
    import numpy as np  # with the results: not needed for the first paint

    differ = np.zeros(len(new.arrays[0]), dtype=bool)
    for a, b in zip(old.arrays, new.arrays, strict=True):
        if a.dtype.kind == "f":
            differ |= ~((a == b) | (np.isnan(a) & np.isnan(b)))
        else:
            differ |= a != b
    markers = set(old.markers.items()) ^ set(new.markers.items())
    if markers:
        differ[[row for row, _text in markers]] = True
    return np.flatnonzero(differ)


def _absent(n: int, inputs) -> tuple[list, ...]:
    """Columns for a year outside the horizon: no capacity, no output."""
    zeros = [0.0] * n
    return (zeros, zeros, inputs.status.tolist(), inputs.cancelled.tolist(), [math.nan] * n, [math.nan] * n,
            [False] * n, inputs.present.tolist())  # fmt: skip


def _lanes(a, y: int) -> dict[str, LaneFigures]:
    chain = a.prep.chain
    lanes: dict[str, LaneFigures] = {}
    bottleneck, bottleneck_material = int(a.bottleneck[y]), int(a.bottleneck_material[y])
    capacity = a.capacity[:, y].tolist()
    requirement = a.requirement[:, y].tolist()
    output = a.domestic.output[:, y].tolist()
    gap = a.gap[:, y].tolist()
    for k, stage in enumerate(chain.stages):
        here = range(chain.lane_slices[k].start, chain.lane_slices[k].stop)
        materials = [str(chain.lane_material[i]) for i in here]
        rows = tuple(LaneRow(materials[j], requirement[i], output[i], gap[i]) for j, i in enumerate(here))
        split = tuple((m, capacity[i]) for m, i in zip(materials, here, strict=True) if m)
        lanes[id_key(stage.id)] = LaneFigures(
            sum(capacity[i] for i in here),
            split,
            rows,
            bottleneck == k,
            chain.materials[bottleneck_material] if bottleneck == k and bottleneck_material >= 0 else "",
        )
    recycled = a.recycled[:, :, y].sum(axis=0).tolist()  # domestic recycled material, by material
    lanes[id_key(RECYCLE_STAGE)] = LaneFigures(
        sum(recycled), tuple(zip(chain.materials, recycled, strict=True))
    )
    return lanes


def scenario_markers(a) -> dict[int, str]:
    """Per facility row the scenario changes: what it does ("Delayed 24 months · Scaled x0.5")."""
    import numpy as np  # with the results: not needed for the first paint

    prep, inputs = a.prep, a.inputs
    cancelled_here = inputs.cancelled & (prep.status != STATUSES.index(Status.CANCELLED))
    changed = (inputs.delay_months != 0) | (inputs.capacity_factor != 1) | cancelled_here
    changed |= inputs.status != prep.status
    markers: dict[int, str] = {}
    for f in np.flatnonzero(changed & inputs.present).tolist():
        parts = []
        if cancelled_here[f]:
            parts.append("Cancelled in this scenario")
        else:
            if inputs.status[f] != prep.status[f]:
                parts.append(f"{STATUSES[inputs.status[f]].value.capitalize()} in this scenario")
            months = float(inputs.delay_months[f])
            if months:
                parts.append(f"{'Delayed' if months > 0 else 'Earlier by'} {abs(months):g} months")
            factor = float(inputs.capacity_factor[f])
            if factor != 1:
                parts.append(f"Scaled ×{factor:g}")
        markers[f] = " · ".join(parts)
    return markers


def money(amount: float, currency: str) -> str:
    """A funding badge: ``$150M`` / ``$1.2B`` for USD million, else the amount and the unit."""
    words = currency.casefold().split()
    if words[:1] == ["usd"] and words[1:] in (["million"], ["m"], ["mn"]):
        if amount >= 1000:
            return f"${amount / 1000:,.1f}B".replace(".0B", "B")
        return f"${amount:,.1f}M".replace(".0M", "M")
    return f"{amount:,.0f} {currency}".strip()
