"""One plan table as a Qt model: columns from the schema, edits as undoable commands.

The model keeps its own list of the table's records (records are immutable,
so a reference is a snapshot). Another plan (opened, imported, reverted)
resets the model. When the document says the table changed it compares that
list with the plan's by identity: same length means only the changed cells
are repainted (``dataChanged`` for each run of changed rows, over the
columns that changed); a block of rows added or removed is inserted or
removed as such; anything else resets the model. A 1,000-row table's edit
thus costs a pass over 1,000 references. New problems repaint only the rows
whose problems changed, naming the roles, so a sorted or filtered view does
not sort or filter again.

Painting asks for every role of every cell shown: ``data`` answers the roles
it does not serve before touching the row, and the view's proxy reads cells
through ``cell_data``, without a round trip through Qt.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from reeplanner.gui.commands import EditCommand, InsertRowsCommand
from reeplanner.gui.tables import cell_edits
from reeplanner.model.cells import CellError
from reeplanner.model.edits import EditRefused, follow_ups, prepare_edit
from reeplanner.model.new_rows import new_records
from reeplanner.model.problems import Severity
from reeplanner.model.schema import Column, Kind, Table

if TYPE_CHECKING:
    from reeplanner.gui.document import PlanDocument

COLUMN_ROLE = Qt.ItemDataRole.UserRole + 1  # the schema Column of the cell
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2  # the typed value in the cell
SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # what sorting compares

ERROR_TINT = QColor(255, 205, 205)
WARNING_TINT = QColor(255, 236, 179)
TINTED_TEXT = QColor(30, 30, 30)  # dark text on the light tints, whatever the palette (dark too)
NUMERIC_KINDS = (Kind.NUMBER, Kind.SHARE, Kind.INT, Kind.YEAR)

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
SERVED_ROLES = frozenset(
    {_DISPLAY, _EDIT, _ALIGNMENT, _BACKGROUND, _FOREGROUND, _TOOLTIP, VALUE_ROLE, COLUMN_ROLE, SORT_ROLE}
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
EDITABLE_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsEditable
_PROBLEM_ROLES = [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole]

AnyIndex = QModelIndex | QPersistentModelIndex


class PlanTableModel(QAbstractTableModel):
    """The rows of one plan table (``table.attr`` of the plan), one column per schema column."""

    edit_refused = Signal(QModelIndex, str)  # the cell, the sentence saying why

    def __init__(self, document: PlanDocument, table: Table, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self.table = table
        self._plan = document.plan  # another plan (opened, replaced) resets the model
        self._rows: list[object] = list(getattr(document.plan, table.attr))
        self._columns: list[Column] = self._make_columns()
        self._problems: dict[tuple[int, str], tuple[Severity, list[str]]] = {}
        self._load_problems()
        document.plan_changed.connect(self._on_document_plan_changed)
        document.results_changed.connect(self._on_document_results_changed)

    # -- what subclasses change ---------------------------------------------

    def _make_columns(self) -> list[Column]:
        return list(self.table.columns)

    def _refresh_tables(self) -> set[str]:
        """The ``plan_changed`` names this model listens to."""
        return {self.table.attr, "*"}

    # -- reading ------------------------------------------------------------

    def column(self, col: int) -> Column:
        return self._columns[col]

    def column_index(self, header: str) -> int:
        """The column headed ``header`` (without unit), or -1."""
        wanted = header.strip().casefold()
        return next((i for i, c in enumerate(self._columns) if c.header.casefold() == wanted), -1)

    def record(self, row: int) -> object:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_edits.header_text(column, self.document.plan)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = column.help or column.header
            return f"{tip} (required)" if column.required else tip
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in SERVED_ROLES:
            return None  # fonts, colours, icons, check boxes: the style's
        return self.cell_data(index.row(), index.column(), role)

    def cell_data(self, row: int, col: int, role: int):
        """``data`` of cell (row, col) without a round trip through Qt (the view's proxy calls it)."""
        if row < 0 or row >= len(self._rows) or col < 0 or col >= len(self._columns):
            return None
        column = self._columns[col]
        if role == _ALIGNMENT:
            return _RIGHT if column.kind in NUMERIC_KINDS else None
        if role in (_BACKGROUND, _FOREGROUND, _TOOLTIP):
            return self._problem_data(row, col, role)
        if role == COLUMN_ROLE:
            return column
        value = cell_edits.cell_value(column, self._rows[row])
        if role == _DISPLAY:
            return cell_edits.display_text(column, value)
        if role == _EDIT:
            return cell_edits.edit_text(column, value)
        if role == VALUE_ROLE:
            return value
        if role == SORT_ROLE:
            return cell_edits.sort_key(column, value)
        return None

    def display_text(self, row: int, col: int) -> str:
        """What cell (row, col) shows (column widths, the filter)."""
        column = self._columns[col]
        return cell_edits.display_text(column, cell_edits.cell_value(column, self._rows[row]))

    def display_texts(self, col: int) -> list[str]:
        """What every cell of column ``col`` shows, in row order."""
        column = self._columns[col]
        texts = []
        for record in self._rows:
            value = cell_edits.cell_value(column, record)
            texts.append(value if type(value) is str else cell_edits.display_text(column, value))
        return texts

    def sort_key(self, row: int, col: int) -> object:
        """What sorting by column ``col`` compares for ``row``."""
        column = self._columns[col]
        return cell_edits.sort_key(column, cell_edits.cell_value(column, self._rows[row]))

    def sort_keys(self, col: int) -> list[object]:
        """``sort_key`` of every row, in row order."""
        column = self._columns[col]
        return [cell_edits.sort_key(column, cell_edits.cell_value(column, record)) for record in self._rows]

    def _problem_data(self, row: int, col: int, role: int):
        if not self._problems:
            return None
        found = self._problems.get((row, self._columns[col].header.casefold()))
        if found is None and col == 0:
            found = self._problems.get((row, ""))  # problems of the whole row
        if found is None:
            return None
        severity, messages = found
        if role == _TOOLTIP:
            return "\n".join(messages)
        if role == _FOREGROUND:
            return TINTED_TEXT
        return ERROR_TINT if severity is Severity.ERROR else WARNING_TINT

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return EDITABLE_FLAGS

    # -- editing ------------------------------------------------------------

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Parse and check what the user typed and push the edit; refuse it with the sentence why."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = self._columns[index.column()]
        try:
            command = cell_edits.cell_edit(self.document, self.table, index.row(), column, value)
        except EditRefused as refusal:
            self.edit_refused.emit(QModelIndex(index), str(refusal))
            return False
        if command is not None:
            self.document.push(command)
            self.document.post_notes(command.edit.notes)
        return True

    def paste(self, cells: list[tuple[int, int, object]], name: str = "") -> str:
        """Apply pasted cells (row, column, raw text) as one undoable step named ``name``.

        Rows at or past the end are added. Returns "" when applied, else the
        sentence refusing the paste, naming the row (nothing is applied then):
        a cell the parser cannot read, or a value validation calls an error.
        """
        plan = self.document.plan
        n_rows = len(self._rows)
        n_new = max((row for row, _, _ in cells), default=-1) + 1 - n_rows
        defaults = new_records(plan, self.table.attr, max(n_new, 0), self.document.row_context())
        records = list(self._rows) + defaults
        changed: dict[int, object] = {}
        for row, col, raw in cells:
            column = self._columns[col]
            record = changed.get(row, records[row])
            try:
                value = cell_edits.parse_value(column, record, raw)
            except CellError as error:
                return f"Row {row + 1}: {error}"
            changed[row] = dataclasses.replace(record, **{column.attr: value})
        changes = [
            (row, column.attr, getattr(changed[row], column.attr))
            for row in sorted(r for r in changed if r < n_rows)
            for column in self._columns_changed(self._rows[row], changed[row])
        ]
        added = [changed.get(n_rows + i, default) for i, default in enumerate(defaults)]
        try:
            added = [
                self._with_follow_ups(default, record)
                for default, record in zip(defaults, added, strict=True)
            ]
            edit = prepare_edit(plan, self.table.attr, changes, added)
        except EditRefused as refusal:
            where = (
                f"Row {refusal.problem.index + 1}: "
                if refusal.problem and refusal.problem.index is not None
                else ""
            )
            return f"{where}{refusal}"
        if not edit.changes and not edit.added:
            return ""
        name = name or self._paste_name(len(cells))
        if edit.added:
            name += f", adding {len(edit.added)} row{'s' if len(edit.added) != 1 else ''}"
        self.document.push(EditCommand(self.document, edit, name))
        self.document.post_notes(edit.notes)
        return ""

    def _with_follow_ups(self, default: object, record: object) -> object:
        """A pasted new row with what its rules change beside the pasted cells (a Stage's Material)."""
        extra, _notes = follow_ups(self.document.plan, self.table.attr, default, record)
        pasted = {c.attr for c in self._columns_changed(default, record)}
        return dataclasses.replace(record, **{a: v for a, v in extra.items() if a not in pasted})

    def _columns_changed(self, old: object, new: object) -> list[Column]:
        seen: set[str] = set()
        columns = []
        for column in self._columns:
            if column.attr not in seen and getattr(old, column.attr) != getattr(new, column.attr):
                seen.add(column.attr)
                columns.append(column)
        return columns

    def _paste_name(self, n_cells: int) -> str:
        return f"Paste {n_cells} cell{'s' if n_cells != 1 else ''} into {self.table.sheet}"

    def insert_new_rows(self, position: int, count: int = 1) -> list[object]:
        """Add ``count`` new rows at ``position`` (unique IDs, valid defaults); returns them."""
        records = new_records(self.document.plan, self.table.attr, count, self.document.row_context())
        first = records[0]
        label = (
            getattr(first, self.table.id_attr)
            if self.table.id_attr
            else cell_edits.row_label(self.table, first, position)
        )
        text = (
            f"Add {self.table.singular} {label}"
            if count == 1
            else f"Add {count} {self.table.sheet.lower()} rows"
        )
        self.document.push(InsertRowsCommand(self.document, self.table.attr, position, records, text))
        return records

    # -- following the document -----------------------------------------------

    def _on_document_plan_changed(self, table: str) -> None:
        if table not in self._refresh_tables():
            return
        plan = self.document.plan
        rows = list(getattr(plan, self.table.attr))
        columns = self._make_columns()
        if columns != self._columns or plan is not self._plan:  # other columns, or another plan
            self.beginResetModel()
            self._plan, self._rows, self._columns = plan, rows, columns
            self.endResetModel()
            return
        if len(rows) != len(self._rows):
            self._rows_added_or_removed(rows)
            return
        old_rows = self._rows
        changed = [i for i, (old, new) in enumerate(zip(old_rows, rows, strict=True)) if old is not new]
        self._rows = rows
        for first, last in row_runs(changed):
            left, right = self._changed_column_span(old_rows, rows, first, last)
            self.dataChanged.emit(self.index(first, left), self.index(last, right))

    def _changed_column_span(self, old_rows: list, rows: list, first: int, last: int) -> tuple[int, int]:
        """The first and last column that differ in rows first..last (all columns for a long run):
        a sorted view sorts again only when its sort column is among them."""
        if last - first >= _EXACT_SPAN_ROWS:
            return 0, len(self._columns) - 1
        differing = [
            col
            for col, column in enumerate(self._columns)
            if any(
                cell_edits.cell_value(column, old_rows[r]) != cell_edits.cell_value(column, rows[r])
                for r in range(first, last + 1)
            )
        ]
        return (differing[0], differing[-1]) if differing else (0, len(self._columns) - 1)

    def _rows_added_or_removed(self, rows: list[object]) -> None:
        """One block of rows added or removed keeps the selection elsewhere; anything else resets."""
        old = self._rows
        prefix = 0
        while prefix < min(len(old), len(rows)) and old[prefix] is rows[prefix]:
            prefix += 1
        suffix = 0
        while suffix < min(len(old), len(rows)) - prefix and old[-1 - suffix] is rows[-1 - suffix]:
            suffix += 1
        if prefix + suffix == len(old):  # rows[prefix:len(rows) - suffix] are new
            self.beginInsertRows(QModelIndex(), prefix, len(rows) - suffix - 1)
            self._rows = rows
            self.endInsertRows()
        elif prefix + suffix == len(rows):  # old[prefix:len(old) - suffix] are gone
            self.beginRemoveRows(QModelIndex(), prefix, len(old) - suffix - 1)
            self._rows = rows
            self.endRemoveRows()
        else:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()

    def _on_document_results_changed(self) -> None:
        if self._problems_generation == self.document.problems_generation:
            return  # the same problems as on show
        before = self._problems
        self._load_problems()
        after = self._problems
        if not before and not after:
            return
        rows = sorted(
            {key[0] for key, found in before.items() if after.get(key) != found}
            | {key[0] for key, found in after.items() if before.get(key) != found}
        )
        last_column = len(self._columns) - 1
        for first, last in row_runs([row for row in rows if row < len(self._rows)]):
            # Only tints and tooltips change: naming the roles spares a sorted view a new sort.
            self.dataChanged.emit(self.index(first, 0), self.index(last, last_column), _PROBLEM_ROLES)

    def _load_problems(self) -> None:
        self._problems_generation = self.document.problems_generation
        problems: dict[tuple[int, str], tuple[Severity, list[str]]] = {}
        for problem in self.document.problems:
            if problem.table != self.table.sheet or problem.index is None:
                continue
            key = (problem.index, problem.field.casefold())
            severity, messages = problems.get(key, (problem.severity, []))
            if problem.severity is Severity.ERROR:
                severity = Severity.ERROR
            problems[key] = (severity, [*messages, problem.message])
        self._problems = problems


_EXACT_SPAN_ROWS = 50  # runs of changed rows up to this long repaint only the columns that changed


def row_runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as runs of consecutive rows: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
