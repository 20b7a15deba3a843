"""The clinic API's changes and retirement of templates, templates made from a job plan,
patients marked as rebooked, the notice window and a doctor's own sessions: the pages'
permissions, 404 outside scope, 403 for a reader who may not change, 409 stale or done
already, 422 naming the field."""

from __future__ import annotations

from datetime import date, time

import pytest

from rotaplan.clinics.models import (
    AppointmentStatus,
    ClinicPolicy,
    ClinicTemplate,
    RebookingEntry,
    RebookingStatus,
)
from rotaplan.jobplans.models import ActivityKind, Category, Weeks
from tests.factories.clinics import AppointmentFactory, ClinicSessionFactory, ClinicTemplateFactory
from tests.factories.jobplans import ActivityFactory, ConsultantFactory, JobPlanFactory
from tests.factories.people import CompetencyFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGED = {
    "name": "Acute ambulatory clinic",
    "weekday": 3,
    "start": "13:00",
    "end": "17:00",
    "every_weeks": 2,
    "valid_from": "2027-01-04",
    "location": "Ambulatory unit",
    "slots": [{"slot_type": "new", "minutes": 40, "count": 6}],
    "version": 1,
}


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def put(client, url, data):
    return client.put(url, data, content_type="application/json")


# --- changing and retiring a template -----------------------------------------------


def test_the_coordinator_changes_a_template_keeping_its_skills(world, template, sign_in):
    skill = CompetencyFactory(code="echo", name="Echocardiography")
    template.skills.add(skill)
    client = sign_in(world.coordinator)
    url = f"/api/clinics/templates/{template.pk}"
    changed = put(client, url, {**CHANGED, "clinician_id": world.bea.pk})
    assert changed.status_code == 200, changed.json()
    body = changed.json()
    assert (body["name"], body["weekday"], body["every_weeks"], body["version"]) == (
        "Acute ambulatory clinic",
        3,
        2,
        2,
    )
    assert body["clinician_id"] == world.bea.pk
    assert body["slots"] == [{"slot_type": "new", "minutes": 40, "count": 6}]
    assert body["skills"] == ["echo"]
    stale = put(client, url, {**CHANGED, "clinician_id": world.ada.pk, "name": "Other"})
    assert stale.status_code == 409
    assert "Someone changed this clinic template" in stale.json()["detail"]
    assert ClinicTemplate.objects.get(pk=template.pk).name == "Acute ambulatory clinic"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"slots": [{"slot_type": "new", "minutes": 0, "count": 3}]}, "slots"),
        ({"slots": [{"slot_type": "new", "minutes": 60, "count": 5}]}, "slots"),
        ({"end": "12:00"}, "end"),
        ({"name": "  "}, "name"),
        ({"valid_from": "2035-01-01"}, "valid_from"),
        ({"weekday": 7}, "weekday"),
    ],
)
def test_a_bad_template_change_is_422_naming_the_field(world, template, sign_in, changes, field):
    answer = put(
        sign_in(world.coordinator),
        f"/api/clinics/templates/{template.pk}",
        {**CHANGED, "clinician_id": world.ada.pk, **changes},
    )
    assert answer.status_code == 422, answer.json()
    assert field in [e["field"] for e in answer.json()["errors"]]
    unchanged = ClinicTemplate.objects.get(pk=template.pk)
    assert (unchanged.name, unchanged.version) == ("Acute follow-up clinic", 1)


