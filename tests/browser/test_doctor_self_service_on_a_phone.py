"""A doctor on a phone, in a real browser: opens their rota, asks a colleague to swap a
night for a long day, and makes a calendar feed whose address, fetched as a calendar app
would, lists their shifts. No page scrolls sideways on a 375 px screen."""

from __future__ import annotations

import re
from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from rotaplan.people.grades import Grade
from rotaplan.selfservice.models import ShiftSwap, SwapStatus
from tests.factories.organisation import DepartmentFactory
from tests.factories.people import PASSWORD, DoctorFactory, UserFactory
from tests.factories.rotas import AssignmentFactory, RotaFactory, ShiftTypeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def acute():
    today = timezone.localdate()
    acute = DepartmentFactory(name="Acute medicine", code="acute-medicine")
    night = ShiftTypeFactory(
        department=acute, code="N", name="Night", start=time(20), end=time(8, 30)
    )
    long_day = ShiftTypeFactory(
        department=acute, code="LD", name="Long day", start=time(8, 30), end=time(21)
    )
    rota = RotaFactory(
        department=acute,
        name="Acute medicine registrars",
        period_start=today - timedelta(days=7),
        period_end=today + timedelta(weeks=8),
    )
    ada = DoctorFactory(first_name="Ada", last_name="Patel", grade=Grade.ST3, department=acute)
    dan = DoctorFactory(first_name="Dan", last_name="Reid", grade=Grade.ST4, department=acute)
    UserFactory(username="ada", doctor=ada)
    AssignmentFactory(rota=rota, doctor=ada, shift_type=night, date=today + timedelta(days=3))
    AssignmentFactory(rota=rota, doctor=dan, shift_type=long_day, date=today + timedelta(days=9))
    return ada, dan


def fits_the_screen(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    screen = page.evaluate("document.documentElement.clientWidth")
    assert width <= screen, f"{page.url} is {width}px wide on a {screen}px screen"


def test_a_doctor_swaps_a_shift_and_subscribes_to_their_rota_on_a_phone(
    browser: Browser, live_server, acute
):
    ada, dan = acute
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, locale="en-GB", timezone_id="Europe/London"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/sign-in/"))

    page.get_by_role("link", name="Your rota").first.click()
    expect(page.get_by_role("heading", name="Your rota")).to_be_visible()
    expect(page.locator("main")).to_contain_text("N Night 20:00 to 08:30")
    expect(page.locator("main")).to_contain_text("Today")
    fits_the_screen(page)

    page.get_by_role("link", name=re.compile(r"^Swap")).first.click()
    page.get_by_label("Colleague").select_option(label="Dr Dan Reid (Specialty trainee year 4)")
    page.get_by_role("button", name="Show their shifts").click()
    page.get_by_label(re.compile(r"LD Long day 08:30 to 21:00")).check()
    page.get_by_label("Note to your colleague (optional)").fill("Family wedding")
    fits_the_screen(page)
    page.get_by_role("button", name="Ask for the swap").click()
    expect(page.locator("main")).to_contain_text("Dr Dan Reid has been asked to swap")
    expect(page.locator("main")).to_contain_text("Waiting for your colleague")
    fits_the_screen(page)
    swap = ShiftSwap.objects.get()
    assert (swap.requester, swap.colleague, swap.status) == (ada, dan, SwapStatus.WAITING)

    page.goto(f"{live_server.url}/my/calendar/")
    page.get_by_role("button", name="Make a calendar feed").click()
    address = page.get_by_label("Your calendar feed address").input_value()
    assert re.fullmatch(r"http://.+/calendar/[A-Za-z0-9_-]{43,}\.ics", address), address
    fits_the_screen(page)
    context.clear_cookies()  # the calendar app has no session
    feed = context.request.get(address)
    assert feed.status == 200
    assert "BEGIN:VCALENDAR" in feed.text()
    assert "SUMMARY:N Night 20:00 to 08:30" in feed.text()
    context.close()
