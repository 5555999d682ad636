"""The plan edits the canvas makes, as undo commands named in the planner's words.

Moving a card to another lane changes the facility's stage and keeps the row
valid: a facility arriving on a product stage loses its material (capacity
there is tonnes of product); one arriving on a material stage without a
material gets the plan's first material; one arriving in RECYCLE feeds the
stage it came from, and one leaving RECYCLE stops feeding. A facility with
Composition rows cannot go to a product stage (its shares would be
meaningless there): that move is refused with a sentence saying why.
"""

from __future__ import annotations

from dataclasses import dataclass

from reeplanner.gui.commands import InsertRowsCommand, SetFieldsCommand
from reeplanner.gui.document import PlanDocument
from reeplanner.model.edits import unique_id
from reeplanner.model.enums import CapacityBasis, Status
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan
from reeplanner.model.records import Facility, Stage
from reeplanner.model.validation import RECYCLE_STAGE


@dataclass(frozen=True, slots=True)
class CardMove:
    """A card dropped at (x, y) in the lane of ``stage`` (None: the lane of no known stage)."""

    index: int
    x: float
    y: float
    stage: Stage | None


class MoveRefused(Exception):
    """A drop the canvas will not turn into an edit; the message says why."""


def move_command(document: PlanDocument, moves: list[CardMove]) -> SetFieldsCommand | None:
    """One command for every card dropped; None when nothing changed. Raises MoveRefused."""
    plan = document.plan
    with_composition = {id_key(c.facility) for c in plan.composition}
    changes: list[tuple[int, str, object]] = []
    new_stage_name = ""
    for move in moves:
        fac = plan.facilities[move.index]
        if fac.x != move.x:
            changes.append((move.index, "x", move.x))
        if fac.y != move.y:
            changes.append((move.index, "y", move.y))
        if move.stage is None or id_key(move.stage.id) == id_key(fac.stage):
            continue
        changes += _stage_changes(plan, move.index, fac, move.stage, id_key(fac.id) in with_composition)
        new_stage_name = move.stage.name or move.stage.id
    if not changes:
        return None
    if len(moves) == 1:
        name = plan.facilities[moves[0].index].name
        text = f"Move {name} to {new_stage_name}" if new_stage_name else f"Move {name}"
    else:
        text = f"Move {len(moves)} facilities"
    return SetFieldsCommand(document, "facilities", changes, text)


def _stage_changes(
    plan: Plan, index: int, fac: Facility, stage: Stage, has_composition: bool
) -> list[tuple[int, str, object]]:
    recycle = id_key(RECYCLE_STAGE)
    changes: list[tuple[int, str, object]] = [(index, "stage", stage.id)]
    if stage.basis is CapacityBasis.PRODUCT:
        if has_composition:
            raise MoveRefused(
                f"{fac.name} has Composition rows (a mix of materials), so it cannot move to "
                f"{stage.name}, where capacity is tonnes of product. Remove its Composition rows first."
            )
        if fac.material:
            changes.append((index, "material", ""))
    elif not fac.material and not has_composition and plan.materials:
        changes.append((index, "material", plan.materials[0].id))
    if id_key(stage.id) == recycle and id_key(fac.stage) != recycle:
        changes.append((index, "feeds_stage", fac.stage))
    elif id_key(stage.id) != recycle and fac.feeds_stage:
        changes.append((index, "feeds_stage", ""))
    return changes


def add_facility_command(document: PlanDocument, stage: Stage, x: float, y: float) -> InsertRowsCommand:
    """A planned facility called "New facility" at the end of the Facilities table."""
    plan = document.plan
    recycle = id_key(stage.id) == id_key(RECYCLE_STAGE)
    material = plan.materials[0].id if stage.basis is CapacityBasis.MATERIAL and plan.materials else ""
    feeds = ""
    if recycle:
        chain = [s for s in plan.stages if id_key(s.id) != id_key(RECYCLE_STAGE)]
        feeds = min(chain, key=lambda s: s.order).id if chain else ""
    facility = Facility(
        id=unique_id(plan, "facilities", f"{stage.id}-NEW"),
        name="New facility",
        stage=stage.id,
        status=Status.PLANNED,
        capacity=0.0,
        material=material,
        feeds_stage=feeds,
        x=x,
        y=y,
    )
    text = f"Add facility to {stage.name or stage.id}"
    return InsertRowsCommand(document, "facilities", len(plan.facilities), [facility], text)
