"""One test per validation rule: the sentence a planner reads and the place it points at."""

from __future__ import annotations

import dataclasses
import datetime as dt

from reeplanner.model import (
    CapacityBasis,
    CompositionShare,
    DemandRow,
    Link,
    Metric,
    Override,
    OverrideKind,
    Plan,
    Problem,
    Severity,
    Stage,
    Status,
    SupplySource,
    validate,
)
from reeplanner.model.validation import errors
from tests.builders import chain_plan, facility, funding, scenario, target


def _one(plan: Plan) -> Problem:
    """The plan's only problem (the builders' chain plan has none)."""
    found = validate(plan)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def _place(problem: Problem) -> tuple:
    return problem.table, problem.row, problem.field, problem.item, problem.severity


def _edit(plan: Plan, table: str, index: int, **changes) -> Plan:
    rows = getattr(plan, table)
    rows[index] = dataclasses.replace(rows[index], **changes)
    return plan


def _with_scenarios(*scenarios) -> Plan:
    plan = chain_plan()
    plan.scenarios += list(scenarios)
    return plan


def _override(kind: OverrideKind, target: str, value, plan: Plan | None = None) -> Plan:
    plan = plan or _with_scenarios(scenario("LATE", "BASE"))
    plan.overrides.append(Override("LATE", kind, value, target))
    return plan


# --- a clean plan -----------------------------------------------------------------


def test_the_chain_plan_and_a_new_plan_have_no_problems():
    assert validate(chain_plan()) == []
    assert validate(Plan()) == []


# --- Plan settings ----------------------------------------------------------------


def test_plan_name_is_required():
    problem = _one(dataclasses.replace(chain_plan(), name=" "))
    assert (problem.table, problem.field, problem.message) == ("Plan", "Name", "Name is required.")


def test_start_year_must_be_within_1990_to_2100():
    problem = _one(Plan(start_year=1985, end_year=1990))
    assert (problem.field, problem.message) == ("Start year", "Start year 1985 is outside 1990-2100.")


def test_end_year_cannot_be_before_start_year():
    problem = _one(Plan(start_year=2030, end_year=2029))
    assert (problem.field, problem.message) == ("End year", "End year 2029 is before Start year 2030.")


def test_end_year_at_most_60_years_after_start_year():
    problem = _one(Plan(start_year=2025, end_year=2086))
    assert problem.message == "End year 2086 is more than 60 years after Start year 2025."
    assert validate(Plan(start_year=2025, end_year=2085)) == []


def test_base_scenario_must_be_a_scenario():
    problem = _one(dataclasses.replace(chain_plan(), base_scenario="BSAE"))
    assert (problem.table, problem.field) == ("Plan", "Base scenario")
    assert problem.message == "Base scenario 'BSAE' is not a Scenario ID in Scenarios."


# --- column rules from the schema ---------------------------------------------------


def test_a_required_cell_left_empty_is_named():
    problem = _one(_edit(chain_plan(), "facilities", 2, name=""))
    assert _place(problem) == ("Facilities", 3, "Name", "MET-1", Severity.ERROR)
    assert problem.message == "Name is required."
    assert str(problem) == "Facilities row 3 (MET-1), Name: Name is required."


def test_ids_are_unique_ignoring_case_and_surrounding_spaces():
    plan = chain_plan()
    plan.facilities.append(facility(" mine-1 ", "MINE", 50))
    problem = _one(plan)
    assert _place(problem) == ("Facilities", 6, "Facility ID", " mine-1 ", Severity.ERROR)
    assert problem.message == (
        "Facility ID ' mine-1 ' is already used by row 1; IDs must be unique, ignoring case and spaces at both ends."
    )


def test_an_unknown_reference_names_the_cell_and_lists_known_ids():
    problem = _one(_edit(chain_plan(), "facilities", 1, stage="SEPARATION"))
    assert _place(problem) == ("Facilities", 2, "Stage", "SEP-1", Severity.ERROR)
    assert problem.message == (
        "'SEPARATION' is not a Stage ID in Stages. Known: MINE, SEP, METAL, ALLOY, MAGNET."
    )


def test_references_match_ignoring_case_and_spaces():
    assert validate(_edit(chain_plan(), "facilities", 1, stage=" sep ", material="ndpr")) == []


def test_an_unknown_scenario_in_a_scenarios_list_is_named():
    problem = _one(_edit(chain_plan(), "facilities", 0, scenarios=("BASE", "BAN")))
    assert _place(problem) == ("Facilities", 1, "Scenarios", "MINE-1", Severity.ERROR)
    assert problem.message == "'BAN' is not a Scenario ID in Scenarios. Known: BASE."


