"""How an import page shows its columns and its problems: shared by every import page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rotaplan.engine.formats.columns import Column
from rotaplan.engine.formats.input_problems import Problem
from rotaplan.engine.formats.json_reading import shortened

# A file with thousands of bad rows is nearly always one mistake repeated; the first few
# hundred show it, and rendering every one would make a page of many megabytes.
PROBLEMS_SHOWN = 500

TableRow = list[dict[str, str]]


def problem_rows(problems: Sequence[Problem]) -> list[TableRow]:
    """The first ``PROBLEMS_SHOWN`` row problems as the NHS.UK table's rows: Line, Field,
    Value (its start, if long), Problem."""
    return [
        [
            {"text": str(p.line)},
            {"text": p.field or ""},
            {"text": shortened(p.value)},
            {"text": p.message},
        ]
        for p in problems[:PROBLEMS_SHOWN]
    ]


def problems_not_shown(problems: Sequence[Problem]) -> str:
    if len(problems) <= PROBLEMS_SHOWN:
        return ""
    return (
        f"The first {PROBLEMS_SHOWN} of {len(problems):,} problems are shown. Correct "
        "them and upload the file again to see the rest."
    )


def column_rows(columns: Sequence[Column], more_notes: Mapping[str, str]) -> list[TableRow]:
    """The guidance table of columns: Column, Required, Example, Notes, with ``more_notes``
    (what the database knows, such as the codes a column takes) after a column's notes."""
    rows = []
    for column in columns:
        notes = " ".join(part for part in (column.notes, more_notes.get(column.name)) if part)
        rows.append(
            [
                {"text": column.name},
                {"text": column.need},
                {"text": column.example},
                {"text": notes},
            ]
        )
    return rows
