"""Page 4, risk and assumptions: the risk register (plants whose slip or cancellation moves a
target, with P(met), what drives it, dates and public money, from schedule risk), the assumptions
every figure rests on, and the sensitivity of the headline figure to each of them (the engine's
tornado, each assumption moved 20% down and up).
"""

from __future__ import annotations

import math

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.engine.overrides import STATUSES
from reeplanner.engine.prices import material_prices
from reeplanner.engine.risk_draws import status_risks
from reeplanner.formats.brief import styles
from reeplanner.formats.brief.context import SENSITIVITY_FACILITIES, BriefContext
from reeplanner.formats.brief.figures import stage_name
from reeplanner.formats.brief.sheet_writer import ROW_HEIGHT, SheetWriter, points_wide, put, text_lines
from reeplanner.formats.brief.sources import cited_sources
from reeplanner.formats.brief.wording import join, short_description
from reeplanner.model import Metric, Status, id_key
from reeplanner.model.validation import RECYCLE_STAGE

CENTRED = Alignment(horizontal="center", vertical="top")
#: Register rows on the page; the rest are counted (every driver is in the annex's Schedule risk).
REGISTER_ROWS = 10
TORNADO_ROWS = 6
WIDTHS = {1: 30.0, 2: 11.0, 3: 11.5, 4: 9.0, 5: 9.0, 6: 14.0, 7: 40.0, 8: 8.0, 9: 10.0, 10: 10.0, 11: 9.0}
#: The box's 10-point text: points per character and per line (a little generous, so nothing is cut).
BOX_CHAR_WIDTH = 4.1
BOX_LINE_HEIGHT = 12.0
#: The assumptions box spans columns 1-5, the sensitivity table starts in column 7.
BOX_LAST = 5
TORNADO_FIRST = 7


def write_risk(ws: Worksheet, context: BriefContext) -> None:
    out = SheetWriter(ws, context.header)
    risk = context.lead_risk
    out.title(
        "Risks and assumptions",
        f"Schedule risk: {risk.draws:,} draws of project schedules (seed {risk.seed}): each plant not yet online is "
        "cancelled with its status's odds or comes online late by a random slip. A plant is on the register when "
        "securing it (neither cancelled nor late) raises a target's P(met) by a point or more.",
    )
    _register(out, context)
    _target_odds(out, context)
    top = out.section("Assumptions behind every figure")
    put(ws, top, TORNADO_FIRST, "Sensitivity of the headline figure", styles.SECTION)
    _sensitivity(out, context)
    _assumptions_box(out, context, top + 1)
    out.finish(title_rows=2, widths=WIDTHS, one_page=True)


def _register(out: SheetWriter, context: BriefContext) -> None:
    register = context.register
    out.section(
        f"Risk register: plants whose slip or cancellation moves a target ({context.lead_figures.name})",
        gap=0,
    )
    if register.empty:
        out.note("No plant's delivery moves a target's odds by a point or more.")
        return
    out.header(
        [
            "Plant",
            "Stage",
            "Status",
            "Lead agency",
            "Online",
            "Odds cancelled; likely slip",
            "Targets it moves (gain in P(met) if secured)",
            "P(met) now",
            "Public money",
            "of it committed",
        ]
    )
    marked = False
    for row in register.head(REGISTER_ROWS).itertuples(index=False):
        moves = []
        for target, gain in zip(row.targets, row.gains, strict=True):
            star = "" if context.official(target) else "*"
            marked = marked or bool(star)
            moves.append(f"{target}{star} {_points(gain)}")
        online = f"{row.online:%b %Y}" if row.online is not None else "no date"
        odds = f"{row.cancel_probability:.0%}; {row.slip_likely_months:,.0f} mo"
        out.table_row(
            [
                row.name,
                stage_name(context.plan, row.stage),
                row.status,
                row.lead_agency or "none",
                online,
                odds,
                "; ".join(moves),
                row.p_met[0],
                row.public_money,
                row.committed_money,
            ],
            [
                "",
                "",
                "",
                "",
                styles.RIGHT_TEXT,
                styles.RIGHT_TEXT,
                "",
                "0%",
                styles.MONEY_OR_DASH,
                styles.MONEY_OR_DASH,
            ],
        )
        out.ws.cell(out.row - 1, 6).alignment = CENTRED  # between two text columns
    notes = []
    if len(register) > REGISTER_ROWS:
        notes.append(
            f"{len(register) - REGISTER_ROWS} more plants move a target; every driver is in Annex C."
        )
    if marked:
        notes.append("* an illustrative target (not policy).")
    notes.append(f"P(met) now: the odds of the first target listed; money in {context.currency}.")
    out.note(" ".join(notes))


