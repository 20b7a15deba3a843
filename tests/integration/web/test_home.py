"""What each role finds on the home page: every section, its heading, links and rows, in
order. The page is assembled from the areas' contributions, so these pin the result."""

from __future__ import annotations

import re
from datetime import date

import pytest
import time_machine

from rotaplan.people.models import Role
from rotaplan.rotas.models import RotaStatus
from tests.factories.people import RoleAssignmentFactory, UserFactory, user_with_role
from tests.factories.rotas import AssignmentFactory, RotaFactory
from tests.page_text import words

pytestmark = pytest.mark.django_db

SECTION = re.compile(r'<section class="rp-home-section" data-role="([^"]+)">(.*?)</section>', re.S)
TODAY = date(2026, 8, 1)


# The register's open gaps from the frozen today for 14 days, as the page's link writes it.
OPEN_SOON = (
    "/cover/gaps/?status=open&amp;start%5Bday%5D=1&amp;start%5Bmonth%5D=8&amp;"
    "start%5Byear%5D=2026&amp;end%5Bday%5D=14&amp;end%5Bmonth%5D=8&amp;end%5Byear%5D=2026"
)
STAFFING_WORK = (
    "Medical staffing Leave waiting for a decision: 0 Requests with their impact on the rota; "
    "record sickness and absence Open gaps in the next 14 days: 0 The gap register, with who "
    "dealt with each gap Claims to approve 0 waiting for a decision Locum "
    "bookings Locum spend report Bank and agency spend by month, department, grade, reason "
    "and supplier Bank, agencies and their rates Suppliers of locums and their rate cards "
    "Clinics to act on: 0 Sessions whose clinician is away, or whose change awaits approval "
    "Clinic changes to approve: 0 Clinics cancelled, reduced or backfilled at short notice "
    "Job plans Consultants' and SAS doctors' PAs, warnings and sign-off "
    "Who is on now Now and next in each department, with bleeps Doctors Every doctor in the "
    "trust Import incoming doctors The August changeover, from a CSV or Excel file Audit log "
    "Who changed what, and when"
)
STAFFING_LINKS = [
    "/leave/requests/?status=requested",
    OPEN_SOON,
    "/claims/to-decide/",
    "/locums/",
    "/locums/spend/",
    "/locums/suppliers/",
    "/clinics/",
    "/clinics/to-approve/",
    "/job-plans/departments/",
    "/rotas/on-duty/",
    "/doctors/",
    "/doctors/import/",
    "/audit/",
]
DOCTOR_OWN_PAGES = [
    "/my/rota/",
    "/my/swaps/",
    "/my/calendar/",
    "/my/notifications/",
    "/leave/",
    "/claims/",
]
# What every coordinator is asked to do first, whatever their departments.
COORDINATOR_WORK = (
    "Shift swaps waiting for approval None waiting Your notifications Nothing new Leave "
    "waiting for a decision: 0 Requests with their impact on the rota; record sickness and "
    "absence Open gaps in the next 14 days: 0 The gap register, with who dealt with each gap "
    "Claims to approve 0 waiting for a decision Locum bookings 0 gaps open in the "
    "next four weeks; 0 inductions due Locum spend report Bank and agency spend by month, "
    "department, grade, reason and supplier Clinics to act on: 0 Sessions whose clinician is "
    "away, or whose change awaits approval Job plans Consultants' and SAS doctors' PAs, "
    "warnings and sign-off Who is on now Now and next in each department, with bleeps"
)


def coordinator_links(department_id: int) -> list[str]:
    return [
        "/my/swaps/approvals/",
        "/my/notifications/",
        "/leave/requests/?status=requested",
        OPEN_SOON,
        "/claims/to-decide/",
        "/locums/",
        "/locums/spend/",
        f"/clinics/departments/{department_id}/sessions/",
        f"/job-plans/departments/{department_id}/",
        "/rotas/on-duty/",
    ]


def sections(client) -> list[tuple[str, str, list[str]]]:
    """Each section as (role, its words, the addresses it links to)."""
    with time_machine.travel(TODAY, tick=False):
        html = client.get("/").content.decode()
    return [
        (role, words(body), re.findall(r'href="([^"]+)"', body))
        for role, body in SECTION.findall(html)
    ]


def test_a_doctor_sees_their_next_two_weeks_on_published_rotas(world, night, sign_in):
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 3))
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 14))
    AssignmentFactory(rota=world.rota, doctor=world.ada, shift_type=night, date=date(2026, 8, 15))
    draft = RotaFactory(department=world.acute, status=RotaStatus.DRAFT)
    AssignmentFactory(rota=draft, doctor=world.ada, shift_type=night, date=date(2026, 8, 4))
    assert sections(sign_in(world.ada_user)) == [
        (
            "doctor",
            "Your next two weeks Mon 3 Aug 2026 Night, 20:00 to 08:30 Tue 4 Aug 2026 "
            "(12.5 hours) Fri 14 Aug 2026 Night, 20:00 to 08:30 Sat 15 Aug 2026 (12.5 hours) "
            "Your rota Your shifts by week, to swap a shift or see your leave Shift swaps None "
            "waiting for your answer Calendar feed Your shifts in Outlook, Google or Apple "
            "Calendar Your notifications Nothing new Your leave 24 days of annual leave left to "
            "book Your claims Extra duty and expenses: None yet Your record and rota",
            [*DOCTOR_OWN_PAGES, f"/doctors/{world.ada.pk}/"],
        )
    ]


