"""The rows of a plan table as the view shows them: sorted by a clicked column, filtered by text.

Why not ``QSortFilterProxyModel``: it asks the model for two cells' sort
values at every comparison, and for every cell's text at each keystroke of
the filter. On a 10,000-row table that is hundreds of thousands of calls into
Python, a second or more per click, per keystroke, and per reset of a sorted
table. ``PlanTableProxy`` keeps the sort column's keys and, once the filter is
used, each row's text in Python lists (made on first need, then updated from
the model's signals: a changed row is re-keyed, an added or removed block
spliced in or out, a reset forgets them) and sorts and filters those with
Python's ``sorted``: a 10,000-row sort takes tens of milliseconds.

With neither a sort column nor a filter the proxy is the identity and passes
the model's signals on as they are. Otherwise a change of rows, of the sort or
of the filter is one layout change (``layoutChanged``, as
``QSortFilterProxyModel.invalidate`` does), and the persistent indexes (the
selection, the current cell) follow their plan rows. An edit that does not
move its row is passed on as ``dataChanged`` of that row. Rows with equal
keys stay in plan order, in either direction.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from reeplanner.gui.tables.plan_table_model import (
    EDITABLE_FLAGS,
    SERVED_ROLES,
    SORT_ROLE,
    PlanTableModel,
    row_runs,
)

AnyIndex = QModelIndex | QPersistentModelIndex
_KEY_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.EditRole), SORT_ROLE})
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_CELL_SEPARATOR = "\x1f"  # a filter never matches across two cells


class PlanTableProxy(QAbstractTableModel):
    """``model``'s rows in view order. ``mapToSource``/``mapFromSource`` as for Qt's proxies."""

    def __init__(self, model: PlanTableModel, parent=None) -> None:
        super().__init__(parent)
        self._model = model
        self._order: list[int] | None = None  # view row -> plan row; None: every row in plan order
        self._position: list[int] = []  # plan row -> view row, -1 when filtered out (when ordered)
        self._sort_column = -1
        self._descending = False
        self._needle = ""
        self._only: frozenset[int] | None = None  # plan rows picked elsewhere (a chart's bar); None: all
        self._keys: dict[int, list[object]] = {}  # column -> sort key of each plan row
        self._texts: list[str] | None = None  # each plan row's cells, casefolded, for the filter
        self._moving: list[tuple[QModelIndex, int]] | None = None  # persistent indexes and their plan rows
        model.dataChanged.connect(self._on_model_data_changed)
        model.headerDataChanged.connect(self.headerDataChanged)
        model.rowsAboutToBeInserted.connect(self._on_model_rows_about_to_be_inserted)
        model.rowsInserted.connect(self._on_model_rows_inserted)
        model.rowsAboutToBeRemoved.connect(self._on_model_rows_about_to_be_removed)
        model.rowsRemoved.connect(self._on_model_rows_removed)
        model.modelAboutToBeReset.connect(self.beginResetModel)
        model.modelReset.connect(self._on_model_reset)

    # -- what the view reads -------------------------------------------------------

    def sourceModel(self) -> PlanTableModel:
        return self._model

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return self._model.rowCount() if self._order is None else len(self._order)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._model.columnCount()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in SERVED_ROLES:
            return None
        return self._model.cell_data(self.source_row(index.row()), index.column(), role)

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        return self._model.setData(self.mapToSource(index), value, role)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return EDITABLE_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:  # the plan row's number, wherever it is shown
            return str(self.source_row(section) + 1) if role == _DISPLAY else None
        return self._model.headerData(section, orientation, role)

    # -- mapping rows ----------------------------------------------------------------

    def source_row(self, view_row: int) -> int:
        """The plan row shown at ``view_row`` (-1 for none)."""
        if self._order is None:
            return view_row
        return self._order[view_row] if 0 <= view_row < len(self._order) else -1

    def view_row(self, source_row: int) -> int:
        """Where plan row ``source_row`` is shown (-1 when filtered out)."""
        if self._order is None:
            return source_row
        return self._position[source_row] if 0 <= source_row < len(self._position) else -1

    def mapToSource(self, index: AnyIndex) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        return self._model.index(self.source_row(index.row()), index.column())

    def mapFromSource(self, index: AnyIndex) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        row = self.view_row(index.row())
        return self.index(row, index.column()) if row >= 0 else QModelIndex()

    # -- sorting and filtering -------------------------------------------------------

    def sortColumn(self) -> int:
        return self._sort_column

    def sortOrder(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (-1: plan order); the view calls this when a header is clicked."""
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) != (self._sort_column, self._descending):
            self._relayout(lambda: self._set_sort(column, descending))

    def _set_sort(self, column: int, descending: bool) -> None:
        self._sort_column, self._descending = column, descending
        self._keys = {column: self._keys[column]} if column in self._keys else {}  # keep what is used

    @property
    def filter_text(self) -> str:
        return self._needle

    def set_filter_text(self, text: str) -> None:
        """Show only rows with a cell containing ``text`` (any case); "" shows every row."""
        needle = text.casefold()
        if needle != self._needle:
            self._relayout(lambda: setattr(self, "_needle", needle))

    @property
    def row_filter(self) -> frozenset[int] | None:
        return self._only

    def set_row_filter(self, rows: set[int] | frozenset[int] | None) -> None:
        """Show only these plan rows (as well as matching the filter text); None shows them all."""
        only = None if rows is None else frozenset(rows)
        if only != self._only:
            self._relayout(lambda: setattr(self, "_only", only))

    def _relayout(self, change) -> None:
        """Apply ``change`` (to the sort or the filter) as one layout change."""
        self.layoutAboutToBeChanged.emit()
        moving = self._persistent_plan_rows()
        change()
        self._order = self._arrange()
        self._move_persistent(moving)
        self.layoutChanged.emit()

    def _arrange(self) -> list[int] | None:
        """The plan rows on show, in order, from the sort column and the filter (None: all, in plan
        order); sets ``_position`` to match."""
        n_rows = self._model.rowCount()
        sorting = 0 <= self._sort_column < self._model.columnCount()
        if not sorting and not self._needle and self._only is None:
            self._position = []
            return None
        rows: list[int] | range = range(n_rows)
        if self._only is not None:
            rows = [row for row in rows if row in self._only]
        if self._needle:
            texts = self._row_texts()
            rows = [row for row in rows if self._needle in texts[row]]
        if sorting:
            keys = self._column_keys(self._sort_column)
            rows = sorted(rows, key=keys.__getitem__, reverse=self._descending)
        order = list(rows)
        position = [-1] * n_rows
        for view_row, plan_row in enumerate(order):
            position[plan_row] = view_row
        self._position = position
        return order

    def _column_keys(self, col: int) -> list[object]:
        keys = self._keys.get(col)
        if keys is None:
            keys = self._keys[col] = self._model.sort_keys(col)
        return keys

    def _row_texts(self) -> list[str]:
        if self._texts is None:
            columns = [self._model.display_texts(col) for col in range(self._model.columnCount())]
            self._texts = [_CELL_SEPARATOR.join(cells).casefold() for cells in zip(*columns, strict=True)]
            if not columns:
                self._texts = [""] * self._model.rowCount()
        return self._texts

    def _row_text(self, row: int) -> str:
        model = self._model
        return _CELL_SEPARATOR.join(
            model.display_text(row, col) for col in range(model.columnCount())
        ).casefold()

    # -- persistent indexes (selection, current cell) follow their plan rows ---------

    def _persistent_plan_rows(self) -> list[tuple[QModelIndex, int]]:
        return [(index, self.source_row(index.row())) for index in self.persistentIndexList()]

    def _move_persistent(self, moving: list[tuple[QModelIndex, int]]) -> None:
        if not moving:
            return
        new = []
        for index, plan_row in moving:
            row = self.view_row(plan_row) if plan_row >= 0 else -1
            new.append(self.index(row, index.column()) if row >= 0 else QModelIndex())
        self.changePersistentIndexList([index for index, _ in moving], new)

    # -- following the model -----------------------------------------------------------

    def _on_model_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: list) -> None:
        first, last = top_left.row(), bottom_right.row()
        left, right = top_left.column(), bottom_right.column()
        if not roles or any(int(role) in _KEY_ROLES for role in roles):
            for col, keys in self._keys.items():
                if left <= col <= right:
                    for row in range(first, last + 1):
                        keys[row] = self._model.sort_key(row, col)
            if self._texts is not None:
                for row in range(first, last + 1):
                    self._texts[row] = self._row_text(row)
            if self._order is not None and (self._needle or left <= self._sort_column <= right):
                before, old_position = self._order, self._position
                order = self._arrange()
                if order != before:  # a row moved, or came or went through the filter
                    new_position, self._position = self._position, old_position
                    self.layoutAboutToBeChanged.emit()
                    moving = self._persistent_plan_rows()
                    self._order, self._position = order, new_position
                    self._move_persistent(moving)
                    self.layoutChanged.emit()
                    return
        if self._order is None:
            self.dataChanged.emit(self.index(first, left), self.index(last, right), roles)
            return
        shown = sorted(r for r in (self._position[row] for row in range(first, last + 1)) if r >= 0)
        for run_first, run_last in row_runs(shown):
            self.dataChanged.emit(self.index(run_first, left), self.index(run_last, right), roles)

    def _on_model_rows_about_to_be_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if self._order is None:
            self.beginInsertRows(QModelIndex(), first, last)
        else:
            self._begin_rows_changed()

    def _on_model_rows_about_to_be_removed(self, parent: QModelIndex, first: int, last: int) -> None:
        if self._order is None:
            self.beginRemoveRows(QModelIndex(), first, last)
        else:
            self._begin_rows_changed()

    def _begin_rows_changed(self) -> None:
        self.layoutAboutToBeChanged.emit()
        self._moving = self._persistent_plan_rows()

    def _on_model_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        count = last - first + 1
        for col, keys in self._keys.items():
            keys[first:first] = [self._model.sort_key(row, col) for row in range(first, last + 1)]
        if self._texts is not None:
            self._texts[first:first] = [self._row_text(row) for row in range(first, last + 1)]
        if self._moving is None:
            self.endInsertRows()
            return
        moving = [(index, row + count if row >= first else row) for index, row in self._moving]
        self._finish_rows_changed(moving)

    def _on_model_rows_removed(self, parent: QModelIndex, first: int, last: int) -> None:
        count = last - first + 1
        for keys in self._keys.values():
            del keys[first : last + 1]
        if self._texts is not None:
            del self._texts[first : last + 1]
        if self._moving is None:
            self.endRemoveRows()
            return
        moving = [
            (index, -1 if first <= row <= last else row - count if row > last else row)
            for index, row in self._moving
        ]
        self._finish_rows_changed(moving)

    def _finish_rows_changed(self, moving: list[tuple[QModelIndex, int]]) -> None:
        self._moving = None
        self._order = self._arrange()
        self._move_persistent(moving)
        self.layoutChanged.emit()

    def _on_model_reset(self) -> None:
        self._keys.clear()
        self._texts = None
        self._order = self._arrange()
        self.endResetModel()
