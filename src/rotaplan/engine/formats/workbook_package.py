"""An Excel workbook's zip package, opened only when what it would unpack is bounded, and
the sheets it lists, found as openpyxl finds them.

An .xlsx file is a zip of XML parts, and a zip says how large each part unpacks to: a file
of a few kilobytes can unpack to gigabytes. So before any part is read, ``open_package``
checks how many parts there are, how large each says it unpacks to, their total, and how
tightly each is packed. The declared sizes bound the real ones: zipfile never unpacks more
of a part than its entry declares, and a part whose data runs on past that fails its
checksum and is refused as damaged.

``workbook_sheets`` then reads the package's three small index parts (the content types,
the workbook, the workbook's relationships) to name each worksheet and find the one an
import reads, the first, exactly as openpyxl's ``load_workbook(...).worksheets[0]`` does;
``workbook_scan`` holds that sheet to the import's rows and columns.
"""

from __future__ import annotations

import io
import posixpath
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError
from zipfile import ZipFile, ZipInfo

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from openpyxl.xml.constants import (
    CONTYPES_NS,
    PKG_REL_NS,
    REL_NS,
    SHARED_STRINGS,
    SHEET_MAIN_NS,
    XLSM,
    XLSX,
    XLTM,
    XLTX,
)

from .unreadable import NOT_A_WORKBOOK, SAVE_AGAIN, UnreadableFile

# A workbook saved by Excel holds a dozen parts, a few more per sheet, chart or picture.
MAX_PARTS = 1_000
# Everything a workbook's parts unpack to, together. The largest file an import takes
# (5,000 rows of 26 columns) unpacks to a few megabytes.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
# Excel's XML packs to between a fifth and a fiftieth of its size; a part that unpacks to
# more than 100 times what it takes in the file was built to do so. Parts under 1 MB are
# left alone: they cannot hurt, and a small empty sheet packs tightly.
MAX_PACKING = 100
PACKING_CHECKED_FROM_BYTES = 1024 * 1024
# The content types, the workbook and its relationships list parts and sheets: a few
# kilobytes, even for a workbook of a hundred sheets.
MAX_INDEX_PART_BYTES = 1024 * 1024

_CONTENT_TYPES = "[Content_Types].xml"
# The order openpyxl tries them in.
_WORKBOOK_TYPES = (XLTM, XLTX, XLSM, XLSX)
_DEFAULT_WORKBOOK = "xl/workbook.xml"
_OVERRIDE = f"{{{CONTYPES_NS}}}Override"
_DEFAULT = f"{{{CONTYPES_NS}}}Default"
_RELATIONSHIP = f"{{{PKG_REL_NS}}}Relationship"
_SHEET = f"{{{SHEET_MAIN_NS}}}sheet"
_RELATIONSHIP_ID = f"{{{REL_NS}}}id"

DECLARATIONS_REFUSED = (
    "The workbook holds XML entity or document type declarations, which Excel never "
    f"writes, so it was not read. {SAVE_AGAIN}"
)


@dataclass(frozen=True)
class Sheet:
    name: str  # as on the sheet's tab
    part: str  # where its XML is in the package


@dataclass(frozen=True)
class WorkbookSheets:
    """The workbook's worksheets in tab order (chart sheets left out, as openpyxl leaves
    them out of ``worksheets``) and where its shared strings are, if it has any."""

    worksheets: tuple[Sheet, ...]
    shared_strings: str | None

    @property
    def first(self) -> Sheet | None:
        return self.worksheets[0] if self.worksheets else None

    def sheet_at(self, part: str) -> Sheet | None:
        return next((sheet for sheet in self.worksheets if sheet.part == part), None)


def open_package(data: bytes) -> ZipFile:
    """The workbook's zip, once its parts are few enough and unpack to little enough."""
    try:
        package = ZipFile(io.BytesIO(data))
    except Exception as error:  # zipfile raises many kinds for a damaged or foreign file
        raise UnreadableFile(NOT_A_WORKBOOK) from error
    try:
        _check_parts(package.infolist())
    except UnreadableFile:
        package.close()
        raise
    return package


