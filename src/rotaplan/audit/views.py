"""Placeholder views, replaced as the pages are built."""

from django.http import HttpRequest, HttpResponse


def audit_log(request: HttpRequest, pk: int = 0) -> HttpResponse:
    return HttpResponse(status=501)
