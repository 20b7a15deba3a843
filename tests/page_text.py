"""A page's words without its markup, so tests can read it as a person would."""

from __future__ import annotations

import re
from html import unescape

from django.http import HttpResponse


def page_text(response: HttpResponse) -> str:
    return words(response.content.decode())


def words(html: str) -> str:
    """The words of a piece of a page, one space between each."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()
