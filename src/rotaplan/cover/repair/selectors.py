"""Reads of repair runs, scoped as the gap register is: whoever may read a gap may read
the repairs found for it; anyone else finds none, as for a run that does not exist."""

from __future__ import annotations

from rotaplan.people.models import User

from ..models import UNFILLED, Gap, RepairRun
from ..selectors import visible_gap
from .proposal import places_filled


def visible_repair(user: User, run_id: int) -> RepairRun | None:
    run = (
        RepairRun.objects.select_related(
            "department",
            "rota",
            "gap",
            "gap__shift_type",
            "gap__department",
            "requested_by",
            "applied_by",
        )
        .filter(pk=run_id)
        .first()
    )
    if run is None or visible_gap(user, run.gap_id) is None:
        return None
    return run


def gap_repairs(gap: Gap) -> list[RepairRun]:
    """The repairs asked for the gap, newest first."""
    return list(gap.repairs.select_related("requested_by").order_by("-created", "-pk"))


def repair_fills(run: RepairRun) -> list[Gap]:
    """The gaps the repair fills: once applied, those it filled; before, the unfilled gaps
    on the shifts it puts more doctors on, the run's own gap first."""
    related = ("shift_type", "filled_by")
    if run.applied_at is not None:
        ids = run.proposal.get("filled", [])
        return list(Gap.objects.filter(pk__in=ids).select_related(*related).order_by("date", "pk"))
    found: list[Gap] = []
    for (code, day), count in sorted(places_filled(run.proposal).items()):
        gaps = Gap.objects.filter(
            department_id=run.department_id, shift_type__code=code, date=day, status__in=UNFILLED
        ).select_related(*related)
        found += sorted(gaps, key=lambda gap: (gap.pk != run.gap_id, gap.pk))[:count]
    return found
