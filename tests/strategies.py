"""Hypothesis strategies for random valid plans: ``from tests.strategies import plans``.

``plans()`` fills every table (materials, stages, facilities with and without
composition, links, supply, demand, funding, instruments, agencies, targets,
scenarios with parents, overrides of every kind, prices, price floors,
schedule risk) and the Plan fields so that ``validate`` finds no
error; warnings (a planned facility with no dates, gaps in demand) may occur,
as they do in real plans.

Every value is what a user could have typed: text is stripped, has no control
characters but newlines inside notes, and can start with ``=``, ``+``, ``-``
or ``@`` or hold quotes and non-Latin letters; references may differ from the
ID in case only (IDs compare ignoring case). So ``parse_cell`` leaves each
value as it is, and a codec that loses nothing gives back an equal plan.
"""

from __future__ import annotations

import datetime as dt
import functools

from hypothesis import strategies as st

from reeplanner.model import (
    Agency,
    CapacityBasis,
    CompositionShare,
    DemandRow,
    Facility,
    FundingLine,
    FundingStatus,
    Instrument,
    InstrumentKind,
    Link,
    Material,
    Metric,
    Override,
    OverrideKind,
    Plan,
    PriceFloor,
    PriceRow,
    RiskView,
    Scenario,
    ScheduleRisk,
    Stage,
    Status,
    SupplySource,
    Target,
)
from reeplanner.model.validation import MIN_YIELD

#: Text a spreadsheet or a JSON writer could get wrong.
AWKWARD_TEXT = (
    "=SUM(A1:A3)",
    "+1 555 0100",
    "-5 t/yr",
    "@DOE",
    '"quoted" name',
    "it's",
    "Lynas Rare Earths — Texas",
    "稀土分离厂",
    "Ünïcødé Métal",
    "1,200",
    "2027-03",
    "yes",
    "null",
    "<b>&amp;</b>",
    "a\ttab",
    "𝔐agnet 🧲",
)
NUMBERS = (0.0, 0.1, 1e-7, 1.0, 2.5, 1000.0, 1234.5678, 12500.0)
SHARES = (0.0, 0.1, 0.2, 0.25, 1 / 3, 0.5, 1.0, 1e-7)
#: Country codes, as files hold them once read ("" is the plan's Home country).
COUNTRIES = ("", "US", "CA", "AU", "CN", "MY", "EE", "VN", "CI", "JP")
COVERED = ((), ("CN",), ("CN", "RU", "KP", "IR"), ("RU", "VN"))

_chars = st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co"))


def awkward_text(required: bool = False, max_size: int = 16) -> st.SearchStrategy[str]:
    """Stripped text without control characters; non-empty when ``required``."""
    raw = st.one_of(st.sampled_from(AWKWARD_TEXT), st.text(_chars, max_size=max_size))
    if not required:
        raw = st.one_of(st.just(""), raw)
    text = raw.map(str.strip)
    return text.filter(bool) if required else text


def notes() -> st.SearchStrategy[str]:
    """Notes may run over several lines."""
    lines = st.lists(awkward_text(), min_size=1, max_size=3).map("\n".join)
    return st.one_of(st.just(""), awkward_text(), lines.map(str.strip))


@functools.cache
def numbers(low: float = 0.0, high: float = 1e6) -> st.SearchStrategy[float]:
    fixed = st.sampled_from([n for n in NUMBERS if low <= n <= high])
    return st.one_of(
        fixed, st.floats(low, high, allow_nan=False, allow_infinity=False, allow_subnormal=False)
    )


def shares() -> st.SearchStrategy[float]:
    return st.one_of(st.sampled_from(SHARES), st.floats(0, 1, allow_subnormal=False))


