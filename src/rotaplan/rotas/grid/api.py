"""``GET /api/rotas/{id}``: a rota with all its assignments, the grid's data for a script."""

from __future__ import annotations

from datetime import date

from ninja import Router, Schema, Status

from rotaplan.api.errors import ErrorOut
from rotaplan.people.access import AuthenticatedHttpRequest

from ..models import Assignment, Rota, RotaStatus
from ..schemas import AssignmentOut
from ..selectors import visible_rota

router = Router(tags=["rotas"])


class RotaOut(Schema):
    id: int
    name: str
    department_id: int
    period_start: date
    period_end: date
    status: RotaStatus
    version: int
    assignments: list[AssignmentOut]

    @staticmethod
    def resolve_assignments(rota: Rota) -> list[Assignment]:
        return list(rota.assignments.select_related("shift_type").order_by("start", "doctor_id"))


@router.get(
    "/{int:rota_id}",
    response={200: RotaOut, 404: ErrorOut},
    # As before the rotas endpoints moved into their areas, so clients keep their names.
    operation_id="rotaplan_rotas_api_get_rota",
    summary="A rota with all its assignments",
)
def get_rota(request: AuthenticatedHttpRequest, rota_id: int) -> Status[Rota] | Status[ErrorOut]:
    rota = visible_rota(request.user, rota_id)
    if rota is None:
        return Status(404, ErrorOut(detail="No rota you may see has this id"))
    return Status(200, rota)
