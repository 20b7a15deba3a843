"""What the rotas page tests share: a form's date fields as the NHS date input posts them,
and a request by method name."""

from __future__ import annotations

from datetime import date


def date_fields(name: str, day: date) -> dict[str, str]:
    return {
        f"{name}[day]": str(day.day),
        f"{name}[month]": str(day.month),
        f"{name}[year]": str(day.year),
    }


def call(client, method, url):
    return client.post(url) if method == "post" else client.get(url)
