"""Workbooks written by hand, part by part (a zip of XML), so that a test can build what
Excel never would: the hostile files of issue 16, and the bombs a reader must refuse.

``benchmarks/hostile_spreadsheets.py`` times the reading of the same files, so the files
the tests refuse are the files the figures are about. No binary is committed: each is
built in memory, the same bytes every time.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

DOCTOR_HEADINGS = ("gmc_number", "first_name", "last_name", "grade", "department", "post_start")


def workbook(
    sheet_data: str,
    *,
    dimension: str | None = None,
    shared_strings: str | None = None,
    sheet_name: str = "Doctors",
    more_parts: dict[str, bytes] | None = None,
) -> bytes:
    """An .xlsx file of one worksheet holding ``sheet_data`` (its ``<row>`` elements), as
    Excel lays the package out; ``shared_strings`` is the whole ``sst`` part, if any."""
    overrides = {
        "/xl/workbook.xml": f"{_SPREADSHEET}.sheet.main+xml",
        "/xl/worksheets/sheet1.xml": f"{_SPREADSHEET}.worksheet+xml",
    }
    relationships = {"rId1": ("worksheet", "worksheets/sheet1.xml")}
    if shared_strings is not None:
        overrides["/xl/sharedStrings.xml"] = f"{_SPREADSHEET}.sharedStrings+xml"
        relationships["rId2"] = ("sharedStrings", "sharedStrings.xml")
    dimension_element = f'<dimension ref="{dimension}"/>' if dimension else ""
    parts = {
        "[Content_Types].xml": _content_types(overrides),
        "_rels/.rels": _relationships(
            {"rId1": ("officeDocument", "xl/workbook.xml")}, namespace=_RELATIONSHIPS
        ),
        "xl/workbook.xml": (
            f'{_DECLARATION}<workbook xmlns="{MAIN}" xmlns:r="{_RELATIONSHIPS}"><sheets>'
            f'<sheet name={quoteattr(sheet_name)} sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": _relationships(relationships, namespace=_RELATIONSHIPS),
        "xl/worksheets/sheet1.xml": (
            f'{_DECLARATION}<worksheet xmlns="{MAIN}">{dimension_element}'
            f"<sheetData>{sheet_data}</sheetData></worksheet>"
        ),
    }
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = shared_strings
    return package({name: text.encode() for name, text in parts.items()} | (more_parts or {}))


def package(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 7, 0, 0, 0))
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def parts(data: bytes) -> dict[str, bytes]:
    """Each part of a package by name, to build a changed copy with ``package``."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _content_types(overrides: dict[str, str]) -> str:
    defaults = (
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
    )
    listed = "".join(
        f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides.items()
    )
    return f'{_DECLARATION}<Types xmlns="{_CONTENT_TYPES}">{defaults}{listed}</Types>'


def _relationships(targets: dict[str, tuple[str, str]], *, namespace: str) -> str:
    listed = "".join(
        f'<Relationship Id="{key}" Type="{namespace}/{kind}" Target="{target}"/>'
        for key, (kind, target) in targets.items()
    )
    return f'{_DECLARATION}<Relationships xmlns="{_PACKAGE}">{listed}</Relationships>'


def text_row(number: int, texts: Iterable[str]) -> str:
    """A row of inline texts from column A, each cell with its reference, as Excel writes."""
    cells = "".join(
        f'<c r="{_letter(column)}{number}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'
        for column, text in enumerate(texts, start=1)
    )
    return f'<row r="{number}">{cells}</row>'


def _letter(column: int) -> str:
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def doctor_rows(count: int) -> str:
    """The headings and ``count`` doctors, in the doctor import's columns."""
    rows = [text_row(1, DOCTOR_HEADINGS)]
    for line in range(2, count + 2):
        doctor = (str(7_000_000 + line), "Amara", f"Okafor{line}", "FY1", "acute-medicine")
        rows.append(text_row(line, (*doctor, "2026-08-05")))
    return "".join(rows)


