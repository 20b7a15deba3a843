"""Reading one row's cells by column name, gathering a problem for each that will not parse,
so every problem in a row is reported at once rather than the first."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from .cell_values import FieldProblem
from .control_characters import control_character_problem, has_control_character, visible
from .input_problems import Problem
from .spreadsheet import Cell, RawRow, cell_text

T = TypeVar("T")


class RowReader:
    def __init__(self, row: RawRow, positions: Mapping[str, int]) -> None:
        self.line = row.line
        self._cells = {
            name: row.cells[index] if index < len(row.cells) else ""
            for name, index in positions.items()
        }
        self.problems: list[Problem] = []
        self._failed: set[str] = set()

    def raw(self, name: str) -> Cell:
        return self._cells.get(name, "")

    def get(self, name: str, parse: Callable[[Cell], T], fallback: T) -> T:
        """The parsed value, or ``fallback`` with the problem noted; a row with any problem
        never becomes a record, so a fallback never reaches the database. A cell holding a
        control character (a NUL byte above all) is a problem before it is parsed."""
        typed = cell_text(self.raw(name))
        if has_control_character(typed):
            self._failed.add(name)
            problem = control_character_problem(typed)
            self.problems.append(Problem(problem, self.line, name, visible(typed)))
            return fallback
        try:
            return parse(self.raw(name))
        except FieldProblem as problem:
            self.add(name, str(problem))
            return fallback

    def add(self, name: str, message: str) -> None:
        self._failed.add(name)
        self.problems.append(Problem(message, self.line, name, cell_text(self.raw(name))))

    def ok(self, name: str) -> bool:
        return name not in self._failed