# Strategies are built once: building them inside every draw costs more than drawing.
_TEXT = awkward_text()
_REQUIRED_TEXT = awkward_text(required=True)
_NOTES = notes()
_SHARES = shares()
_DATES = st.one_of(st.none(), st.dates(dt.date(2015, 1, 1), dt.date(2045, 12, 31)))
_ID_SUFFIX = st.sampled_from(["", "", "-é", "-Ü", "-稀土", " B"])
_ID_CASE = st.sampled_from([str, str.lower, str.title])
_SPELLING = st.integers(0, 2)
_BOOL = st.booleans()
_SEGMENTS = st.lists(
    st.one_of(st.sampled_from(["Defence", "EV", "Wind", "Industrial", "Consumer"]), _REQUIRED_TEXT),
    max_size=4,
    unique_by=str.casefold,
)


@functools.cache
def _ints(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, high)


def _index(size: int) -> st.SearchStrategy[int]:
    return _ints(0, size - 1)


def _pick(draw: st.DrawFn, options: list | tuple):
    """One of ``options``; shrinks towards the first."""
    return options[draw(_index(len(options)))]


def _id(draw: st.DrawFn, stem: str, n: int) -> str:
    """An ID numbered ``n`` (so IDs stay unique), in one of several spellings."""
    return draw(_ID_CASE)(f"{stem}-{n}{draw(_ID_SUFFIX)}")


def _ref(draw: st.DrawFn, id_value: str) -> str:
    """A reference to ``id_value``, possibly in another case."""
    return (id_value, id_value.upper(), id_value.lower())[draw(_SPELLING)]


def _maybe(draw: st.DrawFn, strategy: st.SearchStrategy):
    return draw(strategy) if draw(_BOOL) else None


def _maybe_pick(draw: st.DrawFn, options: list | tuple):
    return _pick(draw, options) if draw(_BOOL) else None


def _some(draw: st.DrawFn, options: list | tuple, max_size: int) -> list:
    """Up to ``max_size`` distinct ``options``, in drawn order."""
    chosen: list = []
    for _ in range(draw(_ints(0, min(max_size, len(options))))):
        pick = _pick(draw, options)
        if pick not in chosen:
            chosen.append(pick)
    return chosen


@st.composite
def plans(draw: st.DrawFn, max_facilities: int = 30) -> Plan:
    """A random plan with no validation errors, every table populated."""
    start = draw(_ints(2020, 2030))
    end = start + draw(_ints(0, 15))
    plan = Plan(
        name=draw(_REQUIRED_TEXT),
        description=draw(_NOTES),
        start_year=start,
        end_year=end,
        currency=_pick(draw, ["USD million", "EUR million", "USD"]),
        home_country=_pick(draw, ["US", "AU", "JP"]),
        covered_countries=_pick(draw, COVERED),
        as_of=draw(_DATES),
        prepared_by=draw(_TEXT),
        point_of_contact=draw(_TEXT),
        classification=_pick(draw, ["UNCLASSIFIED", "CUI", "=SECRET?"]),
    )
    _draw_reference_tables(draw, plan)
    _draw_scenarios(draw, plan)
    _draw_facilities(draw, plan, max_facilities)
    _draw_links(draw, plan)
    _draw_supply(draw, plan)
    _draw_demand(draw, plan)
    _draw_funding(draw, plan)
    _draw_targets(draw, plan)
    _draw_overrides(draw, plan)
    _draw_prices_and_floors(draw, plan)
    _draw_schedule_risk(draw, plan)
    return plan


def _draw_reference_tables(draw: st.DrawFn, plan: Plan) -> None:
    if draw(_BOOL):
        plan.materials.append(Material(_id(draw, "Sm", 1), "Samarium", draw(_SHARES), draw(_NOTES)))
    if draw(_BOOL):
        plan.stages.append(
            Stage(
                "RECYCLE",
                "Recycling",
                6,
                CapacityBasis.MATERIAL,
                draw(shares().filter(lambda s: s >= MIN_YIELD)),
            )
        )
    for n in range(draw(_ints(0, 2))):
        plan.agencies.append(Agency(_id(draw, "AG", n), draw(_REQUIRED_TEXT), draw(_TEXT), draw(_NOTES)))
    for n in range(draw(_ints(0, 2))):
        kind = _maybe_pick(draw, list(InstrumentKind))
        plan.instruments.append(Instrument(_id(draw, "INS", n), draw(_REQUIRED_TEXT), kind))
    if draw(_BOOL):
        index = draw(_ints(0, len(plan.stages) - 1))
        stage = plan.stages[index]
        plan.stages[index] = Stage(
            stage.id,
            stage.name,
            stage.order,
            stage.basis,
            stage.process_yield,
            _ref(draw, "DOE"),
            stage.notes,
        )


