"""Coordination findings: the fragmentation problems a planner should take to a meeting.

- ``gap-without-owner``: a stage with a domestic gap in some year and no owner agency.
- ``several-agencies-no-lead``: a facility funded by two or more agencies (private
  money, agency or instrument PRIVATE, does not count) with no lead agency.
- ``funding-without-facility``: a funding line tied to no facility.
- ``target-without-owner``: a target with no owner agency.
- ``starved-of-feed``: a domestic facility with public funding, online, that runs
  below half its capacity because its stage is held back by the input from the
  stage above (engine.md, facility output); one finding per facility, naming the years.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from reeplanner.engine.facility_output import STARVED_UTILISATION

if TYPE_CHECKING:
    import pandas as pd

    from reeplanner.engine.results import ScenarioArrays

COORDINATION_COLUMNS = ["kind", "subject", "stage", "agency", "year", "message"]
#: A gap smaller than this (t/yr) is rounding, not a shortfall.
GAP_TOLERANCE = 1e-6


def coordination_rows(a: ScenarioArrays) -> list[tuple]:
    """The findings as tuples in ``COORDINATION_COLUMNS`` order, without pandas (the window's views)."""
    rows = _gaps_without_owner(a) + _several_agencies(a) + _funding_without_facility(a)
    return rows + _targets_without_owner(a) + _starved_of_feed(a)


def coordination_frame(a: ScenarioArrays) -> pd.DataFrame:
    import pandas as pd  # on first use: the engine computes without it

    rows = coordination_rows(a)
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(COORDINATION_COLUMNS)
    return pd.DataFrame(
        {
            name: np.array(values, dtype=object)
            for name, values in zip(COORDINATION_COLUMNS, columns, strict=True)
        }
    )


def _gaps_without_owner(a: ScenarioArrays) -> list[tuple]:
    chain = a.prep.chain
    gap = np.maximum(0.0, a.requirement - a.domestic.output)
    rows = []
    for k, stage in enumerate(chain.stages):
        if stage.owner_agency.strip():
            continue
        per_year = gap[chain.lane_slices[k]].sum(axis=0)
        years = np.flatnonzero(per_year > GAP_TOLERANCE)
        if len(years):
            year = int(a.prep.years[years[0]])
            rows.append(
                (
                    "gap-without-owner",
                    stage.id,
                    stage.id,
                    "",
                    year,
                    f"{stage.name} falls {per_year[years[0]]:,.0f} t short of its requirement in {year} "
                    "and no agency owns the stage.",
                )
            )
    return rows


def _several_agencies(a: ScenarioArrays) -> list[tuple]:
    prep, plan = a.prep, a.prep.plan
    lines = np.flatnonzero(a.inputs.funding_present & (prep.funding_facility >= 0) & prep.funding_public)
    if not len(lines):
        return []
    n_agencies = int(prep.funding_agency.max()) + 1
    pairs = np.unique(prep.funding_facility[lines] * n_agencies + prep.funding_agency[lines])
    counts = np.bincount(pairs // n_agencies, minlength=prep.n_facilities)
    crowded = [int(f) for f in np.flatnonzero(counts >= 2) if not plan.facilities[f].lead_agency.strip()]
    lines_of: dict[int, list[int]] = {f: [] for f in crowded}
    for n in lines[np.isin(prep.funding_facility[lines], crowded)]:
        lines_of[int(prep.funding_facility[n])].append(int(n))
    rows = []
    for f, mine in lines_of.items():
        fac = plan.facilities[f]
        agencies = list(dict.fromkeys(plan.funding[n].agency for n in mine))
        year = min(plan.funding[n].year for n in mine)
        rows.append(
            (
                "several-agencies-no-lead",
                fac.id,
                fac.stage,
                ", ".join(agencies),
                year,
                f"{fac.name} is funded by {', '.join(agencies)} and has no lead agency.",
            )
        )
    return rows


def _funding_without_facility(a: ScenarioArrays) -> list[tuple]:
    plan = a.prep.plan
    loose = np.flatnonzero(a.inputs.funding_present & (a.prep.funding_facility < 0))
    rows = []
    for n in loose:
        line = plan.funding[n]
        rows.append(
            (
                "funding-without-facility",
                line.id,
                "",
                line.agency,
                line.year,
                f"Funding {line.id} ({line.amount:,.4g} {plan.currency} from {line.agency}) "
                "is tied to no facility.",
            )
        )
    return rows


def _targets_without_owner(a: ScenarioArrays) -> list[tuple]:
    return [
        (
            "target-without-owner",
            t.id,
            t.stage,
            "",
            t.year,
            f"Target {t.id} ({t.description}) has no owner agency.",
        )
        for t in a.prep.plan.targets
        if not t.owner_agency.strip()
    ]


def _starved_of_feed(a: ScenarioArrays) -> list[tuple]:
    prep, plan = a.prep, a.prep.plan
    starved = a.starved_of_feed
    money = a.public_funding
    utilisation = a.facility_output.utilisation
    chain = a.prep.chain
    rows = []
    for f in np.flatnonzero(starved.any(axis=1)):
        fac = plan.facilities[f]
        years = [int(y) for y in a.prep.years[starved[f]]]
        k = prep.facility_stage[f]
        above = chain.stages[k - 1].name if k > 0 else "the stage above"
        lowest = float(utilisation[f][starved[f]].min())
        rows.append(
            (
                "starved-of-feed",
                fac.id,
                fac.stage,
                fac.lead_agency,
                years[0],
                f"{fac.name} has {money[f]:,.4g} {plan.currency} of public funding but runs below "
                f"{STARVED_UTILISATION:.0%} of its capacity (down to {lowest:.0%}) in {year_ranges(years)} "
                f"for lack of feed from {above}.",
            )
        )
    return rows


def year_ranges(years: list[int]) -> str:
    """``2026-2028, 2031``: runs of consecutive years."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
