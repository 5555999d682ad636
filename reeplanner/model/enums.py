"""Closed sets of values used by the plan tables.

Values are the words of the workbook contract, so they read and write as-is.
"""

from __future__ import annotations

import functools
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
    member = enum._value2member_map_.get(text)
    if member is not None:
        return member  # type: ignore[return-value]
    return _members_by_normal_form(enum).get(_normal_form(text))


def _normal_form(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch not in " _-")


@functools.cache
def _members_by_normal_form(enum: type[StrEnum]) -> dict[str, StrEnum]:
    return {_normal_form(member.value): member for member in enum}
