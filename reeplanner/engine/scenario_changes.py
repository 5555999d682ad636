"""What a scenario changes, in words, and which figures each change can reach.

A scenario's changes are its risk view, its overrides and the facilities and funding lines listed
only for it, its ancestors' first (engine.md, rule 2). Each change reaches either the domestic
chain (every figure may move), only supply from abroad (supply sources, plants abroad: the allied
and with-imports figures alone) or only prices (the price-floor exposure), which is how the
comparison says why two scenarios' domestic figures are the same.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reeplanner.engine.chain import DOMESTIC
from reeplanner.engine.prepared_plan import PreparedPlan
from reeplanner.model.countries import country_code
from reeplanner.model.enums import OverrideKind, RiskView, Status, parse_choice
from reeplanner.model.ids import id_key
from reeplanner.model.override_rules import sources_hit
from reeplanner.model.records import Override

#: What a change can reach: every figure, only supply from abroad (the allied and with-imports
#: figures), only prices (the price-floor exposure).
DOMESTIC_CHAIN, ABROAD, PRICES = "domestic chain", "supply from abroad", "prices"
VIEW_TEXT = {
    RiskView.NAMEPLATE: "counts every project at full nameplate (nameplate view)",
    RiskView.RISK_ADJUSTED: "weighs every project by its status risk factor (risk-adjusted view)",
}


@dataclass(frozen=True)
class Change:
    """One change a scenario makes, in a planner's words."""

    key: tuple  # identifies the change across scenarios (an override's row, a facility's ID...)
    text: str
    short: str  # what it is about, in a word or an ID: "MP-10X-MET", "CN-DY", "permitting"
    scenario: str  # the scenario that makes it (the scenario itself or an ancestor)
    reach: str  # DOMESTIC_CHAIN or ABROAD


def scenario_changes(prep: PreparedPlan, scenario_id: str) -> list[Change]:
    """The changes of ``scenario_id`` and its ancestors, ancestors first, each in row order."""
    position = prep.scenario_index[id_key(scenario_id)]
    changes: list[Change] = []
    for ancestor in prep.ancestry[position]:
        changes += _own_changes(prep, ancestor)
    return changes


def _own_changes(prep: PreparedPlan, position: int) -> list[Change]:
    plan = prep.plan
    scenario = prep.scenarios[position]
    key = id_key(scenario.id)
    changes = []
    inherited = next(
        (view for p in reversed(prep.ancestry[position][:-1]) if (view := prep.scenarios[p].risk_view)),
        RiskView.RISK_ADJUSTED,
    )
    if scenario.risk_view is not None and scenario.risk_view is not inherited:
        text = VIEW_TEXT[scenario.risk_view]
        view = str(scenario.risk_view)
        changes.append(Change(("risk view", view), text, f"{view} view", scenario.id, DOMESTIC_CHAIN))
    for f in np.flatnonzero(prep.listed_in[:, position]):  # listed for this scenario only
        fac = plan.facilities[f]
        reach = DOMESTIC_CHAIN if prep.participant[f] == DOMESTIC else ABROAD
        text = f"adds {_facility(prep, f)}"
        changes.append(Change(("facility", id_key(fac.id)), text, fac.id, scenario.id, reach))
    for n in np.flatnonzero(prep.funding_listed_in[:, position]):
        line = plan.funding[n]
        text = f"adds funding {line.id} ({line.amount:,.4g} {plan.currency} from {line.agency})"
        changes.append(Change(("funding", int(n)), text, line.id, scenario.id, DOMESTIC_CHAIN))
    for row in plan.prices:
        if id_key(row.scenario) == key:
            text = f"its own {row.material} prices (Prices table)"
            changes.append(
                Change(("prices", id_key(row.material)), text, f"{row.material} prices", scenario.id, PRICES)
            )
    for floor in plan.price_floors:
        if any(id_key(s) == key for s in floor.scenarios):
            text = f"adds price floor {floor.id} ({floor.floor_price:,.6g} USD/kg on {floor.material} from {floor.facility})"
            changes.append(Change(("floor", id_key(floor.id)), text, floor.id, scenario.id, PRICES))
    for row, ov in enumerate(plan.overrides):
        if id_key(ov.scenario) == key:
            text = override_text(prep, ov)
            changes.append(Change(("override", row), text, _short(ov), scenario.id, _reach(prep, ov)))
    return changes


