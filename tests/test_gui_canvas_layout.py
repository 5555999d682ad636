"""Canvas geometry and the figures' wording, without widgets."""

from __future__ import annotations

import dataclasses

from reeplanner.gui.canvas import canvas_layout as layout
from reeplanner.gui.canvas.canvas_figures import money, tonnes
from reeplanner.gui.canvas.pending_cards import PendingCards
from reeplanner.model import CapacityBasis, Stage
from reeplanner.model.defaults import stages
from tests.builders import facility


def test_lanes_follow_the_chain_order_with_recycling_last():
    recycle = Stage("RECYCLE", "Recycling", 0, CapacityBasis.MATERIAL)
    shuffled = [stages()[3], recycle, stages()[0], stages()[4], stages()[1], stages()[2]]
    assert [s.id for s in layout.lane_stages(shuffled)] == [
        "MINE",
        "SEP",
        "METAL",
        "ALLOY",
        "MAGNET",
        "RECYCLE",
    ]


def test_facilities_without_a_position_stack_in_their_lane_in_plan_order():
    plan_facilities = [facility("M1", "MINE", 10), facility("S1", "SEP", 10), facility("M2", "MINE", 10)]
    positions = layout.card_positions(stages(), plan_facilities)
    first_slot = layout.CARDS_TOP
    second_slot = layout.CARDS_TOP + layout.CARD_HEIGHT + layout.CARD_GAP
    assert positions["m1"] == (layout.LANE_PADDING, first_slot)
    assert positions["m2"] == (layout.LANE_PADDING, second_slot)
    assert positions["s1"] == (layout.LANE_PITCH + layout.LANE_PADDING, first_slot)


def test_a_stored_position_keeps_its_height_and_stacked_cards_avoid_it():
    stored = dataclasses.replace(facility("M1", "MINE", 10), x=999.0, y=layout.CARDS_TOP + 3)
    positions = layout.card_positions(stages(), [stored, facility("M2", "MINE", 10)])
    # x follows the stage's lane (the stage wins), y is kept; M2 skips the first slot it would overlap.
    assert positions["m1"] == (layout.LANE_PADDING, layout.CARDS_TOP + 3)
    assert positions["m2"] == (layout.LANE_PADDING, layout.slot_y(1))


def test_a_facility_on_an_unknown_stage_goes_in_an_extra_last_lane():
    positions = layout.card_positions(stages(), [facility("X1", "SMELT", 10)])
    assert positions["x1"][0] == 5 * layout.LANE_PITCH + layout.LANE_PADDING


def test_a_drop_lands_in_the_lane_under_the_card_centre_and_never_over_the_header():
    assert layout.lane_index_at(layout.LANE_PITCH * 2 + 5, 5) == 2
    assert layout.lane_index_at(-300, 5) == 0
    assert layout.lane_index_at(layout.LANE_PITCH * 40, 5) == 4
    assert layout.snapped_y(3.4) == layout.CARDS_TOP
    assert layout.snapped_y(200.6) == 201.0


def test_lanes_are_tall_enough_for_the_lowest_card():
    assert layout.lane_height([1000.0]) == 1000 + layout.CARD_HEIGHT + layout.LANE_PADDING
    assert (
        layout.lane_height([])
        == layout.slot_y(layout.MIN_SLOTS - 1) + layout.CARD_HEIGHT + layout.LANE_PADDING
    )


def test_figures_read_as_planners_write_them():
    assert tonnes(12345.4) == "12,345 t/yr"
    assert tonnes(2.5) == "2.5 t/yr"
    assert tonnes(float("nan")) == "–"
    assert money(150, "USD million") == "$150M"
    assert money(12.5, "USD million") == "$12.5M"
    assert money(1200, "USD million") == "$1.2B"
    assert money(3000, "USD million") == "$3B"
    assert money(40, "EUR million") == "40 EUR million"


def test_the_lowest_card_is_known_before_the_cards_are_placed():
    placed = dataclasses.replace(facility("SEP-9", "SEP", 10), x=0.0, y=layout.slot_y(1) + 30)
    facilities = [facility(f"SEP-{i}", "SEP", 10) for i in range(4)] + [placed]
    facilities += [facility(f"MINE-{i}", "MINE", 10) for i in range(6)]
    facilities.append(dataclasses.replace(facility("MAG-1", "MAGNET", 10), x=0.0, y=900.0))
    positions = layout.card_positions(stages(), facilities)
    assert layout.lowest_card_y(stages(), facilities) == max(y for _x, y in positions.values())
    assert layout.lowest_card_y(stages(), facilities[:5]) == max(
        y for _x, y in layout.card_positions(stages(), facilities[:5]).values()
    )
    assert layout.lowest_card_y(stages(), []) is None


def test_cards_in_sight_are_made_first():
    xs = [(row % 3) * 300.0 for row in range(30)]  # three lanes
    ys = [(row // 3) * 100.0 for row in range(30)]  # ten rows
    pending = PendingCards(xs, ys)
    sight = (0.0, 250.0, 500.0, 450.0)  # the first two lanes, rows 3 and 4 (and row 2 peeking in)
    assert pending.any_in([sight])
    assert sorted(pending.take_in([sight])) == [6, 7, 9, 10, 12, 13]
    assert not pending.any_in([sight])
    assert sorted(pending.take(3)) == [0, 1, 2]  # then from the top
    assert len(pending) == 30 - 6 - 3
    assert len(pending.take_all()) == 21 and not pending