def test_an_unknown_agency_or_instrument_reads_as_a_sentence():
    plan = chain_plan()
    plan.funding = [funding("F1", 5.0, agency="DOD", instrument="DPA4")]
    assert [p.message.split(" Known")[0] for p in validate(plan)] == [
        "'DPA4' is not an Instrument ID in Instruments.",
        "'DOD' is not an Agency ID in Agencies.",
    ]


def test_a_negative_capacity_is_out_of_range():
    problem = _one(_edit(chain_plan(), "facilities", 4, capacity=-10.0))
    assert _place(problem) == ("Facilities", 5, "Capacity", "MAG-1", Severity.ERROR)
    assert problem.message == "Capacity must be at least 0; it is -10."


def test_a_stage_yield_of_zero_is_out_of_range():
    problem = _one(_edit(chain_plan(), "stages", 1, process_yield=0.0))
    assert _place(problem) == ("Stages", 2, "Yield", "SEP", Severity.ERROR)
    assert problem.message == "Yield must be above 0 and at most 1; it is 0."


def test_magnet_content_above_one_is_out_of_range():
    problem = _one(_edit(chain_plan(), "materials", 0, magnet_content=1.5))
    assert _place(problem) == ("Materials", 1, "Magnet content", "NdPr", Severity.ERROR)
    assert problem.message == "Magnet content must be at least 0 and at most 1; it is 1.5."


def test_a_number_that_is_not_finite_is_refused():
    problem = _one(_edit(chain_plan(), "facilities", 0, capacity=float("inf")))
    assert (problem.field, problem.message) == ("Capacity", "Capacity must be a finite number; it is inf.")


# --- Stages ---------------------------------------------------------------------------


def test_two_stages_cannot_share_an_order():
    problem = _one(_edit(chain_plan(), "stages", 2, order=2))
    assert _place(problem) == ("Stages", 3, "Order", "METAL", Severity.ERROR)
    assert problem.message == "Order 2 is also used by row 2; each stage needs its own place in the chain."


def test_a_material_stage_cannot_follow_a_product_stage():
    plan = _edit(chain_plan(), "stages", 2, order=7)  # METAL after MAGNET
    problem = _one(plan)
    assert _place(problem) == ("Stages", 3, "Capacity basis", "METAL", Severity.ERROR)
    assert problem.message == (
        "A material stage cannot come after a product stage; "
        "order the chain material stages first, then product stages."
    )


def test_the_recycle_stage_counts_material():
    plan = chain_plan()
    plan.stages.append(Stage("RECYCLE", "Recycling", 6, CapacityBasis.PRODUCT, 0.9))
    problem = _one(plan)
    assert _place(problem) == ("Stages", 6, "Capacity basis", "RECYCLE", Severity.ERROR)
    assert problem.message == "The RECYCLE stage recovers materials, so its Capacity basis must be material."


# --- Facilities -------------------------------------------------------------------------


def test_material_is_required_on_a_material_stage():
    problem = _one(_edit(chain_plan(), "facilities", 1, material=""))
    assert _place(problem) == ("Facilities", 2, "Material", "SEP-1", Severity.ERROR)
    assert problem.message == (
        "Material is required on the Separation stage (capacity is per material), "
        "unless the facility has rows in Composition."
    )


def test_composition_rows_replace_the_material():
    plan = _edit(chain_plan(), "facilities", 0, material="")
    plan.composition = [CompositionShare("MINE-1", "NdPr", 0.8), CompositionShare("mine-1", "Dy", 0.05)]
    assert validate(plan) == []


def test_material_beside_composition_is_a_warning_that_it_is_ignored():
    plan = chain_plan()
    plan.composition = [CompositionShare("MINE-1", "NdPr", 0.8)]
    problem = _one(plan)
    assert _place(problem) == ("Facilities", 1, "Material", "MINE-1", Severity.WARNING)
    assert problem.message == "The facility has Composition rows, so its Material is ignored."


def test_material_is_left_empty_on_a_product_stage():
    problem = _one(_edit(chain_plan(), "facilities", 3, material="NdPr"))
    assert _place(problem) == ("Facilities", 4, "Material", "ALY-1", Severity.ERROR)
    assert problem.message == "Leave Material empty on the Alloy stage: its capacity is tonnes of product."


