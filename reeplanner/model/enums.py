"""Closed sets of values used by the plan tables.

Values are the words of the workbook contract, so they read and write as-is.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    OPERATING = "operating"
    CONSTRUCTION = "construction"
    FINANCED = "financed"
    PLANNED = "planned"
    PROPOSED = "proposed"
    CANCELLED = "cancelled"


class CapacityBasis(StrEnum):
    MATERIAL = "material"
    PRODUCT = "product"


class FundingStatus(StrEnum):
    COMMITTED = "committed"
    ANNOUNCED = "announced"
    PROPOSED = "proposed"


class Metric(StrEnum):
    CAPACITY = "capacity"
    DOMESTIC_OUTPUT = "domestic output"
    SELF_SUFFICIENCY = "self-sufficiency"


class RiskView(StrEnum):
    RISK_ADJUSTED = "risk-adjusted"
    NAMEPLATE = "nameplate"


class InstrumentKind(StrEnum):
    GRANT = "grant"
    LOAN = "loan"
    LOAN_GUARANTEE = "loan guarantee"
    EQUITY = "equity"
    OFFTAKE = "offtake"
    PRICE_FLOOR = "price floor"
    TAX_CREDIT = "tax credit"
    STOCKPILE = "stockpile"
    OTHER = "other"


class OverrideKind(StrEnum):
    DELAY = "delay"
    CAPACITY_FACTOR = "capacity factor"
    CANCEL = "cancel"
    STATUS = "status"
    DEMAND_FACTOR = "demand factor"
    SUPPLY_FACTOR = "supply factor"
    PERMITTING_FACTOR = "permitting factor"
    RISK_FACTOR = "risk factor"


#: Status risk factors of the risk-adjusted view (engine.md, rule 5).
RISK_FACTORS: dict[Status, float] = {
    Status.OPERATING: 1.0,
    Status.CONSTRUCTION: 0.9,
    Status.FINANCED: 0.75,
    Status.PLANNED: 0.5,
    Status.PROPOSED: 0.25,
    Status.CANCELLED: 0.0,
}


def parse_choice(enum: type[StrEnum], text: str) -> StrEnum | None:
    """The member whose value matches ``text`` ignoring case, spaces, ``_`` and ``-``."""

    def norm(s: str) -> str:
        return "".join(ch for ch in s.casefold() if ch not in " _-")

    wanted = norm(text)
    for member in enum:
        if norm(member.value) == wanted:
            return member
    return None
