"""The .reeplan file: what is saved loads back equal, byte for byte stable, never half-written."""

from __future__ import annotations

import dataclasses
import difflib
import errno
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from reeplanner.formats import reeplan
from reeplanner.formats.atomic import SaveError, atomic_path
from reeplanner.formats.files import read_plan, write_plan
from reeplanner.model import Plan, PlanError, Severity
from tests.builders import chain_plan
from tests.strategies import plans

ROUND_TRIP = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _doc(plan: Plan | None = None) -> dict:
    return json.loads(reeplan.dumps(plan or chain_plan()))


def _load_error(doc: dict | str | bytes, name: str = "plan.reeplan") -> PlanError:
    data = json.dumps(doc) if isinstance(doc, dict) else doc
    with pytest.raises(PlanError) as caught:
        reeplan.loads(data, name)
    return caught.value


# --- save then load -------------------------------------------------------------


@ROUND_TRIP
@given(plans())
def test_saving_then_loading_gives_an_equal_plan(plan):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.reeplan"
        reeplan.save(plan, path)
        loaded, warnings = reeplan.load_with_warnings(path)
    assert loaded == plan
    assert warnings == []


@ROUND_TRIP
@given(plans())
def test_the_same_plan_always_gives_the_same_bytes(plan):
    text = reeplan.dumps(plan)
    assert reeplan.dumps(plan.copy()) == text
    assert reeplan.dumps(reeplan.loads(text)) == text


def test_a_saved_file_is_utf8_json_with_format_name_version_and_tables_in_sheet_order(tmp_path):
    plan = chain_plan()
    plan.facilities[0] = dataclasses.replace(plan.facilities[0], name="Mountain Pass — 稀土")
    reeplan.save(plan, tmp_path / "chain.reeplan")

    raw = (tmp_path / "chain.reeplan").read_bytes()
    assert "Mountain Pass — 稀土".encode() in raw  # written as UTF-8, not \u escapes
    doc = json.loads(raw.decode("utf-8"))
    assert list(doc)[:3] == ["format", "version", "plan"]
    assert (doc["format"], doc["version"]) == ("reeplanner-plan", 2)
    assert list(doc)[3:] == [
        "materials",
        "stages",
        "facilities",
        "composition",
        "links",
        "supply",
        "demand",
        "funding",
        "instruments",
        "agencies",
        "targets",
        "scenarios",
        "overrides",
        "prices",
        "price_floors",
        "schedule_risk",
    ]
    # Row keys follow the table's columns; fields left at their default are left out.
    assert list(doc["facilities"][0]) == [
        "id",
        "name",
        "stage",
        "status",
        "capacity",
        "material",
        "ramp_up_years",
    ]


def test_changing_one_facility_capacity_changes_exactly_one_line():
    plan = chain_plan()
    before = reeplan.dumps(plan).splitlines()
    plan.facilities[1] = dataclasses.replace(plan.facilities[1], capacity=850.0)  # SEP-1 was 800 t/yr
    after = reeplan.dumps(plan).splitlines()

    changed = [line for line in difflib.unified_diff(before, after, n=0, lineterm="") if line[:1] in "+-"]
    assert changed == ["--- ", "+++ ", '-      "capacity": 800.0,', '+      "capacity": 850.0,']


# --- saving safely --------------------------------------------------------------


class _Unprintable:
    def __str__(self) -> str:
        raise RuntimeError("cannot be written")


def test_a_save_that_fails_while_serialising_leaves_the_old_file_and_no_temp_file(tmp_path):
    target = tmp_path / "plan.reeplan"
    reeplan.save(chain_plan(), target)
    original = target.read_bytes()
    broken = chain_plan()
    broken.facilities[0] = dataclasses.replace(broken.facilities[0], notes=_Unprintable())

    with pytest.raises(RuntimeError, match="cannot be written"):
        reeplan.save(broken, target)

    assert target.read_bytes() == original
    assert os.listdir(tmp_path) == ["plan.reeplan"]


def test_a_failure_half_way_through_writing_leaves_the_old_file_and_no_temp_file(tmp_path):
    target = tmp_path / "plan.reeplan"
    target.write_text("the old plan", encoding="utf-8")

    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_bytes(b'{"format": "reeplanner-plan", "vers')
        raise RuntimeError("the writer crashed half way")

    assert target.read_text(encoding="utf-8") == "the old plan"
    assert os.listdir(tmp_path) == ["plan.reeplan"]


