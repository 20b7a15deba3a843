from django.contrib import admin
from django.urls import include, path

from rotaplan.api.site import api
from rotaplan.selfservice.urls import feed_urlpatterns

urlpatterns = [
    path("", include("rotaplan.web.urls")),
    path("departments/", include("rotaplan.organisation.urls")),
    path("doctors/", include("rotaplan.people.urls")),
    path("account/", include("rotaplan.people.account.urls")),
    path("rotas/", include("rotaplan.rotas.urls")),
    path("audit/", include("rotaplan.audit.urls")),
    path("my/", include("rotaplan.selfservice.urls")),
    path("calendar/", include(feed_urlpatterns)),
    path("cover/", include("rotaplan.cover.urls")),
    path("leave/", include("rotaplan.leave.urls")),
    path("locums/", include("rotaplan.locums.urls")),
    path("claims/", include("rotaplan.claims.urls")),
    path("job-plans/", include("rotaplan.jobplans.urls")),
    path("clinics/", include("rotaplan.clinics.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

# NHS-styled error pages (JSON under /api/); see rotaplan.web.errors.
handler403 = "rotaplan.web.errors.permission_denied"
handler404 = "rotaplan.web.errors.page_not_found"
handler500 = "rotaplan.web.errors.server_error"
