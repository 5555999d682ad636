"""Pure edits: renaming an ID follows every reference, and only references of that table."""

from __future__ import annotations

import dataclasses

from reeplanner.model import CompositionShare, Link, Override, OverrideKind, SupplySource
from reeplanner.model.edits import apply_edit, prepare_edit, references_to, unique_id
from tests.builders import chain_plan, funding, scenario


def rename(plan, table, index, new_id):
    """Rename row ``index`` of ``table`` as the table or the inspector does; returns the undo log."""
    attr = "id" if table != "demand" else "segment"
    return apply_edit(plan, prepare_edit(plan, table, [(index, attr, new_id)]))


def _plan_naming_sep1_everywhere():
    plan = chain_plan()
    plan.scenarios.append(scenario("LATE", "BASE"))
    plan.composition = [CompositionShare("sep-1", "NdPr", 1.0)]
    plan.links = [Link("MINE-1", " SEP-1 ")]
    plan.funding = [funding("F1", 25, facility_id="SEP-1")]
    plan.supply = [SupplySource("SEP-1", "A source that shares the ID", "Canada", "SEP", 100.0, True, "NdPr")]
    plan.overrides = [
        Override("LATE", OverrideKind.DELAY, 12.0, "Sep-1"),
        Override("LATE", OverrideKind.SUPPLY_FACTOR, 0.0, "SEP-1"),
        Override("LATE", OverrideKind.PERMITTING_FACTOR, 0.5, "SEP-1"),
    ]
    return plan


def test_references_to_a_facility_are_found_ignoring_case_and_spaces():
    assert references_to(_plan_naming_sep1_everywhere(), "facilities", "SEP-1") == [
        ("composition", 0, "facility"),
        ("links", 0, "to_facility"),
        ("funding", 0, "facility"),
        ("overrides", 0, "target"),
        ("overrides", 2, "target"),
    ]


def test_renaming_a_facility_leaves_a_supply_factor_on_a_source_of_the_same_id_alone():
    plan = _plan_naming_sep1_everywhere()

    undo = rename(plan, "facilities", 1, "SEP-EAST")

    assert plan.composition[0].facility == "SEP-EAST"
    assert plan.links[0].to_facility == "SEP-EAST"
    assert plan.funding[0].facility == "SEP-EAST"
    assert [o.target for o in plan.overrides] == ["SEP-EAST", "SEP-1", "SEP-EAST"]
    assert ("set", "overrides", 0, "target", "Sep-1") in undo


def test_renaming_a_supply_source_renames_only_supply_factors():
    plan = _plan_naming_sep1_everywhere()
    rename(plan, "supply", 0, "CA-NDPR")
    assert [o.target for o in plan.overrides] == ["Sep-1", "CA-NDPR", "SEP-1"]


def test_renaming_a_scenario_renames_lists_and_the_base_scenario():
    plan = chain_plan()
    plan.base_scenario = "base"
    plan.facilities[0] = dataclasses.replace(plan.facilities[0], scenarios=("BASE",))

    rename(plan, "scenarios", 0, "REFERENCE")

    assert plan.base_scenario == "REFERENCE"
    assert plan.facilities[0].scenarios == ("REFERENCE",)


def test_a_new_id_is_the_stem_or_the_next_free_number():
    plan = chain_plan()
    assert unique_id(plan, "facilities", "new plant") == "NEW-PLANT"
    assert unique_id(plan, "facilities", "mine-1") == "MINE-1-2"
