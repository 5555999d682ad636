"""Every figure in every example names its public source or says it is an estimate.

An analyst signs what they can check. This walks every numeric field of every
record of every example plan and fails on one that neither cites a public
source nor says "Estimate:" with its basis. The conventions (docs/examples.md,
"How figures are sourced"):

- A row with a Source column cites an address (``http``) there, or its Notes
  say "Estimate:".
- A record with several figures labels each in its Notes ("Capacity:",
  "Online:", "Tonnes:", "Floor:", "2025:"...). A label's clause either says
  "Estimate" or names, in brackets, the part of the row's Source it comes from.
- Materials, stages, overrides and targets have no Source column: their text
  says "Source:" (or gives an address) or "Estimate:".
- Our own notes are never a source.

Not figures, so not walked: the plan's horizon (the planner's choice of years)
and canvas positions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from reeplanner.formats.reeplan import load
from reeplanner.model import Plan
from reeplanner.model.records import Facility, PriceFloor, PriceRow, SupplySource

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NAMES = ["us-mine-to-magnet.reeplan", "heavy-rare-earths.reeplan", "starter.reeplan"]
OUR_NOTES = ("public-figures", "REE Planner public", "notes file")


@pytest.fixture(scope="module", params=NAMES)
def plan(request) -> Plan:
    return load(EXAMPLES / request.param)


def cites(text: str) -> bool:
    """A public source named in free text: an address, or a 'Source:' clause."""
    return "http" in text or "Source:" in text


def estimated(text: str) -> bool:
    return "Estimate" in text


def clauses(notes: str, labels: list[str]) -> dict[str, str]:
    """Label -> its clause: the text after "Label:" up to the next label. "A and B:" labels both."""
    name = "|".join(re.escape(label) for label in labels)
    pattern = re.compile(rf"(?<![\w-])((?:{name})(?: and (?:{name}))*):")
    found = list(pattern.finditer(notes))
    out: dict[str, str] = {}
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(notes)
        for label in match.group(1).split(" and "):
            out[label] = notes[match.end() : end]
    return out


def labelled_problems(where: str, notes: str, source: str, wanted: list[str]) -> Iterator[str]:
    """Each wanted label must have a clause that is an estimate, or a sourced row naming its source."""
    found = clauses(notes, wanted)
    for label in wanted:
        clause = found.get(label)
        if clause is None:
            yield f"{where}: no '{label}:' in the Notes, so that figure has no stated source"
        elif not estimated(clause) and not ("http" in source and "(" in clause):
            yield f"{where}: '{label}:' neither says Estimate nor names its source in brackets"


def facility_labels(plan: Plan, fac: Facility) -> list[str]:
    labels = ["Capacity"]
    if fac.online is not None:
        labels.append("Online")
    if fac.permitting_start is not None or fac.permitting_months is not None:
        labels.append("Permitting")
    if fac.construction_months is not None:
        labels.append("Construction")
    if fac.online is not None or fac.permitting_start is not None:
        labels.append("Ramp-up")  # without a date the engine never uses it (engine.md rule 3)
    if any(c.facility == fac.id for c in plan.composition):
        labels.append("Mix")
    return labels


def supply_labels(plan: Plan, row: SupplySource) -> list[str]:
    labels = ["Tonnes"]
    if row.from_year is not None and row.from_year > plan.start_year:
        labels.append("From")
    if row.to_year is not None:
        labels.append("To")
    return labels


def floor_labels(floor: PriceFloor) -> list[str]:
    return ["Floor", "Share", "Years"]


def price_labels(row: PriceRow) -> list[str]:
    return [str(year) for year in sorted(row.values)]


def problems(plan: Plan) -> Iterator[str]:
    for fac in plan.facilities:
        yield from labelled_problems(f"Facility {fac.id}", fac.notes, fac.source, facility_labels(plan, fac))
    for row in plan.supply:
        yield from labelled_problems(f"Supply {row.id}", row.notes, row.source, supply_labels(plan, row))
    for floor in plan.price_floors:
        yield from labelled_problems(
            f"Price floor {floor.id}", floor.notes, floor.source, floor_labels(floor)
        )
    for row in plan.prices:
        where = f"Prices {row.material}/{row.scenario or 'all'}"
        yield from labelled_problems(where, row.notes, row.source, price_labels(row))
    for line in plan.funding:
        if "http" not in line.source and not estimated(line.notes):
            yield f"Funding {line.id}: amount and year cite no address and are not an estimate"
    for row in plan.demand:
        if "http" not in row.source and not estimated(row.notes + row.source):
            yield f"Demand {row.segment}: values cite no address and are not an estimate"
    for mat in plan.materials:
        if not (cites(mat.notes) or estimated(mat.notes)):
            yield f"Material {mat.id}: magnet content {mat.magnet_content} has no source or estimate"
    for stage in plan.stages:
        clause = clauses(stage.notes, ["Yield"]).get("Yield", "")
        if not (cites(clause) or estimated(clause)):
            yield f"Stage {stage.id}: yield {stage.process_yield} has no 'Yield:' source or estimate"
    for ov in plan.overrides:
        if isinstance(ov.value, (int, float)) and not (cites(ov.notes) or estimated(ov.notes)):
            yield f"Override {ov.scenario}/{ov.kind.value}/{ov.target}: value {ov.value} has no source"
    for target in plan.targets:
        if not (cites(target.description) or estimated(target.description)):
            yield f"Target {target.id}: threshold {target.threshold} has no source or estimate"
    for link in plan.links:
        for value in (link.start_year, link.tonnes_per_year):
            if value is not None and not (
                f"{value:g}" in link.notes and (cites(link.notes) or estimated(link.notes))
            ):
                yield f"Link {link.from_facility}->{link.to_facility}: {value:g} has no source or estimate"
    if plan.schedule_risk and not ("Schedule risk:" in plan.description and estimated(plan.description)):
        yield "Schedule risk: the plan description does not say where its figures come from"


def test_every_figure_cites_a_public_source_or_says_estimate(plan):
    assert list(problems(plan)) == []


def test_no_figure_cites_our_own_notes(plan):
    texts = [r.source + r.notes for r in plan.facilities + plan.funding + plan.supply + plan.price_floors]
    texts += [r.source + r.notes for r in plan.demand + plan.prices]
    texts += (
        [m.notes for m in plan.materials] + [s.notes for s in plan.stages] + [o.notes for o in plan.overrides]
    )
    assert [t[:60] for t in texts if any(word in t for word in OUR_NOTES)] == []


def test_each_plan_says_how_current_it_is(plan):
    assert plan.as_of is not None and plan.as_of.year >= 2026


def test_the_checker_catches_a_figure_without_a_source():
    """The walk fails on what it should: an unlabelled ramp-up, a bare yield, an unsourced override."""
    us = load(EXAMPLES / NAMES[0])
    first = us.facilities[1]  # ROUND-TOP: dated, so its ramp-up counts
    us.facilities[1] = type(first)(**{**_fields(first), "notes": first.notes.replace("Ramp-up:", "Ramp up")})
    stage = us.stages[1]
    us.stages[1] = type(stage)(**{**_fields(stage), "notes": "Separated oxides."})
    found = list(problems(us))
    assert any("ROUND-TOP" in p and "Ramp-up" in p for p in found)
    assert any(p.startswith("Stage SEP") for p in found)


def _fields(record) -> dict:
    return {name: getattr(record, name) for name in record.__slots__}
