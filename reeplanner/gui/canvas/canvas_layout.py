"""Where lanes and cards go on the supply-chain canvas: pure geometry, no Qt.

Lanes are columns, upstream on the left: one per stage in chain order, with
RECYCLE (when the plan has it) as the last column, since recycling takes back
end-of-life magnets and feeds any stage. A facility's lane is its stage.

A facility's ``x``/``y`` are the top-left corner of its card in scene
coordinates. The column is decided by the stage, so a card is always drawn at
its lane's card column (``x`` is stored for the record but the stage wins);
``y`` is free below the lane header. Facilities without both ``x`` and ``y``
are stacked in their lane in plan order, in the first free slots.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reeplanner.model.ids import id_key
from reeplanner.model.records import Facility, Stage
from reeplanner.model.validation import RECYCLE_STAGE

# Sized with the canvas's fonts (``canvas_style``) so that, fitted across the width the default
# window gives the canvas at 1400x900, the smallest text is drawn at least 9 px high.
CARD_WIDTH = 204.0
CARD_HEIGHT = 116.0
CARD_GAP = 12.0  # vertical space between stacked cards
LANE_PADDING = 10.0  # between a lane's edge and its cards
LANE_GAP = 32.0  # between lanes: room for a link's arrow and its label
LANE_WIDTH = CARD_WIDTH + 2 * LANE_PADDING
LANE_PITCH = LANE_WIDTH + LANE_GAP
HEADER_HEIGHT = 172.0  # title, capacity, owner, and requirement / output / gap for three materials
CARDS_TOP = HEADER_HEIGHT + LANE_PADDING
MIN_SLOTS = 5  # lanes are at least this many cards tall, so an empty chain still reads as lanes
#: A dragged card joins another lane once its centre is this far past that lane's near edge (a quarter
#: of a lane: most of the way there); a drift sideways while moving a card up or down stays in its lane.
LANE_CHANGE_INSET = LANE_WIDTH / 4


@dataclass(frozen=True, slots=True)
class LaneGeometry:
    """A lane's column: where it starts and where its cards sit."""

    index: int
    left: float

    @property
    def card_x(self) -> float:
        return self.left + LANE_PADDING

    @property
    def centre_x(self) -> float:
        return self.left + LANE_WIDTH / 2


def lane_stages(stages: Sequence[Stage]) -> list[Stage]:
    """The stages in lane order: the chain by ``order``, RECYCLE last."""
    recycle = id_key(RECYCLE_STAGE)
    chain = sorted((s for s in stages if id_key(s.id) != recycle), key=lambda s: s.order)
    return chain + [s for s in stages if id_key(s.id) == recycle]


def lane_geometry(index: int) -> LaneGeometry:
    return LaneGeometry(index, index * LANE_PITCH)


