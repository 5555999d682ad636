"""The Coordination dock: the engine's coordination findings for the scenario on show, grouped by
kind, each naming what it is about. Clicking one selects its stage, facility, funding line or
target everywhere (canvas, tables, inspector, explain)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QWidget

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
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("coordination-findings")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["About", "Finding"])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(0, 220)
        self.tree.itemClicked.connect(self._on_tree_item_clicked)
        self.tree.itemActivated.connect(self._on_tree_item_clicked)
        self.body.addWidget(self.tree, 1)
        self.rows: list[tuple] = []

    def redraw(self) -> None:
        from reeplanner.engine.coordination import coordination_rows

        self.rows = coordination_rows(self.result.arrays) if self.result is not None else []
        self.tree.clear()
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
        groups: dict[str, QTreeWidgetItem] = {}
        for kind, subject, stage, _agency, _year, message in self.rows:
            title, table = KINDS.get(kind, (kind, ""))
            group = groups.get(kind)
            if group is None:
                group = groups[kind] = QTreeWidgetItem(self.tree, [title, ""])
                group.setFirstColumnSpanned(True)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
            item = QTreeWidgetItem(group, [_subject_text(plan, table, subject, stage), message])
            item.setToolTip(1, message)
            item.setData(0, SUBJECT, (table, _row_of(plan, table, subject)))
        for kind, group in groups.items():
            group.setText(0, f"{KINDS.get(kind, (kind,))[0]} ({group.childCount()})")
            group.setExpanded(True)

    def _on_tree_item_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        subject = item.data(0, SUBJECT)
        if subject is None or self.window is None:
            return
        table, row = subject
        if row is None:
            return
        if table == "stages":
            self.window.charts.select_stage(self.window.document.plan.stages[row].id)
        else:
            self.window.document.set_selection(table, [row])

    def data_table(self) -> tuple[list[str], list[list[object]]]:
        header = ["Kind", "Subject", "Stage", "Agency", "Year", "Finding"]
        return header, [list(row) for row in self.rows]


def _row_of(plan, table: str, subject: str) -> int | None:
    rows = getattr(plan, table, [])
    return next((i for i, r in enumerate(rows) if id_key(r.id) == id_key(subject)), None)


def _subject_text(plan, table: str, subject: str, stage: str) -> str:
    """What a finding is about, by name: "Metal (stage)", "10X magnet plant, Magnet"."""
    row = _row_of(plan, table, subject)
    stages = {id_key(s.id): s.name or s.id for s in plan.stages}
    if table == "stages":
        return f"{stages.get(id_key(subject), subject)} (stage)"
    if table == "facilities" and row is not None:
        fac = plan.facilities[row]
        return f"{fac.name or fac.id}, {stages.get(id_key(stage), stage)}"
    if table == "targets" and row is not None:
        return f"Target {subject}"
    if table == "funding":
        return f"Funding line {subject}"
    return subject
