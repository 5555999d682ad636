"""Page 3, the money: who pays (public money by department, its offices summed), in what form
(grants apart from loans at face value, equity, tax credits...), how firm (committed, announced,
proposed), on which plants (money on plants planned, proposed or cancelled), when (by year from
the year the plan is current to), and what price floors may cost at lower prices. Private money
is shown apart and never counted as public.

Two blocks side by side, then money by year beside the chart. Every figure is the engine's
(``engine.money``).
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.engine.money import STATUS_COLUMNS
from reeplanner.engine.scenario_groups import horizon_difference
from reeplanner.formats.brief import styles
from reeplanner.formats.brief.charts import BriefCharts, fill_caches
from reeplanner.formats.brief.context import BriefContext
from reeplanner.formats.brief.figures import agency_name, stage_name
from reeplanner.formats.brief.sheet_writer import SheetWriter, put
from reeplanner.formats.brief.wording import amount, join, money

LABEL_WIDTH = 34.0
RIGHT_LABEL_WIDTH = 42.0
MONEY_WIDTH = 10.5
SPACER_WIDTH = 2.0
#: Left block columns A-E, spacer F, right block G-K.
RIGHT = 7
LARGEST_AT_RISK = 5
KIND_LABELS = {
    "grant": "Grants",
    "loan": "Loans (face value)",
    "loan guarantee": "Loan guarantees (face value)",
    "equity": "Equity",
    "tax credit": "Tax credits",
    "price floor": "Price-floor payments made",
    "offtake": "Offtake and procurement",
    "stockpile": "Stockpile purchases",
    "other": "Other",
    "unclassified": "Instruments without a kind",
}
MONEY_FORMATS = [styles.MONEY_OR_DASH] * 4


def write_money(ws: Worksheet, context: BriefContext, charts: BriefCharts) -> None:
    out = SheetWriter(ws, context.header)
    m = context.money
    lead = context.lead_figures.name
    totals = m.status_totals()
    out.title(
        f"The money ({context.currency})",
        f"Public money in {lead}: {money(m.public_total, context.currency)}, of which {amount(totals['committed'])} "
        f"committed, {amount(totals['announced'])} announced (conditional commitments, letters of intent) and "
        f"{amount(totals['proposed'])} proposed (letters of interest, proposals). Loans count at face value. "
        f"Private money ({money(m.private_total, context.currency)}) is shown apart and never counted as public."
        + _other_scenarios(context),
    )
    top = out.row
    _departments(out, context)
    _kinds(out, context)
    _stages(out, context)
    left_end = out.row
    out.row = top
    _plants(out, context)
    _floors(out, context)
    _private(out, context)
    out.row = max(out.row, left_end)
    below = out.row
    _by_year(out, context)
    chart = charts.funding()
    if chart is not None:
        fill_caches(chart, ws.parent)
        ws.add_chart(chart, f"G{below + 2}")
        out.row = max(out.row, below + 18)
    widths = {1: LABEL_WIDTH, 6: SPACER_WIDTH, RIGHT: RIGHT_LABEL_WIDTH}
    widths |= {c: MONEY_WIDTH for c in (2, 3, 4, 5, 8, 9, 10, 11)}
    out.finish(title_rows=2, widths=widths, one_page=True)


def _other_scenarios(context: BriefContext) -> str:
    changes = []
    for result in context.results[1:]:
        change = horizon_difference(result, context.lead, "funding_public_total")
        if abs(change) >= 0.05:
            changes.append(
                f"{result.scenario_name or result.scenario_id} {'+' if change > 0 else ''}{amount(change)}"
            )
    if not changes:
        return " Every other scenario has the same public money." if len(context.results) > 1 else ""
    return f" Other scenarios' public money differs: {join(changes)}."


def _header(out: SheetWriter, label: str, column: int) -> None:
    out.header([label, "Committed", "Announced", "Proposed", "Total"], first_column=column)


def _money_row(out: SheetWriter, label: str, row, column: int, total: bool = False) -> int:
    values = [float(getattr(row, c)) for c in STATUS_COLUMNS] + [float(row.total)]
    return out.table_row([label, *values], ["", *MONEY_FORMATS], first_column=column, total=total)


def _total_row(out: SheetWriter, label: str, totals: dict[str, float], column: int) -> None:
    values = [totals[c] for c in [*STATUS_COLUMNS, "total"]]
    out.table_row([label, *values], ["", *MONEY_FORMATS], first_column=column, total=True)


def _departments(out: SheetWriter, context: BriefContext) -> None:
    m = context.money
    out.section("Public money by department", gap=0)
    _header(out, "Department (its offices below it)", 1)
    agencies = m.by_agency
    for row in m.by_department.itertuples(index=False):
        _money_row(out, row.department, row, 1)
        if len(row.agencies) > 1:
            for agency in agencies[agencies["department"] == row.department].itertuples(index=False):
                line = _money_row(
                    out, f"    {agency_name(context.plan, agency.agency)} ({agency.agency})", agency, 1
                )
                for column in range(1, 6):
                    out.ws.cell(line, column).font = styles.SUB_ROW_FONT
    _total_row(out, "Public money", m.status_totals(), 1)


def _kinds(out: SheetWriter, context: BriefContext) -> None:
    m = context.money
    out.section("By kind of instrument")
    _header(out, "Kind", 1)
    for row in m.by_kind.itertuples(index=False):
        label = KIND_LABELS.get(row.kind, row.kind)
        _money_row(out, label if row.total else f"{label}: terms only, no sum", row, 1)


def _stages(out: SheetWriter, context: BriefContext) -> None:
    m = context.money
    out.section("By stage of the chain")
    _header(out, "Stage", 1)
    for row in m.by_stage.itertuples(index=False):
        label = stage_name(context.plan, row.stage) if row.stage else "No facility named"
        _money_row(out, label, row, 1)


def _plants(out: SheetWriter, context: BriefContext) -> None:
    m = context.money
    out.section("Money on plants, by the plant's status", gap=0, column=RIGHT)
    _header(out, "Plant status (plants funded)", RIGHT)
    for row in m.by_facility_status.itertuples(index=False):
        _money_row(out, f"{row.status.capitalize()} ({row.facilities})", row, RIGHT)
    at_risk = m.at_risk()
    if len(at_risk):
        _total_row(out, "Planned, proposed or cancelled", m.at_risk_totals(), RIGHT)
        risky = m.by_facility[m.by_facility["status"].isin(at_risk["status"])].head(LARGEST_AT_RISK)
        out.header(
            ["Largest sums on those plants", "Committed", "Announced", "Proposed", "Total"],
            first_column=RIGHT,
        )
        for row in risky.itertuples(index=False):
            _money_row(out, f"{row.name} ({row.status})", row, RIGHT)


def _floors(out: SheetWriter, context: BriefContext) -> None:
    m = context.money
    out.section("Price floors: what they may cost (contingent)", column=RIGHT)
    if m.floors.empty:
        put(out.ws, out.row, RIGHT, "No price floor in this scenario.", styles.NOTE)
        out.row += 1
        return
    out.header(
        ["Floor (payer, term)", "Plan's prices", "Prices 25% lower", "Prices 50% lower"], first_column=RIGHT
    )
    for row in m.floors.itertuples(index=False):
        label = (
            f"{row.floor}: {row.material} at {row.facility} ({row.agency}, {row.first_year}–{row.last_year})"
        )
        out.table_row(
            [label, row.exposure, row.exposure_prices_25_lower, row.exposure_prices_50_lower],
            ["", *MONEY_FORMATS[:3]],
            first_column=RIGHT,
        )
    at_plan, lower_25, lower_50 = m.floor_stress_totals()
    out.table_row(
        ["Every floor", at_plan, lower_25, lower_50], ["", *MONEY_FORMATS[:3]], first_column=RIGHT, total=True
    )


def _private(out: SheetWriter, context: BriefContext) -> None:
    m = context.money
    out.section("Private money (not public)", column=RIGHT)
    out.table_row(
        ["Banks, companies, investors", m.private_total], ["", styles.MONEY_OR_DASH], first_column=RIGHT
    )


def _by_year(out: SheetWriter, context: BriefContext) -> None:
    m = context.money
    first = context.current_year
    out.section(f"Money by year from {first}: public funding lines and price-floor exposure")
    out.header(["Year", "Committed", "Announced", "Proposed", "Price floors"])
    lines = {int(r.year): r for r in m.by_year.itertuples(index=False)}
    floors = {int(r.year): float(r.exposure) for r in m.floor_by_year.itertuples(index=False)}
    for year in range(first, context.plan.end_year + 1):
        row = lines.get(year)
        values = [float(getattr(row, c)) if row is not None else 0.0 for c in STATUS_COLUMNS]
        out.table_row([str(year), *values, floors.get(year, 0.0)], ["", *MONEY_FORMATS])
    later = m.out_year_totals(first)
    floor_later = m.floor_totals_after(first)[0]
    out.table_row(
        [f"After {first} (out-years)", *[later[c] for c in STATUS_COLUMNS], floor_later],
        ["", *MONEY_FORMATS],
        total=True,
    )
