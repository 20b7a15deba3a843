"""The jobplans area's part of the home page."""

from __future__ import annotations

from rotaplan.people.models import User
from rotaplan.web.home import HomeSection


def sections(user: User) -> list[HomeSection]:
    return []
