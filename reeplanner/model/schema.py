"""The one declaration of every plan table.

Each table's columns carry their workbook header, record attribute, kind,
required flag, allowed values or referenced table, unit and bounds. The
workbook reader and writer, the ``.reeplan`` codec, validation and the GUI
table models all read this; adding a column is one edit here (plus the
record field).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum

from reeplanner.model.enums import (
    CapacityBasis,
    FundingStatus,
    InstrumentKind,
    Metric,
    OverrideKind,
    RiskView,
    Status,
)
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


class Kind(Enum):
    """How a column's cells are read, written and checked."""

    TEXT = "text"
    ID = "id"  # text, unique within the table
    INT = "int"
    YEAR = "year"  # integer year
    NUMBER = "number"
    SHARE = "share"  # number, may be written as a percentage
    DATE = "date"
    BOOL = "bool"  # yes/no
    CHOICE = "choice"  # one of an enum's values
    REF = "ref"  # the ID of a row of another table
    REFS = "refs"  # comma-separated IDs of another table
    OVERRIDE_VALUE = "override value"  # depends on the override's kind
    COUNTRY = "country"  # an ISO 3166 alpha-2 code, read from codes, names and aliases
    COUNTRIES = "countries"  # comma-separated countries


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    attr: str
    kind: Kind
    required: bool = False
    ref: str = ""  # plan attribute of the referenced table (REF, REFS)
    choices: type[StrEnum] | None = None
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    unit: str = ""
    help: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    attr: str  # Plan attribute
    sheet: str  # workbook sheet name
    record: type
    columns: tuple[Column, ...]
    id_attr: str = ""  # attribute holding the row's unique ID, if any
    singular: str = "row"  # "facility", for messages
    year_unit: str = ""  # wide tables (Demand, Prices): the unit of their year columns

    @property
    def is_wide(self) -> bool:
        """Whether the sheet has one column per year after its first three (``values`` of the record)."""
        return bool(self.year_unit)

    def column(self, attr: str) -> Column:
        for col in self.columns:
            if col.attr == attr:
                return col
        raise KeyError(f"{self.sheet} has no column for attribute {attr!r}")

    def column_by_header(self, header: str) -> Column | None:
        wanted = header.strip().casefold()
        for col in self.columns:
            if col.header.casefold() == wanted:
                return col
        return None


C, K = Column, Kind
T_YR = "t/yr"
USD_KG = "USD/kg"
#: Plausible bounds (workbook-format.md): world rare-earth mining is about 400,000 t/yr.
MAX_TONNES = 10_000_000.0
MAX_MONEY = 10_000_000.0
MAX_PRICE = 1_000_000.0

MATERIALS = Table(
    "materials",
    "Materials",
    Material,
    (
        C("Material ID", "id", K.ID, True),
        C("Name", "name", K.TEXT),
        C(
            "Magnet content",
            "magnet_content",
            K.SHARE,
            True,
            minimum=0,
            maximum=1,
            unit="t/t magnet",
            help="Tonnes of this material (as metal) in one tonne of finished magnet",
        ),
        C("Notes", "notes", K.TEXT),
    ),
    "id",
    "material",
)

STAGES = Table(
    "stages",
    "Stages",
    Stage,
    (
        C("Stage ID", "id", K.ID, True),
        C("Name", "name", K.TEXT, True),
        C("Order", "order", K.INT, True, help="Position in the chain, upstream first"),
        C("Capacity basis", "basis", K.CHOICE, True, choices=CapacityBasis),
        C(
            "Yield",
            "process_yield",
            K.SHARE,
            True,
            minimum=0,
            maximum=1,
            exclusive_minimum=True,
            help="Tonnes of material out per tonne in",
        ),
        C("Owner agency", "owner_agency", K.REF, ref="agencies"),
        C("Notes", "notes", K.TEXT),
    ),
    "id",
    "stage",
)

