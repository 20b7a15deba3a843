"""Every page of this slice sends a signed-out visitor to sign in; every endpoint says 401."""

import pytest

pytestmark = pytest.mark.django_db

PAGES = [
    "/departments/",
    "/departments/{acute}/",
    "/doctors/",
    "/doctors/{ada}/",
    "/doctors/{ada}/edit/",
    "/rotas/{rota}/",
    "/audit/",
]
ENDPOINTS = ["/api/departments", "/api/doctors", "/api/doctors/{ada}", "/api/rotas/{rota}"]


def address(template: str, world) -> str:
    return template.format(acute=world.acute.pk, ada=world.ada.pk, rota=world.rota.pk)


@pytest.mark.parametrize("page", PAGES)
def test_signed_out_visitor_is_asked_to_sign_in(world, client, page):
    response = client.get(address(page, world))
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_signed_out_client_is_unauthorised(world, client, endpoint):
    response = client.get(address(endpoint, world))
    assert response.status_code == 401
    assert "Patel" not in response.content.decode()
