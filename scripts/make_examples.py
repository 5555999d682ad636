"""Build the example plans from Python model objects and save them as .reeplan files.

Usage: ``.venv/bin/python scripts/make_examples.py [OUTPUT_DIR]`` (default ``examples/``).

The plans are built here rather than edited by hand so that they are always
valid and byte-for-byte deterministic; tests/test_examples.py rebuilds them
and checks that the committed files match. A plan with any validation problem
(error or warning) is not written.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from example_heavy import heavy_rare_earths
from example_subset import subset
from example_us_plan import SCHEDULE_RISK_NOTE, us_mine_to_magnet

from reeplanner.formats.reeplan import save
from reeplanner.model import Metric, Override, OverrideKind, Plan, Target, validate

STARTER_FACILITIES = [
    "MP-MINE",
    "MP-SEP",
    "MP-HRE",
    "EF-P1",
    "PHX-MET",
    "MP-IND-MET",
    "MP-10X-MET",
    "MP-IND-ALY",
    "MP-10X-ALY",
    "MP-IND-MAG",
    "MP-10X-MAG",
    "NOV-MAG",
    "NOV-REC",
]


def starter() -> Plan:
    """About a dozen facilities and three scenarios, simplified from the US plan."""
    plan = subset(us_mine_to_magnet(), STARTER_FACILITIES, ["NdPr", "Dy", "Tb"], ["BASE", "BAN", "DELAY"])
    plan.name = "Starter: a first look at the magnet chain (illustrative)"
    plan.description = (
        "Illustrative, for learning the app: a small cut of the US mine-to-magnet example (same sources, same "
        "As of date), not a complete picture; use that example for analysis. MP Materials from Mountain Pass "
        "to its Independence and 10X magnet plants, with its $110/kg NdPr floor; Energy Fuels' NdPr "
        "separation; Phoenix Tailings' metals; Noveon's recycled magnets; what China, Japan, Europe and Lynas "
        "sell to US users. Three scenarios: the base case, a Chinese Dy/Tb and magnet export cut, and 10X two "
        "years late. Figures are public with their sources; 'Estimate:' rows say how they were sized. "
        + SCHEDULE_RISK_NOTE
    )
    plan.scenarios = [
        dataclasses.replace(s, name="10X two years late", description="MP's 10X plant slips 24 months.")
        if s.id == "DELAY"
        else s
        for s in plan.scenarios
    ]
    plan.targets = [t for t in plan.targets if t.id == "T-DEF-2027"] + [
        Target(
            "T-CAP-2028",
            "Magnet capacity >= 4,000 t/yr by 2028 (Estimate: illustrative)",
            "MAGNET",
            Metric.CAPACITY,
            4000.0,
            2028,
            owner_agency="DOD-IBP",
        )
    ]
    plan.overrides = [o for o in plan.overrides if o.kind is not OverrideKind.DELAY] + [
        Override("DELAY", OverrideKind.DELAY, 24.0, fid, "Estimate: a two-year slip of 10X.")
        for fid in ("MP-10X-MET", "MP-10X-ALY", "MP-10X-MAG")
    ]
    return plan


EXAMPLES = {
    "us-mine-to-magnet.reeplan": us_mine_to_magnet,
    "heavy-rare-earths.reeplan": heavy_rare_earths,
    "starter.reeplan": starter,
}


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "examples"
    failed = False
    for name, build in EXAMPLES.items():
        plan = build()
        problems = validate(plan)
        if problems:
            failed = True
            print(f"{name}: not written, {len(problems)} problem(s):", file=sys.stderr)
            for problem in problems:
                print(f"  {problem}", file=sys.stderr)
            continue
        save(plan, out_dir / name)
        print(
            f"{name}: {len(plan.facilities)} facilities, {len(plan.funding)} funding lines, "
            f"{len(plan.scenarios)} scenarios"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
