"""The Sources sheet: every source the plan cites, once each, with the records it supports.

A plan's Source cell often strings several citations together with ``;``
(``Company release (https://...); USGS MCS 2025 (https://...)``). Each cited
link is a source of its own, so the same publication cited by ten records is
one row, not ten.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.styles import Alignment

from reeplanner.formats.brief import styles
from reeplanner.formats.brief.figures import magnet_stage_id
from reeplanner.formats.brief.sheet_writer import CHARS_PER_UNIT, LINE_HEIGHT, SheetWriter, put, text_lines
from reeplanner.model import Plan, id_key

MAX_SOURCES = 500
WRAP = Alignment(wrap_text=True, vertical="top")

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


def write_sources(out: SheetWriter, plan: Plan, widths: dict[int, float]) -> None:
    """The Sources section: each citation merged across the columns of ``widths`` but the last (its
    number first), what it supports in the last."""
    out.section("Sources")
    out.note(
        "Every source cited by the plan's facilities, funding lines, supply and demand, once each, with the "
        "records it supports (by ID)."
    )
    sources = cited_sources(plan)
    if not sources:
        out.note("The plan cites no sources.")
        return
    if len(sources) > MAX_SOURCES:
        out.note(
            f"Showing the first {MAX_SOURCES} of {len(sources):,} sources; the plan workbook has every one."
        )
    ws = out.ws
    last_column = max(widths)
    source_chars = sum(widths[c] for c in range(1, last_column)) * CHARS_PER_UNIT
    supports_chars = widths[last_column] * CHARS_PER_UNIT
    out.header(["Source", *[""] * (last_column - 2), "Supports"])
    ws.merge_cells(start_row=out.row - 1, start_column=1, end_row=out.row - 1, end_column=last_column - 1)
    for number, source in enumerate(sources[:MAX_SOURCES], start=1):
        row = out.row
        text = f"{number}. {source.text}"
        put(ws, row, 1, text, styles.TEXT).alignment = WRAP
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column - 1)
        put(ws, row, last_column, source.supports_text, styles.TEXT).alignment = WRAP
        lines = max(text_lines(text, source_chars), text_lines(source.supports_text, supports_chars))
        ws.row_dimensions[row].height = LINE_HEIGHT * lines + 3
        out.row += 1
