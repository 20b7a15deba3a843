"""The columns of an incoming doctors file."""

from __future__ import annotations

from rotaplan.engine.formats.columns import OPTIONAL, REQUIRED, Column, ColumnSet

COMPETENCY_SEPARATOR = ";"

COLUMNS: tuple[Column, ...] = (
    Column("gmc_number", REQUIRED, "7012345", "Exactly 7 digits."),
    Column("first_name", REQUIRED, "Aisha", ""),
    Column("last_name", REQUIRED, "Khan", ""),
    Column("email", OPTIONAL, "aisha.khan@nhs.net", ""),
    Column(
        "grade",
        REQUIRED,
        "ST4",
        "FY1, FY2, CT1 to CT3, ST1 to ST8, SD (specialty doctor), SPEC (specialist) or CONS "
        "(consultant); or the grade written out, such as Consultant.",
    ),
    Column(
        "contract",
        OPTIONAL,
        "tcs2016",
        "tcs2016, consultant2003 or sas. Left empty, it follows the grade.",
    ),
    Column(
        "wte",
        OPTIONAL,
        "0.6",
        "Whole-time equivalent from 0.10 to 1.00, or a percentage such as 60%. "
        "Left empty, 1.00 (full time).",
    ),
    Column(
        "opted_out",
        OPTIONAL,
        "no",
        "Yes if the doctor has opted out of the 48-hour average. Left empty, no.",
    ),
    Column(
        "department",
        "Required unless you choose a department for rows that name none",
        "acute-medicine",
        "The department's code.",
    ),
    Column("post_start", REQUIRED, "2026-08-05", "A date: 2026-08-05 or 05/08/2026 (day first)."),
    Column("post_end", OPTIONAL, "2027-08-03", "A date on or after post_start."),
    Column(
        "competencies",
        OPTIONAL,
        "airway;als",
        f"Competency codes separated by '{COMPETENCY_SEPARATOR}'.",
    ),
)
DOCTOR_COLUMNS = ColumnSet(COLUMNS)
COLUMN_NAMES: tuple[str, ...] = DOCTOR_COLUMNS.names
REQUIRED_COLUMNS: tuple[str, ...] = DOCTOR_COLUMNS.required


def expected_columns_text() -> str:
    return DOCTOR_COLUMNS.expected_text()
