"""The native ``.reeplan`` file: UTF-8 JSON, deterministic, saved atomically.

Layout::

    {"format": "reeplanner-plan", "version": 1,
     "plan": {"name": ..., "start_year": ..., ...},
     "materials": [{...}, ...], "stages": [...], ...}

Rows are keyed by record attribute, in schema column order; a field equal to
its default is left out, so one edit gives a one-line diff. Older versions
are migrated on load (``MIGRATIONS``); a newer version is refused.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reeplanner.formats.atomic import write_bytes_atomic
from reeplanner.model.cells import CellError, parse_cell, parse_override_value
from reeplanner.model.enums import OverrideKind
from reeplanner.model.plan import Plan
from reeplanner.model.problems import PlanError, Problem, Severity
from reeplanner.model.schema import PLAN_FIELDS, TABLES, Kind, Table

FORMAT_NAME = "reeplanner-plan"
FORMAT_VERSION = 1

#: version N -> function turning a version-N document into version N+1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def dumps(plan: Plan) -> str:
    """The file text of ``plan``."""
    doc: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    doc["plan"] = {col.attr: _json_value(getattr(plan, col.attr)) for col in PLAN_FIELDS}
    for table in TABLES:
        doc[table.attr] = [_row_to_json(table, rec) for rec in getattr(plan, table.attr)]
    return json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def save(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write ``plan`` to ``path`` atomically (the old file survives any failure)."""
    write_bytes_atomic(path, dumps(plan).encode("utf-8"))


