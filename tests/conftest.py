from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import Client

from rotaplan.people.models import User
from tests.factories.people import PASSWORD

# Watches the API's answers for the check that the OpenAPI schema documents them.
pytest_plugins = ["tests.api_answers"]


@pytest.fixture
def sign_in(client: Client):
    """Sign a user in through the real sign-in form, not a shortcut; whoever was signed in
    on the client is signed out first (the form turns a signed-in user away)."""

    def _sign_in(user: User) -> Client:
        client.logout()
        response = client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302, "sign-in failed"
        return client

    return _sign_in


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's deliberate slowness is for attackers, not for a test suite."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def deterministic_solver(settings):
    """Generation runs search in CP-SAT's deterministic time: the same rota on a busy
    machine as on an idle one, so no test depends on how fast this one is."""
    settings.ROTAPLAN_SOLVER_DETERMINISTIC = True


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing kept: a test that counts the work done is not helped by
    an earlier one (a kept report is never wrong: its name covers all its input)."""
    caches["default"].clear()
