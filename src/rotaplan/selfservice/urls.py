from django.urls import path

from . import views

app_name = "selfservice"

urlpatterns = [
    path("rota/", views.my_rota, name="my-rota"),
    path("rota/shifts/<int:assignment_id>/swap/", views.swap_ask, name="swap-ask"),
    path("swaps/", views.swaps, name="swaps"),
    path("swaps/approvals/", views.swap_approvals, name="swap-approvals"),
    path("swaps/<int:pk>/", views.swap_page, name="swap"),
    path("swaps/<int:pk>/decide/", views.swap_decide_page, name="swap-decide"),
    path("offers/", views.offers, name="offers"),
    path("calendar/", views.calendar, name="calendar"),
    path("notifications/", views.notifications, name="notifications"),
]

# The feed calendar apps read, by its secret address alone: no name, as no page links to
# it (it is shown once, when made) and no crawl should look for it.
feed_urlpatterns = [
    path("<str:token>.ics", views.feed),
]
