"""Who may use the rotas pages of a department: its coordinator changes, a service manager
sees but does not change, another department's coordinator and a doctor are told
nothing (404), and signed-out users are sent to sign in."""

from __future__ import annotations

from datetime import date

import pytest

from rotaplan.rotas.models import (
    CoverMix,
    FixedRotaLine,
    GenerationRun,
    Rota,
    RotaPolicy,
    RotaStatus,
)
from tests.factories.rotas import (
    CoverMixFactory,
    CoverRequirementFactory,
    RotaFactory,
)
from tests.integration.rotas.generation.generation_world import queued_run
from tests.integration.rotas.pages import call

pytestmark = pytest.mark.django_db


COORDINATOR_PAGES = [
    ("get", "/rotas/departments/{acute}/generate/"),
    ("post", "/rotas/departments/{acute}/generate/"),
    ("get", "/rotas/departments/{acute}/cover/{night}/"),
    ("post", "/rotas/departments/{acute}/cover/{night}/"),
    ("get", "/rotas/departments/{acute}/cover/dates/add/"),
    ("post", "/rotas/departments/{acute}/cover/dates/{dated}/remove/"),
    ("get", "/rotas/departments/{acute}/cover/{night}/mix/add/"),
    ("post", "/rotas/departments/{acute}/cover/{night}/mix/add/"),
    ("post", "/rotas/departments/{acute}/cover/mix/{mix}/remove/"),
    ("post", "/rotas/departments/{acute}/policies/"),
    ("post", "/rotas/departments/{acute}/local-rules/"),
    ("get", "/rotas/departments/{acute}/local-rules/never-alone/add/"),
    ("post", "/rotas/departments/{acute}/local-rules/never-alone/add/"),
    ("get", "/rotas/departments/{acute}/local-rules/pairs/add/"),
    ("post", "/rotas/departments/{acute}/local-rules/pairs/add/"),
    ("get", "/rotas/departments/{acute}/local-rules/fixed-lines/add/"),
    ("post", "/rotas/departments/{acute}/local-rules/fixed-lines/add/"),
    ("post", "/rotas/departments/{acute}/local-rules/fixed-lines/{line}/remove/"),
    ("post", "/rotas/generation/{run}/cancel/"),
    ("get", "/rotas/{draft}/publish/"),
    ("post", "/rotas/{draft}/publish/"),
    ("get", "/rotas/departments/{acute}/requests/"),
]


VIEWER_PAGES = [
    ("get", "/rotas/departments/{acute}/cover/"),
    ("get", "/rotas/departments/{acute}/policies/"),
    ("get", "/rotas/departments/{acute}/local-rules/"),
    ("get", "/rotas/generation/{run}/"),
    ("get", "/rotas/departments/{acute}/compare/"),
]


@pytest.fixture
def urls(world, night):
    dated = CoverRequirementFactory(shift_type=night, weekday=None, date=date(2026, 10, 24))
    mix = CoverMixFactory(shift_type=night)
    draft = RotaFactory(department=world.acute, status=RotaStatus.DRAFT)
    run = queued_run(world)
    line = FixedRotaLine.objects.create(
        department=world.acute, doctor=world.ada, first_monday=date(2026, 8, 3), weeks=[["N"] * 7]
    )
    return {
        "line": line.pk,
        "acute": world.acute.pk,
        "night": night.pk,
        "dated": dated.pk,
        "mix": mix.pk,
        "draft": draft.pk,
        "run": run.pk,
    }


@pytest.mark.parametrize(("method", "url"), COORDINATOR_PAGES + VIEWER_PAGES)
def test_another_departments_coordinator_and_a_doctor_are_refused(
    world, sign_in, urls, method, url
):
    for user in (world.cardiology_coordinator, world.ada_user, world.nobody):
        response = call(sign_in(user), method, url.format(**urls))
        assert response.status_code == 404, (user, url)
    assert GenerationRun.objects.count() == 1
    assert not GenerationRun.objects.get().cancel_requested
    assert Rota.objects.get(pk=urls["draft"]).status == RotaStatus.DRAFT
    assert list(CoverMix.objects.values_list("pk", flat=True)) == [urls["mix"]]
    assert not RotaPolicy.objects.exists()
    assert list(FixedRotaLine.objects.values_list("pk", flat=True)) == [urls["line"]]


@pytest.mark.parametrize(("method", "url"), COORDINATOR_PAGES)
def test_a_service_manager_sees_but_does_not_change(world, sign_in, urls, method, url):
    response = call(sign_in(world.service_manager), method, url.format(**urls))
    assert response.status_code == 403


@pytest.mark.parametrize(("method", "url"), VIEWER_PAGES)
def test_a_service_manager_sees_runs_cover_and_comparisons(world, sign_in, urls, method, url):
    assert call(sign_in(world.service_manager), method, url.format(**urls)).status_code == 200


@pytest.mark.parametrize(("method", "url"), COORDINATOR_PAGES + VIEWER_PAGES)
def test_signed_out_users_are_sent_to_sign_in(client, urls, method, url):
    response = call(client, method, url.format(**urls))
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
