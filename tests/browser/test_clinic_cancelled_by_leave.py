"""A consultant's leave cancels a clinic, end to end in a real browser: the coordinator
sees on the leave decision page the clinic the leave would affect and approves it; the
session is then "clinician away", and the coordinator cancels it inside the notice
window; a service manager approves the short-notice change; the booking coordinator
finds its patients on the rebooking list."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from rotaplan.clinics.models import ClinicSession, RebookingEntry, SessionStatus
from rotaplan.engine.clock import is_bank_holiday
from rotaplan.leave.models import LeaveStatus
from rotaplan.people.grades import Contract, Grade
from rotaplan.people.models import Role
from tests.factories.clinics import AppointmentFactory, ClinicSessionFactory, ClinicTemplateFactory
from tests.factories.leave import LeaveRecordFactory
from tests.factories.organisation import DepartmentFactory
from tests.factories.people import PASSWORD, DoctorFactory, UserFactory, user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def clinic_day() -> date:
    """A weekday two weeks ahead: inside the 6-week notice window, not a bank holiday."""
    day = date.today() + timedelta(days=14)
    while day.weekday() >= 5 or is_bank_holiday(day):
        day += timedelta(days=1)
    return day


@pytest.fixture
def cardiology():
    department = DepartmentFactory(name="Cardiology", code="cardiology")
    omar = DoctorFactory(
        first_name="Omar",
        last_name="Said",
        department=department,
        grade=Grade.CONSULTANT,
        contract=Contract.CONSULTANT_2003,
        post_start=date(2020, 1, 1),
        post_end=None,
    )
    UserFactory(username="omar", doctor=omar)
    day = clinic_day()
    template = ClinicTemplateFactory(
        department=department,
        clinician=omar,
        name="Cardiology follow-up clinic",
        weekday=day.weekday(),
        start=time(9),
        end=time(13),
        valid_from=day - timedelta(days=7),
    )
    session = ClinicSessionFactory(template=template, date=day)
    AppointmentFactory(session=session, patient_name="Nia Evans", nhs_number="9434765919")
    AppointmentFactory(session=session, patient_name="Rhys Morgan", nhs_number="9434765870")
    request = LeaveRecordFactory(doctor=omar, start=day, end=day, status=LeaveStatus.REQUESTED)
    user_with_role(Role.ROTA_COORDINATOR, department, username="gemma")
    user_with_role(Role.SERVICE_MANAGER, department, username="sam")
    user_with_role(Role.BOOKING_COORDINATOR, department, username="bella")
    return {"session": session, "request": request, "department": department}


def signed_in(browser: Browser, site: str, username: str) -> Page:
    context: BrowserContext = browser.new_context(
        base_url=site,
        viewport={"width": 375, "height": 800},
        locale="en-GB",
        timezone_id="Europe/London",
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/sign-in/"))
    return page


def test_leave_cancels_a_clinic_approved_at_short_notice_and_its_patients_are_rebooked(
    browser: Browser, live_server, cardiology
):
    session = cardiology["session"]

    # The coordinator sees the clinic on the leave decision page, then approves.
    gemma = signed_in(browser, live_server.url, "gemma")
    gemma.goto(f"/leave/{cardiology['request'].pk}/")
    main = gemma.locator("main")
    expect(main).to_contain_text("Cardiology follow-up clinic, 2 patients booked")
    expect(main).to_contain_text("inside the 6-week notice window")
    main.get_by_label("Approve", exact=True).check()
    main.get_by_role("button", name="Save decision").click()
    expect(gemma.locator("main")).to_contain_text("is approved")
    session.refresh_from_db()
    assert session.status == SessionStatus.CLINICIAN_AWAY

    # She cancels the session: short notice, so it waits for a service manager.
    gemma.goto(f"/clinics/sessions/{session.pk}/")
    main = gemma.locator("main")
    expect(main).to_contain_text("Clinician away")
    expect(main).to_contain_text("Nia Evans")
    main.get_by_label("Cancel it: its patients go to the rebooking list").check()
    main.get_by_label("Reason").fill("Consultant on leave")
    main.get_by_role("button", name="Save the change").click()
    expect(gemma.locator("main")).to_contain_text("waits for a service manager")
    assert gemma.evaluate("document.documentElement.scrollWidth") <= 375

    # The service manager approves it from the home page.
    sam = signed_in(browser, live_server.url, "sam")
    sam.locator("main").get_by_role("link", name="Clinic changes to approve: 1").click()
    main = sam.locator("main")
    expect(main).to_contain_text("Cardiology follow-up clinic")
    main.get_by_label("Approve", exact=True).check()
    main.get_by_role("button", name="Save the decision").click()
    expect(sam.locator("main")).to_contain_text("is approved")
    assert ClinicSession.objects.get(pk=session.pk).status == SessionStatus.CANCELLED

    # The booking coordinator finds both patients to rebook.
    bella = signed_in(browser, live_server.url, "bella")
    bella.locator("main").get_by_role("link", name="Patients to rebook: 2").click()
    main = bella.locator("main")
    expect(main).to_contain_text("Nia Evans")
    expect(main).to_contain_text("943 476 5919")
    expect(main).to_contain_text("Rhys Morgan")
    expect(main).to_contain_text("Consultant on leave")
    assert RebookingEntry.objects.count() == 2
