"""Rotaplan as a trust runs it: production settings, collected static files and gunicorn,
over a database of its own, migrated and holding the demo trust. Each role signs in and
follows every link it is shown; every page must open, carry the security headers, run no
inline script and find its static files; what a role is not shown, it is refused with
the NHS.UK 403 or 404 page. The commands are those of ``make serve`` and the Dockerfile
(tests/production/commands.py)."""

from __future__ import annotations

import http.client
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from rotaplan.demo.users import DEMO_PASSWORD, USERNAMES

from . import commands
from .crawl import API_DOCS, Crawl, page_name
from .server import Answer, Visitor, free_port, gunicorn, production_environment, run
from .server import serving_database as empty_database

ROLES = USERNAMES  # admin, staffing, coordinator, manager, booking, director, doctor, consultant
# Roles that list no doctors: booking coordinators book clinics, a clinical director signs
# job plans, doctors open their own record.
NO_DOCTOR_LIST = {"booking", "director", "doctor", "consultant"}
# Pages that only take a form (POST); a link never leads to them.
POSTED_ONLY = {
    "web:sign-out",
    "rotas:generation-cancel",
    "rotas:request-withdraw",
    "rotas:cover-date-remove",
    "rotas:cover-mix-remove",
    "rotas:never-alone-remove",
    "rotas:pair-remove",
    "rotas:fixed-line-remove",
    "leave:decision",
    "leave:withdraw",
    "leave:return",
    "leave:minimum-staffing-remove",
    "cover:gap-offer",
    "cover:gap-phone-answer",
    "cover:gap-repair",
    "cover:repair-apply",
    "locums:rate-end",
    "jobplans:status",
    "jobplans:comment",
    "jobplans:activity-remove",
    "jobplans:on-call-remove",
    "clinics:change-decision",
    "clinics:rebooked",
    "clinics:template-retire",
    "clinics:templates-from-job-plan",
}


@dataclass(frozen=True)
class Served:
    port: int
    log: Path


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("production")
    log = folder / "gunicorn.log"
    with empty_database(folder) as database_url:
        env = production_environment(database_url, folder / "static", free_port())
        run(commands.MIGRATE, env)
        run(("python", "-m", "tests.production.trust"), env)
        run(commands.COLLECTSTATIC, env)
        with gunicorn(env, log) as port:
            yield Served(port, log)


@pytest.fixture(scope="module")
def port(served) -> int:
    return served.port


@pytest.fixture(scope="module")
def crawls(port) -> dict[str, Crawl]:
    found = {}
    for role in ROLES:
        visitor = Visitor(port)
        signed_in = visitor.sign_in(role, DEMO_PASSWORD)
        assert (signed_in.status, signed_in.header("Location")) == (302, "/"), role
        found[role] = Crawl(visitor).run()
    return found


def every_page_name() -> set[str]:
    """Every page of the site by its URL pattern's name; not the admin's or the API's."""

    def walk(patterns: list, namespace: str) -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin" or str(pattern.pattern).startswith("api/"):
                    continue
                prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, prefix)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}{pattern.name}"

    return set(walk(get_resolver().url_patterns, ""))


def all_answers(crawls: dict[str, Crawl]) -> Iterator[tuple[str, Answer]]:
    for role, crawl in crawls.items():
        for answer in crawl.answers.values():
            yield role, answer


def test_every_page_of_the_site_is_reached_by_some_role(crawls):
    reached = set().union(*(crawl.names() for crawl in crawls.values()))
    posted = {
        resolve(urlsplit(path).path).view_name
        for crawl in crawls.values()
        for path in crawl.forms_posted
    }
    reached |= {"web:sign-in"} | (posted & POSTED_ONLY)
    assert sorted(every_page_name() - reached) == []


def test_each_role_opens_every_page_it_is_shown(crawls):
    refused = [
        f"{role} {answer.path}: {answer.status}"
        for role, answer in all_answers(crawls)
        if answer.status != 200
    ]
    assert refused == []


