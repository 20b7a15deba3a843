"""A coordinator adds a fifth night in a row to a draft rota, in a real browser: the
breach is shown before anything is saved, and the shift goes in only with a reason."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

import pytest
from playwright.sync_api import Page, expect

from rotaplan.people.models import Role
from rotaplan.rotas.models import Assignment, ComplianceOverride, RotaStatus
from tests.factories.organisation import DepartmentFactory
from tests.factories.people import PASSWORD, DoctorFactory, user_with_role
from tests.factories.rotas import AssignmentFactory, RotaFactory, ShiftTypeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_fifth_night_needs_a_reason_and_is_then_recorded(page: Page, live_server):
    acute = DepartmentFactory(name="Acute medicine", code="acute-medicine")
    rota = RotaFactory(department=acute, name="Acute juniors", status=RotaStatus.DRAFT)
    night = ShiftTypeFactory(department=acute, code="N", name="Night", start=time(20), end=time(8))
    ada = DoctorFactory(first_name="Ada", last_name="Patel", department=acute)
    for offset in range(4):
        AssignmentFactory(
            rota=rota, doctor=ada, shift_type=night, date=date(2026, 8, 3) + timedelta(offset)
        )
    coordinator = user_with_role(Role.ROTA_COORDINATOR, acute)

    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(coordinator.username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(f"{live_server.url}/rotas/{rota.pk}/shifts/add/")
    page.get_by_label("Doctor", exact=True).select_option(str(ada.pk))
    page.get_by_label("Day").fill("7")
    page.get_by_label("Month").fill("8")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Shift", exact=True).select_option(str(night.pk))
    page.get_by_role("button", name="Add shift").click()

    expect(page.get_by_text("This change breaks the rules")).to_be_visible()
    expect(page.get_by_text(re.compile(r"5 nights in a row"))).to_be_visible()
    assert Assignment.objects.filter(rota=rota).count() == 4

    page.get_by_label("Reason for going ahead").fill("No one else can cover Friday's night")
    page.get_by_role("button", name="Save with this reason").click()

    expect(page.get_by_role("region", name="Rota grid")).to_contain_text("Patel")
    assert Assignment.objects.filter(rota=rota).count() == 5
    override = ComplianceOverride.objects.get(rota=rota)
    assert override.reason == "No one else can cover Friday's night"
    assert override.made_by == coordinator
    assert "max-consecutive-nights" in {b["rule"] for b in override.breaches}
