"""The edit rules every view applies: renames that every reference follows, the stage-change rules,
follow-ups (an override's Kind, a funding line's Instrument), refusals with validation's sentence,
and the rows a planner gets from Add Row."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reeplanner.model import (
    CompositionShare,
    DemandRow,
    Link,
    Override,
    OverrideKind,
    PriceFloor,
    PriceRow,
    Stage,
    Status,
    SupplySource,
)
from reeplanner.model.edits import (
    EditRefused,
    apply_edit,
    new_facility,
    prepare_edit,
    references_to,
    undo_edit,
    unique_id,
)
from reeplanner.model.new_rows import RowContext, new_records
from reeplanner.model.schema import TABLES
from reeplanner.model.validation import table_problems, validate
from tests.builders import chain_plan, funding, scenario
from tests.strategies import plans


def edit(plan, table, changes, added=None):
    """Prepare and apply an edit as the views do; returns the undo log."""
    return apply_edit(plan, prepare_edit(plan, table, changes, added))


def rename(plan, table, index, new_id):
    attr = "id" if table != "demand" else "segment"
    return edit(plan, table, [(index, attr, new_id)])


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


# -- renames ----------------------------------------------------------------------------


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
    original = plan.copy()

    undo = rename(plan, "facilities", 1, "SEP-EAST")

    assert plan.composition[0].facility == "SEP-EAST"
    assert plan.links[0].to_facility == "SEP-EAST"
    assert plan.funding[0].facility == "SEP-EAST"
    assert [o.target for o in plan.overrides] == ["SEP-EAST", "SEP-1", "SEP-EAST"]
    undo_edit(plan, undo)
    assert plan == original


def test_renaming_a_supply_source_renames_only_supply_factors():
    plan = _plan_naming_sep1_everywhere()
    rename(plan, "supply", 0, "CA-NDPR")
    assert [o.target for o in plan.overrides] == ["Sep-1", "CA-NDPR", "SEP-1"]


def test_renaming_a_scenario_renames_parents_lists_overrides_prices_floors_and_the_base_scenario():
    plan = chain_plan()
    plan.base_scenario = "base"
    plan.scenarios.append(scenario("LATE", "Base"))
    plan.facilities[0] = dataclasses.replace(plan.facilities[0], scenarios=("BASE", "LATE"))
    plan.funding = [funding("F1", 10, "SEP-1", scenarios=("base",))]
    plan.overrides = [Override("BASE", OverrideKind.DEMAND_FACTOR, 1.1)]
    plan.prices = [PriceRow("NdPr", "BASE", values={2026: 60.0})]
    plan.price_floors = [PriceFloor("PF", "SEP-1", "NdPr", 110.0, 2026, 2030, "DOD-IBP", scenarios=("BASE",))]

    rename(plan, "scenarios", 0, "REFERENCE")

    assert plan.base_scenario == "REFERENCE"
    assert plan.scenarios[1].parent == "REFERENCE"
    assert plan.facilities[0].scenarios == ("REFERENCE", "LATE")
    assert plan.funding[0].scenarios == ("REFERENCE",)
    assert plan.overrides[0].scenario == "REFERENCE"
    assert plan.prices[0].scenario == "REFERENCE"
    assert plan.price_floors[0].scenarios == ("REFERENCE",)


def test_renaming_a_stage_renames_facilities_feeds_stages_targets_supply_and_demand_meaning_it():
    plan = chain_plan()
    plan.stages.append(Stage("RECYCLE", "Recycling", 6))
    plan.facilities.append(
        dataclasses.replace(plan.facilities[0], id="REC-1", stage="RECYCLE", feeds_stage="MAGNET")
    )
    plan.demand = [DemandRow("EV", values={2026: 100.0})]  # an empty Stage means MAGNET

    rename(plan, "stages", 4, "SINTER")

    assert plan.facilities[4].stage == "SINTER"
    assert plan.facilities[5].feeds_stage == "SINTER"
    assert plan.demand[0].stage == "SINTER"  # it meant MAGNET: it still names that stage
    assert [p for p in validate(plan) if p.is_error] == []


def test_renaming_an_agency_and_a_material_follows_funding_owners_floors_and_prices():
    plan = chain_plan()
    plan.stages[1] = dataclasses.replace(plan.stages[1], owner_agency="DOE")
    plan.funding = [funding("F1", 10, "SEP-1", agency="DOE", instrument="LPO")]
    plan.prices = [PriceRow("NdPr", values={2026: 60.0})]
    plan.price_floors = [PriceFloor("PF", "SEP-1", "NdPr", 110.0, 2026, 2030, "DOE")]

    rename(plan, "agencies", 2, "ENERGY")
    rename(plan, "materials", 0, "NDPR-OXIDE")

    assert (plan.stages[1].owner_agency, plan.funding[0].agency, plan.price_floors[0].agency) == (
        "ENERGY",
    ) * 3
    assert plan.facilities[0].material == plan.prices[0].material == "NDPR-OXIDE"
    assert plan.price_floors[0].material == "NDPR-OXIDE"


def test_renaming_a_demand_segment_renames_its_demand_factors_unless_another_row_keeps_it():
    plan = chain_plan()
    plan.demand = [DemandRow("EV"), DemandRow("EV", material="NdPr", stage="SEP"), DemandRow("Wind")]
    plan.overrides = [
        Override("BASE", OverrideKind.DEMAND_FACTOR, 1.2, "EV"),
        Override("BASE", OverrideKind.DEMAND_FACTOR, 1.1, "wind"),
    ]
    rename(plan, "demand", 0, "Electric vehicles")  # row 2 still says EV
    rename(plan, "demand", 2, "Wind power")
    assert [o.target for o in plan.overrides] == ["EV", "Wind power"]


def test_two_ids_can_swap_in_one_edit():
    plan = chain_plan()
    plan.links = [Link("MINE-1", "SEP-1")]
    edit(plan, "facilities", [(0, "id", "SEP-1"), (1, "id", "MINE-1")])
    assert [f.id for f in plan.facilities[:2]] == ["SEP-1", "MINE-1"]
    assert (plan.links[0].from_facility, plan.links[0].to_facility) == ("SEP-1", "MINE-1")


def test_a_duplicate_id_is_refused_naming_the_row_that_has_it():
    plan = chain_plan()
    with pytest.raises(EditRefused) as refused:
        rename(plan, "facilities", 4, "mine-1")
    assert str(refused.value) == (
        "Facility ID 'mine-1' is already used by row 1 (Mine-1); IDs must be unique, ignoring case and "
        "spaces at both ends."
    )
    assert plan == chain_plan()


def test_a_new_id_is_the_stem_or_the_next_free_number():
    plan = chain_plan()
    assert unique_id(plan, "facilities", "new plant") == "NEW-PLANT"
    assert unique_id(plan, "facilities", "mine-1") == "MINE-1-2"


# -- refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "index", "attr", "value", "sentence"),
    [
        ("facilities", 0, "capacity", -5.0, "Capacity must be at least 0; it is -5."),
        ("facilities", 0, "permitting_months", -5.0, "Permitting months must be at least 0; it is -5."),
        (
            "facilities",
            0,
            "stage",
            "SMELTER",
            "'SMELTER' is not a Stage ID in Stages. Known: MINE, SEP, METAL, ALLOY, MAGNET.",
        ),
        (
            "facilities",
            4,
            "material",
            "NdPr",
            "Leave Material empty on the Magnet stage: its capacity is tonnes of product.",
        ),
        (
            "facilities",
            0,
            "feeds_stage",
            "SEP",
            "Only recycling facilities feed another stage; leave Feeds stage empty.",
        ),
        (
            "facilities",
            0,
            "country",
            "Atlantis",
            "Country 'Atlantis' is not a country REE Planner recognises; write an ISO 3166 code (CN, US, JP) or an English name (China, United States, Japan).",
        ),
        ("facilities", 0, "name", "", "Name is required."),
        (
            "scenarios",
            0,
            "parent",
            "BASE",
            "Scenarios form a cycle through their parents: BASE -> BASE. Every scenario must lead back to a root.",
        ),
        ("plan", 0, "end_year", 2100, "End year 2100 is more than 60 years after Start year 2025."),
    ],
)
def test_a_value_validation_calls_an_error_is_refused_with_its_sentence(table, index, attr, value, sentence):
    plan = chain_plan()
    with pytest.raises(EditRefused) as refused:
        prepare_edit(plan, table, [(index, attr, value)])
    assert str(refused.value) == sentence


def test_an_error_a_row_had_before_does_not_block_editing_it():
    plan = chain_plan()
    plan.facilities[0] = dataclasses.replace(plan.facilities[0], stage="GONE")  # a half-imported plan
    edit(plan, "facilities", [(0, "capacity", 1200.0)])
    assert plan.facilities[0].capacity == 1200.0


def test_errors_left_in_other_tables_by_a_structural_change_are_the_planners_choice():
    plan = chain_plan()
    plan.stages = [s for s in plan.stages if s.id != "MAGNET"]  # to be added back, say
    edit(plan, "stages", [(1, "basis", "material")])  # another table's errors stay listed, not refused
    assert any(p.table == "Facilities" and p.is_error for p in validate(plan))


@settings(max_examples=25, deadline=None)
@given(plan=plans(max_facilities=8), data=st.data())
def test_table_problems_of_a_row_are_those_validate_puts_on_it(plan, data):
    plan.facilities = [
        dataclasses.replace(f, capacity=-1.0) if i % 2 else f for i, f in enumerate(plan.facilities)
    ]
    found = validate(plan)
    for table in TABLES:
        rows = getattr(plan, table.attr)
        if not rows:
            continue
        row = data.draw(st.integers(0, len(rows) - 1))
        expected = [p for p in found if p.table == table.sheet and p.index == row]
        assert sorted(map(str, table_problems(plan, table.attr, {row}))) == sorted(map(str, expected))


# -- a facility's stage ----------------------------------------------------------------------


def test_onto_a_product_stage_material_is_cleared_and_said():
    plan = chain_plan()
    prepared = prepare_edit(plan, "facilities", [(1, "stage", "ALLOY")])
    assert prepared.changes == [(1, "stage", "ALLOY"), (1, "material", "")]
    assert prepared.notes == ["Sep-1 now counts tonnes of product on Alloy; its Material was cleared."]


def test_a_mix_cannot_go_to_a_product_stage():
    plan = chain_plan()
    plan.composition = [CompositionShare("MINE-1", "NdPr", 0.8)]
    plan.facilities[0] = dataclasses.replace(plan.facilities[0], material="")
    with pytest.raises(EditRefused, match="Mine-1 has Composition rows .* cannot move to Magnet"):
        prepare_edit(plan, "facilities", [(0, "stage", "MAGNET")])


def test_onto_a_material_stage_a_product_plant_gets_the_first_material():
    plan = chain_plan()
    prepared = prepare_edit(plan, "facilities", [(4, "stage", "METAL")])
    assert prepared.changes == [(4, "stage", "METAL"), (4, "material", "NdPr")]


def test_onto_recycle_a_facility_feeds_the_stage_it_left_and_off_it_stops():
    plan = chain_plan()
    plan.stages.append(Stage("RECYCLE", "Recycling", 6))
    edit(plan, "facilities", [(2, "stage", "RECYCLE")])
    assert (plan.facilities[2].stage, plan.facilities[2].feeds_stage) == ("RECYCLE", "METAL")
    edit(plan, "facilities", [(2, "stage", "SEP")])
    assert (plan.facilities[2].stage, plan.facilities[2].feeds_stage) == ("SEP", "")


def test_a_material_asked_for_with_the_stage_wins_over_the_rule():
    plan = chain_plan()
    prepared = prepare_edit(plan, "facilities", [(4, "stage", "METAL"), (4, "material", "Dy")])
    assert prepared.changes == [(4, "stage", "METAL"), (4, "material", "Dy")]


def test_a_new_facility_is_planned_valid_and_on_its_stage():
    plan = chain_plan()
    plan.stages.append(Stage("RECYCLE", "Recycling", 6))
    sep = new_facility(plan, "SEP", 10.0, 20.0)
    assert (sep.id, sep.name, sep.stage, sep.status, sep.material, sep.x, sep.y) == (
        "SEP-NEW",
        "New facility",
        "SEP",
        Status.PLANNED,
        "NdPr",
        10.0,
        20.0,
    )
    assert new_facility(plan, "MAGNET").material == ""
    assert new_facility(plan, "RECYCLE").feeds_stage == "SEP"
    assert new_facility(plan).stage == "MINE"
    for fac in (sep, new_facility(plan, "MAGNET"), new_facility(plan, "RECYCLE")):
        plan.facilities.append(fac)
    assert [p for p in validate(plan) if p.is_error] == []


# -- other follow-ups --------------------------------------------------------------------------


def test_an_override_of_another_kind_gets_a_target_and_value_that_kind_takes():
    plan = chain_plan()
    plan.overrides = [Override("BASE", OverrideKind.DELAY, 12.0, "SEP-1")]
    edit(plan, "overrides", [(0, "kind", OverrideKind.CANCEL)])  # the facility stays, the value is yes
    assert (plan.overrides[0].target, plan.overrides[0].value) == ("SEP-1", True)
    edit(plan, "overrides", [(0, "kind", OverrideKind.RISK_FACTOR)])  # a status; its default factor
    assert (plan.overrides[0].target, plan.overrides[0].value) == ("proposed", 0.25)
    edit(plan, "overrides", [(0, "kind", OverrideKind.DEMAND_FACTOR)])  # every segment; 0.25 is a factor
    assert (plan.overrides[0].target, plan.overrides[0].value) == ("", 0.25)


@pytest.mark.parametrize(
    ("instrument", "agency"),
    [
        ("LPO", "DOE"),
        ("DPA3", "DOD-IBP"),
        ("IBAS", "DOD-IBP"),
        ("MCEIP", "DOD-IBP"),
        ("OSC", "DOD-OSC"),
        ("CHIPS", "DOC"),
    ],
)
def test_an_instrument_brings_its_usual_agency(instrument, agency):
    plan = chain_plan()
    plan.funding = [funding("F1", 10, "SEP-1", agency="DOD-IBP", instrument="IBAS")]
    prepared = prepare_edit(plan, "funding", [(0, "instrument", instrument)])
    apply_edit(plan, prepared)
    assert plan.funding[0].agency == agency


def test_an_agency_the_planner_chose_stays_and_the_mismatch_is_a_warning():
    plan = chain_plan()
    plan.funding = [funding("F1", 10, "SEP-1", agency="DOC", instrument="DPA3")]  # co-funded, say
    edit(plan, "funding", [(0, "instrument", "LPO")])
    assert plan.funding[0].agency == "DOC"
    (problem,) = [p for p in validate(plan) if p.table == "Funding"]
    assert not problem.is_error
    assert problem.field == "Agency"
    assert (
        problem.message
        == "LPO is usually given by DOE, not DOC; check the Agency (a line another agency co-funds is fine)."
    )


# -- new rows ----------------------------------------------------------------------------------


def test_a_new_override_belongs_to_the_scenario_shown_and_delays_the_selected_facility_by_nothing():
    plan = chain_plan()
    plan.scenarios += [scenario("BAN", "BASE"), scenario("LATE", "BASE")]
    (override,) = new_records(plan, "overrides", 1, RowContext("late", 2))
    assert override == Override("LATE", OverrideKind.DELAY, 0.0, "MET-1")


def test_a_new_link_goes_from_the_selected_facility_to_one_of_the_next_stage():
    plan = chain_plan()
    plan.facilities.append(dataclasses.replace(plan.facilities[2], id="MET-2"))
    plan.links = [Link("SEP-1", "MET-1")]
    (link,) = new_records(plan, "links", 1, RowContext("BASE", 1))
    assert (link.from_facility, link.to_facility, link.material) == ("SEP-1", "MET-2", "NdPr")
    (first,) = new_records(plan, "links", 1, RowContext("BASE", None))
    assert (first.from_facility, first.to_facility) == ("MINE-1", "SEP-1")


def test_a_new_funding_line_is_for_the_selected_facility_with_its_instruments_usual_agency():
    plan = chain_plan()
    (line,) = new_records(plan, "funding", 1, RowContext("BASE", 1))
    assert (line.facility, line.instrument, line.agency) == ("SEP-1", "DPA3", "DOD-IBP")


def test_every_new_row_passes_validation_where_the_plan_allows():
    plan = chain_plan()
    for table in TABLES:
        if table.attr in ("prices", "price_floors", "schedule_risk"):
            continue  # no Add Row default: pasted or typed whole
        plan = chain_plan()
        getattr(plan, table.attr).extend(new_records(plan, table.attr, 2, RowContext("BASE", 0)))
        assert [p for p in validate(plan) if p.is_error] == [], table.sheet
