"""Gap by stage: each stage's requirement against domestic output, allied output and output with
imports, for the selected scenario and year.

Material stages (tonnes of contained material) and product stages (tonnes of product) are two
plots with their own axes, so the two kinds of tonnes never share an axis. Material stages show
one material at a time (the selector). The bottleneck stage is shaded and labelled with its
material. A toggle shows tonnes or percent of the requirement covered.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from reeplanner.gui.charts.chart_base import ChartBase

#: The four bars of a stage: key, legend text, Okabe-Ito colour (None: hollow, in the text colour).
SERIES = (
    ("requirement", "Requirement", None),
    ("domestic", "Domestic output", "blue"),
    ("allied", "With allied supply", "sky_blue"),
    ("with_imports", "With all imports", "orange"),
)
BAR_WIDTH = 0.19
OFFSETS = (-0.3, -0.1, 0.1, 0.3)
TONNES, PERCENT = "t", "%"


@dataclass
class _Panel:
    """One plot: the stages it shows (chain indexes) and its items."""

    plot: pg.PlotItem
    stages: list[int]
    bars: dict[str, pg.BarGraphItem]
    shade: pg.BarGraphItem
    label: pg.TextItem


class GapChart(ChartBase):
    name = "gap"
    title = "Gap by stage"
    stage_selected = Signal(str)  # stage ID: a stage's bars were clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.material = QComboBox()
        self.material.setObjectName("gap-material")
        self.material.setToolTip("The material the material stages show")
        self.measure = QComboBox()
        self.measure.setObjectName("gap-measure")
        self.measure.addItem("Tonnes per year", TONNES)
        self.measure.addItem("% of requirement covered", PERCENT)
        self.controls.addWidget(QLabel("Material"))
        self.controls.addWidget(self.material)
        self.controls.addSpacing(8)
        self.controls.addWidget(self.measure)
        self.controls.addStretch(1)
        self.material.currentIndexChanged.connect(lambda _i: self.redraw())
        self.measure.currentIndexChanged.connect(lambda _i: self.redraw())
        self.panels = {
            "material": self._make_panel(0, "Material stages"),
            "product": self._make_panel(1, "Product stages"),
        }
        self.graphics.ci.layout.setColumnStretchFactor(0, 3)
        self.graphics.ci.layout.setColumnStretchFactor(1, 2)
        legend = self.add_legend(1, 0, colspan=2, columns=2)
        for key, text, _colour in SERIES:
            legend.addItem(self.panels["product"].bars[key], text)
        self.style_legends()
        self._stage_names: list[str] = []

    # -- building ------------------------------------------------------------

    def _make_panel(self, col: int, title: str) -> _Panel:
        plot = self.add_plot(0, col, title, "")
        shade = pg.BarGraphItem(x=[], height=[], width=0.96, brush=self.palette_.highlight, pen=None)
        shade.setZValue(-10)
        plot.addItem(shade)
        bars = {}
        for (key, _text, _colour), offset in zip(SERIES, OFFSETS, strict=True):
            bar = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH)
            bar.offset = offset
            plot.addItem(bar)
            bars[key] = bar
        label = pg.TextItem(anchor=(0.0, 0.0))
        plot.addItem(label)
        return _Panel(plot, [], bars, shade, label)

    def _bar_style(self, key: str) -> dict:
        pal = self.palette_
        colour = dict((k, c) for k, _t, c in SERIES)[key]
        if colour is None:
            return {"brush": pg.mkBrush(0, 0, 0, 0), "pen": pg.mkPen(pal.text, width=1.5)}
        return {"brush": pg.mkBrush(pal.colour(colour)), "pen": pg.mkPen(pal.background, width=0.5)}

    # -- drawing -------------------------------------------------------------

    @property
    def unit(self) -> str:
        return self.measure.currentData() or TONNES

    def redraw(self) -> None:
        result, y = self.result, self.year_index
        if result is None or y is None:
            self._clear("No figures for this year." if result is not None else "No figures yet.")
            return
        chain = result.arrays.prep.chain
        self._fill_materials(chain.materials)
        self._stage_names = [s.name or s.id for s in chain.stages]
        material_stages = list(range(chain.n_material_stages))
        product_stages = list(range(chain.n_material_stages, chain.n_stages))
        material = self.material.currentText()
        percent = self.unit == PERCENT
        self.panels["material"].stages = material_stages
        self.panels["product"].stages = product_stages
        self._draw_panel(self.panels["material"], result, y, material)
        self._draw_panel(self.panels["product"], result, y, "")
        mat_title = f"Material stages: {material}" if material_stages else "No material stages"
        product_title = "Product stages" if product_stages else "No product stages"
        self.set_axis(self.panels["material"].plot, "bottom", title=mat_title)
        self.set_axis(self.panels["product"].plot, "bottom", title=product_title)
        if percent:
            self.set_axis(self.panels["material"].plot, "left", title="% of requirement covered")
            self.set_axis(self.panels["product"].plot, "left", title="% of requirement covered")
        else:
            self.set_axis(self.panels["material"].plot, "left", title=f"t/yr contained {material}")
            self.set_axis(self.panels["product"].plot, "left", title="t/yr of product")
        name = result.scenario_name or result.scenario_id
        self.note.setText(f"{name}, {self.year}. Domestic figures; bottleneck shaded.")

    def _fill_materials(self, materials: tuple[str, ...]) -> None:
        if tuple(self.material.itemText(i) for i in range(self.material.count())) == materials:
            return
        current = self.material.currentText()
        self.material.blockSignals(True)
        self.material.clear()
        self.material.addItems(list(materials))
        if current in materials:
            self.material.setCurrentText(current)
        self.material.blockSignals(False)

    def lanes(self, panel: _Panel, material: str) -> list[int]:
        """The lane of each stage of ``panel`` (for ``material`` on material stages)."""
        chain = self.result.arrays.prep.chain
        lanes = []
        for k in panel.stages:
            lanes.append(
                chain.lane(k, material) if chain.is_material_stage(k) and material else chain.lane(k)
            )
        return lanes

    def values(self, lanes: list[int], y: int) -> dict[str, np.ndarray]:
        """The four series for ``lanes`` in year position ``y``, in the unit on show (engine figures)."""
        a = self.result.arrays
        if self.unit == PERCENT:
            cover = a.output_coverage[:, lanes, y] * 100
            requirement = np.where(a.requirement[lanes, y] > 0, 100.0, np.nan)
            return {
                "requirement": requirement,
                "domestic": cover[0],
                "allied": cover[1],
                "with_imports": cover[2],
            }
        return {
            "requirement": a.requirement[lanes, y],
            "domestic": a.domestic.output[lanes, y],
            "allied": a.allied.output[lanes, y],
            "with_imports": a.with_imports.output[lanes, y],
        }

    def _draw_panel(self, panel: _Panel, result, y: int, material: str) -> None:
        lanes = self.lanes(panel, material)
        xs = np.arange(len(lanes), dtype=float)
        values = self.values(lanes, y)
        top = 0.0
        for key, bar in panel.bars.items():
            heights = np.nan_to_num(values[key], nan=0.0)
            bar.setOpts(x=xs + bar.offset, height=heights, width=BAR_WIDTH, **self._bar_style(key))
            top = max(top, float(heights.max(initial=0.0)))
        top = self._top(lanes, top) * 1.18 or 1.0
        ticks = [[(float(i), self._stage_names[k]) for i, k in enumerate(panel.stages)]]
        self.set_axis(panel.plot, "bottom", ticks=ticks)
        bottleneck = int(result.arrays.bottleneck[y])
        if bottleneck in panel.stages:
            i = panel.stages.index(bottleneck)
            panel.shade.setOpts(x=[float(i)], height=[top], width=0.96, brush=self.palette_.highlight)
            panel.label.setText(self.bottleneck_text(y), color=self.palette_.shortfall)
            if i == len(panel.stages) - 1 and i > 0:  # the last stage: the text ends at the band's right
                panel.label.setAnchor((1.0, 0.0))
                panel.label.setPos(float(i) + 0.48, top)
            else:
                panel.label.setAnchor((0.0, 0.0))
                panel.label.setPos(float(i) - 0.48, top)
            panel.label.show()
        else:
            panel.shade.setOpts(x=[], height=[])
            panel.label.hide()
        self.set_ranges(panel.plot, (-0.6, max(len(lanes), 1) - 0.4), (0, top))

    def _top(self, lanes: list[int], this_year: float) -> float:
        """The axis's top: in tonnes the largest bar of any year (the axis keeps still while the
        year slider moves); in percent this year's, at least 100%."""
        if self.unit == PERCENT:
            return max(this_year, 100.0)
        a = self.result.arrays
        passes = (a.requirement, a.domestic.output, a.allied.output, a.with_imports.output)
        return max([this_year] + [float(np.nanmax(p[lanes], initial=0.0)) for p in passes])

    def bottleneck_text(self, y: int) -> str:
        a = self.result.arrays
        k, m = int(a.bottleneck[y]), int(a.bottleneck_material[y])
        if k < 0:
            return ""
        chain = a.prep.chain
        return f"Bottleneck ({chain.materials[m]})" if m >= 0 else "Bottleneck"

    def _clear(self, text: str) -> None:
        for panel in self.panels.values():
            for bar in panel.bars.values():
                bar.setOpts(x=[], height=[])
            panel.shade.setOpts(x=[], height=[])
            panel.label.hide()
        self.note.setText(text)

    # -- reading it ----------------------------------------------------------

    def _group_at(self, scene_pos: QPointF) -> tuple[_Panel, int] | None:
        for panel in self.panels.values():
            if not panel.plot.sceneBoundingRect().contains(scene_pos):
                continue
            point = panel.plot.vb.mapSceneToView(scene_pos)
            i = round(point.x())
            if 0 <= i < len(panel.stages) and abs(point.x() - i) <= 0.48:
                return panel, i
        return None

    def hover_text(self, scene_pos: QPointF) -> str | None:
        found = self._group_at(scene_pos) if self.result is not None else None
        y = self.year_index
        if found is None or y is None:
            return None
        panel, i = found
        k = panel.stages[i]
        chain = self.result.arrays.prep.chain
        material = self.material.currentText() if chain.is_material_stage(k) else ""
        lane = self.lanes(panel, material)[i]
        return self._figures_text(k, lane, y)

    def _figures_text(self, k: int, lane: int, y: int) -> str:
        a = self.result.arrays
        chain = a.prep.chain
        material = chain.lane_material[lane]
        unit = f"t/yr of {material}" if material else "t/yr of product"
        title = f"{self._stage_names[k]}{f' ({material})' if material else ''}, {self.year}"
        lines = [f"<b>{title}</b>"]
        requirement = a.requirement[lane, y]
        for (key, text, _c), cover in zip(SERIES[1:], a.output_coverage[:, lane, y], strict=True):
            value = {"domestic": a.domestic, "allied": a.allied, "with_imports": a.with_imports}[key]
            share = "" if math.isnan(cover) else f" ({cover:.0%})"
            lines.append(f"{text}: {value.output[lane, y]:,.1f} {unit}{share}")
        lines.insert(1, f"Requirement: {requirement:,.1f} {unit}")
        gap = a.gap[lane, y]
        lines.append(f"{'Shortfall' if gap > 0 else 'Surplus'} (domestic): {abs(gap):,.1f} {unit}")
        if int(a.bottleneck[y]) == k:
            lines.append(self.bottleneck_text(y))
        return "<br>".join(lines)

    def click(self, scene_pos: QPointF) -> None:
        found = self._group_at(scene_pos) if self.result is not None else None
        if found is not None:
            panel, i = found
            self.stage_selected.emit(self.result.arrays.prep.chain.stages[panel.stages[i]].id)

    def data_table(self) -> tuple[list[str], list[list[object]]]:
        """Every lane of the chain in the year (all materials), in tonnes or percent as on show."""
        percent = self.unit == PERCENT
        unit = "%" if percent else "t/yr"
        header = [
            "Scenario",
            "Year",
            "Stage",
            "Material",
            f"Requirement ({unit})",
            f"Domestic output ({unit})",
            f"With allied supply ({unit})",
            f"With all imports ({unit})",
            "Tonnes of",
            "Bottleneck",
        ]
        y = self.year_index
        if self.result is None or y is None:
            return header, []
        a = self.result.arrays
        chain = a.prep.chain
        lanes = list(range(chain.n_lanes))
        values = self.values(lanes, y)
        bottleneck = int(a.bottleneck[y])
        rows = []
        for lane in lanes:
            k = int(chain.lane_stage_index[lane])
            material = str(chain.lane_material[lane])
            flagged = k == bottleneck and (
                not material or int(a.bottleneck_material[y]) == chain.materials.index(material)
            )
            rows.append(
                [
                    self.result.scenario_id,
                    self.year,
                    chain.stages[k].id,
                    material,
                    *(float(values[key][lane]) for key, _t, _c in SERIES),
                    material or "product",
                    "yes" if flagged else "",
                ]
            )
        return header, rows
