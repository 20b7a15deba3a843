"""What every answer carries whatever the page: a Content-Security-Policy that allows only
our own files, no inline script or style for it to block, no caching of anything about
people, and assets that are all ours (no font, script or stylesheet from a public host)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.page_markup import markup

pytestmark = pytest.mark.django_db


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


PAGES = ["/", "/doctors/", "/departments/", "/rotas/requests/", "/audit/"]


@pytest.fixture
def fetch(world, client, sign_in):
    """A page as medical staffing sees it; the sign-in page as someone signed out."""

    def _fetch(path: str):
        return (client if path == "/sign-in/" else sign_in(world.staffing)).get(path)

    return _fetch


@pytest.mark.parametrize("path", ["/sign-in/", *PAGES, "/api/docs"])
def test_every_page_allows_scripts_and_styles_from_our_own_files_only(fetch, path):
    response = fetch(path)
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["font-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.parametrize("path", ["/sign-in/", *PAGES, "/no-such-page/"])
def test_pages_have_no_inline_script_or_style_for_the_policy_to_block(fetch, path):
    page = markup(fetch(path).content.decode())
    assert page.inline_scripts == 0
    assert page.style_attributes == 0
    assert page.style_elements == 0


def test_htmx_is_told_not_to_add_its_own_styles_or_run_inline_script(world, sign_in):
    html = sign_in(world.coordinator).get("/doctors/").content.decode()
    config = re.search(r'<meta name="htmx-config" content=\'([^\']*)\'', html)
    assert config is not None
    assert '"includeIndicatorStyles": false' in config.group(1)
    assert '"allowEval": false' in config.group(1)


@pytest.mark.parametrize("path", ["/sign-in/", *PAGES, "/api/docs"])
def test_every_asset_a_page_links_to_is_one_of_our_static_files(fetch, path):
    page = markup(fetch(path).content.decode())
    assert page.assets
    for asset in page.assets:
        assert asset.startswith(settings.STATIC_URL), asset
        assert finders.find(asset.removeprefix(settings.STATIC_URL)), asset


def test_the_api_docs_load_swagger_ui_from_our_own_files(world, sign_in):
    html = sign_in(world.staffing).get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "https://" not in html


def test_the_frontend_styles_use_no_web_font_from_a_public_host():
    stylesheet = finders.find("rotaplan/nhsuk.css")
    assert stylesheet, "run `npm run build` (make setup) to build the frontend's styles"
    with open(stylesheet, encoding="utf-8") as css:
        text = css.read()
    assert "@font-face" not in text
    assert "assets.nhs.uk" not in text
    assert "html{font-family:arial,sans-serif}" in text
    for url in re.findall(r"url\(([^)]*)\)", text):
        assert url.strip("\"'").startswith("../nhsuk/assets/images/"), url


@pytest.mark.parametrize("path", [*PAGES, "/api/departments", "/api/doctors", "/no-such-page/"])
def test_nothing_about_people_is_kept_in_a_cache(world, sign_in, path):
    response = sign_in(world.staffing).get(path)
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


def test_api_refusals_are_not_cached_either(client):
    response = client.get("/api/doctors")
    assert response.status_code == 401
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}
