"""Sign-in, sign-out and the home page each role lands on."""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .home import home_sections
from .sign_in import SignInForm


class SignInView(LoginView):
    template_name = "web/sign_in.jinja"
    form_class = SignInForm
    redirect_authenticated_user = True


# The NHS.UK header's account form carries no CSRF token. Forging a sign-out can only sign
# someone out, so the view accepts POST without one rather than hand-writing the header.
@csrf_exempt
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("web:sign-in")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    sections = home_sections(request.user)
    return render(request, "web/home.jinja", {"title": "Home", "sections": sections})


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (the Django admin's): the
    NHS icon, not a 404 in every log. Not a permanent redirect: the icon's hashed name
    changes with a release, and browsers keep a permanent one for good."""
    return redirect(static("nhsuk/assets/images/favicon.ico"))
