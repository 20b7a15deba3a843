"""A coordinator writes a doctor's fixed rota line on a phone, in a real browser: from the
department's local rules, the form refuses a week of six days with the week named, keeps
what was typed, and saves the corrected line, which the page then lists."""

from __future__ import annotations

import re
from datetime import time

import pytest
from playwright.sync_api import Browser, expect

from rotaplan.people.models import Role
from rotaplan.rotas.models import FixedRotaLine
from tests.factories.organisation import DepartmentFactory
from tests.factories.people import PASSWORD, DoctorFactory, user_with_role
from tests.factories.rotas import ShiftTypeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def acute():
    acute = DepartmentFactory(name="Acute medicine", code="acute-medicine")
    ShiftTypeFactory(department=acute, code="D", name="Day", start=time(9), end=time(17))
    ShiftTypeFactory(department=acute, code="N", name="Night", start=time(20), end=time(8, 30))
    DoctorFactory(first_name="Ada", last_name="Patel", department=acute)
    user_with_role(Role.ROTA_COORDINATOR, acute, username="coordinator")
    return acute


def test_a_coordinator_writes_a_fixed_rota_line_on_a_phone(browser: Browser, live_server, acute):
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, locale="en-GB", timezone_id="Europe/London"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill("coordinator")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/sign-in/"))

    page.goto(f"{live_server.url}/rotas/departments/{acute.pk}/local-rules/")
    expect(page.get_by_text("No doctor has a fixed rota line.")).to_be_visible()
    page.get_by_role("link", name="Add a fixed rota line").click()
    page.get_by_label("Doctor").select_option(label="Dr Ada Patel")
    dates = page.get_by_role("group", name="Week 1 starts on")
    dates.get_by_label("Day").fill("1")
    dates.get_by_label("Month").fill("2")
    dates.get_by_label("Year").fill("2027")
    page.get_by_label("Shifts, one row a week").fill("D D D - - -\n- - - - N N N")
    page.get_by_role("button", name="Save fixed rota line").click()

    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Week 1 has 6 days")
    expect(page.get_by_label("Shifts, one row a week")).to_have_value("D D D - - -\n- - - - N N N")
    assert not FixedRotaLine.objects.exists()

    page.get_by_label("Shifts, one row a week").fill("D D D - - - -\n- - - - N N N")
    page.get_by_role("button", name="Save fixed rota line").click()

    expect(page).to_have_url(re.compile(r"/local-rules/$"))
    main = page.locator("main")
    expect(main).to_contain_text("The fixed rota line is saved")
    expect(main).to_contain_text("From Mon 1 Feb 2027, no end")
    expect(main).to_contain_text("Week 2: Fri N, Sat N, Sun N")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    context.close()
