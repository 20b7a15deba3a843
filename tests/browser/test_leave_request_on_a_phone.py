"""A doctor asks for leave on a phone, in a real browser: from the home page to "Your
leave", a two-digit year is refused with what was typed kept, and the corrected request
is sent and shows at once the night it clashes with; nothing is wider than the screen."""

from __future__ import annotations

import re
from datetime import date, time

import pytest
from playwright.sync_api import Browser, expect

from rotaplan.leave.models import LeaveRecord, LeaveStatus
from tests.factories.organisation import DepartmentFactory
from tests.factories.people import PASSWORD, DoctorFactory, UserFactory
from tests.factories.rotas import AssignmentFactory, RotaFactory, ShiftTypeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST = date(2027, 3, 10)  # a Wednesday, within the live server's planning horizon


@pytest.fixture
def ada():
    acute = DepartmentFactory(name="Acute medicine", code="acute-medicine")
    night = ShiftTypeFactory(
        department=acute, code="N", name="Night", start=time(20), end=time(8, 30)
    )
    doctor = DoctorFactory(
        first_name="Ada",
        last_name="Patel",
        department=acute,
        post_start=date(2026, 8, 5),
        post_end=date(2027, 8, 3),
    )
    rota = RotaFactory(
        department=acute,
        name="Acute medicine registrars",
        period_start=date(2027, 2, 1),
        period_end=date(2027, 3, 28),
    )
    AssignmentFactory(rota=rota, doctor=doctor, shift_type=night, date=FIRST)
    UserFactory(username="ada", doctor=doctor)
    return doctor


def test_a_doctor_asks_for_leave_on_a_phone(browser: Browser, live_server, ada):
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

    page.locator("main").get_by_role("link", name="Your leave").click()
    expect(page.get_by_role("heading", name="Your leave", exact=True)).to_be_visible()
    page.get_by_label("Type of leave").select_option(label="Annual leave")
    first = page.get_by_role("group", name="First day")
    first.get_by_label("Day").fill("10")
    first.get_by_label("Month").fill("3")
    first.get_by_label("Year").fill("27")
    last = page.get_by_role("group", name="Last day")
    last.get_by_label("Day").fill("12")
    last.get_by_label("Month").fill("3")
    last.get_by_label("Year").fill("2027")
    page.get_by_label("Note (optional)").fill("Wedding")
    page.get_by_role("button", name="Ask for leave").click()

    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the year with 4 numbers")
    expect(page.get_by_role("group", name="First day").get_by_label("Year")).to_have_value("27")
    expect(page.get_by_label("Note (optional)")).to_have_value("Wedding")
    assert not LeaveRecord.objects.exists()

    page.get_by_role("group", name="First day").get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Ask for leave").click()

    expect(page).to_have_url(re.compile(r"/leave/\d+/$"))
    main = page.locator("main")
    expect(main).to_contain_text("Your request is sent")
    expect(main).to_contain_text("Wed 10 Mar 2027 to Fri 12 Mar 2027")
    expect(main).to_contain_text("Night (N), a night, on Wed 10 Mar 2027")
    assert LeaveRecord.objects.get().status == LeaveStatus.REQUESTED
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()
