"""Requirement (backwards from demand) and output (forwards from the mine) along the chain.

Loops run over the few stages; each step is vectorised over materials and
years. Arrays are ``(lanes, years)`` (see ``chain``); recycled material is
``(stages, materials, years)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reeplanner.engine.chain import Chain

#: Relative tolerance when two stages cover the same fraction of their requirement.
TIE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class ForwardPass:
    output: np.ndarray  # (L, Y)
    taken: np.ndarray  # (L, Y) what the next stage took from this stage's output
    input_limit: np.ndarray  # (L, Y) the input side of the stage's min(); inf on the first stage
    scarcest: np.ndarray  # (Y,) material index limiting the first product stage, -1 when none


def requirement(chain: Chain, direct: np.ndarray, magnet_demand: np.ndarray) -> np.ndarray:
    """(L, Y) requirement; ``direct`` holds every demand row by lane (magnet demand on its lane).

    ``magnet_demand`` is only used when the chain has no product stage: then it
    is converted into the last material stage's materials through magnet content.
    """
    req = direct.copy()
    c = chain.content[:, None]
    y = chain.yields
    p = chain.n_material_stages
    last = chain.magnet_stage
    if not chain.has_product_stage:
        req[chain.lane_slices[last]] += magnet_demand[None, :] * c
    for k in range(last - 1, -1, -1):
        below = req[chain.lane_slices[k + 1]]
        if k == p - 1 and chain.has_product_stage:
            req[chain.lane_slices[k]] += below * c / y[k + 1]
        else:
            req[chain.lane_slices[k]] += below / y[k + 1]
    return req


def forward(chain: Chain, capacity: np.ndarray, recycled: np.ndarray, supply: np.ndarray) -> ForwardPass:
    """Output of every lane; ``supply`` is added to a stage's output before the next stage takes it."""
    out = np.zeros_like(capacity)
    taken = np.zeros_like(capacity)
    limit = np.full_like(capacity, np.inf)
    scarcest = np.full(capacity.shape[1], -1, dtype=int)
    c = chain.content[:, None]
    limiting = chain.content > 0
    p = chain.n_material_stages
    for k in range(chain.n_stages):
        here = chain.lane_slices[k]
        y = chain.yields[k]
        rec = recycled[k]
        if k == 0:
            extra = rec if chain.is_material_stage(k) else product_tonnes(chain, rec)
            out[here] = capacity[here] + extra
        elif chain.is_material_stage(k):
            above = chain.lane_slices[k - 1]
            limit[here] = y * (out[above] + rec)
            out[here] = np.minimum(capacity[here], limit[here])
            taken[above] = np.maximum(0.0, out[here] / y - rec)
        elif k == p:
            above = chain.lane_slices[k - 1]
            if limiting.any():
                with np.errstate(over="ignore"):  # a tiny magnet content: no limit (inf), as it should
                    per_material = y * (out[above][limiting] + rec[limiting]) / c[limiting]
                best = per_material.argmin(axis=0)
                limit[here] = per_material.min(axis=0)
                scarcest = np.flatnonzero(limiting)[best]
            out[here] = np.minimum(capacity[here], limit[here])
            taken[above] = np.maximum(0.0, out[here] * c / y - rec)
        else:
            above = chain.lane_slices[k - 1]
            rec_product = product_tonnes(chain, rec)
            limit[here] = y * (out[above] + rec_product)
            out[here] = np.minimum(capacity[here], limit[here])
            taken[above] = np.maximum(0.0, out[here] / y - rec_product)
        out[here] += supply[here]
    return ForwardPass(out, taken, limit, scarcest)


def product_tonnes(chain: Chain, material: np.ndarray) -> np.ndarray:
    """(1, Y) tonnes of product that per-material tonnes ``(M, Y)`` make: the scarcest through ``c``.

    Zero when no material has magnet content.
    """
    limiting = chain.content > 0
    if not limiting.any():
        return np.zeros((1, material.shape[1]))
    with np.errstate(over="ignore"):  # a tiny magnet content makes a huge (inf) figure, not an error
        return (material[limiting] / chain.content[limiting][:, None]).min(axis=0, keepdims=True)


def magnet_output(chain: Chain, output: np.ndarray) -> np.ndarray:
    """(Y,) tonnes of magnets: the last stage's output (converted through ``c`` on a material-only chain)."""
    last = chain.lane_slices[chain.magnet_stage]
    if chain.has_product_stage:
        return output[last][0]
    return product_tonnes(chain, output[last])[0]


def stranded(chain: Chain, domestic: ForwardPass, req: np.ndarray) -> np.ndarray:
    """(L, Y) output the next domestic stage does not take; on the last stage, output above requirement."""
    result = np.maximum(0.0, domestic.output - domestic.taken)
    last = chain.lane_slices[chain.magnet_stage]
    result[last] = np.maximum(0.0, domestic.output[last] - req[last])
    return result


def coverage(capacity: np.ndarray, req: np.ndarray) -> np.ndarray:
    """(L, Y) capacity / requirement; NaN where the requirement is 0."""
    with np.errstate(all="ignore"):
        return np.where(req > 0, capacity / np.where(req > 0, req, 1.0), np.nan)


def bottleneck(chain: Chain, cover: np.ndarray) -> np.ndarray:
    """(Y,) the stage index whose capacity covers the smallest fraction of its requirement, or -1.

    -1 when every stage covers its requirement; on a tie the most upstream stage.
    """
    filled = np.where(np.isnan(cover), np.inf, cover)
    per_stage = np.stack([filled[chain.lane_slices[k]].min(axis=0) for k in range(chain.n_stages)])
    worst = per_stage.min(axis=0)
    tied = per_stage <= worst * (1 + TIE_TOLERANCE)
    first = tied.argmax(axis=0)
    return np.where(worst < 1.0, first, -1)


def bottleneck_material(chain: Chain, cover: np.ndarray, stage: np.ndarray) -> np.ndarray:
    """(Y,) on a material bottleneck stage, the material that attains its minimum coverage, else -1.

    Ties within ``TIE_TOLERANCE`` (relative) go to the first in Materials order.
    """
    result = np.full(len(stage), -1, dtype=int)
    for y in np.flatnonzero((stage >= 0) & (stage < chain.n_material_stages)):
        per_material = cover[chain.lane_slices[stage[y]], y]
        filled = np.where(np.isnan(per_material), np.inf, per_material)
        worst = filled.min()
        result[y] = int(np.flatnonzero(filled <= worst + TIE_TOLERANCE * abs(worst))[0])
    return result


def share_of(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """``part / whole`` as a fraction; NaN where ``whole`` is 0 (undefined, shown as a dash)."""
    with np.errstate(all="ignore"):
        return np.where(whole > 0, part / np.where(whole > 0, whole, 1.0), np.nan)