def _check_parts(parts: list[ZipInfo]) -> None:
    if len(parts) > MAX_PARTS:
        raise UnreadableFile(
            f"The workbook is made of {len(parts):,} files packed together; Excel writes a "
            f"few dozen, and an import opens workbooks of up to {MAX_PARTS:,}. {SAVE_AGAIN}"
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFile(
            f"The workbook unpacks to {_megabytes(unpacked)}; an import unpacks workbooks of "
            f"up to {_megabytes(MAX_UNPACKED_BYTES)}. Copy the sheet you are importing into "
            "a new workbook, or save it as 'CSV UTF-8 (Comma delimited)'."
        )
    for part in parts:
        packing = part.file_size / max(part.compress_size, 1)
        if part.file_size > PACKING_CHECKED_FROM_BYTES and packing > MAX_PACKING:
            raise UnreadableFile(
                f"Part of the workbook unpacks to {packing:,.0f} times the space it takes in "
                f"the file; Excel's workbooks unpack to at most about {MAX_PACKING} times, "
                f"so this one was not read. {SAVE_AGAIN}"
            )


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.1f} MB"


def workbook_sheets(package: ZipFile) -> WorkbookSheets:
    """The worksheets the workbook lists, found as openpyxl's ``ExcelReader`` finds them:
    the workbook part from the content types, each sheet's part from the workbook's
    relationships, leaving out chart sheets and parts the package does not hold."""
    content_types = _index_part(package, _CONTENT_TYPES)
    if content_types is None:
        raise UnreadableFile(NOT_A_WORKBOOK)
    workbook_part = _workbook_part(content_types)
    workbook = _index_part(package, workbook_part)
    relationships = _index_part(package, _relationships_part(workbook_part))
    if workbook is None or relationships is None:
        raise UnreadableFile(NOT_A_WORKBOOK)
    targets = _targets(relationships, _relationships_part(workbook_part))
    held = set(package.namelist())
    worksheets: list[Sheet] = []
    for sheet in workbook.iter(_SHEET):
        relationship = sheet.get(_RELATIONSHIP_ID)
        if not relationship:
            continue
        if relationship not in targets:
            raise UnreadableFile(NOT_A_WORKBOOK)
        kind, part = targets[relationship]
        if part in held and "chartsheet" not in kind:
            worksheets.append(Sheet(sheet.get("name", ""), part))
    return WorkbookSheets(tuple(worksheets), _overridden_part(content_types, SHARED_STRINGS))


def _workbook_part(content_types: Element) -> str:
    for content_type in _WORKBOOK_TYPES:
        if (part := _overridden_part(content_types, content_type)) is not None:
            return part
    defaults = {default.get("ContentType") for default in content_types.iter(_DEFAULT)}
    if defaults.intersection(_WORKBOOK_TYPES):
        return _DEFAULT_WORKBOOK
    raise UnreadableFile(NOT_A_WORKBOOK)


def _overridden_part(content_types: Element, content_type: str) -> str | None:
    """The first part the content types give this type, named as openpyxl names it (the
    part name less its leading slash)."""
    for override in content_types.iter(_OVERRIDE):
        if override.get("ContentType") == content_type:
            return override.get("PartName", "")[1:]
    return None


def _relationships_part(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _targets(relationships: Element, path: str) -> dict[str, tuple[str, str]]:
    """Each relationship's type and the part it points to, relative paths resolved from
    the folder above ``_rels`` as openpyxl's ``get_dependents`` resolves them."""
    parent = posixpath.split(posixpath.dirname(path))[0]
    targets: dict[str, tuple[str, str]] = {}
    for relationship in relationships.iter(_RELATIONSHIP):
        target = relationship.get("Target", "")
        if relationship.get("TargetMode") == "External":
            pass
        elif target.startswith("/"):
            target = target[1:]
        else:
            target = posixpath.normpath(posixpath.join(parent, target))
        targets[relationship.get("Id", "")] = (relationship.get("Type", ""), target)
    return targets


def _index_part(package: ZipFile, name: str) -> Element | None:
    """One of the small parts that list the others, parsed whole once it is known to be
    small, with no entity or document type declaration allowed."""
    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_INDEX_PART_BYTES:
        raise UnreadableFile(
            f"The workbook's list of its parts unpacks to {_megabytes(info.file_size)}, far "
            f"more than Excel writes, so it was not read. {SAVE_AGAIN}"
        )
    try:
        text = package.read(info)
    except Exception as error:  # a damaged part: zipfile raises many kinds
        raise UnreadableFile(NOT_A_WORKBOOK) from error
    try:
        element: Element = fromstring(text, forbid_dtd=True)
    except DefusedXmlException as error:
        raise UnreadableFile(DECLARATIONS_REFUSED) from error
    except ParseError as error:
        raise UnreadableFile(NOT_A_WORKBOOK) from error
    return element
