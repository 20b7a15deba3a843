"""The header navigation, built from what the signed-in user's roles may open."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from rotaplan.people import access


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {"navigation": []}
    items: list[tuple[str, str]] = [("Home", reverse("web:home"))]
    if access.visible_departments(user).exists():
        items.append(("Departments", reverse("organisation:department-list")))
    if access.can_list_doctors(user):
        items.append(("Doctors", reverse("people:doctor-list")))
        items.append(("Gaps", reverse("cover:register")))
    if getattr(user, "doctor_id", None):
        items.append(("My rota", reverse("selfservice:my-rota")))
        items.append(("Rota requests", reverse("rotas:my-requests")))
    if getattr(user, "doctor_id", None):
        items.append(("Leave", reverse("leave:your-leave")))
    elif access.has_role(user, "rota_coordinator", *access.TRUST_WIDE_ROLES):
        items.append(("Leave", reverse("leave:requests")))
    if access.can_view_audit(user):
        items.append(("Audit log", reverse("audit:log")))
    path = request.path
    return {
        "navigation": [
            {"text": text, "href": href, "current": path == href} for text, href in items
        ]
    }
