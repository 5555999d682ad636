"""The Funding sheet: funding pivoted by agency x instrument and by agency x year, per scenario."""

from __future__ import annotations

import pandas as pd
from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.formats.brief import styles
from reeplanner.formats.brief.figures import agency_name, instrument_name
from reeplanner.formats.brief.sheet_writer import PageHeader, SheetWriter
from reeplanner.model import Plan


def write_funding(ws: Worksheet, plan: Plan, header: PageHeader, results: list) -> None:
    out = SheetWriter(ws, header)
    out.title(f"Funding ({plan.currency})", "Every funding line present in the scenario, whatever its status")
    written: list[tuple[str, pd.DataFrame]] = []
    for result in results:
        funding = result.funding
        same_as = next((name for name, seen in written if _same_lines(seen, funding)), None)
        out.section(f"{result.scenario_name} ({result.scenario_id})")
        if same_as is not None:
            out.note(f"The same funding lines as {same_as}.")
            continue
        written.append((result.scenario_name, funding))
        if funding.empty:
            out.note("No funding lines in this scenario.")
            continue
        _pivot(out, plan, funding, "instrument", "By agency and instrument")
        out.row += 1
        _pivot(out, plan, funding, "year", "By agency and year")
    instruments = sorted({str(i) for r in results for i in r.funding["instrument"]})
    if instruments:
        out.section("Instruments")
        for instrument in instruments:
            out.line(f"{instrument}: {instrument_name(plan, instrument)}")
    out.finish(title_rows=2)


def _same_lines(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    return list(a["funding"]) == list(b["funding"]) and list(a["amount"]) == list(b["amount"])


def _pivot(out: SheetWriter, plan: Plan, funding: pd.DataFrame, columns: str, title: str) -> None:
    pivot = funding.pivot_table(
        index="agency", columns=columns, values="amount", aggfunc="sum", fill_value=0.0, sort=True
    )
    headers = [str(c) for c in pivot.columns]
    out.header([title, *headers, "Total"])
    money = ["", *[styles.MONEY] * (len(headers) + 1)]
    for agency, row in pivot.iterrows():
        values = [float(v) for v in row]
        out.table_row([f"{agency_name(plan, str(agency))} ({agency})", *values, sum(values)], money)
    totals = [float(v) for v in pivot.sum(axis=0)]
    out.table_row(["Total", *totals, sum(totals)], money, total=True)
