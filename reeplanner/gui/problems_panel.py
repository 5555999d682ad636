"""Every validation problem of the plan, errors first; a click asks to show the cell."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reeplanner.model.problems import Problem

if TYPE_CHECKING:
    from reeplanner.gui.document import PlanDocument

ERROR_COLOUR = QColor(164, 0, 0)
WARNING_COLOUR = QColor(138, 90, 0)
#: On a dark palette the same hues, light enough to read.
DARK_ERROR_COLOUR = QColor(255, 138, 128)
DARK_WARNING_COLOUR = QColor(240, 190, 90)
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1
WHERE_SHARE = 0.4  # of the list's width, at most, for the Where column


class ProblemsPanel(QWidget):
    """Lists ``document.problems`` after each recompute. ``problem_activated`` carries the clicked Problem."""

    problem_activated = Signal(object)

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setObjectName("problems-panel")
        self.summary = QLabel(self)
        self.summary.setObjectName("problems-summary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("problems-list")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Where", "Problem"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)  # a message reads whole, over lines, however narrow the panel
        self.tree.setItemDelegate(WrappedTextDelegate(self.tree))
        self.tree.header().sectionResized.connect(lambda *_args: self.tree.doItemsLayout())
        self.tree.setAlternatingRowColors(True)
        # Where is fitted to its text but never wider than WHERE_SHARE of the panel: the message, which
        # matters more, keeps the rest (ResizeToContents let a long place push it off-screen).
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)

        self.tree.itemClicked.connect(self._on_tree_item_activated)
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        style = self.style()
        self._icons = {
            True: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            False: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        self._shown_generation = -1  # the document's problems_generation on show
        document.results_changed.connect(self.refresh)
        self.refresh()

    def problems(self) -> list[Problem]:
        """The problems as listed, errors before warnings."""
        return [self.tree.topLevelItem(i).data(0, PROBLEM_ROLE) for i in range(self.tree.topLevelItemCount())]

    def refresh(self) -> None:
        if self._shown_generation != self.document.problems_generation:
            self._shown_generation = self.document.problems_generation
            self._list(sorted(self.document.problems, key=lambda p: not p.is_error))  # stable: plan order
        self._show_summary()

    def _list(self, problems: list[Problem]) -> None:
        self.tree.clear()
        error_colour, warning_colour = self._colours()
        brushes = {True: QBrush(error_colour), False: QBrush(warning_colour)}
        items = []
        for problem in problems:
            item = QTreeWidgetItem([problem.where, problem.message])
            item.setIcon(0, self._icons[problem.is_error])
            item.setForeground(1, brushes[problem.is_error])
            item.setToolTip(0, problem.where)
            item.setToolTip(1, problem.message)
            item.setData(0, PROBLEM_ROLE, problem)
            items.append(item)
        self.tree.addTopLevelItems(items)
        self._fit_where_column()

    def _show_summary(self) -> None:
        error_colour, _warning_colour = self._colours()
        text = _summary(self.document.problems)
        if self.document.results_out_of_date:
            text += (
                ". The figures on show are from before the first error; fix the errors to update them."
                if self.document.results is not None
                else ". No figures until the errors are fixed."
            )
        self.summary.setText(text)
        self.summary.setStyleSheet(
            f"color: {error_colour.name()};" if self.document.results_out_of_date else ""
        )

    def _fit_where_column(self) -> None:
        """Where as wide as its longest text (of the first 500), at most WHERE_SHARE of the list."""
        metrics = self.tree.fontMetrics()
        count = min(self.tree.topLevelItemCount(), 500)
        texts = [self.tree.topLevelItem(i).text(0) for i in range(count)]
        icon = self.tree.iconSize().width() if not self.tree.iconSize().isEmpty() else 16
        needed = max((metrics.horizontalAdvance(t) for t in texts), default=60) + icon + 24
        room = max(self.tree.viewport().width(), 200)
        self.tree.header().resizeSection(0, max(min(needed, int(room * WHERE_SHARE)), 80))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_where_column()

    def _colours(self) -> tuple[QColor, QColor]:
        """Error and warning text colours that read on the palette in use."""
        if self.palette().color(QPalette.ColorRole.Base).lightnessF() < 0.5:
            return DARK_ERROR_COLOUR, DARK_WARNING_COLOUR
        return ERROR_COLOUR, WARNING_COLOUR

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # View > Palette: recolour the list
            self._shown_generation = -1
            self.refresh()

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.problem_activated.emit(item.data(0, PROBLEM_ROLE))


class WrappedTextDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped to its column's width (the view alone sizes rows to one
    line of unwrapped text, so a long message would be cut)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        room = self.tree.header().sectionSize(index.column()) - 12
        if index.column() == 0:
            room -= self.tree.iconSize().width() if not self.tree.iconSize().isEmpty() else 16
        if room <= 20 or not text:
            return hint
        bounds = QRect(0, 0, room, 100_000)
        height = option.fontMetrics.boundingRect(bounds, Qt.TextFlag.TextWordWrap, text).height() + 6
        return QSize(hint.width(), max(hint.height(), height))


def _summary(problems: list[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return "No problems: the plan passes every check."
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return " and ".join(parts)
