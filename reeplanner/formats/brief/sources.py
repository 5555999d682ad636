"""The Sources sheet: every source the plan cites, once each, with the records it supports.

A plan's Source cell often strings several citations together with ``;``
(``Company release (https://...); USGS MCS 2025 (https://...)``). Each cited
link is a source of its own, so the same publication cited by ten records is
one row, not ten.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.formats.brief import styles
from reeplanner.formats.brief.figures import magnet_stage_id
from reeplanner.formats.brief.sheet_writer import PageHeader, SheetWriter
from reeplanner.model import Plan, id_key

#: Column widths (characters): number, source, what it supports. About a landscape page at full size.
WIDTHS = {1: 4.0, 2: 88.0, 3: 42.0}

#: The kinds of record that cite sources, in the order the sheet names them.
KINDS = ("Facilities", "Funding", "Supply", "Demand")


@dataclass
class CitedSource:
    text: str
    supports: dict[str, list[str]] = field(default_factory=dict)  # kind -> record labels, in plan order

    @property
    def supports_text(self) -> str:
        """``Facilities: MP-MINE, MP-SEP · Funding: F-MP-DPA``."""
        return " · ".join(f"{kind}: {', '.join(labels)}" for kind, labels in self.supports.items())


def _key(text: str) -> str:
    return " ".join(text.split()).casefold().rstrip(".")


def split_citations(text: str) -> list[str]:
    """The citations of one Source cell.

    Split at ``;`` outside brackets, but only after a part that carries a link
    (``http``, ``www.``, ``doi:``): a part without one before a link is a
    further claim of the citation that link closes (``..., $1.3B loan; Round
    Top production 2028; ... (https://...)``), not a source of its own.
    """
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    citations: list[str] = []
    pending = ""
    for part in (" ".join(p.split()) for p in parts):
        if not part:
            continue
        pending = f"{pending}; {part}" if pending else part
        if _has_link(part):
            citations.append(pending)
            pending = ""
    if pending:  # after the last link: a source named without one (``REE Planner public-figures.md``)
        citations.append(pending)
    return citations


def _has_link(text: str) -> bool:
    lowered = text.casefold()
    return any(mark in lowered for mark in ("http://", "https://", "www.", "doi:"))


def cited_sources(plan: Plan) -> list[CitedSource]:
    """Each distinct citation of the plan's Source cells, in the order first cited, with what cites it."""
    citing: list[tuple[str, str, str]] = [(KINDS[0], f.id, f.source) for f in plan.facilities]
    citing += [(KINDS[1], line.id, line.source) for line in plan.funding]
    citing += [(KINDS[2], s.id, s.source) for s in plan.supply]
    magnet = id_key(magnet_stage_id(plan))
    citing += [(KINDS[3], _demand_label(d, magnet), d.source) for d in plan.demand]
    found: dict[str, CitedSource] = {}
    for kind, label, source in citing:
        for citation in split_citations(source or ""):
            cited = found.setdefault(_key(citation), CitedSource(citation))
            labels = cited.supports.setdefault(kind, [])
            if label not in labels:
                labels.append(label)
    for cited in found.values():
        cited.supports = {kind: cited.supports[kind] for kind in KINDS if kind in cited.supports}
    return list(found.values())


def _demand_label(row, magnet: str) -> str:
    """``EV`` for magnet demand; ``Catalysts (SEP Ce)`` for demand at another stage."""
    if id_key(row.stage or "") in ("", magnet):
        return row.segment
    return f"{row.segment} ({row.stage}{' ' + row.material if row.material else ''})"


def write_sources(ws: Worksheet, plan: Plan, header: PageHeader) -> None:
    out = SheetWriter(ws, header)
    out.title(
        "Sources",
        "Every source cited by the plan's facilities, funding lines, supply and demand, once each, "
        "with the records it supports (by ID)",
    )
    sources = cited_sources(plan)
    if not sources:
        out.note("The plan cites no sources.")
        out.finish()
        return
    out.header(["#", "Source", "Supports"])
    for number, source in enumerate(sources, start=1):
        row = out.table_row([number, source.text, source.supports_text], ["0", "", ""])
        ws.cell(row=row, column=1).style = styles.NUMBER
    out.finish(title_rows=3, freeze="A4", widths=WIDTHS)
