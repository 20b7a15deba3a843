"""A doctor's own pages, made for a phone: their rota, swaps, offers of extra shifts, the
calendar feed and their notifications; and the coordinator's approval of swaps.

Only a user linked to a doctor has the doctor's pages: anyone else gets the same 404 as a
page that does not exist. The calendar feed itself is read by calendar apps without a
sign-in, by its secret address."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from rotaplan.audit.services import read_record
from rotaplan.cover.services import CannotTake, GapChanged, offer_answer
from rotaplan.people import access
from rotaplan.people.access import AuthenticatedHttpRequest
from rotaplan.people.models import Doctor
from rotaplan.web.nhs_forms import error_summary_items
from rotaplan.web.pages import add_service_errors, found

from .calendar_feed import calendar_document
from .forms import AnswerForm, DecisionForm, FeedForm, OfferAnswerForm, SwapForm
from .models import ShiftSwap, SwapStatus
from .presenters import (
    note_link,
    offer_rows,
    rota_weeks,
    shift_with_day,
    swap_facts,
    swap_rows,
    swap_status_tag,
)
from .selectors import (
    colleague_for_swap,
    colleague_shift,
    colleague_shifts,
    decidable_swap,
    feed_by_token,
    feed_leave,
    feed_shifts,
    leave_between,
    live_feed,
    my_notifications,
    my_offers,
    my_swaps,
    own_doctor,
    own_offer,
    published_shifts,
    swap_colleagues,
    swappable_shift,
    swaps_asked,
    swaps_to_answer,
    swaps_to_approve,
    visible_swap,
)
from .services import (
    SwapBreaksRules,
    SwapConflict,
    feed_create,
    feed_revoke,
    notifications_mark_read,
    swap_answer,
    swap_decide,
    swap_request,
    swap_withdraw,
)

# My rota: this week and the five after it.
ROTA_WEEKS = 6


def the_doctor(request: AuthenticatedHttpRequest) -> Doctor:
    """The signed-in doctor; a 404 for anyone else."""
    return found(own_doctor(request.user))


@login_required
@require_GET
def my_rota(request: AuthenticatedHttpRequest) -> HttpResponse:
    doctor = the_doctor(request)
    today = timezone.localdate()
    weeks = rota_weeks(
        today=today,
        weeks=ROTA_WEEKS,
        shifts=published_shifts(doctor, today),
        leave=leave_between(doctor, today),
        swap_href=lambda a: reverse("selfservice:swap-ask", args=[a.pk]),
        asked=swaps_asked(doctor),
    )
    return render(
        request,
        "selfservice/my_rota.jinja",
        {
            "title": "Your rota",
            "doctor": doctor,
            "weeks": weeks,
            "to_answer": len(swaps_to_answer(doctor)),
            "leave_href": reverse("leave:your-leave"),
            "claims_href": reverse("claims:mine"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def swap_ask(request: AuthenticatedHttpRequest, assignment_id: int) -> HttpResponse:
    """Step one (GET) chooses the colleague, step two (POST) their shift."""
    the_doctor(request)
    today = timezone.localdate()
    shift = found(swappable_shift(request.user, assignment_id, today))
    colleagues = swap_colleagues(shift)
    data = request.POST if request.method == "POST" else request.GET
    chosen: Doctor | None = None
    raw = data.get("colleague", "")
    if raw.isdigit():
        chosen = colleague_for_swap(shift, int(raw))
    their_shifts = colleague_shifts(shift, chosen, today) if chosen else []
    form = SwapForm(
        data if (request.method == "POST" or raw) else None,
        colleagues=colleagues,
        their_shifts=their_shifts,
    )
    if request.method == "POST" and form.is_valid() and chosen is not None:
        theirs_id = form.cleaned_data["colleague_assignment"]
        theirs = colleague_shift(shift, chosen, theirs_id) if theirs_id else None
        try:
            swap = swap_request(
                actor=request.user,
                assignment=shift,
                colleague=chosen,
                colleague_assignment=theirs,
                note=form.cleaned_data["note"],
            )
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        except SwapBreaksRules as breaking:
            for problem in breaking.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, f"{chosen} has been asked to swap")
            return redirect("selfservice:swap", swap.pk)
    elif raw and form.is_bound:
        form.is_valid()  # step one: show a wrong colleague at once
    return render(
        request,
        "selfservice/swap_ask.jinja",
        {
            "title": "Ask for a swap",
            "shift": shift_with_day(shift),
            "form": form,
            "chosen": chosen,
            "has_colleagues": bool(colleagues),
            "page_errors": error_summary_items(form) if form.is_bound else [],
        },
    )


@login_required
@require_GET
def swaps(request: AuthenticatedHttpRequest) -> HttpResponse:
    doctor = the_doctor(request)
    return render(
        request,
        "selfservice/swaps.jinja",
        {
            "title": "Your shift swaps",
            "rows": swap_rows(my_swaps(doctor), lambda s: reverse("selfservice:swap", args=[s.pk])),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def swap_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The swap, with the colleague's answer or the asker's withdrawal."""
    swap = found(visible_swap(request.user, pk))
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        answer = form.cleaned_data["answer"]
        version = form.cleaned_data["version"]
        try:
            if answer == "withdraw":
                swap_withdraw(actor=request.user, swap=swap, version=version)
                done = "The swap is withdrawn"
            else:
                accept = answer == "accept"
                swap_answer(actor=request.user, swap=swap, accept=accept, version=version)
                done = (
                    "You accepted the swap: it now waits for the rota coordinator"
                    if accept
                    else "You declined the swap"
                )
        except PermissionDenied:
            raise Http404 from None
        except (SwapConflict, SwapBreaksRules) as refused:
            for problem in _problems(refused):
                form.add_error(None, problem)
        else:
            messages.success(request, done)
            return redirect("selfservice:swap", swap.pk)
    doctor_id = request.user.doctor_id
    return render(
        request,
        "selfservice/swap.jinja",
        {
            "title": "Shift swap",
            "swap": swap,
            "facts": swap_facts(swap),
            "status": swap_status_tag(swap.status),
            "may_answer": swap.status == SwapStatus.WAITING and doctor_id == swap.colleague_id,
            "may_withdraw": swap.status in (SwapStatus.WAITING, SwapStatus.ACCEPTED)
            and doctor_id == swap.requester_id,
            "may_decide": swap.status == SwapStatus.ACCEPTED
            and access.coordinates(request.user, swap.rota.department_id),
            "page_errors": error_summary_items(form) if form.is_bound else [],
        },
    )


