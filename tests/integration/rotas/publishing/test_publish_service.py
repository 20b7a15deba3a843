"""Publishing through its service: a coordinator of the rota's department only, audited
with who published and the status it moved from and to."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from rotaplan.rotas.models import Rota, RotaStatus
from rotaplan.rotas.publishing.services import rota_publish
from rotaplan.rotas.refusals import RotaChanged
from tests.factories.rotas import RotaFactory
from tests.integration.rotas.audit_entries import entries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world) -> Rota:
    return RotaFactory(department=world.acute, name="August draft", status=RotaStatus.DRAFT)


def test_publishing_is_audited_from_draft_to_published(world, draft):
    published = rota_publish(actor=world.coordinator, rota=draft, version=1)
    assert published.status == RotaStatus.PUBLISHED
    [entry] = entries_for(Rota, draft.pk, LogEntry.Action.UPDATE)
    assert entry.actor == world.coordinator
    assert entry.changes_dict["status"] == ["draft", "published"]
    assert entry.changes_dict["version"] == ["1", "2"]


@pytest.mark.parametrize("user", ["cardiology_coordinator", "service_manager", "nobody"])
def test_whoever_does_not_coordinate_the_department_is_refused(world, draft, user):
    with pytest.raises(PermissionDenied) as refused:
        rota_publish(actor=getattr(world, user), rota=draft)
    assert draft.name not in str(refused.value)
    draft.refresh_from_db()
    assert draft.status == RotaStatus.DRAFT


def test_a_rota_changed_since_it_was_read_is_not_published(world, draft):
    with pytest.raises(RotaChanged):
        rota_publish(actor=world.coordinator, rota=draft, version=0)
    assert not entries_for(Rota, draft.pk, LogEntry.Action.UPDATE)
