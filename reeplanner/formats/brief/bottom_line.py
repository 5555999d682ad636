"""Page 1's bottom line: three or four sentences, each with its numbers, written from the engine's
figures (never canned, never recomputed):

1. what users here can get and what is unmet, per scenario, the export cuts included;
2. where the chain breaks (the binding constraint and its material) and the runners-up;
3. the official targets at risk, with their year (illustrative ones stay on page 2);
4. public money by department and by status, and what sits on plants not yet secured.

Each bullet is (lead words, sentence): the lead words print in bold.
"""

from __future__ import annotations

import numpy as np

from reeplanner.engine.constraints import ranked_constraints
from reeplanner.engine.scenario_groups import identical_groups
from reeplanner.formats.brief.context import BriefContext
from reeplanner.formats.brief.figures import TargetOutcome, stage_name
from reeplanner.formats.brief.wording import (
    amount,
    join,
    money,
    percent,
    plural,
    short_description,
    shortfall_phrase,
    threshold_phrase,
    tonnes,
)
from reeplanner.model import id_key

#: Less than half a tonne short is rounding, not unmet demand.
UNMET_TOLERANCE = 0.5
#: A target met in fewer draws than this is at risk even where the risk-adjusted figures meet it.
AT_RISK_P_MET = 0.8
#: Departments named in the money sentence; the rest are counted.
NAMED_DEPARTMENTS = 3
RUNNERS_UP = 2
STATUS_WORDS = (
    ("committed", "is committed"),
    ("announced", "announced (conditional loans, letters of intent)"),
    ("proposed", "proposed"),
)


def bottom_line(context: BriefContext) -> list[tuple[str, str]]:
    """The page's bullets, in reading order."""
    bullets = [
        ("What users here can get.", supply_sentence(context)),
        ("Where the chain breaks.", constraint_sentence(context)),
        ("Targets.", targets_sentence(context)),
        ("Money.", money_sentence(context)),
    ]
    return [(lead, text) for lead, text in bullets if text]


def _years(context: BriefContext, result) -> list[int]:
    return [y for y in result.years if y >= context.current_year]


def supply_sentence(context: BriefContext) -> str:
    """Unmet demand per scenario (grouped where identical) from the current year, and a cut that
    reaches only imports."""
    results = context.results
    short = [r for r in results if _peak_unmet(context, r)[0] > UNMET_TOLERANCE]
    first, last = context.current_year, context.plan.end_year
    count = len(results)
    if not short:
        text = (
            f"Users here can get every magnet they need from {first} to {last} in "
            f"{'all ' + plural(count, 'scenario') if count > 1 else context.name(results[0].scenario_id)}"
        )
    else:
        met = count - len(short)
        text = f"Users here can get every magnet they need from {first} in {met} of {count} scenarios"
        if met == 0:
            text = f"Users here go short of magnets in {'every scenario' if count > 1 else 'this scenario'}"
        parts = []
        years = _years(context, context.lead)
        for group in identical_groups(short, ["unmet_demand"], horizon=False, targets=False, years=years):
            parts.append(_shortage(context, [context.result(sid) for sid in group]))
        text += ": " + "; ".join(parts)
    cuts = _import_cuts(context, short)
    if cuts:
        text += "; " + "; ".join(cuts)
    return text + "."


def _peak_unmet(context: BriefContext, result) -> tuple[float, int]:
    years = _years(context, result)
    unmet = result.magnet.loc[years, "unmet_demand"]
    if unmet.empty:
        return 0.0, context.current_year
    year = int(unmet.idxmax())
    return float(unmet[year]), year


def _shortage(context: BriefContext, group: list) -> str:
    result = group[0]
    peak, year = _peak_unmet(context, result)
    names = join([context.name(r.scenario_id) for r in group])
    demand = float(result.magnet.at[year, "magnet_demand"])
    verb = "leaves" if len(group) == 1 else "each leave"
    text = f"{names} {verb} {tonnes(peak)} of {tonnes(demand)} demand unmet in {year}"
    later = result.magnet.loc[[y for y in _years(context, result) if y > year], "unmet_demand"]
    clear = [int(y) for y, v in later.items() if v <= UNMET_TOLERANCE]
    if len(later) and float(later.iloc[-1]) <= UNMET_TOLERANCE and clear:
        still = [int(y) for y, v in later.items() if v > UNMET_TOLERANCE]
        from_year = next(y for y in clear if not still or y > still[-1])
        text += f", none from {from_year}"
    elif len(later):
        text += f" and {tonnes(float(later.iloc[-1]))} in {context.plan.end_year}"
    return text


