"""Pages in a real browser under the Content-Security-Policy: the NHS.UK frontend's and
htmx's scripts run, nothing is refused, and nothing (no font, no Swagger UI) is fetched
from any host but ours."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request, expect

from rotaplan.people.models import Role
from tests.factories.organisation import DepartmentFactory
from tests.factories.people import PASSWORD, DoctorFactory, user_with_role
from tests.factories.rotas import RotaFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_run_their_scripts_under_the_policy_with_nothing_from_another_host(
    page: Page, live_server
):
    acute = DepartmentFactory(name="Acute medicine", code="acute-medicine")
    DoctorFactory(first_name="Ada", last_name="Patel", department=acute)
    rota = RotaFactory(department=acute, name="Acute medicine juniors")
    staffing = user_with_role(Role.MEDICAL_STAFFING, username="staffing")
    ours = urlsplit(live_server.url).netloc
    errors: list[str] = []
    elsewhere: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if _is_error(m) else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: elsewhere.append(r.url) if _host(r) != ours else None)

    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill(staffing.username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")

    for path in [
        "/",
        "/doctors/",
        f"/departments/{acute.pk}/",
        f"/rotas/{rota.pk}/",
        f"/rotas/{rota.pk}/compliance/",
        "/doctors/import/",
    ]:
        page.goto(f"{live_server.url}{path}")
        # Set by rotaplan/js-enabled.js: the page's scripts ran.
        expect(page.locator("body")).to_contain_class("js-enabled nhsuk-frontend-supported")
        page.wait_for_load_state("networkidle")
    # The NHS.UK frontend's components started (rotaplan/nhsuk-start.js): the file upload
    # is its drop zone, not the bare input.
    expect(page.locator(".nhsuk-file-upload__drop-button")).to_be_visible()

    page.goto(f"{live_server.url}/api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Rotaplan API")
    page.wait_for_load_state("networkidle")

    assert errors == []
    assert elsewhere == []


def _is_error(message: ConsoleMessage) -> bool:
    return message.type == "error"


def _host(request: Request) -> str:
    return urlsplit(request.url).netloc


def test_the_django_admin_works_under_the_policy(page: Page, live_server):
    """The admin is Django's own pages: its scripts and styles are files too, and the
    policy refuses none of them."""
    acute = DepartmentFactory(name="Acute medicine", code="acute-medicine")
    doctor = DoctorFactory(first_name="Ada", last_name="Patel", department=acute)
    admin = user_with_role(Role.ADMINISTRATOR, username="admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if _is_error(m) else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(admin.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    for path in ["/admin/", "/admin/people/doctor/", f"/admin/people/doctor/{doctor.pk}/change/"]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        expect(page.locator("#site-name")).to_be_visible()

    assert errors == []
