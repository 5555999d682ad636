"""Page 1's "Decisions for leadership": sentences written from the lead scenario's coordination
findings (engine.md) and gaps, each naming what to decide, where, and the figure behind it.

- the binding constraint's shortfall and who owns its stage;
- stages with a gap and no owner agency, with their shortfall per material in a year that matters;
- publicly funded plants starved of feed, with the public money on them;
- facilities funded by several agencies with no lead; funding tied to no plant;
- targets with no owner (official ones named; illustrative ones only counted: they stay off page 1).
"""

from __future__ import annotations

from reeplanner.engine.constraints import ranked_constraints, stage_coverage
from reeplanner.formats.brief.context import BriefContext
from reeplanner.formats.brief.figures import agency_name, stage_name
from reeplanner.formats.brief.wording import join, money, plural, tonnes
from reeplanner.model import id_key
from reeplanner.model.validation import RECYCLE_STAGE

MAX_DECISIONS = 5
#: Less than half a tonne short is rounding, not a gap.
GAP_TOLERANCE = 0.5
NAMED_PLANTS = 3


def decisions(context: BriefContext) -> list[str]:
    """At most ``MAX_DECISIONS`` sentences, the binding constraint first."""
    findings = context.lead.coordination
    kinds = [str(k) for k in findings["kind"]]
    rows = {kind: findings[[k == kind for k in kinds]] for kind in set(kinds)}
    binding_stage, sentence = _binding(context)
    found = [sentence] if sentence else []
    unowned = rows.get("gap-without-owner")
    if unowned is not None:
        stages = [s for s in unowned["subject"] if id_key(s) != id_key(binding_stage or "")]
        if stages:
            found.append(_owners(context, stages))
    if "starved-of-feed" in rows:
        found.append(_starved(context, rows["starved-of-feed"]))
    if "several-agencies-no-lead" in rows:
        found.append(_no_lead(context, rows["several-agencies-no-lead"]))
    if "funding-without-facility" in rows:
        found.append(_loose_funding(context, rows["funding-without-facility"]))
    if "target-without-owner" in rows:
        found.append(_targets_without_owner(context, rows["target-without-owner"]))
    return [s for s in found if s][:MAX_DECISIONS]


def _shortfalls(context: BriefContext, stage: str, year: int) -> list[str]:
    """``35 t of Tb``, per material short in ``year`` (largest first); ``8,279 t`` on a product stage."""
    frame = stage_coverage(context.lead, year)
    rows = frame[(frame["stage"].map(id_key) == id_key(stage)) & (frame["gap"] > GAP_TOLERANCE)]
    rows = rows.sort_values("gap", ascending=False, kind="stable")
    return [tonnes(float(r.gap)) + (f" of {r.material}" if r.material else "") for r in rows.itertuples()]


def _gap_year(context: BriefContext, stage: str) -> int | None:
    """The headline year if the stage falls short then, else its first year short from the current one."""
    years = [context.headline_year] + [y for y in context.lead.years if y >= context.current_year]
    return next((y for y in years if _shortfalls(context, stage, y)), None)


def _owner_text(context: BriefContext, stage: str) -> str:
    owner = next((s.owner_agency for s in context.plan.stages if id_key(s.id) == id_key(stage)), "")
    return (
        f"{agency_name(context.plan, owner)} owns the stage" if owner.strip() else "no agency owns the stage"
    )


def _binding(context: BriefContext) -> tuple[str | None, str]:
    year = context.headline_year
    ranked = ranked_constraints(context.lead, year)
    binding = ranked[ranked["binding"]]
    if binding.empty:
        return None, ""
    stage = str(binding.iloc[0].stage)
    short = _shortfalls(context, stage, year)
    if not short:
        return stage, ""
    runs = [r for r in context.lead_figures.bottlenecks if r.first <= year <= r.last]
    since = f" {runs[0].years_text}" if runs else ""
    return stage, (
        f"Close the {stage_name(context.plan, stage)} shortfall ({join(short)} in {year}): it binds domestic "
        f"magnet output{since}; {_owner_text(context, stage)}."
    )