def _target_odds(out: SheetWriter, context: BriefContext) -> None:
    """Each target's odds under schedule risk, the first year likely met and its top drivers."""
    risk = context.lead_risk
    if not risk.targets:
        return
    out.section(f"The odds of each target ({context.lead_figures.name})")
    out.header(
        [
            "Target",
            "Set by",
            "Year",
            "P(met)",
            "P80 year",
            "Risk-adjusted value",
            "Top drivers (gain in P(met))",
        ]
    )
    values = {o.target: o for o in context.lead_figures.targets}
    names = {id_key(f.id): f.name for f in context.plan.facilities}
    for t in sorted(risk.targets, key=lambda t: (not context.official(t.target), t.year, t.target)):
        outcome = values[t.target]
        drivers = "; ".join(f"{names[id_key(f)]} {_points(gain)}" for f, gain in t.top_drivers(3)) or "none"
        share = outcome.metric is Metric.SELF_SUFFICIENCY
        row = out.table_row(
            [
                f"{t.target}: {short_description(outcome.description)}",
                "policy" if context.official(t.target) else "illustrative",
                t.year,
                t.p_met,
                t.p80_year if t.p80_year is not None else "none",
                outcome.value / 100 if share else outcome.value,
                drivers,
            ],
            ["", "", styles.YEAR, "0%", styles.RIGHT_TEXT, styles.PERCENT if share else styles.TONNES, ""],
        )
        if not context.official(t.target):
            out.ws.cell(row, 2).font = styles.ILLUSTRATIVE_FONT
        out.ws.cell(row, 5).alignment = CENTRED
        out.ws.cell(row, 5).number_format = styles.YEAR


def _assumptions_box(out: SheetWriter, context: BriefContext, first: int) -> None:
    """The assumptions, one per line, in one shaded box beside the sensitivity table (merged over its
    rows, with rows added below when the box needs more height)."""
    lines = assumption_lines(context)
    width = sum(points_wide(WIDTHS[c]) for c in range(1, BOX_LAST + 1))
    needed = sum(text_lines(line, width / BOX_CHAR_WIDTH) for line in lines) * BOX_LINE_HEIGHT + 6
    ws = out.ws
    have = sum(ws.row_dimensions[r].height or ROW_HEIGHT for r in range(first, out.row))
    while have < needed:
        ws.row_dimensions[out.row].height = min(ROW_HEIGHT, needed - have + 1)
        have += ws.row_dimensions[out.row].height
        out.row += 1
    put(ws, first, 1, "\n".join(f"▪ {line}" for line in lines), styles.BOX)
    ws.merge_cells(start_row=first, start_column=1, end_row=out.row - 1, end_column=BOX_LAST)