def test_a_doctor_without_shifts_is_told_so(world, sign_in):
    assert sections(sign_in(world.ada_user)) == [
        (
            "doctor",
            "Your next two weeks You have no published shifts in the next two weeks. "
            "Your rota Your shifts by week, to swap a shift or see your leave Shift swaps None "
            "waiting for your answer Calendar feed Your shifts in Outlook, Google or Apple "
            "Calendar Your notifications Nothing new Your leave 24 days of annual leave left to "
            "book Your claims Extra duty and expenses: None yet Your record and rota",
            [*DOCTOR_OWN_PAGES, f"/doctors/{world.ada.pk}/"],
        )
    ]


def test_medical_staffing_see_the_trust_wide_staffing_work(world, sign_in):
    assert sections(sign_in(world.staffing)) == [
        ("medical_staffing", STAFFING_WORK, STAFFING_LINKS)
    ]


def test_an_administrator_sees_staffing_then_administration(world, sign_in):
    administrator = user_with_role(Role.ADMINISTRATOR)
    assert sections(sign_in(administrator)) == [
        ("medical_staffing", STAFFING_WORK, STAFFING_LINKS),
        ("administrator", "Administration Administration pages Users, roles, sites", ["/admin/"]),
    ]


def test_a_coordinator_sees_current_rotas_then_departments_then_the_import(world, sign_in):
    RotaFactory(
        department=world.acute,
        name="Last spring",
        period_start=date(2026, 2, 2),
        period_end=date(2026, 7, 31),
    )
    assert sections(sign_in(world.coordinator)) == [
        (
            "rota_coordinator",
            "Your departments Acute medicine Nobody on a published rota now "
            f"{COORDINATOR_WORK} Acute medicine: Acute medicine registrars Mon 3 Aug 2026 to "
            "Sun 31 Jan 2027, published Acute medicine "
            f"{world.acute.site.name} Import incoming doctors",
            [
                *coordinator_links(world.acute.pk),
                f"/rotas/{world.rota.pk}/",
                f"/departments/{world.acute.pk}/",
                "/doctors/import/",
            ],
        )
    ]


def test_a_service_manager_sees_the_services_they_manage(world, sign_in):
    assert sections(sign_in(world.service_manager)) == [
        (
            "service_manager",
            "Services you manage Locum spend report Bank and agency spend by month, department, "
            "grade, reason and supplier Locum bookings Clinic changes to approve: 0 Clinics "
            "cancelled, reduced or backfilled at short notice Job plans Consultants' and SAS "
            "doctors' PAs, warnings and sign-off Planned against delivered Job-planned PAs "
            "against clinics run, on-call worked and SPA honoured Who is on now Now and next in "
            f"each department, with bleeps Acute medicine {world.acute.site.name}",
            [
                "/locums/spend/",
                "/locums/",
                "/clinics/to-approve/",
                f"/job-plans/departments/{world.acute.pk}/",
                "/job-plans/delivery/",
                "/rotas/on-duty/",
                f"/departments/{world.acute.pk}/",
            ],
        )
    ]


def test_a_booking_coordinator_sees_the_departments_they_book_for(world, sign_in):
    assert sections(sign_in(world.booking_coordinator)) == [
        (
            "booking_coordinator",
            "Departments you book for Patients to rebook: 0 Patients of cancelled or reduced "
            "clinics Clinic sessions Clinics by day, with their slots and patients Acute "
            f"medicine {world.acute.site.name}",
            [
                f"/clinics/departments/{world.acute.pk}/rebooking/",
                f"/clinics/departments/{world.acute.pk}/sessions/",
                f"/departments/{world.acute.pk}/",
            ],
        )
    ]


def test_a_coordinator_who_also_manages_sees_one_departments_section(world, sign_in):
    user = user_with_role(Role.ROTA_COORDINATOR, world.cardiology)
    RoleAssignmentFactory(user=user, role=Role.SERVICE_MANAGER, department=world.cardiology)
    assert [role for role, _, _ in sections(sign_in(user))] == ["rota_coordinator"]


def test_a_doctor_who_coordinates_sees_their_shifts_first(world, sign_in):
    user = user_with_role(Role.ROTA_COORDINATOR, world.cardiology, doctor=world.carys)
    assert [role for role, _, _ in sections(sign_in(user))] == ["doctor", "rota_coordinator"]


def test_a_user_without_a_role_has_no_section(world, sign_in):
    assert sections(sign_in(UserFactory())) == []
