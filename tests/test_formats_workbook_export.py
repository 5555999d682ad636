"""The exported workbook as a planner opens it in Excel: contract sheets, headers, lists, dates, text."""

from __future__ import annotations

import dataclasses
import datetime as dt

import openpyxl
import pytest

from reeplanner.formats.atomic import SaveError
from reeplanner.formats.files import write_plan
from reeplanner.formats.workbook_writer import write_workbook
from reeplanner.model import PlanError
from tests.builders import chain_plan

SHEETS = [
    "Plan", "Materials", "Stages", "Facilities", "Composition", "Links", "Supply", "Demand",
    "Funding", "Instruments", "Agencies", "Targets", "Scenarios", "Overrides", "Prices", "Price floors",
    "Schedule risk",
]  # fmt: skip


@pytest.fixture
def exported(tmp_path):
    plan = chain_plan(2025, 2027)
    plan.facilities[0] = dataclasses.replace(
        plan.facilities[0], notes='=HYPERLINK("x")', operator="@risk", online=dt.date(2027, 6, 1)
    )
    path = tmp_path / "plan.xlsx"
    write_plan(plan, path)
    return openpyxl.load_workbook(path)


def test_sheets_in_contract_order_with_plan_fields(exported):
    assert exported.sheetnames == SHEETS
    rows = [[c.value for c in row] for row in exported["Plan"].iter_rows()]
    assert rows[0] == ["Field", "Value"]
    assert ["Format", "reeplanner-workbook"] in rows and ["Format version", 2] in rows
    assert ["Start year", 2025] in rows and ["Name", "Chain"] in rows


#: Each sheet's header row, spelt as workbook-format.md spells it (Demand's years aside).
CONTRACT_HEADERS = {
    "Plan": ["Field", "Value"],
    "Materials": ["Material ID", "Name", "Magnet content", "Notes"],
    "Stages": ["Stage ID", "Name", "Order", "Capacity basis", "Yield", "Owner agency", "Notes"],
    "Facilities": [
        "Facility ID", "Name", "Stage", "Operator", "Location", "Country", "Status", "Capacity", "Material",
        "Permitting start", "Permitting months", "Construction months", "Online", "Ramp-up years",
        "Lead agency", "Feeds stage", "Scenarios", "X", "Y", "Notes", "Source",
    ],
    "Composition": ["Facility ID", "Material ID", "Share"],
    "Links": ["From facility", "To facility", "Material", "Tonnes per year", "Start year", "Notes"],
    "Supply": [
        "Source ID", "Name", "Country", "Stage", "Material", "Tonnes per year", "From year", "To year",
        "Allied", "Notes", "Source",
    ],
    "Funding": [
        "Funding ID", "Facility ID", "Instrument", "Agency", "Amount", "Year", "Status", "Scenarios",
        "Notes", "Source",
    ],
    "Instruments": ["Instrument ID", "Name", "Kind", "Notes"],
    "Agencies": ["Agency ID", "Name", "Department", "Notes"],
    "Targets": [
        "Target ID", "Description", "Stage", "Material", "Metric", "Threshold", "Year", "Owner agency",
        "Official",
    ],
    "Scenarios": ["Scenario ID", "Name", "Parent", "Risk view", "Description"],
    "Overrides": ["Scenario ID", "Kind", "Target", "Value", "Notes"],
    "Prices": ["Material", "Scenario", "Unit", 2025, 2026, 2027, "Notes", "Source"],
    "Price floors": [
        "Floor ID", "Facility ID", "Material", "Floor price", "Share", "From year", "To year", "Agency",
        "Funding ID", "Scenarios", "Notes", "Source",
    ],
    "Schedule risk": ["Status", "Cancel probability", "Slip min", "Slip likely", "Slip max"],
}  # fmt: skip


def test_headers_spelt_as_the_contract_bold_frozen_filtered(exported):
    # A reader looks columns up by the contract's names: "Capacity", not "Capacity (t/yr)".
    for sheet, headers in CONTRACT_HEADERS.items():
        assert [c.value for c in exported[sheet][1]] == headers, sheet
    ws = exported["Facilities"]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:U6"
    assert ws.column_dimensions["A"].width == 13  # "Facility ID" is the longest: 11 characters + 2


def test_demand_is_wide_one_column_per_year(exported):
    ws = exported["Demand"]
    assert [c.value for c in ws[1]] == ["Segment", "Stage", "Material", 2025, 2026, 2027, "Notes", "Source"]
    assert [c.value for c in ws[2]] == ["EV", "MAGNET", None, 1000, 1000, 1000, None, None]


def test_numbers_dates_and_formula_like_text(exported):
    ws = exported["Facilities"]
    mine = {h.value: c for h, c in zip(ws[1], ws[2], strict=True)}
    assert mine["Capacity"].data_type == "n" and mine["Capacity"].value == 1000
    assert mine["Online"].is_date and mine["Online"].number_format == "yyyy-mm-dd"
    assert mine["Online"].value == dt.datetime(2027, 6, 1)
    assert mine["Notes"].data_type == "s" and mine["Notes"].value == '=HYPERLINK("x")'
    assert mine["Operator"].data_type == "s"


def test_drop_down_lists_on_status_stage_agency_and_instrument(exported):
    def lists(sheet):
        ws = exported[sheet]
        header = {c.column_letter: c.value for c in ws[1]}
        return {
            header[str(dv.sqref).split(":")[0][:-1]]: dv.formula1 for dv in ws.data_validations.dataValidation
        }

    facilities = lists("Facilities")
    assert facilities["Status"] == '"operating,construction,financed,planned,proposed,cancelled"'
    assert facilities["Stage"] == "'Stages'!$A$2:$A$1006"
    assert facilities["Lead agency"] == "'Agencies'!$A$2:$A$1012"
    funding = lists("Funding")
    assert funding["Instrument"] == "'Instruments'!$A$2:$A$1017"
    assert funding["Status"] == '"committed,announced,proposed"'
    assert lists("Supply")["Allied"] == '"yes,no"'


def test_export_replaces_the_file_only_when_complete(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"old")
    plan = chain_plan()
    plan.facilities[0] = dataclasses.replace(plan.facilities[0], notes="bell \x07")
    with pytest.raises(PlanError) as info:
        write_workbook(plan, path)
    assert str(info.value).startswith("Facilities row 2, Notes: The text holds a control character")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]


def test_export_into_a_missing_folder_says_so(tmp_path):
    with pytest.raises(SaveError):
        write_workbook(chain_plan(), tmp_path / "nowhere" / "plan.xlsx")


def test_every_sheet_prints_landscape_one_page_wide_with_its_header_row_on_each_page(tmp_path):
    plan = chain_plan(2025, 2027)
    long_note = "A long note about the plant. " * 12
    plan.facilities[0] = dataclasses.replace(plan.facilities[0], notes=long_note)
    path = tmp_path / "plan.xlsx"
    write_plan(plan, path)
    workbook = openpyxl.load_workbook(path)
    for ws in workbook.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1, ws.title
        assert ws.page_setup.fitToHeight == 0, ws.title  # as many pages tall as it needs
        assert ws.print_title_rows == "$1:$1", ws.title
        assert (
            ws.print_area
            == f"'{ws.title}'!$A$1:${openpyxl.utils.get_column_letter(ws.max_column)}${ws.max_row}"
        )
    facilities = workbook["Facilities"]
    notes = next(c for c in facilities[2] if c.value == long_note)
    # The note wraps inside its column (instead of running across the printed page), its row tall enough.
    assert notes.alignment.wrap_text
    assert facilities.row_dimensions[2].height > 15
