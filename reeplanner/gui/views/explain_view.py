"""The Explain dock: the engine's arithmetic behind the figure selected (a stage from its lane
header, a gap bar or a finding; a facility's card or bar; a target; a price floor), for the scenario
and year on show, laid out as tables, each facility a link that selects it. With nothing selected it
explains the last stage of the chain (magnet output, the headline figure).

The figures and sentences are those of ``reeplanner-cli explain`` (the same engine functions);
Copy as text gives exactly what the command prints.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTextBrowser, QWidget

from reeplanner.engine.explain import VIEWS, Explanation, explain_result
from reeplanner.engine.explain_facility import explain_facility, explain_floor
from reeplanner.gui.views import explain_html
from reeplanner.gui.views.view_base import ViewBase
from reeplanner.model.enums import CapacityBasis
from reeplanner.model.ids import id_key
from reeplanner.model.problems import PlanError

EVERY_MATERIAL = ""


class ExplainView(ViewBase):
    name = "explain"
    title = "Explain"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.subject_label = QLabel(self)
        self.subject_label.setObjectName("explain-subject")
        self.material = QComboBox()
        self.material.setObjectName("explain-material")
        self.material.setToolTip("On a material stage: each material, or one")
        self.supply_view = QComboBox()
        self.supply_view.setObjectName("explain-view")
        for view, text in zip(VIEWS, ("Domestic", "Allied supply", "All supply (with imports)"), strict=True):
            self.supply_view.addItem(text, view)
        self.supply_view.setToolTip("The supply view whose forward pass is explained")
        copy = QPushButton("Copy as text")
        copy.setObjectName("explain-copy")
        copy.setToolTip("The same text as reeplanner-cli explain")
        copy.clicked.connect(self.copy_text)
        self.controls.addWidget(self.subject_label, 1)
        self.controls.addWidget(self.material)
        self.controls.addWidget(self.supply_view)
        self.controls.addWidget(copy)
        self.add_menu_button()
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("explain-text")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_browser_anchor_clicked)
        self.body.addWidget(self.browser, 1)
        self.explanations: list[Explanation] = []
        self._stale = False  # the selection changed while the dock was behind another tab
        self.lines: list[str] = []  # the plain text, as the command line prints it
        self.material.currentIndexChanged.connect(lambda _i: self.redraw())
        self.supply_view.currentIndexChanged.connect(lambda _i: self.redraw())

    def bind(self, window) -> None:
        super().bind(window)
        window.document.selection_changed.connect(self._on_document_selection_changed)
        window.docks[self.name].visibilityChanged.connect(self._on_dock_visibility_changed)

    def _on_document_selection_changed(self, *_args) -> None:
        """Explain the new selection now if the dock is on screen, else when it comes to the front."""
        if self.visibleRegion().isEmpty():
            self._stale = True
        else:
            self.redraw()

    def _on_dock_visibility_changed(self, visible: bool) -> None:
        if visible and self._stale:
            self.redraw()

    # -- what is explained ---------------------------------------------------------

    def subject(self) -> tuple[str, str]:
        """(kind, ID) of what to explain: ``stage``, ``facility``, ``target`` or ``floor``; the last
        stage of the chain when nothing of these is selected."""
        plan = self.result.arrays.prep.plan
        table, rows = self.document.selection if self.document is not None else ("", [])
        if len(rows) == 1:
            records = (
                getattr(plan, table, None)
                if table in ("stages", "facilities", "targets", "price_floors")
                else None
            )
            if records is not None and rows[0] < len(records):
                kind = {
                    "stages": "stage",
                    "facilities": "facility",
                    "targets": "target",
                    "price_floors": "floor",
                }[table]
                return kind, records[rows[0]].id
        chain = self.result.arrays.prep.chain
        return "stage", chain.stages[chain.magnet_stage].id

    def redraw(self) -> None:
        self._stale = False
        self.explanations, self.lines = [], []
        if self.result is None:
            self.subject_label.setText("No figures yet.")
            self.browser.clear()
            return
        kind, subject = self.subject()
        try:
            html = self._explain(kind, subject)
        except PlanError as error:  # a year outside the horizon, a stage left out of the chain...
            self.lines = [str(p) for p in error.problems]
            html = "<p>" + "<br>".join(self.lines) + "</p>"
        self.browser.setHtml(html)

    def _explain(self, kind: str, subject: str) -> str:
        plan = self.result.arrays.prep.plan
        scenario = self.result.scenario_name or self.result.scenario_id
        self.supply_view.setEnabled(kind in ("stage", "target"))
        if kind == "facility":
            self._show_materials([])
            self.subject_label.setText(f"Facility {subject}, {self.year}, {scenario}")
            self.lines = explain_facility(self.result, self.year, subject)
            return explain_html.lines_html(self.lines, plan)
        if kind == "floor":
            self._show_materials([])
            self.subject_label.setText(f"Price floor {subject}, {scenario}")
            self.lines = explain_floor(self.result, subject)
            return explain_html.lines_html(self.lines, plan)
        year = self.year
        stage = subject
        chosen = None
        if kind == "target":
            target = next(t for t in plan.targets if id_key(t.id) == id_key(subject))
            stage, year, chosen = target.stage, target.year, target.material or None
        record = next((s for s in plan.stages if id_key(s.id) == id_key(stage)), None)
        materials = (
            [m.id for m in plan.materials] if record and record.basis is CapacityBasis.MATERIAL else []
        )
        self._show_materials(materials if chosen is None else [])
        picked = self.material.currentData() if chosen is None else chosen
        wanted = [picked] if picked else materials or [None]
        view = self.supply_view.currentData() or "domestic"
        self.explanations = [explain_result(self.result, year, stage, m, view) for m in wanted]
        self.lines = "\n\n".join(str(e) for e in self.explanations).split("\n")
        name = record.name if record else stage
        what = f"Target {subject}: " if kind == "target" else ""
        self.subject_label.setText(f"{what}{name}, {year}, {scenario}")
        return "".join(explain_html.explanation_html(e, plan) for e in self.explanations)

    def _show_materials(self, materials: list[str]) -> None:
        current = self.material.currentData()
        items = [("Each material", EVERY_MATERIAL)] + [(m, m) for m in materials]
        if [
            (self.material.itemText(i), self.material.itemData(i)) for i in range(self.material.count())
        ] != items:
            self.material.blockSignals(True)
            self.material.clear()
            for text, data in items:
                self.material.addItem(text, data)
            self.material.setCurrentIndex(max(0, self.material.findData(current)))
            self.material.blockSignals(False)
        self.material.setVisible(bool(materials))

    # -- links and copying -----------------------------------------------------------

    def _on_browser_anchor_clicked(self, url: QUrl) -> None:
        """A facility's link selects it (canvas, tables, timeline, inspector)."""
        if url.scheme() != "facility" or self.document is None:
            return
        wanted = id_key(url.path() or url.host())
        rows = [i for i, f in enumerate(self.document.plan.facilities) if id_key(f.id) == wanted]
        if rows:
            self.document.set_selection("facilities", rows[:1])

    def text(self) -> str:
        """What is explained, as ``reeplanner-cli explain`` prints it."""
        return "\n".join(self.lines)

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.text() + "\n")

    def data_table(self) -> tuple[list[str], list[list[object]]]:
        """The capacity of each contributing facility, then each figure's total; for a facility or a
        floor, the explanation's lines."""
        if not self.explanations:
            return ["Explanation"], [[line] for line in self.lines]
        header = ["Material", "Figure", "Facility", "Nameplate (t)", "Share", "Capacity factor", "Risk factor",
                  "Ramp share", "Tonnes"]  # fmt: skip
        rows: list[list[object]] = []
        for e in self.explanations:
            for c in e.capacity:
                rows.append([e.material, "capacity", c.facility, c.nameplate, c.share, c.capacity_factor,
                             c.risk_factor, c.ramp_share, c.effective])  # fmt: skip
            rows.append(
                [e.material, "effective capacity", "", None, None, None, None, None, e.capacity_total]
            )
            rows.append([e.material, "requirement", "", None, None, None, None, None, e.requirement_total])
            if e.output is not None:
                rows.append(
                    [e.material, f"output ({e.view})", "", None, None, None, None, None, e.output.output]
                )
        return header, rows
