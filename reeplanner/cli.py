"""reeplanner-cli: validate, summarise, explain and convert plans, write briefs, weigh schedule risk.

Each subcommand is an ``add_<name>(subparsers)`` function registering its
parser and handler; ``SUBCOMMANDS`` lists them. To add one, write its
``add_`` function and append it there.

Exit codes: 0 success (``validate``: the plan is valid, warnings allowed),
1 the plan has errors (no figure is ever made from such a plan), 2 a usage
error, a file that is not a plan at all, or a file that cannot be written.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from reeplanner.about import VersionAction
from reeplanner.engine import compute_all
from reeplanner.engine.explain import VIEWS, explain_result
from reeplanner.engine.explain_facility import explain_facility, explain_floor
from reeplanner.engine.results import PlanResult, ScenarioResult
from reeplanner.engine.targets import figure_text, shortfall_text, threshold_text
from reeplanner.formats.atomic import SaveError
from reeplanner.formats.files import WORKBOOK_SUFFIXES, read_plan, write_plan
from reeplanner.model import CapacityBasis, Metric, PlanError, Problem, id_key, validate
from reeplanner.model.plan import Plan
from reeplanner.model.schema import TABLES

OK, INVALID, USAGE = 0, 1, 2
#: Where problems of a plan (not of a file) are placed: the Plan settings and the tables.
PLAN_TABLES = frozenset({"Plan", *(t.sheet for t in TABLES)})
#: A file that cannot be written (full disk, read-only folder) exits like one that cannot be read.
CANNOT_WRITE = USAGE


class CommandFailed(Exception):
    """Stop a subcommand with an exit code, its problems already printed."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except CommandFailed as stop:
        return stop.code
    except PlanError as exc:
        print_problems(exc.problems or [Problem(str(exc))])
        return INVALID
    except BrokenPipeError:  # the reader (``head``) stopped early: not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python flushes stdout at exit
        return OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reeplanner-cli", description="Check, summarise and convert REE Planner plans."
    )
    parser.add_argument("--version", action=VersionAction)
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in SUBCOMMANDS:
        add(subparsers)
    return parser


def print_problems(problems: Sequence[Problem], stream=None) -> None:
    """One problem per line, ``WHERE: MESSAGE``."""
    for problem in problems:
        print(problem, file=stream or sys.stderr)


def load(path: str) -> tuple[Plan, list[Problem]]:
    """The plan in ``path``; a file that is not a plan stops with exit code 2, a plan with bad cells 1."""
    try:
        return read_plan(path)
    except PlanError as exc:
        print_problems(exc.problems)
        in_the_plan = any(p.row is not None or p.table in PLAN_TABLES for p in exc.errors)
        raise CommandFailed(INVALID if in_the_plan else USAGE) from exc
    except OSError as exc:
        print(f"{path}: {exc.strerror or exc}", file=sys.stderr)
        raise CommandFailed(USAGE) from exc


def problems_of(path: str, plan: Plan, warnings: list[Problem]) -> list[Problem]:
    """Every problem of the plan read from ``path``, as ``validate`` lists them.

    A workbook is validated as it is read (its problems placed on Excel rows, an
    invalid one refused); a ``.reeplan`` is validated here.
    """
    is_workbook = os.path.splitext(path)[1].lower() in WORKBOOK_SUFFIXES
    return warnings if is_workbook else warnings + validate(plan)


def load_valid(path: str) -> tuple[Plan, list[Problem]]:
    """The plan in ``path`` and its warnings; a plan with errors stops with ``validate``'s lines and exit 1.

    Every command that makes figures or writes the plan elsewhere goes through
    here: no figure is ever made from a plan validation refuses.
    """
    plan, warnings = load(path)
    problems = problems_of(path, plan, warnings)
    if any(p.is_error for p in problems):
        print_problems(problems)
        raise CommandFailed(INVALID)
    return plan, [p for p in problems if not p.is_error]


# --- validate -----------------------------------------------------------------------------------


