"""Django's paginator in the shape the NHS.UK pagination macro takes."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import QueryDict


def pagination_params(page: Page[Any], query: QueryDict) -> dict[str, Any] | None:
    """Numbered links for ``page``, keeping the other query parameters (the filters), so
    moving to page 3 of a filtered list stays filtered. ``None`` when there is one page."""
    if page.paginator.num_pages <= 1:
        return None

    def href(number: int) -> str:
        linked = query.copy()
        linked["page"] = str(number)
        return f"?{linked.urlencode()}"

    items: list[dict[str, Any]] = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == Paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append(
                {"number": number, "href": href(int(number)), "current": number == page.number}
            )
    params: dict[str, Any] = {"items": items}
    if page.has_previous():
        params["previous"] = {"href": href(page.previous_page_number())}
    if page.has_next():
        params["next"] = {"href": href(page.next_page_number())}
    return params
