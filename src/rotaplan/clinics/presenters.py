"""Clinics in words, as the pages, the leave decision page and the notices say them."""

from __future__ import annotations

from datetime import time

from rotaplan.engine.clock import format_day, format_moment, to_london

from .models import (
    Appointment,
    ClinicSession,
    ClinicTemplate,
    RebookingEntry,
    SessionChange,
    SessionStatus,
    TemplateSlot,
)
from .schedule import nhs_number_text

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

STATUS_COLOUR = {
    SessionStatus.PLANNED: "white",
    SessionStatus.CLINICIAN_AWAY: "orange",
    SessionStatus.AWAITING_APPROVAL: "yellow",
    SessionStatus.CANCELLED: "red",
    SessionStatus.REDUCED: "blue",
    SessionStatus.BACKFILLED: "green",
}


def part_of_day(start: time) -> str:
    """Morning, afternoon or evening, as clinics are called."""
    if start.hour < 12:
        return "morning"
    if start.hour < 17:
        return "afternoon"
    return "evening"


def times(start: time, end: time) -> str:
    return f"{start:%H:%M} to {end:%H:%M}"


def session_times(session: ClinicSession) -> str:
    return times(to_london(session.start).time(), to_london(session.end).time())


def session_when(session: ClinicSession) -> str:
    """ "Tue 4 Aug 2026, morning (09:00 to 13:00)"."""
    start = to_london(session.start).time()
    return f"{format_day(session.date)}, {part_of_day(start)} ({session_times(session)})"


def template_when(template: ClinicTemplate) -> str:
    """ "Tuesday morning, 09:00 to 13:00, every week" (or "one week in 2")."""
    often = "every week" if template.every_weeks == 1 else f"one week in {template.every_weeks}"
    return (
        f"{WEEKDAYS[template.weekday]} {part_of_day(template.start)}, "
        f"{times(template.start, template.end)}, {often}"
    )


def slots_words(slots: list[TemplateSlot]) -> str:
    return "; ".join(str(slot) for slot in slots) or "No slots"


def patients(count: int) -> str:
    return f"{count} {'patient' if count == 1 else 'patients'} booked"


def session_status(session: ClinicSession) -> str:
    return SessionStatus(session.status).label


def appointment_when(appointment: Appointment) -> str:
    return format_moment(appointment.start)


def nhs_number(value: str) -> str:
    return nhs_number_text(value)


def change_words(change: SessionChange) -> str:
    """ "Cancel", "Reduce to 6 slots", "Backfill by Dr Bea Okafor"."""
    if change.action == "reduce":
        return f"Reduce to {change.slots_kept} {'slot' if change.slots_kept == 1 else 'slots'}"
    if change.action == "backfill" and change.backfill_clinician is not None:
        return f"Backfill by {change.backfill_clinician}"
    return "Cancel"


def decided_words(change: SessionChange) -> str:
    """Who proposed and who decided, and when: the record of the decision."""
    parts = []
    if change.proposed_by:
        parts.append(
            f"Proposed by {change.proposed_by.display_name} on {format_moment(change.proposed_at)}"
        )
    if change.decided_by and change.decided_at:
        verb = "refused" if change.status == "refused" else "approved"
        if not change.short_notice:
            verb = "applied"
        parts.append(
            f"{verb} by {change.decided_by.display_name} on {format_moment(change.decided_at)}"
        )
    return "; ".join(parts)


def rebooking_why(entry: RebookingEntry) -> str:
    return entry.reason


def rebooking_row(entry: RebookingEntry) -> dict[str, str]:
    appointment = entry.appointment
    return {
        "patient": appointment.patient_name,
        "nhs_number": nhs_number_text(appointment.nhs_number),
        "appointment": format_moment(appointment.start),
        "slot_type": appointment.get_slot_type_display(),
        "clinic": appointment.session.template.name,
        "why": entry.reason,
        "added": format_moment(entry.added_at),
    }
