"""The doctor list and a doctor's page, and GET /api/doctors: scoped like the pages."""

import re
from datetime import date, time
from decimal import Decimal

import pytest
import time_machine

from rotaplan.leave.models import LeaveStatus, LeaveType
from rotaplan.people.grades import Contract, Grade
from rotaplan.rotas.models import RotaStatus
from tests.factories.leave import LeaveRecordFactory
from tests.factories.people import CompetencyFactory, DoctorFactory
from tests.factories.rotas import AssignmentFactory, RotaFactory, ShiftTypeFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


# The list


def test_coordinator_lists_only_their_departments_doctors(world, sign_in):
    response = sign_in(world.coordinator).get("/doctors/")
    text = page_text(response)
    assert response.status_code == 200
    assert "Ada Patel" in text
    assert "Bea Okafor" in text
    assert "Carys Hughes" not in text
    assert "2 doctors" in text


def test_service_manager_lists_their_departments_doctors(world, sign_in):
    text = page_text(sign_in(world.service_manager).get("/doctors/"))
    assert "Ada Patel" in text
    assert "Carys Hughes" not in text


def test_medical_staffing_lists_every_doctor(world, sign_in):
    text = page_text(sign_in(world.staffing).get("/doctors/"))
    assert "3 doctors" in text
    assert "Carys Hughes" in text


@pytest.mark.parametrize("user", ["ada_user", "booking_coordinator", "nobody"])
def test_doctors_booking_coordinators_and_users_without_a_role_cannot_list_doctors(
    world, sign_in, user
):
    response = sign_in(getattr(world, user)).get("/doctors/")
    assert response.status_code == 403
    assert "Carys Hughes" not in response.content.decode()


def test_filter_by_department(world, sign_in):
    text = page_text(sign_in(world.staffing).get(f"/doctors/?department={world.cardiology.pk}"))
    assert "Carys Hughes" in text
    assert "Ada Patel" not in text


def test_coordinator_cannot_filter_by_another_department(world, sign_in):
    response = sign_in(world.coordinator).get(f"/doctors/?department={world.cardiology.pk}")
    text = page_text(response)
    assert "Select a valid choice" in text
    assert "Carys Hughes" not in text


def test_filter_by_grade_contract_and_ltft(world, sign_in):
    DoctorFactory(
        first_name="Dev",
        last_name="Rao",
        grade=Grade.CONSULTANT,
        contract=Contract.CONSULTANT_2003,
        department=world.acute,
    )
    client = sign_in(world.staffing)
    assert "Bea Okafor" in page_text(client.get("/doctors/?grade=FY1"))
    assert "Ada Patel" not in page_text(client.get("/doctors/?grade=FY1"))
    by_contract = page_text(client.get("/doctors/?contract=consultant2003"))
    assert "Dev Rao" in by_contract
    assert "Ada Patel" not in by_contract
    ltft = page_text(client.get("/doctors/?ltft=yes"))
    assert "Bea Okafor" in ltft
    assert "Ada Patel" not in ltft
    full_time = page_text(client.get("/doctors/?ltft=no"))
    assert "Ada Patel" in full_time
    assert "Bea Okafor" not in full_time


def test_search_by_name_or_gmc_number(world, sign_in):
    client = sign_in(world.staffing)
    by_name = page_text(client.get("/doctors/?q=ada+pat"))
    assert "Ada Patel" in by_name
    assert "Bea Okafor" not in by_name
    by_gmc = page_text(client.get("/doctors/?q=709"))
    assert "Carys Hughes" in by_gmc
    assert "Ada Patel" not in by_gmc


def test_list_is_paginated_fifty_a_page_keeping_the_filters(world, sign_in):
    DoctorFactory.create_batch(55, department=world.acute, grade=Grade.CT1, last_name="Zed")
    client = sign_in(world.staffing)
    first = client.get("/doctors/?grade=CT1")
    html = first.content.decode()
    assert "55 doctors" in page_text(first)
    assert "Doctors, page 1 of 2" in page_text(first)
    assert len(re.findall(r'href="/doctors/\d+/"', html)) == 50
    assert "nhsuk-pagination" in html
    assert 'href="?grade=CT1&amp;page=2"' in html
    second = client.get("/doctors/?grade=CT1&page=2")
    assert len(re.findall(r'href="/doctors/\d+/"', second.content.decode())) == 5


# The list, filtered in place with htmx

HTMX = {"HX-Request": "true"}


