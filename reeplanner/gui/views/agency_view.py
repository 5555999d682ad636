"""The Agency view: who owns what from mine to magnet. Agencies down, stages across; each cell
gives the agency's money at that stage in the scenario on show, the facilities it leads, the
targets it owns and whether it owns the stage. A stage that falls short in the year on show and
has no owner is marked in its header, and its blank cells are tinted: nobody there.

Clicking a cell selects the facilities the agency leads there (or the stage).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QWidget

from reeplanner.engine.agencies import NO_FACILITY, AgencyMatrix, AgencyRole, agency_matrix
from reeplanner.gui.canvas.canvas_figures import money
from reeplanner.gui.canvas.canvas_style import SHORTFALL, mix
from reeplanner.gui.views.view_base import ViewBase
from reeplanner.model.ids import id_key

CELL = Qt.ItemDataRole.UserRole  # (agency ID, stage ID) of a cell


class AgencyView(ViewBase):
    name = "agencies"
    title = "Agencies and stages"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setObjectName("agencies-summary")
        self.summary.setWordWrap(True)
        self.controls.addWidget(self.summary, 1)
        self.add_menu_button()
        self.table = QTableWidget(self)
        self.table.setObjectName("agencies-matrix")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.cellClicked.connect(self._on_table_cell_clicked)
        self.body.addWidget(self.table, 1)
        self.matrix: AgencyMatrix | None = None

    def redraw(self) -> None:
        self.table.clear()
        if self.result is None:
            self.matrix = None
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.summary.setText("No figures yet.")
            return
        self.matrix = matrix = agency_matrix(self.result, self.year)
        plan = self.result.arrays.prep.plan
        agencies = [a for a in matrix.agencies if not all(matrix.role(a, s).empty for s in matrix.stages)]
        idle = [a for a in matrix.agencies if a not in agencies]
        self.table.setRowCount(len(agencies))
        self.table.setColumnCount(len(matrix.stages))
        names = {id_key(s.id): s.name or s.id for s in plan.stages}
        agency_names = {id_key(a.id): a.name for a in plan.agencies}
        orphaned = [s for s in matrix.stages if matrix.gap_without_owner(s)]
        for col, stage in enumerate(matrix.stages):
            title = names.get(id_key(stage), stage) if stage != NO_FACILITY else "No facility"
            if matrix.gap_without_owner(stage):
                title += f"\nno owner\n{matrix.gaps[id_key(stage)]:,.0f} t short"
            item = QTableWidgetItem(title)
            if matrix.gap_without_owner(stage):
                item.setForeground(QBrush(self._shortfall()))
                item.setToolTip(
                    f"{title.splitlines()[0]} falls short in {self.year} and no agency owns the stage."
                )
            self.table.setHorizontalHeaderItem(col, item)
        for row, agency in enumerate(agencies):
            header = QTableWidgetItem(agency)
            header.setToolTip(agency_names.get(id_key(agency), agency))
            self.table.setVerticalHeaderItem(row, header)
            for col, stage in enumerate(matrix.stages):
                role = matrix.role(agency, stage)
                item = QTableWidgetItem(role_text(role, plan.currency))
                item.setData(CELL, (agency, stage))
                item.setToolTip(role_tooltip(role, agency, names.get(id_key(stage), "no facility"), plan))
                if role.empty and matrix.gap_without_owner(stage):
                    item.setBackground(QBrush(self._orphan_tint()))
                elif role.owns_stage:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)
        scenario = self.result.scenario_name or self.result.scenario_id
        text = f"{scenario}, {self.year}: money of the scenario's funding lines ({plan.currency}), facilities led, targets owned; ★ owns the stage."
        if orphaned:
            stage_names = ", ".join(names.get(id_key(s), s) for s in orphaned)
            text += f" No agency owns {stage_names}, which fall{'s' if len(orphaned) == 1 else ''} short in {self.year} (tinted)."
        if idle:
            text += f" No role: {', '.join(idle)}."
        self.summary.setText(text)

    def _shortfall(self) -> QColor:
        return QColor(SHORTFALL[self.palette().base().color().lightnessF() < 0.5])

    def _orphan_tint(self) -> QColor:
        return mix(self._shortfall(), self.palette().base().color(), 0.8)

    def _on_table_cell_clicked(self, row: int, col: int) -> None:
        item = self.table.item(row, col)
        if item is None or self.window is None or self.matrix is None:
            return
        agency, stage = item.data(CELL)
        role = self.matrix.role(agency, stage)
        plan = self.window.document.plan
        led = {id_key(f) for f in role.facilities}
        rows = [i for i, f in enumerate(plan.facilities) if id_key(f.id) in led]
        if rows:
            self.window.document.set_selection("facilities", rows)
        elif stage != NO_FACILITY:
            self.window.charts.select_stage(stage)

    def data_table(self) -> tuple[list[str], list[list[object]]]:
        """The matrix: one row per agency, one column per stage, each cell on one line."""
        if self.matrix is None:
            return ["Agency"], []
        m = self.matrix
        currency = self.result.arrays.prep.plan.currency
        header = ["Agency"] + [s or "No facility" for s in m.stages]
        rows = [
            [a] + [role_text(m.role(a, s), currency).replace("\n", "; ") for s in m.stages]
            for a in m.agencies
        ]
        rows.append(["Owner"] + [m.owners.get(id_key(s), "") or ("none" if s else "") for s in m.stages])
        rows.append([f"Shortfall {m.year} (t)"] + [m.gaps.get(id_key(s)) for s in m.stages])
        return header, rows


def role_text(role: AgencyRole, currency: str) -> str:
    """A cell: "★ owner", "1,234 USD million", "leads 3", "owns T-MAG-2028" on their own lines."""
    lines = []
    if role.owns_stage:
        lines.append("★ owner")
    if role.money:
        private = role.money - role.public_money
        lines.append(
            money(role.money, currency) + (f" ({money(private, currency)} private)" if private > 0 else "")
        )
    if role.facilities:
        lines.append(f"leads {len(role.facilities)}")
    if role.targets:
        lines.append("owns " + ", ".join(role.targets))
    return "\n".join(lines)


def role_tooltip(role: AgencyRole, agency: str, stage_name: str, plan) -> str:
    if role.empty:
        return f"{agency} has no role at {stage_name}."
    names = {id_key(f.id): f.name or f.id for f in plan.facilities}
    parts = [f"<b>{agency}</b> at {stage_name}"]
    if role.owns_stage:
        parts.append("Owns the stage.")
    if role.money:
        parts.append(f"Funding lines: {role.money:,.6g} {plan.currency}, public {role.public_money:,.6g}.")
    if role.facilities:
        parts.append("Leads: " + ", ".join(names.get(id_key(f), f) for f in role.facilities) + ".")
    if role.targets:
        parts.append("Owns targets " + ", ".join(role.targets) + ".")
    return "<br>".join(parts)