def test_each_role_reaches_its_own_pages(crawls):
    assert "audit:log" in crawls["admin"].names()
    assert "audit:log" in crawls["staffing"].names()
    assert "people:doctor-import" in crawls["coordinator"].names()
    assert {"rotas:rota-grid", "rotas:rota-compliance"} <= crawls["manager"].names()
    assert "rotas:cover" in crawls["booking"].names()
    assert {"people:doctor-detail", "rotas:my-requests"} <= crawls["doctor"].names()


def test_every_answer_carries_the_security_headers(crawls):
    for role, answer in all_answers(crawls):
        where = f"{role} {answer.path}"
        policy = answer.header("Content-Security-Policy")
        assert "script-src 'self'" in policy, where
        assert "style-src 'self'" in policy, where
        assert "unsafe" not in policy, where
        cache = {part.strip() for part in answer.header("Cache-Control").split(",")}
        assert {"private", "no-store"} <= cache, where
        assert answer.header("Strict-Transport-Security").startswith("max-age="), where
        assert answer.header("X-Frame-Options") == "DENY", where
        assert answer.header("X-Content-Type-Options") == "nosniff", where
        assert answer.header("Referrer-Policy") == "same-origin", where


def test_no_page_runs_inline_script_or_style(crawls):
    for role, crawl in crawls.items():
        for path, links in crawl.links.items():
            found = (links.inline_scripts, links.style_attributes, links.style_elements)
            assert found == (0, 0, 0), f"{role} {path}"


def test_every_static_file_a_page_names_is_served(crawls, port):
    visitor = Visitor(port)
    assets = set().union(*(crawl.assets for crawl in crawls.values()))
    names = {asset.split("/")[-1] for asset in assets}
    assert {"favicon.ico", "favicon.svg", "nhsuk-icon-180.png"} <= {
        re.sub(r"\.[0-9a-f]{12}\.", ".", name) for name in names
    }
    for asset in sorted(assets):
        assert asset.startswith("/static/"), asset
        answer = visitor.get(asset)
        assert answer.status == 200, asset
        assert "immutable" in answer.header("Cache-Control"), asset
        assert not answer.cookies_set, asset
        if asset.endswith(".css"):
            assets_of_css = re.findall(r'url\("?([^")]+)"?\)', answer.body.decode())
            for url in (url for url in assets_of_css if not url.startswith("data:")):
                icon = visitor.get(urljoin(asset, url))
                assert (icon.status, icon.content_type) == (200, "image/svg+xml"), url
        if asset.endswith(".js"):
            assert answer.content_type == "text/javascript", asset
            for imported in re.findall(r'^import .* from "([^"]+)"', answer.body.decode(), re.M):
                assert visitor.get(urljoin(asset, imported)).status == 200, imported


def test_the_styles_load_no_font_from_another_host(crawls, port):
    visitor = Visitor(port)
    stylesheets = {a for crawl in crawls.values() for a in crawl.assets if a.endswith(".css")}
    assert stylesheets
    for stylesheet in stylesheets:
        css = visitor.get(stylesheet).body.decode()
        assert "@font-face" not in css
        assert "https://" not in css


def test_what_a_role_is_not_shown_it_is_refused_with_our_error_page(crawls):
    """Pages other roles reached, fetched by each role that was not shown them: a 403 or a
    404, never a crash; a page open to both (a department's cover) is a 200."""
    opened: dict[str, str] = {}
    for crawl in crawls.values():
        for path, answer in crawl.answers.items():
            if answer.status == 200 and path != API_DOCS:
                opened.setdefault(page_name(path) or path, path)
    for role, crawl in crawls.items():
        for name, path in sorted(opened.items()):
            if name in crawl.names():
                continue
            answer = crawl.visitor.get(path)
            where = f"{role} {path}"
            assert answer.status in {200, 403, 404}, where
            if answer.status != 200:
                assert "nhsuk-header" in answer.html, where
                assert "Page not found" in answer.html or "permission" in answer.html, where


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        ("doctor", "/doctors/", 403),
        ("doctor", "/audit/", 403),
        ("booking", "/doctors/", 403),
        ("manager", "/audit/", 403),
        ("coordinator", "/audit/", 403),
        ("admin", "/no-such-page/", 404),
    ],
)
def test_refusals_of_the_permission_matrix(crawls, role, path, status):
    answer = crawls[role].visitor.get(path)
    assert answer.status == status
    assert "nhsuk-header" in answer.html


