"""Sign-in throttling with django-axes: five wrong passwords for one username from one
address lock that pair for 15 minutes, even against the right password; the lockout reads
the same whether or not the username exists; each failure and lockout is in the audit log.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from auditlog.models import LogEntry
from django.test import Client
from django.utils import timezone

from rotaplan.audit.services import Event
from tests.factories.people import PASSWORD, UserFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db

LOCKED = (
    "You have entered the wrong username or password too many times. Wait 15 minutes, then "
    "try again, or ask your administrator to reset your password."
)


def sign_in(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(
        "/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def events(event: str) -> list[LogEntry]:
    return [
        e
        for e in LogEntry.objects.order_by("pk")
        if (e.additional_data or {}).get("event") == event
    ]


def test_five_wrong_passwords_lock_out_even_the_right_one(client):
    user = UserFactory()
    for _ in range(4):
        assert sign_in(client, user.username, "wrong").status_code == 200
    fifth = sign_in(client, user.username, "wrong")
    assert fifth.status_code == 429
    assert LOCKED in page_text(fifth)
    right = sign_in(client, user.username, PASSWORD)
    assert right.status_code == 429
    assert LOCKED in page_text(right)
    assert client.get("/").status_code == 302  # not signed in


def test_the_lockout_ends_after_fifteen_minutes(client):
    user = UserFactory()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            sign_in(client, user.username, "wrong")
        assert sign_in(client, user.username, PASSWORD).status_code == 429
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        response = sign_in(client, user.username, PASSWORD)
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_a_lockout_is_for_the_username_from_that_address_only(client):
    user = UserFactory()
    for _ in range(5):
        sign_in(client, user.username, "wrong", address="10.0.0.1")
    assert sign_in(Client(), user.username, PASSWORD, address="10.0.0.2").status_code == 302


def test_an_unknown_username_is_locked_out_in_the_same_words(client):
    known = UserFactory()
    answers = {}
    for username in (known.username, "nobody-has-this-name"):
        for _ in range(5):
            response = sign_in(client, username, "wrong")
        answers[username] = (response.status_code, page_text(response).replace(username, "NAME"))
    assert answers[known.username] == answers["nobody-has-this-name"]


def test_failed_sign_ins_and_the_lockout_are_audited_with_the_address(client):
    user = UserFactory()
    for _ in range(5):
        sign_in(client, user.username, "wrong", address="10.1.2.3")
    sign_in(client, "nobody-has-this-name", "wrong", address="10.1.2.4")
    failed = events(Event.SIGN_IN_FAILED)
    locked = events(Event.LOCKED_OUT)
    assert [(e.object_repr, e.remote_addr) for e in failed] == [
        *[(str(user), "10.1.2.3")] * 4,
        ("Unknown username 'nobody-has-this-name'", "10.1.2.4"),
    ]
    assert [(e.object_pk, e.remote_addr) for e in locked] == [(str(user.pk), "10.1.2.3")]
    assert all(e.actor is None for e in failed + locked)


def test_a_right_password_after_a_few_wrong_ones_starts_the_count_again(client):
    user = UserFactory()
    for _ in range(4):
        sign_in(client, user.username, "wrong")
    assert sign_in(client, user.username, PASSWORD).status_code == 302
    client.post("/sign-out/")
    for _ in range(4):
        sign_in(client, user.username, "wrong")
    assert sign_in(client, user.username, PASSWORD).status_code == 302
