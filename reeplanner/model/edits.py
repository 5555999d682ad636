"""Pure edit functions, and the one set of rules every view applies to an edit.

The canvas, the tables, the inspector and the plan settings turn what a
planner did into changes (row index, attribute, value) and hand them to
``prepare_edit``, which

1. adds the changes the domain asks for beside them (``follow_ups``): a
   facility's new stage (``stage_change``), an override's new Kind, a
   funding line's new Instrument;
2. turns a changed ID into a rename that every reference follows;
3. refuses, with ``EditRefused`` and validation's sentence, an edit that
   would give the rows it touches an error (``edit_check``).

``apply_edit`` then does the edit and returns the log ``undo_edit`` takes
to put the plan back. The GUI's undo commands call these and nothing else;
so can scripts and tests.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from reeplanner.model import edit_check
from reeplanner.model.defaults import usual_agency
from reeplanner.model.enums import RISK_FACTORS, CapacityBasis, OverrideKind, Status, parse_choice
from reeplanner.model.ids import id_key
from reeplanner.model.override_rules import override_problems
from reeplanner.model.plan import Plan
from reeplanner.model.problems import Problem
from reeplanner.model.records import Facility, Override, Stage
from reeplanner.model.schema import TABLES, TABLES_BY_ATTR, Kind
from reeplanner.model.table_rules import DEMAND_STAGE, FACILITY_OVERRIDES, RECYCLE_STAGE

#: Which override kinds name a row of a table in their Target (a demand row by its Segment).
OVERRIDE_KINDS_BY_TARGET: dict[str, tuple[OverrideKind, ...]] = {
    "facilities": (*FACILITY_OVERRIDES, OverrideKind.PERMITTING_FACTOR),
    "supply": (OverrideKind.SUPPLY_FACTOR,),
    "demand": (OverrideKind.DEMAND_FACTOR,),
}

Change = tuple[int, str, object]  # row index (0 for a plan setting), attribute, value
LogEntry = tuple[str, str, int, str, object]  # ("set" | "insert", table, index, attribute, old value)


class EditRefused(ValueError):
    """An edit the plan cannot take; the message is validation's sentence for the user."""

    def __init__(self, message: str, problem: Problem | None = None) -> None:
        super().__init__(message)
        self.problem = problem


