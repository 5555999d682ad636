"""Export then import gives back an equal plan: the examples, awkward values and random plans."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from reeplanner.formats import reeplan
from reeplanner.formats.files import read_plan, write_plan
from reeplanner.model import Override, OverrideKind, Scenario, Status
from tests.builders import chain_plan
from tests.strategies import plans

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.reeplan"))


def _round_trip(plan, path):
    write_plan(plan, path)
    back, warnings = read_plan(path)
    return back, warnings


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_comes_back_equal(example, tmp_path):
    plan = reeplan.load(example)
    back, _ = _round_trip(plan, tmp_path / f"{example.stem}.xlsx")
    assert back == plan


def test_awkward_values_come_back_as_typed(tmp_path):
    plan = chain_plan()
    plan.scenarios = [Scenario("BASE", "Base case"), Scenario("late", "Late", "base")]
    plan.facilities[0] = dataclasses.replace(
        plan.facilities[0],
        notes="=SUM(A1:A3)",
        source="-5 t/yr\nsecond line",
        operator="@DOE",
        location="+1 555",
        online=dt.date(2027, 6, 1),
        permitting_start=dt.date(2024, 2, 29),
        scenarios=("BASE", "late"),
        x=-12.5,
        capacity=1234.5678,
    )
    plan.overrides = [
        Override("late", OverrideKind.DELAY, -6.0, "MINE-1"),
        Override("late", OverrideKind.CANCEL, True, "SEP-1"),
        Override("late", OverrideKind.STATUS, Status.PROPOSED, "MET-1"),
    ]
    back, warnings = _round_trip(plan, tmp_path / "awkward.xlsx")
    assert back == plan
    assert warnings == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=plans(max_facilities=8))
def test_random_plans_come_back_equal(plan, tmp_path):
    back, _ = _round_trip(plan, tmp_path / "random.xlsx")
    assert back == plan