def load(path: str | os.PathLike[str]) -> Plan:
    """Read a ``.reeplan`` file. Raises ``PlanError`` naming the problem and its place."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PlanError([Problem(f"Cannot read the file: {exc.strerror or exc}.", path.name)]) from exc
    return loads(data, path.name)


def loads(data: bytes | str, name: str = "plan") -> Plan:
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        raise PlanError(
            [Problem(f"{name} is not a REE Planner plan: it is not UTF-8 text (byte {exc.start}).", name)]
        ) from exc
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanError(
            [
                Problem(
                    f"{name} is not a REE Planner plan: the JSON is broken at line "
                    f"{exc.lineno}, column {exc.colno} ({exc.msg}).",
                    name,
                )
            ]
        ) from exc
    return from_document(doc, name)


def from_document(doc: Any, name: str = "plan") -> Plan:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        found = doc.get("format") if isinstance(doc, dict) else None
        what = f"its format is '{found}'" if found else "it has no 'format': 'reeplanner-plan' entry"
        raise PlanError([Problem(f"{name} is not a REE Planner plan: {what}.", name)])
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PlanError([Problem(f"{name} has no valid format version (found {version!r}).", name)])
    if version > FORMAT_VERSION:
        raise PlanError(
            [
                Problem(
                    f"{name} was saved by a newer REE Planner (plan format version {version}; this version reads "
                    f"up to {FORMAT_VERSION}). Update REE Planner to open it.",
                    name,
                )
            ]
        )
    while version < FORMAT_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
    return _plan_from_json(doc)


def _plan_from_json(doc: dict[str, Any]) -> Plan:
    problems: list[Problem] = []
    meta = doc.get("plan", {})
    if not isinstance(meta, dict):
        raise PlanError([Problem("The 'plan' entry must be an object of settings.", "Plan")])
    settings: dict[str, Any] = {}
    for col in PLAN_FIELDS:
        if col.attr in meta:
            try:
                value = parse_cell(col, meta[col.attr])
            except CellError as exc:
                problems.append(Problem(str(exc), "Plan", None, col.header))
                continue
            if value is not None:
                settings[col.attr] = value
    plan = Plan(**settings)
    for table in TABLES:
        rows = doc.get(table.attr)
        if rows is None:
            if table.attr in ("materials", "stages", "instruments", "agencies", "scenarios"):
                continue  # absent: the defaults
            setattr(plan, table.attr, [])
            continue
        if not isinstance(rows, list):
            problems.append(Problem(f"'{table.attr}' must be a list of rows.", table.sheet))
            continue
        records = []
        for index, row in enumerate(rows):
            rec = _row_from_json(table, row, index, problems)
            if rec is not None:
                records.append(rec)
        setattr(plan, table.attr, records)
    if any(p.is_error for p in problems):
        raise PlanError(problems)
    return plan


def _row_to_json(table: Table, rec: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    defaults = {f.name: f for f in dataclasses.fields(rec)}
    for col in table.columns:
        value = getattr(rec, col.attr)
        if _is_default(defaults[col.attr], value):
            continue
        out[col.attr] = _json_value(value)
    if table.attr == "demand":
        out["values"] = {str(y): rec.values[y] for y in sorted(rec.values)}
    return out


def _is_default(field: dataclasses.Field, value: Any) -> bool:
    if field.default is not dataclasses.MISSING:
        return value == field.default and type(value) is type(field.default)
    if field.default_factory is not dataclasses.MISSING:  # type: ignore[misc]
        return value == field.default_factory()  # type: ignore[misc]
    return False


def _json_value(value: Any) -> Any:
    if isinstance(value, (bool, int, float)) or value is None:
        return value
    if isinstance(value, tuple):
        return list(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _row_from_json(table: Table, row: Any, index: int, problems: list[Problem]) -> Any:
    if not isinstance(row, dict):
        problems.append(Problem("Each row must be an object.", table.sheet, index + 1))
        return None
    item = str(row.get(table.id_attr, "")) if table.id_attr else ""
    values: dict[str, Any] = {}
    ok = True
    for col in table.columns:
        if col.attr not in row:
            continue
        raw = row[col.attr]
        if col.kind is Kind.REFS and isinstance(raw, list):
            raw = ", ".join(str(v) for v in raw)
        try:
            if col.kind is Kind.OVERRIDE_VALUE:
                kind = parse_cell(table.column("kind"), row.get("kind"))
                value = parse_override_value(kind if isinstance(kind, OverrideKind) else None, raw)
            else:
                value = parse_cell(col, raw)
        except CellError as exc:
            problems.append(Problem(str(exc), table.sheet, index + 1, col.header, item, index=index))
            ok = False
            continue
        if value is not None or _field_has_no_default(table, col.attr):
            values[col.attr] = value
    if table.attr == "demand":
        values["values"] = _demand_values(row.get("values", {}), table, index, problems)
    unknown = set(row) - {c.attr for c in table.columns} - {"values"}
    if unknown:
        problems.append(
            Problem(
                f"Unknown fields ignored: {', '.join(sorted(unknown))}.",
                table.sheet,
                index + 1,
                "",
                item,
                Severity.WARNING,
                index,
            )
        )
    missing = [
        f.name
        for f in dataclasses.fields(table.record)
        if f.default is dataclasses.MISSING
        and f.default_factory is dataclasses.MISSING  # type: ignore[misc]
        and f.name not in values
    ]
    for attr in missing:
        problems.append(
            Problem(
                f"{table.column(attr).header} is required.",
                table.sheet,
                index + 1,
                table.column(attr).header,
                item,
                index=index,
            )
        )
        ok = False
    return table.record(**values) if ok else None


def _field_has_no_default(table: Table, attr: str) -> bool:
    field = next(f for f in dataclasses.fields(table.record) if f.name == attr)
    return field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING  # type: ignore[misc]


def _demand_values(raw: Any, table: Table, index: int, problems: list[Problem]) -> dict[int, float]:
    if not isinstance(raw, dict):
        problems.append(Problem("Demand 'values' must map years to t/yr.", table.sheet, index + 1, "values"))
        return {}
    values = {}
    for key, value in raw.items():
        try:
            year = int(key)
            amount = float(value)
        except (TypeError, ValueError):
            problems.append(
                Problem(
                    f"Demand for '{key}' must be a number of t/yr; it is {value!r}.",
                    table.sheet,
                    index + 1,
                    str(key),
                    index=index,
                )
            )
            continue
        values[year] = amount
    return values


__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "dumps", "load", "loads", "save"]
