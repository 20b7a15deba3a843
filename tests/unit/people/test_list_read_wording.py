"""How the audit log words a page of the doctor list."""

from __future__ import annotations

from rotaplan.people.presenters import list_read


def test_a_page_of_the_list_names_its_place_and_how_many_it_showed():
    assert list_read(2, 5, 25) == "the doctor list, page 2 of 5, 25 doctors"


def test_one_doctor_is_not_plural_and_the_api_is_named():
    assert list_read(1, 1, 1, "API") == "the doctor list, page 1 of 1, 1 doctor (API)"
