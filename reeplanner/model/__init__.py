"""The plan as plain typed objects, its one table schema, validation and edits. No Qt."""

from reeplanner.model.enums import (
    CapacityBasis,
    FundingStatus,
    InstrumentKind,
    Metric,
    OverrideKind,
    RiskView,
    Status,
)
from reeplanner.model.ids import id_key
from reeplanner.model.plan import TABLE_ATTRS, Plan
from reeplanner.model.problems import PlanError, Problem, Severity
from reeplanner.model.records import (
    Agency,
    CompositionShare,
    DemandRow,
    Facility,
    FundingLine,
    Instrument,
    Link,
    Material,
    Override,
    PriceFloor,
    PriceRow,
    Scenario,
    ScheduleRisk,
    Stage,
    SupplySource,
    Target,
)
from reeplanner.model.validation import validate

__all__ = [
    "TABLE_ATTRS",
    "Agency",
    "CapacityBasis",
    "CompositionShare",
    "DemandRow",
    "Facility",
    "FundingLine",
    "FundingStatus",
    "Instrument",
    "InstrumentKind",
    "Link",
    "Material",
    "Metric",
    "Override",
    "OverrideKind",
    "Plan",
    "PlanError",
    "PriceFloor",
    "PriceRow",
    "Problem",
    "RiskView",
    "Scenario",
    "ScheduleRisk",
    "Severity",
    "Stage",
    "Status",
    "SupplySource",
    "Target",
    "id_key",
    "validate",
]
