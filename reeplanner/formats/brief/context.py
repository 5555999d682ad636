"""Everything the brief's pages read, gathered once from the engine: the scenarios' results, the
lead scenario's money, schedule risk and its register, the sensitivity tornado, the years that
matter and which scenarios are identical.

The pages format these figures; none of them computes a figure of its own, so the brief agrees
with ``reeplanner-cli summary --json``, ``explain``, ``risk`` and ``sensitivity`` and the window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from reeplanner.engine.money import MoneyBreakdown, money_breakdown
from reeplanner.engine.risk import RiskResult, ScenarioRisk
from reeplanner.engine.risk_register import risk_register
from reeplanner.engine.scenario_groups import identical_groups
from reeplanner.formats.brief.figures import ScenarioFigures, scenario_figures
from reeplanner.formats.brief.sheet_writer import PageHeader
from reeplanner.model import Plan, id_key

#: Years the scenario table shows besides the last one: target years, official ones first.
MAX_TABLE_YEARS = 5
#: Above this many facilities the brief skips the sensitivity tornado (two recomputes per
#: assumption); the page says so.
SENSITIVITY_FACILITIES = 3_000


@dataclass
class BriefContext:
    plan: Plan
    header: PageHeader
    results: list  # ScenarioResult of each scenario briefed, the lead first
    risk: RiskResult
    tornado: object | None = None  # engine.sensitivity.Tornado of the headline figure, or None
    scenarios: list[ScenarioFigures] = field(init=False)

    def __post_init__(self) -> None:
        self.scenarios = [scenario_figures(self.plan, r) for r in self.results]

    @property
    def lead(self):
        return self.results[0]

    @property
    def lead_figures(self) -> ScenarioFigures:
        return self.scenarios[0]

    @property
    def currency(self) -> str:
        return self.plan.currency

    @cached_property
    def current_year(self) -> int:
        """The year the plan is current to (its As of date, else the brief's date), within the horizon."""
        year = (self.plan.as_of or self.header.date).year
        return min(max(year, self.plan.start_year), self.plan.end_year)

    @cached_property
    def table_years(self) -> list[int]:
        """The years that matter: the target years (official ones first, at most ``MAX_TABLE_YEARS``)
        and the last year of the horizon."""
        plan = self.plan
        targets = sorted(plan.targets, key=lambda t: (not t.official, t.year))
        years: list[int] = []
        for target in targets:
            if plan.start_year <= target.year <= plan.end_year and target.year not in years:
                years.append(target.year)
        years = years[:MAX_TABLE_YEARS]
        if not years:
            years.append(plan.start_year + (plan.end_year - plan.start_year) // 2)
        return sorted({*years, plan.end_year})

    @cached_property
    def headline_year(self) -> int:
        """The year page 1 and the sensitivity speak of: the last target year before the horizon's
        end, else the middle of the horizon."""
        before_end = [y for y in self.table_years if y < self.plan.end_year]
        return before_end[-1] if before_end else self.table_years[-1]

    @cached_property
    def money(self) -> MoneyBreakdown:
        """The lead scenario's public money."""
        return money_breakdown(self.lead)

    @property
    def lead_risk(self) -> ScenarioRisk:
        return self.risk.scenarios[self.lead.scenario_id]

    @cached_property
    def register(self):
        """The lead scenario's risk register (``engine.risk_register``)."""
        return risk_register(self.lead, self.lead_risk)

    @cached_property
    def groups(self) -> list[list[str]]:
        """The scenarios in groups of identical figures (every figure the scenario table shows)."""
        return identical_groups(self.results)

    @cached_property
    def sufficiency_groups(self) -> list[list[str]]:
        """The scenarios in groups of identical self-sufficiency, year by year (coinciding lines)."""
        return identical_groups(self.results, ["self_sufficiency"], horizon=False, targets=False)

    def result(self, scenario_id: str):
        wanted = id_key(scenario_id)
        return next(r for r in self.results if id_key(r.scenario_id) == wanted)

    def name(self, scenario_id: str) -> str:
        result = self.result(scenario_id)
        return result.scenario_name or result.scenario_id

    def official(self, target_id: str) -> bool:
        wanted = id_key(target_id)
        return any(t.official for t in self.plan.targets if id_key(t.id) == wanted)


def gather(plan: Plan, results: list, risk: RiskResult, today: dt.date) -> BriefContext:
    """The brief's context; the sensitivity tornado of the headline figure is run here."""
    header = PageHeader(plan.name, today, plan.classification or "")
    context = BriefContext(plan, header, results, risk)
    if len(plan.facilities) <= SENSITIVITY_FACILITIES:
        from reeplanner.engine.sensitivity import sensitivity

        context.tornado = sensitivity(
            plan, context.lead.scenario_id, f"self_sufficiency:{context.headline_year}"
        )
    return context
