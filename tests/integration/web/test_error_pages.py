"""The pages shown when something goes wrong: NHS.UK pages in the service manual's words,
that never say more than the user may know."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils.functional import SimpleLazyObject

from rotaplan.web import errors, views
from tests.page_text import page_text


def test_debug_is_off_so_the_error_handlers_apply():
    assert settings.DEBUG is False


@pytest.mark.django_db
def test_other_department_doctor_is_page_not_found_without_their_name(world, sign_in):
    response = sign_in(world.coordinator).get(f"/doctors/{world.carys.pk}/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "nhsuk-header" in html
    text = page_text(response)
    assert text.startswith("Page not found")
    assert "If you typed the web address, check it is correct." in text
    assert "If you pasted the web address, check you copied the entire address." in text
    assert "Carys" not in html
    assert "Hughes" not in html


@pytest.mark.django_db
def test_unknown_address_is_page_not_found(world, sign_in):
    response = sign_in(world.coordinator).get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in page_text(response)


@pytest.mark.django_db
def test_unknown_address_in_development_is_our_page_not_djangos(world, sign_in, settings):
    """``make run`` has DEBUG on; Django's debug 404 would list every URL pattern."""
    settings.DEBUG = True
    response = sign_in(world.coordinator).get("/no-such-page/")
    assert response.status_code == 404
    assert page_text(response).startswith("Page not found")
    assert "nhsuk-header" in response.content.decode()
    assert "URLconf" not in response.content.decode()


@pytest.mark.django_db
def test_record_out_of_reach_in_development_is_our_page_without_their_name(
    world, sign_in, settings
):
    settings.DEBUG = True
    response = sign_in(world.coordinator).get(f"/doctors/{world.carys.pk}/")
    html = response.content.decode()
    assert response.status_code == 404
    assert page_text(response).startswith("Page not found")
    assert "nhsuk-header" in html
    assert "Carys Hughes" not in html  # the header names the coordinator, who may share one
    assert world.carys.gmc_number not in html


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [True, False])
def test_unknown_api_address_answers_json_in_the_error_shape(world, sign_in, settings, debug):
    settings.DEBUG = debug
    response = sign_in(world.coordinator).get("/api/no-such-endpoint")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found.", "errors": []}


@pytest.mark.django_db
def test_an_address_without_its_slash_is_still_redirected(world, sign_in, settings):
    settings.DEBUG = True
    response = sign_in(world.coordinator).get("/doctors")
    assert response.status_code == 301
    assert response["Location"] == "/doctors/"


@pytest.mark.django_db
def test_refused_page_says_who_to_ask(world, sign_in):
    response = sign_in(world.coordinator).get("/audit/")
    text = page_text(response)
    assert response.status_code == 403
    assert "nhsuk-header" in response.content.decode()
    assert "You do not have permission to see this page" in text
    assert "ask your medical staffing team" in text
    assert world.coordinator.get_full_name() in text  # still signed in, header and all


@pytest.mark.django_db
def test_form_sent_without_its_csrf_token_gets_an_nhs_page(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.coordinator)
    response = client.post(f"/doctors/{world.ada.pk}/edit/", {"first_name": "Adaeze"})
    assert response.status_code == 403
    assert "nhsuk-header" in response.content.decode()
    assert "Sorry, your form could not be sent" in page_text(response)
    world.ada.refresh_from_db()
    assert world.ada.first_name == "Ada"


@pytest.mark.django_db
def test_a_crash_shows_there_is_a_problem_with_the_service(world, sign_in, monkeypatch):
    def broken(user):
        raise RuntimeError("Dr Ada Patel's record is on fire")

    monkeypatch.setattr(views, "home_sections", broken)
    client = sign_in(world.coordinator)
    client.raise_request_exception = False
    response = client.get("/")
    text = page_text(response)
    assert response.status_code == 500
    assert "nhsuk-header" in response.content.decode()
    assert "Sorry, there is a problem with the service" in text
    assert "Try again later." in text
    assert "Patel" not in text


def test_the_500_page_needs_neither_the_database_nor_the_user():
    """No ``db`` fixture: any query fails the test. The user cannot even be loaded."""

    def unusable_user():
        raise RuntimeError("the session store is down")

    request = RequestFactory().get("/doctors/")
    request.user = SimpleLazyObject(unusable_user)
    response = errors.server_error(request)
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in page_text(response)
    assert "nhsuk-header" in response.content.decode()


def test_the_500_page_survives_its_own_template_failing(monkeypatch):
    def broken_template(name):
        raise RuntimeError("template missing")

    monkeypatch.setattr(errors, "get_template", broken_template)
    response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in page_text(response)
    assert "Try again later." in page_text(response)


def test_favicon_ico_leads_to_the_nhs_icon_without_a_permanent_redirect(client):
    """The icon's hashed name changes with a release; a permanent redirect would be kept."""
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("favicon.ico")
    assert "nhsuk/assets/images/" in response["Location"]
