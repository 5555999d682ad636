"""Importing workbooks made by hand: lenient where the contract says so, every error placed."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from reeplanner.formats.files import read_plan
from reeplanner.model import Metric, PlanError, Status


def _workbook(path, sheets: dict[str, list[list[object]]]):
    """A workbook with these sheets and rows, as a person would type it."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


PLAN_ROWS = [["Field", "Value"], ["Name", "Hand made"], ["Start year", 2025], ["End year", 2030]]
FACILITY_HEADERS = ["Facility ID", "Name", "Stage", "Status", "Capacity (t/yr)", "Material", "Online"]


def test_lenient_headers_numbers_dates_and_blank_rows(tmp_path):
    path = _workbook(
        tmp_path / "hand.xlsx",
        {
            " plan ": PLAN_ROWS,
            "FACILITIES": [
                [
                    "  capacity  ( tonnes ) ",
                    "facility id",
                    "NAME",
                    "stage",
                    "Status",
                    "material",
                    "online",
                    "Colour",
                ],
                ["1,200", "mp-1", "Mountain Pass", "MINE", "Operating", "NdPr", 2027, "red"],
                [None, None, None, None, None, None, None, None],
                [" 45 ", "sep-1", "Sep", "SEP", "planned", "ndpr", "2027-06", None],
                ["20%", "met-1", "Metal", "METAL", "planned", "NdPr", dt.date(2028, 3, 15), None],
            ],
            "Demand": [
                ["Segment", "Stage", 2025, "2026", "2027 (t/yr)"],
                ["EV", "MAGNET", 100, "1,000", None],
            ],
            "Targets": [
                ["Target ID", "Description", "Stage", "Metric", "Threshold", "Year"],
                ["T1", "Half from home", "MAGNET", "self-sufficiency", "50%", 2030],
            ],
            "My notes": [["anything"]],
        },
    )
    plan, warnings = read_plan(path)
    assert [f.id for f in plan.facilities] == ["mp-1", "sep-1", "met-1"]
    # 1,200 as text is 1200; " 45 " is 45; 20% is 0.2.
    assert [f.capacity for f in plan.facilities] == [1200.0, 45.0, 0.2]
    assert plan.facilities[0].status is Status.OPERATING
    # A bare year means January; YYYY-MM means the first of the month.
    assert [f.online for f in plan.facilities] == [
        dt.date(2027, 1, 1),
        dt.date(2027, 6, 1),
        dt.date(2028, 3, 15),
    ]
    assert plan.demand[0].values == {2025: 100.0, 2026: 1000.0}
    # 50% on a self-sufficiency target is the percent 50.
    assert plan.targets[0].metric is Metric.SELF_SUFFICIENCY and plan.targets[0].threshold == 50.0
    # Absent Stages/Materials/Instruments/Agencies sheets mean the defaults; absent others are empty.
    assert [s.id for s in plan.stages] == ["MINE", "SEP", "METAL", "ALLOY", "MAGNET"]
    assert plan.supply == [] and plan.scenarios == []
    texts = [str(w) for w in warnings]
    assert any("Sheet 'My notes' is not part of the plan workbook" in t for t in texts)
    assert any("Unknown column 'Colour' is ignored" in t for t in texts)


def test_every_error_has_sheet_row_column_and_a_sentence(tmp_path):
    path = _workbook(
        tmp_path / "bad.xlsx",
        {
            "Plan": PLAN_ROWS,
            "Facilities": [
                FACILITY_HEADERS,
                ["F1", "One", "MINE", "operating", "lots", "NdPr", None],
                [None] * 7,
                ["F2", "Two", "MINEZ", "operating", 10, "NdPr", None],
                ["f1 ", "Three", "MINE", "operatin", 10, "NdPr", None],
            ],
        },
    )
    with pytest.raises(PlanError) as info:
        read_plan(path)
    found = {(p.table, p.row, p.field): p.message for p in info.value.errors}
    assert found[("Facilities", 2, "Capacity")] == "Capacity must be a number; 'lots' is not one."
    assert found[("Facilities", 4, "Stage")].startswith("'MINEZ' is not a Stage ID in Stages.")
    assert found[("Facilities", 5, "Status")].startswith("Status must be one of: operating,")
    assert found[("Facilities", 5, "Facility ID")] == (
        "Facility ID 'f1' is already used by row 2; IDs must be unique, ignoring case and spaces at both ends."
    )
    assert len(info.value.errors) == 4


