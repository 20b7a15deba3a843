"""A coordinator on a 375 px phone sets the department's notice, adds a minimum staffing
rule by ticking grades and days, and records a doctor's days carried over: every page fits
the screen, none scrolls sideways."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import Browser, Page, expect

from rotaplan.leave.models import LeaveEntitlement, LeavePolicy, MinimumStaffing
from rotaplan.people.grades import Grade
from rotaplan.people.models import Role
from tests.factories.organisation import DepartmentFactory
from tests.factories.people import PASSWORD, DoctorFactory, user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page: Page, where: str) -> None:
    page_width = page.evaluate("document.documentElement.scrollWidth")
    screen = page.evaluate("document.documentElement.clientWidth")
    assert page_width <= screen, f"{where} is {page_width}px wide on a {screen}px screen"


def test_a_coordinator_sets_the_leave_rules_and_an_entitlement_on_a_phone(
    browser: Browser, live_server
):
    acute = DepartmentFactory(name="Acute medicine", code="acute-medicine")
    doctor = DoctorFactory(
        first_name="Ada",
        last_name="Patel-Okonkwo-Fitzwilliam",
        department=acute,
        grade=Grade.FY1,
        post_start=date(2025, 8, 6),
        post_end=None,
    )
    coordinator = user_with_role(Role.ROTA_COORDINATOR, acute, username="coordinator")
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(coordinator.username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/sign-in/"))

    page.goto(f"{live_server.url}/departments/{acute.pk}/")
    page.get_by_role("link", name="Leave rules").click()
    fits(page, "the leave rules")
    page.get_by_label("Weeks of notice").fill("4")
    page.get_by_role("button", name="Save leave policy").click()
    expect(page.locator("main")).to_contain_text("Notice of leave 4 weeks")

    page.get_by_role("link", name="Add a minimum staffing rule").click()
    fits(page, "the minimum staffing form")
    page.get_by_label("FY1 (foundation year 1)").check()
    page.get_by_label("FY2 (foundation year 2)").check()
    page.get_by_label("At least this many available").fill("3")
    page.get_by_label("Saturday").check()
    page.get_by_label("Sunday").check()
    page.get_by_role("button", name="Save rule").click()
    expect(page.locator("main")).to_contain_text(
        "At least 3 of FY1, FY2 available on Saturdays and Sundays"
    )
    fits(page, "the leave rules with a rule")

    page.get_by_role("link", name=re.compile("Leave entitlements of")).click()
    fits(page, "the leave entitlements")
    page.get_by_role("link", name=re.compile("Patel-Okonkwo")).click()
    fits(page, "the entitlement form")
    page.get_by_label("Days carried over").fill("2.5")
    page.get_by_role("button", name="Save entitlement").click()
    expect(page.locator("main")).to_contain_text("Carried over")
    fits(page, "the leave entitlements after a change")
    context.close()

    assert LeavePolicy.objects.get(department=acute).notice_weeks == 4
    assert MinimumStaffing.objects.get().weekdays == [5, 6]
    assert LeaveEntitlement.objects.get(doctor=doctor).carried_over == Decimal("2.5")
