"""Small plan builders for tests: a plan says only what the test is about."""

from __future__ import annotations

import datetime as dt

from reeplanner.model import (
    DemandRow,
    Facility,
    FundingLine,
    FundingStatus,
    Plan,
    Scenario,
    Status,
    Target,
)


def facility(
    fid: str, stage: str, capacity: float, material: str = "NdPr", status: Status = Status.OPERATING, **fields
) -> Facility:
    """A facility; ``material`` is dropped on product stages (ALLOY, MAGNET)."""
    if stage in ("ALLOY", "MAGNET"):
        material = ""
    return Facility(
        fid, fields.pop("name", fid.title()), stage, status, float(capacity), material=material, **fields
    )


def planned(
    fid: str,
    stage: str,
    capacity: float,
    online: dt.date,
    ramp_up_years: float = 0,
    status: Status = Status.PLANNED,
    **fields,
) -> Facility:
    return facility(fid, stage, capacity, status=status, online=online, ramp_up_years=ramp_up_years, **fields)


def demand(tonnes_by_year: dict[int, float], segment: str = "EV") -> DemandRow:
    return DemandRow(segment, values={y: float(t) for y, t in tonnes_by_year.items()})


def chain_plan(start: int = 2025, end: int = 2030) -> Plan:
    """A five-stage US chain, all operating, ramp-up 0: mine 1,000 t NdPr ... magnet 2,000 t.

    Demand 1,000 t of magnets in every year.
    """
    plan = Plan(name="Chain", start_year=start, end_year=end)
    plan.facilities = [
        facility("MINE-1", "MINE", 1000, ramp_up_years=0),
        facility("SEP-1", "SEP", 800, ramp_up_years=0),
        facility("MET-1", "METAL", 600, ramp_up_years=0),
        facility("ALY-1", "ALLOY", 3000, ramp_up_years=0),
        facility("MAG-1", "MAGNET", 2000, ramp_up_years=0),
    ]
    plan.demand = [demand({y: 1000 for y in range(start, end + 1)})]
    return plan


def funding(
    fid: str,
    amount: float,
    facility_id: str = "",
    agency: str = "DOD-IBP",
    instrument: str = "DPA3",
    year: int = 2026,
    status: FundingStatus = FundingStatus.COMMITTED,
    **fields,
) -> FundingLine:
    return FundingLine(fid, instrument, agency, float(amount), year, status, facility=facility_id, **fields)


def scenario(sid: str, parent: str = "", **fields) -> Scenario:
    return Scenario(sid, fields.pop("name", sid.title()), parent, **fields)


def target(tid: str, stage: str, metric, threshold: float, year: int, material: str = "", **fields) -> Target:
    return Target(
        tid, fields.pop("description", tid), stage, metric, float(threshold), year, material, **fields
    )
