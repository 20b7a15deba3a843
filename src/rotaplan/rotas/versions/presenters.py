"""A published rota's versions in words: what each took off and put on, who, when, why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rotaplan.engine.clock import format_day
from rotaplan.web.presenters import moment

from ..models import RotaChange


@dataclass(frozen=True)
class ChangeView:
    version: int
    heading: str
    summary: list[dict[str, dict[str, str]]]
    lines: list[str]


def _shift(entry: dict[str, Any]) -> str:
    return (
        f"{entry['doctor']}: {entry['code']} ({entry['name']}) on "
        f"{format_day(date.fromisoformat(entry['date']))}"
    )


def change_views(changes: Sequence[RotaChange]) -> list[ChangeView]:
    views = []
    for change in changes:
        who = change.made_by.display_name
        views.append(
            ChangeView(
                version=change.version,
                heading=f"Version {change.version}",
                summary=[
                    {"key": {"text": "When"}, "value": {"text": moment(change.made_at)}},
                    {"key": {"text": "Who"}, "value": {"text": who}},
                    {"key": {"text": "Why"}, "value": {"text": change.reason}},
                ],
                lines=[f"Taken off: {_shift(e)}" for e in change.removed]
                + [f"Put on: {_shift(e)}" for e in change.added],
            )
        )
    return views