def _recycling_plan(feeds_stage: str = "METAL") -> Plan:
    plan = chain_plan()
    plan.stages.append(Stage("RECYCLE", "Recycling", 6, CapacityBasis.MATERIAL, 0.9))
    plan.facilities.append(facility("REC-1", "RECYCLE", 100, feeds_stage=feeds_stage))
    return plan


def test_a_recycling_facility_names_the_stage_it_feeds():
    assert validate(_recycling_plan()) == []
    problem = _one(_recycling_plan(feeds_stage=""))
    assert _place(problem) == ("Facilities", 6, "Feeds stage", "REC-1", Severity.ERROR)
    assert problem.message == "A recycling facility must name the stage it feeds."


def test_feeds_stage_is_only_for_recycling_facilities():
    problem = _one(_edit(chain_plan(), "facilities", 2, feeds_stage="ALLOY"))
    assert _place(problem) == ("Facilities", 3, "Feeds stage", "MET-1", Severity.ERROR)
    assert problem.message == "Only recycling facilities feed another stage; leave Feeds stage empty."


def test_a_recycling_facility_cannot_feed_recycle():
    problem = _one(_recycling_plan(feeds_stage="recycle"))
    assert (problem.field, problem.message) == ("Feeds stage", "A recycling facility cannot feed RECYCLE.")


def test_a_facility_not_yet_operating_without_dates_is_a_warning():
    problem = _one(_edit(chain_plan(), "facilities", 4, status=Status.FINANCED))
    assert _place(problem) == ("Facilities", 5, "Online", "MAG-1", Severity.WARNING)
    assert problem.message == (
        "Neither Online nor Permitting start is given for this financed facility, so it contributes no capacity."
    )
    assert (
        validate(_edit(chain_plan(), "facilities", 4, status=Status.PLANNED, online=dt.date(2028, 1, 1)))
        == []
    )
    assert (
        validate(
            _edit(chain_plan(), "facilities", 4, status=Status.PLANNED, permitting_start=dt.date(2026, 1, 1))
        )
        == []
    )
    assert validate(_edit(chain_plan(), "facilities", 4, status=Status.CANCELLED)) == []


# --- Composition ------------------------------------------------------------------------


def test_composition_shares_of_one_facility_cannot_add_up_to_more_than_one():
    plan = _edit(chain_plan(), "facilities", 0, material="")
    plan.composition = [CompositionShare("MINE-1", "NdPr", 0.7), CompositionShare("MINE-1", "Dy", 0.4)]
    problem = _one(plan)
    assert (problem.table, problem.row, problem.field) == ("Composition", 2, "Share")
    assert problem.message == "Shares of facility 'MINE-1' add up to 1.1, more than 1."


def test_composition_is_only_for_facilities_on_material_stages():
    plan = chain_plan()
    plan.composition = [CompositionShare("MAG-1", "NdPr", 0.3)]
    problem = _one(plan)
    assert (problem.table, problem.row, problem.field) == ("Composition", 1, "Facility ID")
    assert problem.message == (
        "Facility 'MAG-1' is on the Magnet stage, which counts tonnes of product; "
        "Composition is only for material stages."
    )


def test_a_material_is_given_once_per_facility_in_composition():
    plan = _edit(chain_plan(), "facilities", 0, material="")
    plan.composition = [CompositionShare("MINE-1", "NdPr", 0.5), CompositionShare("MINE-1", "ndpr", 0.2)]
    problem = _one(plan)
    assert (problem.table, problem.row, problem.field) == ("Composition", 2, "Material ID")
    assert problem.message == (
        "Material 'ndpr' of facility 'MINE-1' is already given in row 1; give each material one share."
    )


def test_a_composition_share_above_one_is_out_of_range():
    plan = _edit(chain_plan(), "facilities", 0, material="")
    plan.composition = [CompositionShare("MINE-1", "NdPr", 1.2)]
    messages = [(p.row, p.field, p.message) for p in validate(plan)]
    assert (1, "Share", "Share must be at least 0 and at most 1; it is 1.2.") in messages


# --- Links ---------------------------------------------------------------------------------


def test_a_link_joins_two_different_facilities():
    plan = chain_plan()
    plan.links = [Link("SEP-1", "MET-1", "NdPr", 500.0), Link("MET-1", "met-1")]
    problem = _one(plan)
    assert (problem.table, problem.row, problem.field) == ("Links", 2, "To facility")
    assert problem.message == "The link goes from 'MET-1' to itself; a link joins two facilities."


