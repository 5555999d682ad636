"""The Coordination sheet: the engine's fragmentation findings, per scenario."""

from __future__ import annotations

import math

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.formats.brief.figures import stage_name
from reeplanner.formats.brief.findings import COORDINATION_KINDS
from reeplanner.formats.brief.sheet_writer import PageHeader, SheetWriter
from reeplanner.model import Plan

#: The widest the engine's sentence column grows before its text wraps (the other columns are short).
MESSAGE_WIDTH = 70.0
CENTRED = Alignment(horizontal="center", vertical="top")


def kind_label(kind: str) -> str:
    singular = COORDINATION_KINDS.get(kind, (kind, kind))[0]
    return singular[:1].upper() + singular[1:]


def write_coordination(ws: Worksheet, plan: Plan, header: PageHeader, results: list) -> None:
    out = SheetWriter(ws, header)
    out.title(
        "Coordination findings",
        "Gaps no agency owns, facilities funded by several agencies with no lead, "
        "funding with no facility, targets with no owner",
    )
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
            findings.setdefault(key, []).append(result.scenario_name)
    if not findings:
        out.note("No coordination problems found in the scenarios of this brief.")
        out.finish()
        return
    out.header(["Finding", "Subject", "Stage", "Agency", "Year", "What the engine found", "Scenarios"])
    for key, scenarios in findings.items():
        where = "all" if len(scenarios) == len(results) and len(results) > 1 else ", ".join(scenarios)
        row = out.table_row([*key, where], ["", "", "", "", "0", "", ""])
        out.ws.cell(row=row, column=5).alignment = CENTRED  # the year between two text columns
    longest = max(len(key[5]) for key in findings)
    out.finish(title_rows=3, freeze="A4", widths={6: min(MESSAGE_WIDTH, max(30.0, longest + 2.0))})


def _year(value: object) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)
