"""A doctor's shifts and leave as an iCalendar document (RFC 5545), which Outlook, Google
Calendar and Apple Calendar subscribe to.

Each shift's UID is its assignment's, so a calendar app updates the event in place when the
shift changes and drops it when the shift is taken off. Times are in UTC (the stored
moments), which every app shows in its own time zone; a night across a clock change keeps
its real length. Leave is an all-day event per record, its end the day after its last day
as the standard asks.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from rotaplan.leave.models import LeaveRecord, LeaveType
from rotaplan.rotas.models import Assignment

from .presenters import shift_words

PRODID = "-//Rotaplan//Doctor's rota//EN"
UID_DOMAIN = "rotaplan"


def calendar_document(
    *,
    name: str,
    shifts: Iterable[Assignment],
    leave: Iterable[LeaveRecord],
    now: datetime,
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for shift in shifts:
        event = Event()
        event.add("uid", f"shift-{shift.pk}@{UID_DOMAIN}")
        event.add("dtstamp", now)
        event.add("dtstart", shift.start)
        event.add("dtend", shift.end)
        event.add("summary", shift_words(shift))
        department = shift.rota.department
        site = getattr(department, "site", None)
        event.add("location", f"{site.name}, {department.name}" if site else department.name)
        event.add("description", f"{shift.rota.name}, {department.name}")
        calendar.add_component(event)
    for record in leave:
        event = Event()
        event.add("uid", f"leave-{record.pk}@{UID_DOMAIN}")
        event.add("dtstamp", now)
        event.add("dtstart", record.start)
        event.add("dtend", record.end + timedelta(days=1))
        event.add("summary", LeaveType(record.leave_type).label)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    document: bytes = calendar.to_ical()
    return document
