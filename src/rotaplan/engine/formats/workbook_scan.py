"""Every XML part of a workbook streamed once, before openpyxl reads any of it, and refused
at the first thing past a bound.

openpyxl trusts a workbook. In read-only mode it pads every row to the width the sheet
declares (``<dimension ref="A1:XFD1048576"/>`` is 16,384 columns), builds each row whole
before handing it over (a row of two million cells took 2.6 GB), and loads every shared
string before the first row is read (a 903 KB file held millions). So ``scan_workbook``
first streams each part that reads as XML through defusedxml's parser into counters,
building nothing, and stops at the first of:

- a document type or entity declaration (Excel writes none; entity expansion is how a
  few hundred bytes of XML become gigabytes);
- more XML elements in the whole package than ``MAX_XML_ELEMENTS``, or more bytes
  unpacked than the package declared: the work budget of a read, counted rather than
  timed, so the same file is refused the same way on a busy machine as on an idle one;
- a piece of text longer than Excel allows in a cell;
- more cells in the workbook than ``MAX_CELLS``, or in one row than Excel allows;
- more shared strings, or characters in them, than an import could need;
- in the sheet an import reads: a declared size, a row number or a number of rows past
  the rows an import reads, and a value in a column after the last it reads (openpyxl is
  then asked for those columns only, so a value there would be lost without a word).

Once the scan has passed, everything openpyxl will parse is known to be small, and the
memory a read takes is bounded by these counts, not by what a file claims.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError
from zipfile import ZipFile, ZipInfo

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from openpyxl.utils.cell import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.xml.constants import SHEET_MAIN_NS

from .unreadable import NOT_A_WORKBOOK, SAVE_AGAIN, UnreadableFile
from .workbook_package import (
    DECLARATIONS_REFUSED,
    MAX_UNPACKED_BYTES,
    Sheet,
    WorkbookSheets,
)

# Every start tag in every part counts one. An import's largest file (5,000 rows of 26
# columns, each cell a value and its text) is under 300,000.
MAX_XML_ELEMENTS = 1_000_000
# Excel's own limit on the text of a cell.
MAX_TEXT_CHARS = 32_767
# Cells (empty ones that are formatted included) in all the workbook's sheets: room for
# 5,000 rows of 26 columns, and some more.
MAX_CELLS = 150_000
# Excel's own limit: columns A to XFD.
MAX_ROW_CELLS = 16_384
# Shared strings are the workbook's texts, each kept once: no more than its cells.
MAX_SHARED_STRINGS = 100_000
MAX_SHARED_CHARS = 10_000_000

_CHUNK_BYTES = 64 * 1024
_CELL = f"{{{SHEET_MAIN_NS}}}c"
_ROW = f"{{{SHEET_MAIN_NS}}}row"
_DIMENSION = f"{{{SHEET_MAIN_NS}}}dimension"
_SHARED_STRINGS = f"{{{SHEET_MAIN_NS}}}sst"
_SHARED_STRING = f"{{{SHEET_MAIN_NS}}}si"
_XML_OPENINGS = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

SHEET_UNREADABLE = f"The workbook's first sheet could not be read. {SAVE_AGAIN}"
_COPY_THE_SHEET = (
    "Copy the rows and columns you are importing into a new workbook, or save the sheet as "
    "'CSV UTF-8 (Comma delimited)'."
)


@dataclass(frozen=True)
class SheetBounds:
    """What an import reads of its sheet: rows 1 to ``rows``, columns 1 to ``columns``."""

    rows: int
    columns: int


@dataclass
class _Budget:
    """What the parts scanned so far have used of the workbook's budget."""

    elements: int = 0
    unpacked: int = 0
    cells: int = 0
    shared_strings: int = 0
    shared_chars: int = 0


def scan_workbook(package: ZipFile, sheets: WorkbookSheets, bounds: SheetBounds) -> None:
    """Refuse the workbook, with ``UnreadableFile``, at the first part past a bound."""
    budget = _Budget()
    for info in package.infolist():
        sheet = sheets.sheet_at(info.filename)
        read = bounds if sheet is not None and sheet == sheets.first else None
        _scan_part(package, info, _PartScan(budget, sheet, read))


