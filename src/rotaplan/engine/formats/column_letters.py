"""A spreadsheet column's letters, for the messages that name a cell ("Cell AB7").

openpyxl names them, imported on the first call: importing it (and the numpy it brings)
takes a quarter of a second, which every command line run, and every CSV read, would
otherwise pay at start-up to name a cell only when a file is wrong."""

from __future__ import annotations


def column_letter(column: int) -> str:
    """Column 1 is A, 27 is AA."""
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(column))