@dataclass
class Edit:
    """Changes to one table (``"plan"`` for the settings), checked and ready to apply.

    ``added`` rows go at the end of the table; ``renames`` are (table, old ID,
    new ID) that references follow; ``notes`` say what changed beside what
    was asked ("Material cleared..."), for the status bar.
    """

    table: str
    changes: list[Change]
    added: list[object] = field(default_factory=list)
    renames: list[tuple[str, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def rows(self, plan: Plan) -> set[int]:
        """The rows the edit touches, the added ones included (as indexes after it)."""
        count = len(getattr(plan, self.table)) if self.table != "plan" else 1
        return {i for i, _, _ in self.changes} | set(range(count, count + len(self.added)))


# -- the primitives -----------------------------------------------------------------


def set_field(plan: Plan, table: str, index: int, attr: str, value: object) -> object:
    """Set one field of one row (``table="plan"``: a plan setting); returns the old value."""
    if table == "plan":
        old = getattr(plan, attr)
        setattr(plan, attr, value)
        return old
    rows = getattr(plan, table)
    old = getattr(rows[index], attr)
    rows[index] = dataclasses.replace(rows[index], **{attr: value})
    return old


def insert_row(plan: Plan, table: str, index: int, record: object) -> None:
    getattr(plan, table).insert(index, record)


def remove_row(plan: Plan, table: str, index: int) -> object:
    """Remove and return the row at ``index``."""
    return getattr(plan, table).pop(index)


def unique_id(plan: Plan, table: str, stem: str) -> str:
    """An ID for a new row of ``table``: ``stem``, else ``stem-2``, ``stem-3``..."""
    schema = TABLES_BY_ATTR[table]
    taken = {id_key(getattr(r, schema.id_attr)) for r in getattr(plan, table)}
    stem = re.sub(r"\s+", "-", stem.strip()).upper() or "NEW"
    if id_key(stem) not in taken:
        return stem
    n = 2
    while id_key(f"{stem}-{n}") in taken:
        n += 1
    return f"{stem}-{n}"


def references_to(plan: Plan, table: str, id_value: str) -> list[tuple[str, int, str]]:
    """Every (table, row index, attribute) whose cell refers to ``id_value`` of ``table``.

    Every reference column of the schema, the Plan's Base scenario, override
    Targets (facilities, supply sources and demand segments, each only for the
    kinds that take one) and, for the MAGNET stage, demand rows whose empty
    Stage means it. Used to rename an ID everywhere, and to warn before
    deleting a row that others still name.
    """
    key = id_key(id_value)
    found: list[tuple[str, int, str]] = []
    for schema in TABLES:
        for col in schema.columns:
            if col.ref != table or col.kind not in (Kind.REF, Kind.REFS):
                continue
            for index, rec in enumerate(getattr(plan, schema.attr)):
                value = getattr(rec, col.attr)
                hit = any(id_key(v) == key for v in value) if col.kind is Kind.REFS else id_key(value) == key
                if hit:
                    found.append((schema.attr, index, col.attr))
    kinds = OVERRIDE_KINDS_BY_TARGET.get(table, ())
    for index, ov in enumerate(plan.overrides):
        if ov.kind in kinds and id_key(ov.target) == key:
            found.append(("overrides", index, "target"))
    if table == "stages" and key == id_key(DEMAND_STAGE):
        found += [("demand", i, "stage") for i, row in enumerate(plan.demand) if not row.stage.strip()]
    if table == "scenarios" and id_key(plan.base_scenario) == key:
        found.append(("plan", 0, "base_scenario"))
    return found


# -- an edit: prepare, apply, undo ------------------------------------------------------


def prepare_edit(plan: Plan, table: str, changes: list[Change], added: list[object] | None = None) -> Edit:
    """The edit of ``changes`` (and rows ``added`` at the end) with its follow-ups and renames.

    Raises ``EditRefused`` when a rule refuses it or when it would give a row
    it touches an error validation reports (the sentence is validation's).
    """
    edit = Edit(table, [], list(added or []))
    if table == "plan":
        edit.changes = list(changes)
    else:
        edit.changes = _with_follow_ups(plan, table, changes, edit.notes)
        edit.renames = _renames(plan, table, edit.changes)
    scratch = plan.copy()
    apply_edit(scratch, edit)
    rows = edit.rows(plan)
    conflict = edit_check.id_conflict(scratch, table, rows)
    if conflict is not None:
        raise EditRefused(conflict.message, conflict)
    found = edit_check.new_errors(plan, scratch, table, rows)
    if found:
        raise EditRefused(found[0].message, found[0])
    return edit


def apply_edit(plan: Plan, edit: Edit) -> list[LogEntry]:
    """Do ``edit`` to ``plan``; returns what ``undo_edit`` needs."""
    log: list[LogEntry] = []
    if edit.added:
        rows = getattr(plan, edit.table)
        for record in edit.added:
            log.append(("insert", edit.table, len(rows), "", None))
            rows.append(record)
    for index, attr, value in edit.changes:
        log.append(("set", edit.table, index, attr, set_field(plan, edit.table, index, attr, value)))
    log += _rename_references(plan, edit.renames)
    return log


def undo_edit(plan: Plan, log: list[LogEntry]) -> None:
    """Put back what ``apply_edit`` changed, last change first."""
    for action, table, index, attr, old in reversed(log):
        if action == "insert":
            remove_row(plan, table, index)
        else:
            set_field(plan, table, index, attr, old)


def _renames(plan: Plan, table: str, changes: list[Change]) -> list[tuple[str, str, str]]:
    """(table, old, new) for each ID (or demand Segment no other row keeps) the changes rename."""
    schema = TABLES_BY_ATTR[table]
    attr = schema.id_attr or ("segment" if table == "demand" else "")
    rows = getattr(plan, table)
    renames = []
    for index, changed, value in changes:
        old = getattr(rows[index], changed) if changed == attr else ""
        if not old or str(value) == old:
            continue
        if table == "demand" and any(
            id_key(r.segment) == id_key(old) for i, r in enumerate(rows) if i != index
        ):
            continue  # another row keeps the segment: overrides on it stay
        renames.append((table, old, str(value)))
    return renames


def _rename_references(plan: Plan, renames: list[tuple[str, str, str]]) -> list[LogEntry]:
    """Point references at the new IDs; every place is found before any changes, so IDs may swap."""
    if not renames:
        return []
    new_by_table: dict[str, dict[str, str]] = {}
    places: dict[tuple[str, int, str], str] = {}
    for table, old, new in renames:
        new_by_table.setdefault(table, {})[id_key(old)] = new
        for place in references_to(plan, table, old):
            places.setdefault(place, table)
    log: list[LogEntry] = []
    for (ref_table, index, attr), table in places.items():
        mapping = new_by_table[table]
        value = getattr(plan, attr) if ref_table == "plan" else getattr(getattr(plan, ref_table)[index], attr)
        if isinstance(value, tuple):
            new_value: object = tuple(mapping.get(id_key(v), v) for v in value)
        elif ref_table == "demand" and attr == "stage" and not value.strip():
            new_value = mapping[id_key(DEMAND_STAGE)]  # an empty Stage meant MAGNET
        else:
            new_value = mapping.get(id_key(value), value)
        log.append(("set", ref_table, index, attr, set_field(plan, ref_table, index, attr, new_value)))
    return log


# -- follow-ups: what else an edit changes in its row --------------------------------------


def _with_follow_ups(plan: Plan, table: str, changes: list[Change], notes: list[str]) -> list[Change]:
    """``changes`` and, after each row's own, the follow-ups its rules add (never over a change asked for)."""
    rows = getattr(plan, table)
    asked: dict[int, dict[str, object]] = {}
    for index, attr, value in changes:
        asked.setdefault(index, {})[attr] = value
    result = list(changes)
    for index, values in asked.items():
        before = rows[index]
        after = dataclasses.replace(before, **values)
        extra, said = follow_ups(plan, table, before, after)
        result += [(index, attr, value) for attr, value in extra.items() if attr not in values]
        notes += said
    return result


def follow_ups(plan: Plan, table: str, before: object, after: object) -> tuple[dict[str, object], list[str]]:
    """What else changes in a row edited from ``before`` to ``after``: {attribute: value} and notes.

    A new stage for a facility (``stage_change``), a new Kind for an override
    (``override_kind_change``), a new Instrument for a funding line (its usual
    agency, ``instrument_change``). Raises ``EditRefused`` for a stage change
    the plan cannot take.
    """
    if table == "facilities" and id_key(before.stage) != id_key(after.stage):  # type: ignore[attr-defined]
        return stage_change(plan, after, before.stage)  # type: ignore[arg-type, attr-defined]
    if table == "overrides" and before.kind != after.kind:  # type: ignore[attr-defined]
        return override_kind_change(plan, after), []  # type: ignore[arg-type]
    if table == "funding" and id_key(before.instrument) != id_key(after.instrument):  # type: ignore[attr-defined]
        return instrument_change(plan, before, after)
    return {}, []


def find_stage(plan: Plan, stage_id: str) -> Stage | None:
    return next((s for s in plan.stages if id_key(s.id) == id_key(stage_id)), None)


def chain_stages(plan: Plan) -> list[Stage]:
    """The stages of the chain in order, upstream first, RECYCLE left out."""
    return sorted((s for s in plan.stages if id_key(s.id) != id_key(RECYCLE_STAGE)), key=lambda s: s.order)


def stage_change(plan: Plan, facility: Facility, old_stage: str) -> tuple[dict[str, object], list[str]]:
    """What else changes when ``facility`` (with its new Stage) leaves ``old_stage``.

    The rules, the same on the canvas, in the Stage cell and in the inspector:
    - onto a product stage, Material is cleared: capacity there is tonnes of
      product. A facility with Composition rows (a mix) cannot go there: its
      shares would mean nothing; the move is refused, saying so.
    - onto a material stage without a Material and without Composition rows,
      Material becomes the plan's first material, and a note says so.
    - onto RECYCLE, Feeds stage becomes the stage it left (else the chain's
      second stage, where recovered oxide usually re-enters), and a note asks
      the planner to check it; off RECYCLE, Feeds stage is cleared.
    - everything else (capacity, status, dates, links, funding) stays.
    An unknown stage adds nothing: validation refuses the Stage itself.
    """
    stage = find_stage(plan, facility.stage)
    if stage is None:
        return {}, []
    changes: dict[str, object] = {}
    notes: list[str] = []
    has_mix = any(id_key(c.facility) == id_key(facility.id) for c in plan.composition)
    where = stage.name or stage.id
    if stage.basis is CapacityBasis.PRODUCT:
        if has_mix:
            raise EditRefused(
                f"{facility.name} has Composition rows (a mix of materials), so it cannot move to {where}, "
                "where capacity is tonnes of product. Remove its Composition rows first."
            )
        if facility.material:
            changes["material"] = ""
            notes.append(
                f"{facility.name} now counts tonnes of product on {where}; its Material was cleared."
            )
    elif not facility.material and not has_mix and plan.materials:
        changes["material"] = plan.materials[0].id
        notes.append(
            f"{facility.name} now counts {plan.materials[0].id} on {where}; change its Material if it "
            "handles another."
        )
    recycle = id_key(RECYCLE_STAGE)
    if id_key(stage.id) == recycle and id_key(old_stage) != recycle:
        left = find_stage(plan, old_stage)
        fed = left or find_stage(plan, default_feeds_stage(plan))
        if fed is not None:
            changes["feeds_stage"] = fed.id
            why = ", the stage it left" if left is not None else ""
            notes.append(
                f"{facility.name} feeds {fed.name or fed.id}{why}; change its Feeds stage if it feeds another."
            )
    elif id_key(stage.id) != recycle and facility.feeds_stage:
        changes["feeds_stage"] = ""
    return changes, notes


def default_feeds_stage(plan: Plan) -> str:
    """The stage a new recycling facility feeds: the chain's second stage (after mining), else its first."""
    chain = chain_stages(plan)
    return chain[1].id if len(chain) > 1 else chain[0].id if chain else ""


def override_kind_change(plan: Plan, override: Override) -> dict[str, object]:
    """An override's Target and Value after its Kind changed: kept when the new Kind takes them,
    else the Kind's neutral default (the first facility, all segments, factor 1, no delay...)."""
    target_problem, value_problem = override_problems(plan, override)
    changes: dict[str, object] = {}
    kind = override.kind
    if target_problem:
        changes["target"] = _default_target(plan, kind)
    if value_problem or override.value is None:
        status = parse_choice(Status, str(changes.get("target", override.target)))
        changes["value"] = _default_value(kind, status)  # type: ignore[arg-type]
    return changes


def _default_target(plan: Plan, kind: OverrideKind) -> str:
    if kind in FACILITY_OVERRIDES:
        return plan.facilities[0].id if plan.facilities else ""
    if kind is OverrideKind.SUPPLY_FACTOR:
        return plan.supply[0].id if plan.supply else ""
    if kind is OverrideKind.RISK_FACTOR:
        return Status.PROPOSED.value
    return ""  # demand and permitting factors: all segments, all facilities


def _default_value(kind: OverrideKind, status: Status | None) -> object:
    if kind is OverrideKind.DELAY:
        return 0.0
    if kind is OverrideKind.CANCEL:
        return True
    if kind is OverrideKind.STATUS:
        return Status.CANCELLED
    if kind is OverrideKind.RISK_FACTOR:
        return RISK_FACTORS.get(status or Status.PROPOSED, 1.0)
    return 1.0


def instrument_change(plan: Plan, before: object, after: object) -> tuple[dict[str, object], list[str]]:
    """A funding line's Agency follows its new Instrument's usual agency (LPO: DOE) when it was empty
    or the old instrument's usual one; an agency the planner chose stays (a mismatch is a warning)."""
    new = usual_agency(after.instrument)  # type: ignore[attr-defined]
    agency = after.agency  # type: ignore[attr-defined]
    if not new or id_key(new) not in {id_key(a.id) for a in plan.agencies} or id_key(agency) == id_key(new):
        return {}, []
    if agency and id_key(agency) != id_key(usual_agency(before.instrument)):  # type: ignore[attr-defined]
        return {}, []
    return {"agency": new}, [f"Agency set to {new}, which usually gives {after.instrument}."]  # type: ignore[attr-defined]


# -- new facilities -----------------------------------------------------------------


def new_facility(plan: Plan, stage_id: str = "", x: float | None = None, y: float | None = None) -> Facility:
    """The facility a planner gets from the toolbar, a lane's menu or the table's Add Row.

    A planned "New facility" with a unique ID (``SEP-NEW``, ``SEP-NEW-2``...)
    on ``stage_id`` (default: the first material stage of the chain), 0 t/yr:
    a material stage gives it the plan's first material, RECYCLE a stage to
    feed (``default_feeds_stage``). It passes validation; the warning that it
    has no dates yet tells the planner what to fill in next.
    """
    stage = find_stage(plan, stage_id) if stage_id else None
    if stage is None:
        chain = chain_stages(plan)
        stage = next((s for s in chain if s.basis is CapacityBasis.MATERIAL), chain[0] if chain else None)
    stage_key = stage.id if stage is not None else stage_id
    material = ""
    if stage is not None and stage.basis is CapacityBasis.MATERIAL and plan.materials:
        material = plan.materials[0].id
    feeds = default_feeds_stage(plan) if id_key(stage_key) == id_key(RECYCLE_STAGE) else ""
    return Facility(
        id=unique_id(plan, "facilities", f"{stage_key or 'FAC'}-NEW"),
        name="New facility",
        stage=stage_key,
        status=Status.PLANNED,
        capacity=0.0,
        material=material,
        feeds_stage=feeds,
        x=x,
        y=y,
    )
