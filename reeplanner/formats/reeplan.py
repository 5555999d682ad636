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
from reeplanner.model.cells import CellError, parse_cell, parse_int, parse_number, parse_override_value
from reeplanner.model.enums import OverrideKind
from reeplanner.model.plan import TABLE_ATTRS, Plan
from reeplanner.model.problems import PlanError, Problem, Severity
from reeplanner.model.schema import PLAN_FIELDS, TABLES, Column, Kind, Table

FORMAT_NAME = "reeplanner-plan"
FORMAT_VERSION = 2

#: Per table: the record fields without a default (computed once; rows are many).
_REQUIRED_ATTRS: dict[str, frozenset[str]] = {
    table.attr: frozenset(
        f.name
        for f in dataclasses.fields(table.record)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING  # type: ignore[misc]
    )
    for table in TABLES
}

_COLUMN_ATTRS: dict[str, frozenset[str]] = {t.attr: frozenset(c.attr for c in t.columns) for t in TABLES}


def _from_version_1(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 2 adds Plan fields, the Official target column and three tables, all with defaults.

    A version-1 facility without a country was in the US, which is version 2's default Home
    country, and countries are normalised to codes as every file is read: nothing to rewrite.
    """
    return {**doc, "version": 2}


#: version N -> function turning a version-N document into version N+1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _from_version_1}


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
    return load_with_warnings(path)[0]


def load_with_warnings(path: str | os.PathLike[str]) -> tuple[Plan, list[Problem]]:
    """The plan in a ``.reeplan`` file and the warnings met reading it (unknown fields...)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PlanError([Problem(f"Cannot read {path.name}: {exc.strerror or exc}.", path.name)]) from exc
    return loads_with_warnings(data, path.name)


def loads(data: bytes | str, name: str = "plan") -> Plan:
    """The plan in ``.reeplan`` text or bytes; ``name`` is the file name used in messages."""
    return loads_with_warnings(data, name)[0]


def loads_with_warnings(data: bytes | str, name: str = "plan") -> tuple[Plan, list[Problem]]:
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        raise PlanError(
            [Problem(f"{name} is not a REE Planner plan: it is not UTF-8 text (byte {exc.start}).", name)]
        ) from exc
    try:
        doc = json.loads(text, parse_constant=_refuse_constant)
    except (json.JSONDecodeError, ValueError) as exc:
        where = (
            f" at line {exc.lineno}, column {exc.colno} ({exc.msg})"
            if isinstance(exc, json.JSONDecodeError)
            else f" ({exc})"
        )
        raise PlanError(
            [Problem(f"{name} is not a REE Planner plan: the JSON is broken{where}.", name)]
        ) from exc
    return from_document_with_warnings(doc, name)


def _refuse_constant(word: str) -> Any:
    raise ValueError(f"{word} is not a number JSON allows")


def from_document(doc: Any, name: str = "plan") -> Plan:
    """The plan in an already-parsed ``.reeplan`` document."""
    return from_document_with_warnings(doc, name)[0]


def from_document_with_warnings(doc: Any, name: str = "plan") -> tuple[Plan, list[Problem]]:
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
    return _plan_from_json(doc, name)


def _plan_from_json(doc: dict[str, Any], name: str) -> tuple[Plan, list[Problem]]:
    problems: list[Problem] = []
    meta = doc.get("plan", {})
    if not isinstance(meta, dict):
        raise PlanError([Problem("The 'plan' entry must be an object of settings.", "Plan")])
    settings: dict[str, Any] = {}
    for col in PLAN_FIELDS:
        if col.attr in meta:
            try:
                value = _parse_value(col, meta[col.attr])
            except CellError as exc:
                problems.append(Problem(str(exc), "Plan", None, col.header))
                continue
            if value is not None:
                settings[col.attr] = value
    problems += _unknown_keys(meta, {c.attr for c in PLAN_FIELDS}, "Plan", "plan settings")
    problems += _unknown_keys(doc, {"format", "version", "plan", *TABLE_ATTRS}, name, "top-level")
    plan = Plan(**settings)
    for table in TABLES:
        rows = doc.get(table.attr)
        if rows is None:
            if table.attr in ("materials", "stages", "instruments", "agencies", "scenarios", "schedule_risk"):
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
    return plan, problems


def _unknown_keys(obj: dict[str, Any], known: set[str], table: str, what: str) -> list[Problem]:
    unknown = sorted(set(obj) - known)
    if not unknown:
        return []
    message = f"Unknown {what} entries ignored: {', '.join(unknown)}."
    return [Problem(message, table, severity=Severity.WARNING)]


def _parse_value(col: Column, raw: Any) -> Any:
    """``parse_cell`` for a JSON value; a list or object is refused where one value belongs."""
    if isinstance(raw, (list, dict)) and not (
        col.kind in (Kind.REFS, Kind.COUNTRIES) and isinstance(raw, list)
    ):
        raise CellError(f"{col.header} must be a single value, not a list or an object.")
    if col.kind in (Kind.REFS, Kind.COUNTRIES) and isinstance(raw, list):
        if not all(isinstance(v, str) for v in raw):
            raise CellError(f"{col.header} must be a list of IDs (text).")
        if col.kind is Kind.COUNTRIES and not raw:
            return ()  # an empty list is no country, not the default list
        raw = ", ".join(raw)
    return parse_cell(col, raw)


def _row_to_json(table: Table, rec: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    defaults = {f.name: f for f in dataclasses.fields(rec)}
    for col in table.columns:
        value = getattr(rec, col.attr)
        if _is_default(defaults[col.attr], value):
            continue
        out[col.attr] = _json_value(value)
    if table.is_wide:
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


def _required_attrs(table: Table) -> frozenset[str]:
    """The record fields without a default: a row must give them."""
    return _REQUIRED_ATTRS[table.attr]


def _row_from_json(table: Table, row: Any, index: int, problems: list[Problem]) -> Any:
    if not isinstance(row, dict):
        problems.append(Problem("Each row must be an object.", table.sheet, index + 1))
        return None
    item = str(row.get(table.id_attr, "")) if table.id_attr else ""
    values: dict[str, Any] = {}
    refused: set[str] = set()
    override_kind: OverrideKind | None = None
    for col in table.columns:
        if col.attr not in row:
            continue
        raw = row[col.attr]
        try:
            if col.kind is Kind.OVERRIDE_VALUE:
                if isinstance(raw, (list, dict)):
                    raise CellError(f"{col.header} must be a single value, not a list or an object.")
                value = parse_override_value(override_kind, raw)
            else:
                value = _parse_value(col, raw)
        except CellError as exc:
            problems.append(Problem(str(exc), table.sheet, index + 1, col.header, item, index=index))
            refused.add(col.attr)
            continue
        if col.attr == "kind" and isinstance(value, OverrideKind):
            override_kind = value  # the Kind column comes before Value in the schema
        if value is not None or col.attr in _required_attrs(table):
            values[col.attr] = value
    extra = {"values"} if table.is_wide else set()
    if table.is_wide:
        values["values"] = _year_values(row.get("values", {}), table, index, item, problems)
    unknown = row.keys() - _COLUMN_ATTRS[table.attr] - extra
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
    missing = [a for a in _required_attrs(table) if a not in values and a not in refused]
    for attr in missing:
        header = table.column(attr).header
        problems.append(Problem(f"{header} is required.", table.sheet, index + 1, header, item, index=index))
    return table.record(**values) if not (missing or refused) else None


def _year_values(raw: Any, table: Table, index: int, item: str, problems: list[Problem]) -> dict[int, float]:
    what = "Demand" if table.attr == "demand" else "Price"
    if not isinstance(raw, dict):
        problems.append(
            Problem(
                f"{table.sheet} 'values' must map years to {table.year_unit}.",
                table.sheet,
                index + 1,
                "values",
                item,
                index=index,
            )
        )
        return {}
    values = {}
    for key, value in raw.items():
        try:
            year = parse_int(key, f"A {what.lower()} year")
            amount = parse_number(value, f"{what} for {key}")
        except CellError as exc:
            problems.append(Problem(str(exc), table.sheet, index + 1, str(key), item, index=index))
            continue
        values[year] = amount
    return values


__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "dumps",
    "from_document",
    "load",
    "load_with_warnings",
    "loads",
    "loads_with_warnings",
    "save",
]
