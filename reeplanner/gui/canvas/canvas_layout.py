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

CARD_WIDTH = 204.0
CARD_HEIGHT = 88.0
CARD_GAP = 12.0  # vertical space between stacked cards
LANE_PADDING = 12.0  # between a lane's edge and its cards
LANE_GAP = 40.0  # between lanes: room for a link's arrow and its label
LANE_WIDTH = CARD_WIDTH + 2 * LANE_PADDING
LANE_PITCH = LANE_WIDTH + LANE_GAP
HEADER_HEIGHT = 78.0
CARDS_TOP = HEADER_HEIGHT + LANE_PADDING
MIN_SLOTS = 5  # lanes are at least this many cards tall, so an empty chain still reads as lanes


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


def snapped_y(y: float) -> float:
    """A dropped card's ``y``: whole scene units, never over the lane header."""
    return float(round(max(y, CARDS_TOP)))


def slot_y(slot: int) -> float:
    return CARDS_TOP + slot * (CARD_HEIGHT + CARD_GAP)


def free_slot_ys(taken_ys: Iterable[float], count: int) -> list[float]:
    """``count`` stacking positions, top first, that overlap no card at ``taken_ys``."""
    taken = sorted(taken_ys)
    clearance = CARD_HEIGHT + CARD_GAP / 2
    found: list[float] = []
    slot = 0
    while len(found) < count:
        y = slot_y(slot)
        nearest = bisect.bisect_left(taken, y)
        neighbours = taken[max(nearest - 1, 0) : nearest + 1]
        if all(abs(y - t) >= clearance for t in neighbours):
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
    lanes = {id_key(s.id): i for i, s in enumerate(lane_stages(stages))}
    extra = len(lanes)
    by_lane: dict[int, list[Facility]] = {}
    for fac in facilities:
        by_lane.setdefault(lanes.get(id_key(fac.stage), extra), []).append(fac)
    positions: dict[str, tuple[float, float]] = {}
    for lane, members in by_lane.items():
        x = lane_geometry(lane).card_x
        placed = [f for f in members if has_position(f)]
        unplaced = [f for f in members if not has_position(f)]
        for fac in placed:
            positions[id_key(fac.id)] = (x, snapped_y(float(fac.y)))  # type: ignore[arg-type]
        ys = free_slot_ys((positions[id_key(f.id)][1] for f in placed), len(unplaced))
        for fac, y in zip(unplaced, ys, strict=True):
            positions[id_key(fac.id)] = (x, y)
    return positions


def next_free_position(lane: int, taken_ys: Iterable[float]) -> tuple[float, float]:
    """Where a new facility goes in ``lane``: its first free slot."""
    return lane_geometry(lane).card_x, free_slot_ys(taken_ys, 1)[0]


def lane_height(card_ys: Iterable[float]) -> float:
    """Height of every lane: enough for the lowest card, at least ``MIN_SLOTS`` cards."""
    lowest = max(card_ys, default=0.0)
    return max(lowest + CARD_HEIGHT, slot_y(MIN_SLOTS - 1) + CARD_HEIGHT) + LANE_PADDING
