"""``POST /api/rotas/{id}/assignments/import``: a rota's shifts imported by a script,
answering as the doctor import does."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile

from rotaplan.api.errors import ErrorOut, problems_out
from rotaplan.engine.formats.input_problems import Problem
from rotaplan.engine.formats.spreadsheet import UnreadableFile
from rotaplan.imports.uploads import read_upload
from rotaplan.people.access import AuthenticatedHttpRequest

from ..editing.breaches import EditCreatesBreaches, breach_record
from ..refusals import RotaNotDraft
from ..schemas import AssignmentOut, BreachesOut, BreachOut
from ..selectors import editable_rota
from .services import ShiftImportResult, assignments_import

router = Router(tags=["rotas"])

NOT_FOUND = "No rota you may see has this id"
NOT_YOURS = "You may see this rota but not change it"

REASON = Form(
    "",
    description="Why the shifts are imported although they break the rules. Needed only "
    "when they do (the answer is then 409 with the breaches); recorded with them.",
    max_length=2000,
)


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
        409: BreachesOut,
        422: ErrorOut,
    },
    operation_id="assignments_import",
    summary="Import a draft rota's shifts from a CSV or XLSX file",
    description="Columns gmc_number, date, shift, and optionally start and end (UK times). "
    "Every row is checked first; if any has a problem, nothing is imported and each problem "
    "is returned with its line (as Excel numbers rows, headings on line 1), field and value. "
    "A published rota answers 409: shifts are imported only into a draft. Shifts that would "
    "create breaches of the rules are not imported without a `reason`: the answer is 409 with "
    "`breaches` (rule, doctor, start, end, value, limit, message), as for one shift added. "
    "Sent again with a `reason`, they are imported (201) and the reason recorded with the "
    "breaches.",
)
def import_assignments(
    request: AuthenticatedHttpRequest,
    rota_id: int,
    file: File[UploadedFile],
    reason: str = REASON,
) -> Status[ShiftImportResult] | Status[ErrorOut] | Status[BreachesOut]:
    try:
        rota = editable_rota(request.user, rota_id)
    except PermissionDenied:
        return Status(403, ErrorOut(detail=NOT_YOURS))
    if rota is None:
        return Status(404, ErrorOut(detail=NOT_FOUND))
    try:
        table = read_upload(file)
    except UnreadableFile as error:
        problem = Problem(error.message, field="file", value=file.name or "")
        return Status(400, problems_out(error.message, (problem,)))
    try:
        result = assignments_import(
            actor=request.user, rota=rota, table=table, reason=reason, file_name=file.name or ""
        )
    except PermissionDenied:
        return Status(403, ErrorOut(detail=NOT_YOURS))
    except RotaNotDraft as error:
        return Status(409, BreachesOut(detail=error.message))
    except EditCreatesBreaches as breaking:
        count = len(breaking.breaches)
        return Status(
            409,
            BreachesOut(
                detail=f"These shifts would break the rules ({count} "
                f"{'breach' if count == 1 else 'breaches'}); nothing was imported. Send the "
                "file again with a reason to import it anyway.",
                breaches=[BreachOut(**breach_record(b)) for b in breaking.breaches],
            ),
        )
    if not result.ok:
        return Status(422, problems_out(result.summary, result.problems))
    return Status(201, result)
