"""The coordinator's day end to end, in a real browser: a doctor subscribes to her
calendar and asks for leave on a phone; the coordinator sees, before deciding, the night
it would leave short and who could cover it, approves it, and offers the gap to that
colleague, who accepts on his phone; the doctor's calendar feed then has the leave and no
longer the night, and the colleague's rota has it."""

from __future__ import annotations

import re
import urllib.request
from datetime import date, time

import pytest
from icalendar import Calendar
from playwright.sync_api import Browser, BrowserContext, Page, expect

from rotaplan.cover.models import Gap, GapStatus
from rotaplan.leave.models import LeaveRecord, LeaveStatus
from rotaplan.people.models import Role
from rotaplan.rotas.models import Assignment, RotaChange
from tests.factories.organisation import DepartmentFactory
from tests.factories.people import PASSWORD, DoctorFactory, UserFactory, user_with_role
from tests.factories.rotas import (
    AssignmentFactory,
    CoverRequirementFactory,
    RotaFactory,
    ShiftTypeFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NIGHT_OF_LEAVE = date(2027, 3, 10)  # a Wednesday, within the planning horizon until 2029
PHONE = {"width": 375, "height": 800}


@pytest.fixture
def acute():
    department = DepartmentFactory(name="Acute medicine", code="acute-medicine")
    night = ShiftTypeFactory(
        department=department, code="N", name="Night", start=time(20), end=time(8, 30)
    )
    # Two doctors on Wednesday nights: Ada and Bea, on the night of her leave.
    CoverRequirementFactory(shift_type=night, weekday=2, minimum=2, ideal=2)
    rota = RotaFactory(
        department=department,
        name="Acute medicine registrars",
        period_start=date(2027, 2, 1),
        period_end=date(2027, 3, 28),
    )

    def registrar(first: str, last: str, username: str):
        doctor = DoctorFactory(
            first_name=first,
            last_name=last,
            department=department,
            post_start=date(2026, 8, 5),
            post_end=date(2027, 8, 3),
        )
        UserFactory(username=username, doctor=doctor)
        return doctor

    ada = registrar("Ada", "Patel", "ada")
    bea = registrar("Bea", "Okafor", "bea")
    cai = registrar("Cai", "Jones", "cai")
    for doctor in (ada, bea):
        AssignmentFactory(rota=rota, doctor=doctor, shift_type=night, date=NIGHT_OF_LEAVE)
    AssignmentFactory(rota=rota, doctor=cai, shift_type=night, date=date(2027, 3, 1))
    user_with_role(Role.ROTA_COORDINATOR, department, username="gemma")
    return {"ada": ada, "cai": cai, "rota": rota}


def signed_in(browser: Browser, site: str, username: str, viewport: dict | None = None) -> Page:
    context: BrowserContext = browser.new_context(
        base_url=site,
        viewport=viewport or {"width": 1280, "height": 900},
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


def feed_events(address: str) -> dict[str, str]:
    """The feed's events by UID, each its summary and start."""
    with urllib.request.urlopen(address, timeout=20) as answer:
        calendar = Calendar.from_ical(answer.read())
    return {
        str(event["uid"]): f"{event['summary']} {event.decoded('dtstart')}"
        for event in calendar.walk("VEVENT")
    }


def fits_the_screen(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_leave_asked_on_a_phone_is_decided_and_its_gap_filled(browser: Browser, live_server, acute):
    night = Assignment.objects.get(doctor=acute["ada"])

    # Ada, on her phone, subscribes to her calendar: it has her night.
    ada = signed_in(browser, live_server.url, "ada", PHONE)
    ada.locator("main").get_by_role("link", name="Calendar feed").click()
    ada.get_by_role("button", name="Make a calendar feed").click()
    address = ada.get_by_label("Your calendar feed address").input_value()
    fits_the_screen(ada)
    assert f"shift-{night.pk}@" in " ".join(feed_events(address))

    # She asks for the three days of her night off.
    ada.goto("/")
    ada.locator("main").get_by_role("link", name="Your leave").click()
    ada.get_by_label("Type of leave").select_option(label="Annual leave")
    for group, day in (("First day", "10"), ("Last day", "12")):
        fields = ada.get_by_role("group", name=group)
        fields.get_by_label("Day").fill(day)
        fields.get_by_label("Month").fill("3")
        fields.get_by_label("Year").fill("2027")
    ada.get_by_role("button", name="Ask for leave").click()
    expect(ada.locator("main")).to_contain_text("Your request is sent")
    fits_the_screen(ada)

    # Gemma, the coordinator, sees the impact before she decides, and approves.
    gemma = signed_in(browser, live_server.url, "gemma")
    gemma.locator("main").get_by_role(
        "link", name=re.compile("Leave waiting for a decision")
    ).click()
    gemma.get_by_role("link", name="Wed 10 Mar 2027 to Fri 12 Mar 2027").click()
    impact = gemma.locator("main")
    expect(impact).to_contain_text("Night (N) on Wed 10 Mar 2027: 1 on, at least 2 needed")
    expect(impact).to_contain_text("Dr Cai Jones")
    gemma.get_by_label("Approve").check()
    gemma.get_by_role("button", name="Save decision").click()
    expect(gemma.locator("main")).to_contain_text("Approved")
    assert LeaveRecord.objects.get().status == LeaveStatus.APPROVED
    assert not Assignment.objects.filter(pk=night.pk).exists()

    # The night is in the gap register; she offers it to Cai, the candidate.
    gemma.goto("/cover/gaps/")
    gemma.get_by_role("link", name="Wed 10 Mar 2027").click()
    expect(gemma.locator("main")).to_contain_text("Dr Ada Patel")
    gemma.get_by_label(re.compile("Dr Cai Jones")).check()
    gemma.get_by_role("button", name="Offer the shift").click()
    expect(gemma.locator("main")).to_contain_text("Offered")

    # Cai accepts on his phone.
    cai = signed_in(browser, live_server.url, "cai", PHONE)
    cai.goto("/my/offers/")
    cai.get_by_role("button", name=re.compile("Accept the shift on")).click()
    expect(cai.locator("main")).to_contain_text("You accepted the shift")
    fits_the_screen(cai)

    gap = Gap.objects.get()
    assert (gap.status, gap.filled_by) == (GapStatus.FILLED_INTERNALLY, acute["cai"])
    assert Assignment.objects.filter(doctor=acute["cai"], date=NIGHT_OF_LEAVE).exists()
    assert RotaChange.objects.count() == 2  # the leave, then the cover

    # Ada's feed has her leave and no longer the night.
    events = feed_events(address)
    assert not [uid for uid in events if uid.startswith(f"shift-{night.pk}@")]
    assert "Annual leave 2027-03-10" in events.values()
    for page in (ada, gemma, cai):
        page.context.close()
