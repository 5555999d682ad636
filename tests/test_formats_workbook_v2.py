"""Workbook format version 2: a version-1 workbook still reads; the new fields and sheets are read
leniently and every mistake in them is placed on its sheet, Excel row and column."""

from __future__ import annotations

import json

import pytest

from reeplanner.formats.files import read_plan, write_plan
from reeplanner.model import PlanError, PriceFloor, PriceRow, Status
from tests.builders import chain_plan
from tests.test_formats_workbook_import import PLAN_ROWS, _workbook

FACILITIES = [
    ["Facility ID", "Name", "Stage", "Status", "Capacity", "Material", "Country"],
    ["MINE-1", "Mine", "MINE", "operating", 1000, "NdPr", "USA"],
    ["SEP-CN", "Baotou", "SEP", "operating", 5000, "NdPr", "People's Republic of China"],
]


def _errors(path) -> list[tuple[str, int | None, str, str]]:
    with pytest.raises(PlanError) as caught:
        read_plan(path)
    return [(p.table, p.row, p.field, p.message) for p in caught.value.problems if p.is_error]


def test_a_version_1_workbook_reads_with_the_version_2_defaults(tmp_path):
    path = _workbook(
        tmp_path / "v1.xlsx",
        {
            "Plan": PLAN_ROWS + [["Format", "reeplanner-workbook"], ["Format version", 1]],
            "Facilities": FACILITIES,
        },
    )
    plan, warnings = read_plan(path)
    assert [p for p in warnings if p.is_error] == []
    assert (plan.home_country, plan.covered_countries, plan.classification) == (
        "US", ("CN", "RU", "KP", "IR"), "UNCLASSIFIED"
    )  # fmt: skip
    assert [f.country for f in plan.facilities] == ["US", "CN"]
    assert plan.prices == [] and plan.price_floors == [] and plan.schedule_risk == []
    assert "DOD-OSC" in [a.id for a in plan.agencies]


def test_an_unknown_country_is_an_error_naming_the_cell(tmp_path):
    rows = [FACILITIES[0], ["MINE-1", "Mine", "MINE", "operating", 1000, "NdPr", "Chna"]]
    plan_rows = PLAN_ROWS + [["Covered countries", "CN, Atlantis"]]
    errors = _errors(_workbook(tmp_path / "typo.xlsx", {"Plan": plan_rows, "Facilities": rows}))
    assert ("Plan", 5, "Covered countries", (
        "Covered countries 'Atlantis' is not a country REE Planner recognises; write an ISO 3166 code "
        "(CN, US, JP) or an English name (China, United States, Japan)."
    )) in errors  # fmt: skip
    assert ("Facilities", 2, "Country") in [e[:3] for e in errors]


def test_mistakes_in_prices_floors_and_schedule_risk_are_placed(tmp_path):
    sheets = {
        "Plan": PLAN_ROWS,
        "Facilities": FACILITIES,
        "Prices": [
            ["Material", "Scenario", "Unit", 2025, 2026],
            ["NdPr", None, "USD/t", 60000, 61000],
            ["Dy", None, None, 250, "lots"],
            ["Dy", None, None, 2_000_000, 260],
        ],
        "Price floors": [
            ["Floor ID", "Facility ID", "Material", "Floor price", "From year", "To year", "Agency"],
            ["PF-1", "MINE-1", "Tb", 900, 2026, 2025, "DOD-OSC"],
        ],
        "Schedule risk": [
            ["Status", "Cancel probability", "Slip min", "Slip likely", "Slip max"],
            ["cancelled", 0.1, 0, 1, 2],
            ["planned", 1.5, 0, 12, 6],
        ],
    }
    errors = _errors(_workbook(tmp_path / "v2.xlsx", sheets))
    where = {e[:3] for e in errors}
    assert ("Prices", 2, "Unit") in where  # USD/t is not the unit
    assert ("Prices", 3, "2026") in where  # 'lots' is not a price
    assert ("Prices", 4, "Material") in where  # a second Dy row for every scenario
    assert ("Prices", 4, "2025") in where  # 2,000,000 USD/kg is above the plausible bound
    assert ("Price floors", 2, "To year") in where  # before From year
    assert ("Schedule risk", 2, "Status") in where  # cancelled has no row
    assert ("Schedule risk", 3, "Cancel probability") in where
    assert ("Schedule risk", 3, "Slip max") in where  # 12 months likely, 6 at most


def test_a_floor_on_a_material_without_prices_names_the_floors_material_cell(tmp_path):
    sheets = {
        "Plan": PLAN_ROWS,
        "Facilities": FACILITIES,
        "Price floors": [
            ["Floor ID", "Facility ID", "Material", "Floor price", "From year", "To year", "Agency"],
            ["PF-1", "MINE-1", "NdPr", 110, 2026, 2030, "DOD-OSC"],
        ],
    }
    errors = _errors(_workbook(tmp_path / "floor.xlsx", sheets))
    assert errors == [
        (
            "Price floors",
            2,
            "Material",
            "NdPr has no market price, so the floor's cost cannot be worked out. Add a Prices row for NdPr "
            "(with no Scenario, it serves every scenario).",
        )
    ]


