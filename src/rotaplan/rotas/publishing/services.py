"""Publishing a draft rota: from then on its doctors rely on its shifts, so it is no longer
edited here (``editing.services.edit_refusal``)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from rotaplan.audit.actor import audited_as
from rotaplan.people import access
from rotaplan.people.models import User

from ..models import Rota, RotaStatus
from ..refusals import RotaChanged, RotaNotDraft
from .selectors import publish_clashes

ALREADY_PUBLISHED = "This rota is already published."


class PublishClashes(Exception):
    """Publishing would put doctors on two overlapping published shifts: nothing changed."""

    def __init__(self, clashes: list[str]) -> None:
        super().__init__("; ".join(clashes))
        self.clashes = clashes


@transaction.atomic
def rota_publish(*, actor: User, rota: Rota, version: int | None = None) -> Rota:
    """Publish a draft rota, as ``actor``. Refused when a doctor would then have two
    overlapping published shifts (another published rota of the same weeks: generated
    drafts are alternatives to the rota already published). The version goes up. Raises
    ``PermissionDenied``, ``RotaNotDraft``, ``RotaChanged`` or ``PublishClashes``."""
    locked = Rota.objects.select_for_update().select_related("department").get(pk=rota.pk)
    access.require_rota_editor(actor, locked.department_id)
    if locked.status != RotaStatus.DRAFT:
        raise RotaNotDraft(ALREADY_PUBLISHED)
    if version is not None and version != locked.version:
        raise RotaChanged
    clashes = publish_clashes(locked)
    if clashes:
        raise PublishClashes(clashes)
    with audited_as(actor):
        locked.status = RotaStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.version += 1
        locked.save(update_fields=["status", "published_at", "version"])
    # Shifts published below their minimum are gaps from now on (the cover area's
    # register); imported here, as cover builds on the rotas app.
    from rotaplan.cover.services import gaps_after_publish

    gaps_after_publish(made_by=actor, rota=locked)
    return locked
