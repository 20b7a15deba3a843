"""Two answers or two decisions on one swap at the very same moment, in two real
transactions: exactly one wins, the other is told what happened first, never a 500.

Both requests read the swap before either writes; the service then waits for the swap's
row lock, held here until PostgreSQL says both are waiting."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test import Client

from rotaplan.rotas.models import RotaChange
from rotaplan.selfservice.models import ShiftSwap, SwapStatus
from rotaplan.selfservice.services import swap_answer, swap_request

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks to hold two requests at the service; CI runs PostgreSQL",
)


def waiting_for_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return int(cursor.fetchone()[0])


def at_once(swap: ShiftSwap, senders) -> list[tuple[int, str]]:
    answers: list[tuple[int, str]] = []
    holding, release = threading.Event(), threading.Event()

    def hold_the_swap() -> None:
        with transaction.atomic():
            ShiftSwap.objects.select_for_update().get(pk=swap.pk)
            holding.set()
            release.wait(timeout=30)
        connections.close_all()

    def sender(user, url, body) -> None:
        client = Client()
        client.force_login(user)
        response = client.post(url, body, content_type="application/json")
        answers.append((response.status_code, response.json().get("detail", "")))
        connections.close_all()

    holder = threading.Thread(target=hold_the_swap)
    holder.start()
    assert holding.wait(timeout=30)
    threads = [threading.Thread(target=sender, args=s) for s in senders]
    for thread in threads:
        thread.start()
    for _ in range(1500):  # up to 30 s
        if waiting_for_a_lock() >= 2:
            break
        time.sleep(0.02)
    assert waiting_for_a_lock() == 2, "both requests should be waiting for the swap"
    release.set()
    for thread in [holder, *threads]:
        thread.join(timeout=60)
    return sorted(answers)


def asked(world, registrars) -> ShiftSwap:
    return swap_request(
        actor=world.ada_user,
        assignment=registrars.adas_night,
        colleague=registrars.dan,
        colleague_assignment=registrars.dans_long_day,
        note="",
    )


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_answers_from_two_phones_at_once(world, registrars):
    swap = asked(world, registrars)
    url = f"/api/swaps/{swap.pk}/answer"
    answers = at_once(
        swap,
        [
            (registrars.dan_user, url, {"accept": True}),
            (registrars.dan_user, url, {"accept": False}),
        ],
    )
    assert [status for status, _ in answers] == [200, 409]
    assert answers[1][1].startswith("This swap was already")
    assert ShiftSwap.objects.get().status in {SwapStatus.ACCEPTED, SwapStatus.DECLINED}


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_deciding_at_once(world, registrars):
    swap = asked(world, registrars)
    swap_answer(actor=registrars.dan_user, swap=swap, accept=True)
    url = f"/api/swaps/{swap.pk}/decision"
    answers = at_once(
        swap,
        [
            (world.coordinator, url, {"approve": True}),
            (world.staffing, url, {"approve": False, "reason": "Dan is needed"}),
        ],
    )
    assert [status for status, _ in answers] == [200, 409]
    assert "This swap was already" in answers[1][1]
    assert RotaChange.objects.count() == (1 if ShiftSwap.objects.get().status == "approved" else 0)