def add_validate(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("validate", help="list every problem of a plan or workbook")
    p.add_argument("file")
    p.set_defaults(handler=run_validate)


def run_validate(args: argparse.Namespace) -> int:
    plan, warnings = load(args.file)
    problems = problems_of(args.file, plan, warnings)
    print_problems(problems, sys.stdout)
    return INVALID if any(p.is_error for p in problems) else OK


# --- summary ------------------------------------------------------------------------------------


def add_summary(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("summary", help="magnet output, self-sufficiency, targets, funding")
    p.add_argument("file")
    p.add_argument("--scenario", help="only this scenario (default: every scenario)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_summary)


def run_summary(args: argparse.Namespace) -> int:
    plan, _ = load_valid(args.file)
    result = compute_all(plan)
    scenarios = _chosen(result, args.scenario)
    if args.json:
        doc = {"plan": plan.name, "scenarios": [scenario_json(sr) for sr in scenarios]}
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        print(f"Plan: {plan.name} ({plan.start_year}-{plan.end_year})")
        for sr in scenarios:
            print()
            print("\n".join(scenario_text(sr, plan.currency)))
    return OK


def _chosen(result: PlanResult, scenario_id: str | None) -> list[ScenarioResult]:
    if not scenario_id:
        return list(result.scenarios.values())
    try:
        return [result.scenario(scenario_id)]
    except KeyError:
        known = ", ".join(result.scenarios)
        print(f"There is no scenario '{scenario_id}'. Known: {known}.", file=sys.stderr)
        raise CommandFailed(USAGE) from None


def number(value: Any) -> float | None:
    """A JSON number: None for NaN, None and infinity."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def scenario_json(sr: ScenarioResult) -> dict[str, Any]:
    years = [
        {
            "year": int(year),
            "magnet_demand": number(row.magnet_demand),
            "domestic_magnet_output": number(row.domestic_magnet_output),
            "magnet_output_with_imports": number(row.magnet_output_with_imports),
            "self_sufficiency": number(row.self_sufficiency),
            "bottleneck": row.bottleneck,
            "magnet_output_allied": number(row.magnet_output_allied),
            "allied_coverage": number(row.allied_coverage),
            "unmet_demand": number(row.unmet_demand),
            "bottleneck_material": row.bottleneck_material,
            "price_floor_exposure": number(row.price_floor_exposure),
        }
        for year, row in zip(sr.magnet.index, sr.magnet.itertuples(index=False), strict=True)
    ]
    targets = [
        {
            "id": t.target,
            "value": number(t.value),
            "met": bool(t.met),
            "year_met": None if t.year_met is None else int(t.year_met),
            "shortfall": number(t.shortfall),
        }
        for t in sr.targets.itertuples(index=False)
    ]
    return {
        "id": sr.scenario_id,
        "name": sr.scenario_name,
        "risk_view": str(sr.risk_view),
        "funding_total": number(sr.funding_total),
        "funding_public_total": number(sr.funding_public_total),
        "years": years,
        "targets": targets,
    }


def scenario_text(sr: ScenarioResult, currency: str) -> list[str]:
    lines = [f"Scenario {sr.scenario_id} ({sr.scenario_name}), {sr.risk_view} view"]
    header = (
        "Year",
        "Magnet demand",
        "Domestic output",
        "Allied output",
        "With imports",
        "Unmet demand",
        "Self-sufficiency",
        "Allied coverage",
        "Bottleneck",
    )
    rows = [header]
    for year, row in zip(sr.magnet.index, sr.magnet.itertuples(index=False), strict=True):
        rows.append(
            (
                str(year),
                f"{row.magnet_demand:,.0f} t/yr",
                f"{row.domestic_magnet_output:,.0f} t/yr",
                f"{row.magnet_output_allied:,.0f} t/yr",
                f"{row.magnet_output_with_imports:,.0f} t/yr",
                f"{row.unmet_demand:,.0f} t/yr",
                _fraction_text(row.self_sufficiency),
                _fraction_text(row.allied_coverage),
                bottleneck_text(row.bottleneck, row.bottleneck_material),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for r in rows:
        lines.append("  " + "  ".join(cell.rjust(w) for cell, w in zip(r, widths, strict=True)))
    if len(sr.targets):
        lines.append("  Targets:")
    for t in sr.targets.itertuples(index=False):
        lines.append(f"    {target_text(t)}")
    lines.append(
        f"  Funding total: {sr.funding_total:,.1f} {currency} "
        f"(public {sr.funding_public_total:,.1f}, private {sr.funding_total - sr.funding_public_total:,.1f})"
    )
    exposure = sr.arrays.floor_exposure
    if exposure.floors:
        at, lower_25, lower_50 = exposure.stress_totals()
        lines.append(
            f"  Price-floor exposure over the horizon: {at:,.1f} {currency} at the plan's prices, "
            f"{lower_25:,.1f} with prices 25% lower, {lower_50:,.1f} with prices 50% lower"
        )
    return lines


def _fraction_text(fraction: float) -> str:
    return "-" if math.isnan(fraction) else f"{fraction:.1%}"


def bottleneck_text(stage: str | None, material: str | None) -> str:
    """``MINE (Dy)`` on a material stage, ``MAGNET`` on a product stage, ``none`` without one."""
    if not stage:
        return "none"
    return f"{stage} ({material})" if material else stage


def target_text(t: Any) -> str:
    """One row of the targets frame for people, each figure with its metric's unit.

    ``T-MAG: domestic output MAGNET >= 3,000 t/yr by 2028: 2,490 t/yr (missed, shortfall 510 t/yr;
    first met 2029)``.
    """
    metric = Metric(t.metric)
    stage = f"{t.stage}{' ' + t.material if t.material else ''}"
    what = f"{t.metric} {stage} >= {threshold_text(metric, t.threshold)} by {t.year}"
    verdict = "met" if t.met else f"missed, shortfall {shortfall_text(metric, t.shortfall)}"
    when = f"first met {t.year_met}" if t.year_met is not None else "not met in the horizon"
    return f"{t.target}: {what}: {figure_text(metric, t.value)} ({verdict}; {when})"


# --- explain ------------------------------------------------------------------------------------


def add_explain(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "explain", help="the arithmetic behind a stage's figures, a facility's output or a price floor's cost"
    )
    p.add_argument("file")
    p.add_argument("--scenario", required=True)
    p.add_argument("--year", type=int, help="required except with --floor (default: every year of its term)")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--stage", help="a stage: its capacity, requirement, output and gap")
    what.add_argument("--facility", metavar="ID", help="a facility: its output and utilisation")
    what.add_argument("--floor", metavar="ID", help="a price floor: its exposure, year by year")
    p.add_argument("--material", help="on material stages (MINE, SEP, METAL); default: each material")
    p.add_argument(
        "--view",
        choices=VIEWS,
        default="domestic",
        help="with --stage: the supply view whose pass is explained (default domestic)",
    )
    p.set_defaults(handler=run_explain)


def run_explain(args: argparse.Namespace) -> int:
    if args.year is None and not args.floor:
        print("explain: --year is required with --stage and --facility.", file=sys.stderr)
        return USAGE
    plan, _ = load_valid(args.file)
    scenario = _chosen(compute_all(plan), args.scenario)[0]
    try:
        if args.facility:
            text = "\n".join(explain_facility(scenario, args.year, args.facility))
        elif args.floor:
            text = "\n".join(explain_floor(scenario, args.floor, args.year))
        else:
            text = _explain_stage(plan, scenario, args)
    except PlanError as exc:  # a stage, year, material, facility or floor the plan does not have
        print_problems(exc.problems)
        return USAGE
    print(text)
    return OK


def _explain_stage(plan: Plan, scenario: ScenarioResult, args: argparse.Namespace) -> str:
    """Without --material, a material stage is explained for each material in turn."""
    stage = next((s for s in plan.stages if id_key(s.id) == id_key(args.stage)), None)
    per_material = stage is not None and stage.basis is CapacityBasis.MATERIAL and not args.material
    materials = [m.id for m in plan.materials] if per_material else [args.material]
    explanations = [explain_result(scenario, args.year, args.stage, m, args.view) for m in materials]
    return "\n\n".join(str(e) for e in explanations)


# --- convert ------------------------------------------------------------------------------------


def add_convert(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("convert", help="write a plan in the format OUT's extension names")
    p.add_argument("source", metavar="IN")
    p.add_argument("target", metavar="OUT")
    p.set_defaults(handler=run_convert)


def run_convert(args: argparse.Namespace) -> int:
    plan, warnings = load_valid(args.source)
    print_problems(warnings)
    try:
        write_plan(plan, args.target)
    except PlanError as exc:  # an extension REE Planner does not write
        print_problems(exc.problems)
        return USAGE
    except SaveError as exc:
        print(exc, file=sys.stderr)
        return CANNOT_WRITE
    return OK


# --- brief --------------------------------------------------------------------------------------


def add_brief(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("brief", help="write the leadership brief (.xlsx) of a plan")
    p.add_argument("plan", metavar="PLAN")
    p.add_argument("target", metavar="OUT.xlsx")
    p.add_argument(
        "--scenario",
        action="append",
        metavar="ID",
        help="a scenario to brief (repeat for several; the first leads); default: all",
    )
    p.add_argument(
        "--pages",
        choices=("all", "summary"),
        default="all",
        help="all: pages 1-4 and the annex (default); summary: pages 1-4 only, for a quick read",
    )
    p.set_defaults(handler=run_brief)


def run_brief(args: argparse.Namespace) -> int:
    if not args.target.lower().endswith(".xlsx"):
        print(f"{args.target}: the brief is an Excel workbook; name it with .xlsx.", file=sys.stderr)
        return USAGE
    plan, warnings = load_valid(args.plan)
    print_problems(warnings)
    from reeplanner.formats.brief import write_brief  # openpyxl and the brief load only when asked for

    try:
        write_brief(plan, args.target, scenario_ids=args.scenario, pages=args.pages)
    except SaveError as exc:
        print(exc, file=sys.stderr)
        return CANNOT_WRITE
    except PlanError as exc:  # a --scenario the plan does not have
        print_problems(exc.problems)
        return USAGE
    return OK


def add_risk_commands(subparsers: argparse._SubParsersAction) -> None:
    """``risk`` and ``sensitivity`` (in ``cli_risk``, which uses the helpers above)."""
    from reeplanner.cli_risk import add_risk, add_sensitivity

    add_risk(subparsers)
    add_sensitivity(subparsers)


# --- the subcommands, in the order ``--help`` lists them; add yours here -------------------------

SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    add_validate,
    add_summary,
    add_explain,
    add_convert,
    add_brief,
    add_risk_commands,
]


if __name__ == "__main__":
    sys.exit(main())
