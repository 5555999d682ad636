"""reeplanner-cli risk and sensitivity: the odds that targets are met, and what the figures hang on.

``risk`` runs the schedule-risk Monte Carlo of engine.md; ``sensitivity`` the
tornado of one headline figure. Registered by ``cli.add_risk_commands``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

from reeplanner.cli import OK, USAGE, load, number
from reeplanner.engine.risk import (
    BAND_COLUMNS,
    DRAWS,
    SEED,
    RiskResult,
    ScenarioRisk,
    TargetRisk,
    schedule_risk,
)
from reeplanner.engine.sensitivity import STEP, FigureError, Tornado, sensitivity
from reeplanner.engine.targets import threshold_text
from reeplanner.model import Metric
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan

MAX_DRAWS = 1_000_000
TOP_DRIVERS = 10


def add_risk(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "risk", help="the probability that each target is met under schedule risk, and its drivers"
    )
    p.add_argument("file", metavar="PLAN")
    p.add_argument("--scenario", help="only this scenario (default: every scenario)")
    p.add_argument("--draws", type=_draws, default=DRAWS, help=f"Monte Carlo draws (default {DRAWS:,})")
    p.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_risk)


def _draws(text: str) -> int:
    try:
        value = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of draws") from None
    if not 1 <= value <= MAX_DRAWS:
        raise argparse.ArgumentTypeError(f"draws run from 1 to {MAX_DRAWS:,}; {value:,} asked")
    return value


def run_risk(args: argparse.Namespace) -> int:
    plan, _ = load(args.file)
    scenario_ids = [args.scenario] if args.scenario else None
    result = schedule_risk(plan, scenario_ids, draws=args.draws, seed=args.seed)
    if args.json:
        print(json.dumps(risk_json(result), indent=2, ensure_ascii=False))
    else:
        print("\n".join(risk_text(plan, result)))
    return OK


def risk_json(result: RiskResult) -> dict[str, Any]:
    return {
        "draws": result.draws,
        "seed": result.seed,
        "scenarios": [
            {
                "id": sr.scenario_id,
                "targets": [
                    {
                        "id": t.target,
                        "p_met": t.p_met,
                        "p80_year": t.p80_year,
                        "drivers": [{"facility": f, "gain": gain} for f, gain in t.top_drivers(TOP_DRIVERS)],
                    }
                    for t in sr.targets
                ],
                "years": [
                    {"year": int(year), **{name: number(row[name]) for name in BAND_COLUMNS}}
                    for year, row in sr.bands.iterrows()
                ],
            }
            for sr in result.scenarios.values()
        ],
    }


def risk_text(plan: Plan, result: RiskResult) -> list[str]:
    lines = [
        f"Schedule risk: {plan.name}, {result.draws:,} draws, seed {result.seed}",
        "P(met): the share of draws meeting the target in its year; P80 year: the first year met in 80% of them.",
    ]
    targets = {id_key(t.id): t for t in plan.targets}
    names = {id_key(f.id): f.name for f in plan.facilities}
    for sr in result.scenarios.values():
        lines += ["", f"Scenario {sr.scenario_id} ({sr.scenario_name})"]
        if sr.targets:
            lines.append("  Targets:")
        for t in sr.targets:
            lines += _target_lines(t, targets[id_key(t.target)], names)
        lines += _band_lines(sr)
    return lines


def p_text(p: float) -> str:
    """A probability for people: ``71.2%``; never 0% or 100% for what happened in some draws."""
    if 0 < p < 0.001:
        return "<0.1%"
    if 0.999 < p < 1:
        return ">99.9%"
    return f"{p:.1%}"


def gain_text(gain: float) -> str:
    """A gain in P(met) in percentage points: ``+71.2 points``, ``+0.04 points``."""
    points = 100 * gain
    return f"+{points:.1f} points" if points >= 0.1 else f"+{points:.2f} points"


def _target_lines(t: TargetRisk, target: Any, names: dict[str, str]) -> list[str]:
    stage = f"{target.stage}{' ' + target.material if target.material else ''}"
    what = f"{target.metric} {stage} >= {threshold_text(Metric(target.metric), target.threshold)} by {t.year}"
    p80 = t.p80_year if t.p80_year is not None else "none in the horizon"
    lines = [f"    {t.target}: {what}: P(met) {p_text(t.p_met)}; P80 year {p80}"]
    drivers = t.top_drivers(TOP_DRIVERS)
    if not drivers:
        why = "it is met in every draw" if t.p_met == 1 else "no single project delivered on time changes it"
        lines.append(f"      Drivers: none ({why})")
        return lines
    lines.append("      Drivers (P(met) gained if the project is neither cancelled nor late):")
    width = max(len(f) for f, _ in drivers)
    for facility, gain in drivers:
        lines.append(f"        {facility:<{width}}  {gain_text(gain):>13}  {names.get(id_key(facility), '')}")
    return lines


def _band_lines(sr: ScenarioRisk) -> list[str]:
    header = ("Year", "Output P10", "P50", "P90", "Self-sufficiency P10", "P50", "P90")
    rows = [header]
    for year, row in sr.bands.iterrows():
        output = [f"{row[c]:,.0f} t/yr" for c in BAND_COLUMNS[:3]]
        sufficiency = ["-" if math.isnan(row[c]) else f"{row[c]:.1%}" for c in BAND_COLUMNS[3:]]
        rows.append((str(year), *output, *sufficiency))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  Domestic magnet output and self-sufficiency, percentiles over the draws:"]
    lines += ["    " + "  ".join(cell.rjust(w) for cell, w in zip(r, widths, strict=True)) for r in rows]
    return lines


# --- sensitivity --------------------------------------------------------------------------------


def add_sensitivity(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("sensitivity", help="how far a headline figure moves with each assumption")
    p.add_argument("file", metavar="PLAN")
    p.add_argument("--scenario", required=True)
    p.add_argument("--figure", required=True, help="target:ID, magnet_output:YEAR or self_sufficiency:YEAR")
    p.add_argument(
        "--step", type=float, default=STEP, help=f"relative move of each assumption (default {STEP})"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_sensitivity)


def run_sensitivity(args: argparse.Namespace) -> int:
    plan, _ = load(args.file)
    try:
        tornado = sensitivity(plan, args.scenario, args.figure, args.step)
    except FigureError as exc:
        print(exc, file=sys.stderr)
        return USAGE
    if args.json:
        print(json.dumps(tornado_json(tornado), indent=2, ensure_ascii=False))
    else:
        print("\n".join(tornado_text(tornado)))
    return OK


def tornado_json(tornado: Tornado) -> dict[str, Any]:
    return {
        "scenario": tornado.scenario_id,
        "figure": str(tornado.figure),
        "label": tornado.label,
        "unit": tornado.unit,
        "step": tornado.step,
        "value": number(tornado.value),
        "assumptions": [
            {
                "assumption": r.assumption,
                "kind": r.kind,
                "subject": r.subject,
                **{
                    k: number(getattr(r, k))
                    for k in ("base", "down", "up", "figure_down", "figure_up", "swing")
                },
            }
            for r in tornado.rows.itertuples(index=False)
        ],
    }


def figure_value_text(unit: str, value: float) -> str:
    if math.isnan(value):
        return "-"
    if unit == "share":
        return f"{value:.1%}"
    if unit == "%":
        return f"{value:.1f}%"
    return f"{value:,.0f} {unit}"


def swing_text(unit: str, swing: float) -> str:
    if math.isnan(swing):
        return "-"
    if unit in ("share", "%"):
        return f"{swing * (100 if unit == 'share' else 1):.1f} points"
    return f"{swing:,.0f} {unit}"


def assumption_text(kind: str, value: float) -> str:
    return f"{value:,.0f} t/yr" if kind in ("demand", "supply") else f"{value:.4g}"


def tornado_text(tornado: Tornado) -> list[str]:
    unit = tornado.unit
    lines = [
        f"Sensitivity: {tornado.label}, scenario {tornado.scenario_id}: "
        f"{figure_value_text(unit, tornado.value)}; each assumption moved {tornado.step:.0%} down and up",
    ]
    header = ("Assumption", "Value", "Down / up", "Figure down", "Figure up", "Swing")
    rows = [header]
    for r in tornado.rows.itertuples(index=False):
        rows.append(
            (
                r.assumption,
                assumption_text(r.kind, r.base),
                f"{assumption_text(r.kind, r.down)} / {assumption_text(r.kind, r.up)}",
                figure_value_text(unit, r.figure_down),
                figure_value_text(unit, r.figure_up),
                swing_text(unit, r.swing),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for r in rows:
        cells = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True)]
        lines.append("  " + "  ".join(cells))
    return lines
