"""Reading the files people give Rotaplan, and writing back the documents it gives them.

Tables kept in spreadsheets, for every import: ``spreadsheet`` turns a CSV or XLSX file's
bytes into a ``RawTable`` of cells with the line numbers Excel shows, within bounds checked
before the work (ADR 0021): ``workbook_package`` opens a workbook's zip only when what it
unpacks to is bounded and finds the sheet an import reads, ``workbook_scan`` streams every
XML part through defusedxml before openpyxl reads any, and ``unreadable`` holds the error
all three raise; ``columns`` checks a
table's headings and shape against the columns an import expects; ``cell_values`` parses
one cell (a date, a time, a GMC number); ``rows`` reads a row's cells, gathering a
``Problem`` for each that will not parse. An import (doctors, shifts) adds only its own
columns and the rules that need what the database knows.

JSON documents: ``json_bounds`` finds what ``json.loads`` must not be given (nesting
past 32 levels, numbers too long or not finite, half characters) before it runs;
``json_reading`` holds the checks every hand-written document needs,
``london_time`` its dates and times, ``rota_fields`` what both rota documents share; then
one reader and one writer per document: ``exchange_reader`` / ``exchange_writer`` (a rota,
docs/exchange-format.md), ``problem_reader`` / ``problem_writer`` (a rota problem,
docs/rota-problem.md), and ``compliance_report`` for a report on a rota.
"""
