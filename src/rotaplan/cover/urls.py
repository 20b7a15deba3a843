from django.urls import path

from . import views
from .repair import views as repair_views

app_name = "cover"

urlpatterns = [
    path("gaps/", views.register, name="register"),
    path("gaps/gap-register.csv", views.register_download, {"fmt": "csv"}, name="register-csv"),
    path("gaps/gap-register.xlsx", views.register_download, {"fmt": "xlsx"}, name="register-xlsx"),
    path("gaps/<int:pk>/", views.gap_detail, name="gap"),
    path("gaps/<int:pk>/offer/", views.gap_offer_send, name="gap-offer"),
    path("gaps/<int:pk>/answer/", views.gap_phone_answer, name="gap-phone-answer"),
    path("gaps/<int:pk>/cancel/", views.gap_cancel_page, name="gap-cancel"),
    path("gaps/<int:pk>/repair/", repair_views.repair_ask, name="gap-repair"),
    path("repairs/<int:pk>/", repair_views.repair_page, name="repair"),
    path("repairs/<int:pk>/apply/", repair_views.repair_apply_page, name="repair-apply"),
    path("offers/<int:pk>/", views.offer_page, name="offer"),
]