def _owners(context: BriefContext, stages: list[str]) -> str:
    """Stages with a gap and no owner, each with its shortfall per material in a year that matters."""
    names = [stage_name(context.plan, s) for s in stages]
    by_year: dict[int, list[str]] = {}
    for stage, name in zip(stages, names, strict=True):
        year = _gap_year(context, stage)
        if year is not None:
            by_year.setdefault(year, []).append(f"{name} by {join(_shortfalls(context, stage, year))}")
    them = "it" if len(stages) == 1 else "them"
    text = f"Name an owner for {join(names)}: no agency owns {them}"
    if by_year:
        text += ", and " + "; ".join(f"in {year} {_short_by(parts)}" for year, parts in by_year.items())
    return text + "."


def _short_by(parts: list[str]) -> str:
    """``Metal falls short by 100 t of NdPr, Alloy by 334 t``."""
    first, *rest = parts
    name, _, by = first.partition(" by ")
    return join([f"{name} falls short by {by}", *rest])


def _starved(context: BriefContext, rows) -> str:
    plan = context.plan
    chain = sorted((s for s in plan.stages if id_key(s.id) != id_key(RECYCLE_STAGE)), key=lambda s: s.order)
    above = {id_key(s.id): chain[i - 1].name if i else "" for i, s in enumerate(chain)}
    facilities = {id_key(f.id): f for f in plan.facilities}
    plants = [facilities[id_key(f)] for f in rows["subject"]]
    by_stage: dict[str, list] = {}
    for plant in plants:
        by_stage.setdefault(plant.stage, []).append(plant)
    parts = []
    for stage, group in by_stage.items():
        where = stage_name(plan, stage).lower()
        fed = above.get(id_key(stage), "")
        named = join(
            [p.name for p in group[:NAMED_PLANTS]]
            + ([f"{len(group) - NAMED_PLANTS} more"] if len(group) > NAMED_PLANTS else [])
        )
        parts.append(f"{plural(len(group), where + ' plant')} waiting on {fed or 'feed'} ({named})")
    public = context.money.public_on([p.id for p in plants])
    first = min(int(y) for y in rows["year"])
    runs = "runs below half its" if len(plants) == 1 else "run below half their"
    return (
        f"Secure domestic feed for {plural(len(plants), 'publicly funded plant')} that {runs} "
        f"capacity from {first} ({money(public, context.currency)} of public money): {'; '.join(parts)}."
    )


def _no_lead(context: BriefContext, rows) -> str:
    facilities = {id_key(f.id): f.name for f in context.plan.facilities}
    named = [
        f"{facilities.get(id_key(s), s)} ({a})" for s, a in zip(rows["subject"], rows["agency"], strict=True)
    ]
    return f"Name a lead agency for {join(named[:NAMED_PLANTS] + ([f'{len(named) - NAMED_PLANTS} more'] if len(named) > NAMED_PLANTS else []))}: several agencies fund {'it' if len(named) == 1 else 'each'}, none leads."


def _loose_funding(context: BriefContext, rows) -> str:
    by_stage = context.money.by_stage
    loose = float(by_stage.loc[by_stage["stage"] == "", "total"].sum())
    ids = list(rows["subject"])
    shown = join(
        ids[:NAMED_PLANTS] + ([f"{len(ids) - NAMED_PLANTS} more"] if len(ids) > NAMED_PLANTS else [])
    )
    return (
        f"Tie {plural(len(ids), 'funding line')} ({shown}; {money(loose, context.currency)} of public money) "
        "to the plants they pay for, or say what they buy."
    )


def _targets_without_owner(context: BriefContext, rows) -> str:
    targets = list(rows["subject"])
    official = [t for t in targets if context.official(t)]
    illustrative = len(targets) - len(official)
    parts = official + ([plural(illustrative, "illustrative target")] if illustrative else [])
    return f"Give an owner agency to {join(parts)}: no agency answers for {'it' if len(targets) == 1 else 'them'}."
