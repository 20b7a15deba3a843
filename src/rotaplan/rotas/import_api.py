"""``POST /api/rotas/{id}/assignments/import``: a rota's shifts imported by a script,
answering as the doctor import does."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from ninja import Field, File, Router, Schema, Status, UploadedFile

from rotaplan.api_errors import ErrorOut, problems_out
from rotaplan.engine.formats.problems import Problem
from rotaplan.engine.formats.spreadsheet import UnreadableFile
from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.uploads import read_upload

from .api import AssignmentOut
from .selectors import visible_rota
from .shift_import import RotaNotDraft, ShiftImportResult, assignments_import

router = Router(tags=["rotas"])

NOT_FOUND = "No rota you may see has this id"
NOT_YOURS = "You may see this rota but not change it"


class ImportedShiftsOut(Schema):
    imported: int
    version: int = Field(description="The rota's version after the import")
    assignments: list[AssignmentOut]

    @staticmethod
    def resolve_imported(result: ShiftImportResult) -> int:
        return len(result.assignments)


@router.post(
    "/{int:rota_id}/assignments/import",
    response={
        201: ImportedShiftsOut,
        400: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
    operation_id="assignments_import",
    summary="Import a draft rota's shifts from a CSV or XLSX file",
    description="Columns gmc_number, date, shift, and optionally start and end (UK times). "
    "Every row is checked first; if any has a problem, nothing is imported and each problem "
    "is returned with its line (as Excel numbers rows, headings on line 1), field and value. "
    "A published rota answers 409: shifts are imported only into a draft.",
)
def import_assignments(
    request: AuthenticatedHttpRequest, rota_id: int, file: File[UploadedFile]
) -> Status[ShiftImportResult] | Status[ErrorOut]:
    rota = visible_rota(request.user, rota_id)
    if rota is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    if not access.can_edit_department_rotas(request.user, rota.department_id):
        return Status(403, ErrorOut(detail=NOT_YOURS))
    try:
        table = read_upload(file)
    except UnreadableFile as error:
        problem = Problem(error.message, field="file", value=file.name or "")
        return Status(400, problems_out(error.message, (problem,)))
    try:
        result = assignments_import(actor=request.user, rota=rota, table=table)
    except PermissionDenied:
        return Status(403, ErrorOut(detail=NOT_YOURS))
    except RotaNotDraft as error:
        return Status(409, ErrorOut(detail=error.message))
    if not result.ok:
        return Status(422, problems_out(result.summary, result.problems))
    return Status(201, result)
