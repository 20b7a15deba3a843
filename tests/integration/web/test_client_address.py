"""The address in the audit log and the one sign-in throttling counts cannot be forged with
an X-Forwarded-For header; behind the trust's own proxy it is the client's."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from rotaplan.audit.services import Event
from tests.factories.people import UserFactory

pytestmark = pytest.mark.django_db


def failed_sign_in_addresses() -> list[str | None]:
    return [
        entry.remote_addr
        for entry in LogEntry.objects.order_by("pk")
        if (entry.additional_data or {}).get("event") == Event.SIGN_IN_FAILED
    ]


def wrong_password(client, username: str, forwarded_for: str) -> int:
    return client.post(
        "/sign-in/",
        {"username": username, "password": "wrong"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded_for,
    ).status_code


def test_a_forged_header_is_not_the_address_recorded(client):
    user = UserFactory()
    wrong_password(client, user.username, forwarded_for="198.51.100.7")
    assert failed_sign_in_addresses() == ["10.0.0.1"]


def test_a_forged_header_does_not_escape_the_lockout(client):
    """Five wrong passwords from one connection lock it out, whatever each claims to be."""
    user = UserFactory()
    answers = [wrong_password(client, user.username, f"198.51.100.{n}") for n in range(6)]
    assert answers == [200, 200, 200, 200, 429, 429]


def test_behind_a_trusted_proxy_the_client_address_is_recorded(client, settings):
    settings.TRUSTED_PROXIES = 1
    user = UserFactory()
    wrong_password(client, user.username, forwarded_for="198.51.100.7, 203.0.113.9")
    assert failed_sign_in_addresses() == ["203.0.113.9"]


def test_behind_a_trusted_proxy_each_client_is_locked_out_alone(client, settings):
    """Behind a proxy every connection comes from the proxy: one person's wrong passwords
    must not lock the username for everyone else."""
    settings.TRUSTED_PROXIES = 1
    user = UserFactory()
    for _ in range(5):
        wrong_password(client, user.username, forwarded_for="203.0.113.9")
    assert wrong_password(client, user.username, forwarded_for="203.0.113.9") == 429
    assert wrong_password(client, user.username, forwarded_for="203.0.113.10") == 200
