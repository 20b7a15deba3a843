"""The REST API. Each area of the domain adds its own router; signed-in users only.

Errors come back as ``{"detail": ..., "errors": [{"line", "field", "message"}]}`` so that
a client can name the row and field at fault, the same way the pages and the CLI do.
"""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.security import django_auth

from rotaplan.people.import_api import router as doctor_import_router

api = NinjaAPI(
    title="Rotaplan API",
    version="1",
    description="Doctors, departments and rotas of an NHS trust. Sign in first; every "
    "endpoint answers only with what the signed-in user's role may see.",
    auth=django_auth,
)

api.add_router("/doctors", doctor_import_router)
api.add_router("/departments", "rotaplan.organisation.api.router")
api.add_router("/doctors", "rotaplan.people.api.router")
api.add_router("/rotas", "rotaplan.rotas.api.router")
