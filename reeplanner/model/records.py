"""One frozen record type per plan table row.

Records are immutable: an edit replaces a record in its table (see ``edits``),
so the engine and the undo stack can hold on to them safely.
Field names are the ``attr`` of the schema columns in ``schema.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reeplanner.model.enums import (
    CapacityBasis,
    FundingStatus,
    InstrumentKind,
    Metric,
    OverrideKind,
    RiskView,
    Status,
)


@dataclass(frozen=True, slots=True)
class Material:
    id: str
    name: str = ""
    magnet_content: float = 0.0
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    name: str
    order: int
    basis: CapacityBasis = CapacityBasis.MATERIAL
    process_yield: float = 1.0
    owner_agency: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Facility:
    id: str
    name: str
    stage: str
    status: Status
    capacity: float
    operator: str = ""
    location: str = ""
    country: str = ""  # empty: the plan's Home country
    material: str = ""
    permitting_start: dt.date | None = None
    permitting_months: float | None = None
    construction_months: float | None = None
    online: dt.date | None = None
    ramp_up_years: float = 2.0
    lead_agency: str = ""
    feeds_stage: str = ""
    scenarios: tuple[str, ...] = ()
    x: float | None = None
    y: float | None = None
    notes: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class CompositionShare:
    facility: str
    material: str
    share: float


@dataclass(frozen=True, slots=True)
class Link:
    from_facility: str
    to_facility: str
    material: str = ""
    tonnes_per_year: float | None = None
    start_year: int | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class SupplySource:
    id: str
    name: str
    country: str
    stage: str
    tonnes_per_year: float
    allied: bool
    material: str = ""
    from_year: int | None = None
    to_year: int | None = None
    notes: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class DemandRow:
    """One segment's demand in t/yr, by year (the wide Demand sheet)."""

    segment: str
    stage: str = "MAGNET"
    material: str = ""
    values: dict[int, float] = field(default_factory=dict)
    notes: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class FundingLine:
    id: str
    instrument: str
    agency: str
    amount: float
    year: int
    status: FundingStatus
    facility: str = ""
    scenarios: tuple[str, ...] = ()
    notes: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class Instrument:
    id: str
    name: str
    kind: InstrumentKind | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Agency:
    id: str
    name: str
    department: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Target:
    """A threshold on a stage figure; self-sufficiency thresholds are percent."""

    id: str
    description: str
    stage: str
    metric: Metric
    threshold: float
    year: int
    material: str = ""
    owner_agency: str = ""
    official: bool = False  # set by policy, not an illustration


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    name: str
    parent: str = ""
    risk_view: RiskView | None = None
    description: str = ""


#: An override's value: months, a factor, ``True`` for cancel, or a status.
OverrideValue = float | bool | Status | None


@dataclass(frozen=True, slots=True)
class Override:
    scenario: str
    kind: OverrideKind
    value: OverrideValue
    target: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class PriceRow:
    """Market prices of one material in USD/kg, by year (the wide Prices sheet)."""

    material: str
    scenario: str = ""  # empty: every scenario without a row of its own
    unit: str = "USD/kg"
    values: dict[int, float] = field(default_factory=dict)
    notes: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class PriceFloor:
    """An agency pays the difference when the market price falls below ``floor_price``."""

    id: str
    facility: str
    material: str
    floor_price: float  # USD/kg
    from_year: int
    to_year: int
    agency: str
    share: float = 1.0  # of the facility's output that the floor covers
    funding: str = ""  # the funding line recording the agreement
    scenarios: tuple[str, ...] = ()
    notes: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class ScheduleRisk:
    """Per status: the chance a project is cancelled, and its slip in months (triangular)."""

    status: Status
    cancel_probability: float
    slip_min: float
    slip_likely: float
    slip_max: float
