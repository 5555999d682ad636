"""The brief's findings: three to five sentences written from the figures, never canned.

Each sentence states only what the figures in the same brief show, with
their numbers, so a reader can check it against the tables.
"""

from __future__ import annotations

import math
from collections import Counter

from reeplanner.formats.brief.figures import ScenarioFigures, TargetOutcome, agency_name
from reeplanner.model import Metric, Plan

MAX_FINDINGS = 5

COORDINATION_KINDS = {
    "gap-without-owner": ("stage with a gap and no owner agency", "stages with a gap and no owner agency"),
    "several-agencies-no-lead": (
        "facility funded by several agencies with no lead",
        "facilities funded by several agencies with no lead",
    ),
    "funding-without-facility": ("funding line with no facility", "funding lines with no facility"),
    "target-without-owner": ("target with no owner agency", "targets with no owner agency"),
}


def tonnes(value: float) -> str:
    return f"{value:,.0f} t/yr"


def percent(fraction: float) -> str:
    return "undefined (no demand)" if math.isnan(fraction) else f"{fraction:.0%}"


def money(amount: float) -> str:
    return f"USD {amount:,.1f} million"


def join(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def findings(plan: Plan, scenarios: list[ScenarioFigures], years: list[int]) -> list[str]:
    """Up to five sentences about the first scenario, and how the others compare with it."""
    lead = scenarios[0]
    sentences = [
        bottleneck_sentence(lead),
        self_sufficiency_sentence(lead, years),
        targets_sentence(lead),
        comparison_sentence(scenarios, years[0]),
        funding_sentence(plan, lead),
        coordination_sentence(lead),
    ]
    return [s for s in sentences if s][:MAX_FINDINGS]


def bottleneck_sentence(figures: ScenarioFigures) -> str:
    horizon = f"{figures.years[0]} to {figures.years[-1]}"
    if figures.bottlenecks:
        first, *rest = figures.bottlenecks[:3]
        text = f"{first.stage} is the bottleneck {first.years_text}"
        if rest:
            text += ", then " + join([f"{run.stage} {run.years_text}" for run in rest])
    else:
        text = f"No stage limits domestic magnet output: every stage's capacity covers its requirement from {horizon}"
    if figures.stranded is not None:
        s = figures.stranded
        what = f"{s.stage} output" + (f" ({s.material})" if s.material else "")
        text += f"; {tonnes(s.tonnes)} of domestic {what} is stranded in {s.year}, with no domestic stage to take it"
    return text + "."


def self_sufficiency_sentence(figures: ScenarioFigures, years: list[int]) -> str:
    parts = []
    for year in years[:3]:
        share = figures.self_sufficiency(year)
        if math.isnan(share):
            parts.append(f"there is no magnet demand in {year}")
        else:
            parts.append(
                f"{percent(share)} of demand in {year} "
                f"({figures.output(year):,.0f} of {tonnes(figures.demand(year))})"
            )
    return f"Domestic magnet output covers {join(parts)}."


def target_phrase(outcome: TargetOutcome) -> str:
    if outcome.met:
        return f"'{outcome.description}' ({outcome.year}) is met in {outcome.year_met}"
    if outcome.metric == Metric.SELF_SUFFICIENCY:
        short = f"{outcome.shortfall:,.0f} percentage points"
    else:
        short = tonnes(outcome.shortfall)
    later = (
        f"met only in {outcome.year_met}" if outcome.year_met is not None else "not met within the horizon"
    )
    return f"'{outcome.description}' ({outcome.year}) is missed by {short} ({later})"


def targets_sentence(figures: ScenarioFigures) -> str:
    if not figures.targets:
        return ""
    met = sum(outcome.met for outcome in figures.targets)
    total = len(figures.targets)
    shown = sorted(figures.targets, key=lambda o: (o.met, o.year))[:3]
    return f"{met} of {total} target{'s' if total != 1 else ''} met on time: {join([target_phrase(o) for o in shown])}."


def comparison_sentence(scenarios: list[ScenarioFigures], year: int) -> str:
    if len(scenarios) < 2:
        return ""
    parts = [f"{percent(s.self_sufficiency(year))} in {s.name}" for s in scenarios[:6]]
    return f"In {year}, magnet self-sufficiency is {join(parts)}."


def funding_sentence(plan: Plan, figures: ScenarioFigures) -> str:
    total = figures.public_funding_total
    if not figures.public_funding:
        return "The plan holds no public funding lines."
    agency, amount = next(iter(figures.public_funding.items()))
    share = amount / total if total else math.nan
    count = len(figures.public_funding)
    return (
        f"Public funding totals {money(total)} from {count} agenc{'ies' if count != 1 else 'y'}; "
        f"the largest is {agency_name(plan, agency)} with {money(amount)} ({percent(share)})."
    )


def coordination_sentence(figures: ScenarioFigures) -> str:
    kinds = Counter(str(kind) for kind in figures.coordination["kind"])
    if not kinds:
        return ""
    parts = []
    for kind, count in kinds.items():
        singular, plural = COORDINATION_KINDS.get(kind, (kind, kind))
        parts.append(f"{count} {singular if count == 1 else plural}")
    total = sum(kinds.values())
    return f"Coordination: {total} finding{'s' if total != 1 else ''}, {join(parts)}."
