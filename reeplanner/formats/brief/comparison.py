"""The Scenario comparison sheet: key figures side by side, per scenario and reporting year."""

from __future__ import annotations

import math

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.formats.brief import styles
from reeplanner.formats.brief.figures import ScenarioFigures, magnet_stage_id, stage_name
from reeplanner.formats.brief.sheet_writer import PageHeader, SheetWriter, style_of
from reeplanner.model import CapacityBasis, Plan, id_key


def write_comparison(
    ws: Worksheet,
    plan: Plan,
    header: PageHeader,
    results: list,
    scenarios: list[ScenarioFigures],
    years: list[int],
) -> None:
    out = SheetWriter(ws, header)
    out.title("Scenario comparison", "Domestic figures unless marked 'with imports'; one column per scenario")
    out.header(["Figure"] + [s.name for s in scenarios])
    count = len(scenarios)
    tonnes = ["", *[styles.TONNES] * count]
    material_stages = {id_key(s.id) for s in plan.stages if s.basis == CapacityBasis.MATERIAL}
    last_stage = magnet_stage_id(plan)
    for year in years:
        out.table_row([f"In {year}"] + [""] * count, total=True)
        out.table_row(["Magnet demand (t/yr)"] + [s.demand(year) for s in scenarios], tonnes)
        out.table_row(["Domestic magnet output (t/yr)"] + [s.output(year) for s in scenarios], tonnes)
        out.table_row(
            ["Magnet output with imports (t/yr)"]
            + [_magnet(r, year, "magnet_output_with_imports") for r in results],
            tonnes,
        )
        out.table_row(
            ["Magnet self-sufficiency"] + [s.self_sufficiency(year) for s in scenarios],
            ["", *[styles.PERCENT] * count],
        )
        out.table_row(
            [f"Gap at the {stage_name(plan, last_stage)} stage (t/yr, + shortfall)"]
            + [_stage_gap(r, year, last_stage) for r in results],
            tonnes,
        )
        out.table_row(
            ["Bottleneck stage"] + [s.bottleneck(year) for s in scenarios], ["", *[styles.RIGHT_TEXT] * count]
        )
        out.table_row(
            ["Stranded output, material stages (t/yr contained)"]
            + [_stranded(r, year, material_stages) for r in results],
            tonnes,
        )
        out.table_row(
            ["Targets due this year met"] + [_targets_due(s, year) for s in scenarios],
            ["", *[styles.RIGHT_TEXT] * count],
        )
    out.table_row(["Whole horizon"] + [""] * count, total=True)
    out.table_row(["Risk view"] + [s.risk_view for s in scenarios], ["", *[styles.RIGHT_TEXT] * count])
    money = ["", *[styles.MONEY] * count]
    out.table_row([f"Public funding ({plan.currency})"] + [s.public_funding_total for s in scenarios], money)
    out.table_row([f"All funding lines ({plan.currency})"] + [s.funding_total for s in scenarios], money)
    out.table_row(
        ["Midstream share of public funding to material stages"] + [_midstream_share(r) for r in results],
        ["", *[styles.PERCENT] * count],
    )
    out.table_row(["Coordination findings"] + [len(s.coordination) for s in scenarios], ["", *["0"] * count])
    _label_rows_left(ws, out.row)
    out.finish(title_rows=3, freeze="B4")


def _label_rows_left(ws: Worksheet, last_row: int) -> None:
    for row in range(4, last_row):
        cell = ws.cell(row=row, column=1)
        if style_of(cell) == styles.TOTAL:
            cell.alignment = Alignment(horizontal="left")


def _magnet(result, year: int, column: str) -> float:
    magnet = result.magnet
    return float(magnet.at[year, column]) if year in magnet.index else math.nan


def _stage_gap(result, year: int, stage: str) -> float:
    flows = result.flows
    rows = flows[(flows["year"] == year) & (flows["stage"].map(id_key) == id_key(stage))]
    return float(rows["gap"].sum()) if not rows.empty else math.nan


def _stranded(result, year: int, material_stages: set[str]) -> float:
    flows = result.flows
    rows = flows[(flows["year"] == year) & flows["stage"].map(id_key).isin(material_stages)]
    return float(rows["stranded"].sum())


def _targets_due(scenario: ScenarioFigures, year: int) -> str:
    due = [t for t in scenario.targets if t.year == year]
    if not due:
        return "–"
    return f"{sum(t.met for t in due)} of {len(due)}"


def _midstream_share(result) -> float:
    """The engine's midstream share (in ``funding_summary``, or beside it)."""
    share = result.funding_summary.get("midstream_share", getattr(result, "midstream_share", math.nan))
    return float(share) if share is not None else math.nan
