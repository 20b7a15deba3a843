"""How the home page joins the areas' parts: one section per role, in the page's order,
each area's links in the order the areas are listed, whoever adds them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured

from rotaplan.web.home import HomeLink, HomeSection, home_sections

HERE = __name__


def rotas_part(user):
    return [
        HomeSection("rota_coordinator", links=[HomeLink("Autumn rota", "/rotas/1/")]),
        HomeSection("doctor", rows=[{"key": {"text": "Mon 3 Aug 2026"}, "value": {"text": "N"}}]),
    ]


def people_part(user):
    return [
        HomeSection("doctor", links=[HomeLink("Your record", "/doctors/1/")]),
        HomeSection("rota_coordinator", links=[HomeLink("Import", "/doctors/import/")]),
    ]


def nothing(user):
    return []


def unheard_of(user):
    return [HomeSection("locum_agency")]


def test_parts_for_a_role_join_in_one_section_in_the_page_order(settings):
    settings.ROTAPLAN_HOME_SECTIONS = [
        f"{HERE}.rotas_part",
        f"{HERE}.nothing",
        f"{HERE}.people_part",
    ]
    sections = home_sections(AnonymousUser())
    assert [(s.role, s.heading) for s in sections] == [
        ("doctor", "Your next two weeks"),
        ("rota_coordinator", "Your departments"),
    ]
    doctor, coordinator = sections
    assert [link.text for link in doctor.links] == ["Your record"]
    assert [row["key"]["text"] for row in doctor.rows] == ["Mon 3 Aug 2026"]
    assert [link.text for link in coordinator.links] == ["Autumn rota", "Import"]


def test_the_areas_order_orders_the_links_within_a_section(settings):
    settings.ROTAPLAN_HOME_SECTIONS = [f"{HERE}.people_part", f"{HERE}.rotas_part"]
    coordinator = home_sections(AnonymousUser())[1]
    assert [link.text for link in coordinator.links] == ["Import", "Autumn rota"]


def test_no_parts_no_sections(settings):
    settings.ROTAPLAN_HOME_SECTIONS = [f"{HERE}.nothing"]
    assert home_sections(AnonymousUser()) == []


def test_a_part_for_a_role_the_page_has_no_section_for_is_refused(settings):
    settings.ROTAPLAN_HOME_SECTIONS = [f"{HERE}.unheard_of"]
    with pytest.raises(ImproperlyConfigured, match="locum_agency"):
        home_sections(AnonymousUser())