# --- the three files the reviewer of issue 16 sent, built again -------------------------


def declared_dimension() -> bytes:
    """About 27 KB: 3,500 GMC numbers down column A of a sheet that says it uses
    A1:XFD1048576, all of Excel's largest sheet, so openpyxl pads each row to 16,384 cells
    (178 s and 783 MB through the import before the bounds)."""
    numbers = "".join(
        f'<row r="{line}"><c r="A{line}"><v>{7_000_000 + line}</v></c></row>'
        for line in range(2, 3_502)
    )
    return workbook(text_row(1, ["gmc_number"]) + numbers, dimension="A1:XFD1048576")


def wide_row() -> bytes:
    """About 500 KB: one row of 2,000,000 cells, each 0 or, one time in four, 1 (the
    reviewer's 481 KB row took 164 s and 2.6 GB before the bounds)."""
    cells = "".join(_drawn(2_000_000, ("<c><v>0</v></c>", "<c><v>1</v></c>"), one_in=4))
    return workbook(f'<row r="1">{cells}</row>')


def shared_strings_bomb() -> bytes:
    """About 903 KB: 3,100,000 shared strings, each "0" or "1", and a sheet using one of
    them (19 s and 1.3 GB before)."""
    strings = "".join(_drawn(3_100_000, ("<si><t>0</t></si>", "<si><t>1</t></si>"), one_in=2))
    return workbook(
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
        shared_strings=f'{_DECLARATION}<sst xmlns="{MAIN}">{strings}</sst>',
    )


def _drawn(count: int, texts: tuple[str, str], *, one_in: int) -> Iterable[str]:
    """``count`` texts, the second one time in ``one_in`` (2 or 4) as seeded draws fall:
    random enough that the zip cannot pack them a thousand to one, the same every time."""
    draw = random.Random(16)
    bits = draw.getrandbits(count)
    if one_in == 4:
        bits &= draw.getrandbits(count)
    return map({"0": texts[0], "1": texts[1]}.__getitem__, format(bits, "b").zfill(count))


# --- other ways to make a small file cost a lot ------------------------------------------


def empty_wide_row(cells: int = 20_000) -> bytes:
    """One row of formatted empty cells: no value after column Z, just more cells than
    Excel allows in a row (and few enough bytes that the zip's packing is not checked)."""
    return workbook('<row r="1">' + '<c s="1"/>' * cells + "</row>")


def entity_expansion() -> bytes:
    """ "Billion laughs": ten entities, each ten of the one before, in the shared strings:
    a few hundred bytes that an XML parser expanding entities turns into gigabytes."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10)
    )
    strings = (
        f'<?xml version="1.0"?><!DOCTYPE sst [{entities}]>'
        f'<sst xmlns="{MAIN}"><si><t>&lol9;</t></si></sst>'
    )
    return workbook('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared_strings=strings)


def zip_bomb() -> bytes:
    """A part of 20 MB of spaces, which packs to about 20 KB: a thousand times smaller."""
    return workbook(text_row(1, DOCTOR_HEADINGS), more_parts={"xl/padding.xml": b" " * 20_000_000})


def far_row(number: int = 1_048_576) -> bytes:
    """The headings, then a doctor on Excel's last row: openpyxl pads every row between."""
    return workbook(
        text_row(1, DOCTOR_HEADINGS) + text_row(number, ("7012345", "Amara", "Okafor", "FY1"))
    )


def declaring(data: bytes, part: str, size: int) -> bytes:
    """The package with ``part``'s entry in the zip's directory changed to say it unpacks
    to ``size`` bytes, as a file built to slip past a check of declared sizes would."""
    start = 0
    while (start := data.index(b"PK\x01\x02", start)) >= 0:
        name_length = struct.unpack_from("<H", data, start + 28)[0]
        if data[start + 46 : start + 46 + name_length] == part.encode():
            return data[: start + 24] + struct.pack("<I", size) + data[start + 28 :]
        start += 4
    raise ValueError(part)
