"""The Sources sheet: every source and note the plan cites, once each, with what cites it."""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.worksheet.worksheet import Worksheet

from reeplanner.formats.brief.sheet_writer import PageHeader, SheetWriter
from reeplanner.model import Plan


@dataclass
class CitedSource:
    text: str
    field: str  # "Source" or "Notes"
    cited_by: list[str] = field(default_factory=list)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def cited_sources(plan: Plan) -> list[CitedSource]:
    """Sources first, then notes, each in the order the plan first cites it; duplicates merged."""
    citing: list[tuple[str, str, str]] = []  # (what cites, source, notes)
    for f in plan.facilities:
        citing.append((f"Facility {f.id} ({f.name})" if f.name else f"Facility {f.id}", f.source, f.notes))
    for line in plan.funding:
        citing.append(
            (f"Funding {line.id} ({line.agency} {line.instrument}, {line.year})", line.source, line.notes)
        )
    for s in plan.supply:
        citing.append((f"Supply {s.id} ({s.name})" if s.name else f"Supply {s.id}", s.source, s.notes))
    for d in plan.demand:
        citing.append(
            (f"Demand {d.segment} ({d.stage}{' ' + d.material if d.material else ''})", d.source, d.notes)
        )
    found: dict[tuple[str, str], CitedSource] = {}
    for field_name, index in (("Source", 1), ("Notes", 2)):
        for entry in citing:
            text = entry[index].strip()
            if not text:
                continue
            cited = found.setdefault((field_name, _key(text)), CitedSource(text, field_name))
            if entry[0] not in cited.cited_by:
                cited.cited_by.append(entry[0])
    return list(found.values())


def write_sources(ws: Worksheet, plan: Plan, header: PageHeader) -> None:
    out = SheetWriter(ws, header)
    out.title(
        "Sources",
        "Every Source and Notes entry of the plan's facilities, funding, supply and demand, once each",
    )
    sources = cited_sources(plan)
    if not sources:
        out.note("The plan cites no sources.")
        out.finish()
        return
    out.header(["#", "Source or note", "Field", "Cited by"])
    for number, source in enumerate(sources, start=1):
        out.table_row([number, source.text, source.field, "; ".join(source.cited_by)], ["0", "", "", ""])
    out.finish(title_rows=3, freeze="A4")
