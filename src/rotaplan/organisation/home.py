"""The departments' part of the home page: the departments a user works for."""

from __future__ import annotations

from django.urls import reverse

from rotaplan.people import access
from rotaplan.people.models import Role, User
from rotaplan.web.home import HomeLink, HomeSection


def sections(user: User) -> list[HomeSection]:
    """A service manager or booking coordinator who also coordinates rotas finds their
    departments once, in the coordinator's section."""
    roles = access.roles_of(user)
    if Role.ROTA_COORDINATOR in roles:
        held = [Role.ROTA_COORDINATOR]
    else:
        held = [r for r in (Role.SERVICE_MANAGER, Role.BOOKING_COORDINATOR) if r in roles]
    if not held:
        return []
    links = department_links(user)
    return [HomeSection(role, links=list(links)) for role in held]


def department_links(user: User) -> list[HomeLink]:
    return [
        HomeLink(d.name, reverse("organisation:department-detail", args=[d.pk]), d.site.name)
        for d in access.visible_departments(user).select_related("site")
    ]