def _draw_scenarios(draw: st.DrawFn, plan: Plan) -> None:
    for n in range(draw(_ints(0, 4))):
        parents = [""] + [s.id for s in plan.scenarios]
        parent = _pick(draw, parents[1:] + [""])  # shrinks towards a child of BASE
        plan.scenarios.append(
            Scenario(
                _id(draw, "SC", n),
                draw(_REQUIRED_TEXT),
                _ref(draw, parent) if parent else "",
                _maybe_pick(draw, list(RiskView)),
                draw(_NOTES),
            )
        )
    if draw(_BOOL):
        plan.base_scenario = _ref(draw, _pick(draw, [s.id for s in plan.scenarios]))


def _scenario_list(draw: st.DrawFn, plan: Plan) -> tuple[str, ...]:
    chosen = _some(draw, [s.id for s in plan.scenarios], 3)
    return tuple(_ref(draw, s) for s in chosen)


def _draw_facilities(draw: st.DrawFn, plan: Plan, max_facilities: int) -> None:
    chain = [s for s in plan.stages if s.id != "RECYCLE"]
    materials = [m.id for m in plan.materials]
    agencies = [a.id for a in plan.agencies]
    for n in range(draw(_ints(0, max_facilities))):
        stage = _pick(draw, plan.stages)
        fid = _id(draw, "F", n)
        material, composition = "", []
        if stage.basis is CapacityBasis.MATERIAL:
            mix = _some(draw, materials, 3)
            if len(mix) >= 2 or (mix and draw(_BOOL)):
                left = 1.0
                for m in mix:
                    share = min(left, draw(_SHARES))
                    left -= share
                    composition.append(CompositionShare(_ref(draw, fid), _ref(draw, m), share))
            else:
                material = _ref(draw, _pick(draw, materials))
        plan.composition += composition
        plan.facilities.append(
            Facility(
                id=fid,
                name=draw(_REQUIRED_TEXT),
                stage=_ref(draw, stage.id),
                status=_pick(draw, list(Status)),
                capacity=draw(numbers()),
                operator=draw(_TEXT),
                location=draw(_TEXT),
                country=_pick(draw, COUNTRIES),
                material=material,
                permitting_start=draw(_DATES),
                permitting_months=_maybe(draw, numbers(0, 120)),
                construction_months=_maybe(draw, numbers(0, 120)),
                online=draw(_DATES),
                ramp_up_years=_pick(draw, [2.0, 0.0, 0.5, 1.0, 3.0]),
                lead_agency=_ref(draw, _pick(draw, agencies)) if draw(_BOOL) else "",
                feeds_stage=_ref(draw, _pick(draw, chain).id) if stage.id == "RECYCLE" else "",
                scenarios=_scenario_list(draw, plan),
                x=_maybe(draw, numbers(-5000, 5000)),
                y=_maybe(draw, numbers(-5000, 5000)),
                notes=draw(_NOTES),
                source=draw(_TEXT),
            )
        )


def _draw_links(draw: st.DrawFn, plan: Plan) -> None:
    if len(plan.facilities) < 2:
        return
    ids = [f.id for f in plan.facilities]
    for _ in range(draw(_ints(0, 6))):
        a = _pick(draw, ids)
        b = _pick(draw, [i for i in ids if i != a])
        material = _pick(draw, [""] + [m.id for m in plan.materials])
        plan.links.append(
            Link(
                _ref(draw, a),
                _ref(draw, b),
                material,
                _maybe(draw, numbers()),
                _maybe(draw, _ints(plan.start_year, plan.end_year)),
                draw(_NOTES),
            )
        )


def _material_for(draw: st.DrawFn, plan: Plan, stage: Stage) -> str:
    if stage.basis is CapacityBasis.PRODUCT:
        return ""
    return _ref(draw, _pick(draw, [m.id for m in plan.materials]))


