"""Flow, mine to magnet: a Sankey-style picture of the domestic pass for the selected year.

Nodes are as tall as each lane's domestic output; bands carry what the next stage takes; stranded
output leaves the chain to the right; allied and other imports and recycled material enter from
the left; the last column splits magnet demand into what is met (at home, with allied supply, with
other imports) and what is unmet. Heights are tonnes per year on the left axis (tonnes of
contained material on material stages, of product on product stages). Clicking a node or a band
selects its stage.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsRectItem, QWidget

from reeplanner.gui.charts.chart_base import ChartBase
from reeplanner.gui.charts.flow_layout import (
    ALLIED,
    DOMESTIC,
    KIND_TEXT,
    NODE_WIDTH,
    OTHER,
    RECYCLED,
    STRANDED,
    UNMET,
    Band,
    FlowLayout,
    Node,
    flow_layout,
)

KIND_COLOUR = {
    DOMESTIC: "blue",
    STRANDED: "reddish_purple",
    ALLIED: "sky_blue",
    OTHER: "orange",
    RECYCLED: "bluish_green",
    UNMET: "vermillion",
}


#: What a row of the data table is (Copy data, .tsv).
TABLE_TEXT = {
    DOMESTIC: "Domestic output",
    STRANDED: "Stranded: leaves the chain",
    ALLIED: "Allied imports enter",
    OTHER: "Other imports enter",
    RECYCLED: "Recycled material enters",
}


class FlowChart(ChartBase):
    name = "flow"
    title = "Flow, mine to magnet"
    stage_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = self.add_plot(0, 0, "Stage (domestic pass)", "t/yr (band height)")
        self.plot.showGrid(x=False, y=False)
        self.layout_: FlowLayout | None = None
        self.node_items: list[QGraphicsRectItem] = []
        self.band_items: list[QGraphicsPathItem] = []
        self.labels: list[pg.TextItem] = []
        self.legend = self.add_legend(1, 0, columns=2)
        for kind, text in KIND_TEXT.items():
            self.legend.addItem(
                pg.BarGraphItem(x=[0], height=[1], width=1, brush=self.palette_.colour(KIND_COLOUR[kind])),
                text,
            )
        self.style_legends()

    def palette_changed(self) -> None:
        for (sample, _label), kind in zip(self.legend.items, KIND_TEXT, strict=True):
            sample.item.setOpts(brush=self.palette_.colour(KIND_COLOUR[kind]))

    def redraw(self) -> None:
        y = self.year_index
        if self.result is None or y is None:
            self.layout_ = None
            self._pool(self.node_items, 0, self._new_node)
            self._pool(self.band_items, 0, self._new_band)
            self._pool(self.labels, 0, self._new_label)
            self.note.setText("No figures yet." if self.result is None else "No figures for this year.")
            return
        layout = self.layout_ = flow_layout(self.result.arrays, y)
        pal = self.palette_
        nodes = [n for n in layout.nodes if n.tonnes > 0]
        self._pool(self.node_items, len(nodes), self._new_node)
        for item, node in zip(self.node_items, nodes, strict=False):
            colour = pal.colour(KIND_COLOUR[node.kind])
            item.setRect(QRectF(node.x - NODE_WIDTH / 2, node.y0, NODE_WIDTH, node.tonnes))
            item.setBrush(pg.mkBrush(colour))
            item.setPen(pg.mkPen(colour, width=1, cosmetic=True))
            item.node = node
        self._pool(self.band_items, len(layout.bands), self._new_band)
        for item, band in zip(self.band_items, layout.bands, strict=False):
            colour = pal.colour(KIND_COLOUR[band.kind])
            item.setPath(_ribbon(band))
            fill = pg.mkColor(colour)
            fill.setAlpha(110 if band.kind == DOMESTIC else 150)
            item.setBrush(pg.mkBrush(fill))
            pen = pg.mkPen(colour, width=1)
            pen.setCosmetic(True)
            item.setPen(pen)
            item.band = band
        labelled = [n for n in nodes if n.kind == DOMESTIC and n.label and n.tonnes >= layout.top * 0.04]
        self._pool(self.labels, len(labelled), self._new_label)
        for label, node in zip(self.labels, labelled, strict=False):
            label.setText(node.label, color=pal.text)
            label.setPos(node.x - NODE_WIDTH / 2, node.y0 + node.tonnes / 2)
        self.set_axis(
            self.plot, "bottom", ticks=[[(float(i), name) for i, name in enumerate(layout.columns)]]
        )
        # Room left of the first column for its label ("NdPr"), which stands left of the node.
        self.set_ranges(self.plot, (-0.85, len(layout.columns) - 0.45), (0, layout.top * 1.04))
        a = self.result.arrays
        unmet = float(a.demand_cover[3, y])
        name = self.result.scenario_name or self.result.scenario_id
        self.note.setText(
            f"{name}, {self.year}: material stages in t of contained material, product stages in t of product. "
            f"Unmet magnet demand {unmet:,.0f} t/yr."
        )

    def _pool(self, items: list, count: int, make) -> None:
        while len(items) < count:
            item = make()
            self.plot.addItem(item)
            items.append(item)
        for i, item in enumerate(items):
            item.setVisible(i < count)

    @staticmethod
    def _new_node() -> QGraphicsRectItem:
        item = QGraphicsRectItem()
        item.setZValue(5)
        return item

    @staticmethod
    def _new_band() -> QGraphicsPathItem:
        item = QGraphicsPathItem()
        item.setZValue(2)
        return item

    @staticmethod
    def _new_label() -> pg.TextItem:
        item = pg.TextItem(anchor=(1.05, 0.5))
        item.setZValue(8)
        return item

    # -- reading it ----------------------------------------------------------

    def _piece_at(self, scene_pos: QPointF) -> Node | Band | None:
        if self.layout_ is None or not self.plot.sceneBoundingRect().contains(scene_pos):
            return None
        point = self.plot.vb.mapSceneToView(scene_pos)
        for item in self.node_items:
            if item.isVisible() and item.rect().contains(point):
                return item.node
        for item in reversed(self.band_items):
            if item.isVisible() and item.path().contains(point):
                return item.band
        return None

    def hover_text(self, scene_pos: QPointF) -> str | None:
        piece = self._piece_at(scene_pos)
        return None if piece is None else self.describe(piece)

    def describe(self, piece: Node | Band) -> str:
        chain = self.result.arrays.prep.chain
        columns = self.layout_.columns
        unit = f"t/yr of {piece.label}" if piece.label else "t/yr"
        if (
            piece.stage < chain.n_stages
            and not chain.is_material_stage(piece.stage)
            and piece.kind != STRANDED
        ):
            unit = "t/yr of product"
        where = columns[piece.stage]
        if isinstance(piece, Band) and piece.kind == DOMESTIC:
            where = f"{columns[piece.stage]} → {columns[piece.stage + 1]}"
        text = {
            DOMESTIC: "Domestic output" if isinstance(piece, Node) else "Taken by the next stage",
            STRANDED: "Stranded (no domestic stage takes it)",
            ALLIED: "Allied imports",
            OTHER: "Other imports",
            RECYCLED: "Recycled material",
            UNMET: "Unmet magnet demand",
        }[piece.kind]
        if piece.stage == chain.n_stages and piece.kind != UNMET:
            text = {
                DOMESTIC: "Met by domestic magnets",
                ALLIED: "Met with allied supply",
                OTHER: "Met by other imports",
            }[piece.kind]
        material = f" ({piece.label})" if piece.label else ""
        return f"<b>{where}{material}</b><br>{text}: {piece.tonnes:,.1f} {unit}, {self.year}"

    def click(self, scene_pos: QPointF) -> None:
        piece = self._piece_at(scene_pos)
        chain = self.result.arrays.prep.chain if self.result is not None else None
        if piece is not None and chain is not None:
            k = min(piece.stage, chain.n_stages - 1)
            self.stage_selected.emit(chain.stages[k].id)

    def data_table(self) -> tuple[list[str], list[list[object]]]:
        header = ["Scenario", "Year", "From", "To", "Material", "What", "Tonnes per year", "Tonnes of"]
        if self.layout_ is None:
            return header, []
        chain = self.result.arrays.prep.chain
        columns = self.layout_.columns
        rows = []

        def tonnes_of(stage: int, label: str) -> str:
            if stage >= chain.n_stages or not chain.is_material_stage(stage):
                return "product"
            return label

        for node in self.layout_.nodes:
            if node.kind == DOMESTIC and node.stage < chain.n_stages:
                rows.append(
                    [
                        columns[node.stage],
                        "",
                        node.label,
                        TABLE_TEXT[DOMESTIC],
                        node.tonnes,
                        tonnes_of(node.stage, node.label),
                    ]
                )
            elif node.stage == chain.n_stages:
                what = {
                    DOMESTIC: "Demand met by domestic magnets",
                    ALLIED: "Demand met with allied supply",
                    OTHER: "Demand met by other imports",
                    UNMET: "Unmet demand",
                }[node.kind]
                rows.append(["", columns[node.stage], "", what, node.tonnes, "product"])
        for band in self.layout_.bands:
            if band.kind == DOMESTIC and band.stage + 1 < len(columns) - 1:
                rows.append(
                    [
                        columns[band.stage],
                        columns[band.stage + 1],
                        band.label,
                        "Taken by the next stage",
                        band.tonnes,
                        tonnes_of(band.stage, band.label),
                    ]
                )
            elif band.kind == STRANDED:
                rows.append(
                    [
                        columns[band.stage],
                        "",
                        band.label,
                        TABLE_TEXT[STRANDED],
                        band.tonnes,
                        tonnes_of(band.stage, band.label),
                    ]
                )
            elif band.kind in (ALLIED, OTHER, RECYCLED):
                rows.append(
                    [
                        "",
                        columns[band.stage],
                        band.label,
                        TABLE_TEXT[band.kind],
                        band.tonnes,
                        tonnes_of(band.stage, band.label),
                    ]
                )
        sid = self.result.scenario_id
        return header, [[sid, self.year, *row] for row in rows]


def _ribbon(band: Band) -> QPainterPath:
    """A band as a ribbon: two cubic curves between its ends, closed."""
    path = QPainterPath()
    mid = (band.x0 + band.x1) / 2
    top0, top1 = band.y0 + band.tonnes, band.y1 + band.width1
    path.moveTo(band.x0, band.y0)
    path.cubicTo(mid, band.y0, mid, band.y1, band.x1, band.y1)
    if band.kind == STRANDED:  # a tapered end: it leaves the chain
        path.lineTo(band.x1 + 0.06, (band.y0 + top0) / 2)
    path.lineTo(band.x1, top1 if band.kind != STRANDED else top0)
    path.cubicTo(mid, top1 if band.kind != STRANDED else top0, mid, top0, band.x0, top0)
    path.closeSubpath()
    return path
