"""The demo trust's leave rules and entitlements are reached by following links from the
home page, as the production crawl does: acute medicine's coordinator finds its policy,
its minimum staffing rule with a way to remove it, and each doctor's entitlement; its
service manager reads the rules without the means to change them."""

from __future__ import annotations

import pytest
from django.test import Client

from rotaplan.demo.command import build_demo
from rotaplan.demo.staffing import MIN_DOCTORS
from rotaplan.demo.trust import ACUTE_MEDICINE
from rotaplan.demo.users import DEMO_PASSWORD
from rotaplan.organisation.models import Department
from tests.page_markup import markup
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    """The demo trust is built as on any day: the leave pages' frozen June is not its."""
    return


def followed(client: Client, start: str, *path_parts: str) -> str:
    """The first link from ``start`` through pages whose addresses hold each part in turn."""
    page = start
    for part in path_parts:
        response = client.get(page)
        assert response.status_code == 200, page
        page = next(link for link in markup(response.content.decode(), page).pages if part in link)
    return page


def signed_in(client: Client, username: str) -> Client:
    client.logout()
    answer = client.post("/sign-in/", {"username": username, "password": DEMO_PASSWORD})
    assert answer.status_code == 302
    return client


def test_the_demo_trusts_leave_rules_and_entitlements_are_reached_from_the_home_page(client):
    build_demo(seed=1, doctors=MIN_DOCTORS)
    acute = Department.objects.get(code=ACUTE_MEDICINE)
    department = f"/departments/{acute.pk}/"

    coordinator = signed_in(client, "coordinator")
    rules = followed(coordinator, "/", "/departments/", department, "/rules/")
    page = coordinator.get(rules)
    shown = page_text(page)
    assert page.status_code == 200
    assert "Notice of leave 6 weeks" in shown
    assert "No more than one of the rota's doctors away at once" in shown
    assert any("/minimum-staffing/" in f for f in markup(page.content.decode(), rules).forms_posted)
    entitlements = followed(coordinator, rules, "/entitlements/")
    edit = coordinator.get(followed(coordinator, entitlements, "/entitlements/"))
    assert edit.status_code == 200
    assert "Left to book" in page_text(edit)

    manager = signed_in(client, "manager")
    read = manager.get(followed(manager, "/", "/departments/", department, "/rules/"))
    assert read.status_code == 200
    assert "Remove" not in page_text(read)
    assert manager.get(entitlements).status_code == 200
