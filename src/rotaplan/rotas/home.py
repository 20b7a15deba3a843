"""The rotas' part of the home page: a doctor's next shifts, a coordinator's current rotas."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from rotaplan.people import access
from rotaplan.people.models import Doctor, Role, User
from rotaplan.web.home import HomeLink, HomeSection, SummaryRow
from rotaplan.web.presenters import day, period

from .models import Assignment, Rota, RotaStatus
from .on_duty.presenters import on_now_summary
from .on_duty.selectors import on_duty
from .presenters import shift_times

# A doctor plans a fortnight ahead; a month of shifts is on their own page.
DAYS_AHEAD = 14


def sections(user: User) -> list[HomeSection]:
    roles = access.roles_of(user)
    parts = []
    if Role.DOCTOR in roles and user.doctor is not None:
        parts.append(HomeSection(Role.DOCTOR, rows=upcoming_shift_rows(user.doctor)))
    if Role.ROTA_COORDINATOR in roles:
        parts.append(
            HomeSection(
                Role.ROTA_COORDINATOR,
                links=[on_duty_link(), *current_rota_links(user)],
                rows=on_now_rows(user),
            )
        )
    if roles & {Role.MEDICAL_STAFFING, Role.ADMINISTRATOR}:
        parts.append(HomeSection(Role.MEDICAL_STAFFING, links=[on_duty_link()]))
    elif Role.SERVICE_MANAGER in roles and Role.ROTA_COORDINATOR not in roles:
        parts.append(HomeSection(Role.SERVICE_MANAGER, links=[on_duty_link()]))
    return parts


def on_duty_link() -> HomeLink:
    return HomeLink(
        "Who is on now", reverse("rotas:on-duty"), "Now and next in each department, with bleeps"
    )


def on_now_rows(user: User) -> list[SummaryRow]:
    """A line a department: how many are on now, and who."""
    return [
        {"key": {"text": entry.department.name}, "value": {"text": on_now_summary(entry)}}
        for entry in on_duty(user, timezone.now())
    ]


def upcoming_shift_rows(doctor: Doctor) -> list[SummaryRow]:
    """The doctor's shifts on published rotas: a draft is not yet a promise. The day heads
    each row, so the times say the date again only when a shift ends on the next one."""
    today = timezone.localdate()
    upcoming = (
        Assignment.objects.filter(
            doctor=doctor,
            date__gte=today,
            date__lt=today + timedelta(days=DAYS_AHEAD),
            rota__status=RotaStatus.PUBLISHED,
        )
        .select_related("shift_type")
        .order_by("start")
    )
    return [
        {
            "key": {"text": day(a.date)},
            "value": {"text": f"{a.shift_type.name}, {shift_times(a)}"},
        }
        for a in upcoming
    ]


def current_rota_links(user: User) -> list[HomeLink]:
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
        HomeLink(
            f"{rota.department.name}: {rota.name}",
            reverse("rotas:rota-grid", args=[rota.pk]),
            f"{period(rota.period_start, rota.period_end)}, {rota.get_status_display().lower()}",
        )
        for rota in rotas
    ]
