"""Publishing a draft from its page: the version rises, a double-booked doctor or a stale
version is refused."""

from __future__ import annotations

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from rotaplan.rotas.models import (
    Rota,
    RotaStatus,
)
from tests.factories.rotas import (
    AssignmentFactory,
    RotaFactory,
)
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def test_publishing_a_draft_raises_its_version_and_makes_it_read_only(world, sign_in, night):
    draft = RotaFactory(department=world.acute, name="Generated", status=RotaStatus.DRAFT)
    AssignmentFactory(rota=draft, doctor=world.ada, shift_type=night, date=date(2026, 8, 5))
    client = sign_in(world.coordinator)
    assert "Publish rota" in page_text(client.get(f"/rotas/{draft.pk}/publish/"))
    response = client.post(f"/rotas/{draft.pk}/publish/", {"version": "1"})
    assert response["Location"] == f"/rotas/{draft.pk}/"
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (RotaStatus.PUBLISHED, 2)
    assert draft.published_at is not None
    entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Rota), object_pk=str(draft.pk)
    ).latest("timestamp")
    assert entry.actor == world.coordinator
    # Now published: shifts can no longer be added here.
    assert "This rota cannot be changed here" in page_text(
        client.get(f"/rotas/{draft.pk}/shifts/add/")
    )


def test_publishing_refuses_a_rota_that_double_books_a_doctor(world, sign_in, night):
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 5))
    draft = RotaFactory(department=world.acute, name="Generated", status=RotaStatus.DRAFT)
    AssignmentFactory(rota=draft, doctor=world.ada, shift_type=night, date=date(2026, 8, 5))
    client = sign_in(world.coordinator)
    response = client.post(f"/rotas/{draft.pk}/publish/", {"version": "1"})
    text = page_text(response)
    assert "The rota was not published" in text
    assert "Dr Ada Patel works N 20:00 Wed 5 Aug 2026" in text
    assert "on Acute medicine registrars, which is published" in text
    draft.refresh_from_db()
    assert draft.status == RotaStatus.DRAFT


def test_a_stale_publish_is_refused(world, sign_in):
    draft = RotaFactory(department=world.acute, status=RotaStatus.DRAFT, version=3)
    text = page_text(
        sign_in(world.coordinator).post(f"/rotas/{draft.pk}/publish/", {"version": "2"})
    )
    assert "Someone changed this rota while you were looking at it" in text