def test_plan_errors_are_listed_with_cell_errors_but_not_echoes_of_an_unread_sheet(tmp_path):
    path = _workbook(
        tmp_path / "all.xlsx",
        {
            "Plan": [["Field", "Value"], ["Name", "All"], ["Start year", 2025], ["End year", 2090]],
            "Stages": [["Stage ID", "Name", "Order", "Capacity basis"], ["MINE", "Mining", 1, "material"]],
            "Facilities": [FACILITY_HEADERS, ["F1", "One", "MINE", "operating", "lots", "NdPr", None]],
        },
    )
    with pytest.raises(PlanError) as info:
        read_plan(path)
    # Every error at once; the Stages sheet missing Yield does not make 'MINE' an unknown stage.
    assert [(p.table, p.row, p.field) for p in info.value.errors] == [
        ("Plan", 4, "End year"),
        ("Stages", 1, "Yield"),
        ("Facilities", 2, "Capacity"),
    ]


def test_missing_required_column_is_an_error_unknown_column_a_warning(tmp_path):
    path = _workbook(
        tmp_path / "cols.xlsx",
        {
            "Plan": PLAN_ROWS,
            "Facilities": [
                ["Facility ID", "Name", "Stage", "Status", "Size"],
                ["F1", "A", "MINE", "operating", 5],
            ],
        },
    )
    with pytest.raises(PlanError) as info:
        read_plan(path)
    errors = [(p.table, p.row, p.field, p.message) for p in info.value.errors]
    assert errors == [("Facilities", 1, "Capacity", "The required column 'Capacity' is missing.")]
    assert any(p.field == "Size" and not p.is_error for p in info.value.problems)


def test_a_formula_is_read_by_its_cached_value_and_one_without_is_named(tmp_path):
    path = _workbook(
        tmp_path / "formula.xlsx",
        {
            "Plan": PLAN_ROWS,
            "Facilities": [FACILITY_HEADERS, ["F1", "One", "MINE", "operating", "=2*500", "NdPr", None]],
        },
    )
    # openpyxl saves formulas without a calculated value, as a script would.
    with pytest.raises(PlanError) as info:
        read_plan(path)
    (error,) = info.value.errors
    assert (error.table, error.row, error.field) == ("Facilities", 2, "Capacity")
    assert error.message.startswith("Facilities!E2 holds a formula with no saved value.")


def test_cached_formula_value_is_used(tmp_path):
    path = _workbook(
        tmp_path / "cached.xlsx",
        {
            "Plan": PLAN_ROWS,
            "Facilities": [FACILITY_HEADERS, ["F1", "One", "MINE", "operating", "=2*500", "NdPr", None]],
        },
    )
    _put_cached_value(path, "xl/worksheets/sheet2.xml", b"<f>2*500</f><v />", b"<f>2*500</f><v>1000</v>")
    plan, _ = read_plan(path)
    assert plan.facilities[0].capacity == 1000.0


def test_a_cell_showing_an_error_is_named_not_read_as_empty(tmp_path):
    # A VLOOKUP that found nothing shows #N/A; read as empty, the facility would silently get no Online date.
    path = _workbook(
        tmp_path / "errors.xlsx",
        {
            "Plan": PLAN_ROWS,
            "Facilities": [FACILITY_HEADERS, ["F1", "One", "MINE", "planned", 10, "NdPr", "#N/A"]],
            "Demand": [["Segment", 2025, 2026], ["EV", 100, "#DIV/0!"]],
        },
    )
    with pytest.raises(PlanError) as info:
        read_plan(path)
    assert [(p.table, p.row, p.field, p.message) for p in info.value.errors] == [
        (
            "Facilities",
            2,
            "Online",
            "Facilities!G2 shows the error #N/A instead of a value. Correct the formula or the value there, "
            "save, and import again.",
        ),
        (
            "Demand",
            2,
            "2026",
            "Demand!C2 shows the error #DIV/0! instead of a value. Correct the formula or the value there, "
            "save, and import again.",
        ),
    ]


