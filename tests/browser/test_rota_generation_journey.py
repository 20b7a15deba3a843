"""A coordinator generates a small rota in a real browser, sees it finish, compares it
with the department's published rota and publishes it.

The task runs in the request here (django-tasks' immediate backend) rather than in a
worker, so the run's page opens finished; the integration tests cover the queue."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from rotaplan.rotas.models import GenerationRun, RotaStatus
from tests.factories.people import PASSWORD
from tests.factories.rotas import RotaFactory
from tests.integration.rotas.generation.generation_world import make_ward

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_coordinator_generates_compares_and_publishes(page: Page, live_server, settings):
    settings.TASKS = IMMEDIATE
    ward = make_ward()
    RotaFactory(department=ward.department, name="Acute medicine summer rota")

    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(ward.coordinator.username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(f"{live_server.url}/departments/{ward.department.pk}/")
    page.get_by_role("link", name="Generate a rota").click()
    page.get_by_label("Doctors in training").check()
    page.get_by_label("Time limit, in seconds").fill("5")
    page.get_by_role("button", name="Generate rota").click()

    expect(page.get_by_text("Finished")).to_be_visible(timeout=60_000)
    run = GenerationRun.objects.get()
    assert run.rota is not None
    expect(page.get_by_role("heading", name="Fairness")).to_be_visible()

    page.get_by_role("link", name=re.compile("Compare it with")).click()
    page.get_by_label("Acute medicine summer rota").check()
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_text("Cover and the rules")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Nights per WTE, spread")).to_be_visible()

    page.goto(f"{live_server.url}/rotas/{run.rota.pk}/")
    page.get_by_role("link", name="Publish this rota").click()
    page.get_by_role("button", name="Publish rota").click()
    expect(page.get_by_text(f"{run.rota.name} is published")).to_be_visible()
    run.rota.refresh_from_db()
    assert run.rota.status == RotaStatus.PUBLISHED
    assert run.rota.version == 2
