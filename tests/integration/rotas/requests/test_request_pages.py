"""Doctors' rota requests on their pages: entered and withdrawn by a doctor or their
coordinator, refused to anyone else."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rotaplan.rotas.models import (
    RotaRequest,
)
from tests.factories.rotas import (
    RotaRequestFactory,
)
from tests.integration.rotas.pages import call, date_fields
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def test_a_doctor_enters_and_withdraws_their_own_request(world, sign_in, settings):
    client = sign_in(world.ada_user)
    saturday = date.today() + timedelta(days=(5 - date.today().weekday()) % 7 + 7)
    data = {"kind": "off", "weight": "3", "note": "Wedding"}
    data |= date_fields("first_date", saturday) | date_fields("last_date", saturday + timedelta(1))
    response = client.post("/rotas/requests/", data)
    assert response.status_code == 302, page_text(response)
    request = RotaRequest.objects.get()
    assert (request.doctor, request.weight, request.created_by) == (world.ada, 3, world.ada_user)
    assert "Wedding" in page_text(client.get("/rotas/requests/"))
    assert client.post(f"/rotas/requests/{request.pk}/withdraw/").status_code == 302
    assert not RotaRequest.objects.exists()


def test_a_request_for_a_shift_names_the_shift(world, sign_in, night):
    client = sign_in(world.ada_user)
    day = date.today() + timedelta(days=10)
    data = {"kind": "on", "weight": "1"} | date_fields("first_date", day)
    text = page_text(client.post("/rotas/requests/", data))
    assert "Choose the shift wanted" in text
    response = client.post("/rotas/requests/", data | {"shift_type": str(night.pk)})
    assert response.status_code == 302
    assert RotaRequest.objects.get().last_date == day


def test_a_coordinator_enters_requests_for_the_departments_doctors(world, sign_in):
    client = sign_in(world.coordinator)
    day = date.today() + timedelta(days=10)
    data = {"doctor": str(world.bea.pk), "kind": "off", "weight": "2"} | date_fields(
        "first_date", day
    )
    url = f"/rotas/departments/{world.acute.pk}/requests/"
    assert client.post(url, data).status_code == 302
    assert RotaRequest.objects.get().doctor == world.bea
    # Another department's doctor is not a choice.
    refused = client.post(url, data | {"doctor": str(world.carys.pk)})
    assert "Select a valid choice" in page_text(refused)


def test_a_doctor_cannot_withdraw_anothers_request(world, sign_in):
    theirs = RotaRequestFactory(doctor=world.bea, created_by=world.coordinator)
    response = sign_in(world.ada_user).post(f"/rotas/requests/{theirs.pk}/withdraw/")
    assert response.status_code == 404
    assert RotaRequest.objects.filter(pk=theirs.pk).exists()


def test_a_user_who_is_not_a_doctor_has_no_requests_page(world, sign_in):
    assert sign_in(world.nobody).get("/rotas/requests/").status_code == 403


def test_requests_pages_refuse_the_signed_out_and_other_departments(world, client, sign_in):
    theirs = RotaRequestFactory(doctor=world.ada, created_by=world.ada_user)
    for method, url in (
        ("get", "/rotas/requests/"),
        ("post", "/rotas/requests/"),
        ("post", f"/rotas/requests/{theirs.pk}/withdraw/"),
    ):
        response = call(client, method, url)
        assert response["Location"].startswith("/sign-in/"), url
    other = sign_in(world.cardiology_coordinator)
    assert other.post(f"/rotas/requests/{theirs.pk}/withdraw/").status_code == 404
    assert other.get("/rotas/requests/").status_code == 403  # not a doctor
    # Acute medicine's coordinator may withdraw it for her.
    coordinator = sign_in(world.coordinator)
    assert coordinator.post(f"/rotas/requests/{theirs.pk}/withdraw/").status_code == 302
    assert not RotaRequest.objects.exists()


def test_a_new_request_form_preselects_no_radio(world, sign_in):
    """NHS service manual: do not pre-select a radio; the doctor says what they ask."""
    html = sign_in(world.ada_user).get("/rotas/requests/").content.decode()
    assert 'name="kind"' in html
    assert 'name="weight"' in html
    assert "checked" not in html
