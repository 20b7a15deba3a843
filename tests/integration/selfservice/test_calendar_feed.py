"""The private calendar feed: made by the doctor, its address shown once, read by a
calendar app without signing in, audited as a read of personal data, following the rota
as it changes, and dead once revoked."""

from __future__ import annotations

import re
from datetime import date

import pytest
from auditlog.models import LogEntry
from icalendar import Calendar

from rotaplan.leave.models import LeaveStatus, LeaveType
from rotaplan.rotas.versions.services import rota_change_apply
from rotaplan.selfservice.models import CalendarFeed
from rotaplan.selfservice.services import feed_create, feed_revoke, token_hash
from tests.factories.leave import LeaveRecordFactory

pytestmark = pytest.mark.django_db

ADDRESS = re.compile(r'value="(http://testserver/calendar/[A-Za-z0-9_-]+\.ics)"')


def feed_address(client) -> str:
    page = client.post("/my/calendar/", {"action": "create"})
    assert page.status_code == 200
    found = ADDRESS.search(page.content.decode())
    assert found, "the new address is shown"
    return found.group(1).removeprefix("http://testserver")


def events(response) -> list:
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_the_doctor_makes_a_feed_and_its_address_is_shown_once(world, registrars, sign_in):
    client = sign_in(world.ada_user)
    path = feed_address(client)
    token = path.removeprefix("/calendar/").removesuffix(".ics")
    assert len(token) >= 43  # 32 random bytes
    feed = CalendarFeed.objects.get()
    assert feed.token_hash == token_hash(token)
    assert token not in feed.token_hash
    again = client.get("/my/calendar/").content.decode()
    assert token not in again
    assert "Its address was shown when you made it" in " ".join(again.split())
    assert "Outlook" in client.post("/my/calendar/", {"action": "create"}).content.decode()


def test_a_calendar_app_reads_the_shifts_and_leave_without_signing_in(world, registrars, client):
    LeaveRecordFactory(
        doctor=world.ada,
        leave_type=LeaveType.ANNUAL,
        start=date(2026, 9, 14),
        end=date(2026, 9, 18),
        status=LeaveStatus.APPROVED,
    )
    LeaveRecordFactory(
        doctor=world.ada,
        start=date(2026, 10, 1),
        end=date(2026, 10, 1),
        status=LeaveStatus.REQUESTED,
    )
    _feed, token = feed_create(actor=world.ada_user)
    client.logout()
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == "private, no-store"
    calendar = Calendar.from_ical(response.content)
    assert calendar["PRODID"]
    assert calendar["VERSION"] == "2.0"
    night, leave = events(response)
    assert str(night["UID"]) == f"shift-{registrars.adas_night.pk}@rotaplan"
    assert str(night["SUMMARY"]) == "N Night 20:00 to 08:30"
    assert night.decoded("DTSTART") == registrars.adas_night.start
    assert night.decoded("DTEND") == registrars.adas_night.end
    assert world.acute.site.name in str(night["LOCATION"])
    assert "DTSTAMP" in night
    assert str(leave["SUMMARY"]) == "Annual leave"
    assert leave.decoded("DTSTART") == date(2026, 9, 14)
    assert leave.decoded("DTEND") == date(2026, 9, 19)  # the day after the last, as RFC 5545 asks


def test_each_fetch_is_audited_as_a_read_of_the_doctors_personal_data(world, registrars, client):
    _feed, token = feed_create(actor=world.ada_user)
    client.get(f"/calendar/{token}.ics")
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).get()
    assert entry.object_pk == str(world.ada.pk)
    assert entry.additional_data["event"] == "viewed"
    assert "calendar feed" in entry.additional_data["detail"]


def test_a_shift_taken_off_the_rota_leaves_the_feed(world, registrars, client):
    _feed, token = feed_create(actor=world.ada_user)
    assert len(events(client.get(f"/calendar/{token}.ics"))) == 1
    rota_change_apply(
        made_by=world.coordinator,
        rota=world.rota,
        remove=[registrars.adas_night],
        reason="Sick",
        check_rules=False,
    )
    assert events(client.get(f"/calendar/{token}.ics")) == []


def test_a_revoked_or_unknown_token_is_not_found_with_no_hint(world, registrars, client):
    _feed, old = feed_create(actor=world.ada_user)
    _feed, new = feed_create(actor=world.ada_user)  # a new feed replaces the old
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200
    feed_revoke(actor=world.ada_user)
    revoked = client.get(f"/calendar/{new}.ics")
    unknown = client.get("/calendar/not-a-real-token-at-all.ics")
    assert revoked.status_code == unknown.status_code == 404
    assert revoked.content == unknown.content
    assert CalendarFeed.objects.filter(revoked__isnull=True).count() == 0


def test_the_doctor_stops_the_feed_from_the_page(world, registrars, sign_in):
    client = sign_in(world.ada_user)
    path = feed_address(client)
    stopped = client.post("/my/calendar/", {"action": "revoke"})
    assert stopped.status_code == 302
    client.logout()
    assert client.get(path).status_code == 404


def test_a_doctor_reaches_only_their_own_feed(world, registrars, sign_in):
    feed_create(actor=world.ada_user)
    client = sign_in(registrars.dan_user)
    client.post("/my/calendar/", {"action": "revoke"})
    assert CalendarFeed.objects.filter(doctor=world.ada, revoked__isnull=True).exists()
    assert sign_in(world.coordinator).post("/my/calendar/", {"action": "create"}).status_code == 404


def test_a_feed_stops_when_its_makers_account_is_closed(world, registrars, client):
    _feed, token = feed_create(actor=world.ada_user)
    assert client.get(f"/calendar/{token}.ics").status_code == 200
    world.ada_user.is_active = False
    world.ada_user.save()
    assert client.get(f"/calendar/{token}.ics").status_code == 404
