"""Users change their own password: the old one checked, the new one held to the password
rules, the session kept, the change audited without the password."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.test import Client

from rotaplan.audit.services import Event
from tests.factories.people import PASSWORD, UserFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db

PAGE = "/account/password/"
NEW = "a-long-new-passphrase-42"


def change(client, old: str, new: str, again: str | None = None):
    return client.post(
        PAGE, {"old_password": old, "new_password1": new, "new_password2": again or new}
    )


def test_the_header_links_to_the_page(sign_in):
    html = sign_in(UserFactory()).get("/").content.decode()
    assert f'href="{PAGE}"' in html
    assert "Change password" in html


def test_a_user_changes_their_password_and_stays_signed_in(sign_in):
    user = UserFactory()
    client = sign_in(user)
    response = change(client, PASSWORD, NEW)
    assert response.status_code == 302
    assert client.get("/").status_code == 200  # still signed in here
    user.refresh_from_db()
    assert user.check_password(NEW)
    other = Client()
    assert other.post("/sign-in/", {"username": user.username, "password": NEW}).status_code == 302


def test_the_change_is_audited_without_the_password(sign_in):
    user = UserFactory()
    change(sign_in(user), PASSWORD, NEW)
    entry = LogEntry.objects.get(additional_data__event=Event.PASSWORD_CHANGED)
    assert (entry.actor, entry.object_pk, entry.remote_addr) == (user, str(user.pk), "127.0.0.1")
    assert NEW not in str(LogEntry.objects.values_list("changes", "additional_data"))


def test_a_wrong_current_password_changes_nothing(sign_in):
    user = UserFactory()
    response = change(sign_in(user), "not-my-password", NEW)
    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in page_text(response)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_weak_or_mismatched_new_password_is_refused(sign_in):
    client = sign_in(UserFactory())
    assert "This password is too common" in page_text(change(client, PASSWORD, "password"))
    assert "two password fields" in page_text(change(client, PASSWORD, NEW, NEW + "x"))


def test_an_empty_form_says_which_fields_are_missing(sign_in):
    text = page_text(sign_in(UserFactory()).post(PAGE, {}))
    for words in (
        "Enter your current password",
        "Enter a new password",
        "Enter the new password again",
    ):
        assert words in text


def test_signed_out_users_are_sent_to_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