def test_a_template_given_a_clinician_of_another_department_is_422(world, template, sign_in):
    answer = put(
        sign_in(world.coordinator),
        f"/api/clinics/templates/{template.pk}",
        {**CHANGED, "clinician_id": world.carys.pk},
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "clinician_id"


def test_a_template_change_is_refused_to_readers_and_hidden_from_others(world, template, sign_in):
    url = f"/api/clinics/templates/{template.pk}"
    body = {**CHANGED, "clinician_id": world.ada.pk}
    for reader in (world.booking_coordinator, world.service_manager):
        assert put(sign_in(reader), url, body).status_code == 403
    for outsider in (world.cardiology_coordinator, world.ada_user, world.nobody):
        assert put(sign_in(outsider), url, body).status_code == 404
    assert ClinicTemplate.objects.get(pk=template.pk).version == 1


def test_the_coordinator_retires_a_template(world, template, sign_in):
    url = f"/api/clinics/templates/{template.pk}/retire"
    assert post(sign_in(world.booking_coordinator), url, {"version": 1}).status_code == 403
    assert post(sign_in(world.cardiology_coordinator), url, {"version": 1}).status_code == 404
    client = sign_in(world.coordinator)
    assert post(client, url, {"version": 99}).status_code == 409
    assert ClinicTemplate.objects.get(pk=template.pk).active
    retired = post(client, url, {"version": 1})
    assert retired.status_code == 200
    assert (retired.json()["active"], retired.json()["version"]) == (False, 2)


# --- templates from a job plan ------------------------------------------------------


@pytest.fixture
def consultant(world):
    return ConsultantFactory(
        first_name="Omar", last_name="Khan", gmc_number="7054321", department=world.acute
    )


@pytest.fixture
def plan(consultant):
    """A Monday morning clinic every week, a clinic ten weeks a year and an SPA session."""
    plan = JobPlanFactory(doctor=consultant)
    ActivityFactory(job_plan=plan, description="Clinic A", location="Outpatients A")
    ActivityFactory(
        job_plan=plan,
        description="Rapid access clinic",
        weekday=2,
        weeks=Weeks.PER_YEAR,
        weeks_value=10,
    )
    ActivityFactory(
        job_plan=plan,
        description="SPA",
        weekday=4,
        category=Category.SPA,
        kind=ActivityKind.SPA,
        start=time(13),
        end=time(17),
    )
    return plan


def test_the_coordinator_makes_templates_from_a_job_plan(world, plan, sign_in):
    client = sign_in(world.coordinator)
    url = f"/api/job-plans/{plan.pk}/clinic-templates"
    made = post(client, url)
    assert made.status_code == 200, made.json()
    [created] = made.json()["created"]
    assert (created["name"], created["weekday"], created["location"]) == (
        "Clinic A",
        0,
        "Outpatients A",
    )
    assert created["valid_from"] == "2026-04-01"
    assert created["slots"][0] == {"slot_type": "new", "minutes": 30, "count": 3}
    [skipped] = made.json()["skipped"]
    assert skipped.startswith("Rapid access clinic: it runs 10 weeks a year")
    again = post(client, url)
    assert again.status_code == 200
    assert again.json()["created"] == []


def test_a_job_plan_outside_the_planning_horizon_is_422(world, consultant, sign_in):
    old = JobPlanFactory(doctor=consultant, year_start=date(2023, 4, 1))
    ActivityFactory(job_plan=old, description="Clinic A")
    answer = post(sign_in(world.coordinator), f"/api/job-plans/{old.pk}/clinic-templates")
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "valid_from"
    assert not ClinicTemplate.objects.filter(clinician=consultant).exists()


def test_templates_from_a_job_plan_are_refused_to_readers_and_hidden_from_others(
    world, plan, consultant, sign_in
):
    url = f"/api/job-plans/{plan.pk}/clinic-templates"
    own = UserFactory(doctor=consultant)
    for reader in (world.service_manager, own):
        assert post(sign_in(reader), url).status_code == 403
    for outsider in (world.cardiology_coordinator, world.booking_coordinator, world.nobody):
        assert post(sign_in(outsider), url).status_code == 404
    assert not ClinicTemplate.objects.filter(clinician=consultant).exists()


# --- the rebooking list ---------------------------------------------------------------


@pytest.fixture
def entry(world, later):
    appointment = AppointmentFactory(
        session=later, patient_name="Zed Moon", status=AppointmentStatus.TO_REBOOK
    )
    return RebookingEntry.objects.create(
        department=world.acute, appointment=appointment, reason="The clinic was cancelled"
    )


def test_the_booking_coordinator_marks_a_patient_rebooked(world, entry, sign_in):
    client = sign_in(world.booking_coordinator)
    url = f"/api/clinics/rebooking/{entry.pk}/rebooked"
    marked = post(client, url)
    assert marked.status_code == 200
    assert marked.json() == {"id": entry.pk, "status": "rebooked"}
    assert "Zed Moon" not in marked.content.decode()
    entry.refresh_from_db()
    assert entry.status == RebookingStatus.REBOOKED
    assert entry.appointment.status == AppointmentStatus.REBOOKED
    again = post(client, url)
    assert again.status_code == 409
    assert again.json()["detail"] == "This patient was already marked as rebooked"


def test_marking_rebooked_is_refused_to_readers_and_hidden_from_others(world, entry, sign_in):
    url = f"/api/clinics/rebooking/{entry.pk}/rebooked"
    assert post(sign_in(world.service_manager), url).status_code == 403
    for outsider in (world.cardiology_coordinator, world.ada_user, world.nobody):
        assert post(sign_in(outsider), url).status_code == 404
    entry.refresh_from_db()
    assert entry.status == RebookingStatus.WAITING


# --- the notice window ----------------------------------------------------------------


def test_the_notice_window_is_read_by_the_departments_clinic_users(world, sign_in):
    url = f"/api/clinics/departments/{world.acute.pk}/notice"
    for user in (world.coordinator, world.booking_coordinator, world.service_manager):
        answer = sign_in(user).get(url)
        assert answer.status_code == 200
        assert answer.json() == {"department_id": world.acute.pk, "notice_weeks": 6, "version": 1}
    for outsider in (world.cardiology_coordinator, world.ada_user, world.nobody):
        assert sign_in(outsider).get(url).status_code == 404


def test_the_service_manager_sets_the_notice_window(world, sign_in):
    url = f"/api/clinics/departments/{world.acute.pk}/notice"
    client = sign_in(world.service_manager)
    assert put(client, url, {"notice_weeks": 53, "version": 1}).json()["errors"] == [
        {"field": "notice_weeks", "message": "Enter a number of weeks from 0 to 52"}
    ]
    saved = put(client, url, {"notice_weeks": 4, "version": 1})
    assert saved.status_code == 200
    assert saved.json()["notice_weeks"] == 4
    assert saved.json()["version"] == 2
    stale = put(client, url, {"notice_weeks": 8, "version": 1})
    assert stale.status_code == 409
    assert ClinicPolicy.objects.get(department=world.acute).notice_weeks == 4


def test_the_notice_window_is_refused_to_readers_and_hidden_from_others(world, sign_in):
    url = f"/api/clinics/departments/{world.acute.pk}/notice"
    body = {"notice_weeks": 2, "version": 1}
    for reader in (world.coordinator, world.booking_coordinator):
        assert put(sign_in(reader), url, body).status_code == 403
    for outsider in (world.cardiology_coordinator, world.ada_user):
        assert put(sign_in(outsider), url, body).status_code == 404
    assert not ClinicPolicy.objects.filter(department=world.acute, notice_weeks=2).exists()


# --- a doctor's own sessions ----------------------------------------------------------


def test_a_doctor_lists_their_own_sessions_without_patients(world, soon, later, sign_in):
    AppointmentFactory(session=soon, patient_name="Zed Moon")
    ClinicSessionFactory(
        template=ClinicTemplateFactory(department=world.cardiology, clinician=world.carys)
    )
    client = sign_in(world.ada_user)
    listed = client.get("/api/clinics/mine")
    assert listed.status_code == 200
    assert [(s["id"], s["booked"]) for s in listed.json()] == [(soon.pk, 1)]
    assert "Zed Moon" not in listed.content.decode()
    year = client.get("/api/clinics/mine?start=2026-12-01&end=2027-06-30")
    assert [s["id"] for s in year.json()] == [soon.pk, later.pk]
    backwards = client.get("/api/clinics/mine?start=2027-01-01&end=2026-12-01")
    assert backwards.status_code == 422
    assert backwards.json()["errors"][0]["field"] == "end"


def test_a_backfilling_doctor_sees_the_session_they_run(world, soon, sign_in):
    soon.clinician = world.bea
    soon.save(update_fields=["clinician"])
    bea = UserFactory(doctor=world.bea)
    assert [s["id"] for s in sign_in(bea).get("/api/clinics/mine").json()] == [soon.pk]
    carys = UserFactory(doctor=world.carys)
    assert sign_in(carys).get("/api/clinics/mine").json() == []


def test_own_sessions_are_refused_to_a_user_who_is_not_a_doctor(world, soon, sign_in):
    for user in (world.coordinator, world.staffing, world.nobody):
        assert sign_in(user).get("/api/clinics/mine").status_code == 404


def test_a_departments_sessions_default_to_the_next_four_weeks(world, soon, later, sign_in):
    """As the sessions page does; so a department out of reach is 404 with or without
    dates, and an end without a start counts from today."""
    client = sign_in(world.coordinator)
    url = f"/api/clinics/departments/{world.acute.pk}/sessions"
    assert [s["id"] for s in client.get(url).json()] == [soon.pk]
    assert [s["id"] for s in client.get(f"{url}?end=2027-03-31").json()] == [soon.pk, later.pk]
    assert client.get(f"{url}?end=2026-12-01").status_code == 422
    assert sign_in(world.cardiology_coordinator).get(url).status_code == 404


# --- skills ------------------------------------------------------------------------


def test_skills_are_set_by_code_when_added_and_changed(world, template, sign_in):
    CompetencyFactory(code="echo", name="Echocardiography")
    CompetencyFactory(code="airway", name="Airway management")
    client = sign_in(world.coordinator)
    added = post(
        client,
        f"/api/clinics/departments/{world.acute.pk}/templates",
        {**CHANGED, "clinician_id": world.bea.pk, "skills": ["echo"]},
    )
    assert added.status_code == 201, added.json()
    assert added.json()["skills"] == ["echo"]
    url = f"/api/clinics/templates/{added.json()['id']}"
    changed = put(client, url, {**CHANGED, "clinician_id": world.bea.pk, "skills": ["airway"]})
    assert changed.status_code == 200, changed.json()
    assert changed.json()["skills"] == ["airway"]


def test_an_unknown_skill_is_named_and_nothing_is_saved(world, template, sign_in):
    client = sign_in(world.coordinator)
    added = post(
        client,
        f"/api/clinics/departments/{world.acute.pk}/templates",
        {**CHANGED, "clinician_id": world.bea.pk, "skills": ["telepathy"]},
    )
    assert added.status_code == 422
    assert added.json()["errors"] == [
        {"field": "skills", "message": "No competency has the code telepathy"}
    ]
    changed = put(
        client,
        f"/api/clinics/templates/{template.pk}",
        {**CHANGED, "clinician_id": world.ada.pk, "skills": ["telepathy"]},
    )
    assert changed.status_code == 422
    assert ClinicTemplate.objects.count() == 1
    assert ClinicTemplate.objects.get().version == template.version