def test_a_full_disk_gives_a_save_error_naming_the_file(tmp_path):
    target = tmp_path / "plan.reeplan"
    target.write_text("the old plan", encoding="utf-8")

    with pytest.raises(SaveError) as caught, atomic_path(target) as tmp, open(tmp, "wb") as fh:
        fh.write(b"half a plan")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    assert str(caught.value) == (
        "Could not save plan.reeplan: No space left on device. The file on disk was not changed."
    )
    assert target.read_text(encoding="utf-8") == "the old plan"
    assert os.listdir(tmp_path) == ["plan.reeplan"]


def test_saving_over_a_folder_gives_a_save_error_naming_the_file(tmp_path):
    (tmp_path / "plan.reeplan").mkdir()

    with pytest.raises(SaveError, match=r"^Could not save plan\.reeplan: Is a directory\."):
        reeplan.save(chain_plan(), tmp_path / "plan.reeplan")

    assert os.listdir(tmp_path) == ["plan.reeplan"]


def test_saving_into_a_missing_folder_gives_a_save_error_naming_the_file(tmp_path):
    with pytest.raises(
        SaveError, match=r"^Could not save plan\.reeplan: cannot write in the folder .*missing"
    ):
        reeplan.save(chain_plan(), tmp_path / "missing" / "plan.reeplan")


def test_saving_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "plan.reeplan"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)

    reeplan.save(chain_plan(), target)

    assert target.stat().st_mode & 0o777 == 0o640
    assert reeplan.load(target) == chain_plan()


def test_write_plan_and_read_plan_go_through_the_reeplan_format(tmp_path):
    write_plan(chain_plan(), tmp_path / "Chain.REEPLAN")

    plan, warnings = read_plan(tmp_path / "Chain.REEPLAN")

    assert plan == chain_plan()
    assert warnings == []


# --- loading what is not a good plan file ----------------------------------------


def test_a_file_that_is_not_json_is_refused_with_where_it_broke():
    error = _load_error("name: my plan\n")
    assert str(error) == (
        "plan.reeplan: plan.reeplan is not a REE Planner plan: the JSON is broken at line 1, "
        "column 1 (Expecting value)."
    )


def test_a_file_that_is_not_utf8_is_refused():
    error = _load_error('{"format": "reeplanner-plan", "name": "Caf\xe9"}'.encode("latin-1"))
    assert (
        error.problems[0].message == "plan.reeplan is not a REE Planner plan: it is not UTF-8 text (byte 42)."
    )


def test_a_file_with_a_byte_order_mark_loads():
    assert reeplan.loads(b"\xef\xbb\xbf" + reeplan.dumps(chain_plan()).encode("utf-8")) == chain_plan()


def test_a_file_of_another_format_is_refused_naming_that_format():
    doc = _doc()
    doc["format"] = "reeplanner-workbook"
    assert _load_error(doc).problems[0].message == (
        "plan.reeplan is not a REE Planner plan: its format is 'reeplanner-workbook'."
    )


def test_a_json_file_without_a_format_is_refused():
    assert _load_error({"name": "x"}).problems[0].message == (
        "plan.reeplan is not a REE Planner plan: it has no 'format': 'reeplanner-plan' entry."
    )


def test_a_file_from_a_newer_version_is_refused_asking_to_update():
    doc = _doc()
    doc["version"] = 3
    assert _load_error(doc).problems[0].message == (
        "plan.reeplan was saved by a newer REE Planner (plan format version 3; this version reads up to 2). "
        "Update REE Planner to open it."
    )


def test_a_wrong_type_in_a_field_names_table_row_field_and_item():
    doc = _doc()
    doc["facilities"][1]["capacity"] = "lots"

    error = _load_error(doc)

    assert [(p.table, p.row, p.field, p.item, p.message) for p in error.problems] == [
        ("Facilities", 2, "Capacity", "SEP-1", "Capacity must be a number; 'lots' is not one.")
    ]
    assert str(error) == "Facilities row 2 (SEP-1), Capacity: Capacity must be a number; 'lots' is not one."