def override_text(prep: PreparedPlan, ov: Override) -> str:
    """One override in words: "10X metal line (MP-10X-MET) online 24 months later"."""
    kind, value = ov.kind, ov.value
    if kind is OverrideKind.DELAY:
        months = float(value)  # type: ignore[arg-type]
        when = "later" if months >= 0 else "earlier"
        return f"{_facility_named(prep, ov.target)} online {_number(abs(months))} months {when}"
    if kind is OverrideKind.CAPACITY_FACTOR:
        return f"{_facility_named(prep, ov.target)} at {float(value):.0%} of its capacity (capacity factor {_number(value)})"  # type: ignore[arg-type]
    if kind is OverrideKind.CANCEL:
        return f"{_facility_named(prep, ov.target)} cancelled"
    if kind is OverrideKind.STATUS:
        return f"{_facility_named(prep, ov.target)} counted as {value}"
    if kind is OverrideKind.DEMAND_FACTOR:
        which = f"{ov.target} demand" if ov.target else "every demand segment"
        return f"{which} x {_number(value)}"
    if kind is OverrideKind.SUPPLY_FACTOR:
        cut = " (cut off)" if float(value) == 0 else ""  # type: ignore[arg-type]
        return f"supply of {_sources_named(prep, ov.target)} x {_number(value)}{cut}"
    if kind is OverrideKind.PERMITTING_FACTOR:
        which = f"{_facility_named(prep, ov.target)}'s permitting" if ov.target else "every permitting period"
        return f"{which} x {_number(value)}"
    status = parse_choice(Status, ov.target or "")
    return f"{status or ov.target} projects counted at risk factor {_number(value)}"


def _short(ov: Override) -> str:
    if ov.target and ov.kind is not OverrideKind.RISK_FACTOR:
        return ov.target
    words = {OverrideKind.PERMITTING_FACTOR: "permitting", OverrideKind.DEMAND_FACTOR: "demand"}
    return words.get(ov.kind, f"{ov.target} {ov.kind}".strip())


def _reach(prep: PreparedPlan, ov: Override) -> str:
    if ov.kind is OverrideKind.SUPPLY_FACTOR:
        return ABROAD
    if ov.target and ov.kind is not OverrideKind.DEMAND_FACTOR and ov.kind is not OverrideKind.RISK_FACTOR:
        f = prep.facility_index.get(id_key(ov.target))
        if f is not None and prep.participant[f] != DOMESTIC:
            return ABROAD
    return DOMESTIC_CHAIN


def _facility_named(prep: PreparedPlan, facility_id: str) -> str:
    f = prep.facility_index.get(id_key(facility_id))
    return facility_id if f is None else _facility(prep, f)


def _facility(prep: PreparedPlan, f: int) -> str:
    fac = prep.plan.facilities[f]
    abroad = "" if prep.participant[f] == DOMESTIC else f", abroad in {fac.country}"
    return f"{fac.name or fac.id} ({fac.id}{abroad})"


def _sources_named(prep: PreparedPlan, target: str) -> str:
    plan = prep.plan
    rows = sources_hit(plan, target)
    if len(rows) == 1 and id_key(plan.supply[rows[0]].id) == id_key(target):
        source = plan.supply[rows[0]]
        return f"{source.name or source.id} ({source.id})"
    code = country_code(target or "")
    return f"every source in {code or target}"


def _number(value: object) -> str:
    return f"{float(value):,.6g}"  # type: ignore[arg-type]


def differing(changes: list[Change], other: list[Change]) -> list[Change]:
    """The changes one scenario makes and the other does not, both ways (by key)."""
    mine, theirs = {c.key for c in changes}, {c.key for c in other}
    return [c for c in changes if c.key not in theirs] + [c for c in other if c.key not in mine]
