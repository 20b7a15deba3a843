"""The audit log's part of the home page, for those who may read it."""

from __future__ import annotations

from django.urls import reverse

from rotaplan.people import access
from rotaplan.people.models import Role, User
from rotaplan.web.home import HomeLink, HomeSection


def sections(user: User) -> list[HomeSection]:
    if not access.can_view_audit(user):
        return []
    log = HomeLink("Audit log", reverse("audit:log"), "Who changed what, and when")
    return [HomeSection(Role.MEDICAL_STAFFING, links=[log])]