def _draw_supply(draw: st.DrawFn, plan: Plan) -> None:
    chain = [s for s in plan.stages if s.id != "RECYCLE"]
    for n in range(draw(_ints(0, 5))):
        stage = _pick(draw, chain)
        first = _maybe(draw, _ints(plan.start_year - 5, plan.end_year))
        last = _maybe(draw, _ints(first if first is not None else plan.start_year, plan.end_year + 5))
        plan.supply.append(
            SupplySource(
                id=_id(draw, "SRC", n),
                name=draw(_REQUIRED_TEXT),
                country=_pick(draw, COUNTRIES[2:]),
                stage=_ref(draw, stage.id),
                tonnes_per_year=draw(numbers()),
                allied=draw(_BOOL),
                material=_material_for(draw, plan, stage),
                from_year=first,
                to_year=last,
                notes=draw(_NOTES),
                source=draw(_TEXT),
            )
        )


def _draw_demand(draw: st.DrawFn, plan: Plan) -> None:
    chain = [s for s in plan.stages if s.id != "RECYCLE"]
    segments = draw(_SEGMENTS)
    for segment in segments:
        stage = _pick(draw, chain) if draw(_ints(0, 3)) == 0 else None
        years = _some(draw, list(plan.years), len(plan.years))
        plan.demand.append(
            DemandRow(
                segment=segment,
                stage=_ref(draw, stage.id) if stage else "MAGNET",
                material=_material_for(draw, plan, stage) if stage else "",
                values={y: draw(numbers()) for y in sorted(years)},
                notes=draw(_NOTES),
                source=draw(_TEXT),
            )
        )


def _draw_funding(draw: st.DrawFn, plan: Plan) -> None:
    facilities = [""] + [f.id for f in plan.facilities]
    for n in range(draw(_ints(0, 8))):
        facility = _pick(draw, facilities)
        plan.funding.append(
            FundingLine(
                id=_id(draw, "FUND", n),
                instrument=_ref(draw, _pick(draw, [i.id for i in plan.instruments])),
                agency=_ref(draw, _pick(draw, [a.id for a in plan.agencies])),
                amount=draw(numbers()),
                year=draw(_ints(plan.start_year - 3, plan.end_year)),
                status=_pick(draw, list(FundingStatus)),
                facility=_ref(draw, facility) if facility else "",
                scenarios=_scenario_list(draw, plan),
                notes=draw(_NOTES),
                source=draw(_TEXT),
            )
        )


def _draw_targets(draw: st.DrawFn, plan: Plan) -> None:
    chain = [s for s in plan.stages if s.id != "RECYCLE"]
    for n in range(draw(_ints(0, 4))):
        metric = _pick(draw, list(Metric))
        stage = _pick(draw, chain)
        if metric is Metric.SELF_SUFFICIENCY:
            stage = chain[-1]
            threshold = _pick(draw, [0.0, 25.0, 50.0, 80.0, 100.0])
        else:
            threshold = draw(numbers())
        plan.targets.append(
            Target(
                id=_id(draw, "T", n),
                description=draw(_REQUIRED_TEXT),
                stage=_ref(draw, stage.id),
                metric=metric,
                threshold=threshold,
                year=draw(_ints(plan.start_year, plan.end_year)),
                material=_material_for(draw, plan, stage),
                owner_agency=_ref(draw, _pick(draw, [a.id for a in plan.agencies])) if draw(_BOOL) else "",
                official=draw(_BOOL),
            )
        )


def _draw_overrides(draw: st.DrawFn, plan: Plan) -> None:
    facilities = [f.id for f in plan.facilities]
    kinds = [OverrideKind.DEMAND_FACTOR, OverrideKind.PERMITTING_FACTOR, OverrideKind.RISK_FACTOR]
    if facilities:
        kinds += [OverrideKind.DELAY, OverrideKind.CAPACITY_FACTOR, OverrideKind.CANCEL, OverrideKind.STATUS]
    if plan.supply:
        kinds.append(OverrideKind.SUPPLY_FACTOR)
    for _ in range(draw(_ints(0, 10))):
        kind = _pick(draw, kinds)
        target, value = _override_target_and_value(draw, plan, kind, facilities)
        scenario = _ref(draw, _pick(draw, [s.id for s in plan.scenarios]))
        plan.overrides.append(Override(scenario, kind, value, target, draw(_NOTES)))