def test_a_rota_is_not_found_for_a_doctor(crawls):
    rota = next(path for path in crawls["manager"].answers if page_name(path) == "rotas:rota-grid")
    assert crawls["doctor"].visitor.get(rota).status == 404


def test_pages_that_only_take_a_form_refuse_to_be_opened(crawls):
    for crawl in crawls.values():
        for path in crawl.forms_posted:
            if page_name(path) in POSTED_ONLY - {"web:sign-out"}:
                assert crawl.visitor.get(path).status == 405, path


API_OF_PAGE = {
    "rotas:rota-grid": lambda ids: f"/api/rotas/{ids[0]}",
    "rotas:rota-compliance": lambda ids: f"/api/rotas/{ids[0]}/compliance",
    "people:doctor-detail": lambda ids: f"/api/doctors/{ids[0]}",
    "rotas:work-schedule": lambda ids: f"/api/rotas/{ids[0]}/doctors/{ids[1]}/work-schedule",
    "rotas:generation-run": lambda ids: f"/api/generation-runs/{ids[0]}",
}


def test_the_api_answers_each_role_as_its_pages_do(crawls):
    for role, crawl in crawls.items():
        addresses = ["/api/departments", "/api/doctors"]
        for path in crawl.answers:
            to_api = API_OF_PAGE.get(page_name(path) or "")
            if to_api:
                addresses.append(to_api(re.findall(r"\d+", path)))
        for address in addresses:
            answer = crawl.visitor.get(address)
            where = f"{role} {address}"
            expected = (
                {403}
                if address == "/api/doctors"
                and role in {"booking", "director", "doctor", "consultant"}
                else {200}
            )
            assert answer.status in expected, where
            assert answer.content_type == "application/json", where
            assert "no-store" in answer.header("Cache-Control"), where


def test_an_unknown_api_address_answers_json(port):
    answer = Visitor(port).get("/api/no-such-endpoint")
    assert (answer.status, answer.content_type) == (404, "application/json")


def test_the_api_docs_and_schema_are_served_from_our_own_files(crawls):
    docs = crawls["staffing"].answers[API_DOCS]
    assert docs.status == 200
    assert "/static/ninja/swagger-ui-bundle." in docs.html
    assert "https://" not in docs.html
    schema = crawls["staffing"].visitor.get("/api/openapi.json")
    assert (schema.status, schema.content_type) == (200, "application/json")


def test_the_session_cookie_is_secure_and_not_for_scripts(port):
    signed_in = Visitor(port).sign_in("coordinator", DEMO_PASSWORD)
    session = next(c for c in signed_in.cookies_set if c.startswith("sessionid="))
    assert "Secure" in session
    assert "HttpOnly" in session


def test_plain_http_is_sent_to_https(port):
    """Without the proxy's word that the request came over HTTPS."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", "/sign-in/", headers={"Host": f"127.0.0.1:{port}"})
        response = connection.getresponse()
    finally:
        connection.close()
    assert response.status == 301
    assert response.headers["Location"] == f"https://127.0.0.1:{port}/sign-in/"


def test_no_request_crashed(crawls, served):
    """gunicorn's access log, one line a request, holds no 500 after every role's crawl."""
    statuses = re.findall(r'" (\d{3}) ', served.log.read_text())
    assert statuses
    assert "500" not in statuses
