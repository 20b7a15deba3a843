"""The sign-in form, and what a locked-out sign-in is told (django-axes'
``AXES_LOCKOUT_CALLABLE``): the sign-in page again, with 429, saying how long to wait. The
words are the same whether or not the username exists, so the lockout tells nobody which
accounts there are."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class SignInForm(AuthenticationForm):
    """Django's sign-in form in the NHS service manual's words: a field left empty is named
    ("Enter your username"), a wrong pair is one message that does not say which is wrong."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return (
        "You have entered the wrong username or password too many times. Wait "
        f"{minutes} minutes, then try again, or ask your administrator to reset your password."
    )


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    # Unbound, with the username as typed: a bound form would try the password again.
    form = SignInForm(request, initial={"username": request.POST.get("username", "")})
    return render(
        request,
        "web/sign_in.jinja",
        {"form": form, "next": request.POST.get("next", ""), "locked_out": lockout_message()},
        status=429,
    )