def test_an_override_of_unknown_kind_is_one_error_on_kind(tmp_path):
    path = _workbook(
        tmp_path / "kind.xlsx",
        {
            "Plan": PLAN_ROWS,
            "Scenarios": [["Scenario ID", "Name"], ["LATE", "Late"]],
            "Facilities": [FACILITY_HEADERS, ["F1", "One", "MINE", "operating", 10, "NdPr", None]],
            "Overrides": [["Scenario ID", "Kind", "Target", "Value"], ["LATE", "postpone", "F1", "yes"]],
        },
    )
    with pytest.raises(PlanError) as info:
        read_plan(path)
    ((table, row, field, message),) = [(p.table, p.row, p.field, p.message) for p in info.value.errors]
    assert (table, row, field) == ("Overrides", 2, "Kind")
    assert message.startswith("Kind must be one of: delay, capacity factor,") and "'postpone'" in message


def test_an_empty_demand_stage_is_magnet_and_checked_as_magnet(tmp_path):
    path = _workbook(
        tmp_path / "demand.xlsx",
        {"Plan": PLAN_ROWS, "Demand": [["Segment", "Stage", "Material", 2025], ["EV", None, "NdPr", 10]]},
    )
    with pytest.raises(PlanError) as info:
        read_plan(path)
    assert [(p.table, p.row, p.field, p.message) for p in info.value.errors] == [
        ("Demand", 2, "Material", "Leave Material empty on the Magnet stage: it counts tonnes of product.")
    ]


def _put_cached_value(path, part, old, new):
    """What Excel does on save: store the formula's result beside it."""
    import zipfile

    with zipfile.ZipFile(path) as zin:
        items = [(i, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            if info.filename == part:
                assert old in data
                data = data.replace(old, new)
            zout.writestr(info, data)


def test_newer_format_version_is_refused_plainly(tmp_path):
    path = _workbook(
        tmp_path / "new.xlsx",
        {"Plan": PLAN_ROWS + [["Format", "reeplanner-workbook"], ["Format version", 3]]},
    )
    with pytest.raises(PlanError) as info:
        read_plan(path)
    assert str(info.value) == (
        "Plan row 6, Format version: This workbook was written by a newer REE Planner (plan workbook format "
        "version 3; this version reads up to 2). Update REE Planner to import it."
    )


def test_missing_plan_sheet_and_fields(tmp_path):
    path = _workbook(tmp_path / "noplan.xlsx", {"Facilities": [FACILITY_HEADERS]})
    with pytest.raises(PlanError) as info:
        read_plan(path)
    assert info.value.errors[0].message.startswith("The workbook has no Plan sheet")
    path = _workbook(
        tmp_path / "noname.xlsx", {"Plan": [["Field", "Value"], ["Start year", 2025], ["End year", 2030]]}
    )
    with pytest.raises(PlanError) as info:
        read_plan(path)
    assert [p.message for p in info.value.errors] == ["Name is required."]


def test_plan_sheet_field_given_twice_is_an_error_and_an_extra_column_a_warning(tmp_path):
    rows = [["Field", "Value", "Comment"], *PLAN_ROWS[1:], ["name ", "Other name", "typed again"]]
    path = _workbook(tmp_path / "twice.xlsx", {"Plan": rows})
    with pytest.raises(PlanError) as info:
        read_plan(path)
    assert [(p.table, p.row, p.field, p.message) for p in info.value.errors] == [
        ("Plan", 5, "Name", "Name is given twice (also row 2); keep one.")
    ]
    warnings = [(p.table, p.row, p.field, p.message) for p in info.value.problems if not p.is_error]
    assert warnings == [("Plan", 1, "Comment", "Unknown column 'Comment' is ignored.")]


def test_bare_fraction_threshold_stays_a_percent_with_a_warning(tmp_path):
    path = _workbook(
        tmp_path / "frac.xlsx",
        {
            "Plan": PLAN_ROWS,
            "Targets": [
                ["Target ID", "Description", "Stage", "Metric", "Threshold", "Year"],
                ["T1", "Half", "MAGNET", "self-sufficiency", 0.5, 2030],
            ],
        },
    )
    plan, warnings = read_plan(path)
    assert plan.targets[0].threshold == 0.5
    assert [(w.table, w.row, w.field) for w in warnings] == [("Targets", 2, "Threshold")]
    assert "0.5 means 0.5%, not 50%" in warnings[0].message
