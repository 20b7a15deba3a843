"""The department list and page, and GET /api/departments: each user sees only their own."""

import pytest

from tests.factories.rotas import RotaFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def test_coordinator_sees_only_their_department_with_its_doctor_count(world, sign_in):
    response = sign_in(world.coordinator).get("/departments/")
    assert "Cardiology" not in response.content.decode()
    assert f'href="/departments/{world.acute.pk}/"' in response.content.decode()
    site = world.acute.site.name
    assert f"Acute medicine Site {site} Treatment function code 300 Doctors 2" in page_text(
        response
    )


def test_medical_staffing_sees_every_department(world, sign_in):
    html = sign_in(world.staffing).get("/departments/").content.decode()
    assert "Acute medicine" in html
    assert "Cardiology" in html


def test_user_without_a_role_sees_no_departments(world, sign_in):
    response = sign_in(world.nobody).get("/departments/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "You have no departments to see" in html
    assert "Acute medicine" not in html


def test_department_page_lists_rotas_with_period_status_and_version(world, sign_in):
    RotaFactory(department=world.acute, name="Acute medicine SHOs", status="draft")
    html = sign_in(world.coordinator).get(f"/departments/{world.acute.pk}/").content.decode()
    assert "Acute medicine registrars" in html
    assert "Mon 3 Aug 2026 to Sun 31 Jan 2027" in html
    assert "nhsuk-tag--green" in html
    assert "Published" in html
    assert "nhsuk-tag--grey" in html
    assert "Draft" in html
    assert f'href="/rotas/{world.rota.pk}/"' in html
    assert f"/doctors/?department={world.acute.pk}" in html


def test_booking_coordinator_sees_rotas_but_no_link_to_doctors(world, sign_in):
    html = sign_in(world.booking_coordinator).get(f"/departments/{world.acute.pk}/")
    html = html.content.decode()
    assert "Acute medicine registrars" in html
    assert "/doctors/?department=" not in html


def test_coordinator_cannot_see_other_department(world, sign_in):
    response = sign_in(world.coordinator).get(f"/departments/{world.cardiology.pk}/")
    assert response.status_code == 404
    assert "Cardiology SHOs" not in response.content.decode()


def test_user_without_a_role_cannot_open_a_department(world, sign_in):
    assert sign_in(world.nobody).get(f"/departments/{world.acute.pk}/").status_code == 404


def test_doctor_does_not_see_department_pages(world, sign_in):
    assert sign_in(world.ada_user).get(f"/departments/{world.acute.pk}/").status_code == 404


def test_api_departments_lists_only_the_users_departments(world, sign_in):
    body = sign_in(world.coordinator).get("/api/departments").json()
    assert body == [
        {
            "id": world.acute.pk,
            "name": "Acute medicine",
            "code": "acute-medicine",
            "site": world.acute.site.name,
            "treatment_function_code": "300",
            "doctor_count": 2,
        }
    ]


def test_api_departments_for_medical_staffing_lists_all(world, sign_in):
    names = [d["name"] for d in sign_in(world.staffing).get("/api/departments").json()]
    assert names == ["Acute medicine", "Cardiology"]


def test_api_departments_for_user_without_a_role_is_empty(world, sign_in):
    assert sign_in(world.nobody).get("/api/departments").json() == []
