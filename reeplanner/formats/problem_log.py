"""The problems met while reading a file, with a ceiling.

A sheet of a million bad cells, or a ``.reeplan`` of a million bad rows,
would otherwise fill memory with sentences nobody reads: reading stops at
``MAX_PROBLEMS`` errors and says so.
"""

from __future__ import annotations

from reeplanner.model.problems import PlanError, Problem

MAX_PROBLEMS = 1000


class TooManyProblems(Exception):
    """Raised by ``ProblemLog.append`` at the ceiling; ``ProblemLog.error`` is what to raise instead."""


class ProblemLog(list):
    """A list of ``Problem`` whose ``append`` raises ``TooManyProblems`` at ``MAX_PROBLEMS`` errors
    (and keeps no warning past that many problems)."""

    def __init__(self) -> None:
        super().__init__()
        self.n_errors = 0

    def append(self, problem: Problem) -> None:
        if not problem.is_error:
            if len(self) < MAX_PROBLEMS:  # past that, warnings are left out
                super().append(problem)
            return
        super().append(problem)
        self.n_errors += 1
        if self.n_errors >= MAX_PROBLEMS:
            raise TooManyProblems

    def error(self, where: str) -> PlanError:
        """The ``PlanError`` listing the problems so far and where reading stopped."""
        stop = Problem(
            f"Reading stopped after {MAX_PROBLEMS:,} errors: fix these and read the file again.", where
        )
        return PlanError([*self, stop])


__all__ = ["MAX_PROBLEMS", "ProblemLog", "TooManyProblems"]
