"""The columns of a rota's shifts file: one row per doctor on a shift."""

from __future__ import annotations

from rotaplan.engine.formats.columns import OPTIONAL, REQUIRED, Column, ColumnSet

COLUMNS: tuple[Column, ...] = (
    Column(
        "gmc_number",
        REQUIRED,
        "7012345",
        "The doctor's GMC number, 7 digits. Any doctor in Rotaplan can be rostered, so a "
        "colleague from another department can cover.",
    ),
    Column(
        "date",
        REQUIRED,
        "2026-08-03",
        "The day the shift starts: 2026-08-03 or 03/08/2026 (day first), within the rota.",
    ),
    Column("shift", REQUIRED, "N", "The code of one of the department's shifts."),
    Column(
        "start",
        OPTIONAL,
        "09:00",
        "A UK time such as 09:00, for a shift that starts at another time than usual. "
        "Left empty, the shift's own start.",
    ),
    Column(
        "end",
        OPTIONAL,
        "17:00",
        "A UK time; an end at or before the start is the next day. "
        "Left empty, the shift's own end.",
    ),
)
SHIFT_COLUMNS = ColumnSet(COLUMNS)
COLUMN_NAMES: tuple[str, ...] = SHIFT_COLUMNS.names
