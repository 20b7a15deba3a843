"""Planned against delivered as the pages show it: PAs a week to two decimal places
planned and one delivered, lines not recorded said so, and the department's chart of
planned against delivered by category drawn as SVG on the server (no script, no style:
the page's Content-Security-Policy forbids both; colours are presentation attributes)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.urls import reverse
from django.utils.html import format_html

from rotaplan.engine.jobplan.delivery import (
    CategoryDelivery,
    LineDelivery,
    Recorded,
    delivered_words,
    pas_words,
)
from rotaplan.engine.jobplan.plan import Category

from .selectors import ClinicianReport, DeliveryReport

CATEGORY_WORDS = {
    Category.DCC: "Direct clinical care",
    Category.SPA: "Supporting professional activities",
    Category.ANR: "Additional NHS responsibilities",
    Category.EXTERNAL: "External duties",
}
CATEGORY_SHORT = {
    Category.DCC: "DCC",
    Category.SPA: "SPA",
    Category.ANR: "ANR",
    Category.EXTERNAL: "External",
}
NOT_RECORDED = "Not recorded"

# NHS identity colours: NHS Blue for planned, NHS Aqua Green for delivered, NHS Dark Grey
# for axes and words.
PLANNED_COLOUR = "#005eb8"
DELIVERED_COLOUR = "#00a499"
TEXT_COLOUR = "#425563"


def delivered_cell(value: Fraction | None) -> str:
    return NOT_RECORDED if value is None else delivered_words(value)


def line_note(done: LineDelivery) -> str:
    if done.alert:
        return done.alert
    if done.line.recorded is Recorded.NOT_RECORDED:
        return "Rotaplan holds no record of this activity"
    if done.delivered_weekly is None:
        return "No week at work in the period"
    if done.line.recorded is Recorded.SPA and done.lost_weeks:
        return f"Lost {done.lost_weeks} of {done.working_weeks} weeks"
    return ""


def line_rows(report: ClinicianReport) -> list[list[dict[str, str]]]:
    if report.delivery is None:
        return []
    return [
        [
            {"text": done.line.description},
            {"text": CATEGORY_SHORT[done.line.category]},
            {"text": pas_words(done.line.planned_weekly), "format": "numeric"},
            {"text": delivered_cell(done.delivered_weekly), "format": "numeric"},
            {"text": str(done.working_weeks), "format": "numeric"},
            {"text": line_note(done)},
        ]
        for done in report.delivery.lines
    ]


def category_rows(
    categories: list[CategoryDelivery] | tuple[CategoryDelivery, ...],
) -> list[list[dict[str, str]]]:
    return [
        [
            {"text": CATEGORY_WORDS[c.category]},
            {"text": pas_words(c.planned), "format": "numeric"},
            {"text": pas_words(c.planned_recorded), "format": "numeric"},
            {"text": delivered_words(c.delivered), "format": "numeric"},
        ]
        for c in categories
    ]


def clinician_rows(report: DeliveryReport) -> list[list[dict[str, str]]]:
    rows: list[list[dict[str, str]]] = []
    for clinician in report.clinicians:
        link = reverse("jobplans:delivery-doctor", args=[clinician.doctor.pk])
        name: dict[str, str] = {"html": format_html('<a href="{}">{}</a>', link, clinician.doctor)}
        done = clinician.delivery
        if done is None:
            rows.append(
                [name, {"text": "No agreed job plan"}, {"text": ""}, {"text": ""}, {"text": ""}]
            )
            continue
        rows.append(
            [
                name,
                {"text": pas_words(done.planned), "format": "numeric"},
                {"text": pas_words(done.planned_recorded), "format": "numeric"},
                {"text": delivered_words(done.delivered), "format": "numeric"},
                {"text": str(len(done.alerts)), "format": "numeric"},
            ]
        )
    return rows


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    label: str


@dataclass(frozen=True)
class AxisLabel:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class DeliveryChart:
    width: int
    height: int
    bars: list[Bar]
    groups: list[AxisLabel]
    ticks: list[AxisLabel]
    gridlines: list[float]
    plot_left: float
    plot_right: float
    baseline: float
    legend: list[tuple[float, str, str]]
    title: str


WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 36, 40


def _nice_top(value: float) -> float:
    """A round figure at or above the biggest bar, so the axis reads 0, 5, 10 ..."""
    if value <= 0:
        return 1.0
    step = 1.0
    while step * 10 <= value:
        step *= 10
    while step > value:
        step /= 10
    for multiple in (1, 2, 2.5, 5, 10):
        if step * multiple >= value:
            return step * multiple
    return step * 10


def delivery_chart(report: DeliveryReport) -> DeliveryChart:
    """Side-by-side bars for each category: planned PAs a week of the activities
    Rotaplan records, and delivered PAs a week, summed over the department's clinicians."""
    categories = report.categories
    top = _nice_top(
        max((float(max(c.planned_recorded, c.delivered)) for c in categories), default=0.0)
    )
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    slot = plot_width / max(len(categories), 1)
    bar_width = min(slot * 0.3, 48)

    def height_of(value: Fraction) -> float:
        return round(plot_height * float(value) / top, 2)

    bars: list[Bar] = []
    groups: list[AxisLabel] = []
    for index, c in enumerate(categories):
        left = LEFT + slot * index + (slot - 2 * bar_width) / 2
        name = CATEGORY_SHORT[c.category]
        for offset, value, colour, words in (
            (0, c.planned_recorded, PLANNED_COLOUR, "planned"),
            (bar_width, c.delivered, DELIVERED_COLOUR, "delivered"),
        ):
            h = height_of(value)
            figure = pas_words(value) if words == "planned" else delivered_words(value)
            bars.append(
                Bar(
                    round(left + offset, 2),
                    round(baseline - h, 2),
                    round(bar_width, 2),
                    h,
                    colour,
                    f"{name}: {words} {figure} PAs a week",
                )
            )
        groups.append(AxisLabel(round(left + bar_width, 2), baseline + 18, name))
    ticks: list[AxisLabel] = []
    gridlines: list[float] = []
    for step in range(5):
        tick = top * step / 4
        y = round(baseline - plot_height * step / 4, 2)
        gridlines.append(y)
        ticks.append(AxisLabel(LEFT - 6, y + 4, f"{tick:g}"))
    return DeliveryChart(
        width=WIDTH,
        height=HEIGHT,
        bars=bars,
        groups=groups,
        ticks=ticks,
        gridlines=gridlines,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        baseline=baseline,
        legend=[
            (LEFT, PLANNED_COLOUR, "Planned (recorded activities)"),
            (LEFT + 230, DELIVERED_COLOUR, "Delivered"),
        ],
        title=f"PAs a week planned and delivered by category, {report.period.title}",
    )
