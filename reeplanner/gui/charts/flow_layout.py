"""Where the flow chart's nodes and bands go: pure geometry from one scenario's arrays and year.

Data coordinates: ``x`` is the stage's position in the chain (the magnet demand one column after
the last stage), ``y`` is tonnes per year. A lane's node is as tall as its domestic output. Its top
part is the band the next stage takes (``taken``); its bottom part is the stranded output, which
leaves the chain to the right. Imports (allied, then other) and recycled material enter a lane
from the left, stacked above its node. The demand column splits magnet demand into what domestic
output, allied supply and other imports meet, and what is unmet. Every height is an engine figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reeplanner.engine.results import ScenarioArrays

NODE_WIDTH = 0.12
LEAVE_LENGTH = 0.34  # how far a stranded band runs to the right before it ends
ENTER_LENGTH = 0.3  # how far left of its node an import or recycled band starts
GAP_SHARE = 0.02  # space between a column's lanes, as a share of the tallest column

#: Less than this (t/yr) is rounding, not a flow worth a band.
SMALLEST = 1e-6

#: Kinds of block, in the legend's order.
DOMESTIC, STRANDED, ALLIED, OTHER, RECYCLED, UNMET = (
    "domestic",
    "stranded",
    "allied",
    "other",
    "recycled",
    "unmet",
)
KIND_TEXT = {
    DOMESTIC: "Domestic output, flow",
    STRANDED: "Stranded: leaves",
    ALLIED: "Allied imports",
    OTHER: "Other imports",
    RECYCLED: "Recycled material",
    UNMET: "Unmet demand",
}


@dataclass(frozen=True)
class Node:
    kind: str
    stage: int  # chain stage index; the demand column has ``n_stages``
    lane: int  # -1 in the demand column
    x: float
    y0: float
    tonnes: float
    label: str


@dataclass(frozen=True)
class Band:
    """A ribbon from ``(x0, y0 .. y0 + width0)`` to ``(x1, y1 .. y1 + width1)``."""

    kind: str
    stage: int  # the stage it belongs to (the one it leaves, or enters for imports)
    lane: int
    x0: float
    y0: float
    x1: float
    y1: float
    tonnes: float
    width1: float  # the width where it ends (tapered ends of stranded bands: 0)
    label: str


@dataclass(frozen=True)
class FlowLayout:
    nodes: list[Node]
    bands: list[Band]
    columns: list[str]  # stage names, then "Magnet demand"
    top: float  # the tallest column, tonnes


def flow_layout(a: ScenarioArrays, y: int) -> FlowLayout:
    """Nodes and bands of the domestic pass in year position ``y``."""
    chain = a.prep.chain
    out, taken = a.domestic.output[:, y], a.domestic.taken[:, y]
    stranded, recycled = a.stranded[:, y], a.recycled_by_lane[:, y]
    allied, other = a.allied_imports[:, y], a.other_imports[:, y]
    cover = a.demand_cover[:, y]
    top = flow_top(a)
    gap = top * GAP_SHARE
    nodes: list[Node] = []
    bands: list[Band] = []
    lane_y0: dict[int, float] = {}
    for k in range(chain.n_stages):
        level = 0.0
        for lane in range(chain.lane_slices[k].start, chain.lane_slices[k].stop):
            material = chain.lane_material[lane]
            lane_y0[lane] = level
            nodes.append(Node(DOMESTIC, k, lane, float(k), level, float(out[lane]), material))
            if stranded[lane] > SMALLEST and k < chain.magnet_stage:
                bands.append(_leaving(k, lane, level, float(stranded[lane]), material))
            level += float(out[lane])
            for kind, tonnes in ((ALLIED, allied[lane]), (OTHER, other[lane]), (RECYCLED, recycled[lane])):
                if tonnes > SMALLEST:
                    nodes.append(Node(kind, k, lane, float(k), level, float(tonnes), material))
                    bands.append(_entering(kind, k, lane, level, float(tonnes), material))
                    level += float(tonnes)
            level += gap
    for k in range(1, chain.n_stages):
        landing = {
            lane: lane_y0[lane] for lane in range(chain.lane_slices[k].start, chain.lane_slices[k].stop)
        }
        for lane in range(chain.lane_slices[k - 1].start, chain.lane_slices[k - 1].stop):
            if taken[lane] <= SMALLEST:
                continue
            material = chain.lane_material[lane]
            target = chain.lane(k, material) if chain.is_material_stage(k) else chain.lane_slices[k].start
            start = lane_y0[lane] + float(out[lane] - taken[lane])
            bands.append(
                Band(
                    DOMESTIC,
                    k - 1,
                    lane,
                    k - 1 + NODE_WIDTH / 2,
                    start,
                    k - NODE_WIDTH / 2,
                    landing[target],
                    float(taken[lane]),
                    float(taken[lane]),
                    material,
                )  # fmt: skip
            )
            landing[target] += float(taken[lane])
    _demand_column(chain, a, y, cover, lane_y0, nodes, bands)
    columns = [s.name or s.id for s in chain.stages] + ["Demand"]
    return FlowLayout(nodes, bands, columns, top)


def flow_top(a: ScenarioArrays) -> float:
    """The tallest column of any year (t/yr, with the gaps between lanes): the axis keeps still
    while the year slider moves."""
    chain = a.prep.chain
    stacked = a.domestic.output + a.allied_imports + a.other_imports + a.recycled_by_lane
    tallest = float(a.demand_cover.sum(axis=0).max(initial=0.0))
    for k in range(chain.n_stages):
        here = chain.lane_slices[k]
        lanes = here.stop - here.start
        column = stacked[here].sum(axis=0).max(initial=0.0)
        tallest = max(tallest, float(column) * (1 + GAP_SHARE * lanes))
    return max(tallest, 1.0)


def _leaving(k: int, lane: int, level: float, tonnes: float, material: str) -> Band:
    x0 = k + NODE_WIDTH / 2
    return Band(STRANDED, k, lane, x0, level, x0 + LEAVE_LENGTH, level, tonnes, 0.0, material)


def _entering(kind: str, k: int, lane: int, level: float, tonnes: float, material: str) -> Band:
    x1 = k - NODE_WIDTH / 2
    return Band(kind, k, lane, x1 - ENTER_LENGTH, level, x1, level, tonnes, tonnes, material)


def _demand_column(chain, a, y, cover, lane_y0, nodes, bands) -> None:
    k = chain.n_stages
    magnet = chain.lane_slices[chain.magnet_stage]
    last = magnet.start
    level = 0.0
    for kind, tonnes in zip((DOMESTIC, ALLIED, OTHER, UNMET), cover, strict=True):
        nodes.append(Node(kind, k, -1, float(k), level, float(tonnes), ""))
        level += float(tonnes)
    if magnet.stop - magnet.start == 1 and cover[0] > 0:
        met = float(cover[0])
        out = float(a.domestic.output[last, y])
        start = lane_y0[last] + out - met
        bands.append(
            Band(
                DOMESTIC,
                chain.magnet_stage,
                last,
                k - 1 + NODE_WIDTH / 2,
                start,
                k - NODE_WIDTH / 2,
                0.0,
                met,
                met,
                "",
            )
        )
    surplus = float(a.stranded[last, y])
    if surplus > SMALLEST:
        bands.append(_leaving(chain.magnet_stage, last, lane_y0[last], surplus, ""))
