from django.contrib import admin
from django.urls import include, path

from rotaplan.api import api

urlpatterns = [
    path("", include("rotaplan.web.urls")),
    path("departments/", include("rotaplan.organisation.urls")),
    path("doctors/", include("rotaplan.people.urls")),
    path("rotas/", include("rotaplan.rotas.urls")),
    path("audit/", include("rotaplan.audit.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
