"""Prices and price floors: which price row a scenario uses, and the rules on both tables.

A scenario uses, for each material, its own Prices row, else its nearest
ancestor's, else the row with no Scenario (engine.md, price floors). The
engine and validation both ask ``price_row_for``, so a floor that validation
lets through always has a price to be measured against.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from reeplanner.model.countries import country_code
from reeplanner.model.enums import CapacityBasis
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan
from reeplanner.model.problems import Problem, Severity
from reeplanner.model.records import PriceRow
from reeplanner.model.schema import MAX_PRICE, PRICE_FLOORS, PRICES, USD_KG
from reeplanner.model.table_rules import RECYCLE_STAGE, problem_at


def lineage(plan: Plan, scenario_id: str) -> list[str]:
    """``id_key`` of the scenario, then its parent, grandparent...; stops at a cycle or an unknown ID."""
    parents = {id_key(s.id): id_key(s.parent) for s in plan.scenarios}
    chain: list[str] = []
    key = id_key(scenario_id)
    while key and key not in chain:
        chain.append(key)
        key = parents.get(key, "")
    return chain


def price_row_for(plan: Plan, material: str, scenario_lineage: list[str]) -> PriceRow | None:
    """The Prices row ``material`` takes in a scenario of that lineage (self first), or None."""
    rows = {id_key(r.scenario): r for r in plan.prices if id_key(r.material) == id_key(material) and r.values}
    for key in [*scenario_lineage, ""]:
        if key in rows:
            return rows[key]
    return None


def is_usd_per_kg(unit: str) -> bool:
    return "".join((unit or USD_KG).split()).casefold() in ("usd/kg", "$/kg")


def price_rules(plan: Plan) -> Iterator[Problem]:
    horizon = set(plan.years)
    seen: dict[tuple[str, str], int] = {}
    for index, row in enumerate(plan.prices):
        if not is_usd_per_kg(row.unit):
            yield problem_at(
                PRICES,
                index,
                row,
                "Unit",
                f"Prices are in USD/kg, the only unit REE Planner reads; '{row.unit}' is not it. "
                "Convert the prices and write USD/kg.",
            )
        key = (id_key(row.material), id_key(row.scenario))
        if key in seen:
            scope = f"scenario '{row.scenario}'" if row.scenario else "every scenario"
            yield problem_at(
                PRICES,
                index,
                row,
                "Material",
                f"{row.material} already has a price row for {scope} (row {seen[key] + 1}); "
                "keep one row per material and scenario.",
            )
        seen.setdefault(key, index)
        if not row.values:
            yield problem_at(
                PRICES, index, row, "Material", "The row gives no price for any year.", Severity.WARNING
            )
        outside = sorted(y for y in row.values if y not in horizon)
        if outside:
            yield problem_at(
                PRICES,
                index,
                row,
                str(outside[0]),
                f"Years {', '.join(map(str, outside))} are outside the plan horizon "
                f"{plan.start_year}-{plan.end_year}; they only set the price of later years.",
                Severity.WARNING,
            )
        for year in sorted(row.values):
            message = _price_problem(row.values[year])
            if message:
                yield problem_at(PRICES, index, row, str(year), message)


def _price_problem(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return f"A price must be a number of USD/kg; it is {value}."
    if value < 0:
        return f"A price must be 0 or more; it is {value:g}."
    if value > MAX_PRICE:
        return (
            f"A price must be at most {MAX_PRICE:,.0f} USD/kg, a plausible bound; it is {value:,.6g}. "
            "Check the unit (USD/kg, not USD/t)."
        )
    return ""


def price_floor_rules(plan: Plan) -> Iterator[Problem]:
    facilities = {id_key(f.id): f for f in plan.facilities}
    stages = {id_key(s.id): s for s in plan.stages}
    materials_of = _materials_of(plan)
    home = country_code(plan.home_country or "US")
    for index, floor in enumerate(plan.price_floors):
        first, last = floor.from_year, floor.to_year
        if isinstance(first, int) and isinstance(last, int) and last < first:
            yield problem_at(
                PRICE_FLOORS, index, floor, "To year", f"To year {last} is before From year {first}."
            )
        fac = facilities.get(id_key(floor.facility))
        if fac is None or not floor.material:
            continue  # an unknown facility or a missing material is reported by its column
        stage = stages.get(id_key(fac.stage))
        if (
            stage is not None
            and stage.basis is CapacityBasis.PRODUCT
            and id_key(fac.stage) != id_key(RECYCLE_STAGE)
        ):
            yield problem_at(
                PRICE_FLOORS,
                index,
                floor,
                "Facility ID",
                f"A price floor is paid on a material; {fac.name} is on the {stage.name} stage, "
                "which counts tonnes of product.",
            )
            continue
        if id_key(floor.material) not in materials_of.get(id_key(fac.id), set()):
            yield problem_at(
                PRICE_FLOORS,
                index,
                floor,
                "Material",
                f"{fac.name} produces no {floor.material}, so this floor never pays.",
                Severity.WARNING,
            )
        if home is not None and country_code(fac.country or plan.home_country or "US") != home:
            yield problem_at(
                PRICE_FLOORS,
                index,
                floor,
                "Facility ID",
                f"{fac.name} is abroad; floors are paid on domestic output, so this one never pays.",
                Severity.WARNING,
            )
        for scenario in scenarios_with(plan, floor.scenarios):
            if price_row_for(plan, floor.material, lineage(plan, scenario)) is None:
                where = "" if len(plan.scenarios) <= 1 else f" in scenario '{scenario}'"
                yield problem_at(
                    PRICE_FLOORS,
                    index,
                    floor,
                    "Material",
                    f"{floor.material} has no market price{where}, so the floor's cost cannot be worked out. "
                    f"Add a Prices row for {floor.material} (with no Scenario, it serves every scenario).",
                )
                break
    if plan.price_floors and plan.currency.strip().casefold() != "usd million":
        yield Problem(
            f"Price-floor exposure is worked out in USD million, but the plan's Currency is "
            f"'{plan.currency}'; read those figures as USD million.",
            "Plan",
            None,
            "Currency",
            severity=Severity.WARNING,
        )


def _materials_of(plan: Plan) -> dict[str, set[str]]:
    """Per facility key: the material keys it produces (its Material, or its Composition rows)."""
    found: dict[str, set[str]] = {}
    for row in plan.composition:
        found.setdefault(id_key(row.facility), set()).add(id_key(row.material))
    for fac in plan.facilities:
        if fac.material and id_key(fac.id) not in found:
            found[id_key(fac.id)] = {id_key(fac.material)}
    return found


def scenarios_with(plan: Plan, listed: tuple[str, ...]) -> list[str]:
    """Scenario IDs in which a row with that Scenarios list is present (the listed ones and their
    descendants); every scenario when the list is empty, ``BASE`` for a plan without scenarios."""
    ids = [s.id for s in plan.scenarios] or ["BASE"]
    if not listed:
        return ids
    wanted = {id_key(s) for s in listed}
    return [sid for sid in ids if wanted & set(lineage(plan, sid))]