def _problems(refused: SwapConflict | SwapBreaksRules) -> list[str]:
    if isinstance(refused, SwapBreaksRules):
        return refused.problems
    return [refused.message]


@login_required
@require_GET
def swap_approvals(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not access.has_role(request.user, *access.TRUST_WIDE_ROLES, "rota_coordinator"):
        raise Http404
    return render(
        request,
        "selfservice/swap_approvals.jinja",
        {
            "title": "Shift swaps waiting for approval",
            "rows": swap_rows(
                swaps_to_approve(request.user),
                lambda s: reverse("selfservice:swap-decide", args=[s.pk]),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def swap_decide_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    swap: ShiftSwap = found(decidable_swap(request.user, pk))
    form = DecisionForm(
        request.POST if request.method == "POST" else None, initial={"version": swap.version}
    )
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            swap_decide(
                actor=request.user,
                swap=swap,
                approve=approve,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        except (SwapConflict, SwapBreaksRules) as refused:
            for problem in _problems(refused):
                form.add_error(None, problem)
        else:
            messages.success(
                request,
                "The swap is approved: the rota has changed and both doctors are told"
                if approve
                else "The swap is refused: both doctors are told",
            )
            return redirect("selfservice:swap-approvals")
    return render(
        request,
        "selfservice/swap_decide.jinja",
        {
            "title": "Decide a shift swap",
            "swap": swap,
            "facts": swap_facts(swap),
            "status": swap_status_tag(swap.status),
            "open": swap.status == SwapStatus.ACCEPTED,
            "form": form,
            "page_errors": error_summary_items(form) if form.is_bound else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def offers(request: AuthenticatedHttpRequest) -> HttpResponse:
    doctor = the_doctor(request)
    form = OfferAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        offer = found(own_offer(request.user, form.cleaned_data["offer"]))
        accept = form.cleaned_data["answer"] == "accept"
        try:
            offer_answer(actor=request.user, offer=offer, accept=accept)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as invalid:
            add_service_errors(form, invalid)
        except (GapChanged, CannotTake) as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request,
                "You accepted the shift: it is on your rota" if accept else "You declined it",
            )
            return redirect("selfservice:offers")
    return render(
        request,
        "selfservice/offers.jinja",
        {
            "title": "Offers of extra shifts",
            "rows": offer_rows(my_offers(doctor)),
            "page_errors": error_summary_items(form) if form.is_bound else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def calendar(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Make or stop the calendar feed; a new feed's address is shown once, here."""
    doctor = the_doctor(request)
    form = FeedForm(request.POST if request.method == "POST" else None)
    address = ""
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["action"] == "create":
            _feed, token = feed_create(actor=request.user)
            address = request.build_absolute_uri(feed_path(token))
        else:
            feed_revoke(actor=request.user)
            messages.success(request, "Your calendar feed is stopped: its address no longer works")
            return redirect("selfservice:calendar")
    return render(
        request,
        "selfservice/calendar.jinja",
        {
            "title": "Calendar feed",
            "feed": live_feed(doctor),
            "address": address,
            "page_errors": error_summary_items(form) if form.is_bound else [],
        },
    )


def feed_path(token: str) -> str:
    """The feed's address: not a named page, so no crawl or link finds it."""
    return f"/calendar/{token}.ics"


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar document, by the secret token alone. A revoked or unknown token is a
    plain 404, saying nothing of which."""
    held = feed_by_token(token)
    if held is None:
        raise Http404
    doctor = held.doctor
    today = timezone.localdate()
    document = calendar_document(
        name=f"Rota of {doctor}",
        shifts=feed_shifts(doctor, today),
        leave=feed_leave(doctor, today),
        now=timezone.now(),
    )
    read_record(
        actor=held.created_by,
        subject=doctor,
        what="their shifts and leave, through their calendar feed (no sign-in)",
    )
    response = HttpResponse(document, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="rota.ics"'
    return response


@login_required
@require_GET
def notifications(request: AuthenticatedHttpRequest) -> HttpResponse:
    shown = my_notifications(request.user)
    unread = {n.pk for n in shown if n.read is None}
    notifications_mark_read(user=request.user, notifications=shown)
    sees_rotas = access.has_role(request.user, *access.TRUST_WIDE_ROLES, *access.ROTA_VIEW_ROLES)
    own_rota = reverse("selfservice:my-rota") if request.user.doctor_id else ""
    links = {n.pk: note_link(n.link, sees_rotas=sees_rotas, own_rota=own_rota) for n in shown}
    return render(
        request,
        "selfservice/notifications.jinja",
        {"title": "Your notifications", "notes": shown, "unread": unread, "links": links},
    )