FACILITIES = Table(
    "facilities",
    "Facilities",
    Facility,
    (
        C("Facility ID", "id", K.ID, True),
        C("Name", "name", K.TEXT, True),
        C("Stage", "stage", K.REF, True, ref="stages"),
        C("Operator", "operator", K.TEXT),
        C("Location", "location", K.TEXT),
        C("Country", "country", K.COUNTRY, help="Empty means the plan's Home country"),
        C("Status", "status", K.CHOICE, True, choices=Status),
        C("Capacity", "capacity", K.NUMBER, True, minimum=0, maximum=MAX_TONNES, unit=T_YR),
        C("Material", "material", K.REF, ref="materials"),
        C("Permitting start", "permitting_start", K.DATE),
        C("Permitting months", "permitting_months", K.NUMBER, minimum=0),
        C("Construction months", "construction_months", K.NUMBER, minimum=0),
        C("Online", "online", K.DATE, help="If given, wins over the derived online date"),
        C("Ramp-up years", "ramp_up_years", K.NUMBER, minimum=0, help="Default 2"),
        C("Lead agency", "lead_agency", K.REF, ref="agencies"),
        C("Feeds stage", "feeds_stage", K.REF, ref="stages", help="Recycling facilities only"),
        C("Scenarios", "scenarios", K.REFS, ref="scenarios", help="Empty means every scenario"),
        C("X", "x", K.NUMBER),
        C("Y", "y", K.NUMBER),
        C("Notes", "notes", K.TEXT),
        C("Source", "source", K.TEXT),
    ),
    "id",
    "facility",
)

COMPOSITION = Table(
    "composition",
    "Composition",
    CompositionShare,
    (
        C("Facility ID", "facility", K.REF, True, ref="facilities"),
        C("Material ID", "material", K.REF, True, ref="materials"),
        C("Share", "share", K.SHARE, True, minimum=0, maximum=1),
    ),
    singular="composition row",
)

LINKS = Table(
    "links",
    "Links",
    Link,
    (
        C("From facility", "from_facility", K.REF, True, ref="facilities"),
        C("To facility", "to_facility", K.REF, True, ref="facilities"),
        C("Material", "material", K.REF, ref="materials"),
        C("Tonnes per year", "tonnes_per_year", K.NUMBER, minimum=0, maximum=MAX_TONNES, unit=T_YR),
        C("Start year", "start_year", K.YEAR),
        C("Notes", "notes", K.TEXT),
    ),
    singular="link",
)

SUPPLY = Table(
    "supply",
    "Supply",
    SupplySource,
    (
        C("Source ID", "id", K.ID, True),
        C("Name", "name", K.TEXT, True),
        C("Country", "country", K.COUNTRY, True),
        C("Stage", "stage", K.REF, True, ref="stages"),
        C("Material", "material", K.REF, ref="materials"),
        C("Tonnes per year", "tonnes_per_year", K.NUMBER, True, minimum=0, maximum=MAX_TONNES, unit=T_YR),
        C("From year", "from_year", K.YEAR),
        C("To year", "to_year", K.YEAR),
        C("Allied", "allied", K.BOOL, True),
        C("Notes", "notes", K.TEXT),
        C("Source", "source", K.TEXT),
    ),
    "id",
    "supply source",
)

#: Demand is wide: these columns, then one column per year (``DemandRow.values``).
DEMAND = Table(
    "demand",
    "Demand",
    DemandRow,
    (
        C("Segment", "segment", K.TEXT, True),
        C("Stage", "stage", K.REF, ref="stages", help="Default MAGNET"),
        C("Material", "material", K.REF, ref="materials", help="Empty for product tonnes"),
        C("Notes", "notes", K.TEXT),
        C("Source", "source", K.TEXT),
    ),
    singular="demand row",
    year_unit=T_YR,
)

