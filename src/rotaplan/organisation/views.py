"""Placeholder views, replaced as the pages are built."""

from django.http import HttpRequest, HttpResponse


def department_list(request: HttpRequest, pk: int = 0) -> HttpResponse:
    return HttpResponse(status=501)


def department_detail(request: HttpRequest, pk: int = 0) -> HttpResponse:
    return HttpResponse(status=501)
