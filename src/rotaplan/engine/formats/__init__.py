"""Reading and checking tables that people keep in spreadsheets, for every import.

``spreadsheet`` turns a CSV or XLSX file's bytes into a ``RawTable`` of cells with the line
numbers Excel shows; ``columns`` checks a table's headings and shape against the columns an
import expects; ``cells`` parses one cell (a date, a time, a GMC number); ``rows`` reads a
row's cells, gathering a ``Problem`` for each that will not parse. An import (doctors,
shifts) adds only its own columns and the rules that need what the database knows.
"""
