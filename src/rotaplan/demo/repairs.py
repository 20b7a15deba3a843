"""The demo's repair: the rota generator asked, from the first gap the sickness left,
for the fewest changes that cover it, so the gap's page links to a repair with its
proposal to read and apply. Found at once (deterministic, a short search) rather than by
the background worker, so the demo is the same every build; not applied, so the rota
stays as the gaps left it."""

from __future__ import annotations

from rotaplan.cover.models import UNFILLED, Gap, GapCause, RepairRun
from rotaplan.cover.repair.services import execute_repair, repair_request
from rotaplan.organisation.models import Department
from rotaplan.people.models import User

DEMO_SECONDS = 3


def create_repair(department: Department, coordinator: User | None) -> RepairRun | None:
    if coordinator is None:
        return None
    gap = (
        Gap.objects.filter(department=department, cause=GapCause.SICKNESS, status__in=UNFILLED)
        .order_by("date", "pk")
        .first()
    )
    if gap is None:
        return None
    run = repair_request(actor=coordinator, gap=gap)
    RepairRun.objects.filter(pk=run.pk).update(time_limit=DEMO_SECONDS)
    execute_repair(run.pk, deterministic=True)
    run.refresh_from_db()
    return run