def test_a_link_to_an_unknown_facility_is_named():
    plan = chain_plan()
    plan.links = [Link("SEP-1", "MET-9")]
    problem = _one(plan)
    assert (problem.table, problem.row, problem.field) == ("Links", 1, "To facility")
    assert problem.message.startswith("'MET-9' is not a Facility ID in Facilities. Known: MINE-1, SEP-1")


# --- Supply ----------------------------------------------------------------------------------


def _supply(**fields) -> Plan:
    plan = chain_plan()
    values = {"material": "Dy", "stage": "SEP"} | fields
    plan.supply.append(
        SupplySource("CN-DY", "China Dy oxide", "China", tonnes_per_year=1000.0, allied=False, **values)
    )
    return plan


def test_supply_to_year_cannot_be_before_from_year():
    assert validate(_supply(from_year=2026, to_year=2030)) == []
    problem = _one(_supply(from_year=2030, to_year=2026))
    assert _place(problem) == ("Supply", 1, "To year", "CN-DY", Severity.ERROR)
    assert problem.message == "To year 2026 is before From year 2030."


def test_supply_on_a_material_stage_names_its_material():
    problem = _one(_supply(material=""))
    assert _place(problem) == ("Supply", 1, "Material", "CN-DY", Severity.ERROR)
    assert problem.message == (
        "Material is required on the Separation stage: it counts tonnes per material, "
        "so name the material this supply source is for."
    )


def test_supply_on_a_product_stage_leaves_material_empty():
    assert validate(_supply(stage="MAGNET", material="")) == []
    problem = _one(_supply(stage="MAGNET"))
    assert problem.message == "Leave Material empty on the Magnet stage: it counts tonnes of product."


# --- Demand --------------------------------------------------------------------------------------


def test_demand_years_outside_the_horizon_are_a_warning():
    plan = chain_plan(2025, 2030)
    plan.demand[0].values.update({2024: 900.0, 2031: 1100.0})
    problem = _one(plan)
    assert _place(problem) == ("Demand", 1, "2024", "", Severity.WARNING)
    assert problem.message == "Years 2024, 2031 are outside the plan horizon 2025-2030 and are ignored."


def test_gaps_in_a_segment_demand_are_a_warning():
    plan = chain_plan(2025, 2030)
    del plan.demand[0].values[2027]
    del plan.demand[0].values[2028]
    problem = _one(plan)
    assert _place(problem) == ("Demand", 1, "2027", "", Severity.WARNING)
    assert problem.message == "No demand is given for 2027, 2028; those years count as zero."


def test_negative_demand_is_refused():
    plan = chain_plan(2025, 2030)
    plan.demand[0].values[2026] = -5.0
    problem = _one(plan)
    assert _place(problem) == ("Demand", 1, "2026", "", Severity.ERROR)
    assert problem.message == "Demand must be 0 or more; it is -5."


def test_a_segment_twice_for_the_same_stage_is_a_warning_that_they_add_up():
    plan = chain_plan(2025, 2030)
    plan.demand.append(DemandRow(" ev ", values={y: 10.0 for y in range(2025, 2031)}))
    problem = _one(plan)
    assert _place(problem) == ("Demand", 2, "Segment", "", Severity.WARNING)
    assert problem.message == (
        "Segment ' ev ' already has a row for this stage and material (row 1); their demand is added up."
    )


def test_direct_demand_on_a_material_stage_names_its_material():
    plan = chain_plan(2025, 2030)
    plan.demand.append(DemandRow("Stockpile", "METAL", "", {2026: 50.0}))
    problem = _one(plan)
    assert (problem.table, problem.row, problem.field) == ("Demand", 2, "Material")
    assert problem.message == (
        "Material is required on the Metal stage: it counts tonnes per material, so name the material this "
        "demand is for."
    )


# --- Targets ----------------------------------------------------------------------------------------


def test_a_target_on_a_material_stage_names_its_material():
    plan = chain_plan()
    plan.targets.append(target("T-SEP", "SEP", Metric.CAPACITY, 1000, 2028))
    problem = _one(plan)
    assert _place(problem) == ("Targets", 1, "Material", "T-SEP", Severity.ERROR)
    assert problem.message == (
        "Material is required on the Separation stage: it counts tonnes per material, "
        "so name the material this target is for."
    )


def test_a_target_on_a_product_stage_leaves_material_empty():
    plan = chain_plan()
    plan.targets.append(target("T-MAG", "MAGNET", Metric.DOMESTIC_OUTPUT, 1000, 2028, material="NdPr"))
    assert _one(plan).message == "Leave Material empty on the Magnet stage: it counts tonnes of product."


