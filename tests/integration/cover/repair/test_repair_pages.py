"""The repair from the gap's page: the button for the department's coordinators, the
run's page with its progress and then the proposal in words, and the apply button; a 404
for everyone outside the department."""

from __future__ import annotations

import pytest

from rotaplan.cover.models import Gap, GapStatus, RepairRun, RepairStatus
from rotaplan.cover.repair.services import execute_repair, repair_request
from rotaplan.rotas.models import Rota

pytestmark = pytest.mark.django_db

BUTTON = "Find a repair with the rota generator"


def test_a_coordinator_finds_and_applies_a_repair_from_the_gap_page(world, nights, sign_in):
    client = sign_in(world.coordinator)
    page = client.get(f"/cover/gaps/{nights.gap.pk}/").content.decode()
    assert BUTTON in page
    assert f'action="/cover/gaps/{nights.gap.pk}/repair/"' in page

    asked = client.post(f"/cover/gaps/{nights.gap.pk}/repair/")
    run = RepairRun.objects.get()
    assert asked.status_code == 302
    assert asked["Location"] == f"/cover/repairs/{run.pk}/"
    waiting = client.get(asked["Location"]).content.decode()
    assert "Waiting to start" in waiting
    assert 'hx-trigger="every 2s"' in waiting
    partial = client.get(asked["Location"], headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="repair-status"')

    execute_repair(run.pk)
    shown = client.get(asked["Location"]).content.decode()
    assert "hx-trigger" not in shown
    assert "Put Dr Bea Okafor on Night on Mon 10 Aug 2026" in shown
    assert "Gaps it fills" in shown
    assert "Night on Mon 10 Aug 2026</a> (this gap)" in shown
    assert "None: every shift near the absence has at least its minimum." in shown
    assert "Apply this repair" in shown
    # The gap's page links to the repair, as the register links to the gap.
    assert (
        f"/cover/repairs/{run.pk}/" in client.get(f"/cover/gaps/{nights.gap.pk}/").content.decode()
    )

    applied = client.post(f"/cover/repairs/{run.pk}/apply/", follow=True)
    assert applied.redirect_chain[-1][0] == f"/cover/gaps/{nights.gap.pk}/"
    assert "The repair is on the rota as a new version" in applied.content.decode()
    gap = Gap.objects.get(pk=nights.gap.pk)
    assert (gap.status, gap.filled_by) == (GapStatus.FILLED_INTERNALLY, world.bea)
    after = client.get(f"/cover/repairs/{run.pk}/").content.decode()
    assert "Apply this repair" not in after
    assert "Applied" in after


def test_a_stale_repair_is_refused_on_its_page(world, nights, sign_in):
    run = repair_request(actor=world.coordinator, gap=nights.gap)
    execute_repair(run.pk)
    Rota.objects.filter(pk=nights.rota.pk).update(version=99)
    client = sign_in(world.coordinator)
    refused = client.post(f"/cover/repairs/{run.pk}/apply/", follow=True)
    assert "The rota changed since this repair was found: find a new one." in (
        refused.content.decode()
    )
    assert Gap.objects.get(pk=nights.gap.pk).status == GapStatus.OPEN


def test_a_service_manager_reads_the_repair_but_is_offered_no_button(world, nights, sign_in):
    run = repair_request(actor=world.coordinator, gap=nights.gap)
    execute_repair(run.pk)
    client = sign_in(world.service_manager)
    assert BUTTON not in client.get(f"/cover/gaps/{nights.gap.pk}/").content.decode()
    page = client.get(f"/cover/repairs/{run.pk}/")
    assert page.status_code == 200
    assert "Apply this repair" not in page.content.decode()
    assert client.post(f"/cover/gaps/{nights.gap.pk}/repair/").status_code == 404
    assert client.post(f"/cover/repairs/{run.pk}/apply/").status_code == 404
    assert RepairRun.objects.get().applied_at is None


@pytest.mark.parametrize("who", ["cardiology_coordinator", "ada_user", "nobody"])
def test_another_department_or_a_doctor_finds_no_repair(world, nights, sign_in, who):
    run = repair_request(actor=world.coordinator, gap=nights.gap)
    execute_repair(run.pk)
    client = sign_in(getattr(world, who))
    assert client.get(f"/cover/repairs/{run.pk}/").status_code == 404
    assert client.post(f"/cover/gaps/{nights.gap.pk}/repair/").status_code == 404
    assert client.post(f"/cover/repairs/{run.pk}/apply/").status_code == 404
    assert RepairRun.objects.count() == 1
    assert RepairRun.objects.get().applied_at is None


def test_a_repair_that_failed_says_why(world, nights, sign_in):
    run = repair_request(actor=world.coordinator, gap=nights.gap)
    Rota.objects.filter(pk=nights.rota.pk).update(version=99)
    execute_repair(run.pk)
    assert RepairRun.objects.get().status == RepairStatus.FAILED
    page = sign_in(world.coordinator).get(f"/cover/repairs/{run.pk}/").content.decode()
    assert "No repair was found" in page
    assert "The rota changed since this repair was found: find a new one." in page
    assert "Apply this repair" not in page
