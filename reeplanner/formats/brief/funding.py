"""The Funding sheet: the lead scenario's funding pivoted by instrument x agency and by agency x year.

Scenarios with the same funding lines say so in one line; a scenario whose
lines differ lists the lines that differ, beside the lead's, so the change
reads at a glance instead of in a second pivot of mostly equal numbers.
"""

from __future__ import annotations

import math

import pandas as pd
from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.formats.brief import styles
from reeplanner.formats.brief.figures import agency_name, instrument_name
from reeplanner.formats.brief.sheet_writer import PageHeader, SheetWriter
from reeplanner.model import Plan


def write_funding(ws: Worksheet, plan: Plan, header: PageHeader, results: list) -> None:
    out = SheetWriter(ws, header)
    out.title(
        f"Funding ({plan.currency})",
        "Every funding line present in the scenario, whatever its status. A blank cell or – means none.",
    )
    lead, others = results[0], results[1:]
    out.section(f"{lead.scenario_name} ({lead.scenario_id})")
    same = [r for r in others if _same_lines(lead.funding, r.funding)]
    if same:
        names = ", ".join(f"{r.scenario_name} ({r.scenario_id})" for r in same)
        out.note(f"The same funding lines in: {names}.")
    if lead.funding.empty:
        out.note("No funding lines in this scenario.")
    else:
        _pivot(out, lead.funding, "instrument", "agency", "By instrument and agency", _instrument_label(plan))
        out.row += 1
        _pivot(out, lead.funding, "agency", "year", "By agency and year", _agency_label(plan))
    for result in others:
        if any(result is r for r in same):
            continue
        out.section(
            f"{result.scenario_name} ({result.scenario_id}): lines that differ from {lead.scenario_name}"
        )
        _differences(out, plan, lead, result)
    out.finish(title_rows=2)


def _same_lines(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    return list(a["funding"]) == list(b["funding"]) and list(a["amount"]) == list(b["amount"])


def _blank_zero(value: float) -> float | None:
    """A pivot cell: empty where an agency has nothing under that heading."""
    return None if value == 0 or math.isnan(value) else value


def _instrument_label(plan: Plan):
    def label(instrument: str) -> str:
        name = instrument_name(plan, instrument)
        if name == instrument or f"({instrument})" in name:  # 'Qualifying ... credit (48C)' names itself
            return name
        return f"{name} ({instrument})"

    return label


def _agency_label(plan: Plan):
    return lambda agency: f"{agency_name(plan, agency)} ({agency})"


def _pivot(out: SheetWriter, funding: pd.DataFrame, rows: str, columns: str, title: str, label) -> None:
    """Amounts by ``rows`` x ``columns``, blank where there is none, with a Total row and column."""
    pivot = funding.pivot_table(
        index=rows, columns=columns, values="amount", aggfunc="sum", fill_value=0.0, sort=True
    )
    headers = [str(c) for c in pivot.columns]
    out.header([title, *headers, "Total"])
    money = ["", *[styles.MONEY_OR_DASH] * (len(headers) + 1)]
    for key, row in pivot.iterrows():
        values = [float(v) for v in row]
        cells = [_blank_zero(v) for v in values]
        out.table_row([label(str(key)), *cells, sum(values)], money)
    totals = [float(v) for v in pivot.sum(axis=0)]
    out.table_row(["Total", *totals, sum(totals)], money, total=True)


def _differences(out: SheetWriter, plan: Plan, lead, result) -> None:
    """The lines present in only one of the two scenarios, or with another amount, and both totals.

    Agencies and instruments by ID, so the table shares the pivots' narrow columns.
    """
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
    out.header(
        ["Funding line", "Agency", "Instrument", "Facility", "Year", lead.scenario_name, result.scenario_name]
    )
    fmts = ["", "", "", "", styles.YEAR, styles.MONEY_OR_DASH, styles.MONEY_OR_DASH]
    for row in changed.itertuples(index=False):
        out.table_row(
            [
                str(row.funding),
                str(row.agency),
                str(row.instrument),
                str(row.facility or ""),
                None if pd.isna(row.year) else int(row.year),
                _blank_zero(float(row.amount_lead)),
                _blank_zero(float(row.amount_other)),
            ],
            fmts,
        )
    out.table_row(
        ["All funding lines", "", "", "", None, lead.funding_total, result.funding_total], fmts, total=True
    )
