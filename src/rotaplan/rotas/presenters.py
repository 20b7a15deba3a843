"""How rotas and shifts read on a page: a rota's status as a tag, a shift's times."""

from __future__ import annotations

from datetime import time

from rotaplan.engine.clock import format_day, hours_between, to_london

from .models import Assignment, RotaStatus

STATUS_COLOURS = {RotaStatus.DRAFT: "grey", RotaStatus.PUBLISHED: "green"}


def rota_status_tag(status: str) -> dict[str, str]:
    """Parameters of the NHS.UK tag for a rota's status: drafts grey, published green."""
    return {"text": RotaStatus(status).label, "colour": STATUS_COLOURS[RotaStatus(status)]}


def hours_text(hours: float) -> str:
    return f"{hours:g} hour{'' if hours == 1 else 's'}"


def shift_times(assignment: Assignment) -> str:
    """ "20:00 to 08:30 Tue 4 Aug 2026 (12.5 hours)": London wall-clock times, the end's day
    when the shift crosses midnight, and the real length, which a clock change makes an
    hour longer or shorter than the wall clock suggests."""
    start, end = to_london(assignment.start), to_london(assignment.end)
    text = f"{start:%H:%M} to {end:%H:%M}"
    if end.date() != start.date():
        text += f" {format_day(end.date())}"
    return f"{text} ({hours_text(hours_between(start, end))})"


def shift_type_times(start: time, end: time) -> str:
    """A shift type's times as the legend shows them: "20:00 to 08:30 next day"."""
    return f"{start:%H:%M} to {end:%H:%M}{' next day' if end <= start else ''}"
