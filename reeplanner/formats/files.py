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

    Raises ``PlanError`` for a file that cannot be read as a plan, whatever
    went wrong in it: every reader's failure becomes one sentence naming the
    file, never another exception.
    """
    path = Path(path)
    try:
        return _read(path)
    except PlanError:
        raise
    except MemoryError as exc:
        raise unreadable(path, "it needs more memory than this computer has to spare") from exc
    except Exception as exc:  # a reader failed in a way the file's checks did not foresee
        raise unreadable(path, _reason(exc)) from exc
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":  # a reader written in Rust gave up (pyo3)
            raise
        raise unreadable(path, _reason(exc)) from exc


def unreadable(path: Path, reason: str) -> PlanError:
    """The error for a file no reader could make sense of."""
    return PlanError(
        [Problem(f"{path.name} cannot be read: it is damaged or not a plan file ({reason}).", path.name)]
    )


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    if type(exc).__name__ == "PanicException":
        return f"the spreadsheet reader gave up on it: {text}"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _read(path: Path) -> tuple[Plan, list[Problem]]:
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