def test_plausible_bounds_on_tonnes_money_and_prices(tmp_path):
    rows = [FACILITIES[0], ["MINE-1", "Mine", "MINE", "operating", "12,000,000", "NdPr", "US"]]
    sheets = {
        "Plan": PLAN_ROWS,
        "Facilities": rows,
        "Funding": [
            ["Funding ID", "Facility ID", "Instrument", "Agency", "Amount", "Year", "Status"],
            ["F-1", "MINE-1", "DPA3", "DOD-IBP", 2e7, 2026, "committed"],
        ],
        "Demand": [["Segment", 2025], ["EV", 1e9]],
    }
    errors = _errors(_workbook(tmp_path / "big.xlsx", sheets))
    assert (
        "Facilities",
        2,
        "Capacity",
        "Capacity must be at most 10,000,000 t/yr, a plausible bound; it is 12,000,000. "
        "Check the unit and the number of zeros.",
    ) in errors
    assert ("Funding", 2, "Amount") in [e[:3] for e in errors]
    assert ("Demand", 2, "2025") in [e[:3] for e in errors]


def test_an_empty_covered_list_survives_the_round_trip(tmp_path):
    plan = chain_plan()
    plan.covered_countries = ()
    plan.prices = [PriceRow("NdPr", values={2025: 60.0})]
    plan.price_floors = [PriceFloor("PF-1", "SEP-1", "NdPr", 110.0, 2026, 2028, "DOD-OSC", share=0.5)]
    write_plan(plan, tmp_path / "none.xlsx")
    back, _ = read_plan(tmp_path / "none.xlsx")
    assert back.covered_countries == ()
    assert back == plan
    assert back.schedule_risk[1].status is Status.CONSTRUCTION


def test_v2_figures_of_a_hand_made_workbook_match_a_hand_calculation(tmp_path, capsys):
    """The two-stage plan of test_engine_v2, typed as a planner would, through summary --json."""
    from reeplanner.cli import main

    sheets = {
        "Plan": PLAN_ROWS[:2] + [["Start year", 2025], ["End year", 2026], ["Covered countries", "China"]],
        "Materials": [["Material ID", "Magnet content"], ["NdPr", "25%"], ["Dy", 0.05]],
        "Stages": [
            ["Stage ID", "Name", "Order", "Capacity basis", "Yield"],
            ["SEP", "Separation", 1, "material", 1],
            ["MAGNET", "Magnet", 2, "product", 1],
        ],
        "Facilities": [
            ["Facility ID", "Name", "Stage", "Status", "Capacity (t/yr)", "Material", "Country"],
            ["US-SEP", "Home NdPr", "SEP", "operating", 500, "NdPr", None],
            ["US-DY", "Home Dy", "SEP", "operating", 20, "Dy", "U.S."],
            ["AU-SEP", "Allied NdPr", "SEP", "operating", "1,000", "NdPr", "Australia"],
            ["CN-DY", "Covered Dy", "SEP", "operating", 300, "Dy", "CHN"],
            ["US-MAG", "Magnets", "MAGNET", "operating", 10000, None, "usa"],
        ],
        "Supply": [
            ["Source ID", "Name", "Country", "Stage", "Material", "Tonnes per year", "Allied"],
            ["MY-DY", "Lynas", "Malaysia", "SEP", "Dy", 30, "yes"],
            ["CN-DY-X", "Exports", "China", "SEP", "Dy", 100, "yes"],
            ["KR-DY", "Traders", "KR", "SEP", "Dy", 10, "no"],
        ],
        "Demand": [["Segment", "Stage", 2025, 2026], ["EV", "MAGNET", 8000, 8000]],
        "Funding": [
            ["Funding ID", "Facility ID", "Instrument", "Agency", "Amount", "Year", "Status"],
            ["F-1", "US-MAG", "DPA3", "DOD-IBP", 100, 2025, "committed"],
            ["F-2", "US-MAG", "EQUITY", "PRIVATE", 50, 2025, "committed"],
        ],
        "Prices": [["Material", 2025, 2026], ["NdPr", 60, None]],
        "Price floors": [
            ["Floor ID", "Facility ID", "Material", "Floor price", "Share", "From year", "To year", "Agency"],
            ["PF-1", "US-SEP", "NdPr", 110, "50%", 2025, 2026, "DOD-OSC"],
        ],
    }
    path = _workbook(tmp_path / "hand.xlsx", sheets)
    assert main(["summary", str(path), "--json"]) == 0
    scenario = json.loads(capsys.readouterr().out)["scenarios"][0]
    year = scenario["years"][1]
    # Domestic: Dy 20 / 0.05 = 400 t of magnets (NdPr allows 2,000). Allied: Dy 20 + 30 (Malaysia) -> 1,000 t.
    # All: Dy 460 t -> 9,200 t, NdPr 1,500 -> 6,000 t. Unmet 8,000 - 6,000. Separation binds on Dy (5%).
    assert year["domestic_magnet_output"] == pytest.approx(400)
    assert year["magnet_output_allied"] == pytest.approx(1000)
    assert year["magnet_output_with_imports"] == pytest.approx(6000)
    assert year["unmet_demand"] == pytest.approx(2000)
    assert year["allied_coverage"] == pytest.approx(0.125)
    assert (year["bottleneck"], year["bottleneck_material"]) == ("SEP", "Dy")
    # 2026 has no price: 2025's 60 USD/kg. (110 - 60) x 0.5 x 500 t x 1,000 / 1e6 = 12.5 USD million.
    assert year["price_floor_exposure"] == pytest.approx(12.5)
    assert (scenario["funding_total"], scenario["funding_public_total"]) == (150.0, 100.0)
