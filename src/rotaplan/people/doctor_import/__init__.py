"""Importing incoming doctors (the August changeover) from a CSV or Excel file, all or nothing.

Three stages, each testable alone:

1. **Reading** (``rotaplan.engine.formats.spreadsheet``) turns the bytes into a ``RawTable``:
   the headings and each row's cells, with the row number Excel shows.
2. **Checking** (``rules.check_table``) is pure: a table and ``ImportLookups`` (what the
   database knows, gathered beforehand) in, every clean ``DoctorRecord`` or every problem
   out. ``columns`` names the columns and ``fields`` parses each doctor's cells.
3. **Writing** (``service.doctors_import``) gathers the lookups, checks again inside the
   transaction and saves each doctor, so the audit log records every one, or saves none.

Beside them, the page (``views``, ``forms``), the API (``api``) and ``rotaplan
import-doctors`` (``command``) that call the writing stage.
"""

from .columns import COLUMN_NAMES, COLUMNS, REQUIRED_COLUMNS, expected_columns_text
from .fields import parse_wte
from .lookups import DepartmentRef, ImportLookups
from .row_checks import CheckedImport, DoctorRecord, check_table
from .services import ImportResult, department_by_code, doctors_import, lookups_for

__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "REQUIRED_COLUMNS",
    "CheckedImport",
    "DepartmentRef",
    "DoctorRecord",
    "ImportLookups",
    "ImportResult",
    "check_table",
    "department_by_code",
    "doctors_import",
    "expected_columns_text",
    "lookups_for",
    "parse_wte",
]
