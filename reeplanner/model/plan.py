"""The plan: its settings and its tables."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from reeplanner.model import defaults
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

#: Plan attribute of each table, in workbook sheet order.
TABLE_ATTRS: tuple[str, ...] = (
    "materials",
    "stages",
    "facilities",
    "composition",
    "links",
    "supply",
    "demand",
    "funding",
    "instruments",
    "agencies",
    "targets",
    "scenarios",
    "overrides",
    "prices",
    "price_floors",
    "schedule_risk",
)


@dataclass(slots=True)
class Plan:
    """A planner's plan. Tables are lists of frozen records, in the user's order."""

    name: str = "Untitled plan"
    description: str = ""
    start_year: int = 2025
    end_year: int = 2035
    currency: str = "USD million"
    base_scenario: str = ""
    home_country: str = defaults.HOME_COUNTRY
    covered_countries: tuple[str, ...] = defaults.COVERED_COUNTRIES
    as_of: dt.date | None = None
    prepared_by: str = ""
    point_of_contact: str = ""
    classification: str = defaults.CLASSIFICATION
    materials: list[Material] = field(default_factory=defaults.materials)
    stages: list[Stage] = field(default_factory=defaults.stages)
    facilities: list[Facility] = field(default_factory=list)
    composition: list[CompositionShare] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    supply: list[SupplySource] = field(default_factory=list)
    demand: list[DemandRow] = field(default_factory=list)
    funding: list[FundingLine] = field(default_factory=list)
    instruments: list[Instrument] = field(default_factory=defaults.instruments)
    agencies: list[Agency] = field(default_factory=defaults.agencies)
    targets: list[Target] = field(default_factory=list)
    scenarios: list[Scenario] = field(default_factory=defaults.scenarios)
    overrides: list[Override] = field(default_factory=list)
    prices: list[PriceRow] = field(default_factory=list)
    price_floors: list[PriceFloor] = field(default_factory=list)
    schedule_risk: list[ScheduleRisk] = field(default_factory=defaults.schedule_risk)

    @property
    def years(self) -> range:
        """The horizon's calendar years, both ends included."""
        return range(self.start_year, self.end_year + 1)

    @property
    def base_scenario_id(self) -> str:
        """The Base scenario: as set, else the first scenario, else ``BASE``."""
        if self.base_scenario:
            return self.base_scenario
        return self.scenarios[0].id if self.scenarios else "BASE"

    def copy(self) -> Plan:
        """A copy whose tables can be edited without touching this plan.

        Records are immutable, so copying the lists is enough.
        """
        changes = {attr: list(getattr(self, attr)) for attr in TABLE_ATTRS}
        return dataclasses.replace(self, **changes)
