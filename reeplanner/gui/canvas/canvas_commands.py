"""The plan edits the canvas makes, as undo commands named in the planner's words.

Moving a card to another lane changes the facility's stage by the rules of
``model.edits.stage_change``, the same as typing the stage into the Stage
cell or the inspector: Material cleared on a product stage, set on a
material stage that needs one, Feeds stage set on RECYCLE and cleared off
it; a mix cannot go to a product stage (refused, saying why). Drawing a
link adds a Links row from one card's facility to the other's.
"""

from __future__ import annotations

from dataclasses import dataclass

from reeplanner.gui.commands import EditCommand, InsertRowsCommand
from reeplanner.gui.document import PlanDocument
from reeplanner.model.edits import EditRefused, new_facility, prepare_edit
from reeplanner.model.enums import CapacityBasis
from reeplanner.model.ids import id_key
from reeplanner.model.records import Facility, Link, Stage


@dataclass(frozen=True, slots=True)
class CardMove:
    """A card dropped at (x, y) in the lane of ``stage`` (None: the lane of no known stage)."""

    index: int
    x: float
    y: float
    stage: Stage | None


def move_command(document: PlanDocument, moves: list[CardMove]) -> EditCommand | None:
    """One command for every card dropped; None when nothing changed. Raises ``EditRefused``."""
    plan = document.plan
    changes: list[tuple[int, str, object]] = []
    new_stage_name = ""
    for move in moves:
        fac = plan.facilities[move.index]
        if fac.x != move.x:
            changes.append((move.index, "x", move.x))
        if fac.y != move.y:
            changes.append((move.index, "y", move.y))
        if move.stage is not None and id_key(move.stage.id) != id_key(fac.stage):
            changes.append((move.index, "stage", move.stage.id))
            new_stage_name = move.stage.name or move.stage.id
    if not changes:
        return None
    edit = prepare_edit(plan, "facilities", changes)
    if len(moves) == 1:
        name = plan.facilities[moves[0].index].name
        text = f"Move {name} to {new_stage_name}" if new_stage_name else f"Move {name}"
    else:
        text = f"Move {len(moves)} facilities"
    return EditCommand(document, edit, text)


def add_facility_command(document: PlanDocument, stage: Stage, x: float, y: float) -> InsertRowsCommand:
    """A planned "New facility" (``model.edits.new_facility``) at the end of the Facilities table."""
    plan = document.plan
    facility = new_facility(plan, stage.id, x, y)
    text = f"Add facility to {stage.name or stage.id}"
    return InsertRowsCommand(document, "facilities", len(plan.facilities), [facility], text)


def link_command(document: PlanDocument, source: Facility, target: Facility) -> EditCommand:
    """A link drawn from ``source`` to ``target`` (for the source's material on a material stage).

    Raises ``EditRefused`` for a link to itself or one already drawn.
    """
    plan = document.plan
    if id_key(source.id) == id_key(target.id):
        raise EditRefused(f"A link joins two facilities; {source.name} cannot supply itself.")
    if any(
        id_key(k.from_facility) == id_key(source.id) and id_key(k.to_facility) == id_key(target.id)
        for k in plan.links
    ):
        raise EditRefused(f"{source.name} already supplies {target.name}: that link is drawn.")
    stage = next((s for s in plan.stages if id_key(s.id) == id_key(source.stage)), None)
    material = source.material if stage is not None and stage.basis is CapacityBasis.MATERIAL else ""
    edit = prepare_edit(plan, "links", [], [Link(source.id, target.id, material)])
    return EditCommand(document, edit, f"Link {source.name} to {target.name}")
