"""A stand-in for the window's Prompts that answers at once and remembers what was asked."""

from __future__ import annotations

from dataclasses import dataclass, field

from reeplanner.gui.brief_dialog import BriefChoice
from reeplanner.gui.prompts import RecoveryChoice, SaveChoice
from reeplanner.model.problems import Problem


@dataclass
class ScriptedPrompts:
    save_choice: SaveChoice = SaveChoice.CANCEL
    open_answer: str | None = None
    save_answer: str | None = None
    recovery: RecoveryChoice = RecoveryChoice.RESTORE
    confirm_answer: bool = True
    #: Export Brief's answer: None ticks every scenario offered, full pages.
    brief_answer: BriefChoice | None = None
    brief_cancelled: bool = False
    asked: list[str] = field(default_factory=list)
    errors: list[tuple[str, list[Problem]]] = field(default_factory=list)
    warnings: list[tuple[str, list[Problem]]] = field(default_factory=list)

    def save_discard_cancel(self, name: str) -> SaveChoice:
        self.asked.append(f"save changes to {name}?")
        return self.save_choice

    def open_path(self, title: str, folder: str, file_filter: str) -> str | None:
        self.asked.append(f"{title} ({folder})")
        return self.open_answer

    def save_path(self, title: str, suggested: str, file_filter: str) -> str | None:
        self.asked.append(f"{title} ({suggested})")
        return self.save_answer

    def error(self, title: str, summary: str, problems: list[Problem] | None = None) -> None:
        self.errors.append((summary, list(problems or [])))

    def warning(self, title: str, summary: str, problems: list[Problem]) -> None:
        self.warnings.append((summary, list(problems)))

    def information(self, title: str, text: str) -> None:
        self.asked.append(title)

    def brief_options(self, scenarios: list[tuple[str, str]]) -> BriefChoice | None:
        self.asked.append(f"brief of {', '.join(sid for sid, _ in scenarios)}")
        if self.brief_cancelled:
            return None
        return self.brief_answer or BriefChoice([sid for sid, _ in scenarios])

    def confirm(self, title: str, text: str) -> bool:
        self.asked.append(title)
        return self.confirm_answer

    def recover_changes(self, what: str, when: str) -> RecoveryChoice:
        self.asked.append(f"recover changes to {what} from {when}?")
        return self.recovery
