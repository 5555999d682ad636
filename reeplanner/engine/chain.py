"""The chain of stages and its lanes: one lane per (material stage, material) and per product stage.

Every per-year figure of the flow (capacity, requirement, output...) is an
array of shape ``(lanes, years)``. A material stage owns one lane per
material, a product stage one lane. RECYCLE is not a stage of the chain.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reeplanner.model.enums import CapacityBasis
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan
from reeplanner.model.problems import PlanError, Problem
from reeplanner.model.records import Stage
from reeplanner.model.validation import RECYCLE_STAGE


@dataclass(frozen=True)
class Chain:
    """Stages upstream first (by Order), materials in plan order, and the lane layout."""

    stages: tuple[Stage, ...]
    materials: tuple[str, ...]
    content: np.ndarray  # (M,) magnet content c[m]
    yields: np.ndarray  # (K,) stage yields Y[s]
    n_material_stages: int  # P: stages 0..P-1 are material stages, P..K-1 product stages
    stage_index: dict[str, int]  # id_key -> k
    material_index: dict[str, int]  # id_key -> m
    lane_slices: tuple[slice, ...]  # per stage k, its lanes
    lane_stage: np.ndarray  # (L,) object: stage ID as written
    lane_material: np.ndarray  # (L,) object: material ID, "" on product stages
    lane_stage_index: np.ndarray  # (L,) int

    @property
    def n_stages(self) -> int:
        return len(self.stages)

    @property
    def n_lanes(self) -> int:
        return len(self.lane_stage)

    @property
    def n_materials(self) -> int:
        return len(self.materials)

    @property
    def has_product_stage(self) -> bool:
        return self.n_material_stages < self.n_stages

    @property
    def magnet_stage(self) -> int:
        """The last stage of the chain: its demand is magnet demand."""
        return self.n_stages - 1

    def is_material_stage(self, k: int) -> bool:
        return k < self.n_material_stages

    def lane(self, k: int, material: str = "") -> int:
        """The lane of stage ``k`` and ``material`` (ignored on product stages)."""
        start = self.lane_slices[k].start
        if not self.is_material_stage(k):
            return start
        return start + self.material_index[id_key(material)]

    def stage_key(self, stage_id: str) -> int | None:
        return self.stage_index.get(id_key(stage_id))


def build_chain(plan: Plan) -> Chain:
    """The chain of ``plan``; ``PlanError`` when it has no stage besides RECYCLE."""
    stages = sorted((s for s in plan.stages if id_key(s.id) != id_key(RECYCLE_STAGE)), key=lambda s: s.order)
    if not stages:
        raise PlanError([Problem("The plan needs at least one stage besides RECYCLE.", "Stages")])
    materials = tuple(m.id for m in plan.materials)
    n_materials = len(materials)
    n_material_stages = sum(1 for s in stages if s.basis is CapacityBasis.MATERIAL)
    slices, lane_stage, lane_material, lane_stage_index = [], [], [], []
    start = 0
    for k, stage in enumerate(stages):
        width = n_materials if k < n_material_stages else 1
        slices.append(slice(start, start + width))
        start += width
        lane_stage += [stage.id] * width
        lane_material += list(materials) if k < n_material_stages else [""]
        lane_stage_index += [k] * width
    return Chain(
        stages=tuple(stages),
        materials=materials,
        content=np.array([m.magnet_content for m in plan.materials], dtype=float),
        yields=np.array([s.process_yield for s in stages], dtype=float),
        n_material_stages=n_material_stages,
        stage_index={id_key(s.id): k for k, s in enumerate(stages)},
        material_index={id_key(m): i for i, m in enumerate(materials)},
        lane_slices=tuple(slices),
        lane_stage=np.array(lane_stage, dtype=object),
        lane_material=np.array(lane_material, dtype=object),
        lane_stage_index=np.array(lane_stage_index, dtype=int),
    )


#: Who takes part in a supply view's pass (engine.md, supply views), per facility.
DOMESTIC, ALLIED, OTHER = 0, 1, 2


@dataclass(frozen=True)
class LaneMap:
    """Which facilities add to which lanes, and with what share: a sparse (facility, lane) list.

    Entries are grouped by lane and, within a lane, by participant group
    (domestic, allied abroad, other abroad), so one ``np.add.reduceat`` gives
    every lane's totals for the three supply views (no BLAS call: its worker
    threads would compete with numpy on a small machine).
    """

    facility: np.ndarray  # (n,) facility index
    lane: np.ndarray  # (n,) target lane, ascending
    share: np.ndarray  # (n,)
    starts: np.ndarray  # (g,) first entry of each (lane, group) block
    group_lane: np.ndarray  # (g,) the block's lane
    group_kind: np.ndarray  # (g,) DOMESTIC, ALLIED or OTHER
    n_lanes: int

    @classmethod
    def from_dense(cls, shares: np.ndarray, participant: np.ndarray) -> LaneMap:
        """``participant``: (F,) each facility's group, DOMESTIC, ALLIED or OTHER."""
        facility, lane = np.nonzero(shares)
        kind = participant[facility]
        order = np.lexsort((kind, lane))
        facility, lane, kind = facility[order], lane[order], kind[order]
        group = lane * 3 + kind
        starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]]) if len(group) else np.zeros(0, int)
        return cls(
            facility, lane, shares[facility, lane], starts, lane[starts], kind[starts], shares.shape[1]
        )

    def totals(self, per_facility: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(n_lanes, Y) three times: the sum of ``share x per_facility`` over domestic facilities, over
        domestic and allied ones, and over all."""
        domestic = np.zeros((self.n_lanes, per_facility.shape[1]))
        if not len(self.lane):
            return domestic, domestic.copy(), domestic.copy()
        parts = per_facility[self.facility]
        parts *= self.share[:, None]
        sums = np.add.reduceat(parts, self.starts, axis=0)
        home = self.group_kind == DOMESTIC
        allied_only = self.group_kind == ALLIED
        other = self.group_kind == OTHER
        domestic[self.group_lane[home]] = sums[home]
        allied = domestic.copy()
        allied[self.group_lane[allied_only]] += sums[allied_only]
        everyone = allied.copy()
        everyone[self.group_lane[other]] += sums[other]
        return domestic, allied, everyone