FUNDING = Table(
    "funding",
    "Funding",
    FundingLine,
    (
        C("Funding ID", "id", K.ID, True),
        C("Facility ID", "facility", K.REF, ref="facilities"),
        C("Instrument", "instrument", K.REF, True, ref="instruments"),
        C("Agency", "agency", K.REF, True, ref="agencies"),
        C("Amount", "amount", K.NUMBER, True, minimum=0, maximum=MAX_MONEY, unit="currency"),
        C("Year", "year", K.YEAR, True),
        C("Status", "status", K.CHOICE, True, choices=FundingStatus),
        C("Scenarios", "scenarios", K.REFS, ref="scenarios"),
        C("Notes", "notes", K.TEXT),
        C("Source", "source", K.TEXT),
    ),
    "id",
    "funding line",
)

INSTRUMENTS = Table(
    "instruments",
    "Instruments",
    Instrument,
    (
        C("Instrument ID", "id", K.ID, True),
        C("Name", "name", K.TEXT, True),
        C("Kind", "kind", K.CHOICE, choices=InstrumentKind),
        C("Notes", "notes", K.TEXT),
    ),
    "id",
    "instrument",
)

AGENCIES = Table(
    "agencies",
    "Agencies",
    Agency,
    (
        C("Agency ID", "id", K.ID, True),
        C("Name", "name", K.TEXT, True),
        C("Department", "department", K.TEXT),
        C("Notes", "notes", K.TEXT),
    ),
    "id",
    "agency",
)

TARGETS = Table(
    "targets",
    "Targets",
    Target,
    (
        C("Target ID", "id", K.ID, True),
        C("Description", "description", K.TEXT, True),
        C("Stage", "stage", K.REF, True, ref="stages"),
        C("Material", "material", K.REF, ref="materials"),
        C("Metric", "metric", K.CHOICE, True, choices=Metric),
        C(
            "Threshold",
            "threshold",
            K.NUMBER,
            True,
            minimum=0,
            maximum=MAX_TONNES,
            help="t/yr, or percent for self-sufficiency",
        ),
        C("Year", "year", K.YEAR, True),
        C("Owner agency", "owner_agency", K.REF, ref="agencies"),
        C("Official", "official", K.BOOL, help="yes: set by policy; no (default): an illustration"),
    ),
    "id",
    "target",
)

SCENARIOS = Table(
    "scenarios",
    "Scenarios",
    Scenario,
    (
        C("Scenario ID", "id", K.ID, True),
        C("Name", "name", K.TEXT, True),
        C("Parent", "parent", K.REF, ref="scenarios"),
        C("Risk view", "risk_view", K.CHOICE, choices=RiskView, help="Empty inherits the parent's"),
        C("Description", "description", K.TEXT),
    ),
    "id",
    "scenario",
)

OVERRIDES = Table(
    "overrides",
    "Overrides",
    Override,
    (
        C("Scenario ID", "scenario", K.REF, True, ref="scenarios"),
        C("Kind", "kind", K.CHOICE, True, choices=OverrideKind),
        C("Target", "target", K.TEXT),
        C("Value", "value", K.OVERRIDE_VALUE, True),
        C("Notes", "notes", K.TEXT),
    ),
    singular="override",
)

#: Prices are wide like Demand: these columns, then one column per year (``PriceRow.values``).
PRICES = Table(
    "prices",
    "Prices",
    PriceRow,
    (
        C("Material", "material", K.REF, True, ref="materials"),
        C("Scenario", "scenario", K.REF, ref="scenarios", help="Empty means every scenario"),
        C("Unit", "unit", K.TEXT, help="USD/kg, the only unit"),
        C("Notes", "notes", K.TEXT),
        C("Source", "source", K.TEXT),
    ),
    singular="price row",
    year_unit=USD_KG,
)

