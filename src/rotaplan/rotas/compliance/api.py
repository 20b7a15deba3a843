"""``GET /api/rotas/{id}/compliance``: a stored rota's compliance report, in the shape
``POST /api/rules/check`` and ``rotaplan check --format json`` give."""

from __future__ import annotations

from ninja import Router, Status

from rotaplan.api.errors import ErrorOut
from rotaplan.engine.formats.compliance_report import write_report_json
from rotaplan.people.access import AuthenticatedHttpRequest

from ..selectors import visible_rota
from .schemas import ReportOut
from .selectors import rota_compliance

router = Router(tags=["rotas"])


@router.get(
    "/{int:rota_id}/compliance",
    response={200: ReportOut, 404: ErrorOut},
    operation_id="rota_compliance",
    summary="A rota's breaches of the contract rules, and each doctor's figures",
    description="The report of POST /api/rules/check for a stored rota. Doctors are named by "
    "their id; each doctor's shifts on other rotas near the period count too (a night "
    "elsewhere still needs its rest). Rules that need recorded hours (on-call-rest, breaks, "
    "wtr-break) are not judged from a plan.",
)
def get_rota_compliance(
    request: AuthenticatedHttpRequest, rota_id: int
) -> Status[dict[str, object]] | Status[ErrorOut]:
    rota = visible_rota(request.user, rota_id)
    if rota is None:
        return Status(404, ErrorOut(detail="No rota you may see has this id"))
    return Status(200, write_report_json(rota_compliance(rota).report))
