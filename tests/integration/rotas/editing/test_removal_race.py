"""Two people removing the same shift at the same moment, without a version: the first
removes it, the second is told it was removed already, never a 500.

The second remover's page or request found the shift before the first one's removal
committed; its service then waits for the rota's lock and finds the shift gone."""

from __future__ import annotations

import threading
import time
from datetime import date
from datetime import time as time_of_day

import pytest
from django.contrib.messages import get_messages
from django.db import connection, connections, transaction
from django.test import Client

from rotaplan.rotas.editing.services import (
    ALREADY_REMOVED,
    ShiftAlreadyRemoved,
    assignment_remove,
)
from rotaplan.rotas.models import Assignment, Rota, RotaStatus
from tests.factories.rotas import AssignmentFactory, ShiftTypeFactory


@pytest.fixture
def shift(world) -> Assignment:
    world.rota.status = RotaStatus.DRAFT
    world.rota.save()
    day = ShiftTypeFactory(
        department=world.acute, code="D", name="Day", start=time_of_day(9), end=time_of_day(17)
    )
    return AssignmentFactory(
        rota=world.rota, doctor=world.ada, shift_type=day, date=date(2026, 8, 5)
    )


@pytest.mark.django_db
def test_the_second_of_two_removals_is_told_the_shift_is_gone(world, shift):
    """Two real transactions, one after the other: the second remover holds the copy of the
    shift their page read before the first removal committed."""
    seen_by_second = Assignment.objects.get(pk=shift.pk)
    assignment_remove(actor=world.coordinator, assignment=shift)
    with pytest.raises(ShiftAlreadyRemoved) as gone:
        assignment_remove(actor=world.staffing, assignment=seen_by_second)
    assert gone.value.message == ALREADY_REMOVED
    assert not Assignment.objects.exists()
    assert Rota.objects.get(pk=world.rota.pk).version == 2  # raised once, by the first


def waiting_for_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return int(cursor.fetchone()[0])


def remove_at_once(world, shift, send) -> list[object]:
    """Hold the rota's row lock while two removers, each in a thread of their own, read
    the shift and reach the service's lock; then let them go. Both have found the shift
    before either removes it, whatever the machine's speed: PostgreSQL says when both
    wait."""
    answers: list[object] = []
    holding = threading.Event()
    release = threading.Event()

    def hold_the_rota() -> None:
        with transaction.atomic():
            Rota.objects.select_for_update().get(pk=world.rota.pk)
            holding.set()
            release.wait(timeout=30)
        connections.close_all()

    def remover(user) -> None:
        client = Client()
        client.force_login(user)
        answers.append(send(client))
        connections.close_all()

    holder = threading.Thread(target=hold_the_rota)
    holder.start()
    assert holding.wait(timeout=30)
    removers = [
        threading.Thread(target=remover, args=(u,)) for u in (world.coordinator, world.staffing)
    ]
    for thread in removers:
        thread.start()
    deadline = time.monotonic() + 30
    while waiting_for_a_lock() < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert waiting_for_a_lock() == 2, "both removers should be waiting for the rota"
    release.set()
    for thread in [holder, *removers]:
        thread.join(timeout=60)
    return answers


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks to hold two requests at the service; CI runs PostgreSQL",
)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_people_removing_a_shift_on_the_page_at_once(world, shift):
    url = f"/rotas/{world.rota.pk}/shifts/{shift.pk}/remove/"

    def send(client):
        response = client.post(url, {"reason": ""})
        return response.status_code, [m.message for m in get_messages(response.wsgi_request)]

    answers = remove_at_once(world, shift, send)
    assert sorted(answers) == sorted(
        [
            (302, ["Dr Ada Patel is no longer on D on Wed 5 Aug 2026"]),
            (302, [ALREADY_REMOVED]),
        ]
    )
    assert not Assignment.objects.exists()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_clients_removing_a_shift_over_the_api_at_once(world, shift):
    url = f"/api/rotas/{world.rota.pk}/assignments/{shift.pk}"

    def send(client):
        response = client.delete(url)
        return response.status_code, response.content.decode()

    answers = remove_at_once(world, shift, send)
    assert sorted(status for status, _ in answers) == [204, 404]
    refused = next(body for status, body in answers if status == 404)
    assert ALREADY_REMOVED in refused
    assert not Assignment.objects.exists()
