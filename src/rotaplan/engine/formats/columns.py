"""The columns an import expects, and the problems with a table's headings and shape.

Headings can be in any order and any case, with spaces or hyphens for underscores. A file
whose headings are wrong is refused as a whole, before any row is checked: a missing or
misspelt column would otherwise show as the same problem on every row.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from .column_letters import column_letter
from .input_problems import Problem
from .spreadsheet import RawTable, column_key

REQUIRED = "Required"
OPTIONAL = "Optional"


@dataclass(frozen=True)
class Column:
    name: str
    need: str  # REQUIRED, OPTIONAL, or the condition under which it is required
    example: str
    notes: str


class ColumnSet:
    """An import's columns, in the order its problems are listed."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.columns = tuple(columns)
        self.names = tuple(column.name for column in self.columns)
        self.required = tuple(c.name for c in self.columns if c.need == REQUIRED)
        self._order = {name: index for index, name in enumerate(self.names)}

    def __contains__(self, name: object) -> bool:
        return name in self._order

    def order(self, problem: Problem) -> tuple[int, int]:
        """Problems by line, then by column; those about the whole file first."""
        return (problem.line or 0, self._order.get(problem.field or "", 0))

    def expected_text(self) -> str:
        optional = [name for name in self.names if name not in self.required]
        return (
            f"The columns are {', '.join(self.required)} (required) "
            f"and {', '.join(optional)} (optional)."
        )

    def positions(self, headings: Sequence[str]) -> dict[str, int]:
        """Where each known column is; the first of a repeated one (heading_problems refuses
        those)."""
        positions: dict[str, int] = {}
        for index, heading in enumerate(headings):
            key = column_key(heading)
            if key in self._order:
                positions.setdefault(key, index)
        return positions

    def shape_problems(self, table: RawTable, row_noun: str) -> list[Problem]:
        """Problems with the file as a whole, each row being one ``row_noun`` ("doctor"):
        if any, its rows are not worth checking."""
        if not any(table.headings) and not table.rows:
            return [
                Problem(
                    "The file is empty. Row 1 should hold the column headings, and each row "
                    f"below it one {row_noun}. {self.expected_text()}"
                )
            ]
        if not any(table.headings):
            return [
                Problem(
                    f"Row 1 is empty; it should hold the column headings. {self.expected_text()}"
                )
            ]
        problems = self.heading_problems(table)
        if not table.rows:
            problems.append(
                Problem(
                    f"The file has column headings but no {row_noun}s. "
                    f"Add one row per {row_noun} below the headings."
                )
            )
        if table.too_many_rows:
            limit = table.row_limit
            problems.append(
                Problem(
                    f"The file has more than {limit:,} {row_noun}s; at most {limit:,} are read. "
                    "Split it into smaller files."
                )
            )
        return problems

    def heading_problems(self, table: RawTable) -> list[Problem]:
        keys = [column_key(heading) for heading in table.headings]
        problems = self._named_column_problems(table.headings, keys)
        problems.extend(_unnamed_column_problems(table, keys))
        missing = [name for name in self.required if name not in keys]
        if missing:
            problems.append(
                Problem(
                    f"The file has no {', '.join(missing)} "
                    f"column{'s' if len(missing) > 1 else ''}. {self.expected_text()}",
                    value=", ".join(missing),
                )
            )
        return problems

    def _named_column_problems(self, headings: Sequence[str], keys: Sequence[str]) -> list[Problem]:
        """Columns that appear twice, and columns the import does not know."""
        problems: list[Problem] = []
        seen: dict[str, int] = {}
        for index, (heading, key) in enumerate(zip(headings, keys, strict=True)):
            letter = column_letter(index + 1)
            if not key:
                continue
            if key in seen:
                first = column_letter(seen[key] + 1)
                problems.append(
                    Problem(
                        f"The column '{heading}' appears twice (columns {first} and {letter}). "
                        "Delete one of them.",
                        value=heading,
                    )
                )
            elif key not in self._order:
                guess = difflib.get_close_matches(key, self.names, n=1)
                hint = f" Did you mean {guess[0]}?" if guess else ""
                problems.append(
                    Problem(
                        f"Rotaplan does not know the column '{heading}' (column {letter}).{hint} "
                        f"Rename it or delete it. {self.expected_text()}",
                        value=heading,
                    )
                )
            seen.setdefault(key, index)
        return problems


def _unnamed_column_problems(table: RawTable, keys: Sequence[str]) -> list[Problem]:
    problems: list[Problem] = []
    widest = max((len(row.cells) for row in table.rows), default=0)
    for index in range(widest):
        unnamed = index >= len(keys) or not keys[index]
        if unnamed and any(index < len(r.cells) and r.cells[index] != "" for r in table.rows):
            problems.append(
                Problem(
                    f"Column {column_letter(index + 1)} has values but no heading. "
                    "Give it a heading or delete the column."
                )
            )
    return problems