def test_filters_update_the_results_in_place_and_still_work_without_javascript(world, sign_in):
    response = sign_in(world.staffing).get("/doctors/")
    html = response.content.decode()
    assert '<form method="get" action="/doctors/"' in html
    assert 'hx-get="/doctors/"' in html
    assert 'hx-trigger="submit, change, keyup changed delay:400ms from:#q"' in html
    assert 'hx-target="#doctor-results"' in html
    assert 'hx-push-url="true"' in html
    assert 'id="doctor-results"' in html
    assert "Apply filters" in page_text(response)  # the button a page without JavaScript uses


def test_htmx_gets_only_the_filtered_results(world, sign_in):
    response = sign_in(world.staffing).get("/doctors/?grade=FY1", headers=HTMX)
    html = response.content.decode()
    text = page_text(response)
    assert response.status_code == 200
    assert "<html" not in html
    assert "nhsuk-header" not in html
    assert "Filter doctors" not in text
    assert text.startswith("1 doctor Clear filters")
    assert "Bea Okafor" in text
    assert "Ada Patel" not in text
    assert "HX-Request" in response["Vary"]


def test_htmx_results_keep_the_filters_in_the_page_links(world, sign_in):
    DoctorFactory.create_batch(55, department=world.acute, grade=Grade.CT1, last_name="Zed")
    html = sign_in(world.staffing).get("/doctors/?grade=CT1", headers=HTMX).content.decode()
    assert 'href="?grade=CT1&amp;page=2"' in html


@pytest.mark.parametrize(
    "query", ["", "?department={cardiology}", "?q=Carys", "?q=7099999", "?grade=ST3"]
)
def test_coordinators_htmx_results_never_show_another_departments_doctor(world, sign_in, query):
    address = "/doctors/" + query.format(cardiology=world.cardiology.pk)
    response = sign_in(world.coordinator).get(address, headers=HTMX)
    assert response.status_code == 200
    assert "Carys" not in response.content.decode()
    assert "Hughes" not in response.content.decode()
    assert "7099999" not in response.content.decode()


def test_htmx_results_match_the_full_page(world, sign_in):
    client = sign_in(world.coordinator)
    page = page_text(client.get("/doctors/?ltft=no"))
    results = page_text(client.get("/doctors/?ltft=no", headers=HTMX))
    assert results in page
    assert "1 doctor" in results
    assert "Ada Patel" in results


@pytest.mark.parametrize("user", ["ada_user", "booking_coordinator", "nobody"])
def test_htmx_results_are_refused_like_the_page(world, sign_in, user):
    response = sign_in(getattr(world, user)).get("/doctors/", headers=HTMX)
    assert response.status_code == 403
    assert "Carys Hughes" not in response.content.decode()


def test_htmx_restoring_history_gets_the_whole_page(world, sign_in):
    headers = {**HTMX, "HX-History-Restore-Request": "true"}
    response = sign_in(world.staffing).get("/doctors/?grade=FY1", headers=headers)
    assert "nhsuk-header" in response.content.decode()
    assert "Filter doctors" in page_text(response)


# A doctor's page


@time_machine.travel(date(2026, 8, 3), tick=False)
def test_doctor_page_shows_record_shifts_and_leave(world, sign_in):
    world.ada.competencies.add(CompetencyFactory(code="airway", name="Airway"))
    night = ShiftTypeFactory(
        department=world.acute, code="N", name="Night", start=time(20), end=time(8, 30)
    )
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 5))
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 9, 1))
    draft = RotaFactory(department=world.acute, status=RotaStatus.DRAFT)
    AssignmentFactory(rota=draft, doctor=world.ada, shift_type=night, date=date(2026, 8, 7))
    LeaveRecordFactory(
        doctor=world.ada,
        leave_type=LeaveType.STUDY,
        start=date(2026, 8, 17),
        end=date(2026, 8, 18),
        status=LeaveStatus.REQUESTED,
    )
    text = page_text(sign_in(world.coordinator).get(f"/doctors/{world.ada.pk}/"))
    assert "GMC number 7012345" in text
    assert "Grade ST3, Specialty trainee year 3" in text
    assert "WTE 1.0 (full time)" in text
    assert "Post Wed 5 Aug 2026 to Tue 3 Aug 2027" in text
    assert "Competencies Airway" in text
    assert (
        "Day Wed 5 Aug 2026 Shift N Night Time 20:00 to 08:30 Thu 6 Aug 2026 (12.5 hours)"
    ) in text
    assert "Tue 1 Sep 2026" not in text  # beyond four weeks
    assert "Fri 7 Aug 2026" not in text  # a draft rota is not yet a promise
    assert "Study leave Dates Mon 17 Aug 2026 to Tue 18 Aug 2026 Days 2 Status Requested" in text
    assert "Change details" in text


