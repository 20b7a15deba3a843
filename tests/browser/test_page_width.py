"""Pages fit the screen: on a phone and on a desktop, a four-week rota grid and a doctor
with a very long name scroll inside the grid, never the whole page sideways."""

from __future__ import annotations

import re
from datetime import time, timedelta

import pytest
from playwright.sync_api import Browser, expect

from rotaplan.people.models import Role
from tests.factories.organisation import DepartmentFactory
from tests.factories.people import PASSWORD, DoctorFactory, user_with_role
from tests.factories.rotas import AssignmentFactory, RotaFactory, ShiftTypeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_NAME = "Bartholomew-Alexander " * 4  # 87 characters once stripped: the column holds 100


@pytest.fixture
def wide_rota():
    acute = DepartmentFactory(name="Acute medicine", code="acute-medicine")
    rota = RotaFactory(department=acute, name="Acute medicine juniors")
    night = ShiftTypeFactory(department=acute, code="N", name="Night", start=time(20), end=time(8))
    long_named = DoctorFactory(
        first_name=LONG_NAME.strip(), last_name="Okonkwo-Fitzwilliam", department=acute
    )
    for offset in range(0, 28, 3):
        AssignmentFactory(
            rota=rota,
            doctor=long_named,
            shift_type=night,
            date=rota.period_start + timedelta(offset),
        )
    coordinator = user_with_role(Role.ROTA_COORDINATOR, acute, username="coordinator")
    return rota, coordinator, long_named


@pytest.mark.parametrize("width", [375, 1280])
def test_pages_with_a_four_week_grid_or_a_long_name_do_not_scroll_sideways(
    browser: Browser, live_server, wide_rota, width
):
    rota, coordinator, long_named = wide_rota
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(coordinator.username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/sign-in/"))
    for path in (
        f"/rotas/{rota.pk}/?weeks=4",
        f"/rotas/{rota.pk}/compliance/",
        "/doctors/",
        f"/doctors/{long_named.pk}/",
    ):
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("main")).to_contain_text("Okonkwo-Fitzwilliam")
        page_width = page.evaluate("document.documentElement.scrollWidth")
        screen = page.evaluate("document.documentElement.clientWidth")
        assert page_width <= screen, f"{path} is {page_width}px wide on a {screen}px screen"
    context.close()
