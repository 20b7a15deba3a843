"""Reads of leave that other areas build on: approved leave and absence as the days a
doctor cannot work, for the rota generator and for the days a fixed rota line skips."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from rotaplan.engine.solver.problem import Reason, Unavailable

from .models import LeaveRecord, LeaveStatus, LeaveType

# Leave the solver may weigh as leave; any other absence (sickness...) is "other".
LEAVE_TYPES = frozenset({LeaveType.ANNUAL, LeaveType.STUDY, LeaveType.PARENTAL})


def days_of(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def unavailable_days(doctor_ids: list[int], start: date, end: date) -> dict[int, list[Unavailable]]:
    """Approved leave: annual, study and parental leave as leave, any other absence as
    other. One entry a day, leave first where two records overlap."""
    found: dict[int, dict[date, Unavailable]] = defaultdict(dict)
    records = LeaveRecord.objects.filter(
        doctor_id__in=doctor_ids, status=LeaveStatus.APPROVED, start__lte=end, end__gte=start
    ).order_by("start")
    for record in records:
        reason = Reason.LEAVE if record.leave_type in LEAVE_TYPES else Reason.OTHER
        for day in days_of(max(record.start, start), min(record.end, end)):
            held = found[record.doctor_id].get(day)
            if held is None or held.reason == Reason.OTHER:
                found[record.doctor_id][day] = Unavailable(day, reason)
    return defaultdict(list, {pk: list(days.values()) for pk, days in found.items()})