def test_every_wrong_field_is_reported_at_once():
    doc = _doc()
    doc["plan"]["start_year"] = "soon"
    doc["facilities"][0]["status"] = "dreaming"
    doc["facilities"][2]["online"] = "next spring"
    doc["demand"][0]["values"]["2027"] = "1,000 t"

    error = _load_error(doc)

    assert [(p.table, p.row, p.field) for p in error.problems] == [
        ("Plan", None, "Start year"),
        ("Facilities", 1, "Status"),
        ("Facilities", 3, "Online"),
        ("Demand", 1, "2027"),
    ]
    assert str(error) == "4 problems found"
    assert error.problems[1].message == (
        "Status must be one of: operating, construction, financed, planned, proposed, cancelled; it is 'dreaming'."
    )
    assert error.problems[3].message == "Demand for 2027 must be a number; '1,000 t' is not one."


def test_a_list_where_one_value_belongs_is_refused():
    doc = _doc()
    doc["facilities"][0]["name"] = ["Mountain", "Pass"]
    assert _load_error(doc).problems[0].where == "Facilities row 1 (MINE-1), Name"
    assert _load_error(doc).problems[0].message == "Name must be a single value, not a list or an object."


def test_not_a_number_is_refused():
    text = reeplan.dumps(chain_plan()).replace('"capacity": 800.0', '"capacity": NaN')
    error = _load_error(text)
    assert "the JSON is broken (NaN is not a number JSON allows)" in error.problems[0].message


def test_a_missing_required_field_is_named():
    doc = _doc()
    del doc["facilities"][0]["status"]
    problem = _load_error(doc).problems[0]
    assert (problem.where, problem.message) == ("Facilities row 1 (MINE-1), Status", "Status is required.")


def test_an_override_value_is_read_by_its_kind_and_a_bad_kind_is_reported_once():
    doc = _doc()
    doc["scenarios"] = [{"id": "BASE", "name": "Base"}, {"id": "LATE", "name": "Late", "parent": "BASE"}]
    doc["overrides"] = [
        {"scenario": "LATE", "kind": "Delay", "target": "MAG-1", "value": "24"},
        {"scenario": "LATE", "kind": "cancel", "target": "SEP-1", "value": "yes"},
        {"scenario": "LATE", "kind": "status", "target": "MET-1", "value": "Planned"},
    ]
    plan = reeplan.loads(json.dumps(doc))
    assert [o.value for o in plan.overrides] == [24.0, True, "planned"]

    doc["overrides"][0]["kind"] = "postpone"
    assert [p.where for p in _load_error(doc).problems] == ["Overrides row 1, Kind"]


def test_unknown_fields_are_warnings_naming_where_they_are(tmp_path):
    doc = _doc()
    doc["colour"] = "blue"
    doc["plan"]["author"] = "J. Planner"
    doc["facilities"][0]["owner"] = "MP Materials"
    doc["facilities"][0]["values"] = {}
    path = tmp_path / "plan.reeplan"
    path.write_text(json.dumps(doc), encoding="utf-8")

    plan, warnings = read_plan(path)

    assert plan == chain_plan()
    assert [(w.severity, str(w)) for w in warnings] == [
        (Severity.WARNING, "Plan: warning: Unknown plan settings entries ignored: author."),
        (Severity.WARNING, "plan.reeplan: warning: Unknown top-level entries ignored: colour."),
        (Severity.WARNING, "Facilities row 1 (MINE-1): warning: Unknown fields ignored: owner, values."),
    ]


def test_absent_tables_mean_the_defaults_or_empty():
    plan = reeplan.loads(json.dumps({"format": "reeplanner-plan", "version": 1, "plan": {"name": "Bare"}}))
    assert plan == Plan(name="Bare")
    assert [s.id for s in plan.stages] == ["MINE", "SEP", "METAL", "ALLOY", "MAGNET"]
    assert plan.facilities == []


def test_a_missing_file_is_a_plan_error_naming_it(tmp_path):
    with pytest.raises(PlanError, match=r"Cannot read nowhere\.reeplan: No such file or directory\."):
        reeplan.load(tmp_path / "nowhere.reeplan")
