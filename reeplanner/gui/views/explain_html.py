"""An explanation laid out for reading: the capacity as a table of facilities (each a link that
selects it), the requirement, output and targets as the engine's own lines. Numbers are written as
``reeplanner-cli explain`` writes them. Qt-free."""

from __future__ import annotations

from html import escape

from reeplanner.engine.explain import Explanation
from reeplanner.model.ids import id_key
from reeplanner.model.plan import Plan

#: A stage with more contributing facilities shows the largest ones, then the rest as one row.
MOST_FACILITIES = 100
STYLE = (
    "<style>table{border-collapse:collapse;margin:2px 0 6px 0}td,th{padding:1px 8px;text-align:right}"
    "th{font-weight:normal;color:gray}td.name,th.name{text-align:left}tr.total td{font-weight:bold;"
    "border-top:1px solid gray}h3{margin:6px 0 2px 0}p.section{margin:6px 0 0 0;font-weight:bold}"
    "ul{margin:0 0 0 -20px}</style>"
)


def facility_link(plan: Plan, facility_id: str) -> str:
    name = next((f.name for f in plan.facilities if id_key(f.id) == id_key(facility_id)), "")
    return _link(facility_id, {id_key(facility_id): name})


def _link(facility_id: str, names: dict[str, str]) -> str:
    name = names.get(id_key(facility_id), "")
    label = f"{escape(name)} ({escape(facility_id)})" if name else escape(facility_id)
    return f'<a href="facility:{escape(facility_id)}">{label}</a>'


def explanation_html(e: Explanation, plan: Plan) -> str:
    """One stage's explanation: title, capacity table, then the other sections' lines."""
    sections = _sections(e.lines)
    parts = [STYLE, f"<h3>{escape(e.lines[0])}</h3>"]
    for heading, lines in sections:
        parts.append(f'<p class="section">{escape(heading)}</p>')
        if heading == "Capacity:" and e.capacity:
            parts.append(_capacity_table(e, plan))
        else:
            parts.append(_line_list(lines))
    return "".join(parts)


def lines_html(lines: list[str], plan: Plan) -> str:
    """A facility's or a floor's explanation: its title, then its paragraphs (indented lines as a
    list); the facility it names is a link."""
    if not lines:
        return ""
    title = escape(lines[0])
    first = lines[0].split(" ", 1)[0]
    if any(id_key(f.id) == id_key(first) for f in plan.facilities):
        title = facility_link(plan, first) + escape(lines[0][len(first) :])
    parts = [STYLE, f"<h3>{title}</h3>"]
    block: list[str] = []
    for line in [*lines[1:], ""]:
        if line.strip():
            block.append(line)
            continue
        if block:
            parts.append(f"<p>{escape(block[0])}</p>" + (_line_list(block[1:]) if len(block) > 1 else ""))
            block = []
    return "".join(parts)


def _sections(lines: list[str]) -> list[tuple[str, list[str]]]:
    """``[("Capacity:", [...]), ("Requirement:", [...]), ...]`` from the engine's lines."""
    sections: list[tuple[str, list[str]]] = []
    for line in lines[1:]:
        if not line.strip():
            continue
        if not line.startswith(" "):
            sections.append((line, []))
        elif sections:
            sections[-1][1].append(line.strip())
    return sections


def _line_list(lines: list[str]) -> str:
    items = []
    for line in lines:
        text = escape(line)
        if line.startswith(("output = ", "gap = ", "effective capacity = ")):
            text = f"<b>{text}</b>"
        items.append(f"<li>{text}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _capacity_table(e: Explanation, plan: Plan) -> str:
    head = (
        '<tr><th class="name">Facility</th><th>Nameplate t</th><th>× share</th><th>× capacity<br>factor</th>'
        "<th>× risk<br>factor</th><th>× ramp<br>share</th><th>= effective t</th></tr>"
    )
    names = {id_key(f.id): f.name for f in plan.facilities}
    shown = e.capacity
    if len(shown) > MOST_FACILITIES:  # the largest, then what the rest add together
        shown = sorted(shown, key=lambda c: -c.effective)[:MOST_FACILITIES]
    rows = [
        f'<tr><td class="name">{_link(c.facility, names)}</td><td>{c.nameplate:,.6g}</td>'
        f"<td>{c.share:.6g}</td><td>{c.capacity_factor:.6g}</td><td>{c.risk_factor:.6g}</td>"
        f"<td>{c.ramp_share:.6g}</td><td>{c.effective:,.6g}</td></tr>"
        for c in shown
    ]
    if len(shown) < len(e.capacity):
        rest = e.capacity_total - sum(c.effective for c in shown)
        rows.append(
            f'<tr><td class="name"><i>{len(e.capacity) - len(shown):,} more facilities, smaller (Copy as text '
            f"lists each)</i></td><td></td><td></td><td></td><td></td><td></td><td>{rest:,.6g}</td></tr>"
        )
    total = (
        f'<tr class="total"><td class="name">effective capacity</td><td></td><td></td><td></td><td></td><td></td>'
        f"<td>{e.capacity_total:,.6g}</td></tr>"
    )
    return f"<table>{head}{''.join(rows)}{total}</table>"