def test_a_target_year_outside_the_horizon_is_a_warning():
    plan = chain_plan(2025, 2030)
    plan.targets.append(target("T-MAG", "MAGNET", Metric.CAPACITY, 1000, 2035))
    problem = _one(plan)
    assert _place(problem) == ("Targets", 1, "Year", "T-MAG", Severity.WARNING)
    assert problem.message == "Year 2035 is outside the plan horizon 2025-2030."


def test_a_self_sufficiency_threshold_above_100_percent_is_a_warning():
    plan = chain_plan()
    plan.targets.append(target("T-SS", "MAGNET", Metric.SELF_SUFFICIENCY, 150, 2028))
    problem = _one(plan)
    assert _place(problem) == ("Targets", 1, "Threshold", "T-SS", Severity.WARNING)
    assert (
        problem.message
        == "Self-sufficiency is a percent; a threshold of 150 is above 100 and can never be met."
    )


def test_a_self_sufficiency_threshold_written_as_a_fraction_is_a_warning():
    plan = chain_plan()
    plan.targets.append(target("T-SS", "MAGNET", Metric.SELF_SUFFICIENCY, 0.8, 2028))
    assert _one(plan).message == "Self-sufficiency is a percent: 0.8 means 0.8%, not 80%; write 80 for that."


# --- Scenarios -----------------------------------------------------------------------------------------


def test_a_scenario_cycle_is_one_error_naming_every_scenario_in_it():
    plan = _with_scenarios(scenario("BAN", "late"), scenario("FAST", "BAN"), scenario("LATE", "fast"))
    plan.scenarios.append(scenario("CHILD", "BAN"))  # leads into the cycle, is not part of it
    problem = _one(plan)
    assert _place(problem) == ("Scenarios", 2, "Parent", "BAN", Severity.ERROR)
    assert problem.message == (
        "Scenarios form a cycle through their parents: BAN -> LATE -> FAST -> BAN. "
        "Every scenario must lead back to a root."
    )


def test_a_scenario_cannot_be_its_own_parent():
    problem = _one(_with_scenarios(scenario("LOOP", "loop")))
    assert (problem.row, problem.message) == (
        2,
        "Scenarios form a cycle through their parents: LOOP -> LOOP. Every scenario must lead back to a root.",
    )


def test_a_scenario_id_cannot_hold_a_comma():
    problem = _one(_with_scenarios(scenario("BAN, LATE")))
    assert _place(problem) == ("Scenarios", 2, "Scenario ID", "BAN, LATE", Severity.ERROR)
    assert problem.message == (
        "Scenario ID 'BAN, LATE' contains a comma or semicolon, which separate the scenarios listed in a "
        "Scenarios cell; choose an ID without them."
    )


def test_a_parent_must_be_a_scenario():
    problem = _one(_with_scenarios(scenario("LATE", "BSAE")))
    assert (problem.row, problem.field) == (2, "Parent")
    assert problem.message == "'BSAE' is not a Scenario ID in Scenarios. Known: BASE, LATE."


# --- Overrides --------------------------------------------------------------------------------------------


def test_valid_overrides_of_every_kind_have_no_problems():
    plan = _with_scenarios(scenario("LATE", "BASE"))
    plan.supply.append(SupplySource("CN-DY", "China Dy", "China", "SEP", 500.0, False, "Dy"))
    for kind, target_id, value in [
        (OverrideKind.DELAY, "mag-1", -6.0),
        (OverrideKind.CAPACITY_FACTOR, "SEP-1", 0.5),
        (OverrideKind.CANCEL, "MET-1", True),
        (OverrideKind.STATUS, "ALY-1", Status.PLANNED),
        (OverrideKind.DEMAND_FACTOR, "", 1.2),
        (OverrideKind.DEMAND_FACTOR, "ev", 1.2),
        (OverrideKind.SUPPLY_FACTOR, "cn-dy", 0.0),
        (OverrideKind.SUPPLY_FACTOR, "china", 0.0),
        (OverrideKind.PERMITTING_FACTOR, "", 0.5),
        (OverrideKind.PERMITTING_FACTOR, "MINE-1", 0.5),
        (OverrideKind.RISK_FACTOR, "Planned", 0.6),
    ]:
        _override(kind, target_id, value, plan)
    assert validate(plan) == []


