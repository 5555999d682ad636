"""The Coordination dock: the engine's coordination findings for the scenario on show, grouped by
kind, each naming what it is about. Clicking one selects its stage, facility, funding line or
target everywhere (canvas, tables, inspector, explain)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableWidget, QTableWidgetItem, QWidget

from reeplanner.gui.views.view_base import ViewBase
from reeplanner.model.ids import id_key

#: Finding kind -> (group title, the table its subject is a row of).
KINDS = {
    "gap-without-owner": ("Stages with a gap and no owner agency", "stages"),
    "several-agencies-no-lead": ("Facilities funded by several agencies with no lead", "facilities"),
    "funding-without-facility": ("Funding tied to no facility", "funding"),
    "target-without-owner": ("Targets with no owner agency", "targets"),
    "starved-of-feed": ("Funded plants starved of feed", "facilities"),
}
SUBJECT = Qt.ItemDataRole.UserRole  # (table, row) of a finding's subject


class CoordinationView(ViewBase):
    name = "coordination"
    title = "Coordination findings"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setObjectName("coordination-summary")
        self.summary.setWordWrap(True)
        self.controls.addWidget(self.summary, 1)
        self.add_menu_button()
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("coordination-findings")
        self.table.setHorizontalHeaderLabels(["About", "Finding"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.resizeSection(0, 230)
        header.setStretchLastSection(True)
        # Rows of three lines (a finding is one to three lines at the dock's width; the tooltip has it
        # whole): measuring each row's text would take seconds for the thousands of a large plan.
        self.table.verticalHeader().setDefaultSectionSize(3 * self.fontMetrics().lineSpacing() + 6)
        self.table.cellClicked.connect(self._on_table_cell_clicked)
        self.body.addWidget(self.table, 1)
        self.rows: list[tuple] = []

    def redraw(self) -> None:
        from reeplanner.engine.coordination import coordination_rows

        self.rows = coordination_rows(self.result.arrays) if self.result is not None else []
        self.table.clearSpans()
        self.table.setRowCount(0)
        if self.result is None:
            self.summary.setText("No figures yet.")
            return
        plan = self.result.arrays.prep.plan
        name = self.result.scenario_name or self.result.scenario_id
        count = len(self.rows)
        self.summary.setText(
            f"{count} finding{'s' if count != 1 else ''} in {name}: who owns each gap, and where money and "
            "plants do not line up. Click one to select what it is about."
            if count
            else f"No coordination findings in {name}."
        )
        by_kind: dict[str, list[tuple]] = {}
        for row in self.rows:
            by_kind.setdefault(row[0], []).append(row)
        bold = QFont(self.font())
        bold.setBold(True)
        subjects = SubjectNames(plan)
        self.table.setUpdatesEnabled(False)
        for kind, findings in by_kind.items():
            title, table = KINDS.get(kind, (kind, ""))
            head = self._add_row([f"{title} ({len(findings)})", ""])
            self.table.setSpan(head, 0, 1, 2)
            self.table.setRowHeight(head, self.fontMetrics().lineSpacing() + 8)
            self.table.item(head, 0).setFont(bold)
            for _kind, subject, stage, _agency, _year, message in findings:
                r = self._add_row([subjects.text(table, subject, stage), message])
                self.table.item(r, 0).setData(SUBJECT, (table, subjects.row(table, subject)))
        self.table.setUpdatesEnabled(True)

    def _add_row(self, texts: list[str]) -> int:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.table.setItem(r, c, item)
        return r

    def findings(self) -> list[QTableWidgetItem]:
        """The first cell of each finding's row (group titles left out)."""
        items = (self.table.item(r, 0) for r in range(self.table.rowCount()))
        return [item for item in items if item is not None and item.data(SUBJECT) is not None]

    def _on_table_cell_clicked(self, row: int, _column: int = 0) -> None:
        item = self.table.item(row, 0)
        subject = item.data(SUBJECT) if item is not None else None
        if subject is None or self.window is None:
            return
        table, index = subject
        if index is None:
            return
        if table == "stages":
            self.window.charts.select_stage(self.window.document.plan.stages[index].id)
        else:
            self.window.document.set_selection(table, [index])

    def data_table(self) -> tuple[list[str], list[list[object]]]:
        header = ["Kind", "Subject", "Stage", "Agency", "Year", "Finding"]
        return header, [list(row) for row in self.rows]


class SubjectNames:
    """Rows and names of what findings are about, looked up by ID once per table."""

    def __init__(self, plan) -> None:
        self.plan = plan
        self.stage_names = {id_key(s.id): s.name or s.id for s in plan.stages}
        self._rows: dict[str, dict[str, int]] = {}

    def row(self, table: str, subject: str) -> int | None:
        if table not in self._rows:
            rows = getattr(self.plan, table, [])
            self._rows[table] = {id_key(r.id): i for i, r in reversed(list(enumerate(rows)))}
        return self._rows[table].get(id_key(subject))

    def text(self, table: str, subject: str, stage: str) -> str:
        """What a finding is about, by name: "Metal (stage)", "10X magnet plant, Magnet"."""
        row = self.row(table, subject)
        if table == "stages":
            return f"{self.stage_names.get(id_key(subject), subject)} (stage)"
        if table == "facilities" and row is not None:
            fac = self.plan.facilities[row]
            return f"{fac.name or fac.id}, {self.stage_names.get(id_key(stage), stage)}"
        if table == "targets":
            return f"Target {subject}"
        if table == "funding":
            return f"Funding line {subject}"
        return subject
