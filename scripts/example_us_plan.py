"""The US mine-to-magnet example, assembled from its parts."""

from __future__ import annotations

import datetime as dt

from example_parts import chain_stages, example_agencies, example_instruments, materials
from example_us_funding import funding
from example_us_magnets import links, us_facilities
from example_us_market import END, START, demand, supply
from example_us_prices import price_floors, prices
from example_us_scenarios import overrides, scenarios, targets

from reeplanner.model import Plan

#: The public record the examples follow ends here: MP's FY2025 results and calls (Feb-Mar 2026).
AS_OF = dt.date(2026, 3, 31)
#: Stage owners: nobody owns metal and alloy, which the coordination findings should show.
OWNERS = {"MINE": "DOI", "SEP": "DOD-IBP", "MAGNET": "DOD-IBP"}
PREPARED_BY = "REE Planner examples, from public sources (checked 2026-11-23 to 2026-11-29)"
SCHEDULE_RISK_NOTE = (
    "Schedule risk: the app's default slips and cancellation odds (engine.md). Estimate: not calibrated on "
    "these projects."
)


def us_mine_to_magnet() -> Plan:
    facilities, composition = us_facilities()
    return Plan(
        name="US mine to magnet (public figures)",
        description=(
            "The US rare-earth magnet chain as publicly reported up to March 2026: MP Materials (Mountain Pass, "
            "Independence, 10X in Northlake), Energy Fuels, Aclara, Ucore, ReElement and Vulcan, USA Rare "
            "Earth with Less Common Metals, e-VAC, Noveon and Phoenix Tailings, with DoD, Commerce, DOE, EXIM "
            "and state money, MP's $110/kg NdPr floor, and what China, Japan, Europe and Lynas sell to US "
            "users. Every figure names its source; 'Estimate:' says how an unpublished one was sized. "
            "Capacities are t/yr; money is USD million; prices USD/kg. " + SCHEDULE_RISK_NOTE
        ),
        start_year=START,
        end_year=END,
        base_scenario="BASE",
        as_of=AS_OF,
        prepared_by=PREPARED_BY,
        materials=materials(),
        stages=chain_stages(OWNERS),
        facilities=facilities,
        composition=composition,
        links=links(),
        supply=supply(),
        demand=demand(),
        funding=funding(),
        instruments=example_instruments(),
        agencies=example_agencies(),
        targets=targets(),
        scenarios=scenarios(),
        overrides=overrides(),
        prices=prices(),
        price_floors=price_floors(),
    )
