"""A doctor's rota by week and their calendar document, from unsaved records: the
formatting alone, without a database."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from icalendar import Calendar

from rotaplan.engine.clock import shift_bounds
from rotaplan.leave.models import LeaveRecord, LeaveStatus, LeaveType
from rotaplan.organisation.models import Department, Site
from rotaplan.rotas.models import Assignment, Rota, ShiftType
from rotaplan.selfservice.calendar_feed import PRODID, calendar_document
from rotaplan.selfservice.presenters import note_link, rota_weeks, shift_words

SITE = Site(name="Northshire General")
ACUTE = Department(name="Acute medicine", site=SITE)
ROTA = Rota(pk=1, name="Registrars", department=ACUTE)
NIGHT = ShiftType(code="N", name="Night", start=time(20), end=time(8, 30))


def night_on(day: date, pk: int = 7) -> Assignment:
    start, end = shift_bounds(day, NIGHT.start, NIGHT.end)
    return Assignment(pk=pk, rota=ROTA, shift_type=NIGHT, date=day, start=start, end=end)


def test_a_shift_reads_in_london_time_across_the_clock_change():
    # Sat 24 Oct 2026: the clocks go back that night; the wall clock still says 08:30.
    assert shift_words(night_on(date(2026, 10, 24))) == "N Night 20:00 to 08:30"


def test_the_weeks_start_today_and_mark_shifts_leave_and_days_off():
    leave = LeaveRecord(
        leave_type=LeaveType.STUDY,
        start=date(2026, 9, 3),
        end=date(2026, 9, 3),
        status=LeaveStatus.REQUESTED,
    )
    weeks = rota_weeks(
        today=date(2026, 9, 2),
        weeks=2,
        shifts=[night_on(date(2026, 9, 4))],
        leave=[leave],
        swap_href=lambda a: f"/swap/{a.pk}/",
    )
    assert [w.heading for w in weeks] == ["Week from Mon 31 Aug 2026", "Week from Mon 7 Sep 2026"]
    first = weeks[0].days
    assert [d.day_text for d in first][:3] == ["Wed 2 Sep 2026", "Thu 3 Sep 2026", "Fri 4 Sep 2026"]
    assert first[0].today
    assert not first[1].today
    assert [line.text for line in first[0].lines] == ["No shift"]
    assert [line.text for line in first[1].lines] == ["Study leave (requested)"]
    (night,) = first[2].lines
    assert (night.text, night.swap_href) == ("N Night 20:00 to 08:30", "/swap/7/")
    assert len(weeks[1].days) == 7


def test_the_calendar_has_one_event_a_shift_and_an_all_day_event_a_leave_record():
    leave = LeaveRecord(
        pk=3, leave_type=LeaveType.ANNUAL, start=date(2026, 9, 14), end=date(2026, 9, 18)
    )
    document = calendar_document(
        name="Rota of Dr Ada Patel",
        shifts=[night_on(date(2026, 9, 7))],
        leave=[leave],
        now=datetime(2026, 9, 1, 8, tzinfo=UTC),
    )
    calendar = Calendar.from_ical(document)
    assert str(calendar["PRODID"]) == PRODID
    shift, away = calendar.walk("VEVENT")
    assert str(shift["UID"]) == "shift-7@rotaplan"
    assert shift.decoded("DTSTART") == datetime(2026, 9, 7, 19, tzinfo=UTC)
    assert str(shift["LOCATION"]) == "Northshire General, Acute medicine"
    assert (away.decoded("DTSTART"), away.decoded("DTEND")) == (
        date(2026, 9, 14),
        date(2026, 9, 19),
    )
    assert b"DTSTAMP:20260901T080000Z" in document


def test_a_rota_link_opens_the_doctors_own_rota_unless_they_may_see_the_grid():
    assert note_link("/rotas/4/", sees_rotas=False, own_rota="/my/rota/") == "/my/rota/"
    assert note_link("/rotas/4/", sees_rotas=True, own_rota="") == "/rotas/4/"
    assert note_link("/leave/9/", sees_rotas=False, own_rota="/my/rota/") == "/leave/9/"
