"""Planned against delivered from the database: sessions that ran (reduced ones by their
share, backfilled ones to whoever ran them), SPA lost to rota shifts, on-call worked
against 1 in N, leave left out; the pages, downloads and API with each role's
permissions, reads audited, and the query count flat whatever the size."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
import time_machine
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from rotaplan.clinics.models import ClinicSession, ClinicTemplate, SessionStatus
from rotaplan.engine.clock import LONDON, local_datetime
from rotaplan.jobplans.delivery.selectors import department_delivery, last_weeks
from rotaplan.jobplans.models import (
    Activity,
    ActivityKind,
    Category,
    JobPlan,
    JobPlanStatus,
    OnCallCategory,
    OnCallCommitment,
)
from rotaplan.people.grades import Contract, Grade
from rotaplan.people.models import Doctor, Role, User
from rotaplan.rotas.models import ShiftKind
from tests.factories.leave import LeaveRecordFactory
from tests.factories.people import DoctorFactory, UserFactory, user_with_role
from tests.factories.rotas import AssignmentFactory, RotaFactory, ShiftTypeFactory

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 10, 7, 9, 0, tzinfo=LONDON)  # a Wednesday
FIRST = date(2026, 8, 10)  # the Monday 8 weeks before this week
LAST = date(2026, 10, 4)
MONDAYS = [FIRST + timedelta(weeks=i) for i in range(8)]


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@dataclass
class Clinic:
    omar: Doctor
    omar_user: User
    plan: JobPlan
    template: ClinicTemplate
    sessions: list[ClinicSession]


def consultant(department, first="Omar", last="Khan") -> Doctor:
    return DoctorFactory(
        first_name=first,
        last_name=last,
        department=department,
        grade=Grade.CONSULTANT,
        contract=Contract.CONSULTANT_2003,
        post_start=date(2025, 1, 1),
        post_end=None,
    )


def activity(plan, description, category, kind, weekday, start, end) -> Activity:
    return Activity.objects.create(
        job_plan=plan,
        category=category,
        kind=kind,
        description=description,
        weekday=weekday,
        start=start,
        end=end,
    )


@pytest.fixture
def clinic(world) -> Clinic:
    omar = consultant(world.acute)
    plan = JobPlan.objects.create(
        doctor=omar, year_start=date(2026, 4, 6), status=JobPlanStatus.SIGNED
    )
    # Clinic A: Tuesday 09:00-17:00, 2 PAs a week.
    clinic_a = activity(plan, "Clinic A", Category.DCC, ActivityKind.CLINIC, 1, time(9), time(17))
    activity(plan, "SPA", Category.SPA, ActivityKind.SPA, 3, time(9), time(13))
    activity(plan, "Ward round", Category.DCC, ActivityKind.WARD_ROUND, 0, time(9), time(13))
    template = ClinicTemplate.objects.create(
        department=world.acute,
        clinician=omar,
        activity=clinic_a,
        name="Clinic A",
        weekday=1,
        start=time(9),
        end=time(17),
        valid_from=date(2026, 4, 7),
    )
    sessions = [
        ClinicSession.objects.create(
            template=template,
            date=monday + timedelta(days=1),
            start=local_datetime(monday + timedelta(days=1), time(9)),
            end=local_datetime(monday + timedelta(days=1), time(17)),
            clinician=omar,
            status=SessionStatus.PLANNED,
            slots_planned=10,
            slots_kept=10,
        )
        for monday in MONDAYS
    ]
    return Clinic(omar, UserFactory(doctor=omar), plan, template, sessions)


def report(world):
    return department_delivery(world.acute, last_weeks(TODAY.date()))


def omar_of(world):
    (found,) = [c for c in report(world).clinicians if c.doctor.first_name == "Omar"]
    return {d.line.description: d for d in found.delivery.lines}, found.delivery


def test_a_clinic_that_ran_every_week_is_delivered_in_full(world, clinic):
    lines, done = omar_of(world)
    assert lines["Clinic A"].delivered_weekly == 2
    assert lines["SPA"].delivered_weekly == 1
    assert lines["Ward round"].delivered_weekly is None  # not recorded, not guessed
    assert done.alerts == ()


def test_cancelled_and_reduced_sessions_deliver_less_with_the_issue_s_alert(world, clinic):
    for session in clinic.sessions[:4]:
        session.status = SessionStatus.CANCELLED
        session.save()
    lines, done = omar_of(world)
    assert lines["Clinic A"].delivered_weekly == 1
    assert done.alerts == (
        "Clinic A: job plan 2 PAs a week, delivered 1.0 a week over the last 8 weeks",
    )
    reduced = clinic.sessions[4]
    reduced.status, reduced.slots_kept = SessionStatus.REDUCED, 5
    reduced.save()
    lines, _ = omar_of(world)
    assert float(lines["Clinic A"].delivered_weekly) == pytest.approx(7 / 8)


def test_leave_weeks_are_left_out(world, clinic):
    for session in clinic.sessions[:2]:
        session.status = SessionStatus.CANCELLED
        session.save()
    LeaveRecordFactory(doctor=clinic.omar, start=MONDAYS[0], end=MONDAYS[1] + timedelta(days=4))
    lines, done = omar_of(world)
    assert lines["Clinic A"].working_weeks == 6
    assert lines["Clinic A"].delivered_weekly == 2
    assert done.alerts == ()


def test_a_backfilled_clinic_counts_to_whoever_ran_it(world, clinic):
    nia = consultant(world.acute, "Nia", "Rees")
    JobPlan.objects.create(doctor=nia, year_start=date(2026, 4, 6), status=JobPlanStatus.AGREED)
    for session in clinic.sessions[:4]:
        session.status, session.clinician = SessionStatus.BACKFILLED, nia
        session.save()
    found = {c.doctor.first_name: c for c in report(world).clinicians}
    omar_lines = {d.line.description: d for d in found["Omar"].delivery.lines}
    assert omar_lines["Clinic A"].delivered_weekly == 1
    (extra,) = found["Nia"].delivery.lines
    assert extra.line.planned_weekly == 0
    assert extra.delivered_weekly == Decimal(4 * 2) / 8  # 4 clinics of 8 hours, 2 PAs each


def test_spa_lost_to_rota_shifts_and_to_clinics_run_in_its_time(world, clinic):
    day = ShiftTypeFactory(
        department=world.acute, code="D", name="Day", start=time(8), end=time(18)
    )
    rota = RotaFactory(department=world.acute, period_start=FIRST, period_end=LAST)
    for monday in MONDAYS[:5]:
        AssignmentFactory(
            rota=rota, doctor=clinic.omar, shift_type=day, date=monday + timedelta(days=3)
        )
    lines, done = omar_of(world)
    assert lines["SPA"].lost_weeks == 5
    assert "SPA lost 5 of the last 8 weeks" in done.alerts
    assert float(lines["SPA"].delivered_weekly) == pytest.approx(3 / 8)


def test_on_call_worked_against_one_in_n(world, clinic):
    OnCallCommitment.objects.create(
        job_plan=clinic.plan,
        one_in=4,
        category=OnCallCategory.A,
        predictable_hours=Decimal("3"),
        unpredictable_hours=Decimal("0"),
    )
    on_call = ShiftTypeFactory(
        department=world.acute,
        code="OC",
        name="Consultant on call",
        start=time(17),
        end=time(9),
        kind=ShiftKind.ON_CALL,
    )
    rota = RotaFactory(department=world.acute, period_start=FIRST, period_end=LAST)
    for offset in range(7):  # one week of the eight: half of 1 in 4
        AssignmentFactory(
            rota=rota, doctor=clinic.omar, shift_type=on_call, date=FIRST + timedelta(days=offset)
        )
    lines, done = omar_of(world)
    line = lines["On-call (1 in 4)"]
    assert line.line.planned_weekly == 1  # 3 hours a week, in premium time
    assert line.delivered_weekly == Decimal(1) / 2
    assert (
        "On-call (1 in 4): job plan 1 PA a week, delivered 0.5 a week over the last 8 weeks"
        in done.alerts
    )


def test_draft_plans_are_not_compared(world):
    nia = consultant(world.acute, "Nia", "Rees")
    JobPlan.objects.create(doctor=nia, year_start=date(2026, 4, 6), status=JobPlanStatus.DRAFT)
    (found,) = report(world).clinicians
    assert found.delivery is None


def test_the_query_count_does_not_grow_with_clinicians_or_weeks(world, clinic):
    def queries(weeks: int) -> int:
        with CaptureQueriesContext(connection) as seen:
            department_delivery(world.acute, last_weeks(TODAY.date(), weeks))
        return len(seen)

    few = queries(8)
    for i in range(5):
        other = consultant(world.acute, f"Extra{i}", "Consultant")
        plan = JobPlan.objects.create(
            doctor=other, year_start=date(2026, 4, 6), status=JobPlanStatus.SIGNED
        )
        activity(plan, "SPA", Category.SPA, ActivityKind.SPA, 3, time(9), time(13))
        LeaveRecordFactory(doctor=other, start=MONDAYS[2], end=MONDAYS[2])
    assert queries(52) == few
    assert few <= 8


# --- pages, downloads, API and who sees them -----------------------------------------


def page(client, user, path):
    client.force_login(user)
    return client.get(path)


@pytest.mark.parametrize("who", ["service_manager", "coordinator", "staffing", "director"])
def test_the_department_dashboard_to_those_who_may_see_it(client, world, clinic, who):
    user = (
        user_with_role(Role.CLINICAL_DIRECTOR, world.acute)
        if who == "director"
        else getattr(world, who)
    )
    for session in clinic.sessions[:4]:
        session.status = SessionStatus.CANCELLED
        session.save()
    response = page(client, user, f"/job-plans/delivery/departments/{world.acute.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Clinic A: job plan 2 PAs a week, delivered 1.0 a week over the last 8 weeks" in text
    assert "<svg" in text
    assert "Dr Omar Khan" in text


@pytest.mark.parametrize(
    "who", ["cardiology_coordinator", "nobody", "ada_user", "booking_coordinator"]
)
def test_the_department_dashboard_is_not_found_by_others(client, world, clinic, who):
    path = f"/job-plans/delivery/departments/{world.acute.pk}/"
    assert page(client, getattr(world, who), path).status_code == 404
    assert page(client, getattr(world, who), path + "csv/").status_code == 404


def test_a_doctor_sees_their_own_and_no_one_else_s(client, world, clinic):
    nia = consultant(world.acute, "Nia", "Rees")
    start = page(client, clinic.omar_user, "/job-plans/delivery/")
    assert start.status_code == 200
    own = f"/job-plans/delivery/doctors/{clinic.omar.pk}/"
    assert own in start.content.decode()
    response = client.get(own)
    assert response.status_code == 200
    assert "Clinic A" in response.content.decode()
    assert client.get(f"/job-plans/delivery/doctors/{nia.pk}/").status_code == 404
    assert client.get(f"/job-plans/delivery/departments/{world.acute.pk}/").status_code == 404
    logged = LogEntry.objects.filter(object_pk=str(clinic.omar.pk)).order_by("-pk").first()
    assert "planned against delivered" in logged.additional_data.get("detail", str(logged.changes))


def test_reads_of_the_dashboard_are_audited(client, world, clinic):
    before = LogEntry.objects.count()
    page(client, world.service_manager, f"/job-plans/delivery/departments/{world.acute.pk}/")
    entry = LogEntry.objects.order_by("-pk").first()
    assert LogEntry.objects.count() == before + 1
    assert clinic.omar.pk in entry.additional_data["doctors"]


def test_a_period_of_dates_and_a_bad_one(client, world, clinic):
    query = (
        "?period=dates&start[day]=10&start[month]=8&start[year]=2026"
        "&end[day]=23&end[month]=8&end[year]=2026"
    )
    for session in clinic.sessions[:2]:
        session.status = SessionStatus.CANCELLED
        session.save()
    response = page(
        client, world.service_manager, f"/job-plans/delivery/departments/{world.acute.pk}/{query}"
    )
    assert (
        "Clinic A: job plan 2 PAs a week, delivered 0.0 a week over the 2 weeks from "
        "Mon 10 Aug 2026 to Sun 23 Aug 2026"
    ) in response.content.decode()
    bad = query.replace("end[month]=8", "end[month]=12")
    response = client.get(f"/job-plans/delivery/departments/{world.acute.pk}/{bad}")
    assert response.status_code == 200
    assert "only weeks that have ended are counted" in response.content.decode()


def test_csv_and_excel_downloads(client, world, clinic):
    client.force_login(world.service_manager)
    response = client.get(f"/job-plans/delivery/departments/{world.acute.pk}/csv/")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Clinician", "Activity", "Category", "Planned PAs a week"]
    clinic_row = next(r for r in rows if r[1] == "Clinic A")
    assert clinic_row[3:5] == ["2.00", "2.00"]
    ward = next(r for r in rows if r[1] == "Ward round")
    assert ward[4] == ""
    response = client.get(f"/job-plans/delivery/departments/{world.acute.pk}/xlsx/")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    values = list(book.active.iter_rows(values_only=True))
    assert any(r[1] == "Clinic A" for r in values)
    assert client.get(f"/job-plans/delivery/departments/{world.acute.pk}/pdf/").status_code == 404


def test_api_department_and_doctor(client, world, clinic):
    client.force_login(world.service_manager)
    response = client.get(f"/api/departments/{world.acute.pk}/job-plan-delivery?weeks=13")
    assert response.status_code == 200
    body = response.json()
    assert body["weeks"] == 13
    (omar,) = body["clinicians"]
    line = next(x for x in omar["lines"] if x["activity"] == "Ward round")
    assert line["delivered"] is None
    assert line["recorded"] == "not_recorded"
    response = client.get(
        f"/api/departments/{world.acute.pk}/job-plan-delivery?start=2026-08-10&end=2027-01-01"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "end"
    assert (
        client.get(f"/api/departments/{world.cardiology.pk}/job-plan-delivery").status_code == 404
    )
    response = client.get(f"/api/doctors/{clinic.omar.pk}/job-plan-delivery")
    assert response.status_code == 200
    assert client.get(f"/api/doctors/{clinic.omar.pk}/job-plan-delivery?weeks=7").status_code == 422
    client.force_login(world.nobody)
    assert client.get(f"/api/doctors/{clinic.omar.pk}/job-plan-delivery").status_code == 404
