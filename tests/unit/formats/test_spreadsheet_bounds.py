"""Reading a spreadsheet is bounded before the work: each hostile file is refused with a
message that says what to do, honest files still read, and a refusal holds little memory.
(No assertion on time: ADR 0017; benchmarks/hostile_spreadsheets.py measures it.)"""

from __future__ import annotations

import csv
import io
import tracemalloc
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

import openpyxl
import pytest
from defusedxml import EntitiesForbidden
from openpyxl import Workbook, load_workbook

from rotaplan.engine.formats import spreadsheet, workbook_package, workbook_scan
from rotaplan.engine.formats.spreadsheet import RawTable, UnreadableFile, read_table
from tests import workbooks

EXAMPLE = Path(__file__).parents[3] / "docs" / "examples" / "incoming-doctors.csv"


@cache
def built(make: Callable[[], bytes]) -> bytes:
    """Each large hostile file is built once for the whole module."""
    return make()


def refusal(data: bytes, name: str = "doctors.xlsx") -> str:
    with pytest.raises(UnreadableFile) as refused:
        read_table(name, data)
    return refused.value.message


def xlsx(*rows: list[object], more_sheets: dict[str, list[list[object]]] | None = None) -> bytes:
    """A workbook as openpyxl writes it, which is as Excel lays one out."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Doctors"
    for row in rows:
        sheet.append(row)
    for title, sheet_rows in (more_sheets or {}).items():
        other = book.create_sheet(title)
        for row in sheet_rows:
            other.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- the three files of issue 16 ---------------------------------------------------------


def test_a_sheet_declaring_every_cell_of_excel_is_refused_before_reading():
    assert refusal(built(workbooks.declared_dimension)) == (
        "The sheet 'Doctors' says it uses cells A1:XFD1048576, rows 1 to 1,048,576; an import "
        "reads up to 20,000 rows. In Excel, delete the empty rows and columns after your "
        "data, or copy the data into a new workbook, and save it again."
    )


def test_a_row_of_two_million_cells_is_refused_at_its_first_value_after_column_z():
    assert refusal(built(workbooks.wide_row)) == (
        "Cell AA1 of the sheet 'Doctors' holds a value, but an import reads columns A to Z "
        "only. Delete the columns after Z, or move what you are importing into columns A to Z."
    )


def test_a_shared_strings_bomb_is_refused_before_openpyxl_loads_the_strings():
    assert refusal(built(workbooks.shared_strings_bomb)) == (
        "The workbook holds more than 100,000 different texts; an import reads up to 100,000. "
        "Copy the rows and columns you are importing into a new workbook, or save the sheet "
        "as 'CSV UTF-8 (Comma delimited)'."
    )


@pytest.mark.parametrize(
    "make", [workbooks.declared_dimension, workbooks.wide_row, workbooks.shared_strings_bomb]
)
def test_refusing_a_hostile_file_holds_a_few_megabytes_not_gigabytes(make):
    data = built(make)
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableFile):
            read_table("hostile.xlsx", data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024  # before the bounds: 0.8 to 2.6 GB


# --- the zip package ---------------------------------------------------------------------


def test_a_zip_bomb_is_refused_by_how_tightly_it_is_packed():
    assert refusal(workbooks.zip_bomb()).startswith(
        "Part of the workbook unpacks to 1,028 times the space it takes in the file; Excel's "
        "workbooks unpack to at most about 100 times, so this one was not read."
    )


def test_parts_that_unpack_to_more_than_64_mb_together_are_refused():
    padding = {f"xl/padding{n}.xml": b" " * 1024 * 1024 for n in range(70)}
    data = workbooks.workbook(workbooks.text_row(1, ["gmc_number"]), more_parts=padding)
    assert refusal(data).startswith(
        "The workbook unpacks to 70.0 MB; an import unpacks workbooks of up to 64.0 MB."
    )


def test_a_package_of_more_than_a_thousand_parts_is_refused():
    parts = {f"xl/media/image{n}.png": b"" for n in range(1_000)}
    data = workbooks.workbook(workbooks.text_row(1, ["gmc_number"]), more_parts=parts)
    assert refusal(data).startswith(
        "The workbook is made of 1,005 files packed together; Excel writes a few dozen, and an "
        "import opens workbooks of up to 1,000."
    )


def test_a_part_holding_more_than_it_declares_is_refused_as_damaged():
    data = workbooks.workbook(workbooks.doctor_rows(3))
    lying = workbooks.declaring(data, "xl/worksheets/sheet1.xml", 200)
    assert refusal(lying) == (
        "The file could not be opened as an Excel workbook (.xlsx). Open it in Excel and save "
        "it again, or save it as 'CSV UTF-8 (Comma delimited)'."
    )


def test_an_index_part_larger_than_excel_writes_is_refused(monkeypatch):
    monkeypatch.setattr(workbook_package, "MAX_INDEX_PART_BYTES", 100)
    assert refusal(workbooks.workbook(workbooks.doctor_rows(1))).startswith(
        "The workbook's list of its parts unpacks to 0.0 MB, far more than Excel writes"
    )


# --- the XML: defusedxml, and the budget of a read ---------------------------------------


def test_an_entity_expansion_workbook_is_refused():
    assert refusal(workbooks.entity_expansion()) == (
        "The workbook holds XML entity or document type declarations, which Excel never "
        "writes, so it was not read. Open it in Excel and save it again, or save it as "
        "'CSV UTF-8 (Comma delimited)'."
    )


def test_openpyxl_itself_parses_with_defusedxml():
    """The dependency the bounds rely on beneath the scan: with defusedxml installed,
    openpyxl refuses entity declarations on its own."""
    assert openpyxl.DEFUSEDXML
    with pytest.raises(ValueError, match="Unable to read workbook") as refused:
        load_workbook(io.BytesIO(workbooks.entity_expansion()), read_only=True)
    assert isinstance(refused.value.__cause__, EntitiesForbidden)


def test_more_elements_than_the_work_budget_are_refused(monkeypatch):
    monkeypatch.setattr(workbook_scan, "MAX_XML_ELEMENTS", 50)
    assert refusal(workbooks.workbook(workbooks.doctor_rows(10))).startswith(
        "The workbook holds more than an import reads: over 50 cells, rows, texts and other items."
    )


def test_a_text_longer_than_excel_keeps_in_a_cell_is_refused():
    data = workbooks.workbook(workbooks.text_row(1, ["gmc_number", "x" * 32_768]))
    assert refusal(data).startswith(
        "The workbook holds a text of more than 32,767 characters, more than Excel keeps in a "
        "cell, so it was not read."
    )


def test_more_cells_than_excel_allows_in_a_row_are_refused():
    assert refusal(workbooks.empty_wide_row()).startswith(
        "Row 1 of the sheet 'Doctors' has more than 16,384 cells, more than Excel allows in a "
        "row, so the workbook was not read."
    )


def test_more_cells_than_an_import_reads_are_refused(monkeypatch):
    monkeypatch.setattr(workbook_scan, "MAX_CELLS", 20)
    assert refusal(workbooks.workbook(workbooks.doctor_rows(3))).startswith(
        "The workbook has more than 20 cells (counting empty cells that are formatted); an "
        "import reads up to 20."
    )


def test_a_declared_count_of_shared_strings_is_refused_before_they_are_counted():
    strings = f'<sst xmlns="{workbooks.MAIN}" uniqueCount="5000000"><si><t>7012345</t></si></sst>'
    data = workbooks.workbook(
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared_strings=strings
    )
    assert refusal(data).startswith("The workbook holds more than 100,000 different texts")


def test_shared_strings_of_more_characters_than_an_import_reads_are_refused(monkeypatch):
    monkeypatch.setattr(workbook_scan, "MAX_SHARED_CHARS", 10)
    strings = f'<sst xmlns="{workbooks.MAIN}"><si><t>Okafor-Adeyemi</t></si></sst>'
    data = workbooks.workbook(
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared_strings=strings
    )
    assert refusal(data).startswith("The workbook holds more than 10 characters of text")


# --- the sheet an import reads -----------------------------------------------------------


def test_a_row_far_down_the_sheet_is_refused_not_padded_to():
    assert refusal(workbooks.far_row()) == (
        "The sheet 'Doctors' uses row 1,048,576; an import reads rows 1 to 20,000. Delete the "
        "rows after your data, or split the file into smaller ones."
    )


def test_more_rows_than_an_import_reads_are_refused_even_when_numbered_alike():
    rows = "".join('<row r="2"><c r="A2"><v>1</v></c></row>' for _ in range(20_000))
    assert refusal(workbooks.workbook(workbooks.text_row(1, ["gmc_number"]) + rows)).startswith(
        "The sheet 'Doctors' has more than 20,000 rows, counting empty rows that are formatted"
    )


def test_a_value_after_column_z_is_refused_naming_its_cell():
    data = xlsx(["gmc_number", "first_name"], ["7012345", "Amara", *[None] * 25, "note"])
    assert refusal(data).startswith("Cell AB2 of the sheet 'Doctors' holds a value")


def test_formatted_empty_cells_after_column_z_are_left_unread():
    cells = '<c r="A1" t="inlineStr"><is><t>gmc_number</t></is></c><c r="AZ1" s="1"/>'
    table = read_table("doctors.xlsx", workbooks.workbook(f'<row r="1">{cells}</row>'))
    assert table.headings == ("gmc_number",)


def test_a_wide_declared_size_within_the_rows_read_is_no_reason_to_refuse():
    data = workbooks.workbook(workbooks.doctor_rows(2), dimension="A1:XFD3")
    assert len(read_table("doctors.xlsx", data).rows) == 2


def test_only_the_first_sheet_is_held_to_the_columns_an_import_reads():
    notes = [["note", *[None] * 30, "far to the right"]]
    data = xlsx(["gmc_number", "first_name"], ["7012345", "Amara"], more_sheets={"Notes": notes})
    table = read_table("doctors.xlsx", data)
    assert table.headings == ("gmc_number", "first_name")
    assert [row.cells for row in table.rows] == [("7012345", "Amara")]


def test_a_cell_longer_than_an_import_reads_is_refused_naming_it():
    data = xlsx(["gmc_number", "first_name"], ["7012345", "A" * 1_001])
    assert refusal(data) == (
        "Cell B2 holds 1,001 characters; an import reads up to 1,000 in a cell. Shorten it, "
        "or check that the file's columns are the import's."
    )


# --- honest files still read -------------------------------------------------------------


def test_the_example_file_reads_the_same_as_csv_and_as_a_workbook():
    from_csv = read_table(EXAMPLE.name, EXAMPLE.read_bytes())
    records = list(csv.reader(io.StringIO(EXAMPLE.read_text(encoding="utf-8-sig"))))
    from_xlsx = read_table("incoming-doctors.xlsx", xlsx(*records))
    assert len(from_csv.rows) == 10
    assert from_xlsx == from_csv


def test_a_workbook_of_the_most_rows_an_import_takes_is_read():
    rows = [[f"{7_000_000 + n}", "Amara", date(2026, 8, 5)] for n in range(5_000)]
    table = read_table("doctors.xlsx", xlsx(["gmc_number", "first_name", "post_start"], *rows))
    assert (len(table.rows), table.too_many_rows) == (5_000, False)
    assert table.rows[-1].cells == ("7004999", "Amara", date(2026, 8, 5))


def test_one_row_more_than_an_import_takes_is_reported_not_refused():
    rows = [[f"{7_000_000 + n}"] for n in range(5_001)]
    table = read_table("doctors.xlsx", xlsx(["gmc_number"], *rows))
    assert (len(table.rows), table.too_many_rows) == (5_000, True)


def test_a_part_that_is_not_well_formed_xml_is_left_to_openpyxl():
    """Excel writes its comments' VML drawings with unclosed tags; openpyxl never reads them
    in read-only mode, so they are no reason to refuse."""
    drawing = b'<xml xmlns:v="urn:schemas-microsoft-com:vml"><v:shape><br></v:shape></xml>'
    data = workbooks.workbook(
        workbooks.doctor_rows(1), more_parts={"xl/drawings/vmlDrawing1.vml": drawing}
    )
    assert len(read_table("doctors.xlsx", data).rows) == 1


def test_a_sheet_that_is_not_well_formed_is_refused_by_openpyxl():
    data = workbooks.workbook(workbooks.doctor_rows(1) + "<row>")
    assert refusal(data).startswith("The file could not be opened as an Excel workbook")


def test_a_workbook_whose_sheet_is_missing_reads_as_empty():
    parts = workbooks.parts(workbooks.workbook(workbooks.doctor_rows(1)))
    del parts["xl/worksheets/sheet1.xml"]
    assert read_table("doctors.xlsx", workbooks.package(parts)) == RawTable((), ())


# --- CSV ---------------------------------------------------------------------------------


def test_a_csv_line_of_millions_of_commas_is_refused_before_it_is_split():
    data = b"gmc_number,first_name\r\n7012345," + b"," * 5_000_000 + b"\r\n"
    assert refusal(data, "doctors.csv") == (
        "Line 2 of the file is longer than 65,536 characters; an import reads up to 26 columns "
        "of up to 1,000 characters each. Save only the columns the import needs."
    )


def test_a_long_csv_line_after_a_lone_carriage_return_is_found_too():
    data = b"gmc_number,first_name\r\n7012345,Amara\r" + b"," * 70_000 + b"\n"
    assert refusal(data, "doctors.csv").startswith("Line 2 of the file is longer than 65,536")


def test_a_csv_cell_longer_than_the_csv_module_reads_is_refused_in_plain_words():
    data = b'gmc_number,first_name\r\n7012345,"' + b"Amara\n" * 30_000 + b'"\r\n'
    assert refusal(data, "doctors.csv") == (
        "The row that starts on line 2 holds a cell longer than 131,072 characters; an import "
        "reads up to 1,000 characters in a cell. Check that its quotes are closed."
    )


def test_a_csv_value_after_column_z_is_refused_and_trailing_empty_cells_are_not():
    trailing = b"gmc_number,first_name" + b"," * 40 + b"\r\n7012345,Amara" + b"," * 40 + b"\r\n"
    assert read_table("doctors.csv", trailing).rows[0].cells == ("7012345", "Amara")
    beyond = b"gmc_number,first_name\r\n7012345,Amara" + b"," * 30 + b"note\r\n"
    assert refusal(beyond, "doctors.csv").startswith("Cell AF2 holds a value, but an import")


def test_a_csv_of_empty_lines_is_refused_at_the_line_limit():
    data = b"gmc_number,first_name\r\n" + b"\r\n" * 1_000_000
    assert refusal(data, "doctors.csv") == (
        "The file has more than 20,000 rows, counting empty ones; an import reads up to 5,000 "
        "rows below the headings. Delete the empty rows after your data, or split the file "
        "into smaller ones."
    )


def test_the_line_limit_follows_the_row_limit(monkeypatch):
    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 2)
    data = b"gmc_number\r\n7012345\r\n\r\n\r\n\r\n\r\n\r\n\r\n7012346\r\n"
    assert refusal(data, "doctors.csv").startswith("The file has more than 8 rows")
