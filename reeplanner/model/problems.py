"""What the user did wrong: problems with a place and a sentence."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a plan or a file.

    ``table`` is the sheet name (``Facilities``, ``Plan``...), ``row`` the
    1-based row as the user sees it (the Excel row for a workbook, the
    position in the table otherwise), ``field`` the column header, ``item``
    the row's ID when it has one.
    """

    message: str
    table: str = ""
    row: int | None = None
    field: str = ""
    item: str = ""
    severity: Severity = Severity.ERROR
    index: int | None = None  # 0-based position in the plan table, for jumping to it

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def where(self) -> str:
        """``Facilities row 4 (MP-10X), Capacity``: the place, as a planner reads it."""
        parts = []
        if self.table:
            place = self.table
            if self.row is not None:
                place += f" row {self.row}"
            if self.item:
                place += f" ({self.item})"
            parts.append(place)
        if self.field:
            parts.append(self.field)
        return ", ".join(parts) or "file"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.where}: {prefix}{self.message}"


class PlanError(Exception):
    """A plan or file the user gave has errors; ``problems`` lists every one."""

    def __init__(self, problems: list[Problem], summary: str = "") -> None:
        self.problems = list(problems)
        errors = [p for p in self.problems if p.is_error]
        if not summary:
            n = len(errors)
            summary = f"{n} problem{'s' if n != 1 else ''} found" if n != 1 else str(errors[0])
        super().__init__(summary)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]
