"""The demo trust's repair: asked for the first gap the sickness left and linked from
that gap's page, so a coordinator (and the production crawl) reaches it; not applied.
(On the demo's rota the solver finds no compliant repair yet: the page says so in words.)"""

from __future__ import annotations

import pytest

from rotaplan.cover.models import RepairRun, RepairStatus
from rotaplan.demo.command import build_demo
from rotaplan.people.models import User


@pytest.mark.django_db
def test_the_demo_has_a_repair_linked_from_its_gap(client):
    build_demo(seed=1, doctors=120)
    run = RepairRun.objects.get()
    assert run.status in {RepairStatus.FINISHED, RepairStatus.FAILED}
    assert run.applied_at is None
    client.force_login(User.objects.get(username="coordinator"))
    gap_page = client.get(f"/cover/gaps/{run.gap_id}/").content.decode()
    assert f"/cover/repairs/{run.pk}/" in gap_page
    page = client.get(f"/cover/repairs/{run.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert ("Apply this repair" in text) or (run.failure_reason in text)
