"""Reading and writing a plan by file extension."""

from __future__ import annotations

import os
from pathlib import Path

from reeplanner.formats import reeplan
from reeplanner.model.plan import Plan
from reeplanner.model.problems import PlanError, Problem

PLAN_SUFFIXES = (".reeplan",)
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".ods")
READ_SUFFIXES = PLAN_SUFFIXES + WORKBOOK_SUFFIXES
WRITE_SUFFIXES = (".reeplan", ".xlsx")


def read_plan(path: str | os.PathLike[str]) -> tuple[Plan, list[Problem]]:
    """The plan in ``path`` and the warnings met while reading it.

    Raises ``PlanError`` for a file that cannot be read as a plan.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".reeplan":
        return reeplan.load_with_warnings(path)
    if suffix in WORKBOOK_SUFFIXES:
        from reeplanner.formats.workbook_reader import read_workbook

        return read_workbook(path)
    raise PlanError(
        [
            Problem(
                f"{path.name}: REE Planner opens {', '.join(READ_SUFFIXES)} files, "
                f"not '{suffix or 'no extension'}'.",
                path.name,
            )
        ]
    )


def write_plan(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write ``plan`` to ``path`` in the format its extension names, atomically."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".reeplan":
        reeplan.save(plan, path)
        return
    if suffix == ".xlsx":
        from reeplanner.formats.workbook_writer import write_workbook

        write_workbook(plan, path)
        return
    raise PlanError(
        [
            Problem(
                f"{path.name}: REE Planner writes {', '.join(WRITE_SUFFIXES)} files, "
                f"not '{suffix or 'no extension'}'.",
                path.name,
            )
        ]
    )
