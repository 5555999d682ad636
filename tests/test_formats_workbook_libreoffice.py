"""Workbooks saved by LibreOffice import as well as ours (.xlsx and .ods).

A hand-made workbook with the usual irregularities is converted by LibreOffice
in one soffice call for the module; skipped only when soffice is not installed.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess

import openpyxl
import pytest

from reeplanner.formats.files import read_plan, write_plan
from reeplanner.model import Metric, Status
from tests.builders import chain_plan

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def _hand_made(path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    sheets = {
        "PLAN": [
            ["field", "VALUE"],
            ["Name", "Typed by hand"],
            ["Start Year", "2025"],
            ["End year", 2030],
            ["Home country", "U.S.A."],
            ["Covered countries", "China; Russia"],
            ["As of", "2026-03"],
            ["Classification", "CUI"],
            ["Format version", 2],
        ],
        " Facilities ": [
            ["Capacity (tonnes)", "Facility ID", "Stage", "Name", "STATUS", "Material", "Online", "Country"],
            ["1,200", "MP-1", "MINE", "Mountain Pass", "operating", "NdPr", 2024, "United States"],
            [None] * 8,
            ["800", "SEP-1", "sep", "Separation", "Planned", "NdPr", "2027-06", None],
        ],
        "prices": [["Material", "Unit", "Scenario", 2025, "2027"], ["NdPr", "USD/kg", None, "62", 80]],
        "Price Floors": [
            [
                "Floor ID",
                "Facility ID",
                "Material",
                "Floor price (USD/kg)",
                "Share",
                "From year",
                "To year",
                "Agency",
            ],
            ["PF-1", "SEP-1", "NdPr", 110, "50%", 2027, 2030, "DOD-OSC"],
        ],
        "Schedule risk": [
            ["Status", "Cancel probability", "Slip min", "Slip likely", "Slip max"],
            ["Planned", "20%", 0, 6, 30],
        ],
        "Demand": [["Segment", "Material", "Stage", "2025", 2026], ["EV", None, "MAGNET", "1,000", 1100]],
        "Targets": [
            ["Target ID", "Description", "Stage", "Metric", "Threshold", "Year", "Official"],
            ["T1", "Half at home", "MAGNET", "self-sufficiency", "20%", 2030, "Yes"],
        ],
        "Scratch": [["whatever", 1]],
    }
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("libreoffice")
    _hand_made(folder / "hand.xlsx")
    write_plan(chain_plan(), folder / "ours.xlsx")
    out = folder / "out"
    env = dict(os.environ, HOME=str(folder))
    profile = (folder / "profile").as_uri()
    for target in ("xlsx", "ods"):
        subprocess.run(
            [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target, "--outdir",
             str(out / target), str(folder / "hand.xlsx"), str(folder / "ours.xlsx")],
            check=True, env=env, timeout=240, capture_output=True,
        )  # fmt: skip
    return out


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_hand_made_workbook_saved_by_libreoffice(converted, kind):
    plan, warnings = read_plan(converted / kind / f"hand.{kind}")
    assert plan.name == "Typed by hand" and (plan.start_year, plan.end_year) == (2025, 2030)
    assert [(f.id, f.capacity, f.status) for f in plan.facilities] == [
        ("MP-1", 1200.0, Status.OPERATING),
        ("SEP-1", 800.0, Status.PLANNED),
    ]
    assert [f.online for f in plan.facilities] == [dt.date(2024, 1, 1), dt.date(2027, 6, 1)]
    assert plan.demand[0].values == {2025: 1000.0, 2026: 1100.0}
    assert plan.targets[0].metric is Metric.SELF_SUFFICIENCY and plan.targets[0].threshold == 20.0
    assert any("Sheet 'Scratch'" in w.message for w in warnings)
    # Version 2: Plan fields, countries as codes, the Official column and the three new sheets.
    assert (plan.home_country, plan.covered_countries) == ("US", ("CN", "RU"))
    assert (plan.as_of, plan.classification) == (dt.date(2026, 3, 1), "CUI")
    assert [f.country for f in plan.facilities] == ["US", ""]
    assert plan.targets[0].official is True
    assert [(p.material, p.scenario, p.unit, p.values) for p in plan.prices] == [
        ("NdPr", "", "USD/kg", {2025: 62.0, 2027: 80.0})
    ]
    floor = plan.price_floors[0]
    assert (floor.id, floor.facility, floor.floor_price, floor.share, floor.agency) == (
        "PF-1", "SEP-1", 110.0, 0.5, "DOD-OSC"
    )  # fmt: skip
    assert [(r.status, r.cancel_probability, r.slip_max) for r in plan.schedule_risk] == [
        (Status.PLANNED, 0.2, 30.0)
    ]


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_our_workbook_resaved_by_libreoffice_comes_back_equal(converted, kind):
    plan, _ = read_plan(converted / kind / f"ours.{kind}")
    assert plan == chain_plan()
