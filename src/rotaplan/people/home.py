"""The people's part of the home page: a doctor's own record, the staffing work on doctors,
and the administration of users and roles."""

from __future__ import annotations

from django.urls import reverse

from rotaplan.web.home import HomeLink, HomeSection

from . import access
from .models import Role, User


def sections(user: User) -> list[HomeSection]:
    roles = access.roles_of(user)
    parts = []
    if Role.DOCTOR in roles and user.doctor is not None:
        own = reverse("people:doctor-detail", args=[user.doctor.pk])
        parts.append(HomeSection(Role.DOCTOR, links=[HomeLink("Your record and rota", own)]))
    if roles & {Role.ADMINISTRATOR, Role.MEDICAL_STAFFING}:
        parts.append(
            HomeSection(
                Role.MEDICAL_STAFFING,
                links=[
                    HomeLink("Doctors", reverse("people:doctor-list"), "Every doctor in the trust"),
                    HomeLink(
                        "Import incoming doctors",
                        reverse("people:doctor-import"),
                        "The August changeover, from a CSV or Excel file",
                    ),
                ],
            )
        )
    if Role.ADMINISTRATOR in roles:
        parts.append(
            HomeSection(
                Role.ADMINISTRATOR,
                links=[
                    HomeLink("Administration pages", reverse("admin:index"), "Users, roles, sites")
                ],
            )
        )
    if Role.ROTA_COORDINATOR in roles:
        parts.append(
            HomeSection(
                Role.ROTA_COORDINATOR,
                links=[HomeLink("Import incoming doctors", reverse("people:doctor-import"))],
            )
        )
    return parts