def _scan_part(package: ZipFile, info: ZipInfo, scan: _PartScan) -> None:
    parser = DefusedXMLParser(target=scan, forbid_dtd=True)
    try:
        with package.open(info) as part:
            chunk = part.read(_CHUNK_BYTES)
            if not chunk.lstrip(b" \t\r\n").startswith(_XML_OPENINGS):
                return  # a picture or other binary part: never parsed as XML
            while chunk:
                scan.unpacked(len(chunk))
                parser.feed(chunk)
                chunk = part.read(_CHUNK_BYTES)
        parser.close()
    except UnreadableFile:
        raise
    except DefusedXmlException as error:
        raise UnreadableFile(DECLARATIONS_REFUSED) from error
    except ParseError:
        # Not well-formed from here on (Excel's own VML drawings are not), so nothing after
        # this point can be parsed: openpyxl refuses the part if it reads it at all.
        return
    except Exception as error:  # a damaged part: zipfile and zlib raise many kinds
        raise UnreadableFile(NOT_A_WORKBOOK) from error


class _PartScan:
    """The parser's target for one part: it counts what the parser meets and keeps none of
    it. ``bounds`` is given for the sheet an import reads, whose rows and columns are held
    to them; every sheet's cells count against the workbook's."""

    def __init__(self, budget: _Budget, sheet: Sheet | None, bounds: SheetBounds | None):
        self.budget = budget
        self.sheet = f"the sheet '{sheet.name}'" if sheet is not None else "a sheet"
        self.bounds = bounds
        self.text_chars = 0  # of the text since the last tag
        self.in_shared_strings = False
        self.rows = 0
        self.row = 0  # the row number, as openpyxl counts it
        self.row_cells = 0
        self.column = 0
        self.value_out_of_bounds = False  # in a cell after the last column read

    def unpacked(self, size: int) -> None:
        self.budget.unpacked += size
        if self.budget.unpacked > MAX_UNPACKED_BYTES:
            raise UnreadableFile(NOT_A_WORKBOOK)  # a part unpacked to more than it declared

    def start(self, tag: str, attrib: Mapping[str, str]) -> None:
        self.budget.elements += 1
        if self.budget.elements > MAX_XML_ELEMENTS:
            raise UnreadableFile(
                f"The workbook holds more than an import reads: over {MAX_XML_ELEMENTS:,} "
                f"cells, rows, texts and other items. {_COPY_THE_SHEET}"
            )
        self.text_chars = 0
        if tag == _CELL:
            self._cell(attrib)
        elif tag == _ROW:
            self._row(attrib)
        elif tag == _SHARED_STRING:
            self._shared_string()
        elif tag == _DIMENSION and self.bounds is not None:
            self._dimension(attrib.get("ref", ""), self.bounds)
        elif tag == _SHARED_STRINGS:
            self._declared_shared_strings(attrib.get("uniqueCount", ""))

    def end(self, tag: str) -> None:
        self.text_chars = 0
        if tag == _CELL:
            self.value_out_of_bounds = False

    def data(self, text: str) -> None:
        self.text_chars += len(text)
        if self.text_chars > MAX_TEXT_CHARS:
            raise UnreadableFile(
                f"The workbook holds a text of more than {MAX_TEXT_CHARS:,} characters, more "
                f"than Excel keeps in a cell, so it was not read. {SAVE_AGAIN}"
            )
        if self.in_shared_strings:
            self._shared_chars(len(text))
        if self.value_out_of_bounds and not text.isspace():
            raise UnreadableFile(self._value_out_of_bounds())

    def close(self) -> None:
        """The parser's last call; there is no tree to hand back."""

    def _cell(self, attrib: Mapping[str, str]) -> None:
        self.budget.cells += 1
        self.row_cells += 1
        if self.row_cells > MAX_ROW_CELLS:
            raise UnreadableFile(
                f"Row {self.row:,} of {self.sheet} has more than {MAX_ROW_CELLS:,} cells, "
                f"more than Excel allows in a row, so the workbook was not read. "
                f"{_COPY_THE_SHEET}"
            )
        if self.budget.cells > MAX_CELLS:
            raise UnreadableFile(
                f"The workbook has more than {MAX_CELLS:,} cells (counting empty cells that "
                f"are formatted); an import reads up to {MAX_CELLS:,}. {_COPY_THE_SHEET}"
            )
        if self.bounds is not None:
            self.column = self._column(attrib.get("r"))
            self.value_out_of_bounds = self.column > self.bounds.columns

    def _column(self, reference: str | None) -> int:
        """The cell's column: from its reference (``AB12``), or the one after the last."""
        if not reference:
            return self.column + 1
        try:
            return column_index_from_string(reference.rstrip("0123456789"))
        except ValueError as error:
            raise UnreadableFile(SHEET_UNREADABLE) from error

    def _row(self, attrib: Mapping[str, str]) -> None:
        self.row_cells = 0
        self.column = 0
        self.rows += 1
        self.row = _row_number(attrib.get("r"), self.row)
        if self.bounds is None:
            return
        if self.row > self.bounds.rows:
            raise UnreadableFile(
                f"{_sentence(self.sheet)} uses row {self.row:,}; an import reads rows 1 to "
                f"{self.bounds.rows:,}. Delete the rows after your data, or split the file "
                "into smaller ones."
            )
        if self.rows > self.bounds.rows:
            raise UnreadableFile(
                f"{_sentence(self.sheet)} has more than {self.bounds.rows:,} rows, counting "
                f"empty rows that are formatted; an import reads up to {self.bounds.rows:,}. "
                "Delete the rows after your data, or split the file into smaller ones."
            )

    def _dimension(self, reference: str, bounds: SheetBounds) -> None:
        """The size the sheet declares, which openpyxl would otherwise pad every row to."""
        try:
            _, _, _, last_row = range_boundaries(reference)
        except (TypeError, ValueError) as error:
            raise UnreadableFile(SHEET_UNREADABLE) from error
        if last_row is not None and last_row > bounds.rows:
            raise UnreadableFile(
                f"{_sentence(self.sheet)} says it uses cells {reference}, rows 1 to "
                f"{last_row:,}; an import reads up to {bounds.rows:,} rows. In Excel, delete "
                "the empty rows and columns after your data, or copy the data into a new "
                "workbook, and save it again."
            )

    def _value_out_of_bounds(self) -> str:
        assert self.bounds is not None
        last = get_column_letter(self.bounds.columns)
        return (
            f"Cell {get_column_letter(self.column)}{self.row} of {self.sheet} holds a value, "
            f"but an import reads columns A to {last} only. Delete the columns after {last}, "
            f"or move what you are importing into columns A to {last}."
        )

    def _declared_shared_strings(self, declared: str) -> None:
        self.in_shared_strings = True
        if declared.isdigit() and int(declared) > MAX_SHARED_STRINGS:
            raise UnreadableFile(self._too_many_shared_strings())

    def _shared_string(self) -> None:
        self.budget.shared_strings += 1
        if self.budget.shared_strings > MAX_SHARED_STRINGS:
            raise UnreadableFile(self._too_many_shared_strings())

    def _too_many_shared_strings(self) -> str:
        return (
            f"The workbook holds more than {MAX_SHARED_STRINGS:,} different texts; an import "
            f"reads up to {MAX_SHARED_STRINGS:,}. {_COPY_THE_SHEET}"
        )

    def _shared_chars(self, size: int) -> None:
        self.budget.shared_chars += size
        if self.budget.shared_chars > MAX_SHARED_CHARS:
            raise UnreadableFile(
                f"The workbook holds more than {MAX_SHARED_CHARS:,} characters of text; an "
                f"import reads up to {MAX_SHARED_CHARS:,}. {_COPY_THE_SHEET}"
            )


def _sentence(text: str) -> str:
    """The text opening a sentence; ``str.capitalize`` would lower the sheet's name."""
    return text[:1].upper() + text[1:]


def _row_number(reference: str | None, previous: int) -> int:
    """A row's number as openpyxl reads it: its ``r``, which may be written ``5.0``, or the
    one after the last."""
    if not reference:
        return previous + 1
    try:
        number = float(reference)
    except ValueError as error:
        raise UnreadableFile(SHEET_UNREADABLE) from error
    if not number.is_integer():
        raise UnreadableFile(SHEET_UNREADABLE)
    return int(number)
