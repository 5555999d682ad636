"""Annex E, coordination findings and sources on one sheet (each alone would print a near-empty page).

Coordination: the engine's fragmentation findings, each once with the scenarios it is found in.
Sources: every source the plan cites, once each, with the records it supports (``sources``).
"""

from __future__ import annotations

import math

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.formats.brief.context import BriefContext
from reeplanner.formats.brief.figures import stage_name
from reeplanner.formats.brief.sheet_writer import SheetWriter
from reeplanner.formats.brief.sources import write_sources

#: Finding, Subject, Stage, Agency, Year, What the engine found, Scenarios.
WIDTHS = {1: 22.0, 2: 13.0, 3: 11.0, 4: 13.0, 5: 6.0, 6: 58.0, 7: 22.0}
MAX_FINDINGS = 300
CENTRED = Alignment(horizontal="center", vertical="top")
KIND_LABELS = {
    "gap-without-owner": "Stage with a gap and no owner agency",
    "several-agencies-no-lead": "Plant funded by several agencies with no lead",
    "funding-without-facility": "Funding line with no plant",
    "target-without-owner": "Target with no owner agency",
    "starved-of-feed": "Funded plant starved of feed",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def write_coordination_and_sources(ws: Worksheet, context: BriefContext) -> None:
    out = SheetWriter(ws, context.header)
    out.title(
        "Annex E. Coordination findings and sources",
        "Gaps no agency owns, plants funded by several agencies with no lead, funding with no plant, targets "
        "with no owner, funded plants starved of feed; then every source the plan cites",
    )
    _coordination(out, context)
    write_sources(out, context.plan, WIDTHS)
    out.finish(title_rows=2, widths=WIDTHS)


def _coordination(out: SheetWriter, context: BriefContext) -> None:
    results, plan = context.results, context.plan
    out.section("Coordination findings", gap=0)
    findings: dict[tuple, list[str]] = {}
    for result in results:
        for finding in result.coordination.itertuples():
            key = (
                kind_label(str(finding.kind)),
                _text(finding.subject),
                stage_name(plan, finding.stage),
                _text(finding.agency),
                _year(finding.year),
                _text(finding.message),
            )
            findings.setdefault(key, []).append(result.scenario_id)
    if not findings:
        out.note("No coordination problems found in the scenarios of this brief.")
        return
    if len(findings) > MAX_FINDINGS:
        out.note(f"Showing {MAX_FINDINGS} of {len(findings):,} findings.")
    out.header(["Finding", "Subject", "Stage", "Agency", "Year", "What the engine found", "Scenarios"])
    every = [r.scenario_id for r in results]
    for key, scenarios in list(findings.items())[:MAX_FINDINGS]:
        where = _where(scenarios, every)
        row = out.table_row([*key, where], ["", "", "", "", "0", "", ""])
        out.ws.cell(row=row, column=5).alignment = CENTRED  # the year between two text columns


def _where(scenarios: list[str], every: list[str]) -> str:
    """``all``, ``all but DELAY, SURGE`` or ``BASE, BAN``: the scenarios a finding is found in, by ID."""
    if len(every) > 1 and len(scenarios) == len(every):
        return "all"
    missing = [s for s in every if s not in scenarios]
    if len(every) > 2 and len(missing) < len(scenarios):
        return "all but " + ", ".join(missing)
    return ", ".join(scenarios)


def _year(value: object) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)
