"""The page where a signed-in user changes their own password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.web.nhs_forms import error_summary_items

from .services import password_change

# Django's own words, in the NHS service manual's: what to do, not what went wrong.
ERROR_MESSAGES = {
    "old_password": {"required": "Enter your current password"},
    "new_password1": {"required": "Enter a new password"},
    "new_password2": {"required": "Enter the new password again"},
}


@login_required
@require_http_methods(["GET", "POST"])
def change_password(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST if request.method == "POST" else None)
    for name, words in ERROR_MESSAGES.items():
        form.fields[name].error_messages.update(words)
    if form.is_bound and form.is_valid():
        password_change(user=request.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)  # stay signed in here, out elsewhere
        messages.success(request, "Your password has been changed")
        return redirect("web:home")
    return render(
        request,
        "people/password_change.jinja",
        {
            "title": "Change your password",
            "form": form,
            "page_errors": error_summary_items(form),
        },
    )
