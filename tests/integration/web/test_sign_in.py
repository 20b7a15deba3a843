from datetime import date

import pytest
import time_machine

from rotaplan.people.models import Role
from tests.factories.organisation import DepartmentFactory
from tests.factories.people import PASSWORD, UserFactory, user_with_role
from tests.factories.rotas import RotaFactory

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
    assert "/static/nhsuk/nhsuk-frontend.min.css" in html


def test_wrong_password_shows_error_summary(client):
    user = UserFactory()
    response = client.post("/sign-in/", {"username": user.username, "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "nhsuk-error-summary" in html


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
