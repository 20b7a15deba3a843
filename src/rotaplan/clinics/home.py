"""The clinics area's part of the home page: for coordinators (and the trust-wide roles)
the sessions to act on; for service managers the short-notice changes to approve; for
booking coordinators the patients to rebook; for a doctor with clinics, their clinics."""

from __future__ import annotations

from django.urls import reverse

from rotaplan.people import access
from rotaplan.people.models import Role, User
from rotaplan.web.home import HomeLink, HomeSection, staffing_section

from . import selectors


def _where(ids: set[int], name: str) -> str:
    """One department's page, or the clinics index for several."""
    if len(ids) == 1:
        return reverse(name, args=[next(iter(ids))])
    return reverse("clinics:index")


def sections(user: User) -> list[HomeSection]:
    roles = access.roles_of(user)
    parts: list[HomeSection] = []
    if Role.DOCTOR in roles and user.doctor is not None and selectors.own_templates(user.doctor):
        parts.append(
            HomeSection(
                Role.DOCTOR,
                links=[
                    HomeLink(
                        "Your clinics",
                        reverse("clinics:mine"),
                        "Your clinic templates and sessions, and any changed while you are away",
                    )
                ],
            )
        )
    staffing = staffing_section(roles)
    if staffing is not None:
        ids = (
            None
            if access.is_trust_wide(user)
            else access.department_ids_for(user, Role.ROTA_COORDINATOR)
        )
        count = selectors.sessions_to_act_on_count(ids)
        href = reverse("clinics:index") if ids is None else _where(ids, "clinics:sessions")
        parts.append(
            HomeSection(
                staffing,
                links=[
                    HomeLink(
                        f"Clinics to act on: {count}",
                        href,
                        "Sessions whose clinician is away, or whose change awaits approval",
                    )
                ],
            )
        )
    if selectors.approves_any(user):
        # With the rest of a coordinator's or medical staffing's work when they hold
        # either role, so that one person sees one section.
        waiting = len(selectors.changes_awaiting(user))
        parts.append(
            HomeSection(
                staffing or Role.SERVICE_MANAGER,
                links=[
                    HomeLink(
                        f"Clinic changes to approve: {waiting}",
                        reverse("clinics:awaiting"),
                        "Clinics cancelled, reduced or backfilled at short notice",
                    )
                ],
            )
        )
    booked_for = access.department_ids_for(user, Role.BOOKING_COORDINATOR)
    if Role.BOOKING_COORDINATOR in roles and booked_for:
        count = selectors.rebooking_count(booked_for)
        parts.append(
            HomeSection(
                Role.BOOKING_COORDINATOR,
                links=[
                    HomeLink(
                        f"Patients to rebook: {count}",
                        _where(booked_for, "clinics:rebooking"),
                        "Patients of cancelled or reduced clinics",
                    ),
                    HomeLink(
                        "Clinic sessions",
                        _where(booked_for, "clinics:sessions"),
                        "Clinics by day, with their slots and patients",
                    ),
                ],
            )
        )
    return parts