PRICE_FLOORS = Table(
    "price_floors",
    "Price floors",
    PriceFloor,
    (
        C("Floor ID", "id", K.ID, True),
        C("Facility ID", "facility", K.REF, True, ref="facilities"),
        C("Material", "material", K.REF, True, ref="materials"),
        C("Floor price", "floor_price", K.NUMBER, True, minimum=0, maximum=MAX_PRICE, unit=USD_KG),
        C("Share", "share", K.SHARE, minimum=0, maximum=1, help="Of the facility's output; default 1"),
        C("From year", "from_year", K.YEAR, True),
        C("To year", "to_year", K.YEAR, True),
        C("Agency", "agency", K.REF, True, ref="agencies", help="Who pays"),
        C("Funding ID", "funding", K.REF, ref="funding", help="The funding line recording the agreement"),
        C("Scenarios", "scenarios", K.REFS, ref="scenarios", help="Empty means every scenario"),
        C("Notes", "notes", K.TEXT),
        C("Source", "source", K.TEXT),
    ),
    "id",
    "price floor",
)

SCHEDULE_RISK = Table(
    "schedule_risk",
    "Schedule risk",
    ScheduleRisk,
    (
        C("Status", "status", K.CHOICE, True, choices=Status),
        C("Cancel probability", "cancel_probability", K.SHARE, True, minimum=0, maximum=1),
        C("Slip min", "slip_min", K.NUMBER, True, minimum=0, maximum=1200, unit="months"),
        C("Slip likely", "slip_likely", K.NUMBER, True, minimum=0, maximum=1200, unit="months"),
        C("Slip max", "slip_max", K.NUMBER, True, minimum=0, maximum=1200, unit="months"),
    ),
    singular="schedule risk row",
)

#: Every table, in workbook sheet order.
TABLES: tuple[Table, ...] = (
    MATERIALS,
    STAGES,
    FACILITIES,
    COMPOSITION,
    LINKS,
    SUPPLY,
    DEMAND,
    FUNDING,
    INSTRUMENTS,
    AGENCIES,
    TARGETS,
    SCENARIOS,
    OVERRIDES,
    PRICES,
    PRICE_FLOORS,
    SCHEDULE_RISK,
)

TABLES_BY_ATTR: dict[str, Table] = {t.attr: t for t in TABLES}

#: The Plan sheet's fields: (Field name, Plan attribute, kind, required).
PLAN_FIELDS: tuple[Column, ...] = (
    C("Name", "name", K.TEXT, True),
    C("Description", "description", K.TEXT),
    C("Start year", "start_year", K.YEAR, True, minimum=1990, maximum=2100),
    C("End year", "end_year", K.YEAR, True),
    C("Currency", "currency", K.TEXT, help="Default USD million"),
    C("Base scenario", "base_scenario", K.REF, ref="scenarios"),
    C("Home country", "home_country", K.COUNTRY, help="Country of the domestic chain; default US"),
    C(
        "Covered countries",
        "covered_countries",
        K.COUNTRIES,
        help="Never in the allied view; default CN, RU, KP, IR ('none' for no country)",
    ),
    C("As of", "as_of", K.DATE, help="Date the plan's figures are current to"),
    C("Prepared by", "prepared_by", K.TEXT),
    C("Point of contact", "point_of_contact", K.TEXT),
    C("Classification", "classification", K.TEXT, help="Printed on the brief; default UNCLASSIFIED"),
)

#: Which targets each override kind's Target column refers to (for messages).
OVERRIDE_TARGETS: dict[OverrideKind, str] = {
    OverrideKind.DELAY: "a Facility ID",
    OverrideKind.CAPACITY_FACTOR: "a Facility ID",
    OverrideKind.CANCEL: "a Facility ID",
    OverrideKind.STATUS: "a Facility ID",
    OverrideKind.DEMAND_FACTOR: "a demand Segment, or empty for all",
    OverrideKind.SUPPLY_FACTOR: "a Source ID or a Country",
    OverrideKind.PERMITTING_FACTOR: "a Facility ID, or empty for all facilities",
    OverrideKind.RISK_FACTOR: "a status",
}
