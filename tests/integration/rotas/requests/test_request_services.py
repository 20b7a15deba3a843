"""Rota requests written through their services: by the doctor or a coordinator of their
department only, audited with who made the change."""

from __future__ import annotations

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from rotaplan.rotas.models import RequestKind, RotaRequest
from rotaplan.rotas.requests.services import rota_request_create, rota_request_withdraw
from tests.factories.rotas import RotaRequestFactory
from tests.integration.rotas.audit_entries import entries_for

pytestmark = pytest.mark.django_db

SATURDAY, SUNDAY = date(2026, 8, 8), date(2026, 8, 9)


@pytest.mark.parametrize("user", ["ada_user", "coordinator", "staffing"])
def test_the_doctor_or_their_coordinator_enters_a_request(world, user):
    actor = getattr(world, user)
    made = rota_request_create(
        actor=actor,
        doctor=world.ada,
        kind=RequestKind.OFF,
        first_date=SATURDAY,
        last_date=SUNDAY,
        weight=3,
        note="A wedding",
    )
    assert made.created_by == actor
    assert (made.doctor, made.first_date, made.last_date, made.weight) == (
        world.ada,
        SATURDAY,
        SUNDAY,
        3,
    )
    [created] = entries_for(RotaRequest, made.pk, LogEntry.Action.CREATE)
    assert created.actor == actor
    assert created.changes_dict["note"] == ["None", "A wedding"]


@pytest.mark.parametrize("user", ["cardiology_coordinator", "service_manager", "nobody"])
def test_anyone_else_is_refused_and_nothing_is_saved(world, user):
    with pytest.raises(PermissionDenied) as refused:
        rota_request_create(
            actor=getattr(world, user),
            doctor=world.ada,
            kind=RequestKind.OFF,
            first_date=SATURDAY,
            last_date=SUNDAY,
        )
    assert "Patel" not in str(refused.value)
    assert not RotaRequest.objects.exists()


def test_a_request_is_withdrawn_with_the_actor_recorded(world):
    wish = RotaRequestFactory(doctor=world.ada, created_by=world.ada_user)
    wish_id = wish.pk
    rota_request_withdraw(actor=world.coordinator, rota_request=wish)
    assert not RotaRequest.objects.exists()
    [deleted] = entries_for(RotaRequest, wish_id, LogEntry.Action.DELETE)
    assert deleted.actor == world.coordinator


@pytest.mark.parametrize("user", ["cardiology_coordinator", "booking_coordinator", "nobody"])
def test_another_doctors_request_is_not_withdrawn(world, user):
    wish = RotaRequestFactory(doctor=world.ada, created_by=world.ada_user)
    with pytest.raises(PermissionDenied) as refused:
        rota_request_withdraw(actor=getattr(world, user), rota_request=wish)
    assert "Patel" not in str(refused.value)
    assert list(RotaRequest.objects.all()) == [wish]
