"""The one error every spreadsheet reader raises, in a module of its own so that the
workbook's bounds (``workbook_package``, ``workbook_scan``) and the table reader
(``spreadsheet``) can all raise it without importing each other."""

from __future__ import annotations


class UnreadableFile(Exception):
    """The file cannot be read as a table at all, so none of its rows were checked. The
    message is for the person who uploaded it: what is wrong and how to save it instead."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


SAVE_AS_CSV_UTF8 = "In Excel, save it as 'CSV UTF-8 (Comma delimited)'."
SAVE_AGAIN = "Open it in Excel and save it again, or save it as 'CSV UTF-8 (Comma delimited)'."
NOT_A_WORKBOOK = f"The file could not be opened as an Excel workbook (.xlsx). {SAVE_AGAIN}"
