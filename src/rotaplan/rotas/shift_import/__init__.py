"""Importing a rota's shifts from a CSV or Excel file, all or nothing: coordinators keep
rotas in Excel.

1. **Reading** (``rotaplan.engine.formats.spreadsheet``) turns the bytes into a table.
2. **Checking** (``rules.check_table``) needs no database: the table and ``ShiftLookups``
   (the rota's period, the department's shifts, the doctors the file names and the shifts
   they already work) in, every clean ``ShiftRecord`` or every problem out.
3. **Writing** (``services.assignments_import``) locks the rota and the doctors, checks
   again, saves each assignment so the audit log records it, and raises the rota's version
   once; or saves nothing.

Only a draft rota takes an import (``services.import_refusal``). The page, the API
endpoint and ``rotaplan import-rota`` are ``views``, ``api`` and ``command``.
"""

from .columns import COLUMN_NAMES, COLUMNS, SHIFT_COLUMNS
from .lookups import BookedShift, DoctorRef, ShiftLookups, ShiftTypeRef
from .row_checks import CheckedShifts, ShiftRecord, check_table
from .services import (
    ShiftImportResult,
    assignments_import,
    import_refusal,
    lookups_for,
)

__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "SHIFT_COLUMNS",
    "BookedShift",
    "CheckedShifts",
    "DoctorRef",
    "ShiftImportResult",
    "ShiftLookups",
    "ShiftRecord",
    "ShiftTypeRef",
    "assignments_import",
    "check_table",
    "import_refusal",
    "lookups_for",
]
