import re
from datetime import date

import pytest
import time_machine

from rotaplan.people.models import Role
from tests.factories.organisation import DepartmentFactory
from tests.factories.people import PASSWORD, UserFactory, user_with_role
from tests.factories.rotas import RotaFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def test_home_asks_for_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_sign_in_page_uses_nhsuk_frontend(client):
    response = client.get("/sign-in/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-header" in html
    assert "/static/rotaplan/nhsuk.css" in html


def test_wrong_password_shows_error_summary(client):
    user = UserFactory()
    response = client.post("/sign-in/", {"username": user.username, "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "nhsuk-error-summary" in html
    assert "Enter a correct username and password. Both are case-sensitive." in html


def test_an_empty_form_names_each_field_that_is_missing(client):
    """NHS service manual: the error summary and each field say what to enter."""
    response = client.post("/sign-in/", {"username": "", "password": ""})
    html = response.content.decode()
    assert "There is a problem Enter your username Enter your password" in page_text(response)
    assert re.search(r'href="#username"\s*>\s*Enter your username', html)
    assert re.search(r'href="#password"\s*>\s*Enter your password', html)
    assert html.count('class="nhsuk-error-message"') == 2
    assert "Enter a correct username and password" not in html


def test_a_missing_password_names_only_the_password(client):
    response = client.post("/sign-in/", {"username": "ada", "password": ""})
    assert "There is a problem Enter your password" in page_text(response)
    assert "Enter your username" not in page_text(response)


def test_rota_coordinator_lands_on_their_departments(client):
    department = DepartmentFactory(name="Acute medicine")
    DepartmentFactory(name="Cardiology")
    user = user_with_role(Role.ROTA_COORDINATOR, department)
    client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
    html = client.get("/").content.decode()
    assert "Your departments" in html
    assert "Acute medicine" in html
    assert "Cardiology" not in html


def test_user_without_role_is_told_to_ask_for_one(client):
    user = UserFactory()
    client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
    assert "You have no role in Rotaplan yet" in client.get("/").content.decode()


def test_sign_out_ends_the_session(client):
    user = UserFactory()
    client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
    client.post("/sign-out/")
    assert client.get("/").status_code == 302


def test_coordinator_home_links_to_current_rotas_of_their_departments(client):
    department = DepartmentFactory(name="Acute medicine")
    RotaFactory(department=department, name="Juniors autumn", period_end=date(2026, 12, 31))
    RotaFactory(
        department=department,
        name="Juniors last spring",
        period_start=date(2026, 2, 2),
        period_end=date(2026, 7, 31),
    )
    RotaFactory(
        department=DepartmentFactory(name="Cardiology"),
        name="Cardiology registrars",
        period_end=date(2026, 12, 31),
    )
    user = user_with_role(Role.ROTA_COORDINATOR, department)
    client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
    with time_machine.travel(date(2026, 11, 22), tick=False):
        html = client.get("/").content.decode()
    assert "Acute medicine: Juniors autumn" in html
    assert "Juniors last spring" not in html
    assert "Cardiology registrars" not in html
