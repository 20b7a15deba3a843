"""Every page a person can reach by following the links they are shown, from the home
page, with what each page links to: other pages, the forms it posts, its static files."""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

from tests.page_markup import PageMarkup, markup

from .server import Answer, Visitor

# Each page is fetched for up to this many records (three rotas: two published and a
# draft), so that a page with something to show for one record and not another is seen.
RECORDS_PER_PAGE = 3
# Followed as pages: the API's documentation is; the API itself, the admin, static files
# and signing out are not.
NOT_PAGES = ("/api/", "/admin/", "/static/", "/sign-out/")
API_DOCS = "/api/docs"


def page_name(path: str) -> str | None:
    """The URL pattern's name (``rotas:rota-grid``) of a page, None for anything else."""
    address = urlsplit(path).path
    if address.startswith(NOT_PAGES) and address != API_DOCS:
        return None
    try:
        match = resolve(address)
    except Resolver404:
        return None
    return match.view_name


@dataclass
class Crawl:
    """What one signed-in person reached."""

    visitor: Visitor
    answers: dict[str, Answer] = field(default_factory=dict)
    links: dict[str, PageMarkup] = field(default_factory=dict)
    forms_posted: set[str] = field(default_factory=set)
    assets: set[str] = field(default_factory=set)

    def run(self, start: str = "/") -> Crawl:
        queue = deque([start])
        fetched: Counter[str] = Counter()
        while queue:
            path = queue.popleft()
            name = page_name(path)
            if path in self.answers or name is None or fetched[name] >= RECORDS_PER_PAGE:
                continue
            fetched[name] += 1
            answer = self.visitor.get(path)
            self.answers[path] = answer
            if not answer.html:
                continue
            links = markup(answer.html, path)
            self.links[path] = links
            self.forms_posted.update(links.forms_posted)
            self.assets.update(links.assets)
            queue.extend(link for link in links.pages if link not in self.answers)
        return self

    def names(self, status: int = 200) -> set[str]:
        return {
            name
            for path, answer in self.answers.items()
            if answer.status == status and (name := page_name(path))
        }