def test_ltft_doctor_shows_wte_as_less_than_full_time(world, sign_in):
    text = page_text(sign_in(world.coordinator).get(f"/doctors/{world.bea.pk}/"))
    assert "WTE 0.6 (less than full time)" in text


def test_doctor_sees_their_own_page_without_an_edit_link(world, sign_in):
    response = sign_in(world.ada_user).get(f"/doctors/{world.ada.pk}/")
    assert response.status_code == 200
    assert "Change details" not in page_text(response)


def test_doctor_cannot_see_another_doctors_page(world, sign_in):
    response = sign_in(world.ada_user).get(f"/doctors/{world.bea.pk}/")
    assert response.status_code == 404
    assert "Bea Okafor" not in response.content.decode()


def test_coordinator_cannot_see_other_department_doctor(world, sign_in):
    response = sign_in(world.coordinator).get(f"/doctors/{world.carys.pk}/")
    assert response.status_code == 404
    assert "Carys Hughes" not in response.content.decode()


def test_user_without_a_role_cannot_see_a_doctor(world, sign_in):
    assert sign_in(world.nobody).get(f"/doctors/{world.ada.pk}/").status_code == 404


def test_service_manager_sees_a_doctor_but_cannot_change_them(world, sign_in):
    text = page_text(sign_in(world.service_manager).get(f"/doctors/{world.ada.pk}/"))
    assert "Ada Patel" in text
    assert "Change details" not in text


# The API


def test_api_doctors_lists_the_coordinators_doctors(world, sign_in):
    body = sign_in(world.coordinator).get("/api/doctors").json()
    assert body["count"] == 2
    assert [d["last_name"] for d in body["items"]] == ["Okafor", "Patel"]
    bea = body["items"][0]
    assert bea["wte"] == "0.60"
    assert bea["ltft"] is True
    assert bea["grade"] == "FY1"
    assert "Hughes" not in str(body)


def test_api_doctors_filters_like_the_page(world, sign_in):
    client = sign_in(world.staffing)
    assert [d["last_name"] for d in client.get("/api/doctors?ltft=true").json()["items"]] == [
        "Okafor"
    ]
    by_department = client.get(f"/api/doctors?department={world.cardiology.pk}").json()
    assert [d["last_name"] for d in by_department["items"]] == ["Hughes"]
    assert client.get("/api/doctors?q=7012345").json()["items"][0]["first_name"] == "Ada"
    assert client.get("/api/doctors?grade=NOPE").status_code == 422


def test_api_coordinator_filtering_another_department_gets_nothing(world, sign_in):
    body = sign_in(world.coordinator).get(f"/api/doctors?department={world.cardiology.pk}")
    assert body.json()["count"] == 0


@pytest.mark.parametrize("user", ["ada_user", "booking_coordinator", "nobody"])
def test_api_doctor_list_refuses_roles_without_it(world, sign_in, user):
    response = sign_in(getattr(world, user)).get("/api/doctors")
    assert response.status_code == 403
    assert response.json()["detail"]


def test_api_doctor_record(world, sign_in):
    body = sign_in(world.coordinator).get(f"/api/doctors/{world.bea.pk}").json()
    assert body["gmc_number"] == "7012346"
    assert Decimal(body["wte"]) == Decimal("0.6")
    assert body["department_id"] == world.acute.pk
    assert body["version"] == 1


def test_api_coordinator_cannot_read_other_department_doctor(world, sign_in):
    response = sign_in(world.coordinator).get(f"/api/doctors/{world.carys.pk}")
    assert response.status_code == 404
    assert "Hughes" not in response.content.decode()


def test_api_doctor_reads_only_their_own_record(world, sign_in):
    client = sign_in(world.ada_user)
    assert client.get(f"/api/doctors/{world.ada.pk}").status_code == 200
    assert client.get(f"/api/doctors/{world.bea.pk}").status_code == 404


def test_api_user_without_a_role_reads_no_doctor(world, sign_in):
    assert sign_in(world.nobody).get(f"/api/doctors/{world.ada.pk}").status_code == 404
