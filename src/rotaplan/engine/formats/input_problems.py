"""What is wrong with an input (an imported file, a document sent to the API or the CLI),
in words for the person who made it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong: with a line and field for a row, without them for the whole file;
    in a JSON document, with the ``path`` to the value at fault ("shifts[3].end")."""

    message: str
    line: int | None = None
    field: str | None = None
    value: str = ""
    path: str | None = None

    def __str__(self) -> str:
        if self.path is not None:
            return f"{self.path}: {self.message}"
        if self.line is None:
            return self.message
        return f"line {self.line}, {self.field}: {self.message}"


@dataclass(frozen=True)
class Outcome:
    """The problems that stopped an import, none if it went through; an import's result adds
    what it saved."""

    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def file_problems(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.line is None)

    @property
    def row_problems(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.line is not None)

    @property
    def lines_with_problems(self) -> list[int]:
        return sorted({p.line for p in self.problems if p.line is not None})

    @property
    def summary(self) -> str:
        """What the person who uploaded the file is told when nothing was imported."""
        bad = len(self.lines_with_problems)
        if not bad:
            return "Nothing was imported."
        return f"{bad} {'row has' if bad == 1 else 'rows have'} problems. Nothing was imported."
