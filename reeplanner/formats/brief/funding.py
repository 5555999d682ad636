"""Annex D, funding lines: every line of the lead scenario with its department, instrument kind,
status and whether it is public; then, per other scenario, only the lines that differ.

A plan of many lines lists ``MAX_LINES`` of the lead's (largest first) and says so.
"""

from __future__ import annotations

import math

import pandas as pd
from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.engine.money import department_of, instrument_kind
from reeplanner.formats.brief import styles
from reeplanner.formats.brief.context import BriefContext
from reeplanner.formats.brief.sheet_writer import SheetWriter

MAX_LINES = 400
MAX_DIFFERENCES = 100
WIDTHS = {1: 16.0, 2: 16.0, 3: 24.0, 4: 10.0, 5: 14.0, 6: 14.0, 7: 11.0, 8: 7.0, 9: 11.0, 10: 8.0}


def write_funding_lines(ws: Worksheet, context: BriefContext) -> None:
    out = SheetWriter(ws, context.header)
    plan, lead = context.plan, context.lead
    out.title(
        f"Annex D. Funding lines ({context.currency})",
        f"Every line present in {lead.scenario_name}, largest first; private lines (agency or instrument "
        "PRIVATE) are never counted as public. Other scenarios list only the lines that differ.",
    )
    out.section(f"{lead.scenario_name} ({lead.scenario_id})")
    lines = lead.funding.sort_values("amount", ascending=False, kind="stable")
    if lines.empty:
        out.note("No funding lines in this scenario.")
    else:
        if len(lines) > MAX_LINES:
            out.note(
                f"Showing the {MAX_LINES} largest of {len(lines):,} lines; the plan workbook lists every one."
            )
        out.header(
            [
                "Line",
                "Plant",
                "Department",
                "Agency",
                "Instrument",
                "Kind",
                "Status",
                "Year",
                "Amount",
                "Public",
            ]
        )
        for row in lines.head(MAX_LINES).itertuples(index=False):
            out.table_row(
                [
                    str(row.funding),
                    str(row.facility or "none"),
                    department_of(plan, str(row.agency)),
                    str(row.agency),
                    str(row.instrument),
                    instrument_kind(plan, str(row.instrument)),
                    str(row.status),
                    int(row.year),
                    float(row.amount),
                    "public" if row.public else "private",
                ],
                ["", "", "", "", "", "", "", styles.YEAR, styles.MONEY_OR_DASH, ""],
            )
    same = [r for r in context.results[1:] if _same_lines(lead.funding, r.funding)]
    if same:
        out.note(
            "The same funding lines in: "
            + ", ".join(f"{r.scenario_name} ({r.scenario_id})" for r in same)
            + "."
        )
    for result in context.results[1:]:
        if any(result is r for r in same):
            continue
        out.section(
            f"{result.scenario_name} ({result.scenario_id}): lines that differ from {lead.scenario_name}"
        )
        _differences(out, lead, result)
    out.finish(title_rows=2, widths=WIDTHS)


def _same_lines(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    return list(a["funding"]) == list(b["funding"]) and list(a["amount"]) == list(b["amount"])


def _blank_zero(value: float) -> float | None:
    return None if value == 0 or math.isnan(value) else value


def _differences(out: SheetWriter, lead, result) -> None:
    """The lines present in only one of the two scenarios, or with another amount, and both totals."""
    columns = ["funding", "agency", "instrument", "year", "facility"]
    merged = pd.merge(
        lead.funding[[*columns, "amount"]],
        result.funding[[*columns, "amount"]],
        on=columns,
        how="outer",
        suffixes=("_lead", "_other"),
        sort=False,
    )
    merged = merged.fillna({"amount_lead": 0.0, "amount_other": 0.0})
    changed = merged[(merged["amount_lead"] - merged["amount_other"]).abs() > 1e-9]
    out.header(["Line", "Plant", "Agency", "Instrument", "Year", lead.scenario_name, result.scenario_name])
    fmts = ["", "", "", "", styles.YEAR, styles.MONEY_OR_DASH, styles.MONEY_OR_DASH]
    for row in changed.head(MAX_DIFFERENCES).itertuples(index=False):
        out.table_row(
            [
                str(row.funding),
                str(row.facility or "none"),
                str(row.agency),
                str(row.instrument),
                None if pd.isna(row.year) else int(row.year),
                _blank_zero(float(row.amount_lead)),
                _blank_zero(float(row.amount_other)),
            ],
            fmts,
        )
    if len(changed) > MAX_DIFFERENCES:
        out.note(f"Showing {MAX_DIFFERENCES} of {len(changed):,} lines that differ.")
    out.table_row(
        ["All funding lines", "", "", "", None, lead.funding_total, result.funding_total], fmts, total=True
    )
