"""The Jinja2 environment: our templates first, then the NHS.UK frontend component macros."""

from __future__ import annotations

from typing import Any

from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader

from . import nhs_forms, presenters
from .remembered import remembered


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options: Any) -> Environment:
    options["loader"] = ChoiceLoader(
        [options["loader"], PackageLoader("nhsuk_frontend_jinja", "templates")]
    )
    # The component macros read optional parameters in chains (params.hint.text).
    options["undefined"] = ChainableUndefined
    options.setdefault("autoescape", True)
    options.setdefault("trim_blocks", True)
    options.setdefault("lstrip_blocks", True)
    env = Environment(**options)
    env.globals.update(
        static=static,
        url=url,
        period=presenters.period,
        error_summary_items=nhs_forms.error_summary_items,
        error_message=nhs_forms.error_message,
        choice_items=nhs_forms.choice_items,
        remembered=remembered,
    )
    env.filters.update(
        day=presenters.day,
        moment=presenters.moment,
        time_of_day=presenters.time_of_day,
    )
    return env