def _import_cuts(context: BriefContext, short: list) -> list[str]:
    """Scenarios with the lead's domestic figures and unmet demand that cut what imports bring."""
    lead = context.lead
    found = []
    shortlist = {id(r) for r in short}
    for result in context.results[1:]:
        if id(result) in shortlist:
            continue
        same_home = np.allclose(
            result.magnet["domestic_magnet_output"], lead.magnet["domestic_magnet_output"], rtol=1e-9
        )
        years = _years(context, result)
        cut = (
            lead.magnet.loc[years, "magnet_output_with_imports"]
            - result.magnet.loc[years, "magnet_output_with_imports"]
        )
        if not same_home or cut.empty or float(cut.max()) <= UNMET_TOLERANCE:
            continue
        year = int(cut.idxmax())
        found.append(
            f"{context.name(result.scenario_id)} leaves no one short but cuts the magnets available "
            f"with imports in {year} from {tonnes(float(lead.magnet.at[year, 'magnet_output_with_imports']))} "
            f"to {tonnes(float(result.magnet.at[year, 'magnet_output_with_imports']))}"
        )
    return found


def lane_name(plan, stage: str, material: str) -> str:
    """``Mining (Tb)`` on a material stage, ``Alloy`` on a product stage."""
    name = stage_name(plan, stage)
    return f"{name} ({material})" if material else name


def constraint_sentence(context: BriefContext) -> str:
    """The binding constraint in the headline year with its coverage, when it binds over the horizon,
    the domestic output it leaves, and the runners-up."""
    plan, lead, year = context.plan, context.lead, context.headline_year
    ranked = ranked_constraints(lead, year)
    output = float(lead.magnet.at[year, "domestic_magnet_output"])
    share = float(lead.magnet.at[year, "self_sufficiency"])
    made = f"domestic plants make {tonnes(output)} of magnets, {percent(share)} of demand"
    binding = ranked[ranked["binding"]]
    if binding.empty:
        return f"No stage limits domestic magnet output in {year}: every stage's capacity covers its requirement; {made}."
    row = binding.iloc[0]
    lane = lane_name(plan, row.stage, row.material)
    runs = [run for run in context.lead_figures.bottlenecks if run.first <= year <= run.last]
    when = runs[0].years_text if runs else f"in {year}"
    what = f"the {row.material} it needs" if row.material else "its requirement"
    text = (
        f"{lane} is the binding constraint {when}: in {year} domestic capacity there covers "
        f"{percent(float(row.capacity_share))} of {what} ({tonnes(float(row.capacity))} of "
        f"{tonnes(float(row.requirement))}) and {made}"
    )
    earlier = [
        run for run in context.lead_figures.bottlenecks if run.last < (runs[0].first if runs else year)
    ]
    if earlier:
        text += f"; before that, {join([f'{run.stage} {_run_years(run)}' for run in earlier[-2:]])}"
    others = ranked[~ranked["binding"] & (ranked["capacity_share"] < 1.0)].head(RUNNERS_UP)
    if len(others):
        named = [
            f"{lane_name(plan, r.stage, r.material)} at {percent(float(r.capacity_share))}"
            for r in others.itertuples(index=False)
        ]
        text += f"; runners-up in {year}: {join(named)}"
    else:
        text += f"; every other stage's capacity covers its requirement in {year}"
    return text + "."


def _run_years(run) -> str:
    return f"in {run.first}" if run.first == run.last else f"in {run.first}–{run.last}"


