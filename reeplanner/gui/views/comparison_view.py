"""The Scenario comparison dock: the scenarios picked (the base always among them) side by side.

- A table of headline figures by year (the year on show, the targets' years, or every year):
  magnet output domestic, allied and with imports, self-sufficiency, unmet demand, the bottleneck
  with its material, targets due met, public funding; then the whole horizon: each target's
  outcome and the funding totals. Figures that differ from the base are tinted.
- Scenarios whose figures are the same as another's are said to be, with the reason read from
  what they change ("no override touches the domestic chain").
- What each scenario changes, in words (its own changes and those it inherits).
- The self-sufficiency chart of the scenarios picked.
- Copy table: the table as tab-separated text.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QWidget,
)

from reeplanner.engine.comparison import DOMESTIC_FIGURES, Headlines, headlines, sameness
from reeplanner.engine.results import PlanResult
from reeplanner.engine.scenario_changes import scenario_changes
from reeplanner.gui.charts.sufficiency_chart import SufficiencyChart
from reeplanner.gui.views.comparison_rows import ComparisonRow, comparison_rows
from reeplanner.gui.views.comparison_table_model import ComparisonTableModel
from reeplanner.gui.views.view_base import ViewBase
from reeplanner.model.ids import id_key

YEAR_ON_SHOW, TARGET_YEARS, EVERY_YEAR = "year", "targets", "every"
FIGURE_COLUMN_PX = 230
SCENARIO_COLUMN_PX = 86
#: With more scenarios than this, the comparison starts with the first ones (and the one on show).
FIRST_PICKED = 6


class ComparisonView(ViewBase):
    name = "comparison"
    title = "Scenario comparison"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = QToolButton(self)
        self.picker.setObjectName("comparison-scenarios")
        self.picker.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.picker.setToolTip("The scenarios to compare; the base scenario is always among them")
        self.picker_menu = QMenu(self.picker)
        self.picker.setMenu(self.picker_menu)
        self.years = QComboBox()
        self.years.setObjectName("comparison-years")
        self.years.addItem("Year on show", YEAR_ON_SHOW)
        self.years.addItem("Targets' years", TARGET_YEARS)
        self.years.addItem("Every year", EVERY_YEAR)
        copy = QPushButton("Copy table")
        copy.setObjectName("comparison-copy")
        copy.setToolTip("Copy the table as tab-separated text (pastes into Excel)")
        copy.clicked.connect(self.copy_data)
        self.controls.addWidget(self.picker)
        self.controls.addWidget(self.years)
        self.controls.addStretch(1)
        self.controls.addWidget(copy)
        self.add_menu_button()
        self.same = QLabel(self)
        self.same.setObjectName("comparison-same")
        self.same.setWordWrap(True)
        self.same.setContentsMargins(6, 0, 6, 0)
        self.body.addWidget(self.same)
        self.model = ComparisonTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("comparison-table")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setDefaultSectionSize(SCENARIO_COLUMN_PX)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setHorizontalScrollMode(QTableView.ScrollMode.ScrollPerPixel)
        self.changes = QTextBrowser(self)
        self.changes.setObjectName("comparison-changes")
        self.chart = SufficiencyChart()
        self.pages = QTabWidget(self)
        self.pages.setObjectName("comparison-pages")
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.table, "Figures")
        self.pages.addTab(self.changes, "What each scenario changes")
        self.pages.addTab(self.chart, "Self-sufficiency")
        self.body.addWidget(self.pages, 1)
        self.picked: set[str] = set()  # id_key of scenarios picked; all of them when the plan opens
        self.known: set[str] = set()
        self._menu_entries: list[tuple[str, str]] = []
        self.figures: dict[str, Headlines] = {}
        self.ids: list[str] = []
        self.sameness: list = []
        self._names: dict[str, str] = {}
        self._pages_stale: set[QWidget] = set()
        self.years.currentIndexChanged.connect(lambda _i: self.redraw())
        self.pages.currentChanged.connect(self._fill_page)

    # -- which scenarios -----------------------------------------------------------

    def _fill_picker(self, ids: list[str], names: dict[str, str], base: str) -> None:
        """One checkable entry per scenario. A scenario new to the plan is picked while no more than
        ``FIRST_PICKED`` are; the base and the scenario on show always are."""
        keys = [id_key(i) for i in ids]
        for key in keys:
            if key not in self.known and len(self.picked) < FIRST_PICKED:
                self.picked.add(key)
        self.picked.add(id_key(self.scenario_id))
        self.known = set(keys)
        self.picked &= self.known
        self.picked.add(id_key(base))
        entries = [(sid, names[sid]) for sid in ids]
        if entries != self._menu_entries:  # rebuilt only when the scenarios change (not while a toggle runs)
            self._menu_entries = entries
            self.picker_menu.clear()
            for sid, name in entries:
                action = QAction(name, self.picker_menu)
                action.setObjectName(f"comparison-pick-{id_key(sid)}")
                action.setCheckable(True)
                action.setData(sid)
                action.toggled.connect(lambda on, sid=sid: self.pick(sid, on))
                self.picker_menu.addAction(action)
        fixed = {id_key(base), id_key(self.scenario_id)}
        for action in self.picker_menu.actions():
            action.blockSignals(True)
            action.setChecked(id_key(action.data()) in self.picked)
            action.setEnabled(id_key(action.data()) not in fixed)
            action.blockSignals(False)
        self.picker.setText(f"Scenarios: {len(self.picked)} of {len(ids)} ▾")

    def pick(self, scenario_id: str, picked: bool) -> None:
        """Compare ``scenario_id`` (or stop comparing it; never the base or the scenario on show)."""
        key = id_key(scenario_id)
        if picked:
            self.picked.add(key)
        elif self.result is None or key != id_key(self.result.arrays.prep.plan.base_scenario_id):
            self.picked.discard(key)
        self.redraw()

    # -- drawing -------------------------------------------------------------------

    def redraw(self) -> None:
        if self.results is None or self.result is None:
            self.model.set_rows([], [])
            self.same.setText("No figures yet.")
            self.changes.clear()
            self.chart.show_results(None, "", self.year)
            return
        plan = self.result.arrays.prep.plan
        every = list(self.results.scenarios)
        base = next((s for s in every if id_key(s) == id_key(plan.base_scenario_id)), every[0])
        names = {sid: r.scenario_name or sid for sid, r in self.results.scenarios.items()}
        self._fill_picker(every, names, base)
        self.ids = [base] + [s for s in every if s != base and id_key(s) in self.picked]
        self.figures = {sid: headlines(self.results.scenarios[sid]) for sid in self.ids}
        stage_names = {s.id: s.name or s.id for s in plan.stages}
        rows = comparison_rows([self.figures[s] for s in self.ids], self._years(), plan.currency, stage_names)
        self.model.set_rows(rows, [names[s] for s in self.ids])
        self.table.clearSpans()
        for r, row in enumerate(rows):
            if row.kind != "figure":
                self.table.setSpan(r, 0, 1, self.model.columnCount())
        self.table.setColumnWidth(0, FIGURE_COLUMN_PX)
        self._write_sameness(names)
        self._names, self._pages_stale = names, {self.changes, self.chart}
        self._fill_page()

    def _fill_page(self, *_args) -> None:
        """Write the page on show: what each scenario changes, or the chart (each after new figures,
        when it is first looked at)."""
        page = self.pages.currentWidget()
        if page not in self._pages_stale or self.result is None:
            return
        self._pages_stale.discard(page)
        if page is self.changes:
            self._write_changes(self._names)
        else:
            picked = PlanResult(self.results.plan_name, {s: self.results.scenarios[s] for s in self.ids})
            self.chart.show_results(picked, self.scenario_id, self.year)

    def _years(self) -> list[int]:
        horizon = list(self.result.years)
        mode = self.years.currentData()
        if mode == EVERY_YEAR:
            return horizon
        if mode == TARGET_YEARS:
            wanted = {t.year for t in self.result.arrays.prep.plan.targets} | {self.year}
            return [y for y in horizon if y in wanted]
        return [self.year] if self.year in horizon else horizon[:1]

    def _write_sameness(self, names: dict[str, str]) -> None:
        """One line per kind of sameness: "Domestic figures the same as Base case: China Dy/Tb export
        cut, China magnet export cut: no override touches the domestic chain..." (what differs for
        each in the tooltip)."""
        found = sameness(self.results, self.ids, self.figures)
        groups: dict[tuple[str, str, str], list] = {}
        for s in found:
            groups.setdefault((s.same_as, s.scope, s.gist), []).append(s)
        lines = []
        for (same_as, scope, gist), members in groups.items():
            what = "Domestic figures" if scope == DOMESTIC_FIGURES else "Every figure"
            who = ", ".join(f"<b>{escape(names[s.scenario_id])}</b>" for s in members)
            lines.append(f"{what} the same as {escape(names[same_as])}: {who}. Why: {escape(gist)}.")
        self.same.setText("<br>".join(lines))
        self.same.setToolTip(
            "<br>".join(f"{escape(names[s.scenario_id])}: {escape(s.reason)}." for s in found)
        )
        self.same.setVisible(bool(lines))
        self.sameness = found

    def _write_changes(self, names: dict[str, str]) -> None:
        prep = self.result.arrays.prep
        parts = []
        for sid in self.ids:
            changes = scenario_changes(prep, sid)
            scenario = next(s for s in prep.scenarios if s.id == sid)
            head = f"<b>{escape(names[sid])}</b> ({escape(sid)})"
            if scenario.parent:
                head += f", from {escape(names.get(scenario.parent, scenario.parent))}"
            if not changes:
                parts.append(f"<p>{head}: the plan as entered, nothing changed.</p>")
                continue
            items = []
            for change in changes:
                inherited = (
                    ""
                    if id_key(change.scenario) == id_key(sid)
                    else f" <i>(from {escape(names.get(change.scenario, change.scenario))})</i>"
                )
                abroad = (
                    " <i>(abroad: allied and with-imports figures only)</i>"
                    if change.reach != "domestic chain"
                    else ""
                )
                items.append(f"<li>{escape(change.text)}{inherited}{abroad}</li>")
            parts.append(f"<p>{head}:</p><ul>{''.join(items)}</ul>")
        self.changes.setHtml("".join(parts))

    # -- copying ---------------------------------------------------------------------

    def data_table(self) -> tuple[list[str], list[list[object]]]:
        """The table as shown: a row per figure and year, a column per scenario; tonnes and money
        as numbers, self-sufficiency in percent."""
        header = ["Year", "Figure"] + list(self.model.scenarios)
        rows = []
        for row in self.model.rows:
            if row.kind != "figure":
                continue
            label = f"{row.label} ({row.unit})" if row.unit else row.label
            rows.append([row.year, label, *(_tsv_value(row, i) for i in range(len(row.values)))])
        return header, rows


def _tsv_value(row: ComparisonRow, i: int) -> object:
    value = row.values[i]
    if row.unit == "%" and isinstance(value, float):
        return value * 100
    if row.unit and isinstance(value, float):
        return value
    return row.texts[i]