def test_a_facility_override_names_a_facility():
    problem = _one(_override(OverrideKind.DELAY, "MAG-9", 12.0))
    assert _place(problem) == ("Overrides", 1, "Target", "", Severity.ERROR)
    assert problem.message == "A 'delay' override needs a Facility ID; 'MAG-9' is not in Facilities."


def test_a_facility_override_with_an_empty_target_says_so():
    problem = _one(_override(OverrideKind.CANCEL, "", True))
    assert problem.message == "A 'cancel' override needs a Facility ID in Target; it is empty."


def test_a_demand_factor_names_a_demand_segment_or_nothing():
    problem = _one(_override(OverrideKind.DEMAND_FACTOR, "Wind", 1.5))
    assert (problem.field, problem.message) == (
        "Target",
        "A 'demand factor' override needs a demand Segment, or empty for all; 'Wind' is not a Demand segment.",
    )


def test_a_supply_factor_names_a_source_or_a_country():
    problem = _one(_override(OverrideKind.SUPPLY_FACTOR, "China", 0.0))
    assert problem.message == (
        "A 'supply factor' override needs a Source ID or a Country; 'China' is neither a Source ID "
        "nor the Country of a supply source."
    )


def test_a_permitting_factor_names_a_facility_or_nothing():
    problem = _one(_override(OverrideKind.PERMITTING_FACTOR, "SEP-9", 0.5))
    assert problem.message == (
        "A 'permitting factor' override needs a Facility ID, or empty for all facilities; "
        "'SEP-9' is not in Facilities."
    )


def test_a_risk_factor_names_a_status():
    problem = _one(_override(OverrideKind.RISK_FACTOR, "likely", 0.5))
    assert problem.message == (
        "A 'risk factor' override needs a status (operating, construction, financed, planned, proposed, "
        "cancelled) in Target; it is 'likely'."
    )


def test_a_risk_factor_is_between_zero_and_one():
    problem = _one(_override(OverrideKind.RISK_FACTOR, "planned", 1.5))
    assert (problem.field, problem.message) == (
        "Value",
        "A risk factor is a number from 0 to 1; it is '1.5'.",
    )


def test_a_yield_is_at_least_a_thousandth():
    """Requirements divide by yields: 1e-320 (above 0) overflowed them to infinity."""
    problem = _one(_edit(chain_plan(), "stages", 1, process_yield=1e-320))
    assert (problem.field, problem.message) == (
        "Yield",
        "Yield must be at least 0.001 (0.1%); it is 9.99989e-321, which would make the requirement "
        "upstream of it beyond any number.",
    )
    assert errors(_edit(chain_plan(), "stages", 1, process_yield=0.001)) == []


def test_a_multiplier_is_from_zero_to_a_thousand():
    problem = _one(_override(OverrideKind.CAPACITY_FACTOR, "SEP-1", -0.5))
    assert (problem.field, problem.message) == (
        "Value",
        "A capacity factor is a multiplier from 0 to 1,000; it is '-0.5'.",
    )
    # 1e308 made the engine's online dates infinite (found by the fuzz campaign).
    problem = _one(_override(OverrideKind.PERMITTING_FACTOR, "SEP-1", 1e308))
    assert problem.message == "A permitting factor is a multiplier from 0 to 1,000; it is '1e+308'."


def test_a_delay_is_a_number_of_months():
    problem = _one(_override(OverrideKind.DELAY, "SEP-1", Status.PLANNED))
    assert problem.message == (
        "A delay is a number of months from -1,200 to 1,200 (negative: earlier); it is 'planned'."
    )
    assert _one(_override(OverrideKind.DELAY, "SEP-1", 1e9)).field == "Value"


def test_a_status_override_value_is_a_status():
    problem = _one(_override(OverrideKind.STATUS, "SEP-1", 3.0))
    assert problem.message == (
        "A status override's Value is a status (operating, construction, financed, planned, proposed, "
        "cancelled); it is '3.0'."
    )


def test_an_empty_override_value_is_reported_once_as_required():
    problem = _one(_override(OverrideKind.DELAY, "SEP-1", None))
    assert (problem.field, problem.message) == ("Value", "Value is required.")


def test_an_override_for_an_unknown_scenario_is_named():
    plan = _with_scenarios()
    plan.overrides.append(Override("LAET", OverrideKind.CANCEL, True, "SEP-1"))
    problem = _one(plan)
    assert (problem.table, problem.row, problem.field) == ("Overrides", 1, "Scenario ID")
    assert problem.message == "'LAET' is not a Scenario ID in Scenarios. Known: BASE."