def targets_sentence(context: BriefContext) -> str:
    """Official targets at risk (missed in a scenario, or P(met) under ``AT_RISK_P_MET``); else the
    official targets on track; illustrative targets counted, never named (they are on page 2)."""
    lead = context.lead_figures
    if not lead.targets:
        return "The plan sets no targets."
    official = [t for t in lead.targets if context.official(t.target)]
    illustrative = len(lead.targets) - len(official)
    aside = (
        f" {plural(illustrative, 'illustrative target')} (not policy) {'is' if illustrative == 1 else 'are'} on page 2."
        if illustrative
        else ""
    )
    if not official:
        missed = sum(not t.met for t in lead.targets)
        return (
            f"The plan sets no official target; its {plural(len(lead.targets), 'illustrative target')} "
            f"{'is' if len(lead.targets) == 1 else 'are'} on page 2 ({missed} missed in {lead.name})."
        )
    phrases = [_target_phrase(context, t) for t in sorted(official, key=lambda t: (t.year, t.target))]
    at_risk = [p for p, risky in phrases if risky]
    on_track = [p for p, risky in phrases if not risky]
    parts = []
    if at_risk:
        parts.append(f"At risk: {'; '.join(at_risk)}")
    if on_track:
        parts.append(("On track: " if at_risk else "") + "; ".join(on_track))
    return ". ".join(parts) + "." + aside


def _target_phrase(context: BriefContext, lead_outcome: TargetOutcome) -> tuple[str, bool]:
    """A sentence part for one official target, and whether it is at risk."""
    t = lead_outcome
    name = f"'{short_description(t.description)}' ({threshold_phrase(t.metric, t.threshold)} by {t.year})"
    outcomes = {
        id_key(s.scenario_id): next(o for o in s.targets if o.target == t.target) for s in context.scenarios
    }
    missed = [context.name(sid) for sid, o in zip(outcomes, outcomes.values(), strict=True) if not o.met]
    risk = context.lead_risk.target(t.target)
    p_met = f"P(met) {risk.p_met:.0%} under schedule risk"
    count = len(context.scenarios)
    if t.met:
        text = f"{name} is met in {context.lead_figures.name} from {t.year_met}"
    else:
        later = f"met {t.year_met}" if t.year_met is not None else "not met by the horizon's end"
        text = f"{name} is missed in {context.lead_figures.name} by {shortfall_phrase(t.metric, t.shortfall)} ({later})"
    if count > 1:
        if not missed:
            text += " and in both scenarios" if count == 2 else f" and in all {count} scenarios"
        elif t.met or len(missed) > 1:
            others = [m for m in missed if m != context.lead_figures.name]
            text += f"; missed in {plural(len(missed), 'scenario')} of {count}" + (
                f" ({join(others)})" if others else ""
            )
    text += f", {p_met}"
    return text, bool(missed) or risk.p_met < AT_RISK_P_MET


def money_sentence(context: BriefContext) -> str:
    """Public money by department and by status, money on plants not yet secured, private money
    apart, and the price floors' exposure."""
    m = context.money
    currency = context.currency
    if m.public_total <= 0 and m.private_total <= 0:
        return "The plan holds no funding lines."
    name = context.lead_figures.name
    departments = m.by_department
    named = []
    for row in departments.head(NAMED_DEPARTMENTS).itertuples(index=False):
        offices = f" ({plural(len(row.agencies), 'office')})" if len(row.agencies) > 1 else ""
        named.append(f"{row.department}{offices} {amount(row.total)}")
    rest = len(departments) - NAMED_DEPARTMENTS
    if rest > 0:
        named.append(plural(rest, "other"))
    totals = m.status_totals()
    text = f"Public money totals {money(m.public_total, currency)} in {name}"
    if named:
        text += f": {join(named)}"
    firmness = [
        f"{amount(totals[status])} {words}"
        for status, words in STATUS_WORDS
        if totals[status] > 0 or status == "committed"
    ]
    firmness[0] = firmness[0].replace(" is committed", " of it is committed")
    text += f"; {join(firmness)}"
    if m.at_risk_totals()["total"] > 0:
        text += f"; {amount(m.at_risk_totals()['total'])} sits on plants still planned, proposed or cancelled"
    at_plan, _, half = m.floor_stress_totals()
    if len(m.floors):
        payers = join(list(dict.fromkeys(m.floors["department"])))
        term = f"{int(m.floors['first_year'].min())}–{int(m.floors['last_year'].max())}"
        text += (
            f". Price floors may cost {payers} {money(at_plan, currency)} over {term} "
            f"({amount(half)} if prices fall by half)"
        )
    if m.private_total > 0:
        text += f". Private money ({money(m.private_total, currency)}) is not counted as public"
    return text + "."
