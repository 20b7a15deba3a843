"""Telling people: saved with the change, sent after it commits, each person once, and a
backend that fails leaves the note unsent without undoing anything."""

from __future__ import annotations

import pytest
from django.core import mail

from rotaplan.notifications import services
from rotaplan.notifications.models import Notification, Topic
from rotaplan.notifications.selectors import inbox, unread_count
from rotaplan.notifications.services import notify

pytestmark = pytest.mark.django_db


def test_a_doctor_is_told_as_their_user_and_at_their_email(
    world, django_capture_on_commit_callbacks
):
    world.ada.email = "ada@nhs.net"
    world.ada.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            people=[world.ada, world.ada_user],
            topic=Topic.LEAVE,
            subject="Leave approved",
            body="Yes",
        )
    note = Notification.objects.get()
    assert (note.recipient, note.email) == (world.ada_user, "ada@nhs.net")
    assert note.sent is not None
    assert [m.subject for m in mail.outbox] == ["Leave approved"]
    assert inbox(world.ada_user) == [note]
    assert unread_count(world.ada_user) == 1


def test_nothing_is_sent_when_the_change_is_rolled_back(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(people=[world.coordinator], topic=Topic.OFFER, subject="s", body="b")
    assert callbacks  # sending waits for the commit
    assert mail.outbox == []
    assert Notification.objects.get().sent is None


def test_a_doctor_with_no_user_and_no_email_is_not_told(world):
    assert notify(people=[world.carys], topic=Topic.SWAP, subject="s", body="b") == []


def test_a_backend_that_fails_leaves_the_note_unsent(
    world, settings, django_capture_on_commit_callbacks
):
    settings.ROTAPLAN_NOTIFICATION_BACKENDS = ["tests.integration.notifications.test_notify.Broken"]
    services.backends.cache_clear()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            notify(people=[world.coordinator], topic=Topic.OFFER, subject="s", body="b")
    finally:
        services.backends.cache_clear()
    assert Notification.objects.get().sent is None


class Broken:
    def send(self, note: Notification) -> None:
        raise ConnectionError("the mail server is down")


def test_notes_kept_unsent_are_saved_and_never_sent(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, services.kept_unsent():
        notify(people=[world.coordinator], topic=Topic.OFFER, subject="s", body="b")
    assert callbacks == []
    assert Notification.objects.get().sent is None
    assert mail.outbox == []