def assumption_lines(context: BriefContext) -> list[str]:
    """What "domestic" and "allied" mean, and the contents, yields, risk factors, schedule risk and
    prices every figure rests on."""
    plan = context.plan
    lead = context.lead
    as_of = f"{plan.as_of:%d %b %Y}" if plan.as_of else "not given"
    covered = ", ".join(plan.covered_countries) or "none"
    lines = [
        f"Data as of {as_of} (the plan's As of); brief of {context.header.date:%d %b %Y}; "
        f"{len(cited_sources(plan))} sources cited (Annex E).",
        f"Domestic: plants in {plan.home_country} (the home country) working home material; no imports.",
        f"Allied: domestic plants, plants abroad outside {covered} (the covered countries) and supply marked "
        "allied from outside them. With imports: every plant and source.",
    ]
    contents = [f"{m.id} {m.magnet_content:g}{_estimate(m.notes)}" for m in plan.materials]
    lines.append(f"Magnet content, t per t of magnet: {join(contents)}.")
    yields = [
        f"{s.name} {s.process_yield:g}{_estimate(s.notes)}"
        for s in sorted(plan.stages, key=lambda s: s.order)[1:]
        if id_key(s.id) != id_key(RECYCLE_STAGE)
    ]
    lines.append(f"Stage yields (t out per t in): {join(yields)}.")
    factors = lead.arrays.inputs.risk_by_status
    statuses = [f"{s} {factors[i]:g}" for i, s in enumerate(STATUSES)]
    lines.append(f"Risk factors ({context.lead_figures.name}, {lead.risk_view} view): {join(statuses)}.")
    table = status_risks(plan)
    odds = [
        f"{s} {table[i, 0]:.0%}, {table[i, 2]:g} mo"
        for i, s in enumerate(STATUSES)
        if s not in (Status.OPERATING, Status.CANCELLED)
    ]
    lines.append(f"Schedule risk (odds cancelled, likely slip): {join(odds)}.")
    prices = []
    for material in plan.materials:
        path = material_prices(lead.arrays, material.id)
        if path is not None:
            prices.append(f"{material.id} {path[lead.years.index(context.current_year)]:,.0f}")
    if prices:
        lines.append(
            f"Market prices in {context.current_year} (USD/kg, {context.lead_figures.name}): {join(prices)}."
        )
    return lines


def _points(gain: float) -> str:
    """A gain in P(met) in percentage points, as ``reeplanner-cli risk`` writes it: ``+72.9 pts``, ``+0.03 pts``."""
    points = 100 * gain
    return f"+{points:.1f} pts" if points >= 0.1 else f"+{points:.2f} pts"


def _estimate(notes: str) -> str:
    return " (estimate)" if "estimate:" in notes.casefold() else ""


def _sensitivity(out: SheetWriter, context: BriefContext) -> None:
    tornado = context.tornado
    first = TORNADO_FIRST
    if tornado is None:
        put(
            out.ws,
            out.row,
            first,
            f"Not run on a plan of more than {SENSITIVITY_FACILITIES:,} facilities; "
            "reeplanner-cli sensitivity runs it.",
            styles.NOTE,
        )
        out.row += 1
        return
    share = tornado.unit == "share"
    value = f"{tornado.value:.1%}" if share else f"{tornado.value:,.0f} {tornado.unit}"
    put(
        out.ws,
        out.row,
        first,
        f"{tornado.label}, {context.lead_figures.name}: {value}. Each assumption moved "
        f"{tornado.step:.0%} down and up, the rest fixed.",
        styles.NOTE,
    )
    out.row += 1
    out.header(["Assumption (value: down / up)", "Figure down", "Figure up", "Swing"], first_column=first)
    rows = tornado.rows[tornado.rows["swing"] > 0].head(TORNADO_ROWS)
    fmt = styles.PERCENT if share else styles.TONNES
    swing_fmt = '0.0" pts"' if share else styles.TONNES
    for row in rows.itertuples(index=False):
        moved = f"{_value(row.kind, row.base)}: {_value(row.kind, row.down)} / {_value(row.kind, row.up)}"
        out.table_row(
            [
                f"{row.assumption} ({moved})",
                row.figure_down,
                row.figure_up,
                row.swing * 100 if share else row.swing,
            ],
            ["", fmt, fmt, swing_fmt],
            first_column=first,
        )
    if rows.empty:
        put(out.ws, out.row, first, "No assumption moves it.", styles.NOTE)
        out.row += 1


def _value(kind: str, value: float) -> str:
    if math.isnan(value):
        return "–"
    return f"{value:,.0f} t/yr" if kind in ("demand", "supply") else f"{value:.4g}"
