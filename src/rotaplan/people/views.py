"""Placeholder views, replaced as the pages are built."""

from django.http import HttpRequest, HttpResponse


def doctor_list(request: HttpRequest, pk: int = 0) -> HttpResponse:
    return HttpResponse(status=501)


def doctor_detail(request: HttpRequest, pk: int = 0) -> HttpResponse:
    return HttpResponse(status=501)


def doctor_edit(request: HttpRequest, pk: int = 0) -> HttpResponse:
    return HttpResponse(status=501)
