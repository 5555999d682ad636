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
        "PLAN": [["field", "VALUE"], ["Name", "Typed by hand"], ["Start Year", "2025"], ["End year", 2030]],
        " Facilities ": [
            ["Capacity (tonnes)", "Facility ID", "Stage", "Name", "STATUS", "Material", "Online"],
            ["1,200", "MP-1", "MINE", "Mountain Pass", "operating", "NdPr", 2024],
            [None] * 7,
            ["800", "SEP-1", "sep", "Separation", "Planned", "NdPr", "2027-06"],
        ],
        "Demand": [["Segment", "Material", "Stage", "2025", 2026], ["EV", None, "MAGNET", "1,000", 1100]],
        "Targets": [
            ["Target ID", "Description", "Stage", "Metric", "Threshold", "Year"],
            ["T1", "Half at home", "MAGNET", "self-sufficiency", "20%", 2030],
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


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_our_workbook_resaved_by_libreoffice_comes_back_equal(converted, kind):
    plan, _ = read_plan(converted / kind / f"ours.{kind}")
    assert plan == chain_plan()
