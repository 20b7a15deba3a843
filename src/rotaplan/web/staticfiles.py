"""Where Django finds the static files to collect: as usual, less django-ninja's Redoc,
which it ships beside Swagger UI while the API's docs are Swagger UI. A finder rather than
a ``StaticFilesConfig`` subclass, so that ``django.contrib.staticfiles`` stays in
``INSTALLED_APPS`` by name, as tools look for it (pytest-django's live server does)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.staticfiles.finders import AppDirectoriesFinder

NOT_SERVED = ["redoc.standalone.js*"]


class AppStaticFiles(AppDirectoriesFinder):
    def list(self, ignore_patterns: Iterable[str] | None) -> Iterable[Any]:
        return super().list([*(ignore_patterns or []), *NOT_SERVED])