def lane_index_at(x: float, lane_count: int) -> int:
    """The lane under scene ``x`` (a card is dropped in the lane under its centre)."""
    if lane_count <= 0:
        return 0
    return min(max(int((x + LANE_GAP / 2) // LANE_PITCH), 0), lane_count - 1)


def landing_lane(centre_x: float, own_lane: int, lane_count: int) -> int:
    """The lane a card dropped with its centre at scene ``centre_x`` lands in.

    Another lane when the centre is over it and at least ``LANE_CHANGE_INSET``
    past its edge nearer the card's own lane; anywhere else (its own lane, the
    gap between lanes, a drift sideways) the card stays in ``own_lane``.
    """
    for index in range(lane_count):
        left = lane_geometry(index).left
        right = left + LANE_WIDTH
        if index == own_lane or not left <= centre_x <= right:
            continue
        past_near_edge = (
            centre_x >= left + LANE_CHANGE_INSET
            if index > own_lane
            else centre_x <= right - LANE_CHANGE_INSET
        )
        if past_near_edge:
            return index
    return own_lane


def snapped_y(y: float) -> float:
    """A dropped card's ``y``: whole scene units, never over the lane header."""
    return float(round(max(y, CARDS_TOP)))


def slot_y(slot: int) -> float:
    return CARDS_TOP + slot * (CARD_HEIGHT + CARD_GAP)


def free_slot_ys(taken_ys: Iterable[float], count: int) -> list[float]:
    """``count`` stacking positions, top first, that overlap no card at ``taken_ys``."""
    taken = sorted(taken_ys)
    pitch = CARD_HEIGHT + CARD_GAP
    if not taken:  # the usual lane of a plan drawn by the canvas: slot after slot
        return [CARDS_TOP + slot * pitch for slot in range(count)]
    clearance = CARD_HEIGHT + CARD_GAP / 2
    found: list[float] = []
    slot = 0
    last = len(taken) - 1
    while len(found) < count:
        y = CARDS_TOP + slot * pitch
        nearest = bisect.bisect_left(taken, y)
        if (nearest == 0 or y - taken[nearest - 1] >= clearance) and (
            nearest > last or taken[nearest] - y >= clearance
        ):
            found.append(y)
        slot += 1
    return found


def has_position(facility: Facility) -> bool:
    return facility.x is not None and facility.y is not None


def card_positions(stages: Sequence[Stage], facilities: Sequence[Facility]) -> dict[str, tuple[float, float]]:
    """Top-left of every facility's card, by facility ID key.

    Stored positions keep their ``y``; the others are stacked in free slots of
    their lane in plan order. Facilities on an unknown stage go in an extra
    last lane (``len(lane_stages(stages))``), so nothing is lost from sight.
    """
    xs, ys = card_places(stages, facilities)
    return {id_key(fac.id): (x, y) for fac, x, y in zip(facilities, xs, ys, strict=True)}


def card_places(stages: Sequence[Stage], facilities: Sequence[Facility]) -> tuple[list[float], list[float]]:
    """``card_positions`` as two lists in plan order, ``x`` and ``y`` (cheap for 10,000 cards)."""
    lanes = {id_key(s.id): i for i, s in enumerate(lane_stages(stages))}
    extra = len(lanes)
    lane_of = [lanes.get(id_key(fac.stage), extra) for fac in facilities]
    xs = [lane_geometry(lane).card_x for lane in range(extra + 1)]
    card_xs = [xs[lane] for lane in lane_of]
    card_ys = [0.0] * len(facilities)
    unplaced: dict[int, list[int]] = {}
    taken: dict[int, list[float]] = {}
    for index, (fac, lane) in enumerate(zip(facilities, lane_of, strict=True)):
        if fac.x is not None and fac.y is not None:
            card_ys[index] = y = snapped_y(float(fac.y))
            taken.setdefault(lane, []).append(y)
        else:
            unplaced.setdefault(lane, []).append(index)
    for lane, indexes in unplaced.items():
        for index, y in zip(indexes, free_slot_ys(taken.get(lane, ()), len(indexes)), strict=True):
            card_ys[index] = y
    return card_xs, card_ys


def lowest_card_y(stages: Sequence[Stage], facilities: Sequence[Facility]) -> float | None:
    """The ``y`` of the lowest card ``card_positions`` would place, without placing every card.

    Tells a large plan's lane height (and so the canvas's extent, for fit to
    view) before its cards are made.
    """
    lanes = {id_key(s.id): i for i, s in enumerate(lane_stages(stages))}
    extra = len(lanes)
    placed: dict[int, list[float]] = {}
    unplaced: dict[int, int] = {}
    for fac in facilities:
        lane = lanes.get(id_key(fac.stage), extra)
        if fac.x is not None and fac.y is not None:
            placed.setdefault(lane, []).append(snapped_y(float(fac.y)))
        else:
            unplaced[lane] = unplaced.get(lane, 0) + 1
    lowest = [max(ys) for ys in placed.values()]
    for lane, count in unplaced.items():
        taken = placed.get(lane)
        lowest.append(free_slot_ys(taken, count)[-1] if taken else slot_y(count - 1))
    return max(lowest, default=None)


def next_free_position(lane: int, taken_ys: Iterable[float]) -> tuple[float, float]:
    """Where a new facility goes in ``lane``: its first free slot."""
    return lane_geometry(lane).card_x, free_slot_ys(taken_ys, 1)[0]


def lane_height(card_ys: Iterable[float]) -> float:
    """Height of every lane: enough for the lowest card, at least ``MIN_SLOTS`` cards."""
    lowest = max(card_ys, default=0.0)
    return max(lowest + CARD_HEIGHT, slot_y(MIN_SLOTS - 1) + CARD_HEIGHT) + LANE_PADDING
