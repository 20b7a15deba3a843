"""What each role sees first when it signs in: a few cards of the work that role does."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from rotaplan.people import access
from rotaplan.people.models import Role, User
from rotaplan.rotas.models import Assignment, Rota, RotaStatus

from .presenters import day, moment, period


@dataclass
class Link:
    text: str
    href: str
    description: str = ""


@dataclass
class Section:
    role: str
    heading: str
    links: list[Link] = field(default_factory=list)
    # In the shape the NHS.UK summary list takes: {"key": {"text"}, "value": {"text"}}.
    rows: list[dict[str, dict[str, str]]] = field(default_factory=list)


def department_links(user: User) -> list[Link]:
    return [
        Link(d.name, reverse("organisation:department-detail", args=[d.pk]), d.site.name)
        for d in access.visible_departments(user).select_related("site")
    ]


def current_rota_links(user: User) -> list[Link]:
    """Rotas of the user's departments that have not yet ended: the ones a coordinator is
    working on today."""
    rotas = (
        Rota.objects.filter(
            department__in=access.visible_departments(user),
            period_end__gte=timezone.localdate(),
        )
        .select_related("department")
        .order_by("department__name", "period_start")
    )
    return [
        Link(
            f"{rota.department.name}: {rota.name}",
            reverse("rotas:rota-grid", args=[rota.pk]),
            f"{period(rota.period_start, rota.period_end)}, {rota.get_status_display().lower()}",
        )
        for rota in rotas
    ]


def doctor_section(user: User) -> Section:
    assert user.doctor is not None
    today = timezone.localdate()
    upcoming = (
        Assignment.objects.filter(
            doctor=user.doctor,
            date__gte=today,
            date__lt=today + timedelta(days=14),
            rota__status=RotaStatus.PUBLISHED,
        )
        .select_related("shift_type")
        .order_by("start")
    )
    rows = [
        {
            "key": {"text": day(a.date)},
            "value": {"text": f"{a.shift_type.name}: {moment(a.start)} to {moment(a.end)}"},
        }
        for a in upcoming
    ]
    return Section(
        role=Role.DOCTOR,
        heading="Your next two weeks",
        links=[
            Link("Your record and rota", reverse("people:doctor-detail", args=[user.doctor.pk]))
        ],
        rows=rows,
    )


def home_sections(user: User) -> list[Section]:
    roles = access.roles_of(user)
    sections: list[Section] = []
    if Role.DOCTOR in roles and user.doctor is not None:
        sections.append(doctor_section(user))
    if roles & {Role.ADMINISTRATOR, Role.MEDICAL_STAFFING}:
        sections.append(
            Section(
                role=Role.MEDICAL_STAFFING,
                heading="Medical staffing",
                links=[
                    Link("Doctors", reverse("people:doctor-list"), "Every doctor in the trust"),
                    Link(
                        "Import incoming doctors",
                        reverse("people:doctor-import"),
                        "The August changeover, from a CSV or Excel file",
                    ),
                    Link("Audit log", reverse("audit:log"), "Who changed what, and when"),
                ],
            )
        )
    if Role.ADMINISTRATOR in roles:
        sections.append(
            Section(
                role=Role.ADMINISTRATOR,
                heading="Administration",
                links=[Link("Administration pages", reverse("admin:index"), "Users, roles, sites")],
            )
        )
    if Role.ROTA_COORDINATOR in roles:
        sections.append(
            Section(
                role=Role.ROTA_COORDINATOR,
                heading="Your departments",
                links=[
                    *current_rota_links(user),
                    *department_links(user),
                    Link("Import incoming doctors", reverse("people:doctor-import")),
                ],
            )
        )
    for role, heading in (
        (Role.SERVICE_MANAGER, "Services you manage"),
        (Role.BOOKING_COORDINATOR, "Departments you book for"),
    ):
        if role in roles and Role.ROTA_COORDINATOR not in roles:
            sections.append(Section(role=role, heading=heading, links=department_links(user)))
    return sections
