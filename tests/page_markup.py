"""What a page links to and what in it a Content-Security-Policy of our own files only would
block, read from its HTML as a browser would find it."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin


class PageMarkup(HTMLParser):
    """The pages a page links to (same site), the forms it posts, the files it loads
    (stylesheets, icons, scripts), and its inline scripts (a ``<script>`` without ``src``,
    an ``onclick=``), ``style=`` attributes and ``<style>`` elements."""

    def __init__(self, page: str = "/") -> None:
        super().__init__()
        self.page = page
        self.pages: list[str] = []
        self.forms_posted: list[str] = []
        self.assets: list[str] = []
        self.inline_scripts = 0
        self.style_attributes = 0
        self.style_elements = 0
        self._in_inline_script = False

    def _address(self, href: str) -> str:
        return urljoin(self.page, href.split("#")[0])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        self.style_attributes += "style" in found
        self.inline_scripts += any(name.startswith("on") for name in found)  # onclick=...
        self.style_elements += tag == "style"
        if tag == "a" and found.get("href", "").startswith("/"):
            self.pages.append(self._address(found["href"]))
        elif tag == "form" and found.get("method", "get").lower() == "post":
            self.forms_posted.append(self._address(found.get("action") or self.page))
        elif tag == "link" and found.get("href"):
            self.assets.append(self._address(found["href"]))
        elif tag == "script":
            if found.get("src"):
                self.assets.append(self._address(found["src"]))
            else:  # a data block (type="application/json") is not run
                self._in_inline_script = found.get("type") != "application/json"

    def handle_data(self, data: str) -> None:
        if self._in_inline_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_inline_script = False


def markup(html: str, page: str = "/") -> PageMarkup:
    parser = PageMarkup(page)
    parser.feed(html)
    return parser
