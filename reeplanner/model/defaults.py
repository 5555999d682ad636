"""The contract's default rows: materials, stages, instruments, agencies, scenario, schedule risk."""

from __future__ import annotations

from reeplanner.model.enums import CapacityBasis, InstrumentKind, Status
from reeplanner.model.records import Agency, Instrument, Material, Scenario, ScheduleRisk, Stage

HOME_COUNTRY = "US"
#: The foreign countries of concern of the US defence sourcing rules (DFARS 252.225-7052).
COVERED_COUNTRIES: tuple[str, ...] = ("CN", "RU", "KP", "IR")
CLASSIFICATION = "UNCLASSIFIED"
#: The agency that usually gives each default instrument (a new funding line's Agency follows its
#: Instrument; another agency is a warning, never an error, as lines are co-funded).
USUAL_AGENCIES: dict[str, str] = {
    "DPA3": "DOD-IBP",
    "IBAS": "DOD-IBP",
    "MCEIP": "DOD-IBP",
    "OSC": "DOD-OSC",
    "LPO": "DOE",
    "DOE-GRANT": "DOE",
    "CHIPS": "DOC",
    "DFC": "DFC",
    "EXIM": "EXIM",
    "NDS": "DLA",
    "PRIVATE": "PRIVATE",
}


def usual_agency(instrument: str) -> str:
    """The Agency ID that usually gives ``instrument`` (compared ignoring case), or ""."""
    return USUAL_AGENCIES.get((instrument or "").strip().upper(), "")


def materials() -> list[Material]:
    return [
        Material("NdPr", "Neodymium-praseodymium", 0.29, "Typical sintered NdFeB: 29-32.5 wt% RE"),
        Material("Dy", "Dysprosium", 0.02, "Grain-boundary diffused grades use less"),
        Material("Tb", "Terbium", 0.006, "High-coercivity grades"),
    ]


def stages() -> list[Stage]:
    m, p = CapacityBasis.MATERIAL, CapacityBasis.PRODUCT
    return [
        Stage("MINE", "Mining", 1, m, 1.0, notes="Rare-earth oxide contained in concentrate"),
        Stage("SEP", "Separation", 2, m, 0.92, notes="Separated oxides"),
        Stage("METAL", "Metal", 3, m, 0.84, notes="Rare-earth metals (oxide-to-metal and recovery)"),
        Stage("ALLOY", "Alloy", 4, p, 0.97, notes="NdFeB alloy"),
        Stage("MAGNET", "Magnet", 5, p, 0.85, notes="Sintered NdFeB magnets"),
    ]


def instruments() -> list[Instrument]:
    k = InstrumentKind
    return [
        Instrument("DPA3", "Defense Production Act Title III award", k.GRANT),
        Instrument("IBAS", "Industrial Base Analysis and Sustainment award", k.GRANT),
        Instrument("MCEIP", "Manufacturing Capability Expansion and Investment Prioritization", k.GRANT),
        Instrument("OSC", "Office of Strategic Capital loan", k.LOAN),
        Instrument("LPO", "DOE Loan Programs Office loan or guarantee", k.LOAN_GUARANTEE),
        Instrument("DOE-GRANT", "DOE grant", k.GRANT),
        Instrument("CHIPS", "Commerce CHIPS incentive", k.GRANT),
        Instrument("DFC", "Development Finance Corporation financing", k.LOAN),
        Instrument("EXIM", "Export-Import Bank financing", k.LOAN),
        Instrument("OFFTAKE", "Procurement or offtake contract", k.OFFTAKE),
        Instrument("PRICE-FLOOR", "Price floor", k.PRICE_FLOOR),
        Instrument("EQUITY", "Government equity investment", k.EQUITY),
        Instrument("48C", "Qualifying advanced energy project credit (48C)", k.TAX_CREDIT),
        Instrument("45X", "Advanced manufacturing production credit (45X)", k.TAX_CREDIT),
        Instrument("NDS", "National Defense Stockpile purchase", k.STOCKPILE),
        Instrument("PRIVATE", "Private capital", k.OTHER),
    ]


def agencies() -> list[Agency]:
    return [
        Agency("DOD-IBP", "Office of Industrial Base Policy", "Department of Defense"),
        Agency("DOD-OSC", "Office of Strategic Capital", "Department of Defense"),
        Agency("DOE", "Department of Energy", "Department of Energy"),
        Agency("DOC", "Department of Commerce", "Department of Commerce"),
        Agency("DOI", "Department of the Interior", "Department of the Interior"),
        Agency("USGS", "U.S. Geological Survey", "Department of the Interior"),
        Agency("DOS", "Department of State", "Department of State"),
        Agency("DFC", "U.S. International Development Finance Corporation", "Independent agency"),
        Agency("EXIM", "Export-Import Bank of the United States", "Independent agency"),
        Agency("DLA", "Defense Logistics Agency", "Department of Defense"),
        Agency("PRIVATE", "Private sector", ""),
    ]


def scenarios() -> list[Scenario]:
    return [Scenario("BASE", "Base case")]


def schedule_risk() -> list[ScheduleRisk]:
    """engine.md's defaults: cancel probability, then slip min / likely / max in months."""
    return [
        ScheduleRisk(Status.OPERATING, 0.0, 0.0, 0.0, 0.0),
        ScheduleRisk(Status.CONSTRUCTION, 0.05, 0.0, 3.0, 12.0),
        ScheduleRisk(Status.FINANCED, 0.10, 0.0, 6.0, 24.0),
        ScheduleRisk(Status.PLANNED, 0.25, 0.0, 12.0, 36.0),
        ScheduleRisk(Status.PROPOSED, 0.50, 0.0, 18.0, 48.0),
    ]