def _override_target_and_value(
    draw: st.DrawFn, plan: Plan, kind: OverrideKind, facilities: list[str]
) -> tuple[str, float | bool | Status]:
    """A valid (Target, Value) pair for an override of ``kind``."""
    factor = numbers(0, 3)
    if kind is OverrideKind.DELAY:
        return _ref(draw, _pick(draw, facilities)), draw(numbers(-36, 36))
    if kind is OverrideKind.CAPACITY_FACTOR:
        return _ref(draw, _pick(draw, facilities)), draw(factor)
    if kind is OverrideKind.CANCEL:
        return _ref(draw, _pick(draw, facilities)), True
    if kind is OverrideKind.STATUS:
        return _ref(draw, _pick(draw, facilities)), _pick(draw, list(Status))
    if kind is OverrideKind.DEMAND_FACTOR:
        return _pick(draw, [""] + [d.segment for d in plan.demand]), draw(factor)
    if kind is OverrideKind.SUPPLY_FACTOR:
        source = _pick(draw, plan.supply)
        return _pick(draw, [_ref(draw, source.id), source.country]), draw(factor)
    if kind is OverrideKind.PERMITTING_FACTOR:
        target = _pick(draw, [""] + facilities)
        return (_ref(draw, target) if target else ""), draw(factor)
    status = _pick(draw, list(Status))
    return _pick(draw, [status.value, status.value.title()]), draw(_SHARES)


def _draw_prices_and_floors(draw: st.DrawFn, plan: Plan) -> None:
    """Prices for some materials (every scenario, and some scenarios' own), then floors on them."""
    materials = _some(draw, [m.id for m in plan.materials], 3)
    for material in materials:
        for scenario in ["", *_some(draw, [s.id for s in plan.scenarios], 2)]:
            years = _some(draw, list(plan.years), 4) or [plan.start_year]
            plan.prices.append(
                PriceRow(
                    material=_ref(draw, material),
                    scenario=_ref(draw, scenario) if scenario else "",
                    values={y: draw(numbers(0, 5000)) for y in sorted(years)},
                    notes=draw(_NOTES),
                    source=draw(_TEXT),
                )
            )
    stages = {s.id.casefold(): s for s in plan.stages}
    eligible = [f for f in plan.facilities if stages[f.stage.casefold()].basis is CapacityBasis.MATERIAL]
    if not materials or not eligible:
        return
    funding = [""] + [f.id for f in plan.funding]
    for n in range(draw(_ints(0, 3))):
        first = draw(_ints(plan.start_year, plan.end_year))
        share = draw(_SHARES)
        plan.price_floors.append(
            PriceFloor(
                id=_id(draw, "FLOOR", n),
                facility=_ref(draw, _pick(draw, eligible).id),
                material=_ref(draw, _pick(draw, materials)),
                floor_price=draw(numbers(0, 500)),
                from_year=first,
                to_year=draw(_ints(first, plan.end_year + 3)),
                agency=_ref(draw, _pick(draw, [a.id for a in plan.agencies])),
                share=share,
                funding=_ref(draw, f) if (f := _pick(draw, funding)) else "",
                scenarios=_scenario_list(draw, plan),
                notes=draw(_NOTES),
                source=draw(_TEXT),
            )
        )


def _draw_schedule_risk(draw: st.DrawFn, plan: Plan) -> None:
    """Some statuses' rows (never cancelled), slips ordered min <= likely <= max."""
    if draw(_BOOL):
        return  # keep the defaults
    statuses = _some(draw, [s for s in Status if s is not Status.CANCELLED], 5)
    rows = []
    for status in statuses:
        slips = sorted(draw(numbers(0, 60)) for _ in range(3))
        rows.append(ScheduleRisk(status, draw(_SHARES), *slips))
    plan.schedule_risk = rows
