"""The comparison table's rows: per year the headline figures of each scenario picked, then the
whole horizon (each target's outcome, public and all funding). Price-floor exposure is what the
floors cost their agencies that year (less is better). Qt-free: figures come from the
engine's ``Headlines``; here they are only written out and compared with the base scenario's."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from reeplanner.engine.comparison import Headlines
from reeplanner.engine.targets import figure_text, threshold_text
from reeplanner.model.enums import Metric

#: Which way is better for a figure: higher (+1), lower (-1), neither (0: only "different").
HIGHER, LOWER, NEITHER = 1, -1, 0
#: Differences smaller than this (relative) are rounding, not a difference.
SAME = 1e-9


@dataclass
class ComparisonRow:
    label: str
    kind: str  # "year" (a year's header), "figure", "section" (the whole horizon's header)
    values: list[object] = field(default_factory=list)  # per scenario: the figure (float, str, None)
    texts: list[str] = field(default_factory=list)  # per scenario: as shown
    better: int = NEITHER
    unit: str = ""
    key: str = ""  # the figure's name in ``summary --json`` (``domestic_magnet_output``...)
    year: int | None = None

    def differs(self, col: int) -> bool:
        """The figure in column ``col`` differs from the base scenario's (column 0)."""
        a, b = self.values[col], self.values[0]
        if isinstance(a, float) and isinstance(b, float):
            if math.isnan(a) or math.isnan(b):
                return math.isnan(a) != math.isnan(b)
            return abs(a - b) > SAME * max(1.0, abs(b))
        return a != b


def comparison_rows(
    figures: list[Headlines], years: list[int], currency: str, stage_names: dict[str, str]
) -> list[ComparisonRow]:
    """The table for ``figures`` (the base scenario first), years ``years``."""
    rows: list[ComparisonRow] = []
    for year in years:
        rows.append(ComparisonRow(str(year), "year", year=year))
        y = year - figures[0].years[0]
        rows += [
            _tonnes("Domestic magnet output", "domestic_magnet_output", [f.domestic[y] for f in figures], year),
            _tonnes("Allied magnet output", "magnet_output_allied", [f.allied[y] for f in figures], year),
            _tonnes("Magnet output with imports", "magnet_output_with_imports", [f.with_imports[y] for f in figures], year),
            _share("Self-sufficiency", "self_sufficiency", [f.self_sufficiency[y] for f in figures], year),
            _tonnes("Unmet demand", "unmet_demand", [f.unmet_demand[y] for f in figures], year, LOWER),
            _bottleneck([f.bottleneck[y] for f in figures], stage_names, year),
            _targets_due([f.targets_due(year) for f in figures], year),
            _money(f"Public funding in {year}", "public_funding", [f.public_funding[y] for f in figures], currency, year),
            _money("Price-floor exposure", "price_floor_exposure", [f.price_floor_exposure[y] for f in figures], currency, year, better=LOWER),
        ]  # fmt: skip
    rows.append(ComparisonRow("Whole horizon", "section"))
    for i, target in enumerate(figures[0].targets):
        rows.append(_target([f.targets[i] for f in figures], target))
    rows.append(
        _money(
            "Public funding, all years",
            "funding_public_total",
            [f.public_funding_total for f in figures],
            currency,
        )
    )
    rows.append(
        _money(
            "All funding lines, all years",
            "funding_total",
            [f.funding_total for f in figures],
            currency,
        )
    )
    return rows


def _tonnes(label: str, key: str, values: list[float], year: int, better: int = HIGHER) -> ComparisonRow:
    values = [float(v) for v in values]
    return ComparisonRow(label, "figure", values, [f"{v:,.0f}" for v in values], better, "t/yr", key, year)


def _share(label: str, key: str, values: list[float], year: int) -> ComparisonRow:
    values = [float(v) for v in values]
    texts = ["–" if math.isnan(v) else f"{v:.1%}" for v in values]
    return ComparisonRow(label, "figure", values, texts, HIGHER, "%", key, year)


def _money(
    label: str, key: str, values: list[float], currency: str, year: int | None = None, better: int = NEITHER
) -> ComparisonRow:
    values = [float(v) for v in values]
    return ComparisonRow(label, "figure", values, [f"{v:,.1f}" for v in values], better, currency, key, year)


def _bottleneck(values: list[tuple[str, str]], stage_names: dict[str, str], year: int) -> ComparisonRow:
    texts = []
    for stage, material in values:
        name = stage_names.get(stage, stage)
        texts.append("none" if not stage else f"{name} ({material})" if material else name)
    return ComparisonRow("Bottleneck", "figure", list(values), texts, NEITHER, "", "bottleneck", year)


def _targets_due(values: list[tuple[int, int]], year: int) -> ComparisonRow:
    texts = [f"{met} of {due}" if due else "–" for met, due in values]
    return ComparisonRow(
        "Targets due this year met",
        "figure",
        [float(m) for m, _ in values],
        texts,
        HIGHER,
        "",
        "targets_due",
        year,
    )


def _target(rows: list[dict[str, object]], target: dict[str, object]) -> ComparisonRow:
    metric = Metric(target["metric"])
    stage = f"{target['stage']}{' ' + target['material'] if target['material'] else ''}"
    label = f"{target['target']}: {target['metric']} {stage} ≥ {threshold_text(metric, target['threshold'])} in {target['year']}"
    texts = []
    for row in rows:
        if row["met"]:
            texts.append(f"met ({figure_text(metric, row['value'])})")
        else:
            when = f"first met {row['year_met']}" if row["year_met"] is not None else "not met in the horizon"
            texts.append(f"missed: {figure_text(metric, row['value'])}; {when}")
    values = [float(bool(r["met"])) for r in rows]
    return ComparisonRow(label, "figure", values, texts, HIGHER, "", f"target:{target['target']}")
