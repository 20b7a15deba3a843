"""When a doctor asks for leave, their department's coordinators are told, with a link to
the request, once it is saved: as the doctor is told of the decision. Nobody is told of
a request that was refused or rolled back, nor of their own."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from rotaplan.leave.models import LeaveRecord
from rotaplan.leave.services import leave_request
from rotaplan.notifications.models import Notification, Topic
from rotaplan.notifications.selectors import inbox
from rotaplan.people.models import Role
from tests.factories.people import user_with_role

from .conftest import date_fields

pytestmark = pytest.mark.django_db


def ask(world, actor=None, start=date(2026, 8, 10), end=date(2026, 8, 12), note=""):
    return leave_request(
        actor=actor or world.ada_user,
        doctor=world.ada,
        leave_type="annual",
        start=start,
        end=end,
        note=note,
    )


def test_the_departments_coordinators_are_told_after_the_request_commits(
    world, shifts, django_capture_on_commit_callbacks
):
    world.coordinator.email = "gemma.price@nhs.net"
    world.coordinator.save()
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        record = ask(world, note="Sister's wedding")
    note = Notification.objects.get(recipient=world.coordinator)
    assert waiting  # sending waits for the commit
    assert note.sent is None
    assert mail.outbox == []

    for callback in waiting:
        callback()

    note.refresh_from_db()
    assert note.topic == Topic.LEAVE
    assert note.subject == "Dr Ada Patel asks for annual leave Mon 10 Aug 2026 to Wed 12 Aug 2026"
    assert "3 working days" in note.body
    assert "Note: Sister's wedding" in note.body
    assert note.link == f"/leave/{record.pk}/"
    assert note.sent is not None
    assert [m.to for m in mail.outbox] == [["gemma.price@nhs.net"]]


def test_only_the_doctors_own_coordinators_are_told(world, shifts):
    second = user_with_role(Role.ROTA_COORDINATOR, world.acute)
    ask(world)
    told = set(Notification.objects.filter(topic=Topic.LEAVE).values_list("recipient", flat=True))
    assert told == {world.coordinator.pk, second.pk}
    for outsider in (
        world.cardiology_coordinator,
        world.staffing,
        world.service_manager,
        world.ada_user,
    ):
        assert inbox(outsider) == []


def test_a_coordinator_asking_for_a_doctor_tells_the_others_not_themself(world, shifts):
    second = user_with_role(Role.ROTA_COORDINATOR, world.acute, first_name="Sam", last_name="Lee")
    ask(world, actor=world.coordinator)
    note = Notification.objects.get(topic=Topic.LEAVE)
    assert note.recipient == second
    assert note.subject == (
        "Annual leave asked for Dr Ada Patel Mon 10 Aug 2026 to Wed 12 Aug 2026"
    )


def test_a_refused_request_tells_nobody(world, shifts):
    ask(world)
    Notification.objects.all().delete()
    with pytest.raises(ValidationError):
        ask(world, start=date(2026, 8, 11), end=date(2026, 8, 11))
    assert not Notification.objects.exists()
    assert LeaveRecord.objects.count() == 1


def test_a_request_from_the_page_reaches_the_coordinators_inbox(world, shifts, sign_in):
    response = sign_in(world.ada_user).post(
        "/leave/",
        {
            "leave_type": "annual",
            **date_fields("start", date(2026, 8, 17)),
            **date_fields("end", date(2026, 8, 17)),
            "note": "",
        },
    )
    assert response.status_code == 302
    [note] = inbox(world.coordinator)
    assert note.subject == "Dr Ada Patel asks for annual leave Mon 17 Aug 2026"
    assert note.link == response["Location"]
