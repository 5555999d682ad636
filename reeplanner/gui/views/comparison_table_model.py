"""The comparison table as a Qt model: figures down, scenarios across (the base first); a figure that
differs from the base's is tinted green when better, red when worse, blue when neither (a different
bottleneck, more money)."""

from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from reeplanner.gui.canvas.canvas_style import mix
from reeplanner.gui.charts.chart_palette import OKABE_ITO
from reeplanner.gui.views.comparison_rows import HIGHER, LOWER, ComparisonRow

VALUE = Qt.ItemDataRole.UserRole  # a cell's figure (float, str, tuple or None)
Index = QModelIndex | QPersistentModelIndex


class ComparisonTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[ComparisonRow] = []
        self.scenarios: list[str] = []  # column titles after the first
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: list[ComparisonRow], scenarios: list[str]) -> None:
        self.beginResetModel()
        self.rows, self.scenarios = rows, scenarios
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's names)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 1 + len(self.scenarios)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "Figure" if section == 0 else two_lines(self.scenarios[section - 1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"{row.label} ({row.unit})" if row.unit and row.unit != "%" else row.label
            return row.texts[col - 1] if row.texts else ""
        if role == VALUE:
            return row.values[col - 1] if col and row.values else None
        if role == Qt.ItemDataRole.FontRole and row.kind != "figure":
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and col:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, col)
        if role == Qt.ItemDataRole.ToolTipRole and col > 1 and row.values and row.differs(col - 1):
            return self._difference(row, col - 1)
        return None

    def _background(self, row: ComparisonRow, col: int) -> QBrush | None:
        base = QApplication.palette().color(QPalette.ColorRole.Base)
        if row.kind != "figure":
            return QBrush(QApplication.palette().color(QPalette.ColorRole.AlternateBase))
        if col < 2 or not row.values or not row.differs(col - 1):
            return None
        colour = _tint(row, col - 1)
        return QBrush(mix(QColor(colour), base, 0.72))

    def _difference(self, row: ComparisonRow, col: int) -> str:
        a, b = row.values[col], row.values[0]
        if isinstance(a, float) and isinstance(b, float) and not (math.isnan(a) or math.isnan(b)):
            if row.unit == "%":
                return f"{(a - b) * 100:+,.1f} percentage points vs {self.scenarios[0]}"
            return f"{a - b:+,.1f} {row.unit} vs {self.scenarios[0]}".replace("  ", " ")
        return f"{self.scenarios[0]}: {row.texts[0]}"


def _tint(row: ComparisonRow, col: int) -> str:
    a, b = row.values[col], row.values[0]
    numbers = isinstance(a, float) and isinstance(b, float) and not (math.isnan(a) or math.isnan(b))
    if row.better in (HIGHER, LOWER) and numbers:
        better = (a > b) == (row.better == HIGHER)
        return OKABE_ITO["bluish_green"] if better else OKABE_ITO["vermillion"]
    return OKABE_ITO["sky_blue"]


def two_lines(name: str, width: int = 12) -> str:
    """A scenario's name on lines of about ``width`` characters, for a narrow column's header."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)
