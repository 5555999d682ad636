"""The figures the canvas shows for one scenario and year, read from the engine's result.

Qt-free so it can be tested on its own. Built once per results change (or
year or scenario switch); the lane and card items then only look values up.
``tonnes`` (from ``reeplanner.gui.tonnage``) writes their figures in the
units the planner chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reeplanner.gui.tonnage import tonnes
from reeplanner.model.enums import Status
from reeplanner.model.ids import id_key
from reeplanner.model.validation import RECYCLE_STAGE

__all__ = ["CanvasFigures", "FacilityFigures", "LaneFigures", "canvas_figures", "money", "tonnes"]


@dataclass(frozen=True, slots=True)
class LaneFigures:
    """A stage's total effective capacity in the year (None: no figures), and its split by material."""

    capacity: float | None = 0.0
    by_material: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class FacilityFigures:
    """What the scenario makes of one facility in the year (``effective`` None: no figures)."""

    effective: float | None = 0.0
    funding: float = 0.0
    status: Status | None = None  # after status overrides
    cancelled: bool = False  # a cancel override (or status cancelled)


NO_LANE_FIGURES = LaneFigures(capacity=None)
NO_FACILITY_FIGURES = FacilityFigures(effective=None)
NO_FUNDING_OR_CAPACITY = FacilityFigures()


@dataclass(slots=True)
class CanvasFigures:
    """Lane and card figures by stage / facility ID key; ``present`` is None before any results."""

    year: int
    lanes: dict[str, LaneFigures] = field(default_factory=dict)
    facilities: dict[str, FacilityFigures] = field(default_factory=dict)
    present: set[str] | None = None

    def lane(self, stage_id: str) -> LaneFigures:
        if self.present is None:
            return NO_LANE_FIGURES  # a dash, not 0 t/yr: nothing is computed (the plan has errors)
        return self.lanes.get(id_key(stage_id), LaneFigures())

    def facility(self, facility_id: str) -> FacilityFigures:
        return self.facility_by_key(id_key(facility_id))

    def facility_by_key(self, key: str) -> FacilityFigures:
        """As ``facility``, for a key already made with ``id_key`` (10,000 cards ask at a time)."""
        if self.present is None:
            return NO_FACILITY_FIGURES
        return self.facilities.get(key, NO_FUNDING_OR_CAPACITY)

    def is_present(self, facility_id: str) -> bool:
        return self.present is None or id_key(facility_id) in self.present


def canvas_figures(result, year: int, material_order: Sequence[str] = ()) -> CanvasFigures:
    """Read ``result`` (a ScenarioResult, or None before the first run) for ``year``."""
    figures = CanvasFigures(year)
    if result is None:
        return figures
    order = {id_key(m): i for i, m in enumerate(material_order)}
    flows = result.flows
    flows = flows[flows["year"] == year]
    per_stage: dict[str, list[tuple[str, float]]] = {}
    for stage, material, capacity in zip(
        flows["stage"].tolist(), flows["material"].tolist(), flows["capacity"].tolist(), strict=True
    ):
        per_stage.setdefault(id_key(stage), []).append((str(material), float(capacity)))
    by_facility = result.capacity_by_facility
    by_facility = by_facility[by_facility["year"] == year]
    effective = by_facility.groupby("facility", sort=False)["effective"].sum()
    recycle = by_facility[by_facility["stage"].map(id_key) == id_key(RECYCLE_STAGE)]
    if len(recycle):
        split = recycle.groupby("material", sort=False)["effective"].sum()
        per_stage[id_key(RECYCLE_STAGE)] = [(str(m), float(v)) for m, v in split.items()]
    for stage, parts in per_stage.items():
        parts.sort(key=lambda part: order.get(id_key(part[0]), len(order)))
        figures.lanes[stage] = LaneFigures(sum(v for _, v in parts), tuple(p for p in parts if p[0]))
    effective_by_id = dict(zip(effective.index.tolist(), effective.tolist(), strict=True))  # IDs as written
    facilities = result.facilities
    ids = facilities["facility"].tolist()
    keys = list(map(id_key, ids))
    figures.present = set(keys)
    statuses = {status: _status(status) for status in set(facilities["status"].tolist())}
    figures.facilities = {
        key: FacilityFigures(
            effective_by_id.get(fid, 0.0),
            0.0 if funding != funding else float(funding),  # NaN: no funding lines
            statuses[status],
            bool(cancelled),
        )
        for key, fid, status, cancelled, funding in zip(
            keys,
            ids,
            facilities["status"].tolist(),
            facilities["cancelled"].tolist(),
            facilities["funding_total"].tolist(),
            strict=True,
        )
    }
    return figures


def money(amount: float, currency: str) -> str:
    """A funding badge: ``$150M`` / ``$1.2B`` for USD million, else the amount and the unit."""
    words = currency.casefold().split()
    if words[:1] == ["usd"] and words[1:] in (["million"], ["m"], ["mn"]):
        if amount >= 1000:
            return f"${amount / 1000:,.1f}B".replace(".0B", "B")
        return f"${amount:,.1f}M".replace(".0M", "M")
    return f"{amount:,.0f} {currency}".strip()


def _status(value: object) -> Status | None:
    try:
        return Status(str(value))
    except ValueError:
        return None
