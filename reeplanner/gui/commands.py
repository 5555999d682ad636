"""Every change the GUI makes to a plan: undoable commands over ``model.edits``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from reeplanner.model import edits
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan

if TYPE_CHECKING:
    from reeplanner.gui.document import PlanDocument


class PlanCommand(QUndoCommand):
    """Base: knows its document and tells it which table changed."""

    def __init__(self, document: PlanDocument, text: str, table: str) -> None:
        super().__init__(text)
        self.document = document
        self.table = table

    def _changed(self) -> None:
        self.document.notify_changed(self.table)


class EditCommand(PlanCommand):
    """An edit made by ``model.edits.prepare_edit``: cells of one table, the rows it adds, and the
    references that follow a renamed ID, all in one undo step. Undo puts back each cell it changed."""

    def __init__(self, document: PlanDocument, edit: edits.Edit, text: str) -> None:
        super().__init__(document, text, edit.table)
        self.edit = edit
        self.log: list[edits.LogEntry] = []

    def redo(self) -> None:
        self.log = edits.apply_edit(self.document.plan, self.edit)
        self._notify()

    def undo(self) -> None:
        edits.undo_edit(self.document.plan, self.log)
        self._notify()

    def _notify(self) -> None:
        """Each table that changed, the edited one first (a renamed facility's card, then its arrows)."""
        tables = [self.table]
        for _action, table, _index, _attr, _old in self.log:
            if table not in tables:
                tables.append(table)
        for table in tables:
            self.document.notify_changed(table)


class SetFieldCommand(EditCommand):
    """One cell set as given, without the rules ``prepare_edit`` applies (for a value already decided,
    e.g. by a script, a benchmark or a test setting up a plan with a problem)."""

    def __init__(self, document: PlanDocument, table: str, index: int, attr: str, value: object, text: str):
        super().__init__(document, edits.Edit(table, [(index, attr, value)]), text)


class InsertRowsCommand(PlanCommand):
    """Insert records at an index (in order)."""

    def __init__(
        self, document: PlanDocument, table: str, index: int, records: list[object], text: str
    ) -> None:
        super().__init__(document, text, table)
        self.index, self.records = index, list(records)

    def redo(self) -> None:
        for offset, rec in enumerate(self.records):
            edits.insert_row(self.document.plan, self.table, self.index + offset, rec)
        self._changed()

    def undo(self) -> None:
        for _ in self.records:
            edits.remove_row(self.document.plan, self.table, self.index)
        self._changed()


class RemoveRowsCommand(PlanCommand):
    """Remove rows by index; undo puts each back where it was."""

    def __init__(self, document: PlanDocument, table: str, indexes: list[int], text: str) -> None:
        super().__init__(document, text, table)
        self.indexes = sorted(set(indexes))
        self.removed: list[object] = []

    def redo(self) -> None:
        self.removed = [edits.remove_row(self.document.plan, self.table, i) for i in reversed(self.indexes)]
        self.removed.reverse()
        self._changed()

    def undo(self) -> None:
        for i, rec in zip(self.indexes, self.removed, strict=True):
            edits.insert_row(self.document.plan, self.table, i, rec)
        self._changed()


class ReplacePlanCommand(PlanCommand):
    """Swap in a whole plan (an import into the open document, a revert)."""

    def __init__(self, document: PlanDocument, plan: Plan, text: str) -> None:
        super().__init__(document, text, "*")
        self.new_plan = plan
        self.old_plan: Plan | None = None

    def redo(self) -> None:
        self.old_plan = self.document.plan
        self.document.set_plan_silently(self.new_plan)
        self._changed()

    def undo(self) -> None:
        assert self.old_plan is not None
        self.document.set_plan_silently(self.old_plan)
        self._changed()


def delete_facilities(document: PlanDocument, indexes: list[int], text: str = "") -> None:
    """Delete facilities and the links drawn from or to them, as one undo step named ``text``
    (by default "Delete <name>" or "Delete N facilities"), from the canvas or the table alike.

    Funding lines and other rows that name a deleted facility stay, so no
    money disappears silently; the problems panel lists them.
    """
    plan = document.plan
    indexes = sorted(set(indexes))
    if not indexes:
        return
    gone = {id_key(plan.facilities[i].id) for i in indexes}
    links = [
        i
        for i, link in enumerate(plan.links)
        if id_key(link.from_facility) in gone or id_key(link.to_facility) in gone
    ]
    if not text:
        text = (
            f"Delete {plan.facilities[indexes[0]].name}"
            if len(indexes) == 1
            else f"Delete {len(indexes)} facilities"
        )
    stack = document.undo_stack
    stack.beginMacro(text)
    if links:
        document.push(RemoveRowsCommand(document, "links", links, f"Delete {len(links)} links"))
    document.push(RemoveRowsCommand(document, "facilities", indexes, text))
    stack.endMacro()
