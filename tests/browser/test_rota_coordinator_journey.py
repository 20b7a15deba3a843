"""A rota coordinator's morning, in a real browser: sign in, open the rota, import the
incoming doctors, and see the one bad row named with nothing saved."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

import pytest
from playwright.sync_api import Page, expect

from rotaplan.people.models import Doctor, Role
from rotaplan.rotas.models import ShiftKind
from tests.factories.organisation import DepartmentFactory
from tests.factories.people import PASSWORD, DoctorFactory, user_with_role
from tests.factories.rotas import AssignmentFactory, RotaFactory, ShiftTypeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INCOMING_CSV = (
    "gmc_number,first_name,last_name,grade,department,post_start\n"
    "7300001,Priya,Shah,FY1,acute-medicine,2026-08-05\n"
    "73002,Tom,Evans,FY1,acute-medicine,2026-08-05\n"
    "7300003,Niamh,Byrne,CT1,acute-medicine,2026-08-05\n"
)


@pytest.fixture
def acute_rota():
    acute = DepartmentFactory(name="Acute medicine", code="acute-medicine")
    DoctorFactory(first_name="Carys", last_name="Hughes", department=DepartmentFactory())
    rota = RotaFactory(department=acute, name="Acute medicine juniors")
    night = ShiftTypeFactory(
        department=acute, code="N", name="Night", start=time(20), end=time(8, 30)
    )
    long_day = ShiftTypeFactory(department=acute, code="LD", name="Long day", kind=ShiftKind.WORK)
    ada = DoctorFactory(first_name="Ada", last_name="Patel", department=acute)
    for offset in range(4):
        AssignmentFactory(
            rota=rota, doctor=ada, shift_type=night, date=rota.period_start + timedelta(offset)
        )
    AssignmentFactory(rota=rota, doctor=ada, shift_type=long_day, date=date(2026, 8, 8))
    coordinator = user_with_role(Role.ROTA_COORDINATOR, acute, username="coordinator")
    return rota, coordinator


def test_coordinator_opens_rota_and_import_names_the_bad_row(page: Page, live_server, acute_rota):
    _rota, coordinator = acute_rota

    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/sign-in/"))
    page.get_by_label("Username").fill(coordinator.username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your departments")).to_be_visible()

    page.get_by_role("link", name="Acute medicine").first.click()
    page.get_by_role("link", name="Acute medicine juniors").click()
    grid = page.get_by_role("region", name="Rota grid")
    expect(grid).to_contain_text("Patel")
    expect(grid).not_to_contain_text("Hughes")
    # Four nights from Monday, then the Saturday long day on a shaded weekend column.
    ada_row = grid.get_by_role("row").filter(has_text="Patel")
    expect(ada_row.get_by_role("cell").nth(0)).to_contain_text("N")
    saturday = ada_row.get_by_role("cell").nth(5)
    expect(saturday).to_contain_text("LD")
    expect(saturday).to_have_class(re.compile(r"rp-weekend"))

    page.goto(f"{live_server.url}/doctors/import/")
    # The NHS.UK frontend's file upload: a button that opens the browser's file chooser.
    with page.expect_file_chooser() as chooser:
        page.get_by_label("Upload a file").click()
    chooser.value.set_files(
        {"name": "incoming.csv", "mimeType": "text/csv", "buffer": INCOMING_CSV.encode()}
    )
    page.get_by_role("button", name="Check and import").click()

    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    problems = page.get_by_role("table").filter(has_text="Problem")
    bad_row = problems.get_by_role("row").filter(has_text="73002")
    expect(bad_row).to_contain_text("3")
    expect(bad_row).to_contain_text("gmc_number")
    expect(bad_row).to_contain_text("7 digits")
    assert not Doctor.objects.filter(last_name__in=["Shah", "Evans", "Byrne"]).exists()
